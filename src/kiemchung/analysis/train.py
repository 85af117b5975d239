"""Training and evaluation of the linear analysers (``kiemchung train`` / ``kiemchung eval``)."""

from __future__ import annotations

import json
import logging
import re
import time
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from kiemchung.analysis._analyser import LinearAnalyser, TaskSpec, make_analyser, spec_for
from kiemchung.analysis._features import FeatureConfig, fit_idf, hashed_counts, tfidf
from kiemchung.analysis._linear import LinearModel
from kiemchung.analysis._prep import prepare
from kiemchung.errors import ValidationError

log = logging.getLogger(__name__)

MAX_FPR = 0.01
Progress = Callable[[str], None]


@dataclass(slots=True)
class Dataset:
    """Texts and labels read from a JSONL file with ``text`` and ``label`` fields."""

    texts: list[str]
    labels: list[str]
    path: str = ""
    # ``text`` + newline + the task's extra fields (None where a record has none).
    extended: list[str | None] = field(default_factory=list)
    # Finer labels (e.g. ``spam_type``) where the task trains on them (else empty).
    fine: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Metrics:
    """Macro-F1, per-class precision/recall/F1/support and the confusion matrix."""

    labels: tuple[str, ...]
    macro_f1: float
    accuracy: float
    per_class: dict[str, dict[str, float]]
    confusion: list[list[int]]  # rows: true label, columns: predicted label
    extra: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Rounded, JSON-ready metrics."""
        return {"labels": list(self.labels), "macro_f1": round(self.macro_f1, 4),
                "accuracy": round(self.accuracy, 4),
                "per_class": {k: {m: round(v, 4) for m, v in d.items()}
                              for k, d in self.per_class.items()},
                "confusion": self.confusion,
                **{k: round(v, 4) for k, v in self.extra.items()}}


def json_records(path: Path) -> Iterator[tuple[int, Any]]:
    """(line number, parsed JSON) per non-blank line; a ValidationError names a bad line."""
    try:
        handle = path.open(encoding="utf-8")
    except OSError as err:
        raise ValidationError(f"cannot read {path}: {err.strerror}", field="data") from err
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as err:
                raise ValidationError("not valid JSON", source=str(path), line=number,
                                      expected="one JSON object per line") from err


def read_jsonl(path: Path, *, labels: Sequence[str] | None = None,
               extra_fields: Sequence[str] = (), fine_field: str | None = None) -> Dataset:
    """Read ``text``/``label`` records; a bad line raises a ValidationError naming it.

    ``extra_fields``: string fields (e.g. ``lead_paragraph``) that, where present, are
    appended to the text after a newline in :attr:`Dataset.extended`.
    ``fine_field``: a finer label (e.g. ``spam_type``) read into :attr:`Dataset.fine`;
    a record without it gets its ``label`` there.
    """
    texts, ys, fine = [], [], []
    extended: list[str | None] = []
    for number, record in json_records(path):
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise ValidationError("missing text", source=str(path), line=number,
                                  field="text", expected="a string")
        label = record.get("label")
        if labels is not None and label not in labels:
            raise ValidationError("unknown label", source=str(path), line=number,
                                  field="label", expected=" / ".join(labels),
                                  received=label)
        texts.append(record["text"])
        ys.append(str(label))
        if fine_field is not None:
            value = record.get(fine_field)
            fine.append(f"{fine_field}={value}" if value is not None else str(label))
        extra = [record[f] for f in extra_fields
                 if isinstance(record.get(f), str) and record[f].strip()]
        extended.append("\n".join([record["text"], *extra]) if extra else None)
    return Dataset(texts, ys, str(path), extended, fine)


def metrics(true: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> Metrics:
    """The model-card metrics of predictions ``pred`` against ``true``."""
    index = {lab: i for i, lab in enumerate(labels)}
    conf = np.zeros((len(labels), len(labels)), dtype=np.int64)
    for t, p in zip(true, pred, strict=True):
        conf[index[t], index[p]] += 1
    per: dict[str, dict[str, float]] = {}
    for i, lab in enumerate(labels):
        tp = conf[i, i]
        prec = tp / conf[:, i].sum() if conf[:, i].sum() else 0.0
        rec = tp / conf[i].sum() if conf[i].sum() else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per[lab] = {"precision": float(prec), "recall": float(rec), "f1": float(f1),
                    "support": float(conf[i].sum())}
    present = [lab for lab in labels if per[lab]["support"] > 0]
    macro = float(np.mean([per[lab]["f1"] for lab in present])) if present else 0.0
    acc = float(np.trace(conf) / conf.sum()) if conf.sum() else 0.0
    return Metrics(tuple(labels), macro, acc, per, conf.tolist())


# -- fitting ---------------------------------------------------------------------------


def _design(spec: TaskSpec, texts: Sequence[str], config: FeatureConfig
            ) -> tuple[sp.csr_matrix, np.ndarray]:
    items = prepare(texts)
    return hashed_counts(items, config), spec.rules.apply(items)


@dataclass(slots=True)
class _Fitted:
    coef: np.ndarray  # (1 or k, n_columns)
    intercept: np.ndarray
    classes: np.ndarray
    idf: np.ndarray
    # Fine columns (``TaskSpec.fine_collapse == "logsumexp"``): scores of the finer labels,
    # one row each, the task label each belongs to, and the weight of their collapse.
    fine_coef: np.ndarray | None = None  # (m, n_columns)
    fine_intercept: np.ndarray | None = None  # (m,)
    fine_labels: tuple[int, ...] = ()
    fine_scale: float = 1.0


def _fit(spec: TaskSpec, counts: sp.csr_matrix, rules: np.ndarray, y: np.ndarray,
         *, c: float, fine: np.ndarray | None = None) -> _Fitted:
    idf = fit_idf(counts)
    x = sp.hstack([tfidf(counts, idf), sp.csr_matrix(rules * spec.rule_scale)], format="csr")
    # Fit only on the columns that occur: same optimum (unseen columns stay 0 under L2),
    # much faster with 2**20 hashed columns.
    cols = np.unique(x.indices)
    xs = x[:, cols]
    k = len(spec.labels)
    classes = np.unique(y)
    parts: list[tuple[np.ndarray, np.ndarray]] = []  # (coef (k, n_cols), intercept (k,))
    exact: tuple[np.ndarray, np.ndarray, tuple[int, ...]] | None = None
    if spec.method in ("lr", "lr+nb") and fine is not None and spec.fine_collapse == "logsumexp":
        exact = _fit_fine_exact(xs, y, fine, k, c=c, class_weight=spec.class_weight)
    elif spec.method in ("lr", "lr+nb") and fine is not None:
        parts.append(_fit_fine(xs, y, fine, k, c=c, class_weight=spec.class_weight))
    elif spec.method in ("lr", "lr+nb"):
        clf = LogisticRegression(C=c, class_weight=spec.class_weight, max_iter=3000)
        clf.fit(xs, y)
        parts.append(_full_rows(clf.coef_, clf.intercept_, clf.classes_, k))
    if spec.method in ("nb", "lr+nb"):
        parts.append(_fit_nb(xs, y, classes, k, c=c, class_weight=spec.class_weight))
    n_parts = len(parts) + (exact is not None)
    if not n_parts:
        raise ValidationError("unknown training method", field="method",
                              expected="lr, nb, lr+nb", received=spec.method)
    coef = np.zeros((k, x.shape[1]))
    intercept = np.zeros(k)
    if parts:
        coef[:, cols] = sum(p[0] for p in parts) / n_parts
        intercept = np.asarray(sum(p[1] for p in parts) / n_parts, dtype=np.float64)
    fitted = _Fitted(coef, intercept, np.arange(k), idf)
    if exact is not None:
        fitted.fine_coef = np.zeros((len(exact[2]), x.shape[1]))
        fitted.fine_coef[:, cols] = exact[0]
        fitted.fine_intercept, fitted.fine_labels = exact[1], exact[2]
        fitted.fine_scale = 1.0 / n_parts
    return fitted


def _full_rows(coef: np.ndarray, intercept: np.ndarray, classes: np.ndarray, k: int
               ) -> tuple[np.ndarray, np.ndarray]:
    """scikit-learn coefficients as one row per label (binary: ``±w/2``, same softmax)."""
    if coef.shape[0] == 1:
        coef = np.vstack([-coef[0] / 2, coef[0] / 2])
        intercept = np.array([-intercept[0] / 2, intercept[0] / 2])
    out, bias = np.zeros((k, coef.shape[1])), np.zeros(k)
    for row, cls in enumerate(classes):
        out[int(cls)], bias[int(cls)] = coef[row], intercept[row]
    return out, bias


def _fit_fine(xs: sp.csr_matrix, y: np.ndarray, fine: np.ndarray, k: int, *, c: float,
              class_weight: str | None) -> tuple[np.ndarray, np.ndarray]:
    """Logistic regression on the finer labels, collapsed *linearly* to the task's labels.

    The logit of a task label is the mean of the logits of its finer labels, weighted by
    their share of that label in training, so the model stays one linear layer.
    """
    fine_classes = np.unique(fine)
    clf = LogisticRegression(C=c, class_weight=class_weight, max_iter=3000)
    clf.fit(xs, fine)
    rows, bias = _full_rows(clf.coef_, clf.intercept_, np.arange(len(clf.classes_)),
                            len(clf.classes_))
    coef, intercept = np.zeros((k, xs.shape[1])), np.zeros(k)
    for label in range(k):
        members = [j for j, f in enumerate(fine_classes)
                   if np.bincount(y[fine == f], minlength=k).argmax() == label]
        if not members:
            continue
        share = np.array([np.sum(fine == fine_classes[j]) for j in members], dtype=np.float64)
        share /= share.sum()
        coef[label] = share @ rows[members]
        intercept[label] = share @ bias[members]
    return coef, intercept


def _fit_fine_exact(xs: sp.csr_matrix, y: np.ndarray, fine: np.ndarray, k: int, *, c: float,
                    class_weight: str | None
                    ) -> tuple[np.ndarray, np.ndarray, tuple[int, ...]]:
    """Logistic regression on the finer labels, kept as one score column per finer label.

    Returns the coefficients (one row per finer label), intercepts and the task label of
    each finer label (its majority label in training); the model collapses them exactly,
    a label's logit being the logsumexp of its finer labels' scores.
    """
    fine_classes = np.unique(fine)
    clf = LogisticRegression(C=c, class_weight=class_weight, max_iter=3000)
    clf.fit(xs, fine)
    rows, bias = _full_rows(clf.coef_, clf.intercept_, np.arange(len(clf.classes_)),
                            len(clf.classes_))
    owner = tuple(int(np.bincount(y[fine == f], minlength=k).argmax()) for f in fine_classes)
    return rows, bias, owner


def _nb_ratio(binary: sp.csr_matrix, positive: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    """Naive-Bayes log-count ratio of each column (Wang & Manning 2012)."""
    p = np.asarray(binary[positive].sum(axis=0)).ravel() + alpha
    q = np.asarray(binary[~positive].sum(axis=0)).ravel() + alpha
    return np.asarray(np.log((p / p.sum()) / (q / q.sum())))


def _fit_nb(xs: sp.csr_matrix, y: np.ndarray, classes: np.ndarray, k: int, *, c: float,
            class_weight: str | None) -> tuple[np.ndarray, np.ndarray]:
    """NB-LR: logistic regression on features scaled by NB log-count ratios, one-vs-rest
    for more than two labels; the ratios are folded back into the coefficients."""
    binary = xs.copy()
    binary.data[:] = 1.0
    coef, bias = np.zeros((k, xs.shape[1])), np.zeros(k)
    targets = [int(classes[-1])] if k == 2 else [int(cls) for cls in classes]
    for cls in targets:
        positive = y == cls
        r = _nb_ratio(binary, positive)
        clf = LogisticRegression(C=c, class_weight=class_weight, max_iter=3000)
        clf.fit(sp.csr_matrix(xs.multiply(r)), positive.astype(np.int64))
        w, b = clf.coef_[0] * r, float(clf.intercept_[0])
        if k == 2:  # sigmoid(z) == softmax([-z/2, z/2])
            coef[cls], bias[cls] = w / 2, b / 2
            coef[1 - cls], bias[1 - cls] = -w / 2, -b / 2
        else:
            coef[cls], bias[cls] = w, b
    return coef, bias


def _to_model(spec: TaskSpec, fitted: _Fitted, config: FeatureConfig,
              offsets: np.ndarray, meta: dict[str, Any]) -> LinearModel:
    k = len(spec.labels)
    m = len(fitted.fine_labels)
    # Rows of ``fitted.coef`` are the labels 0..k-1 in spec order, then any fine columns.
    weights = np.zeros((fitted.coef.shape[1], k + m), dtype=np.float32)
    bias = np.zeros(k + m)
    for row, cls in enumerate(fitted.classes):
        weights[:, int(cls)] = fitted.coef[row]
        bias[int(cls)] = fitted.intercept[row]
    if m and fitted.fine_coef is not None and fitted.fine_intercept is not None:
        weights[:, k:] = fitted.fine_coef.T
        bias[k:] = fitted.fine_intercept
    return LinearModel(name=spec.name, task=spec.task, labels=spec.labels, features=config,
                       rule_codes=spec.rules.codes, weights=weights, intercept=bias,
                       idf=fitted.idf, offsets=offsets, rule_scale=spec.rule_scale, meta=meta,
                       fine_labels=fitted.fine_labels, fine_scale=fitted.fine_scale)


def _cv_logits(spec: TaskSpec, counts: sp.csr_matrix, rules: np.ndarray, y: np.ndarray,
               config: FeatureConfig, *, c: float, folds: int,
               groups: np.ndarray | None = None, fine: np.ndarray | None = None) -> np.ndarray:
    """Out-of-fold raw logits on the training set, used to tune decision offsets.

    ``groups[i]``: the record row ``i`` comes from (rows of one record share a fold).
    """
    out = np.zeros((len(y), len(spec.labels)))
    groups = np.arange(len(y)) if groups is None else groups
    n_rec = int(groups.max()) + 1 if len(groups) else 0
    y_rec = np.zeros(n_rec, dtype=np.int64)
    y_rec[groups] = y
    n_splits = max(2, min(folds, int(np.bincount(y_rec).min())))
    for rec_train, _rec_test in StratifiedKFold(n_splits, shuffle=True, random_state=0).split(
            np.zeros(n_rec), y_rec):
        in_train = np.isin(groups, rec_train)
        train_idx, test_idx = np.flatnonzero(in_train), np.flatnonzero(~in_train)
        fitted = _fit(spec, counts[train_idx], rules[train_idx], y[train_idx], c=c,
                      fine=None if fine is None else fine[train_idx])
        model = _to_model(spec, fitted, config, np.zeros(len(spec.labels)), {})
        out[test_idx] = model.logits(counts[test_idx], rules[test_idx])
    return out


def tune_offsets(spec: TaskSpec, logits: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Offsets added to the logits that maximise the task's objective on ``logits``."""
    k = len(spec.labels)
    grid = np.linspace(-4.0, 4.0, 81 if k == 2 else 33)
    best, best_score = np.zeros(k), -1.0
    combos = [(g,) for g in grid] if k == 2 else [(a, b) for a in grid for b in grid]
    for combo in combos:
        off = np.concatenate([[0.0], combo])
        score = _objective(spec, np.argmax(logits + off, axis=1), y)
        if score > best_score + 1e-9 or (abs(score - best_score) <= 1e-9
                                         and np.abs(off).sum() < np.abs(best).sum()):
            best, best_score = off, score
    return best


