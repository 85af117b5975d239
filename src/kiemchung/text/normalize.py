"""Unicode normalisation, tone-mark placement, mojibake repair and diacritics folding.

Canonical tone-mark rule (applied to every syllable that parses as Vietnamese, by rule,
not by word list):

1. ``qu`` and ``gi`` (before another vowel) belong to the onset: the tone goes on the
   vowel after them (``qủa`` → ``quả``, ``gịa`` → ``giạ``, ``gìn`` stays).
2. If the vowel cluster holds a vowel with a quality mark (``â ă ê ô ơ ư``), the tone goes
   on it; on the last one when there are two (``ươ`` → ``ơ``: ``người``).
3. Otherwise, with a final consonant the tone goes on the last vowel (``hoàng``,
   ``huỳnh``); without one, on the middle vowel of three (``ngoài``, ``khuỷu``) and on
   the *first* of two (``hòa``, ``thúy``, ``khỏe``, ``mùa``).

This is the placement used by most Vietnamese news text and by ``underthesea``
(sometimes called the "old" style; ``hoà``/``thuý`` is rewritten to ``hòa``/``thúy``).
Words with several tone marks or that are not Vietnamese syllables are left as they are.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import cache, lru_cache

from kiemchung.text._batch import as_batch

# --- tone marks ---------------------------------------------------------------------

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below
_QUALITY = "\u0302\u0306\u031b"  # circumflex, breve, horn
_VOWELS = frozenset("aeiouy")
_CODAS = frozenset({"", "c", "ch", "m", "n", "ng", "nh", "p", "t"})
_ONSETS = frozenset(
    {"", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng",
     "ngh", "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x"}
)
_TONED_CHARS = "".join(
    unicodedata.normalize("NFC", v + t)
    for v in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
    for t in _TONES
)
# A word that holds a toned vowel next to another vowel letter: the only words whose
# tone can sit on the wrong vowel.
_VOWEL_CLASS = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY" + _TONED_CHARS
_LETTER = "A-Za-zđĐ\u00c0-\u024f\u1e00-\u1eff\u0300-\u036f"  # + combining marks left after NFC
_CANDIDATE = re.compile(
    rf"(?<![{_LETTER}])(?=[{_LETTER}]*?(?:[{_VOWEL_CLASS}][{_TONED_CHARS}]"
    rf"|[{_TONED_CHARS}][{_VOWEL_CLASS}]))[{_LETTER}]++"
)


def _split_letters(word: str) -> list[tuple[str, str, bool]] | None:
    """(base lower letter, quality marks, upper?) per letter; None if a letter is odd."""
    out: list[tuple[str, str, bool]] = []
    for ch in unicodedata.normalize("NFD", word):
        if ch in _QUALITY or ch in _TONES:
            if not out:
                return None
            if ch in _QUALITY:
                base, marks, upper = out[-1]
                out[-1] = (base, marks + ch, upper)
            continue
        low = ch.lower()
        if not ("a" <= low <= "z" or low == "đ"):
            return None
        out.append((low, "", ch != low))
    return out


@lru_cache(maxsize=1 << 17)
def place_tone(word: str) -> str:
    """The word with its tone mark on the canonical vowel (see module docstring)."""
    nfd = unicodedata.normalize("NFD", word)
    tones = [c for c in nfd if c in _TONES]
    if len(tones) != 1:
        return word
    letters = _split_letters(word)
    if letters is None:
        return word
    bases = "".join(b for b, _, _ in letters)
    i = 0
    while i < len(bases) and bases[i] not in _VOWELS:
        i += 1
    onset = bases[:i]
    # "qu" / "gi" + vowel: the u / i belongs to the onset.
    if (onset == "q" and bases[i : i + 1] == "u" and not letters[i][1]) or (
        onset == "g" and bases[i : i + 1] == "i" and i + 1 < len(bases)
        and bases[i + 1] in _VOWELS
    ):
        i += 1
        onset = bases[:i]
    j = i
    while j < len(bases) and bases[j] in _VOWELS:
        j += 1
    coda = bases[j:]
    if onset not in _ONSETS or coda not in _CODAS or j == i or j - i > 3:
        return word
    for k in range(i, j - 1):
        # "ưo" never occurs in Vietnamese: it is "ươ" typed without the second horn.
        if letters[k][0] == "u" and letters[k][1] == "\u031b" and letters[k + 1][0] == "o" \
                and not letters[k + 1][1]:
            letters[k + 1] = ("o", "\u031b", letters[k + 1][2])
    idx = _tone_index(letters, i, j, coda)
    return _rebuild(letters, idx, tones[0])


def _tone_index(letters: list[tuple[str, str, bool]], i: int, j: int, coda: str) -> int:
    marked = [k for k in range(i, j) if letters[k][1]]
    if marked:
        return marked[-1]
    n = j - i
    if n == 1 or coda:
        return j - 1
    if n == 3:
        return i + 1
    return i


def _rebuild(letters: list[tuple[str, str, bool]], idx: int, tone: str) -> str:
    parts = []
    for k, (base, marks, upper) in enumerate(letters):
        ch = base.upper() if upper else base
        parts.append(ch + marks + (tone if k == idx else ""))
    return unicodedata.normalize("NFC", "".join(parts))


def _place_tone_match(m: re.Match[str]) -> str:
    return place_tone(m.group())


# Whitespace-separated tokens repeat a lot (Zipf): caching the fixed and folded forms of
# each token makes tone placement and folding one C-level dict lookup per token.
_CACHE_LIMIT = 1 << 18


class _TokenCache(dict[str, str]):
    """token → transformed token, computed on a miss; cleared when it grows too big."""

    def __init__(self, compute: Callable[[str], str]) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, token: str) -> str:
        value = self._compute(token)
        if len(self) >= _CACHE_LIMIT:
            self.clear()
        self[token] = value
        return value


def _place_tones_token(token: str) -> str:
    return _CANDIDATE.sub(_place_tone_match, token) if not token.isascii() else token


_TONE_CACHE = _TokenCache(_place_tones_token)


def _place_tones(text: str) -> str:
    """Tone placement on every token; also collapses whitespace (split/join)."""
    return " ".join(map(_TONE_CACHE.__getitem__, text.split()))


# --- mojibake -----------------------------------------------------------------------


def _cp1252_reverse() -> dict[str, int]:
    table: dict[str, int] = {}
    for b in range(256):
        try:
            ch = bytes([b]).decode("cp1252")
        except UnicodeDecodeError:
            ch = chr(b)  # undefined in cp1252: Windows tools pass them through as latin-1
        table[ch] = b
    for b in range(0x80, 0xA0):
        table.setdefault(chr(b), b)
    return table


_CP1252_REV = _cp1252_reverse()
_CONT = "".join(ch for ch, b in _CP1252_REV.items() if 0x80 <= b <= 0xBF)
_LEAD = "".join(ch for ch, b in _CP1252_REV.items() if 0xC2 <= b <= 0xF4)
# A lead byte followed by a continuation byte, both seen as cp1252/latin-1 characters.
# (continuation first, then a look-behind: the engine skips fast to the rare characters)
_MOJIBAKE = re.compile(f"[{re.escape(_CONT)}](?<=[{re.escape(_LEAD)}][{re.escape(_CONT)}])")
_MOJIBAKE_RUN = re.compile(f"[\x21-\x7e{re.escape(_LEAD + _CONT)}]+")


def _fix_run(m: re.Match[str]) -> str:
    run = m.group()
    if not _MOJIBAKE.search(run):
        return run
    try:
        fixed = bytes(_CP1252_REV[c] for c in run).decode("utf-8")
    except (KeyError, UnicodeDecodeError):
        return run
    return fixed


def looks_like_mojibake(text: str) -> bool:
    """True if the text holds a UTF-8 sequence read as cp1252/latin-1 (maybe repairable)."""
    return _MOJIBAKE.search(text) is not None


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 read as cp1252/latin-1 (``Viá»‡t`` → ``Việt``), where it decodes."""
    for _ in range(4):  # text mangled twice or thrice happens
        if not _MOJIBAKE.search(text):
            break
        fixed = _MOJIBAKE_RUN.sub(_fix_run, text)
        if fixed == text:
            break
        text = fixed
    return text


