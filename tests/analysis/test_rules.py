"""The rule engine: batch results equal text-by-text results, whatever the regex style."""

from __future__ import annotations

import random
import re
import unicodedata

import numpy as np
import pytest

from kiemchung.analysis import TASKS
from kiemchung.analysis._prep import Prepared, prepare
from kiemchung.analysis._rules import (
    Rule,
    RuleSet,
    _alternatives,
    _literal_prefix,
    _trie,
    both,
    fast_regex,
    pattern,
)

WORDS = ("chuyen khoan", "te", "kinh te", "y te", "qua te", "bo y te", "so giao duc", "uong ruou",
         "cho be uong ruou", "500k", "12/3", "tp.ho chi minh", "ho chi minh", "đm", "đéo", "cc",
         "otp", "khong chia se otp", "ma otp", "x2", "x 5", "gop von", "3 lon", "?", "!!", ".apk",
         "$5", "=))", "abc", "nhan qua", "xin xu", "\n", "tao", "mày", "ngu", "người", "Đ", "ĐM")
REGEXES = [
    r"(?<!kinh )(?<!\by )\bte\b|qua te",
    r"\b(?:bo|so) (?:y te|giao duc)|chinh phu",
    r"(?:cho (?:be|tre|con) )?uong (?:ruou|bia)",
    r"\d+ ?k\b|\d{1,2}/\d{1,2}|(?:tp\.? ?)?ho chi minh",
    r"\b(?:đm|đéo|đ[ée]o|cc)\b",
    r"\botp\b.{0,20}|ma (?:otp|xac nhan)",
    r"\bx ?[2-9]\b|gop von .{0,40}(?:nhan|ve)",
    r"\d+ lon|\?|\.apk\b|\$\s?\d|=\)\)",
    r"tao|tao lao|mày|\bngu\b",
    r"^abc|xin xu$",
    r"(\w)\1{2,}",
    r"(?i)ĐM",
    r"nhan (?:qua|tien)(?! gi)",
    r"(?<=\s)abc",
]


def _texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts = [rng.choice(WORDS) for _ in range(rng.randint(0, 6))]
        text = rng.choice([" ", "", ", "]).join(parts)
        if rng.random() < 0.2:
            text = unicodedata.normalize("NFD", text)
        out.append(text)
    return out


def _rule_set(on: str) -> RuleSet:
    rules = [Rule(f"r{i}", "m", pattern(rx, on=on)) for i, rx in enumerate(REGEXES)]
    rules.append(Rule("excl", "m", pattern(r"otp", exclude=r"khong chia se", on=on)))
    rules.append(Rule("both", "m", both(pattern(r"\d+ ?k", on=on), pattern(r"chuyen", on=on))))
    rules.append(Rule("func", "m", lambda item: float(len(item.norm) > 20)))
    return RuleSet(tuple(rules))


@pytest.mark.parametrize("on", ["folded", "norm", "norm_cased"])
def test_batch_equals_text_by_text(on: str) -> None:
    rules = _rule_set(on)
    items = prepare(_texts(400, seed=len(on)))
    want = np.array([[rule.check(item) for rule in rules.rules] for item in items])
    for _ in range(3):  # the engine adapts its plan to hit rates: check it each time
        got = rules.apply(items)
        anchored = [j for j, r in enumerate(rules.rules) if r.code == "r9"]
        keep = [j for j in range(len(rules.rules)) if j not in anchored]
        assert np.array_equal(got[:, keep], want[:, keep])


def test_a_match_never_runs_into_the_next_text() -> None:
    money = RuleSet((Rule("money", "m", pattern(r"\d+\s?(?:k|dong)\b")),))
    items = prepare(["goi 0912345678", "dong ho dep", "500 dong"])
    assert money.apply(items)[:, 0].tolist() == [0.0, 0.0, 1.0]


def test_rewritten_alternatives_match_the_same_texts() -> None:
    texts = [it.folded for it in prepare(_texts(600, seed=9))] + [it.norm for it in prepare(
        _texts(200, seed=10))]
    for rx in [*REGEXES[:9], r"abc|abcd|ab|x(?:y|z)?w", r"\b\.apk|(?:a|b)(?:c|d)"]:
        plain = re.compile(rx)
        alts = _alternatives([rx])
        first = [a for a in alts if _literal_prefix(a)[0]]
        rest = [a for a in alts if not _literal_prefix(a)[0]]
        rewritten = [re.compile(_trie(group)) for group in (first, rest) if group]
        for text in texts:
            want = [m.start() for m in plain.finditer(text)][:1]
            got = sorted(m.start() for r in rewritten for m in [r.search(text)] if m)[:1]
            assert got == want, (rx, text)


def test_shipped_rule_sets_batch_equals_text_by_text() -> None:
    texts = [
        *_texts(200, seed=5),
        "Chúc mừng bạn trúng thưởng iPhone, chuyển phí 200k vào stk 0123456789 để nhận quà",
        "Thử thách nín thở đến ngất, ai dám thử thì quay clip", "Bộ trưởng làm việc quá tệ!!!",
        "Theo Bộ Y tế, từ 1/7 có 12 ca mắc mới tại TP.HCM", "xin xu xin xu", "ĐM thằng ngu"]
    items: list[Prepared] = prepare(texts)
    for spec in TASKS.values():
        got = spec.rules.apply(items)
        want = np.array([[rule.check(item) for rule in spec.rules.rules] for item in items])
        assert np.array_equal(got, want), spec.task


def test_fast_regex_finds_the_same_first_match_start() -> None:
    texts = [it.folded for it in prepare(_texts(500, seed=11))]
    for rx in [*REGEXES, r"abc|abcd|ab|x(?:y|z)?w"]:
        plain, fast = re.compile(rx), fast_regex(rx)
        for text in texts:
            a, b = plain.search(text), fast.search(text)
            assert (a is None) == (b is None), (rx, text)
            assert a is None or b is None or a.start() == b.start(), (rx, text)