def _objective(spec: TaskSpec, pred: np.ndarray, y: np.ndarray) -> float:
    k = len(spec.labels)
    conf = np.bincount(y * k + pred, minlength=k * k).reshape(k, k).astype(np.float64)
    if spec.objective == "recall_at_fpr":
        pos = next(i for i, lab in enumerate(spec.labels) if lab not in spec.negative)
        neg_total = conf.sum() - conf[pos].sum()
        fpr = (conf[:, pos].sum() - conf[pos, pos]) / neg_total if neg_total else 0.0
        recall = conf[pos, pos] / conf[pos].sum() if conf[pos].sum() else 0.0
        return float(recall if fpr <= MAX_FPR else recall - 10 * (fpr - MAX_FPR))
    tp = np.diag(conf)
    denom = conf.sum(axis=0) + conf.sum(axis=1)
    f1 = np.divide(2 * tp, denom, out=np.zeros(k), where=denom > 0)
    present = conf.sum(axis=1) > 0
    return float(f1[present].mean()) if present.any() else 0.0


def cv_curve(spec: TaskSpec, logits: np.ndarray, y: np.ndarray, offsets: np.ndarray,
             fprs: Sequence[float] = (0.01, 0.02, 0.05, 0.10)) -> dict[str, Any]:
    """Out-of-fold figures of a task with one positive label: recall and share of negatives
    flagged at the tuned offsets, and the recall reachable at each false-positive rate of
    ``fprs`` (threshold on the out-of-fold score). Empty for other tasks."""
    positives = [i for i, lab in enumerate(spec.labels) if lab not in spec.negative]
    if len(positives) != 1 or len(spec.labels) != 2:
        return {}
    pos = positives[0]
    raw = logits[:, pos] - logits[:, 1 - pos]
    flagged = raw + offsets[pos] - offsets[1 - pos] > 0
    is_pos = y == pos
    if not is_pos.any() or is_pos.all():
        return {}
    neg = np.sort(raw[~is_pos])
    at: dict[str, float] = {}
    for fpr in fprs:
        allowed = int(np.floor(fpr * len(neg)))  # negatives allowed above the threshold
        threshold = neg[len(neg) - allowed - 1]
        at[f"{fpr:g}"] = round(float(np.mean(raw[is_pos] > threshold)), 4)
    return {"recall": round(float(np.mean(flagged[is_pos])), 4),
            "flagged_negative_rate": round(float(np.mean(flagged[~is_pos])), 4),
            "recall_at_fpr": at}