# --- invisible and look-alike characters ----------------------------------------------


def _odd_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    # zero-width, soft hyphen, bidi controls, BOM, word joiner, C0/C1 controls
    drop = [0x00AD, 0x180E, 0x200B, 0x200C, 0x200E, 0x200F, 0x2060, 0x2061, 0x2062,
            0x2063, 0x2064, 0xFEFF, *range(0x202A, 0x202F), *range(0x2066, 0x206A),
            *range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F, *range(0x80, 0xA0)]
    for cp in drop:
        table[cp] = None
    # Mathematical bold/italic letters and full-width forms: scams use them to dodge filters.
    for cp in [*range(0x1D400, 0x1D800), *range(0xFF01, 0xFF5F)]:
        folded = unicodedata.normalize("NFKC", chr(cp))
        if folded != chr(cp) and len(folded) == 1:
            table[cp] = folded
    return table


_ODD_TABLE = _odd_table()
_ODD_TABLE_KEEP_C1 = {k: v for k, v in _ODD_TABLE.items() if not 0x80 <= k < 0xA0}
_ODD = re.compile(
    "[" + "".join(re.escape(chr(cp)) for cp in sorted(_ODD_TABLE) if cp < 0x10000)
    + "\U0001d400-\U0001d7ff]"
)
_ODD_OR_MARK = re.compile(_ODD.pattern[:-1] + "\u200d\u0300-\u036f]")
# A zero-width joiner is kept only inside emoji sequences (between two non-word chars).
_ZWJ_IN_TEXT = re.compile(r"(?<=\w)\u200d|\u200d(?=\w)|^\u200d|\u200d$")
_SPACES = re.compile(r"\s+")
_FOLD_EXTRA = str.maketrans({"đ": "d", "Đ": "D", "Ð": "D", "ð": "d", "Ɖ": "D", "ɖ": "d"})
_MARKS = re.compile("[\u0300-\u036f]+")
_ODD_SPACE = re.compile(r"\s\s|[^\S ]")
# Combining marks with nothing to sit on (after a space or at the start): zalgo debris.
_ORPHAN_MARKS = re.compile(r"(?:^|(?<=\s))[\u0300-\u036f]+")


