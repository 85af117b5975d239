"""The six analysers: one linear model + one rule set each, and their task specs."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np
import scipy.sparse as sp

from kiemchung.analysis import rules_claim, rules_scam, rules_style, rules_trend
from kiemchung.analysis._features import FeatureConfig, hashed_counts, reduce_bits
from kiemchung.analysis._linear import LinearModel
from kiemchung.analysis._prep import Prepared, prepare
from kiemchung.analysis._rules import RuleSet
from kiemchung.errors import ModelError
from kiemchung.records import Prediction, Signal
from kiemchung.text._batch import as_batch

log = logging.getLogger(__name__)


@runtime_checkable
class Analyser(Protocol):
    """What every analyser (built-in or plugin) provides."""

    name: str
    task: str
    labels: tuple[str, ...]

    def predict(self, texts: Sequence[str]) -> list[Prediction]:
        """One prediction per text, in order."""
        ...


@dataclass(frozen=True, slots=True)
class TaskSpec:
    """Fixed facts about a task: its labels, rules and how a model for it is trained."""

    task: str
    version: int
    labels: tuple[str, ...]
    negative: tuple[str, ...]  # labels that mean "nothing to flag"
    rules: RuleSet
    model_signal: str  # shown when the model flags a text that no rule explains
    c: float = 10.0
    class_weight: str | None = "balanced"
    objective: str = "macro_f1"  # or "recall_at_fpr"
    features: FeatureConfig = field(default_factory=FeatureConfig)
    rule_scale: float = 0.5  # rule indicators enter the model as this value
    # "lr": logistic regression; "nb": NB-LR (features scaled by naive-Bayes log-count
    # ratios, one-vs-rest); "lr+nb": the mean of both. All fold into one weight matrix.
    method: str = "lr"
    # Optional JSONL fields appended (after a newline) to ``text`` for training/eval
    # (e.g. a headline's lead paragraph); training also keeps the text alone.
    extra_fields: tuple[str, ...] = ()
    # Optional JSONL field with finer labels (e.g. ``spam_type``): the logistic part is
    # trained on them and collapsed linearly to ``labels`` (still one linear layer).
    fine_label: str | None = None
    # How the finer labels' logistic scores become the task's: "linear" (the share-weighted
    # mean, folded into one linear layer) or "logsumexp" (exact: a label's logit is the
    # logsumexp of its finer labels' scores; the model keeps one column per finer label).
    fine_collapse: str = "linear"
    # Optional sibling data folder of span annotations (e.g. ``vihos``) on the same texts:
    # its spans of training texts (never of dev texts) become extra training rows.
    span_data: str | None = None

    @property
    def name(self) -> str:
        """Versioned name, e.g. ``scam.v1``."""
        return f"{self.task}.v{self.version}"


SMALL = FeatureConfig(bits=18)

TASKS: dict[str, TaskSpec] = {
    spec.task: spec
    for spec in (
        TaskSpec("scam", 3, ("scam", "legit"), ("legit",), rules_scam.RULES,
                 "nội dung giống các tin nhắn lừa đảo đã biết", c=10.0, features=SMALL,
                 objective="recall_at_fpr", rule_scale=2.0),
        TaskSpec("trend", 3, ("dangerous", "safe"), ("safe",), rules_trend.RULES,
                 "nội dung giống các trào lưu nguy hiểm đã biết", c=10.0, features=SMALL,
                 rule_scale=2.0),
        TaskSpec("claim", 3, ("claim", "opinion", "other"), ("opinion", "other"),
                 rules_claim.RULES, "có khẳng định sự việc có thể kiểm chứng", c=10.0,
                 features=SMALL, rule_scale=2.0),
        TaskSpec("toxicity", 1, ("CLEAN", "OFFENSIVE", "HATE"), ("CLEAN",), rules_style.TOXICITY,
                 "ngôn từ công kích người hoặc nhóm người", c=10.0, method="lr+nb"),
        TaskSpec("clickbait", 2, ("CLICKBAIT", "NON_CLICKBAIT"), ("NON_CLICKBAIT",),
                 rules_style.CLICKBAIT, "tiêu đề kiểu câu view", c=3.0, method="lr+nb",
                 extra_fields=("lead_paragraph",)),
        TaskSpec("spam", 3, ("SPAM", "NOT_SPAM"), ("NOT_SPAM",), rules_style.SPAM,
                 "bình luận rác / không liên quan", c=10.0, method="lr+nb",
                 fine_label="spam_type", fine_collapse="logsumexp"),
    )
}


def spec_for(task: str) -> TaskSpec:
    """The :class:`TaskSpec` of ``task``; ModelError for an unknown task."""
    try:
        return TASKS[task]
    except KeyError as err:
        raise ModelError("unknown task", field="task", expected=", ".join(TASKS),
                         received=task) from err


class LinearAnalyser:
    """A task's rules and linear model; ``predict`` returns labels, scores and signals."""

    def __init__(self, spec: TaskSpec, model: LinearModel) -> None:
        if tuple(model.labels) != spec.labels:
            raise ModelError(f"model {model.name} has labels {model.labels}",
                             expected=str(spec.labels), received=str(model.labels))
        if model.rule_codes != spec.rules.codes:
            raise ModelError(f"model {model.name} was trained with other rules; retrain it "
                             f"with `kiemchung train --task {spec.task}`")
        self.spec = spec
        self.model = model
        self.name = model.name
        self.task = spec.task
        self.labels = spec.labels
        # Rule weights toward each label, precomputed once (labels × rules).
        self._rule_weights = np.array(
            [[model.rule_weight(code, label) for code in spec.rules.codes] for label in spec.labels],
            dtype=np.float64).reshape(len(spec.labels), len(spec.rules.codes))
        self._messages = tuple(rule.message for rule in spec.rules.rules)
        self._model_signal = (f"{spec.task}.model", spec.model_signal)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}>"

    def predict(self, texts: Sequence[str]) -> list[Prediction]:
        """Label, probabilities (summing to 1) and Vietnamese signals for each text."""
        items = prepare(as_batch(texts))
        return self.predict_prepared(items)

    def predict_prepared(self, items: Sequence[Prepared], *,
                         counts: sp.csr_matrix | None = None) -> list[Prediction]:
        """As :meth:`predict` on prepared texts; ``counts`` may be shared between analysers."""
        if not items:
            return []
        if counts is None:
            counts = hashed_counts(items, self.model.features)
        counts = reduce_bits(counts, self.model.features.bits)
        hits = self.spec.rules.apply(items)
        probs = self.model.probabilities(counts, hits)
        probs = self.adjust(probs, hits)
        return self._predictions(probs, hits)

    def _predictions(self, probs: np.ndarray, hits: np.ndarray) -> list[Prediction]:
        """Predictions of a batch (as :meth:`_prediction` row by row, with numpy where it can)."""
        best = np.argmax(probs, axis=1).tolist()  # first maximum, as max() in _prediction
        labels, name = self.labels, self.name
        signals = self._batch_signals(best, hits)
        scores = _rounded_scores(probs).tolist()
        return [Prediction(label=labels[k], scores=dict(zip(labels, row, strict=True)),
                           signals=sig, model=name)
                for row, k, sig in zip(scores, best, signals, strict=True)]

    def _batch_signals(self, best: list[int], hits: np.ndarray) -> list[list[Signal]]:
        """:meth:`signals` for each row of ``hits`` given the index of its label."""
        if type(self).signals is not LinearAnalyser.signals:
            # A subclass changed signals(): honour it (slower, row by row).
            return [self.signals(self.labels[k], hit) for k, hit in zip(best, hits, strict=True)]
        return self._rule_signals(best, hits)

    def _rule_signals(self, best: list[int], hits: np.ndarray) -> list[list[Signal]]:
        """Fired rules supporting each row's label, strongest first, plus the model signal."""
        n = len(best)
        model_signal = self._model_signal
        negative = [label in self.spec.negative for label in self.labels]
        out: list[list[Signal]] = [
            [] if negative[k] else [Signal(code=model_signal[0], message=model_signal[1])]
            for k in best]
        if n == 0 or hits.shape[1] == 0:
            return out
        weights = self._rule_weights[np.asarray(best, dtype=np.intp)] * hits
        rows, cols = np.nonzero(weights > 0)
        if rows.size == 0:
            return out
        codes, messages = self.spec.rules.codes, self._messages
        values = weights[rows, cols].tolist()
        fired: dict[int, list[Signal]] = {}
        for i, j, w in zip(rows.tolist(), cols.tolist(), values, strict=True):
            found = fired.get(i)
            if found is None:
                found = fired[i] = []
            found.append(Signal(code=codes[j], message=messages[j], weight=round(w, 4)))
        for i, found in fired.items():
            found.sort(key=lambda s: -s.weight)
            out[i] = found
        return out

    def adjust(self, probs: np.ndarray, hits: np.ndarray) -> np.ndarray:
        """Hook for task-specific guarantees (see :class:`ClaimAnalyser`)."""
        return probs

    def _prediction(self, row: list[float], hit: np.ndarray) -> Prediction:
        k = max(range(len(row)), key=row.__getitem__)  # first maximum, as np.argmax
        label = self.labels[k]
        signals = self.signals(label, hit)
        scores = {lab: round(p, 6) for lab, p in zip(self.labels, row, strict=True)}
        _renormalise(scores)
        return Prediction(label=label, scores=scores, signals=signals, model=self.name)

    def signals(self, label: str, hit: np.ndarray) -> list[Signal]:
        """Fired rules that support ``label``, strongest first (+ a model signal if none)."""
        out = []
        if hit.any():
            weights = self._rule_weights[self.labels.index(label)] * hit
            codes = self.spec.rules.codes
            for j in np.flatnonzero(weights > 0).tolist():
                out.append(Signal(code=codes[j], message=self._messages[j],
                                  weight=round(float(weights[j]), 4)))
        out.sort(key=lambda s: -s.weight)
        if not out and label not in self.spec.negative:
            out.append(Signal(code=f"{self.task}.model", message=self.spec.model_signal))
        return out


