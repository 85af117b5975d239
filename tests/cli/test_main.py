from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from kiemchung import __version__
from kiemchung.cli.main import build_cli


def test_help_lists_commands() -> None:
    result = CliRunner().invoke(build_cli(), ["--help"])
    assert result.exit_code == 0
    assert "db" in result.output and "config" in result.output


def test_version() -> None:
    result = CliRunner().invoke(build_cli(), ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_every_command_has_help() -> None:
    cli = build_cli()
    runner = CliRunner()
    for name in cli.commands:
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, (name, result.output)
        assert "Usage" in result.output


def test_db_upgrade_and_status(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'k.db'}"
    runner = CliRunner()
    first = runner.invoke(build_cli(), ["--db", url, "db", "upgrade"])
    assert first.exit_code == 0 and "(empty) → 0003" in first.output
    again = runner.invoke(build_cli(), ["--db", url, "db", "upgrade"])
    assert "up to date" in again.output
    status = runner.invoke(build_cli(), ["--db", url, "db", "status"])
    assert "schema: 0003" in status.output


def test_library_error_is_one_line_without_traceback(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "kiemchung", "--db", "mysql://x/y", "db", "status"],
        capture_output=True, text=True, cwd=tmp_path, timeout=60,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip().count("\n") == 0
    assert "unsupported database backend" in proc.stderr


def test_config_masks_secrets(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        build_cli(), ["config"], env={"KIEMCHUNG_SECRET_KEY": "very-secret-value"}
    )
    assert result.exit_code == 0
    assert "very-secret-value" not in result.output
    assert "secret_key = '***'" in result.output