def _clean(text: str) -> str:
    """NFC, invisible characters, mojibake, orphan marks: all but tones and spaces."""
    text = unicodedata.normalize("NFC", text)
    if _ODD_OR_MARK.search(text):
        # C1 controls stay until mojibake repair: they are bytes of it (0x81, 0x8d …).
        text = text.translate(_ODD_TABLE_KEEP_C1)
        if _MOJIBAKE.search(text):
            text = repair_mojibake(text)
        text = unicodedata.normalize("NFC", text.translate(_ODD_TABLE))
        if "\u200d" in text:
            text = _ZWJ_IN_TEXT.sub("", text)
        return _ORPHAN_MARKS.sub("", text)
    if _MOJIBAKE.search(text):
        return _ORPHAN_MARKS.sub("", unicodedata.normalize("NFC", repair_mojibake(text)))
    return text


def _normalize_pass(text: str) -> str:
    return _place_tones(_clean(text))


def normalize_one(text: str) -> str:
    """Normalise one text (see :func:`normalize`)."""
    if text.isascii():
        return " ".join(text.translate(_ODD_TABLE).split())
    out = _normalize_pass(text)
    for _ in range(4):  # only text hiding mojibake under other artefacts needs a 2nd pass
        if not _MOJIBAKE.search(out):
            break
        again = _normalize_pass(out)
        if again == out:
            break
        out = again
    return out