class ClaimAnalyser(LinearAnalyser):
    """Claim vs opinion, with the product boundary enforced.

    Criticism or praise of a government, agency, official or policy is ``opinion``
    whatever the model says; a ``claim`` with no source or link gets "không nêu nguồn".
    """

    def adjust(self, probs: np.ndarray, hits: np.ndarray) -> np.ndarray:
        col = self.spec.rules.codes.index(rules_claim.CRITICISM_CODE)
        out = probs.copy()
        i_claim, i_op = self.labels.index("claim"), self.labels.index("opinion")
        rows = np.flatnonzero(hits[:, col] > 0)
        # The claim probability moves to opinion: such a text can never be a claim.
        out[rows, i_op] += out[rows, i_claim]
        out[rows, i_claim] = 0.0
        return out

    def _batch_signals(self, best: list[int], hits: np.ndarray) -> list[list[Signal]]:
        out = self._rule_signals(best, hits)
        codes = self.spec.rules.codes
        sourced = (hits[:, codes.index("claim.attribution")] != 0) | (
            hits[:, codes.index("claim.link")] != 0)
        i_claim = self.labels.index("claim")
        for i in np.flatnonzero(~sourced & (np.asarray(best) == i_claim)).tolist():
            out[i].append(Signal(code="claim.no_source", message="không nêu nguồn"))
        return out

    def signals(self, label: str, hit: np.ndarray) -> list[Signal]:
        out = super().signals(label, hit)
        if label == "claim":
            codes = self.spec.rules.codes
            if not hit[codes.index("claim.attribution")] and not hit[codes.index("claim.link")]:
                out.append(Signal(code="claim.no_source", message="không nêu nguồn"))
        return out


