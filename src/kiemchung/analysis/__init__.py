"""Analysers and models: scam, trend, claim, toxicity, clickbait, spam, and risk.

Each analyser has a versioned ``name`` (``scam.v1``), a ``task``, its ``labels`` and a
batch ``predict(texts) -> list[Prediction]`` (label, probabilities over the labels,
Vietnamese signals, model name). Built-ins are registered in the plugin registry (kind
``analysers``) exactly like third-party ones.

>>> from kiemchung.analysis import analyse, compute_risk
>>> found = analyse(["Chúc mừng bạn trúng thưởng iPhone, chuyển phí 200k để nhận quà"])
>>> found["scam"][0].label
'scam'
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from kiemchung.analysis._analyser import (
    TASKS,
    Analyser,
    LinearAnalyser,
    load_analyser,
)
from kiemchung.analysis._features import FeatureConfig, counts_matrix, term_hashes
from kiemchung.analysis._prep import prepare
from kiemchung.analysis.risk import HALF_LIFE_HOURS, compute_risk, priority
from kiemchung.errors import NotFoundError, ValidationError
from kiemchung.plugins import Registry
from kiemchung.records import Prediction
from kiemchung.text._batch import as_batch

__all__ = [
    "HALF_LIFE_HOURS",
    "TASKS",
    "Analyser",
    "LazyAnalyser",
    "analyse",
    "compute_risk",
    "get_analyser",
    "priority",
    "register_plugins",
]

log = logging.getLogger(__name__)


class LazyAnalyser:
    """A built-in analyser whose model is loaded from the package on first use."""

    def __init__(self, task: str) -> None:
        spec = TASKS[task]
        self.task = task
        self.name = spec.name
        self.labels = spec.labels
        self._loaded: LinearAnalyser | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"<LazyAnalyser {self.name}>"

    def load(self) -> LinearAnalyser:
        """The loaded analyser (reads the shipped model once)."""
        with self._lock:
            if self._loaded is None:
                self._loaded = load_analyser(self.task)
            return self._loaded

    def predict(self, texts: Sequence[str]) -> list[Prediction]:
        """See :meth:`LinearAnalyser.predict`."""
        return self.load().predict(texts)


_BUILTIN: dict[str, LazyAnalyser] = {task: LazyAnalyser(task) for task in TASKS}


def register_plugins(registry: Registry) -> None:
    """Register the six built-in analysers under their versioned names."""
    for analyser in _BUILTIN.values():
        registry.register("analysers", analyser.name, analyser)


def get_analyser(task: str) -> Analyser:
    """The analyser for ``task``: a registered plugin for that task if any, else the built-in.

    Among several registered analysers for one task, the highest version wins.
    """
    from kiemchung.plugins import load_plugins

    candidates = [obj for _name, obj in load_plugins().items("analysers")
                  if getattr(obj, "task", None) == task]
    if not candidates:
        if task in _BUILTIN:
            return _BUILTIN[task]
        raise NotFoundError("no analyser for this task", field="task",
                            expected=", ".join(sorted(TASKS)), received=task)
    return max(candidates, key=lambda a: _version(str(a.name)))


def _version(name: str) -> tuple[int, str]:
    tail = name.rsplit(".v", 1)
    return (int(tail[1]), name) if len(tail) == 2 and tail[1].isdigit() else (0, name)


def analyse(texts: Sequence[str], *, tasks: Sequence[str] | None = None
            ) -> dict[str, list[Prediction]]:
    """Run several analysers (default: all six) on a batch; ``{task: predictions}``.

    Built-in analysers share the text preparation and the hashed features, so running
    all six costs little more than running one.
    """
    with _gc_paused():
        return _analyse(texts, tasks=tasks)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while a batch is analysed.

    A batch allocates many short-lived objects (predictions, scores, signals) and the
    collector would otherwise run over and over during it (about 15% of the CPU time).
    Nothing the analysis allocates forms a reference cycle that must be freed at once;
    the collector runs again, as usual, afterwards. It is re-enabled only if it was
    enabled on entry (nested or concurrent calls leave it enabled at the end).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _analyse(texts: Sequence[str], *, tasks: Sequence[str] | None
             ) -> dict[str, list[Prediction]]:
    texts = as_batch(texts)
    if tasks is not None and isinstance(tasks, str):
        raise ValidationError("tasks must be a list", field="tasks", expected="a list of task names",
                              received=tasks)
    wanted = list(tasks) if tasks is not None else list(TASKS)
    if not texts:
        return {task: [] for task in wanted}
    analysers = {task: get_analyser(task) for task in wanted}
    linear: dict[str, LinearAnalyser] = {}
    out: dict[str, list[Prediction]] = {}
    for task, analyser in analysers.items():
        loaded = analyser.load() if isinstance(analyser, LazyAnalyser) else analyser
        if isinstance(loaded, LinearAnalyser):
            linear[task] = loaded
        else:
            out[task] = analyser.predict(texts)
    if linear:
        items = prepare(texts)
        # Terms are hashed once per feature configuration (ignoring the number of bits)
        # and counted once per number of bits; rule columns are computed once per rule set.
        hashed: dict[FeatureConfig, tuple[Any, Any]] = {}
        counts: dict[FeatureConfig, Any] = {}
        for task, analyser in linear.items():
            config = analyser.model.features
            key = replace(config, bits=0)
            if key not in hashed:
                hashed[key] = term_hashes(items, config)
            if config not in counts:
                rows, hashes = hashed[key]
                counts[config] = counts_matrix(rows, hashes, len(items), config.bits)
            out[task] = analyser.predict_prepared(items, counts=counts[config])
    return {task: out[task] for task in wanted}
