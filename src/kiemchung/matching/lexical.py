"""Stage 1: BM25 over folded syllable unigrams and bigrams, as scipy sparse matrices.

Documents are kept as a term-count matrix; BM25 weights are recomputed from it in one
vectorised pass after :meth:`LexicalIndex.add` / :meth:`LexicalIndex.remove`, so adding
or removing items never re-tokenises the rest of the library.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from kiemchung.errors import ModelError
from kiemchung.matching._prep import PREP_VERSION, bigrams

K1 = 1.2
B = 0.75
MAX_DF = 0.02
MAX_DF_ITEMS = 5_000
"""Query terms in more than ``MAX_DF`` of a large library (or more than ``MAX_DF_ITEMS``
items) are skipped in stage 1.

Their idf is low, so they barely change which items reach the top candidates, but their
posting lists are the longest: skipping them makes large libraries several times faster.
Stage 2 still sees every word. Libraries under :data:`PRUNE_FROM` items skip nothing.
"""
PRUNE_FROM = 20_000
DIRECT_MAX = 50_000
"""Single queries on libraries up to this size are scored without a sparse product (the
dense per-query sum costs in proportion to the library size)."""


def terms_of(tokens: Sequence[str]) -> list[str]:
    """Index terms of a token sequence: unigrams and bigrams."""
    return [*tokens, *bigrams(list(tokens))]


class LexicalIndex:
    """BM25 index over term lists; rows are documents in insertion order."""

    def __init__(self) -> None:
        self.vocab_: dict[str, int] = {}
        self.counts_: sp.csr_matrix = sp.csr_matrix((0, 0), dtype=np.float32)
        self.weights_t_: sp.csr_matrix = sp.csr_matrix((0, 0), dtype=np.float32)
        self.idf_: np.ndarray = np.zeros(0, dtype=np.float32)
        self.self_: np.ndarray = np.zeros(0, dtype=np.float32)
        self.common_: np.ndarray = np.zeros(0, dtype=bool)

    @property
    def size(self) -> int:
        return int(self.counts_.shape[0])

    def add(self, docs: Iterable[Sequence[str]]) -> None:
        """Append documents given as term lists."""
        indptr = [0]
        indices: list[int] = []
        vocab = self.vocab_
        setdefault = vocab.setdefault
        for terms in docs:
            indices.extend([setdefault(t, len(vocab)) for t in terms])
            indptr.append(len(indices))
        width = len(vocab)
        new = sp.csr_matrix(
            (np.ones(len(indices), dtype=np.float32), np.asarray(indices, dtype=np.int32),
             np.asarray(indptr, dtype=np.int64)),
            shape=(len(indptr) - 1, width),
        )
        new.sum_duplicates()
        old = self.counts_
        old.resize((old.shape[0], width))
        self.counts_ = sp.vstack([old, new], format="csr", dtype=np.float32)
        self._reweight()

    def remove(self, rows: Sequence[int]) -> None:
        """Drop documents by row number (later rows move up)."""
        keep = np.ones(self.size, dtype=bool)
        keep[np.asarray(rows, dtype=np.int64)] = False
        self.counts_ = self.counts_[keep]
        self._reweight()

    def _reweight(self) -> None:
        counts = self.counts_
        n_docs = max(counts.shape[0], 1)
        df = np.bincount(counts.indices, minlength=counts.shape[1]).astype(np.float64)
        self.idf_ = np.log1p((n_docs - df + 0.5) / (df + 0.5)).astype(np.float32)
        limit = min(MAX_DF * n_docs, MAX_DF_ITEMS)
        self.common_ = (df > limit) if n_docs >= PRUNE_FROM else np.zeros(df.shape, dtype=bool)
        doc_len = np.asarray(counts.sum(axis=1)).ravel()
        avg = float(doc_len.mean()) if doc_len.size else 1.0
        norm = K1 * (1 - B + B * doc_len / max(avg, 1e-9))
        tf = counts.data
        row_of = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))
        weights = tf * (K1 + 1) / (tf + norm[row_of]) * self.idf_[counts.indices]
        w = sp.csr_matrix((weights.astype(np.float32), counts.indices, counts.indptr),
                          shape=counts.shape)
        self.weights_t_ = w.T.tocsr()
        self.self_ = np.asarray(w.sum(axis=1), dtype=np.float32).ravel()

    def query_cols(self, terms: Sequence[str]) -> list[int]:
        """Sorted columns of one query's known terms (common terms pruned, see MAX_DF)."""
        vocab = self.vocab_
        cols = {vocab[t] for t in terms if t in vocab}
        common = self.common_
        kept = [c for c in cols if not common[c]]
        return sorted(kept if kept else cols)

    def query_matrix(self, queries: Sequence[Sequence[str]]) -> sp.csr_matrix:
        """Binary query-term matrix (unknown terms dropped)."""
        indptr = [0]
        indices: list[int] = []
        for terms in queries:
            indices.extend(self.query_cols(terms))
            indptr.append(len(indices))
        data = np.ones(len(indices), dtype=np.float32)
        return sp.csr_matrix((data, np.asarray(indices, dtype=np.int32),
                              np.asarray(indptr, dtype=np.int64)),
                             shape=(len(queries), len(self.vocab_)))

    def search(self, queries: Sequence[Sequence[str]], *, k: int) -> list[tuple[np.ndarray, np.ndarray]]:
        """Top-``k`` (rows, BM25 scores) per query, best first.

        A batch is one sparse product with the transposed weight matrix. One query against
        a library of up to :data:`DIRECT_MAX` items (a public question) sums the posting
        lists of its terms directly instead (numpy gather and ``bincount``): the same
        scores without building sparse matrices, several times less overhead.
        """
        if self.size == 0:
            return [(np.zeros(0, np.int64), np.zeros(0, np.float32)) for _ in queries]
        if len(queries) == 1 and self.size <= DIRECT_MAX:
            return [self._search_one(queries[0], k)]
        results: list[tuple[np.ndarray, np.ndarray]] = []
        qm = self.query_matrix(queries)
        for start in range(0, qm.shape[0], 256):
            scores = (qm[start : start + 256] @ self.weights_t_).tocsr()
            for i in range(scores.shape[0]):
                lo, hi = scores.indptr[i], scores.indptr[i + 1]
                results.append(_top(scores.indices[lo:hi], scores.data[lo:hi], k))
        return results

    def _search_one(self, terms: Sequence[str], k: int) -> tuple[np.ndarray, np.ndarray]:
        w = self.weights_t_
        cols = np.asarray(self.query_cols(terms), dtype=np.int64)
        starts = w.indptr[cols]
        lengths = w.indptr[cols + 1] - starts
        total = int(lengths.sum())
        if total == 0:
            return np.zeros(0, np.int64), np.zeros(0, np.float32)
        pos = np.arange(total, dtype=np.int64) + np.repeat(
            starts - (np.cumsum(lengths) - lengths), lengths)
        summed = np.bincount(w.indices[pos], weights=w.data[pos], minlength=self.size)
        hit = np.flatnonzero(summed)
        return _top(hit, summed[hit].astype(np.float32), k)

    def self_scores(self, rows: np.ndarray) -> np.ndarray:
        """BM25 of each document against its own terms (the best any query can get)."""
        return self.self_[rows]

    def to_arrays(self) -> dict[str, np.ndarray]:
        """Plain arrays for ``np.savez`` (no pickled objects)."""
        c = self.counts_
        return {"data": c.data, "indices": c.indices, "indptr": c.indptr,
                "shape": np.asarray(c.shape, dtype=np.int64)}

    def vocab_list(self) -> list[str]:
        out = [""] * len(self.vocab_)
        for term, col in self.vocab_.items():
            out[col] = term
        return out

    @classmethod
    def from_arrays(cls, arrays: Any, vocab: list[str]) -> LexicalIndex:
        """Rebuild from :meth:`to_arrays` output and the vocabulary list."""
        index = cls()
        shape = tuple(int(x) for x in arrays["shape"])
        if shape[1] != len(vocab):
            raise ModelError("index file is inconsistent: vocabulary size differs from matrix")
        index.vocab_ = {term: i for i, term in enumerate(vocab)}
        index.counts_ = sp.csr_matrix(
            (arrays["data"], arrays["indices"], arrays["indptr"]), shape=shape
        )
        index._reweight()
        return index


def _top(cols: np.ndarray, vals: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    if vals.size > k:
        part = np.argpartition(-vals, k - 1)[:k]
        cols, vals = cols[part], vals[part]
    order = np.argsort(-vals, kind="stable")
    return cols[order].astype(np.int64), vals[order]


def index_meta() -> dict[str, Any]:
    """Parameters recorded beside a saved index."""
    return {"k1": K1, "b": B, "prep_version": PREP_VERSION}


def dumps_vocab(vocab: list[str]) -> str:
    return json.dumps(vocab, ensure_ascii=False)


def save_arrays(path: Path, arrays: dict[str, np.ndarray]) -> None:
    with path.open("wb") as fh:
        np.savez(fh, **arrays)  # type: ignore[arg-type]


def load_arrays(path: Path) -> dict[str, np.ndarray]:
    with np.load(path, allow_pickle=False) as data:
        return {name: data[name] for name in data.files}