def _rounded_scores(probs: np.ndarray) -> np.ndarray:
    """Each row rounded to 6 decimals then divided by its sum, as :func:`_renormalise`.

    Same floats as Python's ``round(p, 6)``: the numpy rounding is used except where
    ``p * 1e6`` lies too near a rounding boundary to be sure, where ``round`` is used.
    """
    probs = np.asarray(probs, dtype=np.float64)
    scaled = probs * 1e6
    rounded = np.round(scaled) / 1e6
    frac = scaled - np.floor(scaled)
    unsure = (np.abs(frac - 0.5) < 1e-6) | ~np.isfinite(scaled) | (np.abs(scaled) > 2.0**50)
    for i, j in zip(*np.nonzero(unsure), strict=True):
        rounded[i, j] = round(float(probs[i, j]), 6)
    total = np.zeros(len(rounded), dtype=np.float64)
    for j in range(rounded.shape[1]):  # left to right, as sum()
        total += rounded[:, j]
    positive = total > 0
    rounded[positive] /= total[positive, None]
    return rounded


def _renormalise(scores: dict[str, float]) -> None:
    total = sum(scores.values())
    if total > 0:
        for key in scores:
            scores[key] = scores[key] / total


def builtin_model_dir(task: str) -> Path:
    """Where the shipped model of ``task`` lives inside the package."""
    return Path(str(resources.files("kiemchung.analysis").joinpath("models", task)))


def make_analyser(task: str, model: LinearModel) -> LinearAnalyser:
    """Wrap a loaded model in the analyser class of its task."""
    spec = spec_for(task)
    cls = ClaimAnalyser if task == "claim" else LinearAnalyser
    return cls(spec, model)


def load_analyser(task: str, model_dir: Path | None = None) -> LinearAnalyser:
    """Load the analyser of ``task`` from ``model_dir`` (default: the shipped model)."""
    directory = model_dir if model_dir is not None else builtin_model_dir(task)
    model = LinearModel.load(directory)
    if model.task != task:
        raise ModelError(f"{directory} holds a model for task '{model.task}'", expected=task,
                         received=model.task)
    return make_analyser(task, model)