def variant_groups(texts: Sequence[str]) -> np.ndarray:
    """One id per record, shared by records whose folded letters (diacritics removed,
    teencode expanded, case and punctuation ignored) start the same: copies of one text."""
    ids: dict[str, int] = {}
    keys = (re.sub(r"[^a-z]", "", item.folded)[:60] for item in prepare(texts))
    return np.array([ids.setdefault(key, len(ids)) for key in keys], dtype=np.int64)


def _fold_groups(variants: np.ndarray, records: np.ndarray, y: np.ndarray) -> np.ndarray:
    """``variants`` (copies of one text share a fold) unless too few remain per label to
    split; then ``records``."""
    per_label = [len(np.unique(variants[y == label])) for label in np.unique(y)]
    return variants if min(per_label) >= 2 else records


def train_analyser(task: str, data_dir: Path, *, config: FeatureConfig | None = None,
          c: float | None = None, folds: int = 3, progress: Progress | None = None
          ) -> tuple[LinearAnalyser, Metrics | None]:
    """Train the analyser of ``task`` from ``data_dir/train.jsonl``; evaluate on ``dev.jsonl``.

    Decision offsets are tuned on out-of-fold predictions on *train* (cross-validation),
    so that the dev set stays a fair estimate.
    """
    spec = spec_for(task)
    config = config or spec.features
    c = spec.c if c is None else c
    say = progress or (lambda _msg: None)
    started = time.perf_counter()
    data = read_jsonl(data_dir / "train.jsonl", labels=spec.labels,
                      extra_fields=spec.extra_fields, fine_field=spec.fine_label)
    y = np.array([spec.labels.index(lab) for lab in data.labels])
    if len(set(y.tolist())) < 2:
        raise ValidationError("training data needs at least two labels", field="label",
                              source=str(data_dir / "train.jsonl"))
    # A record with extra fields trains twice: text alone, and text + extra fields.
    more = [i for i, ext in enumerate(data.extended) if ext is not None]
    groups = np.concatenate([np.arange(len(y)), np.array(more, dtype=np.int64)])
    texts = data.texts + [str(data.extended[i]) for i in more]
    y = y[groups]
    scored = len(y)  # rows that count for offsets and the CV score (not span rows)
    if spec.span_data is not None:
        span_texts, span_records = span_rows(data, data_dir.parent / spec.span_data,
                                             exclude=data_dir / "dev.jsonl")
        say(f"{len(span_texts)} span rows from {spec.span_data}")
        texts += span_texts
        groups = np.concatenate([groups, span_records])
        y = np.concatenate([y, y[span_records]])
    fine = None
    if spec.fine_label is not None:
        names = sorted(set(data.fine))
        fine = np.array([names.index(f) for f in data.fine], dtype=np.int64)[groups]
    say(f"features for {len(y)} training texts")
    counts, rules = _design(spec, texts, config)
    say(f"cross-validation ({folds} folds) to tune decision offsets")
    # Near-duplicate records (unaccented / teencode / CAPS copies of one text) share a fold,
    # or the out-of-fold scores, and so the tuned offsets, are over-confident.
    cv_logits = _cv_logits(spec, counts, rules, y, config, c=c, folds=folds,
                           groups=_fold_groups(variant_groups(data.texts)[groups], groups, y),
                           fine=fine)
    cv_logits = cv_logits[:scored]
    offsets = tune_offsets(spec, cv_logits, y[:scored])
    say("final fit")
    fitted = _fit(spec, counts, rules, y, c=c, fine=fine)
    meta: dict[str, Any] = {
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "train_size": len(data.texts), "c": c, "class_weight": spec.class_weight,
        "objective": spec.objective, "train_data": data_dir.name, "method": spec.method,
        "cv_objective": round(_objective(spec, np.argmax(cv_logits + offsets, axis=1),
                                         y[:scored]), 4),
    }
    curve = cv_curve(spec, cv_logits, y[:scored], offsets)
    if curve:
        meta["cv"] = curve
    if spec.extra_fields:
        meta["extra_fields"] = list(spec.extra_fields)
    if spec.fine_label is not None:
        meta["fine_label"] = spec.fine_label
        meta["fine_collapse"] = spec.fine_collapse
    if spec.span_data is not None:
        meta["span_data"] = spec.span_data
        meta["span_rows"] = len(y) - scored
    analyser = make_analyser(task, _to_model(spec, fitted, config, offsets, meta))
    dev_metrics = None
    dev_path = data_dir / "dev.jsonl"
    if dev_path.exists():
        dev = read_jsonl(dev_path, labels=spec.labels, extra_fields=spec.extra_fields)
        dev_metrics = evaluate(analyser, dev)
        meta["dev"] = dev_metrics.to_dict()
    meta["train_seconds"] = round(time.perf_counter() - started, 1)
    return analyser, dev_metrics


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).lower().split())


