"""Routers of the review desk, the public fact-check pages and the fact-check API."""

from __future__ import annotations

from kiemchung.plugins import Registry


def register_plugins(registry: Registry) -> None:
    """Register this module's components (imported lazily by ``create_app``)."""
    from kiemchung.web.api import factchecks
    from kiemchung.web.views import desk, public

    registry.register("routers", "desk", desk.make_router)
    registry.register("routers", "public", public.make_router)
    registry.register("routers", "api.factchecks", factchecks.make_router)
