"""State shared by CLI commands: resolved settings and a lazily opened store."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import click
from rich.console import Console

from kiemchung.settings import Settings, load_settings
from kiemchung.storage import Store, open_store


@dataclass
class CliContext:
    """Created once per invocation by the root group; commands get it with ``pass_ctx``."""

    overrides: dict[str, Any] = field(default_factory=dict)
    config_path: str | None = None
    _settings: Settings | None = None
    _store: Store | None = None
    console: Console = field(default_factory=lambda: Console(stderr=True))

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings(config_path=self.config_path, overrides=self.overrides)
        return self._settings

    def store(self) -> Store:
        """The store named by ``--db`` / settings, opened and schema-checked once."""
        if self._store is None:
            self._store = open_store(self.settings.db_url)
        return self._store

    @contextmanager
    def store_for(self, db_url: str | None) -> Iterator[Store]:
        """The shared store, or one opened for a command's own ``--db URL`` (then closed)."""
        if db_url is None:
            yield self.store()
            return
        store = open_store(self.settings.replace(db_url=db_url).db_url)
        try:
            yield store
        finally:
            store.close()

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


pass_ctx = click.make_pass_decorator(CliContext)


def out(text: str) -> None:
    """Write a result line to stdout (results go to stdout, progress/messages to stderr)."""
    sys.stdout.write(text + "\n")
