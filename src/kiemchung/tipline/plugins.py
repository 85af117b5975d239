"""Registers the checker's routers and the ``kiemchung tips`` commands."""

from __future__ import annotations

from kiemchung.plugins import Registry


def register_plugins(registry: Registry) -> None:
    """Register the public checker page, the JSON API, the webhooks and the CLI group."""
    from kiemchung.cli.tipline import tips
    from kiemchung.web.api.check import make_check_router
    from kiemchung.web.tipline import make_page_router, make_webhook_router

    registry.register("routers", "tipline.page", make_page_router)
    registry.register("routers", "tipline.api", make_check_router)
    registry.register("routers", "tipline.webhooks", make_webhook_router)
    registry.register("commands", "tips", tips)
