from __future__ import annotations

import pytest

from kiemchung.errors import DependencyMissingError, ValidationError
from kiemchung.text import ngrams, segment, tokenize


def test_tokenize_lower_and_fold() -> None:
    text = "Hoà Bình: giá 1.500.000 đồng, 1,5 tỷ! 😀"
    assert tokenize([text]) == [["hòa", "bình", "giá", "1.500.000", "đồng", "1,5", "tỷ"]]
    assert tokenize([text], fold=True, lower=False) == [
        ["Hoa", "Binh", "gia", "1.500.000", "dong", "1,5", "ty"]]


def test_tokenize_nfd_equals_nfc() -> None:
    import unicodedata

    text = "Người dân cảnh giác"
    assert tokenize([unicodedata.normalize("NFD", text)]) == tokenize([text])


def test_ngrams() -> None:
    assert ngrams(["a", "b", "c"], 2) == ["a b", "b c"]
    assert ngrams(["a", "b"], 1) == ["a", "b"]
    assert ngrams(["a"], 3) == []
    with pytest.raises(ValidationError):
        ngrams(["a"], 0)
    with pytest.raises(ValidationError):
        ngrams("abc", 2)


def test_segment_joins_words() -> None:
    pytest.importorskip("underthesea")
    assert segment(["Hà Nội là thủ đô của Việt Nam", ""]) == [
        ["Hà_Nội", "là", "thủ_đô", "của", "Việt_Nam"], []]


def test_segment_names_the_extra_when_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def no_vi(name: str, *args: object, **kwargs: object) -> object:
        if name.split(".")[0] in ("underthesea", "pyvi"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_vi)
    with pytest.raises(DependencyMissingError, match=r"kiemchung\[vi\]"):
        segment(["xin chào"])
