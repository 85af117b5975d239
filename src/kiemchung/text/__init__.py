"""Vietnamese text toolkit: normalise, fold, teencode, tokenize, extract, redact.

Pure, batch-first functions: each takes a sequence of strings and returns a list.
"""

from kiemchung.text.normalize import fold, normalize

__all__ = ["fold", "normalize"]
