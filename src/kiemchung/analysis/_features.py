"""Hashed word and character n-gram features (no vocabulary to store, fast on CPU).

Terms come from the teencode-expanded text with and without diacritics, so that
``không`` / ``khong`` / ``ko`` land on the same features.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction import FeatureHasher

from kiemchung.analysis._prep import Prepared, words


@dataclass(frozen=True, slots=True)
class FeatureConfig:
    """How texts become hashed terms; stored in each model's JSON."""

    bits: int = 20
    word_ngrams: int = 2
    folded_ngrams: int = 2
    char_min: int = 2
    char_max: int = 5
    max_chars: int = 2000

    def to_dict(self) -> dict[str, Any]:
        """Plain dict for ``model.json``."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FeatureConfig:
        """Inverse of :meth:`to_dict` (unknown keys ignored)."""
        return cls(**{k: int(v) for k, v in data.items() if k in cls.__dataclass_fields__})


def _ngrams(tokens: list[str], n: int, prefix: str) -> Iterator[str]:
    for size in range(2, n + 1):
        for i in range(len(tokens) - size + 1):
            yield prefix + str(size) + ":" + " ".join(tokens[i : i + size])


def terms(item: Prepared, config: FeatureConfig) -> list[str]:
    """All hashed terms of one prepared text."""
    norm = item.norm[: config.max_chars]
    folded = item.folded[: config.max_chars]
    toks = words(norm)
    ftoks = words(folded)
    out = ["w:" + t for t in toks]
    out.extend(_ngrams(toks, config.word_ngrams, "w"))
    out.extend("f:" + t for t in ftoks)
    out.extend(_ngrams(ftoks, config.folded_ngrams, "f"))
    lo, hi = config.char_min, config.char_max
    if hi >= lo > 0:
        # Character n-grams over the folded words joined by single spaces (so n-grams
        # may span a word boundary, which captures short phrases cheaply).
        joined = " " + " ".join(ftoks) + " "
        size = len(joined)
        for n in range(lo, hi + 1):
            out.extend([joined[i : i + n] for i in range(size - n + 1)])
    return out


def hashed_counts(items: Sequence[Prepared], config: FeatureConfig) -> sp.csr_matrix:
    """Term counts, hashed to ``2**bits`` columns, as a CSR matrix (one row per text)."""
    hasher = FeatureHasher(n_features=1 << config.bits, input_type="string", alternate_sign=False,
                           dtype=np.float32)
    matrix = hasher.transform(terms(item, config) for item in items)
    return sp.csr_matrix(matrix)


def reduce_bits(counts: sp.csr_matrix, bits: int) -> sp.csr_matrix:
    """Counts hashed to ``2**bits`` columns from counts hashed to more columns.

    Valid because hashing takes the hash modulo a power of two.
    """
    if counts.shape[1] == 1 << bits:
        return counts
    if counts.shape[1] < 1 << bits:
        raise ValueError("cannot widen hashed counts")
    out = sp.csr_matrix((counts.data.copy(), counts.indices & ((1 << bits) - 1), counts.indptr.copy()),
                        shape=(counts.shape[0], 1 << bits))
    out.sum_duplicates()  # in place: hence the copies above (``counts`` may be shared)
    return out


def tfidf(counts: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
    """Sublinear TF × IDF, rows L2-normalised."""
    data = np.log1p(counts.data) * idf[counts.indices]
    sq = np.add.reduceat(np.append(data * data, 0.0), counts.indptr[:-1]) if data.size else None
    norms = np.ones(counts.shape[0], dtype=np.float64)
    if sq is not None:
        lengths = np.diff(counts.indptr)
        norms[lengths > 0] = np.sqrt(sq[lengths > 0])
        norms[norms == 0] = 1.0
        data = data / np.repeat(norms, lengths)
    return sp.csr_matrix((data.astype(np.float32), counts.indices.copy(), counts.indptr.copy()),
                         shape=counts.shape)


def fit_idf(counts: sp.csr_matrix) -> np.ndarray:
    """Smoothed IDF as in scikit-learn; unseen columns get the highest weight."""
    n = counts.shape[0]
    df = np.bincount(counts.indices, minlength=counts.shape[1]).astype(np.float64)
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
    return idf.astype(np.float32)


def max_idf(n_docs: int) -> float:
    """IDF of a term never seen in ``n_docs`` training texts."""
    return math.log(1.0 + n_docs) + 1.0
