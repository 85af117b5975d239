"""Publishing a verdict: a FactCheck row (origin ``published``) that joins the matching library."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any, Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiemchung import records
from kiemchung.errors import NotFoundError
from kiemchung.publish.labels import verdict_label
from kiemchung.review.audit import record_event
from kiemchung.review.workflow import mark_published
from kiemchung.settings import Settings
from kiemchung.storage import models as m
from kiemchung.storage.models import utcnow
from kiemchung.text.normalize import fold

log = logging.getLogger(__name__)

ORIGIN = "published"


class SupportsAdd(Protocol):
    """What publishing needs from a matcher: ``add(factchecks)``."""

    def add(self, factchecks: Sequence[records.FactCheck]) -> Any: ...


def factcheck_id(verdict_id: int) -> str:
    """The public id of the fact-check published from verdict ``verdict_id``."""
    return f"kc-{verdict_id}"


def public_url(settings: Settings, fc_id: str) -> str:
    """The public page of a fact-check."""
    return f"{settings.public_base_url.rstrip('/')}/factchecks/{fc_id}"


def publish(session: Session, item_id: int, actor: m.User, *, settings: Settings
            ) -> m.FactCheck:
    """Publish an item's approved verdict: state ``published`` and a library FactCheck row.

    The caller commits, then hands the row to :func:`add_to_matcher` so that the new
    fact-check is matched at once.
    """
    record = mark_published(session, item_id, actor)
    fc_id = factcheck_id(record.id)
    evidence = session.scalars(select(m.VerdictEvidence).where(
        m.VerdictEvidence.verdict_id == record.id).order_by(m.VerdictEvidence.id)).all()
    fc = session.get(m.FactCheck, fc_id)
    before = None if fc is None else {"verdict": fc.verdict_norm, "summary": fc.summary}
    if fc is None:
        fc = m.FactCheck(id=fc_id, claim=record.claim, origin=ORIGIN)
        session.add(fc)
    fc.claim = record.claim
    fc.claim_folded = fold([record.claim])[0]
    fc.verdict = verdict_label(record.verdict, "vi")
    fc.verdict_norm = record.verdict
    fc.summary = record.summary
    fc.url = public_url(settings, fc_id)
    fc.publisher = settings.publisher_name
    fc.published_at = record.published_at or utcnow()
    fc.language = "vi"
    fc.origin = ORIGIN
    fc.extra = {"item_id": item_id, "verdict_id": record.id,
                "evidence": [{"kind": e.kind, "url": e.url, "quote": e.quote}
                             for e in evidence]}
    fc.updated_at = utcnow()
    record.factcheck_id = fc_id
    session.flush()
    record_event(session, actor_id=actor.id, action="publish", object_type="factcheck",
                 object_id=fc_id, before=before,
                 after={"verdict": fc.verdict_norm, "summary": fc.summary, "url": fc.url})
    return fc


def to_record(fc: m.FactCheck) -> records.FactCheck:
    """The plain record of a library row (what matchers take)."""
    return records.FactCheck(
        id=fc.id, claim=fc.claim, verdict=fc.verdict, verdict_norm=fc.verdict_norm,
        summary=fc.summary, url=fc.url, publisher=fc.publisher, published_at=fc.published_at,
        language=fc.language, tags=list(fc.tags or []), extra=dict(fc.extra or {}))


def add_to_matcher(matcher: SupportsAdd | None, factchecks: Sequence[m.FactCheck]) -> bool:
    """Hand newly published fact-checks to a loaded matcher; False when there is none.

    A matcher loaded later reads them from the library table anyway.
    """
    if matcher is None or not factchecks:
        return False
    matcher.add([to_record(fc) for fc in factchecks])
    log.info("added %d published fact-check(s) to the matcher", len(factchecks))
    return True


def list_published(session: Session, *, limit: int = 50, offset: int = 0
                   ) -> tuple[list[m.FactCheck], int]:
    """Our published fact-checks, newest first, and their total."""
    where = m.FactCheck.origin == ORIGIN
    total = session.scalar(select(func.count()).select_from(m.FactCheck).where(where)) or 0
    rows = session.scalars(
        select(m.FactCheck).where(where)
        .order_by(m.FactCheck.published_at.desc(), m.FactCheck.id.desc())
        .limit(limit).offset(offset)).all()
    return list(rows), total


def get_published(session: Session, fc_id: str) -> m.FactCheck:
    """One of our published fact-checks; :class:`NotFoundError` otherwise."""
    fc = session.get(m.FactCheck, fc_id)
    if fc is None or fc.origin != ORIGIN:
        raise NotFoundError("no such fact-check", field="id", received=fc_id)
    return fc
