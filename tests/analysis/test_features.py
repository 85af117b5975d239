"""Hashed features: the numpy path gives exactly what scikit-learn's FeatureHasher gave."""

from __future__ import annotations

import random
import subprocess
import sys
import unicodedata
from dataclasses import replace

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.feature_extraction import FeatureHasher
from sklearn.utils import murmurhash3_32

from kiemchung.analysis._features import (
    _FEW,
    FeatureConfig,
    _hash_windows,
    _term_hashes_few,
    counts_matrix,
    hashed_counts,
    reduce_bits,
    term_hashes,
    terms,
)
from kiemchung.analysis._prep import prepare

TEXTS = [
    "Chúc mừng quý khách trúng thưởng xe SH, chuyển phí 500k vào STK để nhận giải",
    unicodedata.normalize("NFD", "Bộ trưởng làm việc quá tệ, chính sách này thật bất công."),
    "ko bít j lun á, mai tính tiếp nha 😂😂 👉 https://vietcombank-vn.xyz/nhan?id=1",
    "", " ", "a", "đ", "中文 测试 한국어 русский текст", "ЅЕ vietcombank.com.vn",
    "x" * 3000, "SỐC!!! sự thật về món ăn ai cũng ăn mỗi ngày",
    "ǅ ǈ ß ﬁ İ ١٢٣ ３４", "_ _ _ 1 2 3", "a\u0000b \u200b\ufeff",
]


def _sklearn_counts(texts: list[str], config: FeatureConfig) -> sp.csr_matrix:
    hasher = FeatureHasher(n_features=1 << config.bits, input_type="string",
                           alternate_sign=False, dtype=np.float32)
    return sp.csr_matrix(hasher.transform(terms(item, config) for item in prepare(texts)))


def _same(a: sp.csr_matrix, b: sp.csr_matrix) -> bool:
    return (a.shape == b.shape and a.data.dtype == b.data.dtype
            and np.array_equal(a.indptr, b.indptr) and np.array_equal(a.indices, b.indices)
            and np.array_equal(a.data, b.data))


def test_murmur_matches_scikit_learn() -> None:
    rng = random.Random(3)
    alphabet = "abcđăâêôơư xyz😀中\u0301" + "".join(chr(i) for i in range(0x20, 0x7F))
    strings = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 41)))
               for _ in range(3000)] + ["\ud800x", "abcd", "abcde", ""]
    text = "\x00".join(strings)
    lengths = np.array([len(s) for s in strings])
    starts = np.cumsum(lengths + 1) - (lengths + 1)
    got = _hash_windows(text, starts, lengths)
    want = [murmurhash3_32(s.encode("utf-8", "surrogatepass"), seed=0) for s in strings]
    assert got.tolist() == want


@pytest.mark.parametrize("config", [
    FeatureConfig(), FeatureConfig(bits=18),
    FeatureConfig(bits=12, word_ngrams=3, folded_ngrams=1, char_min=1, char_max=3, max_chars=40),
    FeatureConfig(char_min=0, char_max=0),
])
def test_hashed_counts_match_feature_hasher(config: FeatureConfig) -> None:
    assert _same(hashed_counts(prepare(TEXTS), config), _sklearn_counts(TEXTS, config))


@pytest.mark.parametrize("config", [FeatureConfig(), FeatureConfig(
    bits=12, word_ngrams=3, folded_ngrams=1, char_min=1, char_max=3, max_chars=40)])
def test_few_texts_hash_as_a_large_batch(config: FeatureConfig) -> None:
    # Up to _FEW texts are hashed term by term with mmh3, larger batches with numpy:
    # every text must get the same row either way (a batch of 3x14 texts takes the numpy
    # path, each text alone and the first 14 take the mmh3 path).
    texts = TEXTS * 3
    assert len(texts) > _FEW >= len(TEXTS)
    large = hashed_counts(prepare(texts), config)
    assert _same(large, _sklearn_counts(texts, config))
    assert _same(hashed_counts(prepare(TEXTS), config), large[: len(TEXTS)])
    for i, text in enumerate(TEXTS):
        assert _same(hashed_counts(prepare([text]), config), large[i])


def test_lone_surrogate_in_a_small_batch_falls_back() -> None:
    # mmh3 cannot encode a lone surrogate: the byte-level path (surrogatepass) takes over.
    item = prepare(["abc"])[0]
    odd = replace(item, norm="ab\ud800c", folded="ab\ud800c")
    with pytest.raises(UnicodeEncodeError):
        _term_hashes_few([odd], FeatureConfig())
    rows, hashes = term_hashes([odd], FeatureConfig())
    want = sorted(murmurhash3_32(t.encode("utf-8", "surrogatepass"), seed=0)
                  for t in terms(odd, FeatureConfig()))
    assert rows.tolist() == [0] * len(want)
    assert sorted(hashes.tolist()) == want


def test_counts_for_fewer_bits_match() -> None:
    items = prepare(TEXTS)
    rows, hashes = term_hashes(items, FeatureConfig())
    wide = counts_matrix(rows, hashes, len(items), 20)
    for bits in (18, 10, 3):
        want = _sklearn_counts(TEXTS, FeatureConfig(bits=bits))
        assert _same(reduce_bits(wide, bits), want)
        assert _same(counts_matrix(rows, hashes, len(items), bits), want)


def test_empty_batch() -> None:
    assert hashed_counts([], FeatureConfig()).shape == (0, 1 << 20)


def test_prediction_does_not_import_scikit_learn() -> None:
    code = ("import sys; from kiemchung.analysis import analyse; analyse(['chuyển khoản 500k']);"
            "print('sklearn' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
