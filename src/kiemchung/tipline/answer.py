"""Answering the public: match against fact-checks, look for scam signs, give advice.

:func:`check_texts` is what the public page, the JSON API and the chat bots call. It never
fetches a link the public sends (no outgoing request on behalf of an anonymous user): a
link is checked by its address only (black-listed or look-alike domain, known fact-check).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import import_module
from typing import Any, Protocol

from sqlalchemy import select

from kiemchung.errors import KiemchungError, ModelError
from kiemchung.records import Decision, FactCheck, MatchResult, Prediction, Signal
from kiemchung.settings import Settings
from kiemchung.storage import Store
from kiemchung.storage import models as m
from kiemchung.text import extract, lookalike_of, normalize
from kiemchung.text._batch import as_batch
from kiemchung.tipline import _i18n

log = logging.getLogger(__name__)

CHECKER_NAME = "checker.v1"
"""Versioned name of the answer logic, stored with each tip's decision."""

TOP_K = 3
MAX_ADVICE = 4


class MatcherLike(Protocol):
    """What :func:`check_texts` needs from a matcher (``kiemchung.matching``)."""

    def match(self, texts: Sequence[str], *, top_k: int = 5) -> list[MatchResult]: ...


class AnalyserLike(Protocol):
    """What :func:`check_texts` needs from the scam analyser (``kiemchung.analysis``)."""

    def predict(self, texts: Sequence[str]) -> list[Prediction]: ...


@dataclass(slots=True)
class AnswerMatch:
    """A fact-check shown in an answer."""

    id: str
    score: float
    verdict: str | None = None
    verdict_norm: str | None = None
    summary: str | None = None
    url: str | None = None
    claim: str | None = None
    publisher: str | None = None

    def to_dict(self, lang: str = "vi") -> dict[str, Any]:
        return {
            "id": self.id,
            "score": round(self.score, 4),
            "verdict": self.verdict_norm or self.verdict,
            "verdict_label": _i18n.verdict_label(self.verdict_norm, self.verdict, lang),
            "url": self.url,
            "claim": self.claim,
            "summary": self.summary,
            "publisher": self.publisher,
        }


@dataclass(slots=True)
class CheckAnswer:
    """The instant answer to one text: decision, matching fact-checks, scam signs, advice."""

    decision: Decision
    matches: list[AnswerMatch] = field(default_factory=list)
    signals: list[Signal] = field(default_factory=list)
    advice: list[str] = field(default_factory=list)
    risk: str = "low"
    checker: str = CHECKER_NAME

    @property
    def confident(self) -> bool:
        """True when a published fact-check answers it (no reviewer needed)."""
        return self.decision == "match"

    def advice_messages(self, lang: str = "vi") -> list[str]:
        return [_i18n.advice_message(code, lang) for code in self.advice]

    def to_dict(self, lang: str = "vi") -> dict[str, Any]:
        return {
            "decision": self.decision,
            "risk": self.risk,
            "matches": [match.to_dict(lang) for match in self.matches],
            "signals": [{"code": s.code, "message": s.message, "weight": s.weight}
                        for s in self.signals],
            "advice": [{"code": code, "message": _i18n.advice_message(code, lang)}
                       for code in self.advice],
            "checker": self.checker,
        }


def check_texts(
    store: Store,
    texts: Sequence[str],
    *,
    settings: Settings,
    matcher: MatcherLike | None = None,
    analyser: AnalyserLike | None = None,
    lang: str = "vi",
) -> list[CheckAnswer]:
    """Answer each text at once from what is already known.

    ``matcher`` defaults to ``kiemchung.matching.load_matcher(store)`` and ``analyser`` to
    the ``scam`` analyser; both can be passed in (tests, a long-running app).
    """
    batch = normalize(as_batch(texts))
    if not batch:
        return []
    matcher = matcher if matcher is not None else default_matcher(store)
    results = matcher.match(batch, top_k=TOP_K)
    factchecks = _factcheck_details(store, matcher, {mt.id for res in results
                                                     for mt in res.matches})
    signals = scam_signals(batch, analyser=analyser, lang=lang)
    floor = settings.maybe_threshold or float(getattr(matcher, "maybe_threshold", 0.0) or 0.0)
    answers = []
    for text, result, sigs in zip(batch, results, signals, strict=True):
        decision = _decide(result, settings)
        # candidates under the "maybe" threshold are noise, not answers: never shown
        matches = [_answer_match(mt, factchecks.get(mt.id)) for mt in result.matches
                   if mt.score >= floor]
        answers.append(_assemble(text, decision, matches, sigs))
    return answers


