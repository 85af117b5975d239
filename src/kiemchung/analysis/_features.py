"""Hashed word and character n-gram features (no vocabulary to store, fast on CPU).

Terms come from the teencode-expanded text with and without diacritics, so that
``không`` / ``khong`` / ``ko`` land on the same features.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import mmh3
import numpy as np
import scipy.sparse as sp

from kiemchung.analysis._prep import _WORD, Prepared, words


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
    """Term counts, hashed to ``2**bits`` columns, as a CSR matrix (one row per text).

    Column of a term: ``abs(murmurhash3_32(utf8(term), seed=0)) % 2**bits``, exactly as
    scikit-learn's ``FeatureHasher(alternate_sign=False)`` (which earlier versions used),
    with indices sorted within each row; computed here with numpy, without building one
    string per term.
    """
    rows, hashes = term_hashes(items, config)
    return counts_matrix(rows, hashes, len(items), config.bits)


def term_hashes(items: Sequence[Prepared], config: FeatureConfig) -> tuple[np.ndarray, np.ndarray]:
    """For every term of every text (as :func:`terms`): its row and signed murmur3 hash.

    Terms are never built as strings: word n-grams (``w2:a b``) are hashed as a prefix
    (``w2:``) followed by a window of the text's words joined by spaces, and character
    n-grams as windows of the folded words joined by spaces.
    """
    n = len(items)
    if n == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int32)
    if max(config.word_ngrams, config.folded_ngrams) >= 10:
        return _term_hashes_slow(items, config)
    if n <= _FEW:
        try:
            return _term_hashes_few(items, config)
        except UnicodeEncodeError:  # a lone surrogate: the byte-level path handles it
            pass
    findall, limit = _WORD.findall, config.max_chars
    norms = [" ".join(findall(item.norm[:limit])) for item in items]
    folds = [" ".join(findall(item.folded[:limit])) for item in items]
    rows: list[np.ndarray] = []
    hashes: list[np.ndarray] = []
    for joined, ngrams, prefix in ((norms, config.word_ngrams, "w"),
                                   (folds, config.folded_ngrams, "f")):
        words32, row_of, tok_start, tok_end = _tokens("\x00".join(joined))
        hashes.append(_murmur(words32, tok_start, tok_end - tok_start, (prefix + ":").encode()))
        rows.append(row_of)
        for size in range(2, ngrams + 1):
            last = np.arange(size - 1, tok_start.size)
            same = row_of[last] == row_of[last - (size - 1)]
            first = (last - (size - 1))[same]
            start = tok_start[first]
            hashes.append(_murmur(words32, start, tok_end[last[same]] - start,
                                  f"{prefix}{size}:".encode()))
            rows.append(row_of[first])
    lo, hi = config.char_min, config.char_max
    if hi >= lo > 0:
        # Character n-grams: windows over " " + folded words joined by spaces + " ".
        chars = [" " + f + " " for f in folds]
        text = "".join(chars)
        ends = np.cumsum(np.fromiter(map(len, chars), dtype=np.int64, count=n))
        row_of = np.repeat(np.arange(n, dtype=np.int64), np.diff(ends, prepend=0))
        end_of = ends[row_of]
        position = np.arange(len(text), dtype=np.int64)
        words32, offsets = _utf8_words(text)
        for size in range(lo, hi + 1):
            ok = position + size <= end_of
            start = position[ok]
            if offsets is None:
                hashes.append(_murmur(words32, start, np.full(start.size, size), b""))
            else:
                first = offsets[start]
                hashes.append(_murmur(words32, first, offsets[start + size] - first, b""))
            rows.append(row_of[ok])
    return np.concatenate(rows), np.concatenate(hashes)


# Up to this many texts, hashing each term string with the C ``mmh3`` function is faster
# than the vectorised byte-level hashing below, whose fixed cost per batch is ~0.7 ms
# (measured: one text 0.06 vs 0.78 ms; 2,000 texts 77 vs 33 µs per text).
_FEW = 16


def _term_hashes_few(items: Sequence[Prepared], config: FeatureConfig
                     ) -> tuple[np.ndarray, np.ndarray]:
    """As :func:`term_hashes` for a few texts: the terms of :func:`terms` (in another
    order, which the counts do not depend on) hashed one by one with ``mmh3``."""
    findall, limit, hash32 = _WORD.findall, config.max_chars, mmh3.hash
    lo, hi = config.char_min, config.char_max
    counts: list[int] = []
    hashes: list[int] = []
    for item in items:
        # mmh3 must never see a lone surrogate (it can crash on one): refuse the batch
        # here with UnicodeEncodeError. Terms are pieces of these two texts.
        item.norm[:limit].encode("utf-8")
        item.folded[:limit].encode("utf-8")
        found: list[str] = []
        for text, ngrams, prefix in ((item.norm, config.word_ngrams, "w"),
                                     (item.folded, config.folded_ngrams, "f")):
            toks = findall(text[:limit])
            found += [prefix + ":" + t for t in toks]
            for size in range(2, ngrams + 1):
                head = f"{prefix}{size}:"
                found += [head + " ".join(toks[i : i + size])
                          for i in range(len(toks) - size + 1)]
        if hi >= lo > 0:
            joined = " " + " ".join(toks) + " "  # toks: the folded words
            size = len(joined)
            for k in range(lo, hi + 1):
                found += [joined[i : i + k] for i in range(size - k + 1)]
        hashes += map(hash32, found)
        counts.append(len(found))
    rows = np.repeat(np.arange(len(items), dtype=np.int64), counts)
    return rows, np.array(hashes, dtype=np.int32)


def _term_hashes_slow(items: Sequence[Prepared], config: FeatureConfig
                      ) -> tuple[np.ndarray, np.ndarray]:
    all_terms = [terms(item, config) for item in items]
    flat = [t for ts in all_terms for t in ts]
    lengths = np.fromiter(map(len, flat), dtype=np.int64, count=len(flat))
    starts = np.cumsum(lengths + 1) - (lengths + 1)
    rows = np.repeat(np.arange(len(items), dtype=np.int64), [len(ts) for ts in all_terms])
    return rows, _hash_windows("\x00".join(flat), starts, lengths)


def _tokens(text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Words of texts joined by NUL (words joined by single spaces within a text).

    Returns the buffer's 32-bit words (see :func:`_utf8_words`), and for each word its
    text, byte start and byte end.
    """
    raw = np.frombuffer(text.encode("utf-8", "surrogatepass"), dtype=np.uint8)
    words32 = _words32(raw)
    nul = raw == 0
    gap = nul | (raw == 0x20)
    inside = ~gap
    before = np.concatenate(([False], inside[:-1]))
    after = np.concatenate((inside[1:], [False]))
    tok_start = np.flatnonzero(inside & ~before)
    tok_end = np.flatnonzero(inside & ~after) + 1
    row_of = np.cumsum(nul)[tok_start] if tok_start.size else tok_start
    return words32, row_of.astype(np.int64), tok_start, tok_end


