"""Stage 2 features of a (query, fact-check) pair, and the calibrated logistic model."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from kiemchung.errors import ModelError
from kiemchung.matching._prep import Prepared, bigrams, char_grams

FEATURES: tuple[str, ...] = (
    "bm25_doc",  # BM25 / the document's own BM25: how much of the claim the text covers
    "qcov",  # idf-weighted share of the text's words found in the claim
    "dcov",  # idf-weighted share of the claim's words found in the text
    "dcov_bi",  # share of the claim's word pairs found in the text
    "char_d",  # share of the claim's character 4-grams found in the text
    "char_q",  # share of the text's character 4-grams found in the claim
    "margin",  # dcov of this candidate minus the best other candidate's
    "num_cov",  # share of the claim's numbers found in the text
    "num_conflict",  # both have numbers, none shared
    "name_cov",  # share of the claim's names and acronyms found in the text
    "name_miss",  # the claim has names and none is in the text
    "name_other",  # ... and the text names someone the claim does not: another story
    "name_miss_cov",  # name_miss × dcov_bi: all but the name matches
    "domain_match",  # a domain appears in both
    "domain_conflict",  # both name domains, none shared
    "log_qlen",
    "log_dlen",
    "dq_min",  # min(dcov, qcov): both sides agree
    "dq_prod",  # dcov × qcov
    "shared_idf",  # log of the idf mass of shared words: short texts share little
    "shared_bi",  # log of the number of shared word pairs
)

MODEL_DIR = "models"
DEFAULT_MODEL = "match.v1.json"
BACKGROUND = "background_idf.json"


@lru_cache(maxsize=1)
def background_idf() -> tuple[dict[str, float], float]:
    """Smoothed idf of folded syllables in general Vietnamese text (shipped JSON)."""
    ref = resources.files("kiemchung.matching").joinpath(MODEL_DIR, BACKGROUND)
    try:
        data = json.loads(ref.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ModelError(f"cannot read background idf: {err}") from err
    n_docs = float(data["n_docs"])
    idf = {t: math.log((n_docs + 1) / (df + 1)) + 1.0 for t, df in data["df"].items()}
    return idf, math.log(n_docs + 1) + 1.0


def idf_of(token: str) -> float:
    table, unseen = background_idf()
    return table.get(token, unseen)


@dataclass(slots=True)
class PairView:
    """Cached derived sets of one prepared text."""

    prep: Prepared
    tokens: frozenset[str] = field(init=False)
    bigram_set: frozenset[str] = field(init=False)
    grams: frozenset[str] = field(init=False)
    padded: str = field(init=False)
    weights: dict[str, float] = field(init=False)
    total: float = field(init=False)
    bigram_weights: dict[str, float] = field(init=False)
    bigram_total: float = field(init=False)

    def __post_init__(self) -> None:
        self.tokens = frozenset(self.prep.tokens)
        self.bigram_set = frozenset(bigrams(self.prep.tokens))
        self.grams = frozenset(char_grams(self.prep.folded))
        self.padded = f" {self.prep.folded} "
        self.weights = {t: idf_of(t) for t in self.tokens}
        self.total = sum(self.weights.values())
        self.bigram_weights = {
            bg: (self.weights[a] + self.weights[b]) / 2
            for bg in self.bigram_set for a, _, b in [bg.partition("_")]
        }
        self.bigram_total = sum(self.bigram_weights.values())


def _bigram_share(doc: PairView, query: PairView) -> float:
    if not doc.bigram_set:
        return 1.0 if doc.tokens and doc.tokens <= query.tokens else 0.0
    shared = doc.bigram_set & query.bigram_set
    return sum(doc.bigram_weights[b] for b in shared) / max(doc.bigram_total, 1e-9)


def pair_features(query: PairView, doc: PairView, *, bm25_doc: float) -> dict[str, float]:
    """Features of one pair except ``margin`` (set by the caller, across candidates)."""
    shared = doc.tokens & query.tokens
    shared_idf = sum(doc.weights[t] for t in shared)
    qcov = shared_idf / query.total if query.total > 0 else 0.0
    dcov = shared_idf / doc.total if doc.total > 0 else 0.0
    inter = len(doc.grams & query.grams)
    dnum, qnum = doc.prep.numbers, query.prep.numbers
    names = doc.prep.names
    name_hits = sum(1 for n in names if f" {' '.join(n)} " in query.padded)
    dom_d, dom_q = doc.prep.domains, query.prep.domains
    name_miss = float(bool(names) and name_hits == 0)
    doc_tokens = doc.tokens
    other = any(not set(n) <= doc_tokens for n in query.prep.names if len(n) >= 2)
    dcov_bi = _bigram_share(doc, query)
    return {
        "bm25_doc": min(bm25_doc, 1.5),
        "qcov": qcov,
        "dcov": dcov,
        "dcov_bi": dcov_bi,
        "char_d": inter / max(len(doc.grams), 1),
        "char_q": inter / max(len(query.grams), 1),
        "margin": 0.0,
        "num_cov": len(dnum & qnum) / len(dnum) if dnum else 0.0,
        "num_conflict": float(bool(dnum and qnum and not dnum & qnum)),
        "name_cov": name_hits / len(names) if names else 0.0,
        "name_miss": name_miss,
        "name_other": float(name_miss > 0 and other),
        "name_miss_cov": name_miss * dcov_bi,
        "domain_match": float(bool(dom_d & dom_q)),
        "domain_conflict": float(bool(dom_d and dom_q and not dom_d & dom_q)),
        "log_qlen": math.log1p(len(query.prep.tokens)),
        "log_dlen": math.log1p(len(doc.prep.tokens)),
        "dq_min": min(dcov, qcov),
        "dq_prod": dcov * qcov,
        "shared_idf": math.log1p(shared_idf),
        "shared_bi": math.log1p(len(doc.bigram_set & query.bigram_set)),
    }


@dataclass(slots=True)
class CalibratedModel:
    """Logistic regression over :data:`FEATURES`, with decision thresholds (JSON file)."""

    name: str
    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    match_threshold: float
    maybe_threshold: float
    info: dict[str, Any] = field(default_factory=dict)

    def predict(self, rows: np.ndarray) -> np.ndarray:
        """Calibrated probabilities that each feature row is a true match."""
        z = ((rows - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "features": list(self.features),
            "mean": self.mean.tolist(),
            "scale": self.scale.tolist(),
            "coef": self.coef.tolist(),
            "intercept": self.intercept,
            "thresholds": {"match": self.match_threshold, "maybe": self.maybe_threshold},
            "info": self.info,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CalibratedModel:
        try:
            features = tuple(data["features"])
            if features != FEATURES:
                raise ModelError(
                    "match model was trained on other features; retrain it",
                    expected=",".join(FEATURES), received=",".join(features),
                )
            return cls(
                name=str(data["name"]),
                features=features,
                mean=np.asarray(data["mean"], dtype=np.float64),
                scale=np.asarray(data["scale"], dtype=np.float64),
                coef=np.asarray(data["coef"], dtype=np.float64),
                intercept=float(data["intercept"]),
                match_threshold=float(data["thresholds"]["match"]),
                maybe_threshold=float(data["thresholds"]["maybe"]),
                info=dict(data.get("info", {})),
            )
        except (KeyError, TypeError, ValueError) as err:
            raise ModelError(f"match model file is malformed: {err}") from err


def load_model(path: str | Path | None = None) -> CalibratedModel:
    """The shipped calibrated model, or one from ``path``."""
    try:
        if path is None:
            ref = resources.files("kiemchung.matching").joinpath(MODEL_DIR, DEFAULT_MODEL)
            text = ref.read_text(encoding="utf-8")
        else:
            text = Path(path).read_text(encoding="utf-8")
        data = json.loads(text)
    except (OSError, ValueError) as err:
        raise ModelError(f"cannot read match model: {err}") from err
    return CalibratedModel.from_json(data)
