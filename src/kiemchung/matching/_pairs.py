"""Stage 2 features over all candidates at once, from inputs precomputed per library entry.

:func:`kiemchung.matching.features.pair_features` is the reference definition of the
features of one (query, fact-check) pair. Computing it candidate by candidate needed the
prepared forms of every candidate (token sets, character 4-grams, names, numbers), built
per query or kept in a large cache of Python sets. :class:`PairTable` keeps instead, per
library row, what the features need in compact form:

* the row's distinct terms are the BM25 index's own count matrix (unigrams and bigrams);
  a per-term background idf weight turns them into the idf masses the features use;
* character 4-grams come from the row's words through a term → 4-gram table (a text's
  4-grams are the union of its words' 4-grams);
* numbers, domains and proper names, found once when the row is added.

:func:`feature_matrix` then computes the features of the candidates of one query with a
few numpy operations. It gives the same values as :func:`pair_features` (tests compare
the two on many pairs), so the trained model applies unchanged.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any

import numpy as np

from kiemchung.matching._prep import (
    _DOMAIN,
    _fold_lower,
    char_grams,
    names_of,
    numbers_of,
)
from kiemchung.matching.features import FEATURES, PairView, idf_of
from kiemchung.matching.lexical import LexicalIndex

_COL = {name: j for j, name in enumerate(FEATURES)}
_EMPTY_SET: frozenset[str] = frozenset()
_DIGIT = re.compile(r"\d")
_NO_NAMES: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True, slots=True)
class RowExtras:
    """Numbers, domains and proper names of one library entry (as :func:`prepare` gives)."""

    numbers: frozenset[str] = _EMPTY_SET
    domains: frozenset[str] = _EMPTY_SET
    names: tuple[tuple[str, ...], ...] = _NO_NAMES

    def to_json(self) -> list[Any]:
        return [sorted(self.numbers), sorted(self.domains), [list(n) for n in self.names]]

    @classmethod
    def from_json(cls, data: Sequence[Any]) -> RowExtras:
        numbers, domains, names = data
        if not (numbers or domains or names):
            return NO_EXTRAS
        return cls(numbers=frozenset(map(str, numbers)), domains=frozenset(map(str, domains)),
                   names=tuple(tuple(map(str, n)) for n in names))


NO_EXTRAS = RowExtras()


def row_extras(text: str, folded: str | None = None) -> RowExtras:
    """The extras of one library entry; identical to ``prepare(text, query=False)``'s.

    ``folded`` is ``_fold_lower(text)`` when the caller has it already.
    """
    folded = _fold_lower(text) if folded is None else folded
    numbers = numbers_of(folded) if _DIGIT.search(folded) else _EMPTY_SET
    domains = frozenset(_DOMAIN.findall(folded)) if "." in folded else _EMPTY_SET
    # a name is two capitalised words or more: fewer than two capitals cannot hold one
    names = names_of(text) if sum(map(str.isupper, text)) >= 2 else _NO_NAMES
    if not (numbers or domains or names):
        return NO_EXTRAS
    return RowExtras(numbers=numbers, domains=domains, names=names)


class PairTable:
    """Per-row and per-term inputs of the pair features, kept beside a :class:`LexicalIndex`.

    Call :meth:`add_rows` / :meth:`remove_rows` together with the index's own ``add`` /
    ``remove`` and :meth:`refresh` after them.
    """

    def __init__(self) -> None:
        self.extras: list[RowExtras] = []
        # per index term (column)
        self.col_w = np.zeros(0, dtype=np.float64)  # background idf (bigram: mean of its two)
        self.col_bi = np.zeros(0, dtype=bool)
        self.gram_vocab: dict[str, int] = {}
        self._col_grams: list[list[int]] = []
        self.t_indptr = np.zeros(1, dtype=np.int64)  # term → 4-gram ids (CSR)
        self.t_indices = np.zeros(0, dtype=np.int64)
        # per row
        self.uni_total: np.ndarray = np.zeros(0)  # idf mass of the distinct words
        self.bi_total: np.ndarray = np.zeros(0)  # ... of the distinct word pairs
        self.n_uni: np.ndarray = np.zeros(0, dtype=np.int64)  # distinct words
        self.n_bi: np.ndarray = np.zeros(0, dtype=np.int64)  # distinct word pairs
        self.n_tokens: np.ndarray = np.zeros(0, dtype=np.int64)  # words, repeats counted

    def add_rows(self, texts: Sequence[str], folded: Sequence[str] | None = None) -> None:
        """Append the extras of new rows (same order as the index); ``folded``: the texts'
        ``_fold_lower`` forms when already computed."""
        forms: Iterable[str | None] = folded if folded is not None else [None] * len(texts)
        self.extras.extend(row_extras(t, f) for t, f in zip(texts, forms, strict=True))

    def set_extras(self, extras: list[RowExtras]) -> None:
        self.extras = extras

    def remove_rows(self, rows: Sequence[int]) -> None:
        gone = set(rows)
        self.extras = [e for r, e in enumerate(self.extras) if r not in gone]

    def refresh(self, index: LexicalIndex) -> None:
        """Bring the term tables up to the index's vocabulary and recompute row totals."""
        start = len(self.col_w)
        if len(index.vocab_) > start:
            terms = list(islice(index.vocab_, start, None))
            weights = np.empty(len(terms), dtype=np.float64)
            is_bi = np.zeros(len(terms), dtype=bool)
            vocab = self.gram_vocab
            for i, term in enumerate(terms):
                a, sep, b = term.partition("_")
                if sep:
                    weights[i] = (idf_of(a) + idf_of(b)) / 2
                    is_bi[i] = True
                    self._col_grams.append([])
                else:
                    weights[i] = idf_of(term)
                    self._col_grams.append([vocab.setdefault(g, len(vocab))
                                            for g in char_grams(term)])
            self.col_w = np.concatenate([self.col_w, weights])
            self.col_bi = np.concatenate([self.col_bi, is_bi])
            lengths = np.fromiter((len(g) for g in self._col_grams), dtype=np.int64,
                                  count=len(self._col_grams))
            self.t_indptr = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
            self.t_indices = np.fromiter((g for grams in self._col_grams for g in grams),
                                         dtype=np.int64, count=int(lengths.sum()))
        counts = index.counts_
        n = counts.shape[0]
        owner = np.repeat(np.arange(n), np.diff(counts.indptr))
        cols = counts.indices
        bi = self.col_bi[cols]
        uni = ~bi
        w = self.col_w[cols]
        self.uni_total = np.bincount(owner, weights=w * uni, minlength=n)
        self.bi_total = np.bincount(owner, weights=w * bi, minlength=n)
        self.n_uni = np.bincount(owner, weights=uni, minlength=n).astype(np.int64)
        self.n_bi = np.bincount(owner, weights=bi, minlength=n).astype(np.int64)
        self.n_tokens = np.rint(np.bincount(owner, weights=counts.data * uni, minlength=n)
                                ).astype(np.int64)

    # -- queries ----------------------------------------------------------------------------
    def query_cols(self, index: LexicalIndex, query: PairView) -> QueryCols:
        """The query's terms and 4-grams as sorted ids of the library's vocabularies."""
        vocab = index.vocab_
        uni = np.asarray(sorted({vocab[t] for t in query.tokens if t in vocab}), dtype=np.int64)
        bi = np.asarray(sorted({vocab[b] for b in query.bigram_set if b in vocab}),
                        dtype=np.int64)
        gvocab = self.gram_vocab
        grams = np.asarray(sorted({gvocab[g] for g in query.grams if g in gvocab}),
                           dtype=np.int64)
        names: list[np.ndarray | None] = []
        for name in query.prep.names:
            if len(name) < 2:
                continue
            ids = [vocab.get(t) for t in set(name)]
            names.append(None if any(c is None for c in ids)
                         else np.asarray(ids, dtype=np.int64))
        return QueryCols(uni=uni, bi=bi, grams=grams, names=names)