def span_rows(data: Dataset, span_dir: Path, *, exclude: Path) -> tuple[list[str], np.ndarray]:
    """Extra training rows from span annotations of the *same* texts (ViHOS for ViHSD).

    Each JSONL record of ``span_dir`` (``train.jsonl`` and ``dev.jsonl``: ``text`` and a
    ``spans`` list of offensive words) whose normalised text is a training text of
    ``data`` and is *not* in ``exclude`` (the dev set) gives one row: its spans joined by
    spaces, labelled like that training text. Returns the texts and, for each, the index
    of its training record (so both share a cross-validation fold). A missing folder
    gives no rows.
    """
    index: dict[str, int] = {}
    for i, text in enumerate(data.texts):
        index.setdefault(_key(text), i)
    held_out = {_key(t) for t in read_jsonl(exclude).texts} if exclude.exists() else set()
    texts: list[str] = []
    records: list[int] = []
    for name in ("train.jsonl", "dev.jsonl"):
        path = span_dir / name
        if not path.exists():
            continue
        for number, record in json_records(path):
            raw = record.get("text") if isinstance(record, dict) else None
            spans = record.get("spans") if isinstance(record, dict) else None
            if not isinstance(raw, str):
                raise ValidationError("missing text", source=str(path), line=number,
                                      field="text", expected="a string")
            if not isinstance(spans, list):
                raise ValidationError("missing spans", source=str(path), line=number,
                                      field="spans", expected="a list of strings",
                                      received=type(spans).__name__)
            if not spans:  # a clean comment: nothing to add
                continue
            key = _key(raw)
            if key in held_out or key not in index:
                continue
            texts.append(" ".join(str(s) for s in spans))
            records.append(index[key])
    return texts, np.array(records, dtype=np.int64)


