"""One pass over a text for the pipeline: normalised, folded and extracted forms."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kiemchung.text._batch import as_batch
from kiemchung.text.extract import Extracted, extract_prepared
from kiemchung.text.normalize import prepare_one


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
        norm, folded, aligned = prepare_one(text)
        out.append(Prepared(norm, folded, extract_prepared(norm, aligned)))
    return out
