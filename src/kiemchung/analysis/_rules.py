"""Rules: named cues with a Vietnamese message, used as features and shown as signals.

A rule looks at a :class:`~kiemchung.analysis._prep.Prepared` text and returns a
strength in ``[0, 1]`` (usually 0 or 1). Patterns are written against the *folded* text
(lower case, no diacritics, teencode expanded), so ``chuyển khoản``, ``chuyen khoan`` and
``ck`` hit the same rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from kiemchung.analysis._prep import Prepared

Check = Callable[[Prepared], float]


@dataclass(frozen=True, slots=True)
class Rule:
    """One cue: ``code`` (stable id), ``message`` (Vietnamese, for reviewers), a check."""

    code: str
    message: str
    check: Check


class _Pattern:
    """Regex check; ``batch`` runs one scan over a whole batch (texts joined by newlines,
    which never occur in prepared text and which ``.`` does not match).

    The alternatives are compiled as (at most) two alternations: those that start with a
    plain character (the regex engine then skips quickly to positions where one of those
    characters occurs) and the others (``\\b``, ``\\d``, groups...). A text hits when
    either matches, which is the same as matching the whole alternation.
    """

    def __init__(self, regexes: tuple[re.Pattern[str], ...], neg: re.Pattern[str] | None,
                 on: str) -> None:
        self.regexes, self.neg, self.on = regexes, neg, on

    def __call__(self, item: Prepared) -> float:
        text = getattr(item, self.on)
        if not any(regex.search(text) is not None for regex in self.regexes):
            return 0.0
        if self.neg is not None and self.neg.search(text) is not None:
            return 0.0
        return 1.0

    def batch(self, items: Sequence[Prepared]) -> np.ndarray:
        texts = [getattr(item, self.on) for item in items]
        out = _scan(self.regexes[0], texts)
        for regex in self.regexes[1:]:
            np.maximum(out, _scan(regex, texts), out=out)
        if self.neg is not None and out.any():
            out[_scan(self.neg, texts) > 0] = 0.0
        return out


def _top_level(alternation: str) -> list[str]:
    """Split a regex at its top-level ``|`` (outside groups, classes and escapes)."""
    parts, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(alternation):
        ch = alternation[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if alternation[i + 1 : i + 2] == "]":
                i += 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(alternation[start:i])
            start = i + 1
        i += 1
    parts.append(alternation[start:])
    return parts


def _plain_start(alternative: str) -> bool:
    """The alternative begins with a literal character that is not quantified."""
    if not alternative or not (alternative[0].isalnum() or alternative[0] in " :/@#%-_"):
        return False
    return alternative[1:2] not in ("?", "*", "{")


def _unanchor(alternative: str) -> str:
    """``\\bword`` as ``w(?<!\\ww)ord``: the same matches, but starting with a literal."""
    if alternative.startswith("\\b") and alternative[2:3].isalnum() \
            and alternative[3:4] not in ("?", "*", "+", "{"):
        first = alternative[2]
        return f"{first}(?<!\\w{first}){alternative[3:]}"
    return alternative


def _closing(text: str, start: int) -> int:
    """Index of the ``)`` closing the group that opens at ``text[start]`` (-1 if none)."""
    depth, i, in_class = 0, start, False
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def _expand(alternative: str) -> list[str]:
    """``(?:a|b)c`` as ``ac``, ``bc`` (same matches), so that each starts with a literal."""
    if not alternative.startswith("(?:"):
        return [alternative]
    end = _closing(alternative, 0)
    rest = alternative[end + 1 :] if end > 0 else ""
    if end < 0 or rest[:1] in ("?", "*", "+", "{"):
        return [alternative]
    return [x for inner in _top_level(alternative[3:end]) for x in _expand(inner + rest)]


def _compile(alternatives: Sequence[str]) -> tuple[re.Pattern[str], ...]:
    alts = [_unanchor(x) for a in alternatives for part in _top_level(a) for x in _expand(part)]
    plain = [a for a in alts if _plain_start(a)]
    other = [a for a in alts if not _plain_start(a)]
    groups = [g for g in (plain, other) if g]
    return tuple(re.compile("|".join(g)) for g in groups)


def _scan(regex: re.Pattern[str], texts: Sequence[str]) -> np.ndarray:
    out = np.zeros(len(texts))
    if not texts:
        return out
    starts = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]])
    hits = [m.start() for m in regex.finditer("\n".join(texts))]
    if hits:
        out[np.searchsorted(starts, hits, side="right") - 1] = 1.0
    return out


def pattern(*alternatives: str, exclude: str | None = None, on: str = "folded") -> Check:
    """A check that fires when any regex alternative matches the text.

    ``exclude``: a regex that, when it matches, cancels the rule (e.g. a negation).
    ``on``: which form to search: ``folded`` (default), ``norm`` (lower case, with
    diacritics: for words that are ambiguous without them) or ``norm_cased``.
    """
    key = (alternatives, exclude, on)
    found = _INTERNED.get(key)
    if found is None:
        # One precompiled alternation per distinct pattern; identical patterns used by
        # several rules (e.g. in ``both``) share one object and are scanned once per batch.
        found = _INTERNED[key] = _Pattern(_compile(alternatives),
                                          re.compile(exclude) if exclude else None, on)
    return found


_INTERNED: dict[tuple[tuple[str, ...], str | None, str], _Pattern] = {}


class _Both:
    def __init__(self, first: Check, second: Check) -> None:
        self.first, self.second = first, second

    def __call__(self, item: Prepared) -> float:
        a = self.first(item)
        return min(a, self.second(item)) if a else 0.0

    def batch(self, items: Sequence[Prepared], cache: _Cache | None = None) -> np.ndarray:
        first = _column(self.first, items, cache)
        if not first.any():
            return first
        return np.minimum(first, _column(self.second, items, cache))


def both(first: Check, second: Check) -> Check:
    """Fires (with the weaker strength) when both checks fire."""
    return _Both(first, second)


_Cache = dict[int, np.ndarray]


def _column(check: Check, items: Sequence[Prepared], cache: _Cache | None = None) -> np.ndarray:
    if cache is not None and id(check) in cache:
        return cache[id(check)]
    if isinstance(check, _Both):
        out = check.batch(items, cache)
    else:
        batch = getattr(check, "batch", None)
        if batch is not None:
            out = np.asarray(batch(items), dtype=np.float64)
        else:
            out = np.array([check(item) for item in items], dtype=np.float64)
    if cache is not None:
        cache[id(check)] = out
    return out


@dataclass(frozen=True, slots=True)
class RuleSet:
    """An ordered set of rules; ``apply`` gives the feature matrix and the hits."""

    rules: tuple[Rule, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        """Rule codes, in feature order."""
        return tuple(r.code for r in self.rules)

    def message(self, code: str) -> str:
        """The Vietnamese message of a rule."""
        for rule in self.rules:
            if rule.code == code:
                return rule.message
        raise KeyError(code)

    def apply(self, items: Sequence[Prepared]) -> np.ndarray:
        """Rule strengths, shape ``(len(items), len(rules))``."""
        out = np.zeros((len(items), len(self.rules)), dtype=np.float64)
        if items:
            cache: _Cache = {}  # checks shared between rules run once per batch
            for j, rule in enumerate(self.rules):
                out[:, j] = _column(rule.check, items, cache)
        return out


EMPTY = RuleSet(())
