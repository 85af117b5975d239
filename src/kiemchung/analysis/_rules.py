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


def pattern(*alternatives: str, exclude: str | None = None, on: str = "folded") -> Check:
    """A check that fires when any regex alternative matches the text.

    ``exclude``: a regex that, when it matches, cancels the rule (e.g. a negation).
    ``on``: which form to search: ``folded`` (default), ``norm`` (lower case, with
    diacritics: for words that are ambiguous without them) or ``norm_cased``.
    """
    regex = re.compile("|".join(f"(?:{a})" for a in alternatives))
    neg = re.compile(exclude) if exclude else None

    def check(item: Prepared) -> float:
        text = getattr(item, on)
        if regex.search(text) is None:
            return 0.0
        if neg is not None and neg.search(text) is not None:
            return 0.0
        return 1.0

    return check


def both(first: Check, second: Check) -> Check:
    """Fires (with the weaker strength) when both checks fire."""

    def check(item: Prepared) -> float:
        a = first(item)
        return min(a, second(item)) if a else 0.0

    return check


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
        for i, item in enumerate(items):
            for j, rule in enumerate(self.rules):
                out[i, j] = rule.check(item)
        return out


EMPTY = RuleSet(())
