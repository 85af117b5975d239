"""The review desk: login, triage queue, item page, verdict actions, dashboard."""

from __future__ import annotations

import time
from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, FastAPI, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select

from kiemchung.errors import RateLimitedError, ValidationError
from kiemchung.publish.library import add_to_matcher, publish
from kiemchung.records import VERDICTS
from kiemchung.review import workflow
from kiemchung.review.item import load_item
from kiemchung.review.queue import (
    QueueFilter,
    label_choices,
    list_queue,
    platform_choices,
    source_choices,
    status_counts,
)
from kiemchung.review.stats import desk_stats
from kiemchung.storage import Store
from kiemchung.storage import models as m
from kiemchung.storage.users import authenticate
from kiemchung.text.normalize import fold
from kiemchung.web.app import app_store
from kiemchung.web.i18n import translate
from kiemchung.web.security import (
    check_csrf,
    client_key,
    end_session,
    require_role,
    session_user,
    start_session,
)
from kiemchung.web.templating import render, request_language

Viewer = Annotated[m.User, Depends(require_role("viewer"))]
Reviewer = Annotated[m.User, Depends(require_role("reviewer"))]
Editor = Annotated[m.User, Depends(require_role("editor"))]
StoreDep = Annotated[Store, Depends(app_store)]
CHOICES_TTL_S = 60.0
COUNTS_TTL_S = 5.0


def make_router(app: FastAPI) -> APIRouter:
    """Routes of the review desk (HTML, login required except /login)."""
    router = APIRouter(include_in_schema=False)
    _auth_routes(router)
    _queue_routes(router)
    _item_routes(router)
    return router


def _auth_routes(router: APIRouter) -> None:
    @router.get("/login", response_class=HTMLResponse)
    def login_page(request: Request, next: str = "/desk/queue") -> Response:
        return render(request, "login.html", {"next": _local(next), "error": "", "username": ""})

    @router.post("/login", response_class=HTMLResponse, dependencies=[Depends(check_csrf)])
    def login(request: Request, store: StoreDep, username: Annotated[str, Form()] = "",
              password: Annotated[str, Form()] = "",
              next: Annotated[str, Form()] = "/desk/queue") -> Response:
        limiter = request.app.state.login_limiter
        client = client_key(request)
        lang = request_language(request)
        context = {"next": _local(next), "username": username}
        try:
            limiter.check(client)
        except RateLimitedError:
            msg = translate("Đăng nhập sai quá nhiều lần; vui lòng thử lại sau một phút.", lang)
            return render(request, "login.html", {**context, "error": msg}, status_code=429)
        with store.session() as session:
            user = authenticate(session, username, password)
        if user is None:
            limiter.failed(client)
            msg = translate("Sai tên đăng nhập hoặc mật khẩu.", lang)
            return render(request, "login.html", {**context, "error": msg}, status_code=401)
        limiter.succeeded(client)
        start_session(request, user)
        return RedirectResponse(_local(next), status_code=303)

    @router.post("/logout", dependencies=[Depends(check_csrf)])
    def logout(request: Request) -> Response:
        end_session(request)
        return RedirectResponse("/login", status_code=303)

    @router.get("/desk")
    def desk_home(_user: Viewer) -> Response:
        return RedirectResponse("/desk/queue", status_code=303)


def _queue_routes(router: APIRouter) -> None:
    @router.get("/desk/queue", response_class=HTMLResponse)
    def queue_page(request: Request, _user: Viewer, store: StoreDep,
                   status: str = "open", label: str = "", min_risk: str = "",
                   source: str = "", platform: str = "", date_from: str = "", date_to: str = "",
                   page: Annotated[int, Query(ge=1, le=100000)] = 1) -> Response:
        filters = QueueFilter(
            status=status or "open", label=label or None, min_risk=_float(min_risk, "min_risk"),
            source=source or None, platform=platform or None,
            date_from=_date(date_from, "date_from"), date_to=_date(date_to, "date_to"))
        with store.session() as session:
            result = list_queue(session, filters, page=page, counts=_counts(request, session))
            choices = _choices(request, session)
        query = urlencode({k: v for k, v in {
            "status": filters.status, "label": label, "min_risk": min_risk, "source": source,
            "platform": platform, "date_from": date_from, "date_to": date_to}.items() if v})
        return render(request, "desk/queue.html", {
            "page": result, "filters": filters, "states": list(workflow.STATES),
            "query": query, **choices})

    @router.get("/desk/dashboard", response_class=HTMLResponse)
    def dashboard(request: Request, _user: Viewer, store: StoreDep) -> Response:
        with store.session() as session:
            stats = desk_stats(session)
        return render(request, "desk/dashboard.html",
                      {"stats": stats, "states": list(workflow.STATES)})