def normalize(texts: Sequence[str]) -> list[str]:
    """Canonical form of each text: NFC, one tone placement, mojibake repaired.

    Also drops zero-width and control characters, maps math-alphanumeric and
    full-width letters to plain ones, collapses whitespace; keeps case and emoji.
    Idempotent: ``normalize(normalize(x)) == normalize(x)``.
    """
    return [normalize_one(t) for t in as_batch(texts)]


# --- folding --------------------------------------------------------------------------



def _fold_slow(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD_EXTRA))
    return unicodedata.normalize("NFC", _MARKS.sub("", decomposed))


@cache
def _fold_table() -> dict[int, str]:
    """Every character whose decomposition carries a diacritic → its folded form.

    The ranges hold all such characters in Unicode 15 (checked by a test on the full range).
    """
    table: dict[int, str] = {}
    for cp in [*range(0xC0, 0x250), *range(0x300, 0x500), *range(0x1E00, 0x2000),
               *range(0x2100, 0x2300), 0x2ADC]:
        ch = chr(cp)
        folded = _fold_slow(ch)
        if folded != ch:
            table[cp] = folded
    return table


def _fold_token(text: str) -> str:
    if text.isascii():
        return text
    text = text.translate(_fold_table())
    if _MARKS.search(text):  # NFD input or marks on letters outside the table
        return _fold_slow(text)
    return unicodedata.normalize("NFC", text)


_FOLD_CACHE = _TokenCache(_fold_token)


def fold_one(text: str) -> str:
    """Fold one text (see :func:`fold`)."""
    if text.isascii():
        return text
    if _MARKS.search(text):  # a mark may sit after a space: fold the text as a whole
        return _fold_token(text)
    return " ".join(map(_FOLD_CACHE.__getitem__, text.split(" ")))


def normalize_fold_one(text: str) -> tuple[str, str]:
    """``(normalize_one(text), fold_one(normalize_one(text)))``, splitting the text once."""
    if text.isascii():
        norm = normalize_one(text)
        return norm, norm
    tokens = list(map(_TONE_CACHE.__getitem__, _clean(text).split()))
    norm = " ".join(tokens)
    if _MOJIBAKE.search(norm):  # rare: needs the repeated passes of normalize_one
        norm = normalize_one(text)
        return norm, fold_one(norm)
    return norm, " ".join(map(_FOLD_CACHE.__getitem__, tokens))


def prepare_one(text: str) -> tuple[str, str, str]:
    """``(norm, folded, aligned)``: aligned is the lower-cased fold with norm's offsets."""
    norm, folded = normalize_fold_one(text)
    aligned = folded.lower()
    if len(aligned) != len(norm):  # a mark without a letter, or a rare case mapping
        aligned = fold_lower_aligned(norm)
    return norm, folded, aligned


def fold(texts: Sequence[str]) -> list[str]:
    """Diacritics-free form (``Đường`` → ``Duong``) for matching text typed without accents.

    Case is kept; only combining diacritics (U+0300–U+036F) and the Vietnamese/Latin
    d-with-stroke letters are changed, so emoji and other scripts survive. Idempotent,
    and the same for NFC and NFD input.
    """
    return [fold_one(t) for t in as_batch(texts)]


def _aligned_table() -> dict[int, str]:
    """One char → one char: fold + lower, so offsets in the folded text match the input."""
    table: dict[int, str] = {}
    for cp in [*range(0x41, 0x5B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        ch = chr(cp)
        low = fold_one(ch.lower()) if len(ch.lower()) == 1 else ch
        if len(low) == 1 and low != ch:
            table[cp] = low
    table[ord("Đ")] = "d"
    table[ord("đ")] = "d"
    return table


_ALIGNED = _aligned_table()


def fold_lower_aligned(text: str) -> str:
    """Lower-cased folded form of the same length as ``text`` (for offset-keeping search)."""
    return text.translate(_ALIGNED)
