"""One registry for connectors, analysers, exporters and CLI commands.

Built-ins register themselves exactly like third-party plugins, which are discovered
through the ``kiemchung.plugins`` entry-point group (each entry point is a callable that
receives the :class:`Registry`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from importlib import metadata
from typing import Any, TypeVar

from kiemchung.errors import ConfigError, NotFoundError

log = logging.getLogger(__name__)

KINDS: tuple[str, ...] = ("connectors", "analysers", "exporters", "commands", "routers")

T = TypeVar("T")


class Registry:
    """Named components by kind. Registering the same name twice is an error."""

    def __init__(self) -> None:
        self._items: dict[str, dict[str, Any]] = {kind: {} for kind in KINDS}

    def register(self, kind: str, name: str, obj: T) -> T:
        """Register ``obj`` under ``kind``/``name``; returns ``obj`` for decorator use."""
        table = self._table(kind)
        if name in table and table[name] is not obj:
            raise ConfigError(f"{kind} '{name}' is already registered")
        table[name] = obj
        return obj

    def decorator(self, kind: str, name: str) -> Callable[[T], T]:
        """``@registry.decorator("analysers", "scam.v1")``."""

        def wrap(obj: T) -> T:
            return self.register(kind, name, obj)

        return wrap

    def get(self, kind: str, name: str) -> Any:
        table = self._table(kind)
        try:
            return table[name]
        except KeyError as err:
            raise NotFoundError(
                f"no {kind[:-1]} named '{name}'", expected="one of " + ", ".join(sorted(table))
            ) from err

    def names(self, kind: str) -> list[str]:
        return sorted(self._table(kind))

    def items(self, kind: str) -> Iterator[tuple[str, Any]]:
        yield from sorted(self._table(kind).items())

    def _table(self, kind: str) -> dict[str, Any]:
        try:
            return self._items[kind]
        except KeyError as err:
            raise ConfigError("unknown plugin kind", expected=", ".join(KINDS), received=kind) from err


registry = Registry()
_loaded = False


def load_plugins() -> Registry:
    """Import built-ins, then third-party plugins (once). Returns the registry."""
    global _loaded
    if _loaded:
        return registry
    _loaded = True
    from kiemchung import _builtins

    _builtins.register(registry)
    for entry in metadata.entry_points(group="kiemchung.plugins"):
        try:
            hook = entry.load()
        except ImportError as err:
            log.warning("plugin %s could not be imported: %s", entry.name, err)
            continue
        hook(registry)
    return registry