def _item_routes(router: APIRouter) -> None:
    @router.get("/desk/items/{item_id}", response_class=HTMLResponse)
    def item_page(request: Request, item_id: int, user: Viewer, store: StoreDep) -> Response:
        with store.session() as session:
            view = load_item(session, item_id)
            actions = workflow.allowed_actions(view.item, user)
        return render(request, "desk/item.html", {
            "view": view, "actions": actions, "verdicts": VERDICTS,
            "evidence_kinds": workflow.EVIDENCE_KINDS})

    @router.get("/desk/evidence", response_class=HTMLResponse)
    def evidence_search(request: Request, _user: Reviewer, store: StoreDep, q: str = ""
                        ) -> Response:
        words = [w for w in fold([q.strip()[:200]])[0].lower().replace("-", " ").split()
                 if len(w) >= 2][:8]
        results: list[m.EvidenceItem] = []
        if words:
            conditions = [m.EvidenceItem.text_folded.ilike(f"%{_like(w)}%")
                          | m.EvidenceItem.title.ilike(f"%{_like(w)}%") for w in words]
            with store.session() as session:
                results = list(session.scalars(
                    select(m.EvidenceItem).where(*conditions)
                    .order_by(m.EvidenceItem.published_at.desc()).limit(10)))
        return render(request, "desk/evidence_results.html", {"results": results})

    @router.post("/desk/items/{item_id}/claim", dependencies=[Depends(check_csrf)])
    def claim(request: Request, item_id: int, user: Reviewer, store: StoreDep) -> Response:
        with store.session() as session:
            workflow.claim_item(session, item_id, user)
        return _back(request, item_id)

    @router.post("/desk/items/{item_id}/draft", dependencies=[Depends(check_csrf)])
    def draft(request: Request, item_id: int, user: Reviewer, store: StoreDep,
              verdict: Annotated[str, Form()] = "", summary: Annotated[str, Form()] = "",
              claim: Annotated[str, Form()] = "",
              evidence_kind: Annotated[list[str] | None, Form()] = None,
              evidence_url: Annotated[list[str] | None, Form()] = None,
              evidence_quote: Annotated[list[str] | None, Form()] = None,
              evidence_id: Annotated[list[str] | None, Form()] = None,
              evidence_pick: Annotated[list[str] | None, Form()] = None) -> Response:
        evidence = [workflow.EvidenceInput(kind=k, url=u, quote=q, evidence_id=i)
                    for k, u, q, i in zip(evidence_kind or [], evidence_url or [],
                                          evidence_quote or [], evidence_id or [],
                                          strict=False)]
        evidence += [workflow.EvidenceInput(kind="statement", evidence_id=pick)
                     for pick in evidence_pick or []]
        with store.session() as session:
            workflow.save_draft(session, item_id, user, verdict=verdict, summary=summary,
                                claim=claim, evidence=evidence)
        return _back(request, item_id)

    @router.post("/desk/items/{item_id}/submit", dependencies=[Depends(check_csrf)])
    def submit(request: Request, item_id: int, user: Reviewer, store: StoreDep) -> Response:
        with store.session() as session:
            workflow.submit(session, item_id, user)
        return _back(request, item_id)

    @router.post("/desk/items/{item_id}/approve", dependencies=[Depends(check_csrf)])
    def approve(request: Request, item_id: int, user: Editor, store: StoreDep) -> Response:
        with store.session() as session:
            workflow.approve(session, item_id, user)
        return _back(request, item_id)

    @router.post("/desk/items/{item_id}/send_back", dependencies=[Depends(check_csrf)])
    def send_back(request: Request, item_id: int, user: Editor, store: StoreDep,
                  note: Annotated[str, Form()] = "") -> Response:
        with store.session() as session:
            workflow.send_back(session, item_id, user, note=note)
        return _back(request, item_id)

    @router.post("/desk/items/{item_id}/close", dependencies=[Depends(check_csrf)])
    def close(request: Request, item_id: int, user: Editor, store: StoreDep,
              note: Annotated[str, Form()] = "") -> Response:
        with store.session() as session:
            workflow.close(session, item_id, user, note=note)
        return _back(request, item_id)

    @router.post("/desk/items/{item_id}/publish", dependencies=[Depends(check_csrf)])
    def publish_item(request: Request, item_id: int, user: Editor, store: StoreDep) -> Response:
        with store.session() as session:
            fc = publish(session, item_id, user, settings=request.app.state.settings)
        add_to_matcher(getattr(request.app.state, "matcher", None), [fc])
        return _back(request, item_id)


def _choices(request: Request, session: Any) -> dict[str, list[str]]:
    # Filter menus scan whole tables: cache them per app for a minute.
    cache = request.app.state.__dict__.setdefault("_queue_choices", {})
    if cache.get("at", 0.0) + CHOICES_TTL_S < time.monotonic():
        cache.update(labels=label_choices(session), platforms=platform_choices(session),
                     sources=source_choices(session), at=time.monotonic())
    return {k: cache[k] for k in ("labels", "platforms", "sources")}


def _like(word: str) -> str:
    return word.replace("\\", "").replace("%", "").replace("_", "")


def _counts(request: Request, session: Any) -> dict[str, int]:
    # Counting every item by state reads the whole queue index: keep the figures for a few
    # seconds (desk actions of this app clear them at once).
    cache = request.app.state.__dict__.setdefault("_queue_counts", {})
    if cache.get("at", 0.0) + COUNTS_TTL_S < time.monotonic():
        cache.update(counts=status_counts(session), at=time.monotonic())
    return dict(cache["counts"])


def _back(request: Request, item_id: int) -> Response:
    request.app.state.__dict__.get("_queue_counts", {}).clear()
    return RedirectResponse(f"/desk/items/{item_id}", status_code=303)


def _local(path: str) -> str:
    # Only same-site paths after login (no open redirect).
    return path if path.startswith("/") and not path.startswith(("//", "/\\")) else "/desk/queue"


def _float(value: str, name: str) -> float | None:
    if not value.strip():
        return None
    try:
        return float(value)
    except ValueError as err:
        raise ValidationError("not a number", field=name, expected="a number from 0 to 1",
                              received=value) from err


def _date(value: str, name: str) -> date | None:
    if not value.strip():
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as err:
        raise ValidationError("not a date", field=name, expected="YYYY-MM-DD",
                              received=value) from err


__all__ = ["make_router", "session_user"]
