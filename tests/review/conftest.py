"""Fixtures of the review tests: accounts of each role and a few queued posts."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from reviewdesk import Desk, make_desk

from kiemchung.storage import Store, open_store


@pytest.fixture(autouse=True)
def cheap_password_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    from argon2 import PasswordHasher

    from kiemchung.storage import users

    monkeypatch.setattr(users, "_hasher", PasswordHasher(time_cost=1, memory_cost=256,
                                                         parallelism=1))


@pytest.fixture
def desk(store: Store) -> Desk:
    return make_desk(store)


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty SQLite database at the newest schema (copied by ``fast_store``)."""
    path = tmp_path_factory.mktemp("review-template") / "kiemchung.db"
    open_store(f"sqlite:///{path}").close()
    return path


@pytest.fixture
def fast_store(tmp_path: Path, migrated_template: Path) -> Iterator[Store]:
    """A migrated SQLite store copied from a template (for the large test matrices)."""
    target = tmp_path / "fast.db"
    shutil.copyfile(migrated_template, target)
    opened = open_store(f"sqlite:///{target}")
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def fast_desk(fast_store: Store) -> Desk:
    return make_desk(fast_store)
