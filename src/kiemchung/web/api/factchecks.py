"""JSON API of published fact-checks: ``/api/v1/factchecks`` (documented in OpenAPI)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from pydantic import BaseModel, Field

from kiemchung.publish.claimreview import claim_review
from kiemchung.publish.export import factcheck_dict
from kiemchung.publish.library import get_published, list_published
from kiemchung.storage import Store
from kiemchung.web.app import app_store

StoreDep = Annotated[Store, Depends(app_store)]


class EvidenceOut(BaseModel):
    kind: str = Field(description="link, quote or statement")
    url: str | None = None
    quote: str | None = None


class FactCheckOut(BaseModel):
    """A published fact-check."""

    id: str = Field(description="Stable public id, e.g. kc-12")
    claim: str = Field(description="The claim that was checked (Vietnamese)")
    verdict: str | None = Field(description="false, misleading, missing_context, true, "
                                "unproven, satire or scam")
    verdict_label: str | None = Field(description="The verdict in Vietnamese words")
    summary: str | None = Field(description="Short Vietnamese explanation")
    url: str | None = Field(description="Public page")
    publisher: str | None = None
    published_at: str | None = Field(description="ISO 8601, UTC")
    language: str = "vi"
    evidence: list[EvidenceOut] = Field(default_factory=list)


class FactCheckDetail(FactCheckOut):
    claim_review: dict[str, Any] = Field(description="schema.org ClaimReview (JSON-LD)")


class FactCheckList(BaseModel):
    items: list[FactCheckOut]
    total: int
    limit: int
    offset: int


class ErrorBody(BaseModel):
    code: str
    message: str
    detail: dict[str, Any]


class ErrorOut(BaseModel):
    """The one error shape of the API."""

    error: ErrorBody


def make_router(app: FastAPI) -> APIRouter:
    """``GET /api/v1/factchecks`` and ``GET /api/v1/factchecks/{id}``."""
    router = APIRouter(prefix="/api/v1", tags=["fact-checks"])

    @router.get("/factchecks", response_model=FactCheckList,
                summary="List published fact-checks, newest first")
    def list_factchecks(store: StoreDep, limit: Annotated[int, Query(ge=1, le=200)] = 50,
                        offset: Annotated[int, Query(ge=0)] = 0) -> dict[str, Any]:
        with store.session() as session:
            rows, total = list_published(session, limit=limit, offset=offset)
        return {"items": [factcheck_dict(fc) for fc in rows], "total": total, "limit": limit,
                "offset": offset}

    @router.get("/factchecks/{fc_id}", response_model=FactCheckDetail,
                responses={404: {"model": ErrorOut, "description": "No such fact-check"}},
                summary="One published fact-check with its ClaimReview")
    def get_factcheck(request: Request, fc_id: str, store: StoreDep) -> dict[str, Any]:
        with store.session() as session:
            fc = get_published(session, fc_id)
        return {**factcheck_dict(fc),
                "claim_review": claim_review(fc, settings=request.app.state.settings)}

    return router
