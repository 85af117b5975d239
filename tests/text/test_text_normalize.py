from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from text_data import hostile_lines, read_lines, read_table

from kiemchung.errors import ValidationError
from kiemchung.text import fold, normalize

VI_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxy" + "AĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY"
TONES = "\u0300\u0301\u0303\u0309\u0323"
vi_text = st.text(alphabet=st.sampled_from([*VI_LETTERS, *TONES, " ", " ", "0", "."]),
                  max_size=60)
any_text = st.text(max_size=200)  # hypothesis' text() never holds lone surrogates


@pytest.mark.parametrize(("raw", "expected"), read_table("tone_placement.tsv"))
def test_tone_placement(raw: str, expected: str) -> None:
    assert normalize([raw]) == [expected]
    assert normalize([unicodedata.normalize("NFD", raw)]) == [expected]


def test_nfd_file_normalises_to_nfc_file() -> None:
    nfc, nfd = read_lines("vi_nfc.txt"), read_lines("vi_nfd.txt")
    assert nfd != nfc
    assert normalize(nfd) == normalize(nfc) == nfc


@pytest.mark.parametrize(("raw", "expected"), [
    ("Viá»‡t Nam", "Việt Nam"),
    ("Ä‘Æ°á»£c", "được"),
    ("NgÆ°á»\x9di dÃ¢n", "Người dân"),  # 0x9d: undefined in cp1252
    ("Viá»\x87t", "Việt"),  # 0x87 read as latin-1 instead of cp1252
    ("Ã\xa0 vậy", "à vậy"),  # the NBSP is a byte of "à", not a space
    ("CafÃ© Ä‘en", "Café đen"),
    ("VIá»†T", "VIỆT"),
])
def test_mojibake_repaired(raw: str, expected: str) -> None:
    assert normalize([raw]) == [expected]


@pytest.mark.parametrize("clean", ["Giá 50€ – rẻ", "Nhãn «mới»", "à» lạ", "São Paulo", "Ã"])
def test_text_that_only_looks_like_mojibake_is_kept(clean: str) -> None:
    assert normalize([clean]) == [clean]


@pytest.mark.parametrize(("raw", "expected"), [
    ("  nhiều   khoảng\ttrắng \n\n dòng ", "nhiều khoảng trắng dòng"),
    ("Vi\u200bệt\u200c Nam\ufeff", "Việt Nam"),
    ("\u202eabc\u202c ngân hàng", "abc ngân hàng"),
    ("𝐕𝐢𝐞𝐭𝐜𝐨𝐦𝐛𝐚𝐧𝐤", "Vietcombank"),
    ("ＶＩＥＴＣＯＭＢＡＮＫ．ＣＯＭ", "VIETCOMBANK.COM"),
    ("a\x00b\x07c", "abc"),
    ("Hoà bình 🕊️ muôn năm", "Hòa bình 🕊️ muôn năm"),
    ("👨\u200d👩\u200d👧 ok", "👨\u200d👩\u200d👧 ok"),
    ("abc\u200ddef", "abcdef"),
])
def test_invisible_and_lookalike_characters(raw: str, expected: str) -> None:
    assert normalize([raw]) == [expected]


def test_emoji_and_case_kept() -> None:
    lines = read_lines("emoji.txt")
    for raw, norm in zip(lines, normalize(lines), strict=True):
        emoji = [c for c in raw if unicodedata.category(c) == "So"]
        assert [c for c in norm if unicodedata.category(c) == "So"] == emoji
    assert normalize(["HOÀ BÌNH"]) == ["HÒA BÌNH"]


def test_refuses_bare_string() -> None:
    with pytest.raises(ValidationError):
        normalize("một chuỗi")  # type: ignore[arg-type]


def test_hostile_lines_do_not_crash() -> None:
    lines = hostile_lines()
    out = normalize(lines)
    assert len(out) == len(lines)
    assert all("\x00" not in s and "\u200b" not in s and "\u202e" not in s for s in out)
    assert normalize(out) == out


@settings(max_examples=300)
@given(any_text)
def test_normalize_idempotent_on_any_unicode(text: str) -> None:
    once = normalize([text])[0]
    assert normalize([once]) == [once]
    assert unicodedata.is_normalized("NFC", once)


@settings(max_examples=300)
@given(vi_text)
def test_normalize_idempotent_on_vietnamese_like_text(text: str) -> None:
    once = normalize([text])[0]
    assert normalize([once]) == [once]
    assert normalize([unicodedata.normalize("NFD", text)]) == [once]


@settings(max_examples=300)
@given(vi_text)
def test_fold_of_normalize_equals_fold(text: str) -> None:
    # tone placement and NFC never change the folded letters
    assert fold(normalize([text])) == [" ".join(fold([text])[0].split())]

