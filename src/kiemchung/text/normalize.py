"""Unicode normalisation and diacritics folding (first cut; see issue #3)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from kiemchung.text._batch import as_batch

_SPACES = re.compile(r"\s+")
_FOLD_EXTRA = str.maketrans({"đ": "d", "Đ": "D", "Ð": "D", "ð": "d"})


def normalize_one(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    return _SPACES.sub(" ", text).strip()


def normalize(texts: Sequence[str]) -> list[str]:
    """NFC, collapsed whitespace. Idempotent."""
    return [normalize_one(t) for t in as_batch(texts)]


def fold_one(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD_EXTRA))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(texts: Sequence[str]) -> list[str]:
    """Diacritics-free form (``đ→d``) for matching text typed without accents."""
    return [fold_one(t) for t in as_batch(texts)]
