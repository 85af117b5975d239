"""Vectorised prediction paths give the same results as the plain row-by-row code."""

from __future__ import annotations

import numpy as np

from kiemchung.analysis import TASKS, analyse, get_analyser
from kiemchung.analysis._analyser import LinearAnalyser, _renormalise, _rounded_scores
from kiemchung.analysis._prep import prepare

TEXTS = [
    "Chúc mừng quý khách trúng thưởng xe SH, chuyển phí 500k vào STK để nhận giải gấp",
    "Tối nay cả nhà ăn cơm lúc 7 giờ nhé 🍚", "CU SOC: su that ve mon an ai cung an moi ngay!!!",
    "ko bít j lun á, mai tính tiếp nha", "", "Bộ trưởng làm việc quá tệ, chính sách bất công.",
    "Theo Bộ Y tế, từ ngày 1/7 có 12 ca mắc mới tại Hà Nội", "xin xu xin xu ghé shop mình nha",
    "Thử thách nín thở đến ngất đang hot, ai dám thử thì quay clip tag bạn bè",
    "Học phí tăng 10%, theo Nghị định 97 https://chinhphu.vn/abc", "mày ngu như chó",
]


def test_rounded_scores_equal_round_then_renormalise() -> None:
    rng = np.random.default_rng(0)
    probs = rng.random((3000, 3))
    probs /= probs.sum(axis=1, keepdims=True)
    ties = np.round(rng.random((1000, 3)) * 1e6) / 1e6 + 5e-7
    edge = np.array([[0.0000005, 0.9999995, 0.0], [0.5, 0.5, 0.0], [0.0, 0.0, 0.0],
                     [1e-300, 0.0, 1.0], [0.1234565, 0.2345675, 0.641976], [2.5e-7, 1 - 2.5e-7, 0]])
    for matrix in (probs, ties, edge, rng.random((500, 2)) ** 9):
        for row, got in zip(matrix.tolist(), _rounded_scores(matrix).tolist(), strict=True):
            want = {str(i): round(p, 6) for i, p in enumerate(row)}
            _renormalise(want)
            assert list(want.values()) == got


def test_batch_predictions_equal_row_by_row() -> None:
    items = prepare(TEXTS)
    for task in TASKS:
        analyser = get_analyser(task).load()  # type: ignore[attr-defined]
        assert isinstance(analyser, LinearAnalyser)
        fast = analyser.predict_prepared(items)
        hits = analyser.spec.rules.apply(items)
        from kiemchung.analysis._features import hashed_counts
        probs = analyser.adjust(analyser.model.probabilities(
            hashed_counts(items, analyser.model.features), hits), hits)
        slow = [analyser._prediction(row, hit) for row, hit in zip(probs.tolist(), hits, strict=True)]
        assert fast == slow, task


def test_analyse_equals_each_analyser_alone() -> None:
    together = analyse(TEXTS)
    for task in TASKS:
        alone = get_analyser(task).predict(TEXTS)
        assert together[task] == alone, task
        assert analyse(TEXTS[3:5], tasks=[task])[task] == alone[3:5]
