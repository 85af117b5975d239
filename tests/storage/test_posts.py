"""Post and quarantine repositories: idempotent bulk inserts on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import select

from kiemchung.storage import Store
from kiemchung.storage import models as m
from kiemchung.storage.posts import POST_COLUMNS, count_posts, ensure_source, insert_posts
from kiemchung.storage.quarantine import (
    count_quarantine,
    get_quarantine,
    insert_quarantine,
    list_quarantine,
    resolve_quarantine,
)


def _row(source_id: int, key: str, **changes: Any) -> dict[str, Any]:
    row: dict[str, Any] = {name: None for name in POST_COLUMNS}
    row.update(source_id=source_id, dedup_key=key, kind="post", text=f"bài {key}",
               text_norm=f"bài {key}", text_folded=f"bai {key}", content_hash="h" * 64,
               ingested_at=datetime.now(UTC), reactions=0, shares=0, comments=0, views=0,
               extra={}, risk=0.0, priority=0.0)
    row.update(changes)
    return row


def test_ensure_source_is_idempotent(store: Store) -> None:
    with store.engine.begin() as conn:
        first = ensure_source(conn, "nguồn A")
        assert ensure_source(conn, "nguồn A") == first
        assert ensure_source(conn, "nguồn B") != first


def test_insert_posts_skips_existing_keys_and_counts_new(store: Store) -> None:
    created = datetime(2026, 3, 1, 8, 30, tzinfo=timezone(timedelta(hours=7)))
    with store.engine.begin() as conn:
        source = ensure_source(conn, "s")
        assert insert_posts(conn, [_row(source, "a", created_at=created,
                                        extra={"tags": ["ă"], "n": 1}),
                                   _row(source, "b"), _row(source, "a")]) == 2
        assert insert_posts(conn, [_row(source, "b"), _row(source, "c")]) == 1
        assert insert_posts(conn, []) == 0
        assert count_posts(conn) == 3
        assert count_posts(conn, source="s") == 3
        assert count_posts(conn, source="other") == 0
    with store.session() as session:
        post = session.scalars(select(m.Post).where(m.Post.dedup_key == "a")).one()
    assert post.created_at == created  # round-trips through the driver-level insert
    assert post.extra == {"tags": ["ă"], "n": 1}
    assert post.ingested_at.tzinfo is not None


def test_quarantine_repository(store: Store) -> None:
    base = {"source": "f.jsonl", "field": None, "reason": "invalid JSON", "code": "invalid_json",
            "format": "jsonl", "status": "open", "created_at": datetime.now(UTC)}
    rows = [{**base, "line": i, "raw": f"bad {i}", "dedup_key": f"q{i}"} for i in (1, 2, 3)]
    with store.engine.begin() as conn:
        assert insert_quarantine(conn, rows) == 3
        assert insert_quarantine(conn, rows[:1]) == 0
    with store.session() as session:
        listed = list_quarantine(session)
        assert [q.line for q in listed] == [1, 2, 3]
        resolve_quarantine(session, [listed[0].id])
    with store.session() as session:
        assert count_quarantine(session) == 2
        assert count_quarantine(session, status=None) == 3
        assert get_quarantine(session, listed[0].id).status == "resolved"
        assert [q.line for q in list_quarantine(session, source="f.jsonl", limit=1)] == [2]
