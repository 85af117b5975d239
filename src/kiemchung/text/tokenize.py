"""Syllable tokens, n-grams and optional word segmentation."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from kiemchung.errors import DependencyMissingError, ValidationError
from kiemchung.text._batch import as_batch
from kiemchung.text.normalize import fold_one, normalize_one

# Numbers keep their separators ("1.500.000", "1,5"); otherwise runs of letters/digits.
_TOKEN = re.compile(r"\d+(?:[.,]\d+)+|[^\W_]+")


def tokenize_one(text: str, *, fold: bool = False, lower: bool = True) -> list[str]:
    """Syllable tokens of one text (see :func:`tokenize`)."""
    text = normalize_one(text)
    if fold:
        text = fold_one(text)
    if lower:
        text = text.lower()
    return _TOKEN.findall(text)


def tokenize(texts: Sequence[str], *, fold: bool = False, lower: bool = True) -> list[list[str]]:
    """Syllable tokens (Vietnamese words are written one syllable per token).

    Texts are normalised first; punctuation and emoji are dropped; numbers keep their
    thousand/decimal separators. ``fold=True`` removes diacritics.
    """
    return [tokenize_one(t, fold=fold, lower=lower) for t in as_batch(texts)]


def ngrams(tokens: Sequence[str], n: int) -> list[str]:
    """Contiguous n-grams of one token list, joined by a space (``["a b", "b c"]``)."""
    as_batch(tokens, name="tokens")
    if n < 1:
        raise ValidationError("n-gram size must be positive", field="n",
                              expected="an integer >= 1", received=n)
    if n == 1:
        return list(tokens)
    return [" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]


def _segmenter() -> Any:
    try:
        from underthesea import word_tokenize
    except ImportError:
        word_tokenize = None
    if word_tokenize is not None:
        return lambda text: [w.replace(" ", "_") for w in word_tokenize(text)]
    try:
        from pyvi import ViTokenizer
    except ImportError as err:
        raise DependencyMissingError("underthesea", extra="vi") from err
    return lambda text: ViTokenizer.tokenize(text).split()


def segment(texts: Sequence[str]) -> list[list[str]]:
    """Word segmentation: words of several syllables joined by ``_`` (``Hà_Nội``).

    Uses underthesea (or pyvi) from the ``vi`` extra, imported on first use.
    """
    batch = as_batch(texts)
    seg = _segmenter()
    return [seg(normalize_one(t)) if t.strip() else [] for t in batch]
