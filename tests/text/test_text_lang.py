from __future__ import annotations

import pytest
from text_data import read_lines

from kiemchung.text import fold, is_vietnamese


@pytest.mark.parametrize("text", [
    "Tôi đi học", "toi di hoc", "ko bit j", "Sao vay ban", "con meo an ca",
    "dc ko", "mn oi cho hoi", "Cảm ơn ❤️", "khong biet nua",
    "Nguoi dan can canh giac voi tin nhan gia mao ngan hang",
])
def test_vietnamese(text: str) -> None:
    assert is_vietnamese([text]) == [True]


@pytest.mark.parametrize("text", [
    "hello world how are you", "I do not know", "to be or not to be",
    "Bonjour tout le monde", "Guten Morgen, wie geht es dir?", "你好世界", "", "12345 !!!",
    "Saya tidak tahu apa yang terjadi",
])
def test_not_vietnamese(text: str) -> None:
    assert is_vietnamese([text]) == [False]


def test_files_with_and_without_diacritics() -> None:
    for name in ("vi_nfc.txt", "vi_nfd.txt", "vi_no_diacritics.txt"):
        lines = read_lines(name)
        assert all(is_vietnamese(lines)), name
    assert all(is_vietnamese(fold(read_lines("teencode_keep.txt"))[:9]))
