"""``create_app(settings)``: the FastAPI application, assembled from registered routers."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from kiemchung import __version__
from kiemchung.errors import KiemchungError
from kiemchung.plugins import load_plugins
from kiemchung.settings import Settings
from kiemchung.storage import Store, open_store

log = logging.getLogger(__name__)


def create_app(settings: Settings, *, store: Store | None = None) -> FastAPI:
    """Build the web app for ``settings``; ``store`` may be passed in (tests, embedding).

    Every router registered under the ``routers`` plugin kind is included: a router entry
    is a callable ``(app: FastAPI) -> APIRouter``.
    """
    app = FastAPI(
        title="kiemchung",
        version=__version__,
        description="Vietnamese information-integrity desk: fact-checks, public checker, "
        "tipline and review API.",
    )
    app.state.settings = settings
    app.state.store = store if store is not None else open_store(settings.db_url)
    app.add_exception_handler(KiemchungError, _error_response)  # type: ignore[arg-type]
    registry = load_plugins()
    for _name, make_router in registry.items("routers"):
        app.include_router(make_router(app))
    return app


async def _error_response(_request: Request, err: KiemchungError) -> JSONResponse:
    """The one JSON error shape: ``{"error": {"code", "message", "detail"}}``."""
    return JSONResponse(err.to_dict(), status_code=err.http_status)


def app_store(request: Request) -> Store:
    """FastAPI dependency: the app's store."""
    store: Store = request.app.state.store
    return store


def app_settings(request: Request) -> Settings:
    """FastAPI dependency: the app's settings."""
    settings: Settings = request.app.state.settings
    return settings


def health_payload() -> dict[str, Any]:
    return {"status": "ok", "version": __version__}
