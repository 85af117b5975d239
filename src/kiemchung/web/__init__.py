"""The ASGI web app: review desk, public checker, tipline webhooks and JSON API."""

from kiemchung.web.app import create_app

__all__ = ["create_app"]
