"""Name lists matched with or without diacritics (provinces, banks), offsets kept."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from kiemchung.text.normalize import fold_lower_aligned, normalize_one

_ALNUM = re.compile(r"[^\W_]+")
_SEP = "\x00"  # stands for "separator or nothing" between the words of a name


def _key(text: str) -> str:
    return "".join(_ALNUM.findall(text.lower()))


def read_lexicon(name: str) -> list[list[str]]:
    """Rows of a tab-separated lexicon shipped in ``kiemchung/text/lexicons``."""
    raw = resources.files("kiemchung.text").joinpath(f"lexicons/{name}").read_text("utf-8")
    return [line.split("\t") for line in raw.splitlines() if line.strip() and line[0] != "#"]


def trie_regex(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` factored as a trie (fast on long lists)."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        ends = "" in node
        alts = []
        for ch in sorted(k for k in node if k):
            piece = r"[\s.\-–]*" if ch == _SEP else re.escape(ch)
            alts.append(piece + build(node[ch]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if ends:
            body = "(?:" + body + ")?"
        return body

    return build(trie)


@dataclass(frozen=True, slots=True)
class _Alias:
    canonical: str
    key_vi: str  # alnum key of the alias with diacritics, lower-cased
    exact: str | None  # case-sensitive alnum key (short all-caps aliases)
    cap: bool


class Gazetteer:
    """Finds canonical names in text; a name typed without diacritics matches too.

    A folded match is accepted only if the text span has no diacritics itself, or its
    diacritics are those of the name: ``sơn là`` is not ``Sơn La``.
    """

    def __init__(self, entries: Iterable[tuple[str, str, bool]]) -> None:
        self._aliases: dict[str, list[_Alias]] = {}
        patterns = set()
        for alias, canonical, cap in entries:
            alias = normalize_one(alias)
            folded = fold_lower_aligned(alias)
            words = _ALNUM.findall(folded)
            if not words:
                continue
            patterns.add(_SEP.join(words))
            short_caps = len(_key(alias)) <= 4 and alias.replace(".", "").isupper()
            self._aliases.setdefault("".join(words), []).append(
                _Alias(canonical, _key(alias), "".join(_ALNUM.findall(alias)) if short_caps
                       else None, cap)
            )
        # no look-behind in front: the regex engine then skips ahead on the first letters
        self._regex = re.compile(trie_regex(patterns) + r"(?![^\W_])")

    def find(self, text: str, folded: str) -> list[tuple[int, int, str]]:
        """(start, end, canonical) of each name; ``folded`` is ``fold_lower_aligned(text)``."""
        found = []
        for m in self._regex.finditer(folded):
            if m.start() and (folded[m.start() - 1].isalnum()):
                continue
            span = text[m.start() : m.end()]
            has_marks = span.translate(_LOWER_ONLY) != m.group()
            for alias in self._aliases.get(_key(m.group()), ()):
                if alias.exact is not None and "".join(_ALNUM.findall(span)) != alias.exact:
                    continue
                if alias.cap and not all(w[0].isupper() for w in _ALNUM.findall(span)):
                    continue
                if has_marks and _key(span) != alias.key_vi:
                    continue
                found.append((m.start(), m.end(), alias.canonical))
                break
        return found


_LOWER_ONLY = {cp: chr(cp + 32) for cp in range(0x41, 0x5B)}


@dataclass(frozen=True, slots=True)
class Province:
    """A provincial unit: ``status`` is ``both``, ``historic`` or ``2025``."""

    name: str
    status: str
    merged_into: str | None


@cache
def provinces() -> dict[str, Province]:
    """All 63 historic and 34 post-2025 provincial units by canonical name."""
    out = {}
    for row in read_lexicon("provinces.tsv"):
        row = [*row, "", "", "", ""]
        out[row[0]] = Province(row[0], row[1], row[2] or None)
    return out


@cache
def province_gazetteer() -> Gazetteer:
    entries = []
    for row in read_lexicon("provinces.tsv"):
        row = [*row, "", "", "", ""]
        cap = "cap" in row[4]
        for alias in [row[0], *filter(None, row[3].split("|"))]:
            entries.append((alias, row[0], cap))
    return Gazetteer(entries)


@cache
def bank_gazetteer() -> Gazetteer:
    entries = []
    for row in read_lexicon("banks.tsv"):
        row = [*row, "", ""]
        for alias in [row[0], *filter(None, row[1].split("|"))]:
            entries.append((alias, row[0], False))
    return Gazetteer(entries)