def counts_matrix(rows: np.ndarray, hashes: np.ndarray, n_rows: int, bits: int) -> sp.csr_matrix:
    """CSR counts (float32, sorted indices) of terms given by their rows and hashes."""
    n_features = 1 << bits
    cols = np.abs(hashes.astype(np.int64)) & (n_features - 1)  # abs(h) % 2**bits
    keys, counts = np.unique((rows << bits) | cols, return_counts=True)
    return _csr(keys, counts.astype(np.float32), n_rows, bits)


def _csr(keys: np.ndarray, data: np.ndarray, n_rows: int, bits: int) -> sp.csr_matrix:
    indptr = np.searchsorted(keys >> bits, np.arange(n_rows + 1)).astype(np.int32)
    indices = (keys & ((1 << bits) - 1)).astype(np.int32)
    return sp.csr_matrix((data, indices, indptr), shape=(n_rows, 1 << bits))


_C1, _C2 = np.uint32(0xCC9E2D51), np.uint32(0x1B873593)
_MASKS = np.array([0, 0xFF, 0xFFFF, 0xFFFFFF], dtype=np.uint32)


def _rotl(x: np.ndarray, r: int) -> np.ndarray:
    return np.asarray((x << np.uint32(r)) | (x >> np.uint32(32 - r)))


