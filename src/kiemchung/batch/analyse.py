"""Batch analysis: run the six analysers on stored posts, write analyses, risk and priority.

``analyse_partition`` is pure (rows in, rows out, ``now`` passed in), so the local and
Spark runners give identical results; ``analyse_store`` reads the posts not analysed yet,
runs the partitions and writes ``analyses`` rows plus ``posts.risk/priority/analysed_at``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from functools import partial
from typing import Any

from sqlalchemy import delete, select, update

from kiemchung.analysis import analyse, compute_risk, priority
from kiemchung.batch.runner import Row, Runner, get_runner, partitions
from kiemchung.errors import ValidationError
from kiemchung.storage import Store
from kiemchung.storage import models as m

log = logging.getLogger(__name__)

Progress = Callable[[int], None]


def _int(row: Row, key: str) -> int:
    value = row.get(key) or 0
    try:
        return int(value)
    except (TypeError, ValueError) as err:
        raise ValidationError("engagement count is not a number", field=key,
                              expected="an integer", received=value) from err


def analyse_partition(rows: Sequence[Row], *, now: datetime | None = None,
                      tasks: Sequence[str] | None = None) -> list[Row]:
    """Analyse ``{"post_id", "text", reactions, shares, comments, views, created_at}`` rows.

    Returns one row per post, in order: ``post_id``, ``risk``, ``priority`` and
    ``analyses`` (``analyser``, ``label``, ``score`` = probability of the label,
    ``scores``, ``signals`` as ``{code, message, weight}`` dicts). Pass ``now`` for
    reproducible priorities (default: the current time).
    """
    now = now or datetime.now(UTC)
    texts = [str(r.get("text") or "") for r in rows]
    found = analyse(texts, tasks=tasks)
    risks = compute_risk(found)
    out: list[Row] = []
    for i, row in enumerate(rows):
        analyses: list[dict[str, Any]] = []
        for preds in found.values():
            pred = preds[i]
            analyses.append({
                "analyser": pred.model, "label": pred.label,
                "score": round(pred.scores[pred.label], 6), "scores": pred.scores,
                "signals": [{"code": s.code, "message": s.message, "weight": s.weight}
                            for s in pred.signals],
            })
        created = row.get("created_at")
        if created is not None and not isinstance(created, datetime):
            created = datetime.fromisoformat(str(created))
        out.append({
            "post_id": row["post_id"], "risk": risks[i], "analyses": analyses,
            "priority": priority(risks[i], reactions=_int(row, "reactions"),
                                 shares=_int(row, "shares"), comments=_int(row, "comments"),
                                 views=_int(row, "views"), created_at=created, now=now),
        })
    return out


_COLUMNS = (m.Post.id, m.Post.text, m.Post.reactions, m.Post.shares, m.Post.comments,
            m.Post.views, m.Post.created_at)


def _pending(store: Store, *, only_new: bool) -> list[Row]:
    query = select(*_COLUMNS).order_by(m.Post.id)
    if only_new:
        query = query.where(m.Post.analysed_at.is_(None))
    with store.session() as session:
        return [{"post_id": pid, "text": text, "reactions": r, "shares": s, "comments": c,
                 "views": v, "created_at": created}
                for pid, text, r, s, c, v, created in session.execute(query)]


def _write(store: Store, results: Sequence[Row], *, at: datetime) -> None:
    if not results:
        return
    ids = [r["post_id"] for r in results]
    names = sorted({a["analyser"] for r in results for a in r["analyses"]})
    with store.session() as session:
        # Re-analysing replaces this version's rows (other analysers, e.g. matchers, stay).
        session.execute(delete(m.Analysis).where(m.Analysis.post_id.in_(ids),
                                                 m.Analysis.analyser.in_(names)))
        for r in results:
            session.add_all(m.Analysis(post_id=r["post_id"], created_at=at, **a)
                            for a in r["analyses"])
            session.execute(update(m.Post).where(m.Post.id == r["post_id"]).values(
                risk=r["risk"], priority=r["priority"], analysed_at=at))


def analyse_store(store: Store, *, batch_size: int = 1000, only_new: bool = True,
                  runner: Runner | str = "local", progress: Progress | None = None,
                  now: datetime | None = None) -> int:
    """Analyse stored posts (by default those without ``analysed_at``); returns how many.

    Each partition of ``batch_size`` posts is written in one transaction, so an
    interrupted run resumes where it stopped. ``progress`` is called with the number of
    posts done after each partition.
    """
    now = now or datetime.now(UTC)
    rows = _pending(store, only_new=only_new)
    run = get_runner(runner) if isinstance(runner, str) else runner
    done = 0
    fn = partial(analyse_partition, now=now)
    for results in run.map_partitions(fn, partitions(rows, size=batch_size)):
        _write(store, results, at=now)
        done += len(results)
        if progress is not None:
            progress(done)
    log.info("analysed %d posts", done)
    return done
