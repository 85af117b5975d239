"""Rules: named cues with a Vietnamese message, used as features and shown as signals.

A rule looks at a :class:`~kiemchung.analysis._prep.Prepared` text and returns a
strength in ``[0, 1]`` (usually 0 or 1). Patterns are written against the *folded* text
(lower case, no diacritics, teencode expanded), so ``chuyển khoản``, ``chuyen khoan`` and
``ck`` hit the same rule.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

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

    def __init__(self, source: tuple[str, ...], exclude: str | None, on: str) -> None:
        # Regexes are compiled on first use, so that importing rules stays fast.
        self.source, self.exclude, self.on = source, exclude, on

    @cached_property
    def regexes(self) -> tuple[re.Pattern[str], ...]:
        """The compiled alternation(s)."""
        return _compile(self.source)

    @cached_property
    def neg(self) -> re.Pattern[str] | None:
        """The compiled ``exclude`` regex."""
        return re.compile(self.exclude) if self.exclude else None

    @cached_property
    def alternatives(self) -> tuple[str, ...]:
        """Alternatives that can be merged with other patterns' into one pre-filter scan
        (none when the pattern uses anchors, look-aheads, references...)."""
        alternatives = tuple(_alternatives(self.source))
        return () if _UNMERGEABLE.search("|".join(alternatives)) else alternatives

    @cached_property
    def confirm(self) -> bool:
        """A look-ahead or positive look-behind may see the next/previous joined text:
        hits must then be checked on the text alone."""
        return any("(?=" in r.pattern or "(?<=" in r.pattern for r in self.regexes)

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


def _alternatives(alternatives: Sequence[str]) -> list[str]:
    alts = [_unanchor(x) for a in alternatives for part in _top_level(a) for x in _expand(part)]
    if _REFERENCE.search("|".join(alts)):
        return alts
    return [y for x in alts for y in _normalise(x)]


_LOOKBEHIND = ("(?<!", "(?<=")


def _normalise(alternative: str, depth: int = 0) -> list[str]:
    """Rewrite an alternative so that it starts with a literal where possible.

    Each result matches at the same positions as the original (together they match
    where it does): ``(?:x|y)z`` -> ``xz``, ``yz``; ``(?:x)?z`` -> ``xz``, ``z``; and
    leading assertions move behind the first literal: ``(?<!a )\\bte`` ->
    ``t(?<!a t)(?<!\\wt)e``.
    """
    if depth > 8:
        return [alternative]
    asserts: list[str] = []
    i = 0
    while True:
        if alternative.startswith("\\b", i):
            asserts.append("\\b")
            i += 2
        elif alternative.startswith(_LOOKBEHIND, i):
            end = _closing(alternative, i)
            if end < 0:
                return [alternative]
            asserts.append(alternative[i : end + 1])
            i = end + 1
        else:
            break
    head, rest = "".join(asserts), alternative[i:]
    if rest.startswith("(?:"):
        end = _closing(rest, 0)
        if end < 0:
            return [alternative]
        parts, tail = _top_level(rest[3:end]), rest[end + 1 :]
        if tail[:1] == "?" and tail[1:2] not in ("?", "+"):
            options = [head + p + tail[1:] for p in parts] + [head + tail[1:]]
        elif tail[:1] in ("?", "*", "+", "{"):
            return [alternative]
        else:
            options = [head + p + tail for p in parts]
        return [y for x in options for y in _normalise(x, depth + 1)]
    if not asserts:
        return [_plus_first(alternative)]
    atoms, _ = _literal_prefix(rest)
    if not atoms:
        return [alternative]
    first = atoms[0]
    char = first[-1]
    word = char.isalnum() or char == "_"
    moved = []
    for a in asserts:
        if a == "\\b":
            moved.append(("(?<!\\w" if word else "(?<=\\w") + first + ")")
        else:
            moved.append(a[:-1] + first + ")")
    return [first + "".join(moved) + rest[len(first) :]]


_ONE_OR_MORE = re.compile(
    r"(\\[dws]|\[(?:\\.|[^\]\\])+\])(?:\+|\{([1-9]\d*)(,?)(\d*)\})(?![+?])")


def _plus_first(alternative: str) -> str:
    """``\\d+x`` as ``\\d\\d*x`` (same matches): the regex engine can then skip ahead to
    the positions where the first character may match."""
    m = _ONE_OR_MORE.match(alternative)
    if m is None:
        return alternative
    atom, low, comma, high = m.groups()
    if low is None:  # x+
        more = "*"
    elif not comma:  # x{n}
        more = f"{{{int(low) - 1}}}"
    elif not high:  # x{n,}
        more = f"{{{int(low) - 1},}}"
    elif int(high) >= int(low):  # x{n,m}
        more = f"{{{int(low) - 1},{int(high) - 1}}}"
    else:
        return alternative
    return atom + atom + more + alternative[m.end() :]


def _compile(alternatives: Sequence[str]) -> tuple[re.Pattern[str], ...]:
    alts = _alternatives(alternatives)
    plain = [a for a in alts if _literal_prefix(a)[0]]
    other = [a for a in alts if not _literal_prefix(a)[0]]
    groups = [g for g in (plain, other) if g]
    if not _REFERENCE.search("|".join(alts)):
        try:
            return tuple(re.compile(_trie(g)) for g in groups)
        except re.error:  # e.g. a global flag: keep the plain alternation
            pass
    return tuple(re.compile("|".join(g)) for g in groups)


# Group references (``\1``, ``(?P=name)``) or named groups would change meaning when the
# alternatives are regrouped; such patterns keep the plain alternation.
_REFERENCE = re.compile(r"\\[1-9]|\(\?P[<=]|\(\?[aiLmsux]+\)")
_QUANTIFIER = frozenset("?*+{")
_SPECIAL = frozenset(".^$*+?{}[]()|\\")


def _literal_prefix(alternative: str) -> tuple[list[str], str]:
    """Leading unquantified literal atoms of an alternative (``a``, ``\\.``) and the rest."""
    atoms: list[str] = []
    i = 0
    while i < len(alternative):
        ch = alternative[i]
        if ch == "\\":
            nxt = alternative[i + 1 : i + 2]
            if not nxt or nxt.isalnum() or nxt == "_":
                break  # \b, \d, \w, \1...: not a literal
            atom = alternative[i : i + 2]
        elif ch in _SPECIAL:
            break
        else:
            atom = ch
        end = i + len(atom)
        if alternative[end : end + 1] in _QUANTIFIER and end < len(alternative):
            break
        atoms.append(atom)
        i = end
    return atoms, alternative[i:]


def _trie(alternatives: Sequence[str]) -> str:
    """One regex that matches somewhere exactly when one of ``alternatives`` does.

    Alternatives are factored by their literal prefixes (``bat ngo|bi mat`` as
    ``b(?:at ngo|i mat)``), so the regex engine tries a handful of branches at each
    position instead of every alternative. Only *whether* a text matches is preserved
    (not which alternative matches or where a match ends): that is all rules use.
    """
    root: dict[str, Any] = {}
    for alternative in alternatives:
        atoms, rest = _literal_prefix(alternative)
        node = root
        for atom in atoms:
            if node.get("", None) == [""]:
                break  # a shorter alternative already matches here
            node = node.setdefault(atom, {})
        else:
            if rest == "":
                node.clear()
                node[""] = [""]  # matches as soon as the prefix does
            elif node.get("", None) != [""]:
                node.setdefault("", []).append(rest)
    return _emit(root, top=True)


def _emit(node: dict[str, Any], *, top: bool = False) -> str:
    rests: list[str] = node.get("", [])
    if rests == [""]:
        return ""
    parts = [atom + _emit(child) for atom, child in node.items() if atom != ""]
    parts.extend(rests)
    if top or len(parts) == 1:
        return "|".join(parts)
    return "(?:" + "|".join(parts) + ")"


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
        found = _INTERNED[key] = _Pattern(alternatives, exclude, on)
    return found


_INTERNED: dict[tuple[tuple[str, ...], str | None, str], _Pattern] = {}


def fast_regex(*alternatives: str) -> re.Pattern[str]:
    """``re.compile("|".join(alternatives))`` for custom checks that only ask *whether*
    (and from where) a text matches: ``search``/``finditer`` find matches starting at the
    same positions, often several times faster on long word lists (alternatives are
    regrouped by their common prefixes). Match ends and groups may differ.
    """
    alts = _alternatives(alternatives)
    if not _REFERENCE.search("|".join(alts)):
        try:
            return re.compile(_trie(alts))
        except re.error:
            pass
    return re.compile("|".join(alternatives))


def lexicon(alternation: str) -> re.Pattern[str]:
    """A word list for custom checks: each entry must start at a word boundary.

    ``search`` finds a match exactly when ``re.compile(r"\\b(?:" + alternation + ")")``
    does (the entries are regrouped by common prefixes, see :func:`fast_regex`), which is
    several times faster on long lists.
    """
    return re.compile(r"\b(?:" + fast_regex(alternation).pattern + ")")


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


class Columns:
    """What a :func:`batched` check sees: the batch and the columns of other checks (each
    computed once per batch and shared by every rule that asks for it)."""

    __slots__ = ("_cache", "items")

    def __init__(self, items: Sequence[Prepared], cache: _Cache) -> None:
        self.items, self._cache = items, cache

    def __getitem__(self, check: Check) -> np.ndarray:
        """Boolean column: where ``check`` fires (read-only: shared by every rule that
        asks for it in this batch)."""
        key = -id(check)  # the float column is cached under id(check), this under -id
        found = self._cache.get(key)
        if found is None:
            found = _column(check, self.items, self._cache) > 0
            found.flags.writeable = False
            self._cache[key] = found
        return found

    def value(self, check: Check) -> np.ndarray:
        """Float column: the strength of ``check`` per item (``0`` where it does not fire)."""
        return _column(check, self.items, self._cache)

    def where(self, mask: np.ndarray, test: Callable[[Prepared], object]) -> np.ndarray:
        """``mask`` narrowed to the items where ``test(item)`` is true; ``test`` runs only
        on the items of ``mask``."""
        out = np.zeros(len(self.items), dtype=bool)
        index = np.flatnonzero(mask)
        if index.size:
            items = self.items
            out[index] = [bool(test(items[i])) for i in index.tolist()]
        return out


class _Batched:
    def __init__(self, combine: Callable[[Columns], np.ndarray], uses: tuple[Check, ...]) -> None:
        self.combine, self.uses = combine, uses

    def __call__(self, item: Prepared) -> float:
        return float(self.batch([item])[0])

    def batch(self, items: Sequence[Prepared], cache: _Cache | None = None) -> np.ndarray:
        out = self.combine(Columns(items, {} if cache is None else cache))
        return np.asarray(out, dtype=np.float64)


def batched(*uses: Check) -> Callable[[Callable[[Columns], np.ndarray]], Check]:
    """Decorator: a custom check computed for a whole batch at once from the columns of
    other checks (``cols[check]``, boolean) and per-item tests on a subset
    (``cols.where(mask, test)``). ``uses``: the patterns it reads, scanned together with the
    rule set's other patterns. Called on one item, it runs as a batch of one.
    """
    def wrap(combine: Callable[[Columns], np.ndarray]) -> Check:
        return _Batched(combine, uses)
    return wrap


class _Search:
    def __init__(self, regex: re.Pattern[str], on: str) -> None:
        self.regex, self.on = regex, on

    def __call__(self, item: Prepared) -> float:
        return 0.0 if self.regex.search(getattr(item, self.on)) is None else 1.0


def search_check(regex: re.Pattern[str], *, on: str = "folded") -> Check:
    """A check that fires where ``regex.search`` finds a match in the text (``on``: which
    form): a batch-scanned :func:`pattern` when the regex can be scanned over joined texts,
    else a per-text search. One shared object per regex."""
    key = (regex, on)
    found = _SEARCHES.get(key)
    if found is None:
        candidate = pattern(regex.pattern, on=on)
        mergeable = isinstance(candidate, _Pattern) and candidate.alternatives \
            and not regex.flags & ~re.UNICODE
        found = _SEARCHES[key] = candidate if mergeable else _Search(regex, on)
    return found


_SEARCHES: dict[tuple[re.Pattern[str], str], Check] = {}


def _column(check: Check, items: Sequence[Prepared], cache: _Cache | None = None) -> np.ndarray:
    if cache is not None:
        found = cache.get(id(check))
        if found is not None:
            return found
    if isinstance(check, (_Both, _Batched)):
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
            _pattern_columns(_patterns_of(self), items, cache)
            for j, rule in enumerate(self.rules):
                out[:, j] = _column(rule.check, items, cache)
        return out


EMPTY = RuleSet(())


# -- several patterns at once --------------------------------------------------------
#
# Scanning a batch once per pattern costs about the same for a rare pattern as for a
# common one. Patterns are therefore grouped (in rule order, per text form) and each
# group is first scanned as one merged regex: only the texts where the group matches
# are then searched for each of its patterns, text by text. Merged patterns answer
# "does this text match" exactly as ``_Pattern.__call__`` does on that text alone.

_GROUP = 8  # patterns per merged pre-filter
_FREQUENT = 0.08  # patterns that hit more texts than this are scanned on their own
# Constructs whose meaning may change when texts are joined or patterns regrouped.
_UNMERGEABLE = re.compile(
    r"\\[1-9ABZ]|\(\?P[<=]|\(\?[aiLmsux]+\)|\(\?!|(?<![\\\[])\^|(?<!\\)\$"
    r"|\(\?<![^)]*(?:\\[sWD]|\[\^)")
_Plan = list[tuple[tuple[_Pattern, ...], tuple[re.Pattern[str], ...]]]
_PLANS: dict[tuple[tuple[_Pattern, ...], frozenset[int]], _Plan] = {}
_RATES: dict[int, float] = {}  # id(pattern) -> share of texts it hit (moving average)


_PATTERNS_OF: dict[int, tuple[RuleSet, tuple[_Pattern, ...]]] = {}


def _patterns_of(rules: RuleSet) -> tuple[_Pattern, ...]:
    """:func:`_patterns`, worked out once per rule set (rule sets are immutable): walking
    the checks costs about 1 ms, which matters when one text is analysed at a time."""
    known = _PATTERNS_OF.get(id(rules))
    if known is None or known[0] is not rules:
        if len(_PATTERNS_OF) > 256:
            _PATTERNS_OF.clear()
        known = _PATTERNS_OF[id(rules)] = (rules, _patterns(rules))
    return known[1]


def _patterns(rules: RuleSet) -> tuple[_Pattern, ...]:
    """The mergeable patterns used by a rule set (also inside ``both``), in rule order."""
    found: dict[int, _Pattern] = {}

    def visit(check: Check) -> None:
        if isinstance(check, _Both):
            visit(check.first)
            visit(check.second)
        elif isinstance(check, _Batched):
            for use in check.uses:
                visit(use)
        elif isinstance(check, _Pattern) and check.alternatives:
            found.setdefault(id(check), check)

    for rule in rules.rules:
        visit(rule.check)
    return tuple(found.values())


def _plan(patterns: tuple[_Pattern, ...]) -> _Plan:
    frequent = frozenset(id(p) for p in patterns if _RATES.get(id(p), 0.0) > _FREQUENT)
    previous = _CURRENT.get(patterns)
    if previous is not None and previous != frequent:
        # Hysteresis: a pattern changes side only when clearly on the other side, so
        # that the merged regexes are not rebuilt at every batch.
        frequent = frozenset(
            i for i in {*previous, *frequent}
            if _RATES.get(i, 0.0) > (_FREQUENT / 2 if i in previous else _FREQUENT * 1.5))
    _CURRENT[patterns] = frequent
    plan = _PLANS.get((patterns, frequent))
    if plan is None:
        plan = [((p,), ()) for p in patterns if id(p) in frequent]
        for on in dict.fromkeys(p.on for p in patterns):
            rare = [p for p in patterns if p.on == on and id(p) not in frequent]
            for i in range(0, len(rare), _GROUP):
                group = tuple(rare[i : i + _GROUP])
                merged: tuple[re.Pattern[str], ...] = ()
                if len(group) > 1:
                    merged = _compile_merged(tuple(a for p in group for a in p.alternatives))
                plan.append((group, merged))
        if len(_PLANS) > 256:
            _PLANS.clear()
        _PLANS[(patterns, frequent)] = plan
    return plan


_CURRENT: dict[tuple[_Pattern, ...], frozenset[int]] = {}


@lru_cache(maxsize=512)
def _compile_merged(alternatives: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return _compile(alternatives)


def _pattern_columns(patterns: tuple[_Pattern, ...], items: Sequence[Prepared],
                     cache: _Cache) -> None:
    """Columns of ``patterns`` for ``items``, stored in ``cache`` (by ``id``)."""
    if len(items) == 1:
        _pattern_columns_one(patterns, items[0], cache)
        return
    texts_of: dict[str, tuple[list[str], str, list[int]]] = {}
    n = len(items)
    for group, merged in _plan(patterns):
        on = group[0].on
        if on not in texts_of:
            texts = [getattr(item, on) for item in items]
            texts_of[on] = (texts, *_joined(texts, range(n)))
        texts, joined, starts = texts_of[on]
        if merged:
            sure, unsure = _scan_texts(merged, joined, starts, range(n))
            among: Sequence[int] = sorted(sure + unsure)
            joined, starts = _joined(texts, among)
        else:
            among = range(n)
        for p in group:
            out = np.zeros(n)
            sure, unsure = _scan_texts(p.regexes, joined, starts, among, confirm=p.confirm)
            found = sure + [i for i in unsure if any(r.search(texts[i]) for r in p.regexes)]
            if p.neg is not None:
                found = [i for i in found if p.neg.search(texts[i]) is None]
            out[found] = 1.0
            cache[id(p)] = out
            if n >= 50:
                _RATES[id(p)] = 0.8 * _RATES.get(id(p), len(found) / n) + 0.2 * len(found) / n


# Shared, read-only columns for a batch of one (no array per pattern and text).
_MISS = np.zeros(1)
_HIT = np.ones(1)
_MISS.flags.writeable = False
_HIT.flags.writeable = False


def _pattern_columns_one(patterns: tuple[_Pattern, ...], item: Prepared,
                         cache: _Cache) -> None:
    """:func:`_pattern_columns` for one text (the tipline's case): plain searches on the
    text alone, each merged pre-filter first, without joining or numpy per pattern."""
    texts: dict[str, str] = {}
    for group, merged in _plan(patterns):
        on = group[0].on
        text = texts.get(on)
        if text is None:
            text = texts[on] = getattr(item, on)
        if merged and not any(regex.search(text) for regex in merged):
            for p in group:
                cache[id(p)] = _MISS
            continue
        for p in group:
            hit = any(regex.search(text) for regex in p.regexes) and (
                p.neg is None or p.neg.search(text) is None)
            cache[id(p)] = _HIT if hit else _MISS


def _joined(texts: Sequence[str], among: Sequence[int]) -> tuple[str, list[int]]:
    starts = [0]
    for i in among:
        starts.append(starts[-1] + len(texts[i]) + 1)
    return "\n".join([texts[i] for i in among]), starts


def _scan_texts(regexes: tuple[re.Pattern[str], ...], joined: str, starts: list[int],
                among: Sequence[int], *, confirm: bool = True) -> tuple[list[int], list[int]]:
    """Texts (of ``among``, joined by newlines) where a regex matches: ``sure`` ones
    (a match inside the text) and ``unsure`` ones (a match that runs into the next text,
    or any match when ``confirm``) which must be checked on the text alone."""
    sure: list[int] = []
    unsure: list[int] = []
    seen: set[int] = set()
    end = len(joined)
    for regex in regexes:
        search, pos = regex.search, 0
        while pos <= end:
            m = search(joined, pos)
            if m is None:
                break
            k = bisect_right(starts, m.start()) - 1
            if k not in seen:
                seen.add(k)
                (unsure if confirm or m.end() >= starts[k + 1] else sure).append(among[k])
            pos = starts[k + 1]  # next text: one hit per text is enough
    return sure, unsure