def _hash_windows(text: str, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Signed MurmurHash3 (x86, 32-bit, seed 0) of the UTF-8 bytes of ``text[s:s+n]``."""
    words32, offsets = _utf8_words(text)
    if offsets is not None:  # not ASCII: map character offsets to byte offsets
        ends = offsets[starts + lengths]
        starts = offsets[starts]
        lengths = ends - starts
    return _murmur(words32, starts, lengths, b"")


def _utf8_words(text: str) -> tuple[np.ndarray, np.ndarray | None]:
    """32-bit words of ``text``'s UTF-8 bytes, and (unless ASCII) byte offset of each char."""
    raw = text.encode("utf-8", "surrogatepass")
    offsets = None
    if len(raw) != len(text):
        points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        size = 1 + (points >= 0x80).astype(np.int64) + (points >= 0x800) + (points >= 0x10000)
        offsets = np.concatenate(([0], np.cumsum(size)))
    return _words32(np.frombuffer(raw, dtype=np.uint8)), offsets


def _words32(raw: np.ndarray) -> np.ndarray:
    """Little-endian 32-bit word starting at every byte offset (zeros past the end)."""
    data = np.concatenate((raw, np.zeros(4, dtype=np.uint8))).astype(np.uint32)
    return np.asarray(data[:-3] | (data[1:-2] << 8) | (data[2:-1] << 16) | (data[3:] << 24))


def _murmur(words32: np.ndarray, starts: np.ndarray, lengths: np.ndarray,
            prefix: bytes) -> np.ndarray:
    """Signed MurmurHash3 (x86, 32-bit, seed 0) of ``prefix`` + bytes ``[s, s + n)``.

    ``words32`` as from :func:`_words32`; ``prefix`` has at most 4 bytes.
    """
    if starts.size == 0:
        return np.zeros(0, dtype=np.int32)
    p = len(prefix)
    head = np.uint32(int.from_bytes(prefix, "little"))
    total = lengths + p
    blocks = total >> 2

    def first_word(at: np.ndarray) -> np.ndarray:
        # bytes 0..3 of the term: the prefix, then the first bytes of the window
        if p == 0:
            return np.asarray(words32[at])
        return np.asarray(head | (words32[at] << np.uint32(8 * p)))

    h = np.zeros(starts.size, dtype=np.uint32)
    most = int(blocks.max())
    if most:
        order = np.argsort(-blocks, kind="stable")
        sorted_starts = starts[order]
        # active[b]: how many windows (in ``order``) have more than b blocks
        active = np.searchsorted(-blocks[order], -np.arange(most), side="left")
        hs = np.zeros(starts.size, dtype=np.uint32)
        for b in range(most):
            m = int(active[b])
            if b == 0:
                k = first_word(sorted_starts[:m])
            else:
                k = words32[sorted_starts[:m] + (4 * b - p)]
            k = _rotl(k * _C1, 15) * _C2
            hs[:m] = _rotl(hs[:m] ^ k, 13) * np.uint32(5) + np.uint32(0xE6546B64)
        h[order] = hs
    tail = 4 * blocks
    k = np.where(tail == 0, first_word(starts), words32[np.maximum(starts + tail - p, 0)])
    k = (k & _MASKS[total & 3]) * _C1
    h ^= _rotl(k, 15) * _C2
    h ^= total.astype(np.uint32)
    h ^= h >> np.uint32(16)
    h *= np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    h *= np.uint32(0xC2B2AE35)
    h ^= h >> np.uint32(16)
    return h.view(np.int32)


def reduce_bits(counts: sp.csr_matrix, bits: int) -> sp.csr_matrix:
    """Counts hashed to ``2**bits`` columns from counts hashed to more columns.

    Valid because hashing takes the hash modulo a power of two.
    """
    if counts.shape[1] == 1 << bits:
        return counts
    if counts.shape[1] < 1 << bits:
        raise ValueError("cannot widen hashed counts")
    n_rows = counts.shape[0]
    rows = np.repeat(np.arange(n_rows, dtype=np.int64), np.diff(counts.indptr))
    keys = (rows << bits) | (counts.indices.astype(np.int64) & ((1 << bits) - 1))
    unique, inverse = np.unique(keys, return_inverse=True)
    data = np.bincount(inverse, weights=counts.data, minlength=unique.size).astype(np.float32)
    return _csr(unique, data, n_rows, bits)


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