def evaluate(analyser: LinearAnalyser, data: Dataset) -> Metrics:
    """Metrics of ``analyser`` on a labelled dataset (plus recall/FPR for binary tasks).

    Where the dataset has extended texts (text + extra fields such as a lead paragraph),
    those are classified and ``macro_f1_text_only`` gives the score on the text alone.
    """
    spec = analyser.spec
    extended = data.extended if len(data.extended) == len(data.texts) else []
    if any(ext is not None for ext in extended):
        texts = [ext if ext is not None else t for t, ext in zip(data.texts, extended, strict=True)]
        alone = [p.label for p in analyser.predict(data.texts)]
        text_only = metrics(data.labels, alone, analyser.labels).macro_f1
    else:
        texts, text_only = data.texts, None
    preds = [p.label for p in analyser.predict(texts)]
    result = metrics(data.labels, preds, analyser.labels)
    if text_only is not None:
        result.extra["macro_f1_text_only"] = text_only
    positives = [lab for lab in spec.labels if lab not in spec.negative]
    if len(positives) == 1:
        pos = positives[0]
        neg = [p == pos for t, p in zip(data.labels, preds, strict=True) if t != pos]
        result.extra["flagged_negative_rate"] = float(np.mean(neg)) if neg else 0.0
    return result


def save(analyser: LinearAnalyser, out_dir: Path) -> Path:
    """Write the analyser's model to ``out_dir`` (``model.json`` + ``weights.npz``)."""
    analyser.model.save(out_dir)
    return out_dir
