"""Shared fixtures: temporary SQLite stores and a real PostgreSQL server started here.

PostgreSQL: the session starts its own server from /usr/lib/postgresql/15/bin in a
temporary directory on a free loopback port (as the ``postgres`` user when run as root).
When the binaries are missing the postgres tests are skipped, unless
``KIEMCHUNG_REQUIRE_POSTGRES=1`` (set by CI), in which case they fail.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from kiemchung.settings import Settings, load_settings
from kiemchung.storage import Store, open_store

# Property tests explore new random examples on every local run; CI runs a fixed,
# reproducible set (HYPOTHESIS_PROFILE=ci) so that a submission's result does not depend
# on luck. A failure found locally is kept in .hypothesis/ and replayed first.
hypothesis_settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

PG_BIN = Path(os.environ.get("KIEMCHUNG_PG_BIN", "/usr/lib/postgresql/15/bin"))
DATA_DIR = Path(__file__).parent / "data"
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PostgresServer:
    """A throw-away PostgreSQL 15 cluster on loopback."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="kiemchung-pg-"))
        self.port = _free_port()
        self.as_root = os.geteuid() == 0
        self.user = "postgres" if self.as_root else os.environ.get("USER", "postgres")

    def _run(self, *args: str) -> None:
        cmd = list(args)
        if self.as_root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        subprocess.run(cmd, check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        if self.as_root:
            shutil.chown(self.root, "postgres", "postgres")
        data = self.root / "data"
        self._run(str(PG_BIN / "initdb"), "-D", str(data), "-U", self.user, "-A", "trust",
                  "-E", "UTF8", "--locale=C.UTF-8")
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(self.root / "log"), "-w",
                  "-o", f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
                  "-c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start")

    def stop(self) -> None:
        try:
            self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.root / "data"), "-m", "immediate",
                      "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def create_database(self) -> str:
        import psycopg

        name = "kc_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def url(self, db: str) -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{db}"


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    if not (PG_BIN / "initdb").exists():
        if os.environ.get("KIEMCHUNG_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL binaries not found in {PG_BIN}")
        pytest.skip(f"PostgreSQL binaries not found in {PG_BIN}")
    server = PostgresServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> str:
    """A fresh, empty database on the session's PostgreSQL server."""
    return postgres_server.create_database()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'kiemchung.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Database URL for contract tests: runs each test on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'kiemchung.db'}"
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.create_database()


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """An open, migrated store on each backend."""
    opened = open_store(db_url)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def sqlite_store(sqlite_url: str) -> Iterator[Store]:
    opened = open_store(sqlite_url)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def settings(sqlite_url: str) -> Settings:
    return load_settings(
        env={},
        overrides={
            "db_url": sqlite_url,
            "author_hash_key": "test-author-key",
            "secret_key": "test-secret-key-0123456789",
        },
    )


@pytest.fixture
def shared_data() -> Path:
    if not SHARED_DATA.exists():
        pytest.skip("../shared/data is not beside the checkout")
    return SHARED_DATA
