from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kiemchung.cli.main import build_cli

LINES = "Hoà bình ko?\nViá»‡t Nam\n\ngọi 0912 345 678, ck 500k vào hxxp://abc[.]xyz\n"


def run(*args: str, stdin: str | None = None) -> list[str]:
    result = CliRunner().invoke(build_cli(), ["text", *args], input=stdin)
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def test_normalize_fold_teencode_one_line_per_input_line() -> None:
    assert run("normalize", "-", stdin=LINES) == [
        "Hòa bình ko?", "Việt Nam", "", "gọi 0912 345 678, ck 500k vào hxxp://abc[.]xyz"]
    assert run("fold", stdin=LINES)[:2] == ["Hoa binh ko?", "Viet Nam"]
    assert run("teencode", stdin=LINES)[0] == "Hòa bình không?"


def test_extract_and_redact_write_json_per_line(tmp_path: Path) -> None:
    path = tmp_path / "in.txt"
    path.write_text(LINES, encoding="utf-8")
    rows = [json.loads(line) for line in run("extract", str(path))]
    assert len(rows) == 4
    assert rows[3]["phones"] == ["0912345678"]
    assert rows[3]["money"] == [{"text": "500k", "amount_vnd": 500000}]
    assert rows[3]["domains"] == ["abc.xyz"]
    redacted = [json.loads(line) for line in run("redact", str(path))]
    assert [r["text"] for r in redacted][:2] == ["Hòa bình ko?", "Việt Nam"]
    assert {"kind": "url", "value": "http://abc.xyz", "detail": None} in redacted[3]["indicators"]


def test_lang() -> None:
    assert run("lang", stdin="toi di hoc\nhello world how are you\n") == ["vi", "other"]


def test_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(build_cli(), ["text", "extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
