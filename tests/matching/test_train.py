"""Training helpers: distractors, name swaps, background df, model fitting (tiny data)."""

from __future__ import annotations

import random

import numpy as np

from kiemchung.matching.features import FEATURES, CalibratedModel, load_model
from kiemchung.matching.train import background_df, distractors, fit, swapped


def test_swapped_claims_change_the_name_only() -> None:
    claim = "Danh hài Xuân Hinh đã qua đời tại nhà riêng vì đột quỵ."
    out = swapped(claim, random.Random(1))
    assert out is not None and "Xuân Hinh" not in out and out.endswith("vì đột quỵ.")
    assert swapped("không có tên riêng nào ở đây", random.Random(1)) is None


def test_distractors_are_deterministic_and_non_empty() -> None:
    pool = ["Giá vàng hôm nay tăng mạnh, người dân xếp hàng mua vàng",
            "Shop giao hàng nhanh. Đóng gói rất cẩn thận và đẹp mắt nha mọi người"]
    a = distractors(pool, 20, seed=3)
    assert [d.claim for d in a] == [d.claim for d in distractors(pool, 20, seed=3)]
    assert all(d.claim.strip() and d.id.startswith("distractor-") for d in a)


def test_background_df_counts_documents_not_tokens() -> None:
    bg = background_df(["không không không", "không có", "có"], min_df=1)
    assert bg["n_docs"] == 3 and bg["df"] == {"khong": 2, "co": 2}


def test_fit_learns_a_usable_model() -> None:
    rng = np.random.default_rng(0)
    x = rng.random((400, len(FEATURES)))
    y = (x[:, FEATURES.index("dcov")] > 0.5).astype(float)
    mean, scale, coef, intercept = fit(x, y)
    model = CalibratedModel(name="t", features=FEATURES, mean=mean, scale=scale, coef=coef,
                            intercept=intercept, match_threshold=0.5, maybe_threshold=0.2)
    assert ((model.predict(x) > 0.5) == (y > 0)).mean() > 0.9
    again = CalibratedModel.from_json(model.to_json())
    assert np.allclose(again.predict(x), model.predict(x))


def test_shipped_model_is_consistent() -> None:
    model = load_model()
    assert model.name == "match.v1" and model.features == FEATURES
    assert 0 < model.maybe_threshold <= model.match_threshold < 1
