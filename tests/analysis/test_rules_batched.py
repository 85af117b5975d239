"""Batched custom checks (``batched``, ``search_check``) and the batch link finder."""

from __future__ import annotations

import re

import numpy as np

from kiemchung.analysis._domains import find_urls
from kiemchung.analysis._prep import Prepared, prepare
from kiemchung.analysis._rules import (
    Columns,
    Rule,
    RuleSet,
    batched,
    pattern,
    search_check,
)
from kiemchung.analysis.rules_scam import has_link

TEXTS = ["Chuyển khoản gấp 500k", "tối nay ăn cơm", "chuyen tien ngay, dung noi voi ai",
         "gấp", "nói với ai đó", "", "ab cd", "x ab", "ab c voi", "cam on voi"]


def test_batched_check_combines_columns_and_tests_only_masked_items() -> None:
    money, urgent = pattern(r"chuyen (?:khoan|tien)"), pattern(r"\bgap\b|\bngay\b")
    tested: list[str] = []

    def secret(item: Prepared) -> bool:
        tested.append(item.folded)
        return "dung noi" in item.folded

    @batched(money, urgent)
    def pushy(cols: Columns) -> np.ndarray:
        return cols.where(cols[money] & cols[urgent], secret)

    @batched(money, urgent)
    def either(cols: Columns) -> np.ndarray:
        return cols[money] | cols[urgent]

    items = prepare(TEXTS)
    rules = RuleSet((Rule("t.pushy", "x", pushy), Rule("t.either", "x", either)))
    got = rules.apply(items)
    assert got[:, 0].tolist() == [0.0, 0.0, 1.0] + [0.0] * (len(TEXTS) - 3)
    assert got[:, 1].tolist() == [1.0, 0.0, 1.0, 1.0] + [0.0] * (len(TEXTS) - 4)
    assert tested == [items[0].folded, items[2].folded]  # only where both patterns fire
    # Called on one text, a batched check runs as a batch of one.
    assert [pushy(item) for item in items] == got[:, 0].tolist()
    assert [either(item) for item in items] == got[:, 1].tolist()


def test_search_check_equals_regex_search_even_when_anchored() -> None:
    items = prepare(TEXTS)
    for regex in (re.compile(r"^ab"), re.compile(r"\bvoi\b$"), re.compile(r"\b(?:noi|an) (?:voi|com)"),
                  re.compile(r"\s\w+$")):
        check = search_check(regex)
        assert search_check(regex) is check  # one shared object per regex
        want = [1.0 if regex.search(item.folded) else 0.0 for item in items]

        @batched(check)
        def hit(cols: Columns, check: object = check) -> np.ndarray:
            return cols[check]  # type: ignore[index]

        assert RuleSet((Rule("t.hit", "x", hit),)).apply(items)[:, 0].tolist() == want, regex
        assert [check(item) for item in items] == want, regex


def test_has_link_equals_find_urls_on_a_batch() -> None:
    texts = ["xem tại bit.ly/abc", "no link here.", "https://x", "www.", "email a@b.com ok",
             "a.vn\nb", "Truy cập VIETCOMBANK.com.vn ngay", "giá 1.500.000đ", "tri-an.xyz!",
             "(abc.com)", "t.me/abc", "..com", "ok.", "http://localhost/x y.top"]
    items = prepare(texts)
    want = [1.0 if find_urls(item.norm_cased) else 0.0 for item in items]
    assert RuleSet((Rule("t.link", "x", has_link),)).apply(items)[:, 0].tolist() == want
    assert [has_link(item) for item in items] == want
    assert any(want) and not all(want)
