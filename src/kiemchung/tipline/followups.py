"""Follow-ups: when a verdict on a tip's story is published, tell the tipster, then forget them.

A tip is answered by a published verdict when a review item for the tip's post, or for its
story, has a verdict in state ``published`` (its fact-check link is used when there is one),
or — when a matcher is passed — when the tip's text now confidently matches a fact-check.
Each platform's messaging rules decide whether the follow-up may still be sent
(:meth:`Platform.may_follow_up`); either way the contact is then forgotten. A failed
delivery keeps the contact for a retry until it expires (see :func:`purge_tips`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from kiemchung.errors import DeliveryError
from kiemchung.settings import Settings
from kiemchung.storage import Store
from kiemchung.storage import models as m
from kiemchung.tipline import _i18n
from kiemchung.tipline.answer import MatcherLike
from kiemchung.tipline.platforms import get_platform, make_client, split_contact

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Outcome:
    """The published verdict a follow-up reports."""

    verdict: str
    summary: str
    url: str | None


@dataclass(slots=True)
class FollowupReport:
    """Counts of one :func:`send_followups` run."""

    sent: int = 0
    window_closed: int = 0
    failed: int = 0
    waiting: int = 0

    def __str__(self) -> str:
        return (f"sent {self.sent} · window closed {self.window_closed} · failed {self.failed}"
                f" · still waiting {self.waiting}")


@dataclass(slots=True)
class _Pending:
    tip_id: int
    contact: str
    text: str
    lang: str
    outcome: Outcome | None
    last_message_at: datetime


def send_followups(
    store: Store,
    *,
    settings: Settings,
    transport: httpx.BaseTransport | None = None,
    matcher: MatcherLike | None = None,
    now: datetime | None = None,
) -> FollowupReport:
    """Send every follow-up that is due, within each platform's rules; forget the contacts."""
    now = now or datetime.now(UTC)
    pending = _pending(store)
    if matcher is not None:
        _match_pending(store, pending, matcher)
    report = FollowupReport()
    done: dict[int, bool] = {}
    with make_client(settings, transport=transport) as client:
        for item in pending:
            if item.outcome is None:
                report.waiting += 1
                continue
            status = _deliver(client, item, settings=settings, now=now)
            setattr(report, status, getattr(report, status) + 1)
            if status != "failed":
                done[item.tip_id] = status == "sent"
    _forget(store, done, now=now)
    log.info("follow-ups: %s", report)
    return report


def _deliver(client: httpx.Client, item: _Pending, *, settings: Settings, now: datetime) -> str:
    name, user_id = split_contact(item.contact)
    platform = get_platform(name)
    if not platform.may_follow_up(item.last_message_at, now, settings=settings):
        return "window_closed"
    try:
        platform.send(client, user_id, format_followup(item.outcome, item.lang),
                      settings=settings, followup=True)
    except DeliveryError as err:
        log.warning("follow-up to a %s user not delivered: %s", name, err)
        return "failed"
    return "sent"


def format_followup(outcome: Outcome | None, lang: str) -> str:
    """The follow-up chat message."""
    if outcome is None:
        return ""
    lines = [_i18n.t("chat_followup", lang), f"{_i18n.t('verdict', lang)}: {outcome.verdict}"]
    if outcome.summary:
        lines.append(outcome.summary)
    if outcome.url:
        lines.append(outcome.url)
    return "\n".join(lines)


def _pending(store: Store) -> list[_Pending]:
    with store.session() as session:
        rows = session.execute(
            select(m.Tip, m.Post.story_id, m.Post.extra)
            .outerjoin(m.Post, m.Post.id == m.Tip.post_id)
            .where(m.Tip.contact.is_not(None), m.Tip.followed_up_at.is_(None))
            .order_by(m.Tip.id)
        ).all()
        last_seen = _last_messages(session, {tip.contact for tip, _s, _e in rows if tip.contact})
        pending = []
        for tip, post_story, extra in rows:
            lang = _i18n.pick_lang((extra or {}).get("lang"))
            outcome = _published_outcome(session, tip, post_story, lang)
            pending.append(_Pending(tip.id, str(tip.contact), tip.text_redacted, lang, outcome,
                                    last_seen.get(str(tip.contact), tip.created_at)))
        return pending


def _last_messages(session: Session, contacts: set[str]) -> dict[str, datetime]:
    """When each contact last wrote to us (the start of the platform's window)."""
    if not contacts:
        return {}
    rows = session.execute(
        select(m.Tip.contact, func.max(m.Tip.created_at))
        .where(m.Tip.contact.in_(sorted(contacts))).group_by(m.Tip.contact)
    ).all()
    return {str(contact): at for contact, at in rows}


def _published_outcome(session: Session, tip: m.Tip, post_story: int | None,
                       lang: str) -> Outcome | None:
    stories = {sid for sid in (tip.story_id, post_story) if sid is not None}
    where = [m.ReviewItem.post_id == tip.post_id] if tip.post_id is not None else []
    if stories:
        where.append(m.ReviewItem.story_id.in_(sorted(stories)))
    if not where:
        return None
    record = session.scalars(
        select(m.VerdictRecord).join(m.ReviewItem, m.ReviewItem.id == m.VerdictRecord.item_id)
        .where(m.VerdictRecord.status == "published", or_(*where))
        .order_by(m.VerdictRecord.published_at.desc()).limit(1)
    ).first()
    if record is None:
        return None
    factcheck = session.get(m.FactCheck, record.factcheck_id) if record.factcheck_id else None
    return Outcome(
        verdict=_i18n.verdict_label(record.verdict, None, lang),
        summary=record.summary or (factcheck.summary if factcheck else "") or "",
        url=factcheck.url if factcheck else None,
    )


def _match_pending(store: Store, pending: list[_Pending], matcher: MatcherLike) -> None:
    """Tips with no published verdict yet: a fact-check that now confidently matches."""
    todo = [item for item in pending if item.outcome is None]
    if not todo:
        return
    results = matcher.match([item.text for item in todo], top_k=1)
    with store.session() as session:
        for item, result in zip(todo, results, strict=True):
            if result.decision != "match" or not result.matches:
                continue
            row = session.get(m.FactCheck, result.matches[0].id)
            if row is not None:
                item.outcome = Outcome(
                    verdict=_i18n.verdict_label(row.verdict_norm, row.verdict, item.lang),
                    summary=row.summary or "", url=row.url)


def _forget(store: Store, done: dict[int, bool], *, now: datetime) -> None:
    if not done:
        return
    with store.session() as session:
        for tip in session.scalars(select(m.Tip).where(m.Tip.id.in_(sorted(done)))):
            tip.contact = None
            tip.contact_expires_at = None
            if done[tip.id]:
                tip.followed_up_at = now
