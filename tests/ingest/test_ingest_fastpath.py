"""The fast paths of ingestion give exactly what the plain ones give.

orjson parses the common line, ``normalize_fold_one`` normalises and folds in one pass,
rows are bound once per chunk and committed ingest_batch_size at a time: none of it may
change a stored value, a refusal or a count.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from sqlalchemy import text

from kiemchung.ingest import dedup_key, ingest_file
from kiemchung.ingest.readers import _parse_json_line, parse_json_line
from kiemchung.ingest.validate import DEDUP_KEY_CHARS
from kiemchung.records import IngestSummary
from kiemchung.settings import Settings
from kiemchung.storage import Store, open_store, upgrade
from kiemchung.text import fold, normalize
from kiemchung.text.normalize import normalize_fold_one

_scalars = st.one_of(st.none(), st.booleans(), st.integers(-(2**70), 2**70),
                     st.floats(allow_nan=False), st.text(max_size=20))
_json = st.recursive(_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)),
    max_leaves=8)


@hypothesis_settings(max_examples=300, deadline=None)
@given(value=st.one_of(st.dictionaries(st.text(max_size=8), _json, max_size=6), _json))
def test_fast_json_path_reads_like_the_standard_library(value: Any) -> None:
    for line in (json.dumps(value, ensure_ascii=False).encode("utf-8"),
                 json.dumps(value).encode("ascii")):
        fast, plain = parse_json_line(line, 3), _parse_json_line(line, 3)
        assert fast.data == plain.data == value
        assert fast.error == plain.error is None


@given(raw=st.binary(max_size=40))
def test_fast_json_path_refuses_like_the_standard_library(raw: bytes) -> None:
    line = b'{"text": "' + raw + b'"}'
    fast, plain = parse_json_line(line, 1), _parse_json_line(line, 1)
    assert (fast.data, fast.error) == (plain.data, plain.error)


@hypothesis_settings(max_examples=300, deadline=None)
@given(value=st.text(alphabet=st.characters(codec="utf-8"), max_size=60)
       | st.sampled_from(["Viá»‡t Nam", "Ho\u0300a  bi\u0300nh\u200b", "qủa ngưoi 😱",
                          "\u0301 orphan", "Ｈà Ｎội 𝐁ạ𝐧", "người\u0323 ", "ĐƯỜNG"]))
def test_one_pass_normalisation_equals_normalize_then_fold(value: str) -> None:
    norm = normalize([value])[0]
    assert normalize_fold_one(value) == (norm, fold([norm])[0])


def _write(path: Path, n: int) -> None:
    lines = [json.dumps({"id": f"x{i}", "text": f"Tin số {i} 🚨", "author": f"u{i % 3}",
                         "created_at": f"2026-03-0{1 + i % 9}T08:00:00+07:00"},
                        ensure_ascii=False) if i % 5 else "{broken" for i in range(n)]
    path.write_text("\n".join(lines) + "\n", "utf-8")


def _dump(store: Store) -> list[tuple[Any, ...]]:
    with store.engine.connect() as conn:
        return sorted(tuple(r) for r in conn.execute(text(
            "SELECT dedup_key, external_id, text, text_norm, text_folded, content_hash, lang, "
            "created_at, author_hash FROM posts")))


def test_transaction_size_changes_nothing_stored(tmp_path: Path,
                                                 ingest_settings: Settings) -> None:
    path = tmp_path / "p.jsonl"
    _write(path, 53)
    dumps, summaries = [], []
    for size in (1, 7, 10, 50_000):
        store = open_store(f"sqlite:///{tmp_path / f'{size}.db'}")
        try:
            calls: list[int] = []

            def seen(summary: IngestSummary, _position: int, calls: list[int] = calls) -> None:
                calls.append(summary.read)

            summary = ingest_file(store, path, settings=ingest_settings.replace(
                ingest_batch_size=size), progress=seen)
            summaries.append(str(summary))
            dumps.append(_dump(store))
            assert calls[-1] == 53 and len(calls) >= 53 // 7  # a step per chunk
        finally:
            store.close()
    assert summaries == ["read 53 · accepted 42 · duplicates 0 · quarantined 11"] * 4
    assert all(d == dumps[0] for d in dumps)
    assert all(len(row[0]) == DEDUP_KEY_CHARS for row in dumps[0])


def test_keys_of_older_versions_are_cut_by_the_migration(tmp_path: Path,
                                                         ingest_settings: Settings) -> None:
    """A database filled before 0003 (full 64-digit keys): re-ingesting adds nothing."""
    url = f"sqlite:///{tmp_path / 'old.db'}"
    path = tmp_path / "p.jsonl"
    _write(path, 20)
    store = open_store(url)
    try:
        ingest_file(store, path, source="s", settings=ingest_settings)
        with store.engine.begin() as conn:  # what 0002 stored: the whole digest
            conn.execute(text("UPDATE posts SET dedup_key = dedup_key || "
                              "'0123456789abcdef0123456789abcdef'"))
            conn.execute(text("INSERT INTO posts (source_id, dedup_key, kind, text, text_norm,"
                              " text_folded, content_hash, ingested_at, reactions, shares, "
                              "comments, views, extra, risk, priority) SELECT source_id, "
                              "'tip:' || 'x', kind, text, text_norm, text_folded, content_hash,"
                              " ingested_at, 0, 0, 0, 0, '{}', 0, 0 FROM posts LIMIT 1"))
            conn.execute(text("UPDATE alembic_version SET version_num = '0002'"))
    finally:
        store.close()
    old = Store(url)
    try:
        assert upgrade(old) == "0003"
    finally:
        old.close()
    store = open_store(url)
    try:
        again = ingest_file(store, path, source="s", settings=ingest_settings)
        assert (again.accepted, again.duplicates) == (0, 16)
        with store.engine.connect() as conn:
            keys = [r[0] for r in conn.execute(text("SELECT dedup_key FROM posts"))]
        assert "tip:x" in keys
        assert sorted(len(k) for k in keys if k != "tip:x") == [DEDUP_KEY_CHARS] * 16
        posts = json.loads(path.read_text("utf-8").splitlines()[1])
        assert dedup_key("s", {"external_id": posts["id"]}) in keys
    finally:
        store.close()
