"""Opening a store: engine, sessions, schema version checks and migrations."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from kiemchung.errors import DependencyMissingError, SchemaOutdatedError, StorageError

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


class Store:
    """A database behind kiemchung: SQLite (WAL) by default, or PostgreSQL.

    Use :func:`open_store` to get one with its schema checked.
    """

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = normalize_url(url)
        self.engine: Engine = _create_engine(self.url, echo=echo)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on error."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.engine.url.render_as_string(hide_password=True)!r})"


def normalize_url(url: str) -> str:
    """Accept ``postgresql://`` and ``postgres://`` (use psycopg 3), plain paths for SQLite."""
    if "://" not in url:
        return f"sqlite:///{url}"
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def _create_engine(url: str, *, echo: bool) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError as err:
        raise StorageError("invalid database URL", field="db_url",
                           expected="sqlite:///PATH or postgresql://…", received=url) from err
    kwargs: dict[str, Any] = {"echo": echo, "future": True}
    if parsed.get_backend_name() == "sqlite":
        kwargs["connect_args"] = {"timeout": 30}
    elif parsed.get_backend_name() == "postgresql":
        try:
            import psycopg  # noqa: F401
        except ImportError as err:
            raise DependencyMissingError("psycopg", extra="postgres") from err
        kwargs["pool_pre_ping"] = True
    else:
        raise StorageError("unsupported database backend", field="db_url",
                           expected="sqlite or postgresql", received=parsed.get_backend_name())
    engine = create_engine(parsed, **kwargs)
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
    except sqlite3.DatabaseError:  # in-memory databases cannot use WAL; that is fine
        log.debug("WAL not available for this SQLite database")
    cursor.close()


def _alembic_config(store: Store) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = store.engine
    return config


def head_revision() -> str:
    """The newest migration this version of kiemchung knows."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS_DIR))
    head = script.get_current_head()
    if head is None:
        raise StorageError("no migrations found in the package")
    return head


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS_DIR))
    return {rev.revision for rev in script.walk_revisions()}


def current_revision(store: Store) -> str | None:
    """The schema revision recorded in the database, or ``None`` if it has none."""
    from alembic.runtime.migration import MigrationContext

    try:
        with store.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    except OperationalError as err:
        raise StorageError(f"cannot open database: {err.orig}", source=store.url) from err


def upgrade(store: Store, revision: str = "head") -> str:
    """Migrate the schema to ``revision`` (default: newest). Returns the new revision."""
    from alembic import command

    try:
        command.upgrade(_alembic_config(store), revision)
    except SQLAlchemyError as err:
        raise StorageError(f"migration failed: {err}") from err
    rev = current_revision(store)
    return rev or ""


def check_schema(store: Store) -> None:
    """Raise :class:`SchemaOutdatedError` unless the database is at the newest revision."""
    rev = current_revision(store)
    head = head_revision()
    if rev == head:
        return
    if rev is None:
        raise SchemaOutdatedError(
            "the database has no kiemchung schema; run: kiemchung db upgrade", source=store.url
        )
    if rev not in known_revisions():
        raise SchemaOutdatedError(
            f"the database schema ({rev}) was written by a newer kiemchung; upgrade kiemchung",
            source=store.url,
        )
    raise SchemaOutdatedError(
        f"the database schema is at {rev} but this kiemchung needs {head}; "
        "run: kiemchung db upgrade",
        source=store.url,
    )


def open_store(url: str, *, create: bool = True, echo: bool = False) -> Store:
    """Open a store and check its schema.

    A brand-new, empty database is migrated to the newest schema when ``create`` is true;
    a database at an older revision raises :class:`SchemaOutdatedError` telling the user to
    run ``kiemchung db upgrade``.
    """
    store = Store(url, echo=echo)
    try:
        if create and _is_empty(store):
            log.info("creating a new kiemchung database at %s", store)
            upgrade(store)
        check_schema(store)
    except BaseException:
        store.close()
        raise
    return store


def _is_empty(store: Store) -> bool:
    try:
        with store.engine.connect() as conn:
            return not inspect(conn).get_table_names()
    except OperationalError as err:
        raise StorageError(f"cannot open database: {err.orig}", source=store.url) from err
