"""Everything a reviewer sees about one item: text, signals, scores, matches, copies, history."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiemchung.errors import NotFoundError
from kiemchung.review.audit import history
from kiemchung.review.workflow import current_verdict
from kiemchung.storage import models as m

MAX_COPIES = 20
MAX_MATCHES = 10


@dataclass(slots=True)
class Segment:
    """A piece of the post text; ``marks`` name why it is highlighted (empty: plain)."""

    text: str
    marks: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ItemView:
    """The item page's data (plain objects; the template escapes every string)."""

    item: m.ReviewItem
    post: m.Post
    source: str
    segments: list[Segment]
    analyses: list[m.Analysis]
    signals: list[dict[str, Any]]
    matches: list[tuple[m.Match, m.FactCheck]]
    copies: list[m.Post]
    story: m.Story | None
    verdict: m.VerdictRecord | None
    evidence: list[m.VerdictEvidence]
    history: list[tuple[m.AuditEvent, str | None]]
    assignee: str | None


def load_item(session: Session, item_id: int) -> ItemView:
    """Gather one item's page; :class:`NotFoundError` if it does not exist."""
    item = session.get(m.ReviewItem, item_id)
    if item is None:
        raise NotFoundError("no such review item", field="item_id", received=item_id)
    post = session.get(m.Post, item.post_id)
    if post is None:
        raise NotFoundError("the item's post is gone", field="post_id", received=item.post_id)
    source = session.get(m.Source, post.source_id)
    analyses = list(session.scalars(
        select(m.Analysis).where(m.Analysis.post_id == post.id).order_by(m.Analysis.analyser)))
    signals = [sig for a in analyses for sig in _signals(a)]
    matches = [(mt, fc) for mt, fc in session.execute(
        select(m.Match, m.FactCheck).join(m.FactCheck, m.FactCheck.id == m.Match.factcheck_id)
        .where(m.Match.post_id == post.id).order_by(m.Match.score.desc()).limit(MAX_MATCHES))]
    story_id = post.story_id or item.story_id
    copies: list[m.Post] = []
    story = None
    if story_id is not None:
        story = session.get(m.Story, story_id)
        copies = list(session.scalars(
            select(m.Post).where(m.Post.story_id == story_id, m.Post.id != post.id)
            .order_by(m.Post.created_at.desc()).limit(MAX_COPIES)))
    verdict = current_verdict(session, item.id)
    evidence = [] if verdict is None else list(session.scalars(
        select(m.VerdictEvidence).where(m.VerdictEvidence.verdict_id == verdict.id)
        .order_by(m.VerdictEvidence.id)))
    assignee = None
    if item.assignee_id is not None:
        user = session.get(m.User, item.assignee_id)
        assignee = user.username if user is not None else None
    phrases = [h for mt, _fc in matches for h in (mt.highlights or []) if isinstance(h, str)]
    return ItemView(
        item=item, post=post, source=source.name if source else "", analyses=analyses,
        segments=highlight(post.text, spans=[(s["span"], s["label"]) for s in signals
                                             if s.get("span")], phrases=phrases),
        signals=signals, matches=matches, copies=copies, story=story, verdict=verdict,
        evidence=evidence, history=history(session, "review_item", [item.id]),
        assignee=assignee)


def _signals(analysis: m.Analysis) -> list[dict[str, Any]]:
    """Analyser signals as dicts ``{analyser, message, code, weight, span, label}``."""
    out: list[dict[str, Any]] = []
    for raw in analysis.signals or []:
        if isinstance(raw, str):
            out.append({"analyser": analysis.analyser, "message": raw, "code": "",
                        "weight": None, "span": None, "label": raw})
            continue
        if not isinstance(raw, dict):
            continue
        span = raw.get("span")
        valid = (isinstance(span, list | tuple) and len(span) == 2
                 and all(isinstance(x, int) for x in span) and 0 <= span[0] < span[1])
        span = span if valid else None
        message = str(raw.get("message") or raw.get("code") or "")
        out.append({"analyser": analysis.analyser, "message": message,
                    "code": str(raw.get("code") or ""), "weight": raw.get("weight"),
                    "span": (int(span[0]), int(span[1])) if span is not None else None,
                    "label": message})
    return out


def highlight(text: str, *, spans: list[tuple[tuple[int, int], str]],
              phrases: list[str]) -> list[Segment]:
    """Cut ``text`` into segments marked by signal spans and matched phrases.

    Phrases are found case-insensitively; overlapping marks are merged on each character.
    """
    marks: list[set[str]] = [set() for _ in text]
    for (start, end), label in spans:
        for i in range(max(0, start), min(len(text), end)):
            marks[i].add(label)
    lowered = text.lower()
    for phrase in phrases:
        needle = phrase.strip().lower()
        if len(needle) < 3:
            continue
        pos = lowered.find(needle)
        while pos != -1:
            for i in range(pos, pos + len(needle)):
                marks[i].add("match")
            pos = lowered.find(needle, pos + len(needle))
    segments: list[Segment] = []
    for ch, mark in zip(text, marks, strict=True):
        key = sorted(mark)
        if segments and segments[-1].marks == key:
            segments[-1].text += ch
        else:
            segments.append(Segment(ch, key))
    return segments
