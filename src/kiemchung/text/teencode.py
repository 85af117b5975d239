"""Teencode and chat-abbreviation expansion from the team-written lexicon.

The lexicon (``lexicons/teencode.tsv``) lists token, expansion and context guards; its
header documents the guard syntax. Generic guards applied to every entry:

* the token is whole: not glued to digits, ``@``, ``/``, ``:``, ``-`` or a dotted
  abbreviation (``v.v``, ``TP.HCM``) and not inside a URL or e-mail;
* ALL-CAPS tokens of two letters or more are acronyms (``DC``, ``AD``) and kept;
* a capitalised token gives a capitalised expansion (``Ko`` → ``Không``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from kiemchung.errors import ValidationError
from kiemchung.text._batch import as_batch
from kiemchung.text.normalize import normalize_one

LEXICON_VERSION = "teencode.v1"

_TOKEN = re.compile(r"[^\W_]+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_GLUE_BEFORE = frozenset("@/:.-&=?#%+_")
_GLUE_AFTER = frozenset("@/:-&=_")
_END = re.compile(
    r"\s*(?:$|[.!?,;:…)\]\"'~>]|(?:à|ạ|hả|ha|ta|trời|nhỉ|nhé|nha|hở|đó|đâu|chứ|thế|vậy)(?!\w))",
    re.IGNORECASE,
)
_MONEY_WORDS = frozenset(str.split(
    "tiền k tr triệu nghìn ngàn đồng đ vnd vnđ stk tk tài khoản ngân hàng bank banking "
    "chuyển nạp rút momo zalopay vcb vietcombank techcombank mb mbbank bidv agribank "
    "vietinbank acb tpbank vpbank sacombank qr cọc phí thanh toán"
))
_MONEY_TOKEN = re.compile(r"\d+(?:[.,]\d+)*(?:k|tr|đ|d|vnd|vnđ)$|\d{1,3}(?:[.,]\d{3})+$|\d{6,}$",
                          re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Rule:
    expansion: str
    num_before: bool | None = None
    money: bool = False
    end: bool = False
    next_lower: bool = False
    after: frozenset[str] | None = None
    not_after: frozenset[str] = frozenset()
    before: frozenset[str] | None = None
    not_before: frozenset[str] = frozenset()


def _parse_rule(expansion: str, guards: str, line: int) -> _Rule:
    kwargs: dict[str, object] = {}
    for guard in filter(None, (g.strip() for g in guards.split(";"))):
        if guard == "-":
            continue
        name, _, value = guard.partition("=")
        words = frozenset(w.strip().lower() for w in value.split("|") if w.strip())
        if name in ("num_before", "no_num_before"):
            kwargs["num_before"] = name == "num_before"
        elif name in ("money", "end", "next_lower"):
            kwargs[name] = True
        elif name in ("after", "not_after", "before", "not_before") and words:
            kwargs[name] = words
        else:
            raise ValidationError("unknown teencode guard", field="guards", line=line,
                                  expected="num_before, no_num_before, money, end, next_lower, "
                                           "after=, not_after=, before=, not_before=",
                                  received=guard, source="teencode.tsv")
    return _Rule(expansion, **kwargs)  # type: ignore[arg-type]


@cache
def lexicon() -> dict[str, tuple[_Rule, ...]]:
    """The teencode lexicon: lower-cased token → rules in file order."""
    text = resources.files("kiemchung.text").joinpath("lexicons/teencode.tsv").read_text("utf-8")
    table: dict[str, list[_Rule]] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        fields = raw.split("\t")
        if len(fields) != 3:
            raise ValidationError("a lexicon row needs 3 tab-separated fields", line=number,
                                  expected="token, expansion, guards", received=raw,
                                  source="teencode.tsv")
        token = normalize_one(fields[0]).lower()
        table.setdefault(token, []).append(_parse_rule(fields[1], fields[2], number))
    return {token: tuple(rules) for token, rules in table.items()}


@cache
def _candidates() -> re.Pattern[str]:
    words = sorted(lexicon(), key=len, reverse=True)
    return re.compile(r"(?<![^\W_])(?:" + "|".join(map(re.escape, words)) + r")(?![^\W_])",
                      re.IGNORECASE)


def _glued(text: str, start: int, end: int) -> bool:
    if start > 0 and text[start - 1] in _GLUE_BEFORE:
        return True
    if end < len(text):
        nxt = text[end]
        if nxt in _GLUE_AFTER:
            return True
        if nxt == "." and end + 1 < len(text) and text[end + 1].isalnum():
            return True
    return False


def _sentence_initial(text: str, toks: list[re.Match[str]], i: int) -> bool:
    start, end = toks[i].span()
    head = text[:start].rstrip()
    if head and head[-1] not in ".!?…\n":
        return False
    return end < len(text) and text[end] == " " and i + 1 < len(toks) \
        and toks[i + 1].group()[0].islower()


def _holds(rule: _Rule, text: str, toks: list[re.Match[str]], i: int) -> bool:
    prev = toks[i - 1].group().lower() if i > 0 else ""
    nxt = toks[i + 1].group().lower() if i + 1 < len(toks) else ""
    if rule.num_before is not None and bool(_NUMBER.fullmatch(prev)) != rule.num_before:
        return False
    if rule.after is not None and prev not in rule.after:
        return False
    if prev in rule.not_after:
        return False
    if rule.before is not None and nxt not in rule.before:
        return False
    if nxt in rule.not_before:
        return False
    if rule.end and not _END.match(text, toks[i].end()):
        return False
    if rule.next_lower and not (nxt and toks[i + 1].group()[0].islower()):
        return False
    if rule.money:
        window = toks[max(0, i - 6) : i + 7]
        return any(
            j is not toks[i] and (j.group().lower() in _MONEY_WORDS
                                  or bool(_MONEY_TOKEN.match(j.group())))
            for j in window
        )
    return True


def _expand(text: str, toks: list[re.Match[str]], i: int) -> str | None:
    word = toks[i].group()
    if len(word) >= 2 and word.isupper():
        return None
    if len(word) == 1 and word.isupper() and not _sentence_initial(text, toks, i):
        return None  # "Bệnh viện K", "ông T.", "J Travel": names and initials
    if _glued(text, toks[i].start(), toks[i].end()):
        return None
    for rule in lexicon().get(word.lower(), ()):
        if _holds(rule, text, toks, i):
            exp = rule.expansion
            if word[0].isupper() and not exp[0].isupper():
                exp = exp[0].upper() + exp[1:]
            return exp
    return None


def expand_one(text: str) -> tuple[str, int]:
    """Expand one normalised text; returns (text, number of rewritten tokens)."""
    if not _candidates().search(text):
        return text, 0
    toks = list(_TOKEN.finditer(text))
    parts: list[str] = []
    last = 0
    count = 0
    for i, tok in enumerate(toks):
        if tok.group().lower() not in lexicon():
            continue
        exp = _expand(text, toks, i)
        if exp is None:
            continue
        parts.append(text[last : tok.start()])
        parts.append(exp)
        last = tok.end()
        count += 1
    parts.append(text[last:])
    return "".join(parts), count


def expand_teencode(texts: Sequence[str]) -> list[str]:
    """Rewrite chat abbreviations and teencode (``ko`` → ``không``, ``dc`` → ``được``).

    Texts are normalised first (NFC, tone placement). Real Vietnamese syllables in the
    lexicon (``bít``, ``hông``…) are only rewritten in a context that calls for it.
    """
    return [expand_one(normalize_one(t))[0] for t in as_batch(texts)]
