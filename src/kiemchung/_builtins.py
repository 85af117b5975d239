"""Built-in components, registered through the same registry as third-party plugins."""

from __future__ import annotations

from importlib import import_module

from kiemchung.plugins import Registry

# Each module exposes ``register_plugins(registry)``.
BUILTIN_MODULES: tuple[str, ...] = (
    "kiemchung.cli.db",
    "kiemchung.cli.config",
    "kiemchung.cli.docs",
    "kiemchung.cli.text",
    "kiemchung.ingest",
    "kiemchung.cli.ingest",
    "kiemchung.analysis",
    "kiemchung.cli.analysis",
    "kiemchung.cli.matching",
    "kiemchung.cli.web",
    "kiemchung.cli.pipeline",
    "kiemchung.cli.demo",
    "kiemchung.web.routes",
    "kiemchung.tipline.plugins",
)


def register(registry: Registry) -> None:
    for name in BUILTIN_MODULES:
        import_module(name).register_plugins(registry)