@dataclass(frozen=True, slots=True)
class QueryCols:
    """A query in the library's id spaces (see :meth:`PairTable.query_cols`)."""

    uni: np.ndarray
    bi: np.ndarray
    grams: np.ndarray
    names: list[np.ndarray | None]  # names of 2+ words; None: a word the library lacks


def _gather(indptr: np.ndarray, indices: np.ndarray,
            rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The CSR entries of ``rows``, concatenated, and the position in ``rows`` of each."""
    starts = indptr[rows]
    lengths = indptr[rows + 1] - starts
    owner = np.repeat(np.arange(rows.size), lengths)
    offsets = np.cumsum(lengths) - lengths
    pos = np.arange(int(lengths.sum()), dtype=np.int64) + np.repeat(starts - offsets, lengths)
    return indices[pos], owner


def _member(values: np.ndarray, sorted_ids: np.ndarray) -> np.ndarray:
    if sorted_ids.size == 0:
        return np.zeros(values.shape, dtype=bool)
    pos = np.minimum(np.searchsorted(sorted_ids, values), sorted_ids.size - 1)
    return sorted_ids[pos] == values


def feature_matrix(table: PairTable, index: LexicalIndex, query: PairView, qcols: QueryCols,
                   rows: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """Features (:data:`FEATURES` order) of ``query`` against the library ``rows``.

    ``scores`` are the rows' BM25 scores for the query. Equal to stacking
    :func:`pair_features` over the rows and then setting ``margin`` across them.
    """
    n = int(rows.size)
    out = np.zeros((n, len(FEATURES)))
    if n == 0:
        return out
    rows = rows.astype(np.int64, copy=False)
    counts = index.counts_
    cols, owner = _gather(counts.indptr, counts.indices, rows)
    w = table.col_w[cols]
    bi = table.col_bi[cols]
    hit_u = _member(cols, qcols.uni)
    hit_b = _member(cols, qcols.bi)
    shared_idf = np.bincount(owner, weights=w * hit_u, minlength=n)
    shared_u = np.bincount(owner, weights=hit_u, minlength=n)
    shared_bw = np.bincount(owner, weights=w * hit_b, minlength=n)
    shared_b = np.bincount(owner, weights=hit_b, minlength=n)
    uni_total = table.uni_total[rows]
    bi_total = table.bi_total[rows]
    n_uni, n_bi = table.n_uni[rows], table.n_bi[rows]
    qcov = shared_idf / query.total if query.total > 0 else np.zeros(n)
    dcov = np.divide(shared_idf, uni_total, out=np.zeros(n), where=uni_total > 0)
    subset = (n_uni > 0) & (shared_u == n_uni)
    dcov_bi = np.where(n_bi > 0, shared_bw / np.maximum(bi_total, 1e-9),
                       subset.astype(np.float64))
    # character 4-grams: the union of each row's words' 4-grams
    uni_cols, uni_owner = cols[~bi], owner[~bi]
    grams, g_pos = _gather(table.t_indptr, table.t_indices, uni_cols)
    width = max(len(table.gram_vocab), 1)
    keys = np.sort(uni_owner[g_pos] * width + grams)
    if keys.size:
        keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))]  # distinct per row
    g_owner, g_ids = keys // width, keys % width
    n_grams = np.bincount(g_owner, minlength=n)
    inter = np.bincount(g_owner, weights=_member(g_ids, qcols.grams), minlength=n)
    q_grams = max(len(query.grams), 1)
    f = out.T  # f[j] is feature j over the rows (a view of ``out``)
    f[_COL["bm25_doc"]] = np.minimum(scores / np.maximum(index.self_scores(rows), 1e-9), 1.5)
    f[_COL["qcov"]] = qcov
    f[_COL["dcov"]] = dcov
    f[_COL["dcov_bi"]] = dcov_bi
    f[_COL["char_d"]] = inter / np.maximum(n_grams, 1)
    f[_COL["char_q"]] = inter / q_grams
    f[_COL["log_qlen"]] = math.log1p(len(query.prep.tokens))
    f[_COL["log_dlen"]] = np.log1p(table.n_tokens[rows])
    f[_COL["dq_min"]] = np.minimum(dcov, qcov)
    f[_COL["dq_prod"]] = dcov * qcov
    f[_COL["shared_idf"]] = np.log1p(shared_idf)
    f[_COL["shared_bi"]] = np.log1p(shared_b)
    _set_extras(table, query, qcols, rows, cols, owner, f, dcov_bi)
    dcov_col = out[:, _COL["dcov"]]
    if n > 1:
        top2 = np.sort(dcov_col)[-2:]
        best_other = np.where(dcov_col >= top2[1], top2[0], top2[1])
        out[:, _COL["margin"]] = dcov_col - best_other
    else:
        out[:, _COL["margin"]] = dcov_col
    return out


_NUM_COV, _NUM_CONFLICT = _COL["num_cov"], _COL["num_conflict"]
_NAME_COV, _NAME_MISS = _COL["name_cov"], _COL["name_miss"]
_NAME_OTHER, _NAME_MISS_COV = _COL["name_other"], _COL["name_miss_cov"]
_DOMAIN_MATCH, _DOMAIN_CONFLICT = _COL["domain_match"], _COL["domain_conflict"]


def _set_extras(table: PairTable, query: PairView, qcols: QueryCols, rows: np.ndarray,
                cols: np.ndarray, owner: np.ndarray, f: np.ndarray,
                dcov_bi: np.ndarray) -> None:
    """Numbers, names and domains: only the few rows that have any are looked at."""
    qnum, qdom, padded = query.prep.numbers, query.prep.domains, query.padded
    extras = table.extras
    found = [(i, extras[row]) for i, row in enumerate(rows.tolist())
             if extras[row] is not NO_EXTRAS]
    if not found:
        return
    updates: list[tuple[int, int, float]] = []  # (feature, candidate, value)
    add = updates.append
    for i, ex in found:
        dnum = ex.numbers
        if dnum:
            add((_NUM_COV, i, len(dnum & qnum) / len(dnum)))
            add((_NUM_CONFLICT, i, float(bool(qnum and not dnum & qnum))))
        names = ex.names
        if names:
            hits = sum(1 for name in names if f" {' '.join(name)} " in padded)
            add((_NAME_COV, i, hits / len(names)))
            if hits == 0:
                add((_NAME_MISS, i, 1.0))
                add((_NAME_MISS_COV, i, float(dcov_bi[i])))
                add((_NAME_OTHER, i, float(_names_elsewhere(qcols, cols, owner, i))))
        dom = ex.domains
        if dom and qdom:
            add((_DOMAIN_MATCH, i, float(bool(dom & qdom))))
            add((_DOMAIN_CONFLICT, i, float(not dom & qdom)))
    if updates:
        feature, cand, value = zip(*updates, strict=True)
        f[list(feature), list(cand)] = value


def _names_elsewhere(qcols: QueryCols, cols: np.ndarray, owner: np.ndarray, i: int) -> bool:
    """True when the query names someone (2+ words) whose words are not all in row ``i``."""
    if not qcols.names:
        return False
    if any(name is None for name in qcols.names):
        return True
    row_cols = set(cols[owner == i].tolist())
    return any(not row_cols.issuperset(name.tolist()) for name in qcols.names
               if name is not None)
