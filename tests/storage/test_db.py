"""Storage contract: every test runs on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from kiemchung.errors import SchemaOutdatedError, StorageError
from kiemchung.storage import Store, check_schema, current_revision, head_revision, open_store
from kiemchung.storage import models as m
from kiemchung.storage.db import normalize_url, upgrade


def test_new_database_is_created_at_head(store: Store) -> None:
    assert current_revision(store) == head_revision()
    check_schema(store)


def test_round_trip_is_lossless(store: Store) -> None:
    created = datetime(2026, 3, 1, 8, 30, tzinfo=timezone(timedelta(hours=7)))
    text_nfc = "Cảnh báo: tin nhắn giả mạo ngân hàng 🚨 <script>alert(1)</script>"
    with store.session() as session:
        source = m.Source(name="demo", kind="file")
        session.add(source)
        session.flush()
        session.add(m.Post(source_id=source.id, dedup_key="k1", text=text_nfc,
                           created_at=created, extra={"tags": ["a", "ă"], "n": 1}))
    with store.session() as session:
        post = session.scalars(select(m.Post)).one()
    assert post.text == text_nfc
    assert post.created_at == created
    assert post.created_at.tzinfo is not None
    assert post.extra == {"tags": ["a", "ă"], "n": 1}


def test_dedup_key_is_unique(store: Store) -> None:
    with store.session() as session:
        source = m.Source(name="s")
        session.add(source)
        session.flush()
        session.add(m.Post(source_id=source.id, dedup_key="same", text="a"))
    with pytest.raises(Exception), store.session() as session:  # noqa: B017 - backend-specific
        session.add(m.Post(source_id=1, dedup_key="same", text="b"))
    with store.session() as session:
        assert session.scalar(select(m.Post.text)) == "a"


def test_audit_log_is_append_only(store: Store) -> None:
    with store.session() as session:
        session.add(m.AuditEvent(action="create", object_type="post", object_id="1",
                                 after={"x": 1}, at=datetime.now(UTC)))
    for statement in ("UPDATE audit_events SET action = 'x'", "DELETE FROM audit_events"):
        with pytest.raises(DBAPIError, match="append-only"), store.session() as session:
            session.execute(text(statement))
    with store.session() as session:
        assert session.scalar(select(m.AuditEvent.action)) == "create"


def test_old_schema_asks_for_upgrade(db_url: str) -> None:
    store = Store(db_url)
    try:
        upgrade(store, "0001")
    finally:
        store.close()
    with pytest.raises(SchemaOutdatedError, match="kiemchung db upgrade"):
        open_store(db_url)
    store = Store(db_url)
    try:
        assert upgrade(store) == head_revision()
    finally:
        store.close()
    open_store(db_url).close()


def test_newer_schema_is_refused(db_url: str) -> None:
    store = open_store(db_url)
    with store.session() as session:
        session.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    store.close()
    with pytest.raises(SchemaOutdatedError, match="newer kiemchung"):
        open_store(db_url)


def test_sqlite_uses_wal(sqlite_store: Store) -> None:
    with sqlite_store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_bad_url_is_a_clear_error() -> None:
    with pytest.raises(StorageError, match="unsupported database backend"):
        Store("mysql://x/y")


def test_url_normalisation() -> None:
    assert normalize_url("kc.db") == "sqlite:///kc.db"
    assert normalize_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"


def test_models_match_migrations(store: Store) -> None:
    """The migrations build exactly the schema the models declare."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), m.Base.metadata)
    assert diff == []
