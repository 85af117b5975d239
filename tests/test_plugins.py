from __future__ import annotations

import pytest

from kiemchung.errors import ConfigError, NotFoundError
from kiemchung.plugins import Registry, load_plugins


def test_register_and_get() -> None:
    registry = Registry()

    @registry.decorator("exporters", "demo.v1")
    def exporter() -> str:
        return "ok"

    assert registry.get("exporters", "demo.v1")() == "ok"
    assert registry.names("exporters") == ["demo.v1"]


def test_duplicate_and_unknown_names() -> None:
    registry = Registry()
    registry.register("connectors", "jsonl", object())
    with pytest.raises(ConfigError, match="already registered"):
        registry.register("connectors", "jsonl", object())
    with pytest.raises(NotFoundError, match="expected one of jsonl"):
        registry.get("connectors", "xml")
    with pytest.raises(ConfigError, match="unknown plugin kind"):
        registry.register("widgets", "x", object())


def test_builtins_are_registered_like_plugins() -> None:
    registry = load_plugins()
    assert "db" in registry.names("commands")
