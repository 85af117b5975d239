"""The documentation matches the code."""

from __future__ import annotations

import re
from pathlib import Path

from kiemchung.cli.docs import settings_markdown
from kiemchung.cli.main import build_cli

ROOT = Path(__file__).resolve().parents[1]


def test_settings_doc_is_up_to_date() -> None:
    assert (ROOT / "docs" / "settings.md").read_text("utf-8") == settings_markdown(), (
        "run: kiemchung settings-doc > docs/settings.md")


def test_every_command_in_the_readme_exists() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    named = set(re.findall(r"^kiemchung (?:--\S+ )*([a-z][a-z-]+)", readme, flags=re.M))
    assert named, "the README shows no command"
    commands = set(build_cli().commands)
    assert named <= commands, named - commands


def test_readme_gives_the_two_setup_commands() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "make demo" in readme and "make test" in readme
    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert re.search(r"^demo:", makefile, flags=re.M) and re.search(r"^test:", makefile, flags=re.M)
    assert "make test" in (ROOT / ".ci" / "run").read_text("utf-8")
