"""Helpers shared by the batch-first text functions."""

from __future__ import annotations

from collections.abc import Sequence

from kiemchung.errors import ValidationError


def as_batch(texts: Sequence[str], *, name: str = "texts") -> Sequence[str]:
    """Refuse a bare ``str`` where a sequence of texts is expected."""
    if isinstance(texts, str | bytes):
        raise ValidationError(
            "a bare string was given where a batch is expected; wrap it in a list",
            field=name, expected="a sequence of str", received=type(texts).__name__,
        )
    return texts
