"""The verdict workflow: states, allowed transitions, and one function per action.

Every action checks the actor's role, checks the transition against :data:`TRANSITIONS`
(:class:`~kiemchung.errors.TransitionError` otherwise) and appends an audit event with the
state before and after. Functions work inside the caller's session (the caller commits).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiemchung.errors import NotFoundError, PermissionDeniedError, TransitionError, ValidationError
from kiemchung.records import VERDICTS
from kiemchung.review.audit import record_event
from kiemchung.settings import Settings
from kiemchung.storage import models as m
from kiemchung.storage.models import utcnow
from kiemchung.storage.users import has_role

log = logging.getLogger(__name__)

STATES: tuple[str, ...] = (
    "new", "claimed", "draft", "submitted", "returned", "approved", "published", "closed",
)
"""States of a review item."""

OPEN_STATES: tuple[str, ...] = ("new", "claimed", "draft", "submitted", "returned", "approved")

TRANSITIONS: dict[str, tuple[frozenset[str], str, str]] = {
    # action: (states it may start from, state it leads to, least role)
    "claim": (frozenset({"new", "returned"}), "claimed", "reviewer"),
    "save_draft": (frozenset({"claimed", "draft", "returned"}), "draft", "reviewer"),
    "submit": (frozenset({"draft"}), "submitted", "reviewer"),
    "approve": (frozenset({"submitted"}), "approved", "editor"),
    "send_back": (frozenset({"submitted", "approved"}), "returned", "editor"),
    "publish": (frozenset({"approved"}), "published", "editor"),
    "close": (frozenset({"new", "claimed", "draft", "submitted", "returned", "approved"}),
              "closed", "editor"),
}
"""The only allowed transitions."""

EVIDENCE_KINDS: tuple[str, ...] = ("link", "quote", "statement")
MAX_SUMMARY_CHARS = 4000


@dataclass(slots=True)
class EvidenceInput:
    """One piece of evidence for a verdict: a link, a quote, or a library statement."""

    kind: str = "link"
    url: str | None = None
    quote: str | None = None
    evidence_id: str | None = None


def allowed_actions(item: m.ReviewItem, user: m.User) -> list[str]:
    """Actions ``user`` may take on ``item`` now (for showing buttons)."""
    return [
        action for action, (sources, _to, role) in TRANSITIONS.items()
        if item.status in sources and has_role(user, role) and _may_touch(item, user, action)
    ]


def claim_item(session: Session, item_id: int, actor: m.User) -> m.ReviewItem:
    """Assign an item to ``actor`` (new or returned items only)."""
    item = _load(session, item_id)
    before = _snapshot(item, None)
    _check(item, actor, "claim")
    item.assignee_id = actor.id
    item.status = "claimed"
    _audit(session, actor, "claim", item, before, _snapshot(item, None))
    return item


def save_draft(session: Session, item_id: int, actor: m.User, *, verdict: str, summary: str,
               claim: str = "", evidence: Sequence[EvidenceInput] = ()) -> m.VerdictRecord:
    """Write (or rewrite) the draft verdict of an item, replacing its evidence."""
    item = _load(session, item_id)
    record = current_verdict(session, item.id)
    before = _snapshot(item, record)
    _check(item, actor, "save_draft")
    _validate_verdict(verdict, summary)
    items = _validate_evidence(session, evidence)
    if record is None:
        post = session.get(m.Post, item.post_id)
        record = m.VerdictRecord(item_id=item.id, author_id=actor.id, verdict=verdict,
                                 claim="", summary="")
        record.claim = claim.strip() or (post.text[:500] if post is not None else "")
        session.add(record)
    record.verdict = verdict
    record.summary = summary.strip()
    if claim.strip():
        record.claim = claim.strip()
    record.status = "draft"
    record.updated_at = utcnow()
    session.flush()
    for old in session.scalars(select(m.VerdictEvidence).where(
            m.VerdictEvidence.verdict_id == record.id)):
        session.delete(old)
    for ev in items:
        session.add(m.VerdictEvidence(verdict_id=record.id, kind=ev.kind, url=ev.url,
                                      quote=ev.quote, evidence_id=ev.evidence_id))
    item.status = "draft"
    item.assignee_id = item.assignee_id or actor.id
    _audit(session, actor, "save_draft", item, before, _snapshot(item, record))
    return record


def submit(session: Session, item_id: int, actor: m.User) -> m.VerdictRecord:
    """Send the draft to an editor."""
    return _verdict_step(session, item_id, actor, "submit", "submitted")


def approve(session: Session, item_id: int, actor: m.User) -> m.VerdictRecord:
    """An editor accepts the submitted verdict."""
    record = _verdict_step(session, item_id, actor, "approve", "approved")
    record.editor_id = actor.id
    return record


def send_back(session: Session, item_id: int, actor: m.User, *, note: str = ""
              ) -> m.VerdictRecord:
    """An editor returns the verdict to its reviewer, with an optional note (audited)."""
    return _verdict_step(session, item_id, actor, "send_back", "returned", note=note)


def close(session: Session, item_id: int, actor: m.User, *, note: str = "") -> m.ReviewItem:
    """Close an item without publishing (e.g. an opinion: not checkable, goes nowhere)."""
    item = _load(session, item_id)
    record = current_verdict(session, item.id)
    before = _snapshot(item, record)
    _check(item, actor, "close")
    item.status = "closed"
    _audit(session, actor, "close", item, before, _snapshot(item, record), note=note)
    return item


def mark_published(session: Session, item_id: int, actor: m.User) -> m.VerdictRecord:
    """Move an approved verdict to ``published`` (used by :func:`kiemchung.publish.publish`).

    Opinions are never published: they are not checkable claims.
    """
    item = _load(session, item_id)
    record = current_verdict(session, item.id)
    if record is not None and record.verdict == "opinion":
        raise TransitionError("an opinion is not a checkable claim and is never published; "
                              "close the item instead", field="verdict", received="opinion")
    record = _verdict_step(session, item_id, actor, "publish", "published")
    record.published_at = utcnow()
    return record


def publish(session: Session, item_id: int, actor: m.User, *, settings: Settings
            ) -> m.FactCheck:
    """Publish an approved verdict (see :func:`kiemchung.publish.publish`)."""
    from kiemchung.publish.library import publish as publish_verdict

    return publish_verdict(session, item_id, actor, settings=settings)


def current_verdict(session: Session, item_id: int) -> m.VerdictRecord | None:
    """The item's verdict record (the newest one), if any."""
    return session.scalars(
        select(m.VerdictRecord).where(m.VerdictRecord.item_id == item_id)
        .order_by(m.VerdictRecord.id.desc()).limit(1)
    ).first()


