"""One pass over a text for the pipeline: normalised, folded and extracted forms."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kiemchung.text._batch import as_batch
from kiemchung.text.extract import Extracted, extract_prepared
from kiemchung.text.normalize import fold_lower_aligned, fold_one, normalize_one


@dataclass(slots=True)
class Prepared:
    """``norm`` = normalize(text), ``folded`` = fold(norm), ``extracted`` = extract(text)."""

    norm: str
    folded: str
    extracted: Extracted


def prepare(texts: Sequence[str]) -> list[Prepared]:
    """Normalise, fold and extract in one pass (what ingestion stores for each post)."""
    out = []
    for text in as_batch(texts):
        norm = normalize_one(text)
        out.append(Prepared(norm, fold_one(norm), extract_prepared(norm, fold_lower_aligned(norm))))
    return out
