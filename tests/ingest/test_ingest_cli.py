"""The ingest, quarantine and feeds commands: thin wrappers with the documented output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kiemchung.cli.main import build_cli


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KIEMCHUNG_AUTHOR_HASH_KEY", "cli-key")
    monkeypatch.setenv("KIEMCHUNG_MAX_RECORD_BYTES", "65536")
    db = f"sqlite:///{tmp_path / 'cli.db'}"

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(build_cli(), ["--db", db, *args])

    return invoke


def test_ingest_prints_the_summary_line(run, ingest_data: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("ingest", str(ingest_data / "posts.jsonl"))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "read 22 · accepted 6 · duplicates 2 · quarantined 14"
    again = run("ingest", str(ingest_data / "posts.jsonl"))
    assert again.stdout.strip() == "read 22 · accepted 0 · duplicates 8 · quarantined 14"


def test_ingest_with_format_source_and_db(run, ingest_data: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    other = f"sqlite:///{tmp_path / 'other.db'}"
    result = run("ingest", str(ingest_data / "crowdtangle.csv"), "--format", "crowdtangle",
                 "--source", "ct-march", "--db", other)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "read 3 · accepted 2 · duplicates 0 · quarantined 1"
    assert (tmp_path / "other.db").exists()
    listed = run("--db", other, "quarantine", "list")
    assert "ct-march:4 [Message]\tmissing_text" in listed.stdout


def test_ingest_errors_are_one_line(run, ingest_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    bad = run("ingest", str(ingest_data / "tabs.tsv"), "--format", "nope")
    assert bad.exit_code == 1
    assert "unknown format 'nope'" in bad.stderr and "Traceback" not in bad.output
    monkeypatch.setenv("KIEMCHUNG_AUTHOR_HASH_KEY", "")
    no_key = run("ingest", str(ingest_data / "crowdtangle.csv"))
    assert no_key.exit_code == 1 and "KIEMCHUNG_AUTHOR_HASH_KEY" in no_key.stderr


def test_quarantine_list_show_retry(run, ingest_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    run("ingest", str(ingest_data / "posts.jsonl"))
    listed = run("quarantine", "list")
    lines = listed.stdout.strip().splitlines()
    assert len(lines) == 14
    too_long = next(line for line in lines if "too_long" in line)
    record_id = too_long.split("\t")[0]
    assert "posts.jsonl:20 [text]" in too_long
    shown = json.loads(run("quarantine", "show", record_id).stdout)
    assert shown["code"] == "too_long" and shown["line"] == 20
    assert json.loads(shown["raw"])["id"] == "p17"
    assert run("quarantine", "show", "9999").exit_code == 1
    retried = run("quarantine", "retry")
    assert retried.stdout.strip() == "retried 14 · accepted 0 · duplicates 0 · still quarantined 14"
    monkeypatch.setenv("KIEMCHUNG_MAX_TEXT_CHARS", "30000")
    fixed = run("quarantine", "retry", record_id)
    assert fixed.stdout.strip() == "retried 1 · accepted 1 · duplicates 0 · still quarantined 0"
    assert len(run("quarantine", "list").stdout.strip().splitlines()) == 13
    assert "(resolved)" in run("quarantine", "list", "--all").stdout


def test_feeds_commands(run) -> None:  # type: ignore[no-untyped-def]
    added = run("feeds", "add", "http://127.0.0.1:9/feed.xml", "--name", "Bộ Y tế",
                "--kind", "official")
    assert added.exit_code == 0 and added.stdout.startswith("feed 1:")
    assert run("feeds", "add", "http://127.0.0.1:9/feed.xml").exit_code == 1
    listed = run("feeds", "list").stdout
    assert "official\tBộ Y tế\thttp://127.0.0.1:9/feed.xml" in listed and "never" in listed
    polled = run("feeds", "poll")
    assert polled.exit_code == 0
    assert polled.stdout.strip().splitlines()[-1] == "feeds 1 · new items 0 · errors 1"
    skipped = run("feeds", "poll")
    assert "skipped" in skipped.stdout
