"""A calibrated linear model over hashed TF-IDF features plus rule features.

Stored in a safe format: ``model.json`` (labels, configuration, metrics) beside
``weights.npz`` (plain numeric arrays, read with ``allow_pickle=False``). Nothing is ever
unpickled, so a model file from an untrusted source cannot run code.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from kiemchung.analysis._features import FeatureConfig, max_idf, tfidf
from kiemchung.analysis._prep import PREP_VERSION
from kiemchung.errors import ModelError

log = logging.getLogger(__name__)

FORMAT = "kiemchung.linear"
FORMAT_VERSION = 1
MODEL_JSON = "model.json"
WEIGHTS_NPZ = "weights.npz"


@dataclass(slots=True)
class LinearModel:
    """Multinomial (or binary) logistic model: ``softmax(x·W + b + offsets)``.

    ``W`` has one column per label; rows ``[0, 2**bits)`` are text features, the last
    ``len(rule_codes)`` rows are rule indicators scaled by ``rule_scale``.

    Optional *fine columns* (``fine_labels``: the label of each extra column after the
    ``k`` label columns) are scores of finer classes (e.g. the three spam types): a
    label's logit then adds ``fine_scale * logsumexp`` of its fine columns' scores, the
    exact collapse of a softmax over the finer classes.
    """

    name: str
    task: str
    labels: tuple[str, ...]
    features: FeatureConfig
    rule_codes: tuple[str, ...]
    weights: np.ndarray  # (n_text_features + n_rules, k) float32
    intercept: np.ndarray  # (k,)
    idf: np.ndarray  # (n_text_features,) float32
    offsets: np.ndarray  # (k,) decision offsets tuned for macro-F1 / recall goals
    rule_scale: float = 1.0
    meta: dict[str, Any] = field(default_factory=dict)
    fine_labels: tuple[int, ...] = ()  # label index of each fine column (after the k labels)
    fine_scale: float = 1.0

    @property
    def n_text(self) -> int:
        """Number of hashed text columns."""
        return 1 << self.features.bits

    def logits(self, counts: sp.csr_matrix, rules: np.ndarray | None) -> np.ndarray:
        """Raw scores per label, before offsets."""
        x = tfidf(counts, self.idf)
        z = np.asarray(x @ self.weights[: self.n_text], dtype=np.float64)
        if self.rule_codes:
            if rules is None:
                raise ModelError(f"model {self.name} needs rule features")
            z += (rules * self.rule_scale) @ self.weights[self.n_text :].astype(np.float64)
        z = z + self.intercept
        if self.fine_labels:
            z = self._collapse(z)
        return z

    def _collapse(self, z: np.ndarray) -> np.ndarray:
        """Label logits from label columns + ``fine_scale`` × logsumexp of fine columns."""
        k = len(self.labels)
        out = z[:, :k].copy()
        owner = np.asarray(self.fine_labels)
        for label in np.unique(owner).tolist():
            part = z[:, k:][:, owner == label]
            top = part.max(axis=1)
            out[:, label] += self.fine_scale * (
                top + np.log(np.exp(part - top[:, None]).sum(axis=1)))
        return out

    def probabilities(self, counts: sp.csr_matrix, rules: np.ndarray | None) -> np.ndarray:
        """Probabilities (rows sum to 1) after decision offsets."""
        return softmax(self.logits(counts, rules) + self.offsets)

    def rule_weight(self, code: str, label: str) -> float:
        """Learned weight of a rule toward ``label`` (relative to the mean over labels)."""
        row = self.weights[self.n_text + self.rule_codes.index(code)]
        if not self.fine_labels:
            k = self.labels.index(label)
            return float(row[k] - row.mean()) * self.rule_scale
        # A label's fine columns count by their mean (times the collapse scale).
        n, owner = len(self.labels), np.asarray(self.fine_labels)
        wide = row.astype(np.float64)
        merged = wide[:n] + self.fine_scale * np.array(
            [wide[n:][owner == i].mean() if (owner == i).any() else 0.0 for i in range(n)])
        i = self.labels.index(label)
        return float(merged[i] - merged.mean()) * self.rule_scale

    # -- storage -----------------------------------------------------------------

    def save(self, directory: Path) -> None:
        """Write ``model.json`` and ``weights.npz`` (only the rows seen in training)."""
        directory.mkdir(parents=True, exist_ok=True)
        text_w = self.weights[: self.n_text]
        seen = np.flatnonzero((np.abs(text_w) > 1e-7).any(axis=1)).astype(np.int32)
        np.savez_compressed(
            directory / WEIGHTS_NPZ,
            rows=seen,
            text_weights=text_w[seen].astype(np.float16),
            idf=self.idf[seen].astype(np.float16),
            rule_weights=self.weights[self.n_text :].astype(np.float32),
            intercept=self.intercept.astype(np.float64),
            offsets=self.offsets.astype(np.float64),
        )
        doc = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "prep_version": PREP_VERSION,
            "name": self.name,
            "task": self.task,
            "labels": list(self.labels),
            "features": self.features.to_dict(),
            "rule_codes": list(self.rule_codes),
            "rule_scale": self.rule_scale,
            "default_idf": float(self.idf.max()) if self.idf.size else 1.0,
            "meta": self.meta,
        }
        if self.fine_labels:
            doc["fine_columns"] = {"labels": [self.labels[i] for i in self.fine_labels],
                                   "scale": self.fine_scale}
        (directory / MODEL_JSON).write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n",
                                            encoding="utf-8")

    @classmethod
    def load(cls, directory: Path) -> LinearModel:
        """Load a model written by :meth:`save`; refuses pickled or malformed files."""
        doc = _read_json(directory / MODEL_JSON)
        features = FeatureConfig.from_dict(doc["features"])
        labels = tuple(str(x) for x in doc["labels"])
        rule_codes = tuple(str(x) for x in doc.get("rule_codes", []))
        arrays = _read_npz(directory / WEIGHTS_NPZ)
        fine_doc = doc.get("fine_columns") or {}
        try:
            fine_labels = tuple(labels.index(str(x)) for x in fine_doc.get("labels", []))
        except ValueError as err:
            raise ModelError(f"{directory}: fine column of an unknown label") from err
        n_text, k = 1 << features.bits, len(labels) + len(fine_labels)
        rows = arrays["rows"].astype(np.int64)
        if rows.size and (rows.min() < 0 or rows.max() >= n_text):
            raise ModelError(f"{directory}: feature rows out of range")
        weights = np.zeros((n_text + len(rule_codes), k), dtype=np.float32)
        weights[rows] = arrays["text_weights"].reshape(len(rows), k)
        weights[n_text:] = arrays["rule_weights"].reshape(len(rule_codes), k)
        idf = np.full(n_text, float(doc.get("default_idf", max_idf(1))), dtype=np.float32)
        idf[rows] = arrays["idf"]
        return cls(
            name=str(doc["name"]), task=str(doc["task"]), labels=labels, features=features,
            rule_codes=rule_codes, weights=weights, intercept=arrays["intercept"].reshape(k),
            idf=idf, offsets=arrays["offsets"].reshape(len(labels)),
            rule_scale=float(doc["rule_scale"]), meta=dict(doc.get("meta", {})),
            fine_labels=fine_labels, fine_scale=float(fine_doc.get("scale", 1.0)),
        )


def softmax(z: np.ndarray) -> np.ndarray:
    """Row-wise softmax (numerically stable)."""
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return np.asarray(e / e.sum(axis=1, keepdims=True))


def _read_json(path: Path) -> dict[str, Any]:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as err:
        raise ModelError(f"model file not found: {path}") from err
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ModelError(f"model file is not valid JSON: {path}") from err
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ModelError(f"{path}: not a kiemchung linear model", expected=FORMAT,
                         received=doc.get("format") if isinstance(doc, dict) else type(doc))
    if doc.get("format_version") != FORMAT_VERSION or doc.get("prep_version") != PREP_VERSION:
        raise ModelError(f"{path}: model was written by an incompatible version; retrain it",
                         expected=f"format {FORMAT_VERSION}, prep {PREP_VERSION}",
                         received=f"format {doc.get('format_version')}, prep {doc.get('prep_version')}")
    return doc


_ARRAYS: dict[str, Sequence[str]] = {
    "rows": ("i",), "text_weights": ("f",), "idf": ("f",), "rule_weights": ("f",),
    "intercept": ("f",), "offsets": ("f",),
}


def _read_npz(path: Path) -> dict[str, np.ndarray]:
    try:
        with np.load(path, allow_pickle=False) as data:
            out = {key: np.asarray(data[key]) for key in _ARRAYS}
    except FileNotFoundError as err:
        raise ModelError(f"model weights not found: {path}") from err
    except (ValueError, KeyError, OSError) as err:
        # allow_pickle=False makes numpy raise ValueError on any object array.
        raise ModelError(f"{path}: unreadable or unsafe weights file ({err})") from err
    for key, kinds in _ARRAYS.items():
        if out[key].dtype.kind not in kinds:
            raise ModelError(f"{path}: array '{key}' has an unexpected type",
                             expected="/".join(kinds), received=str(out[key].dtype))
    return out
