"""The whole batch pipeline over a store: analyse → match → cluster → triage."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from kiemchung.batch.analyse import analyse_store
from kiemchung.batch.cluster import cluster_store
from kiemchung.batch.match import match_store
from kiemchung.batch.triage import triage_store
from kiemchung.settings import Settings
from kiemchung.storage import Store

log = logging.getLogger(__name__)

STEPS: tuple[str, ...] = ("analyse", "match", "cluster", "triage")

StepCallback = Callable[[str], None]


@dataclass(slots=True)
class PipelineReport:
    """What one pipeline run did, step by step (counts of posts or stories touched)."""

    analysed: int = 0
    matched: int = 0
    stories: int = 0
    queued: int = 0
    steps: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return (f"analysed {self.analysed} · matched {self.matched} · new stories {self.stories}"
                f" · queued {self.queued}")


def run_pipeline(store: Store, *, settings: Settings, runner: str = "local",
                 only_new: bool = True, on_step: StepCallback | None = None) -> PipelineReport:
    """Run every batch step on the store's posts; safe to run again (only new work is done).

    ``runner`` is ``local`` (default) or ``spark`` for the per-partition steps.
    """
    report = PipelineReport()
    for step in STEPS:
        if on_step is not None:
            on_step(step)
        log.info("pipeline step: %s", step)
        if step == "analyse":
            report.analysed = analyse_store(store, only_new=only_new, runner=runner,
                                            batch_size=settings.batch_size)
        elif step == "match":
            report.matched = match_store(store, only_new=only_new, runner=runner,
                                         partition_size=settings.batch_size)
        elif step == "cluster":
            report.stories = cluster_store(store).new_stories
        else:
            report.queued = triage_store(store, min_risk=settings.triage_min_risk)
        report.steps.append(step)
    return report
