from __future__ import annotations

import unicodedata

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from text_data import read_lines

from kiemchung.text import fold, normalize
from kiemchung.text.normalize import looks_like_mojibake


@pytest.mark.parametrize(("raw", "expected"), [
    ("Đường phố Hà Nội", "Duong pho Ha Noi"),
    ("ĐẠI HỌC", "DAI HOC"),
    ("Ðà Nẵng", "Da Nang"),  # U+00D0 (Icelandic eth) typed for Đ
    ("người ướt sũng", "nguoi uot sung"),
    ("Café résumé", "Cafe resume"),
    ("1.500.000đ", "1.500.000d"),
    ("❤️ 1️⃣ 👨‍👩‍👧", "❤️ 1️⃣ 👨‍👩‍👧"),
    ("Привет 你好", "Привет 你好"),
    ("", ""),
])
def test_fold_table(raw: str, expected: str) -> None:
    assert fold([raw]) == [expected]


def test_fold_nfc_and_nfd_files_give_the_no_diacritics_file() -> None:
    plain = read_lines("vi_no_diacritics.txt")
    assert fold(read_lines("vi_nfc.txt")) == plain
    assert fold(read_lines("vi_nfd.txt")) == plain
    assert fold(plain) == plain


@settings(max_examples=300)
@given(st.text(max_size=200))
def test_fold_stable_and_form_independent(text: str) -> None:
    once = fold([text])[0]
    assert fold([once]) == [once]
    assert fold([unicodedata.normalize("NFD", text)]) == fold([unicodedata.normalize("NFC", text)])


@settings(max_examples=200)
@given(st.text(max_size=200))
def test_fold_after_normalize_is_stable(text: str) -> None:
    folded = fold(normalize([text]))
    # folding can turn text into something that reads as mojibake ("×¡à" → "×¡a"), which
    # normalize then repairs; everything else is stable
    assume(not looks_like_mojibake(folded[0]))
    assert fold(normalize(folded)) == folded
