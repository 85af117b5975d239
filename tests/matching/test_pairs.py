"""The vectorised stage 2 features equal the reference ``pair_features``, pair by pair."""

from __future__ import annotations

import random
import unicodedata
from pathlib import Path

import numpy as np
import pytest

from kiemchung import records
from kiemchung.matching import Matcher
from kiemchung.matching._pairs import NO_EXTRAS, row_extras
from kiemchung.matching._prep import prepare
from kiemchung.matching.features import FEATURES, PairView, pair_features
from kiemchung.matching.lexical import terms_of
from kiemchung.matching.variants import KINDS, retype

EXTRA_CLAIMS = [
    records.FactCheck(id="x-num", claim="Ngân hàng Nhà nước phát hành tờ 1.000.000 đồng từ "
                      "1/1/2025, đổi tại vietcombank-doitien.top"),
    records.FactCheck(id="x-dom", claim="Trang evn-hoantien.top hoàn 500.000 đồng tiền điện"),
    records.FactCheck(id="x-short", claim="Tin giả"),
    records.FactCheck(id="x-name", claim="Ca sĩ Mỹ Tâm bị bắt ở TP Hồ Chí Minh"),
    records.FactCheck(id="x-nfd", claim=unicodedata.normalize(
        "NFD", "Ông Nguyễn Văn A nhận 2 tỷ đồng qua Zalo")),
]

QUERIES = [
    "Ca sĩ Hồng Nhung đã qua đời ở Hà Nội",
    "ca si my tam bi bat o tp ho chi minh",
    "Mỹ Tâm và Đàm Vĩnh Hưng bị bắt",
    "vào vietcombank-doitien.top đổi tờ 1.000.000 đồng ngay",
    "evn-hoantien.com hoàn tiền điện 500.000",
    "tin gia",
    "Hôm nay trời đẹp quá, đi cafe thôi",
    "CHIA SẺ GẤP!!! đập thủy điện Bản Vẽ vỡ rồi",
    "😂😂😂",
    "số 123 456 789",
]


def reference(matcher: Matcher, text: str) -> tuple[list[int], np.ndarray]:
    """The features as they were computed before vectorising: pair by pair."""
    query = PairView(prepare(text, query=True))
    ((rows, scores),) = matcher.index_.search([terms_of(query.prep.tokens)],
                                              k=matcher.candidates)
    selfs = matcher.index_.self_scores(rows)
    feats = [pair_features(query, PairView(prepare(matcher.items_[int(r)].claim, query=False)),
                           bm25_doc=float(s / max(m, 1e-9)))
             for r, s, m in zip(rows, scores, selfs, strict=True)]
    matrix = np.asarray([[f[name] for name in FEATURES] for f in feats]).reshape(-1,
                                                                                len(FEATURES))
    dcov = matrix[:, FEATURES.index("dcov")]
    margin = FEATURES.index("margin")
    if dcov.size > 1:
        top2 = np.sort(dcov)[-2:]
        matrix[:, margin] = dcov - np.where(dcov >= top2[1], top2[0], top2[1])
    elif dcov.size:
        matrix[:, margin] = dcov
    return [int(r) for r in rows], matrix


def queries(seed: list[records.FactCheck]) -> list[str]:
    rng = random.Random(5)
    texts = list(QUERIES)
    for fc in rng.sample(seed, 40):
        texts.append(retype(fc.claim, rng.choice(KINDS), rng))
        texts.append(fc.claim)
    return texts


def assert_same_features(matcher: Matcher, texts: list[str]) -> None:
    for text in texts:
        rows, got = matcher.feature_rows(text)
        ref_rows, want = reference(matcher, text)
        assert rows == ref_rows
        assert got.shape == want.shape
        for j, name in enumerate(FEATURES):
            assert got[:, j] == pytest.approx(want[:, j], rel=1e-9, abs=1e-12), (text, name)


@pytest.fixture(scope="module")
def library(seed: list[records.FactCheck]) -> list[records.FactCheck]:
    return [*seed, *EXTRA_CLAIMS]


def test_vectorised_features_equal_the_reference(library: list[records.FactCheck],
                                                  seed: list[records.FactCheck]) -> None:
    assert_same_features(Matcher.build(library), queries(seed))


def test_features_stay_right_after_add_remove_and_reload(
        library: list[records.FactCheck], seed: list[records.FactCheck], tmp_path: Path) -> None:
    matcher = Matcher.build(library[:100])
    matcher.add(library[100:])
    matcher.remove([library[3].id, library[50].id, "x-dom"])
    matcher.add([records.FactCheck(id="x-dom", claim="Trang evn-hoantien.top lừa đảo")])
    texts = queries(seed)[:40] + QUERIES
    assert_same_features(matcher, texts)
    loaded = Matcher.load(matcher.save(tmp_path / "index"))
    assert_same_features(loaded, texts)
    assert loaded.pairs_.extras == matcher.pairs_.extras


@pytest.mark.parametrize("claim", [c.claim for c in EXTRA_CLAIMS] + [
    "không có gì", "Hà Nội", "Sơn Tùng M-TP ra mắt MV mới tại TP.HCM ngày 12/3",
    "Ba người ở Đà Nẵng. Hôm nay Bộ Y tế nói"])
def test_row_extras_equal_prepare(claim: str) -> None:
    prep = prepare(claim, query=False)
    extras = row_extras(claim)
    assert extras.numbers == prep.numbers
    assert extras.domains == prep.domains
    assert extras.names == prep.names
    if not (prep.numbers or prep.domains or prep.names):
        assert extras is NO_EXTRAS


def test_one_query_and_a_batch_find_the_same_candidates(library: list[records.FactCheck],
                                                        seed: list[records.FactCheck]) -> None:
    matcher = Matcher.build(library)
    terms = [terms_of(prepare(t, query=True).tokens) for t in queries(seed)]
    batched = matcher.index_.search(terms, k=30)
    for one, (rows, scores) in zip(terms, batched, strict=True):
        ((rows1, scores1),) = matcher.index_.search([one], k=30)
        assert scores1 == pytest.approx(scores, rel=1e-5)
        # equal scores may come in either order; the sets of rows agree
        assert set(rows1.tolist()) == set(rows.tolist()) or scores.size > 29