def _verdict_step(session: Session, item_id: int, actor: m.User, action: str, status: str,
                  *, note: str = "") -> m.VerdictRecord:
    item = _load(session, item_id)
    record = current_verdict(session, item.id)
    before = _snapshot(item, record)
    _check(item, actor, action)
    if record is None:
        raise TransitionError("the item has no verdict yet", field="verdict")
    if action == "submit":
        _validate_verdict(record.verdict, record.summary)
    record.status = status
    record.updated_at = utcnow()
    item.status = status
    _audit(session, actor, action, item, before, _snapshot(item, record), note=note)
    return record


def _check(item: m.ReviewItem, actor: m.User, action: str) -> None:
    sources, _to, role = TRANSITIONS[action]
    if not has_role(actor, role):
        raise PermissionDeniedError(f"'{action}' needs the role {role} or higher",
                                    field="role", expected=role, received=actor.role)
    if item.status not in sources:
        raise TransitionError(f"cannot {action} an item that is {item.status}", field="status",
                              expected=" or ".join(sorted(sources)), received=item.status)
    if not _may_touch(item, actor, action):
        raise PermissionDeniedError("the item is claimed by another reviewer", field="assignee")


def _may_touch(item: m.ReviewItem, actor: m.User, action: str) -> bool:
    # Reviewers work on their own items; editors and admins may take over any item.
    if action in ("save_draft", "submit") and item.assignee_id not in (None, actor.id):
        return has_role(actor, "editor")
    return True


def _load(session: Session, item_id: int) -> m.ReviewItem:
    item = session.get(m.ReviewItem, item_id, with_for_update=session.bind is not None
                       and session.bind.dialect.name == "postgresql")
    if item is None:
        raise NotFoundError("no such review item", field="item_id", received=item_id)
    return item


def _validate_verdict(verdict: str, summary: str) -> None:
    if verdict not in VERDICTS:
        raise ValidationError("unknown verdict", field="verdict", expected=", ".join(VERDICTS),
                              received=verdict)
    text = (summary or "").strip()
    if not text:
        raise ValidationError("a verdict needs a short summary", field="summary",
                              expected="1 to 4000 characters", received="")
    if len(text) > MAX_SUMMARY_CHARS:
        raise ValidationError("summary too long", field="summary",
                              expected=f"at most {MAX_SUMMARY_CHARS} characters",
                              received=f"{len(text)} characters")


def _validate_evidence(session: Session, evidence: Sequence[EvidenceInput]
                       ) -> list[EvidenceInput]:
    clean: list[EvidenceInput] = []
    for i, ev in enumerate(evidence):
        if ev.kind not in EVIDENCE_KINDS:
            raise ValidationError("unknown evidence kind", field=f"evidence[{i}].kind",
                                  expected=", ".join(EVIDENCE_KINDS), received=ev.kind)
        url = (ev.url or "").strip() or None
        if url is not None and not url.startswith(("http://", "https://")):
            raise ValidationError("evidence links must be http(s) URLs", field=f"evidence[{i}].url",
                                  expected="http://… or https://…", received=url)
        quote = (ev.quote or "").strip() or None
        evidence_id = (ev.evidence_id or "").strip() or None
        if evidence_id is not None:
            library = session.get(m.EvidenceItem, evidence_id)
            if library is None:
                raise ValidationError("no such statement in the evidence library",
                                      field=f"evidence[{i}].evidence_id", received=evidence_id)
            url = url or library.url
            quote = quote or library.title
        if url is None and quote is None:
            continue
        clean.append(EvidenceInput(kind=ev.kind, url=url, quote=quote, evidence_id=evidence_id))
    return clean


def _snapshot(item: m.ReviewItem, record: m.VerdictRecord | None) -> dict[str, Any]:
    snap: dict[str, Any] = {"status": item.status, "assignee_id": item.assignee_id}
    if record is not None:
        snap.update(verdict=record.verdict, summary=record.summary, claim=record.claim,
                    verdict_status=record.status)
    return snap


def _audit(session: Session, actor: m.User, action: str, item: m.ReviewItem,
           before: Mapping[str, Any], after: Mapping[str, Any], *, note: str = "") -> None:
    after_dict = dict(after)
    if note.strip():
        after_dict["note"] = note.strip()[:2000]
    record_event(session, actor_id=actor.id, action=action, object_type="review_item",
                 object_id=item.id, before=dict(before), after=after_dict)
    log.info("item %s: %s by %s (%s → %s)", item.id, action, actor.username,
             before.get("status"), after.get("status"))
