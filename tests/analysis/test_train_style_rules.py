"""Shape cues of the clickbait and spam rule sets (v2)."""

from __future__ import annotations

import numpy as np

from kiemchung.analysis._prep import prepare
from kiemchung.analysis.rules_style import CLICKBAIT, SPAM


def _fired(rules: object, text: str) -> set[str]:
    hits = rules.apply(prepare([text]))[0]  # type: ignore[attr-defined]
    return {code for code, h in zip(rules.codes, hits, strict=True) if h > 0}  # type: ignore[attr-defined]


def test_clickbait_shape_cues() -> None:
    fired = _fired(CLICKBAIT, "5 điều bạn chưa biết về sầu riêng: ăn nhiều có tốt nhất?...")
    assert {"clickbait.question", "clickbait.ellipsis", "clickbait.colon",
            "clickbait.number_start", "clickbait.second_person",
            "clickbait.superlative"} <= fired
    assert "clickbait.question" not in _fired(CLICKBAIT, "Giá xăng giảm 500 đồng từ chiều nay")


def test_spam_shape_cues() -> None:
    assert "spam.short" in _fired(SPAM, "ok")
    assert "spam.no_letters" in _fired(SPAM, "!!!!! 12345")
    assert "spam.repeat" in _fired(SPAM, "tốt tốt tốt tốt tốt tốt tốt")
    assert "spam.no_diacritics" in _fired(SPAM, "san pham dung mo ta giao hang nhanh")
    assert "spam.odd_words" in _fired(SPAM, "jdjd wxyz fjfj qwrt zzzx")
    genuine = _fired(SPAM, "Áo đẹp, vải dày dặn, giao hàng nhanh, đóng gói cẩn thận.")
    assert not genuine & {"spam.short", "spam.no_letters", "spam.repeat", "spam.odd_words"}


def test_rules_agree_for_nfc_nfd_input() -> None:
    import unicodedata
    text = "Sự thật gây sốc: bạn đã biết điều này?"
    a = CLICKBAIT.apply(prepare([unicodedata.normalize("NFC", text)]))
    b = CLICKBAIT.apply(prepare([unicodedata.normalize("NFD", text)]))
    assert np.array_equal(a, b)
