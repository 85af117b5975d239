"""``POST /api/v1/check``: the public checker as JSON (OpenAPI documented)."""

from __future__ import annotations

from typing import Any, Literal

import pydantic
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from kiemchung.errors import ValidationError
from kiemchung.records import Decision
from kiemchung.tipline import _i18n
from kiemchung.web.tipline import raise_rate_limited, tipline_runtime


class CheckRequest(BaseModel):
    """A message or a link to check. Give exactly one of ``text`` and ``url``."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="The message, post or claim to check.",
                             examples=["Bạn đã trúng thưởng 50 triệu, bấm vào link để nhận"])
    url: str | None = Field(None, description="A link to check (never fetched: checked by its "
                            "address and against known fact-checks).")
    lang: Literal["vi", "en"] | None = Field(None, description="Language of messages.")
    submit: bool = Field(True, description="Store the (redacted) text as a tip; without a "
                         "confident match it enters the triage queue.")


class MatchOut(BaseModel):
    id: str
    score: float = Field(description="Calibrated similarity, 0–1.")
    verdict: str | None = Field(description="Normalised verdict (false, scam, misleading, …).")
    verdict_label: str
    url: str | None
    claim: str | None
    summary: str | None
    publisher: str | None


class SignalOut(BaseModel):
    code: str
    message: str
    weight: float


class AdviceOut(BaseModel):
    code: str
    message: str


class CheckResponse(BaseModel):
    """The instant answer."""

    decision: Decision = Field(description="match: a published fact-check answers it; maybe: "
                               "possibly related, a reviewer will look; none: nothing known.")
    risk: Literal["high", "medium", "low"] = Field(description="Scam risk from the signals.")
    matches: list[MatchOut]
    signals: list[SignalOut]
    advice: list[AdviceOut]
    queued: bool = Field(description="True when the tip was passed to the fact-checkers (no "
                         "confident match): it joins the triage queue, grouped with earlier "
                         "tips on the same story.")
    checker: str


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"description": desc, "content": {"application/json": {"example": {
        "error": {"code": name, "message": "…", "detail": {}}}}}}
    for code, desc, name in (
        (413, "Request body too large", "payload_too_large"),
        (422, "Invalid request", "validation_error"),
        (429, "Too many requests from this client", "rate_limited"),
    )
}


def make_check_router(app: FastAPI) -> APIRouter:
    """The ``/api/v1/check`` router."""
    router = APIRouter(prefix="/api/v1", tags=["public checker"])

    @router.post(
        "/check", response_model=CheckResponse, responses=ERROR_RESPONSES,
        openapi_extra={"requestBody": {"required": True, "content": {
            "application/json": {"schema": CheckRequest.model_json_schema()}}}},
    )
    async def check(request: Request) -> JSONResponse:
        """Check a message or a link against published fact-checks and scam signs."""
        runtime = tipline_runtime(request.app)
        raise_rate_limited(runtime, request)
        payload = parse_request(await request.body())
        text = payload.text if payload.text is not None else str(payload.url)
        if len(text) > runtime.settings.max_text_chars:
            raise ValidationError("the text is too long", field="text",
                                  expected=f"at most {runtime.settings.max_text_chars} characters",
                                  received=f"{len(text)} characters")
        lang = _i18n.pick_lang(payload.lang or request.query_params.get("lang"),
                               default=runtime.settings.language)
        answer, queued = await runtime.check_async(text, channel="api", lang=lang,
                                                   submit=payload.submit)
        # Built here to the documented schema (tests check it against CheckResponse);
        # returning a response skips FastAPI's second validation of every answer.
        return JSONResponse({**answer.to_dict(lang), "queued": queued})

    return router


def parse_request(body: bytes) -> CheckRequest:
    """Validate the JSON body; errors in the project's one error shape."""
    try:
        payload = CheckRequest.model_validate_json(body or b"null")
    except pydantic.ValidationError as err:
        first = err.errors()[0]
        field = ".".join(str(part) for part in first.get("loc", ())) or "body"
        raise ValidationError(first.get("msg", "invalid request"), field=field,
                              expected=_expected(first), received=first.get("input")) from err
    given = [name for name in ("text", "url") if getattr(payload, name) is not None]
    if len(given) != 1:
        raise ValidationError("give exactly one of 'text' and 'url'", field="text",
                              expected="one of text, url", received=given or None)
    value = getattr(payload, given[0])
    if not value.strip():
        raise ValidationError("nothing to check", field=given[0], expected="a non-empty string",
                              received=value)
    return payload


def _expected(error: Any) -> str:
    kind = str(error.get("type", ""))
    return {"string_type": "a string", "bool_type": "true or false",
            "extra_forbidden": "only text, url, lang, submit",
            "literal_error": "'vi' or 'en'", "json_invalid": "a JSON object",
            "model_type": "a JSON object"}.get(kind, "a valid check request")
