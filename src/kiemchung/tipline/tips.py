"""Tips from the public: stored redacted, grouped by story, queued when not answered.

Privacy rules (DESIGN.md): the tip text is stored with the tipster's own personal data
redacted, while the scam indicators being reported (the scammer's link, phone, account)
are kept as typed indicators. The tipster's contact is kept only while a follow-up may
still be sent, and never longer than ``settings.tip_retention_days``. Reviewers see the
redacted text, the channel and the indicators, never the contact.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import logging
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiemchung.errors import ValidationError
from kiemchung.settings import Settings
from kiemchung.storage import Store
from kiemchung.storage import models as m
from kiemchung.text import fold, normalize, redact
from kiemchung.tipline.answer import AnalyserLike, CheckAnswer, MatcherLike, check_texts

log = logging.getLogger(__name__)

CHANNELS: tuple[str, ...] = ("web", "api", "telegram", "zalo", "messenger")
TIP_SOURCE = "tipline"
_RISK_SCORE = {"high": 0.9, "medium": 0.5, "low": 0.2}


@dataclass(slots=True)
class TipReceipt:
    """What :func:`submit_tip` stored and answered."""

    tip_id: int
    post_id: int
    story_id: int | None
    queued: bool
    answer: CheckAnswer


def submit_tip(
    store: Store,
    text: str,
    *,
    channel: str,
    contact: str | None = None,
    settings: Settings,
    answer: CheckAnswer | None = None,
    matcher: MatcherLike | None = None,
    analyser: AnalyserLike | None = None,
    lang: str = "vi",
    now: datetime | None = None,
) -> TipReceipt:
    """Answer one tip, store it redacted, group it by story and queue it if unanswered.

    ``contact`` (``"<platform>:<id>"``) is kept only when no confident answer could be
    given, so that the follow-up can be sent when a verdict is published.
    """
    validate_tip(text, channel=channel, settings=settings)
    if answer is None:
        answer = check_texts(store, [text], settings=settings, matcher=matcher,
                             analyser=analyser, lang=lang)[0]
    tip = NewTip(text=text, channel=channel, answer=answer, contact=contact, lang=lang, now=now)
    return submit_tips(store, [tip], settings=settings)[0]


@dataclass(slots=True)
class NewTip:
    """An answered tip waiting to be stored (see :func:`submit_tips`)."""

    text: str
    channel: str
    answer: CheckAnswer
    contact: str | None = None
    lang: str = "vi"
    now: datetime | None = None


def submit_tips(store: Store, tips: Sequence[NewTip], *, settings: Settings) -> list[TipReceipt]:
    """Store answered tips in one transaction: the batch form of :func:`submit_tip`.

    The result is the same as storing the tips one by one, in order (a tip joins the story
    of identical earlier tips, including earlier tips of the same batch), with a fixed
    number of statements per batch instead of a dozen per tip.
    """
    if isinstance(tips, NewTip):
        raise ValidationError("a single tip was given where a batch is expected",
                              field="tips", expected="a sequence of NewTip", received="NewTip")
    for tip in tips:
        validate_tip(tip.text, channel=tip.channel, settings=settings)
    if not tips:
        return []
    with store.session() as session:
        return _store_batch(session, list(tips), settings=settings)


def _store_batch(session: Session, tips: list[NewTip], *,
                 settings: Settings) -> list[TipReceipt]:
    """One transaction of plain Core statements (a fixed number per batch, no ORM unit of
    work: the tip writer's cost per tip is mostly this function)."""
    nows = [tip.now or datetime.now(UTC) for tip in tips]
    redacted = [redact_tip(tip.text) for tip in tips]
    source_id = _source_id(session)
    posts = [_new_post(text, source_id=source_id, channel=tip.channel, answer=tip.answer,
                       indicators=indicators, lang=tip.lang, now=now)
             for tip, (text, indicators), now in zip(tips, redacted, nows, strict=True)]
    # Stories first (they only need the batch's hashes), so that posts, tips and queue
    # items are inserted with their story already set.
    story_ids = _group_batch(session, posts, nows)
    for post, story_id in zip(posts, story_ids, strict=True):
        post["story_id"] = story_id
    post_ids = _insert(session, m.Post, posts)
    tip_rows = []
    for tip, post_id, (text, indicators), story_id, now in zip(
            tips, post_ids, redacted, story_ids, nows, strict=True):
        keep_contact = tip.contact if (tip.contact and not tip.answer.confident) else None
        tip_rows.append({
            "post_id": post_id, "channel": tip.channel, "text_redacted": text,
            "indicators": indicators, "contact": keep_contact, "story_id": story_id,
            "decision": tip.answer.decision, "answered_at": now, "created_at": now,
            "contact_expires_at": (now + timedelta(days=settings.tip_retention_days)
                                   if keep_contact else None),
        })
    tip_ids = _insert(session, m.Tip, tip_rows)
    _record_matches(session, [(post_id, tip.answer) for post_id, tip in zip(post_ids, tips,
                                                                            strict=True)])
    queued = _enqueue_batch(session, [(post_id, post) for post_id, post, tip in
                                      zip(post_ids, posts, tips, strict=True)
                                      if not tip.answer.confident])
    return [TipReceipt(tip_id=tip_id, post_id=post_id, story_id=story_id,
                       queued=post_id in queued, answer=tip.answer)
            for tip, post_id, tip_id, story_id in zip(tips, post_ids, tip_ids, story_ids,
                                                      strict=True)]


def _insert(session: Session, model: type[m.Base], rows: list[dict[str, Any]]) -> list[int]:
    """Insert ``rows`` in one statement; their new ids, in the same order."""
    if not rows:
        return []
    statement = insert(model).returning(model.id, sort_by_parameter_order=True)  # type: ignore[attr-defined]
    return [int(row_id) for row_id in session.scalars(statement, rows)]


def validate_tip(text: str, *, channel: str, settings: Settings) -> None:
    """Raise :class:`ValidationError` unless ``text`` and ``channel`` make a storable tip."""
    if not isinstance(text, str) or not text.strip():
        raise ValidationError("the tip is empty", field="text", expected="a non-empty text",
                              received=text)
    if len(text) > settings.max_text_chars:
        raise ValidationError("the tip is too long", field="text",
                              expected=f"at most {settings.max_text_chars} characters",
                              received=f"{len(text)} characters")
    if channel not in CHANNELS:
        raise ValidationError("unknown tip channel", field="channel",
                              expected=" or ".join(CHANNELS), received=channel)


def redact_tip(text: str) -> tuple[str, list[dict[str, Any]]]:
    """The tip's text with the tipster's personal data removed, and the scam indicators."""
    result = redact([text])[0]
    return str(result.text), [_indicator_dict(item) for item in result.indicators]


def _indicator_dict(item: Any) -> dict[str, Any]:
    """Indicators as plain JSON (``{"kind", "value"}``), whatever their record type."""
    if isinstance(item, dict):
        return {str(k): v for k, v in item.items()}
    if hasattr(item, "to_dict"):
        return dict(item.to_dict())
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        return dataclasses.asdict(item)
    if isinstance(item, Sequence) and not isinstance(item, str) and len(item) == 2:
        return {"kind": str(item[0]), "value": str(item[1])}
    return {"kind": "other", "value": str(item)}


_SOURCE_IDS: dict[tuple[str, int], int] = {}


def _source_id(session: Session) -> int:
    """The ``tipline`` source row, created once (safe when two servers race to create it)."""
    engine = session.get_bind().engine
    key = (str(engine.url), id(engine))
    if key in _SOURCE_IDS:
        return _SOURCE_IDS[key]
    source_id = session.scalar(select(m.Source.id).where(m.Source.name == TIP_SOURCE))
    if source_id is not None:
        _SOURCE_IDS[key] = int(source_id)  # committed: safe to remember
    else:
        try:
            with session.begin_nested():
                source = m.Source(name=TIP_SOURCE, kind="tipline")
                session.add(source)
            source_id = source.id
        except IntegrityError:
            source_id = session.scalars(
                select(m.Source.id).where(m.Source.name == TIP_SOURCE)).one()
    return int(source_id)


def content_key(text: str) -> str:
    """Hash of the folded, normalised text: identical tips share it."""
    return _hash(fold(normalize([text]))[0])


def _hash(folded: str) -> str:
    return hashlib.sha256(folded.lower().encode("utf-8")).hexdigest()


def _new_post(text: str, *, source_id: int, channel: str, answer: CheckAnswer,
              indicators: list[dict[str, Any]], lang: str, now: datetime) -> dict[str, Any]:
    """The ``posts`` row of a tip (every column given, so that rows insert together)."""
    norm = normalize([text])[0]
    folded = fold([norm])[0]
    risk = _RISK_SCORE.get(answer.risk, 0.2)
    return {
        "source_id": source_id, "dedup_key": _tip_key(), "kind": "tip", "platform": channel,
        "text": text, "text_norm": norm, "text_folded": folded, "content_hash": _hash(folded),
        "created_at": now, "ingested_at": now, "risk": risk, "priority": risk,
        "extra": {"checker": answer.checker, "decision": answer.decision, "risk": answer.risk,
                  "signals": [s.code for s in answer.signals], "indicators": indicators,
                  "lang": lang},
        "story_id": None,
    }


# A tip's post needs a unique dedup key: a random per-process prefix and a counter (as
# unique as a UUID per tip, without a call to the system's random source for each).
_KEY_PREFIX = secrets.token_hex(12)
_KEY_COUNTER = itertools.count()


def _tip_key() -> str:
    return f"tip:{_KEY_PREFIX}-{next(_KEY_COUNTER)}"


def _group_batch(session: Session, posts: list[dict[str, Any]],
                 nows: list[datetime]) -> list[int | None]:
    """The story of each tip (of the batch's ``posts`` rows, not yet inserted): the story of
    earlier identical posts or tips, created when a second copy arrives.

    Tips are taken in order, as if stored one by one: a tip's "earlier" posts are the
    stored ones and the batch's tips before it. Stored posts that join a new story (with
    their tips and queue items) are updated here. Near-copies (not identical) are left
    without a story here: the batch clustering job (``kiemchung run``) puts them in the
    story of their near-copies.
    """
    hashes = sorted({post["content_hash"] for post in posts})
    # one statement: per hash, the story of any stored identical post (LIMIT 1 each, so a
    # viral text's thousands of copies are never read)
    found = session.execute(select(*(
        select(m.Post.story_id).where(m.Post.content_hash == h, m.Post.story_id.is_not(None))
        .limit(1).scalar_subquery() for h in hashes))).one()
    story_of: dict[str, int | None] = dict(zip(hashes, found, strict=True))
    stored: dict[str, list[int]] = {h: [] for h in hashes}  # stored posts without a story
    without = [h for h in hashes if story_of[h] is None]
    if without:
        for post_id, content_hash in session.execute(
                select(m.Post.id, m.Post.content_hash).where(m.Post.content_hash.in_(without))):
            stored[content_hash].append(post_id)
    waiting: dict[str, list[int]] = {h: [] for h in hashes}  # batch tips without a story
    grown: dict[int, tuple[int, datetime]] = {}  # story → (tips added, last seen)
    out: list[int | None] = []
    for i, (post, now) in enumerate(zip(posts, nows, strict=True)):
        key = post["content_hash"]
        story_id = story_of[key]
        if story_id is None:
            earlier_stored, earlier_batch = stored[key], waiting[key]
            if not earlier_stored and not earlier_batch:
                waiting[key] = [i]
                out.append(None)
                continue
            story_id = story_of[key] = int(session.scalars(
                insert(m.Story).returning(m.Story.id),
                [{"title": post["text_norm"][:200],
                  "size": len(earlier_stored) + len(earlier_batch),
                  "first_seen": now, "last_seen": now}]).one())
            stored[key], waiting[key] = [], []
            if earlier_stored:
                for column in (m.Post.id, m.Tip.post_id, m.ReviewItem.post_id):
                    session.execute(update(column.class_).where(column.in_(earlier_stored))
                                    .values(story_id=story_id)
                                    .execution_options(synchronize_session=False))
            for j in earlier_batch:
                out[j] = story_id
        count, _ = grown.get(story_id, (0, now))
        grown[story_id] = (count + 1, now)
        out.append(story_id)
    for story_id, (count, last_seen) in grown.items():
        session.execute(update(m.Story).where(m.Story.id == story_id)
                        .values(size=m.Story.size + count, last_seen=last_seen)
                        .execution_options(synchronize_session=False))
    return out


def _enqueue_batch(session: Session, posts: list[tuple[int, dict[str, Any]]]) -> set[int]:
    """Queue the unanswered tips (``(post id, posts row)``), one item per story: a tip whose
    story already waits in the queue (or is queued by an earlier tip of the batch) is not
    queued again. The item's fields are copied from the row, as
    :func:`kiemchung.review.queue.enqueue_posts` copies them from a stored post (a new tip
    has no analyses yet, so no labels)."""
    if not posts:
        return set()
    stories = {post["story_id"] for _, post in posts if post["story_id"] is not None}
    waiting = set(session.scalars(select(m.ReviewItem.story_id).where(
        m.ReviewItem.story_id.in_(sorted(stories))))) if stories else set()
    rows: list[dict[str, Any]] = []
    for post_id, post in posts:
        if post["story_id"] is not None:
            if post["story_id"] in waiting:
                continue
            waiting.add(post["story_id"])
        rows.append({"post_id": post_id, "priority": post["priority"],
                     "story_id": post["story_id"], "source_id": post["source_id"],
                     "platform": post["platform"], "risk": post["risk"] or 0.0,
                     "posted_at": post["created_at"], "labels": ""})
    if rows:
        session.execute(insert(m.ReviewItem), sorted(rows, key=lambda row: row["post_id"]))
    return {row["post_id"] for row in rows}


def _record_matches(session: Session, answers: list[tuple[int, CheckAnswer]]) -> None:
    """Keep the candidate fact-checks beside each tip, so reviewers see them."""
    ids = sorted({mt.id for _, answer in answers for mt in answer.matches})
    if not ids:
        return
    known = set(session.scalars(select(m.FactCheck.id).where(m.FactCheck.id.in_(ids))))
    rows = [{"post_id": post_id, "factcheck_id": match.id, "score": match.score,
             "decision": answer.decision, "matcher": answer.checker}
            for post_id, answer in answers for match in answer.matches if match.id in known]
    if rows:
        session.execute(insert(m.Match), rows)


def purge_tips(store: Store, *, settings: Settings, now: datetime | None = None) -> int:
    """Forget every contact past its expiry or older than ``tip_retention_days``.

    Returns how many contacts were dropped. Tip texts stay (redacted, no identity).
    """
    now = now or datetime.now(UTC)
    cutoff = now - timedelta(days=settings.tip_retention_days)
    with store.session() as session:
        result = session.execute(
            update(m.Tip)
            .where(m.Tip.contact.is_not(None),
                   or_(m.Tip.contact_expires_at <= now, m.Tip.created_at <= cutoff))
            .values(contact=None, contact_expires_at=None)
        )
        count = int(result.rowcount or 0)  # type: ignore[attr-defined]
    log.info("purged %d tip contacts older than %s", count, cutoff.isoformat())
    return count
