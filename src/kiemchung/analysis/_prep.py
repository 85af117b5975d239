"""Text preparation shared by every analyser: normalised, teencode-expanded and folded forms.

Uses :mod:`kiemchung.text` where it provides a function and falls back to small private
helpers otherwise, so that features stay identical for a given ``PREP_VERSION``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from kiemchung.text import fold, normalize

PREP_VERSION = 1
"""Bump when the preparation changes: models record it and refuse a mismatch."""

_WORD = re.compile(r"[^\W_]+", re.UNICODE)

# Common Vietnamese chat abbreviations (teencode) -> full form. Kept small and
# unambiguous on purpose: ambiguous ones ("bn" = bạn / bao nhiêu) are left alone.
_TEENCODE: dict[str, str] = {
    "ko": "không", "k": "không", "kh": "không", "khg": "không", "hok": "không", "hong": "không",
    "kg": "không", "khong": "không", "dc": "được", "đc": "được", "duoc": "được", "đk": "được",
    "j": "gì", "gi": "gì", "z": "vậy", "v": "vậy", "vs": "với", "r": "rồi", "ròi": "rồi",
    "ntn": "như thế nào", "mk": "mình", "mik": "mình", "mn": "mọi người", "mng": "mọi người",
    "ck": "chồng", "vk": "vợ", "ib": "nhắn tin", "inbox": "nhắn tin", "sdt": "số điện thoại",
    "sđt": "số điện thoại", "stk": "số tài khoản", "tk": "tài khoản", "bank": "chuyển khoản",
    "nt": "nhắn tin", "trc": "trước", "ng": "người", "nguoi": "người",
    "bít": "biết", "bik": "biết", "bjt": "biết", "thik": "thích", "iu": "yêu", "đag": "đang",
    "dag": "đang", "cx": "cũng", "cg": "cũng", "ms": "mới", "nhìu": "nhiều", "tr": "triệu",
    "e": "em", "a": "anh", "bh": "bây giờ",
    "h": "giờ", "hqua": "hôm qua", "hnay": "hôm nay", "nha": "nhé",
    "fb": "facebook", "zl": "zalo", "sp": "sản phẩm", "ad": "quản trị viên",
}


@dataclass(frozen=True, slots=True)
class Prepared:
    """One text in the forms analysers use."""

    raw: str
    norm: str  # NFC, whitespace collapsed, lower case, teencode expanded
    folded: str  # ``norm`` without diacritics (đ -> d)
    norm_cased: str  # NFC, whitespace collapsed, original case (for caps/punctuation cues)


_TEENCODE_RE = re.compile(
    r"(?<![^\W_])(?:" + "|".join(sorted(map(re.escape, _TEENCODE), key=len, reverse=True))
    + r")(?![^\W_])"
)


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xC0, 0x1EFA):
        char = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
        if base != char and len(base) == 1 and base.isascii():
            table[code] = base
    table.update({ord("đ"): "d", ord("Đ"): "D", ord("Ð"): "D", ord("ð"): "d"})
    return table


_FOLD = _fold_table()


def expand_teencode_one(text: str) -> str:
    """Expand common chat abbreviations in an already lower-cased text."""
    return _TEENCODE_RE.sub(lambda m: _TEENCODE[m.group(0)], text)


def fold_fast(text: str) -> str:
    """Diacritics-free form of an NFC text (same result as :func:`kiemchung.text.fold`)."""
    return text.translate(_FOLD)


def prepare(texts: Sequence[str]) -> list[Prepared]:
    """Prepare a batch of texts (NFC/NFD, no diacritics and teencode give the same forms)."""
    cased = normalize(texts)
    norms = [expand_teencode_one(t.lower()) for t in cased]
    folded = [fold_fast(n) for n in norms]
    return [
        Prepared(raw=r, norm=n, folded=f, norm_cased=c)
        for r, n, f, c in zip(texts, norms, folded, cased, strict=True)
    ]


def words(text: str) -> list[str]:
    """Word tokens (letters and digits) of a text."""
    return _WORD.findall(text)


def strip_marks(text: str) -> str:
    """Fold a single string (helper for lexicon building)."""
    return fold([unicodedata.normalize("NFC", text.lower())])[0]