def _decide(result: MatchResult, settings: Settings) -> Decision:
    """The matcher's calibrated decision, unless the deployment overrides the thresholds."""
    if not (settings.match_threshold or settings.maybe_threshold) or not result.matches:
        return result.decision
    top = max(mt.score for mt in result.matches)
    if settings.match_threshold and top >= settings.match_threshold:
        return "match"
    if settings.maybe_threshold and top >= settings.maybe_threshold:
        return "maybe"
    return "none"


def _assemble(text: str, decision: Decision, matches: list[AnswerMatch],
              signals: list[Signal]) -> CheckAnswer:
    shown = matches if decision != "none" else []
    risk = _risk(signals, shown)
    return CheckAnswer(decision=decision, matches=matches, signals=signals,
                       advice=choose_advice(text, decision, signals, risk), risk=risk)


def _risk(signals: Sequence[Signal], matches: Sequence[AnswerMatch]) -> str:
    if any(mt.verdict_norm == "scam" for mt in matches):
        return "high"
    strong = [s for s in signals if s.weight >= 0.5 or "domain" in s.code or s.code == "scam"]
    if strong or len(signals) >= 3:
        return "high"
    return "medium" if signals else "low"


def choose_advice(text: str, decision: Decision, signals: Sequence[Signal],
                  risk: str) -> list[str]:
    """Pick short, practical advice codes for this kind of message (most useful first)."""
    codes = " ".join(s.code.lower() for s in signals)
    folded = text.lower()
    advice: list[str] = []
    if decision != "none":
        advice.append("read_factcheck")
    if risk != "low" or _has(codes, "money", "transfer", "otp", "bank", "account"):
        advice.append("no_transfer")
    if _has(codes, "police", "authority", "court") or _has(folded, "công an", "cong an", "toà án",
                                                             "tòa án", "viện kiểm sát"):
        advice.append("police_no_phone")
    if _has(codes, "impersonat", "bank", "brand"):
        advice.append("call_official")
    if _has(codes, "prize", "refund", "job", "gift", "reward", "lottery"):
        advice.append("prize_too_good")
    if _has(codes, "domain", "url", "link") or "http" in folded or "www." in folded:
        advice.extend(["check_domain", "lookup_blacklist"])
    elif risk != "low":
        advice.append("lookup_blacklist")
    advice.extend(["find_source", "dont_share"])
    return list(dict.fromkeys(advice))[:MAX_ADVICE]


def _has(haystack: str, *needles: str) -> bool:
    return any(needle in haystack for needle in needles)


def _answer_match(match: Any, row: Any) -> AnswerMatch:
    """``row`` is a stored fact-check or the matcher's record of it (same field names)."""
    return AnswerMatch(
        id=match.id,
        score=float(match.score),
        verdict=getattr(row, "verdict", None) or match.verdict,
        verdict_norm=getattr(row, "verdict_norm", None) or _norm_verdict(match.verdict),
        summary=getattr(row, "summary", None),
        url=getattr(row, "url", None) or match.url,
        claim=getattr(row, "claim", None) or match.claim,
        publisher=getattr(row, "publisher", None),
    )


def _norm_verdict(verdict: str | None) -> str | None:
    return verdict if verdict in _i18n.VERDICT_LABELS else None


