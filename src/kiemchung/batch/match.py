"""Batch matching: stored posts against the store's fact-check library.

``match_partition`` is pure (rows in, rows out) so the local and Spark runners give the
same result; ``match_store`` reads posts, runs the partitions and writes ``Match`` rows
(plus one ``analyses`` row per post, analyser = the matcher's versioned name, which marks
the post as matched even when nothing matched).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import partial
from typing import Any

from sqlalchemy import delete, exists, select

from kiemchung.batch.runner import Row, Runner, get_runner, partitions
from kiemchung.matching import Matcher
from kiemchung.storage import Store
from kiemchung.storage import models as m
from kiemchung.storage.factchecks import load_matcher

log = logging.getLogger(__name__)


def match_partition(rows: Sequence[Row], matcher: Matcher, *, top_k: int = 3) -> list[Row]:
    """Match ``{"post_id", "text"}`` rows; one result row per post.

    Result: ``post_id``, ``decision``, ``score`` (best) and ``matches`` — the candidates
    scoring at least the ``maybe`` threshold, each with ``factcheck_id``, ``score``,
    ``decision`` and ``highlights``.
    """
    results = matcher.match([str(r["text"]) for r in rows], top_k=top_k)
    out: list[Row] = []
    for row, result in zip(rows, results, strict=True):
        kept = []
        for i, match in enumerate(result.matches):
            if match.score < matcher.maybe_threshold:
                continue
            decision = "match" if match.score >= matcher.match_threshold else "maybe"
            highlights = match.highlights if i == 0 else matcher.explain(
                str(row["text"]), match.id)["highlights"]
            kept.append({"factcheck_id": match.id, "score": match.score, "decision": decision,
                         "highlights": highlights})
        out.append({
            "post_id": row["post_id"], "decision": result.decision,
            "score": result.matches[0].score if result.matches else 0.0,
            "matcher": matcher.name, "matches": kept,
        })
    return out


def _pending(store: Store, matcher_name: str, *, only_new: bool) -> list[Row]:
    query = select(m.Post.id, m.Post.text).order_by(m.Post.id)
    if only_new:
        done = exists().where(m.Analysis.post_id == m.Post.id,
                              m.Analysis.analyser == matcher_name)
        query = query.where(~done)
    with store.session() as session:
        return [{"post_id": pid, "text": text} for pid, text in session.execute(query)]


def _write(store: Store, results: Sequence[Row]) -> None:
    if not results:
        return
    ids = [r["post_id"] for r in results]
    name = results[0]["matcher"]
    with store.session() as session:
        session.execute(delete(m.Match).where(m.Match.post_id.in_(ids)))
        session.execute(delete(m.Analysis).where(m.Analysis.post_id.in_(ids),
                                                 m.Analysis.analyser == name))
        for r in results:
            session.add(m.Analysis(post_id=r["post_id"], analyser=name, label=r["decision"],
                                   score=r["score"], scores={}, signals=[]))
            for item in r["matches"]:
                session.add(m.Match(post_id=r["post_id"], factcheck_id=item["factcheck_id"],
                                    score=item["score"], decision=item["decision"],
                                    highlights=item["highlights"], matcher=name))


def match_store(store: Store, *, only_new: bool = True, matcher: Matcher | None = None,
                runner: Runner | str = "local", partition_size: int = 1000,
                **options: Any) -> int:
    """Match stored posts (by default those not matched yet); returns how many were matched.

    The matcher defaults to one built from the store's fact-checks
    (:func:`kiemchung.storage.factchecks.load_matcher`).
    """
    matcher = matcher if matcher is not None else load_matcher(store, **options)
    if len(matcher) == 0:
        log.info("no fact-checks in the store; nothing to match against")
        return 0
    rows = _pending(store, matcher.name, only_new=only_new)
    run = get_runner(runner) if isinstance(runner, str) else runner
    count = 0
    fn = partial(match_partition, matcher=matcher)
    for results in run.map_partitions(fn, partitions(rows, size=partition_size)):
        _write(store, results)
        count += len(results)
    return count
