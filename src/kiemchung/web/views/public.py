"""Public pages: fact-check index, one page per fact-check with ClaimReview, feed, exports."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.responses import HTMLResponse, Response

from kiemchung.publish.claimreview import claim_review, json_ld
from kiemchung.publish.export import to_csv, to_jsonl
from kiemchung.publish.feeds import atom_feed
from kiemchung.publish.library import get_published, list_published
from kiemchung.storage import Store
from kiemchung.web.app import app_store
from kiemchung.web.templating import render

StoreDep = Annotated[Store, Depends(app_store)]
PER_PAGE = 30
FEED_ENTRIES = 50
EXPORT_LIMIT = 100_000


def make_router(app: FastAPI) -> APIRouter:
    """Public, read-only pages (no login)."""
    router = APIRouter(include_in_schema=False)

    @router.get("/factchecks", response_class=HTMLResponse)
    def index(request: Request, store: StoreDep,
              page: Annotated[int, Query(ge=1, le=100000)] = 1) -> Response:
        with store.session() as session:
            rows, total = list_published(session, limit=PER_PAGE, offset=(page - 1) * PER_PAGE)
        return render(request, "public/index.html", {
            "factchecks": rows, "total": total, "page": page, "per_page": PER_PAGE})

    @router.get("/factchecks/feed.atom")
    def feed(request: Request, store: StoreDep) -> Response:
        with store.session() as session:
            rows, _total = list_published(session, limit=FEED_ENTRIES)
        body = atom_feed(rows, settings=request.app.state.settings)
        return Response(body, media_type="application/atom+xml; charset=utf-8")

    @router.get("/factchecks/export.csv")
    def export_csv(store: StoreDep) -> Response:
        with store.session() as session:
            rows, _total = list_published(session, limit=EXPORT_LIMIT)
        return Response("\ufeff" + to_csv(rows), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="factchecks.csv"'})

    @router.get("/factchecks/export.jsonl")
    def export_jsonl(store: StoreDep) -> Response:
        with store.session() as session:
            rows, _total = list_published(session, limit=EXPORT_LIMIT)
        return Response(to_jsonl(rows), media_type="application/x-ndjson; charset=utf-8",
                        headers={"Content-Disposition":
                                 'attachment; filename="factchecks.jsonl"'})

    @router.get("/factchecks/{fc_id}", response_class=HTMLResponse)
    def factcheck_page(request: Request, fc_id: str, store: StoreDep) -> Response:
        with store.session() as session:
            fc = get_published(session, fc_id)
        review = claim_review(fc, settings=request.app.state.settings)
        return render(request, "public/factcheck.html", {"fc": fc, "jsonld": json_ld(review)})

    return router