def _factcheck_details(store: Store, matcher: MatcherLike, ids: set[str]) -> dict[str, Any]:
    """Verdict, summary and link of each matched fact-check: from the matcher's own records
    when it keeps them (no database round trip), else from the store."""
    found: dict[str, Any] = {}
    get = getattr(matcher, "get", None)
    if callable(get):
        for fc_id in ids:
            try:
                found[fc_id] = get(fc_id)
            except KiemchungError:
                continue
    missing = ids - set(found)
    if missing:
        with store.session() as session:
            rows = session.scalars(select(m.FactCheck).where(m.FactCheck.id.in_(sorted(missing))))
            found.update({row.id: row for row in rows})
    return found


# -- scam signals ---------------------------------------------------------------------------


def scam_signals(texts: Sequence[str], *, analyser: AnalyserLike | None = None,
                 lang: str = "vi") -> list[list[Signal]]:
    """Scam signs per text: the scam analyser's signals plus look-alike domains."""
    batch = as_batch(texts)
    analyser = analyser if analyser is not None else default_analyser()
    found: list[list[Signal]] = [[] for _ in batch]
    if analyser is not None:
        for signals, prediction in zip(found, _predict(analyser, batch), strict=True):
            signals.extend(prediction.signals)
    for signals, extra in zip(found, _domain_signals(batch, lang), strict=True):
        known = {s.code for s in signals}
        signals.extend(s for s in extra if s.code not in known)
    return found


def _domain_signals(texts: Sequence[str], lang: str) -> list[list[Signal]]:
    out: list[list[Signal]] = []
    for extracted in extract(texts):
        signals = []
        for domain in getattr(extracted, "domains", []) or []:
            target = lookalike_of(str(domain))
            if target:
                vi, en = _i18n.SIGNALS["lookalike_domain"]
                message = (en if lang == "en" else vi).format(value=domain, target=target)
                signals.append(Signal(code="lookalike_domain", message=message, weight=0.8))
        out.append(signals)
    return out


def _predict(analyser: AnalyserLike, texts: Sequence[str]) -> list[Prediction | _NoPrediction]:
    """The analyser's predictions; a public answer never fails because a model is missing
    (the answer then has no analyser signals, and the error is logged).

    A model that failed to load is not tried again on every request (reading a model
    costs more than answering): answers go without it for :data:`ANALYSER_RETRY_S`.
    """
    key = id(analyser)
    if time.monotonic() < _unavailable_until.get(key, 0.0):
        return [_NoPrediction() for _ in texts]
    try:
        return list(analyser.predict(texts))
    except ModelError as err:
        if not _warned:
            log.error("scam analyser unavailable, answering without its signals: %s", err)
            _warned.append(True)
        _unavailable_until[key] = time.monotonic() + ANALYSER_RETRY_S
        return [_NoPrediction() for _ in texts]


ANALYSER_RETRY_S = 60.0
_warned: list[bool] = []  # log a missing model once per process, not once per request
_unavailable_until: dict[int, float] = {}  # analyser id → when to try loading it again


@dataclass(slots=True)
class _NoPrediction:
    signals: list[Signal] = field(default_factory=list)


@lru_cache(maxsize=1)
def default_analyser() -> AnalyserLike:
    """The ``scam`` analyser (``kiemchung.analysis.get_analyser``), looked up once."""
    from kiemchung.analysis import get_analyser

    analyser: AnalyserLike = get_analyser("scam")
    return analyser


def default_matcher(store: Store) -> MatcherLike:
    """The fact-check matcher over ``store``'s library (``load_matcher``), or a
    :class:`~kiemchung.matching.Matcher` built from the store's fact-checks."""
    for module in ("kiemchung.storage.factchecks", "kiemchung.matching"):
        try:
            load_matcher = getattr(import_module(module), "load_matcher", None)
        except ImportError:
            continue
        if load_matcher is not None:
            loaded: MatcherLike = load_matcher(store)
            return loaded
    with store.session() as session:
        rows = session.scalars(select(m.FactCheck).where(m.FactCheck.claim != "")).all()
        library = [FactCheck(id=r.id, claim=r.claim, verdict=r.verdict,
                             verdict_norm=r.verdict_norm, summary=r.summary, url=r.url,
                             publisher=r.publisher, published_at=r.published_at,
                             language=r.language) for r in rows]
    built: MatcherLike = import_module("kiemchung.matching").Matcher.build(library)
    return built
