"""Storage: SQLAlchemy models, migrations and repositories (SQLite default, PostgreSQL)."""

from kiemchung.storage.db import (
    Store,
    check_schema,
    current_revision,
    head_revision,
    open_store,
    upgrade,
)

__all__ = ["Store", "check_schema", "current_revision", "head_revision", "open_store", "upgrade"]
