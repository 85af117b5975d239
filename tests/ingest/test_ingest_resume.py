"""Kill -9 in the middle of an ingest, run again: the same database as one clean run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from kiemchung.storage import Store, open_store

N = 6_000
BAD_EVERY = 397
_POSTS = ("SELECT dedup_key, external_id, kind, url, platform, author_hash, text, text_norm, "
          "text_folded, content_hash, lang, created_at, reactions, shares, comments, views "
          "FROM posts")
_QUARANTINE = "SELECT source, line, field, code, format, raw, dedup_key, status FROM quarantine"


def _write(path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for i in range(N):
            if i % BAD_EVERY == 0:
                out.write("{broken json " + str(i) + "\n")
                continue
            record = {"id": f"k{i}" if i % 3 else None, "text": f"Bài số {i}: tin đồn 🚨 #{i % 50}",
                      "author": f"user{i % 37}", "likes": i % 100,
                      "created_at": f"2026-03-{1 + i % 28:02d}T08:00:00+07:00"}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIEMCHUNG_")}
    env.update(KIEMCHUNG_AUTHOR_HASH_KEY="resume-key", KIEMCHUNG_BATCH_SIZE="50",
               KIEMCHUNG_INGEST_BATCH_SIZE="100")
    return env


def _command(url: str, path: Path) -> list[str]:
    return [sys.executable, "-m", "kiemchung", "--db", url, "ingest", str(path),
            "--source", "resume"]


def _count(url: str) -> int:
    store = Store(url)
    try:
        with store.engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM posts")).scalar_one())
    except Exception:
        return 0
    finally:
        store.close()


def _snapshot(url: str) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    store = open_store(url)
    try:
        with store.engine.connect() as conn:
            posts = sorted(tuple(r) for r in conn.execute(text(_POSTS)))
            quarantine = sorted(tuple(r) for r in conn.execute(text(_QUARANTINE)))
        return posts, quarantine
    finally:
        store.close()


@pytest.fixture
def second_url(db_url: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if db_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'clean.db'}"
    return str(request.getfixturevalue("postgres_server").create_database())


def test_kill_and_resume_equals_one_clean_run(db_url: str, second_url: str,
                                              tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    _write(path)
    open_store(db_url).close()  # schema first, so counting works while the child runs
    child = subprocess.Popen(_command(db_url, path), env=_env(), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    try:
        while _count(db_url) == 0 and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        child.send_signal(signal.SIGKILL)
    finally:
        child.communicate(timeout=60)
    partial = _count(db_url)
    assert child.returncode == -signal.SIGKILL
    assert 0 < partial < N - N // BAD_EVERY - 1  # killed in the middle

    rerun = subprocess.run(_command(db_url, path), env=_env(), capture_output=True, text=True,
                           timeout=300, check=True)
    clean = subprocess.run(_command(second_url, path), env=_env(), capture_output=True,
                           text=True, timeout=300, check=True)
    bad = len(range(0, N, BAD_EVERY))
    assert clean.stdout.strip() == f"read {N} · accepted {N - bad} · duplicates 0 · quarantined {bad}"
    assert rerun.stdout.strip() == (f"read {N} · accepted {N - bad - partial} · duplicates "
                                    f"{partial} · quarantined {bad}")
    assert _snapshot(db_url) == _snapshot(second_url)
