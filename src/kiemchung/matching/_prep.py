"""Text preparation for matching: folded syllables, teencode, wrappers, numbers, names.

Everything here works on the diacritics-folded, lower-cased form so that a post typed
without accents, in capitals or in teencode meets the library on equal terms. The
teencode table is private to matching because retrieval needs a mapping *into the
folded space* (``ko`` → ``khong``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from itertools import pairwise

PREP_VERSION = 1
"""Bump when preparation changes: saved indexes record it and are rebuilt on mismatch."""

_TOKEN = re.compile(r"[a-z0-9]+")
_NUMBER = re.compile(r"\d+(?:[.,]\d{3})*(?:[.,]\d+)?")
_DOMAIN = re.compile(
    r"\b((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:com|vn|net|org|info|top|xyz|one|online"
    r"|site|shop|club|app|io|me|cc|co|asia|biz|live|link|tk|ml|ga|cf|gq|icu|pro|store|vip))\b"
)
_WORDISH = re.compile(r"[^\W_]+|[^\w\s-]")
_SENTENCE_END = frozenset(".!?:\"“”'(…")

# Teencode and chat abbreviations, already folded (đc → dc → duoc). Ambiguous short
# forms whose expansion would hurt more than help (``a``, ``e``, ``m``) are left out.
TEENCODE: dict[str, str] = {
    "ko": "khong", "k": "khong", "kh": "khong", "khg": "khong", "hok": "khong",
    "hong": "khong", "kg": "khong", "khum": "khong", "hem": "khong", "hk": "khong",
    "dc": "duoc", "dk": "duoc", "duok": "duoc", "dcm": "duoc", "j": "gi", "ji": "gi",
    "z": "vay", "vs": "voi", "r": "roi", "ntn": "nhu the nao", "mk": "minh", "mik": "minh",
    "mn": "moi nguoi", "mng": "moi nguoi", "ng": "nguoi", "ngta": "nguoi ta",
    "sdt": "so dien thoai", "stk": "so tai khoan", "tk": "tai khoan", "trc": "truoc",
    "bit": "biet", "bik": "biet", "bjt": "biet", "cx": "cung", "cg": "cung", "ms": "moi",
    "nhiu": "nhieu", "tr": "trieu", "hqua": "hom qua", "hnay": "hom nay", "bh": "bay gio",
    "fb": "facebook", "zl": "zalo", "ae": "anh em", "bn": "ban", "dt": "dien thoai",
    "dth": "dien thoai", "wa": "qua", "wen": "quen", "bjo": "bay gio", "ns": "noi",
    "vn": "viet nam", "hn": "ha noi", "sg": "sai gon", "hcm": "ho chi minh",
    "tphcm": "tp ho chi minh", "bv": "benh vien", "bs": "bac si",
    "ntin": "nhan tin", "ib": "nhan tin", "inbox": "nhan tin", "nt": "nhan tin",
    "cty": "cong ty", "ct": "cong ty", "nhg": "nhung", "thui": "thoi",
    "hix": "", "lun": "luon", "uh": "u", "oy": "roi", "ry": "roi",
    "bme": "bo me", "ctv": "cong tac vien", "ndt": "nha dau tu", "gd": "giao duc",
    "csgt": "canh sat giao thong", "ubnd": "uy ban nhan dan",
}

# Chain-letter wrappers people put around a claim; removed from queries (folded form).
_WRAPPERS = re.compile(
    r"\b(?:(?:hay |moi nguoi |anh em |ca nha |cac ban )?(?:chia se|share|sia se|shere)"
    r"(?: ngay| gap| nhanh| lien| rong rai)*(?: (?:cho|den|toi) (?:moi nguoi|tat ca|ban be|"
    r"anh em|nguoi than|gia dinh|ca nha)(?: cung)?(?: (?:biet|duoc biet|nam|canh giac)"
    r"(?: (?:voi|nhe|nha|nhe mn))?)?)?"
    r"|(?:moi nguoi|anh em|ca nha|cac ban|cac me|ae) (?:oi|a|nhe|nha|luu y|chu y|can than)"
    r"|tin (?:nong|khan|khan cap|chan dong|gap)|khan cap|nong hoi|(?:xin )?dung (?:de )?troi"
    r"|copy (?:va )?(?:dan|paste)|(?:ai )?(?:doc duoc|thay) thi (?:chia se|share)"
    r"|(?:de )?(?:phong|canh giac) (?:tranh|nhe|nha)|nhan duoc tin nay|forward"
    r"|lan truyen tren (?:mang|zalo|facebook)|(?:cuc ky|rat) (?:quan trong|nguy hiem)"
    r"|(?:ban|minh|toi) vua (?:nhan duoc|doc duoc|xem duoc))\b"
)


@dataclass(frozen=True, slots=True)
class Prepared:
    """One text in the forms matching uses."""

    folded: str
    tokens: tuple[str, ...]
    numbers: frozenset[str]
    domains: frozenset[str]
    names: tuple[tuple[str, ...], ...]


_COMBINING = re.compile("[\u0300-\u036f]")
_D = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})


def _fold_lower(text: str) -> str:
    """Lower-cased, diacritics-free text.

    Agrees with ``fold(normalize(...)).lower()`` of :mod:`kiemchung.text` on the letters
    and digits matching looks at (tone-mark placement and NFC/NFD vanish once marks are
    removed; NFKD maps "fancy" Unicode letters to plain ones), and is several times
    faster, which matters when indexing a million items. Queries and library items go
    through the same function, so they always agree with each other.
    """
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text.translate(_D)).lower())


def expand_teencode(tokens: list[str]) -> list[str]:
    """Replace chat abbreviations by their folded full forms (token list in, list out)."""
    out: list[str] = []
    for token in tokens:
        full = TEENCODE.get(token)
        if full is None:
            out.append(token)
        elif full:
            out.extend(full.split())
    return out


def tokens_of(folded: str, *, query: bool) -> list[str]:
    """Folded syllable tokens; queries lose chain-letter wrappers."""
    tokens = expand_teencode(_TOKEN.findall(folded))
    if not query:
        return tokens
    stripped = _WRAPPERS.sub(" ", " ".join(tokens))
    kept = stripped.split()
    # A text made only of wrapper words keeps its tokens (nothing else to match on).
    return kept if kept else tokens


def numbers_of(text: str) -> frozenset[str]:
    """Numbers as canonical digit strings (``100.000`` → ``100000``); years and dates kept."""
    found = set()
    for raw in _NUMBER.findall(text):
        digits = re.sub(r"[.,](?=\d{3}\b)", "", raw).replace(",", ".")
        found.add(digits.lstrip("0") or "0")
    return frozenset(found)


def names_of(text: str) -> tuple[tuple[str, ...], ...]:
    """Proper names in a cased text, as folded token tuples.

    A name is two or more capitalised words in a row, not counting a word capitalised
    because it starts a sentence (acronyms such as ``VTV`` are left to the lexical
    features). Used to tell "X died" from "Y died".
    """
    seen: dict[tuple[str, ...], None] = {}
    run: list[str] = []
    sentence_start = True
    for match in _WORDISH.finditer(unicodedata.normalize("NFC", text)):
        piece = match.group(0)
        if piece[0].isupper() and (len(piece) == 1 or not piece.isupper()):
            if not (sentence_start and not run):
                run.append(piece)
            sentence_start = False
            continue
        _flush_name(run, seen)
        run = []
        sentence_start = piece in _SENTENCE_END
    _flush_name(run, seen)
    return tuple(seen)


def _flush_name(run: list[str], seen: dict[tuple[str, ...], None]) -> None:
    if len(run) >= 2:
        seen[tuple(_TOKEN.findall(_fold_lower(" ".join(run))))] = None


def query_tokens(text: str) -> list[str]:
    """Tokens of a query for stage 1 (what :func:`prepare` gives, without the extras)."""
    return tokens_of(_fold_lower(text), query=True)


def index_tokens(text: str) -> list[str]:
    """Tokens of a library item (what :func:`prepare` gives, without the extras)."""
    return tokens_of(_fold_lower(text), query=False)


def prepare(text: str, *, query: bool) -> Prepared:
    """All matching forms of one text."""
    folded = _fold_lower(text)
    tokens = tokens_of(folded, query=query)
    return Prepared(
        folded=" ".join(tokens),
        tokens=tuple(tokens),
        numbers=numbers_of(folded),
        domains=frozenset(_DOMAIN.findall(folded)),
        names=names_of(text),
    )


def bigrams(tokens: tuple[str, ...] | list[str]) -> list[str]:
    """Adjacent syllable pairs joined by ``_``."""
    return [f"{a}_{b}" for a, b in pairwise(tokens)]


def char_grams(folded: str, n: int = 4) -> set[str]:
    """Character n-grams of the folded text with word boundaries (``char_wb`` style)."""
    grams: set[str] = set()
    for word in folded.split():
        padded = f" {word} "
        if len(padded) <= n:
            grams.add(padded)
            continue
        grams.update(padded[i : i + n] for i in range(len(padded) - n + 1))
    return grams
