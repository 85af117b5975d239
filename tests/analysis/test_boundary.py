"""The product boundary: criticism of officials or policies is an opinion, never a claim."""

from __future__ import annotations

from kiemchung.analysis import analyse, compute_risk, get_analyser
from kiemchung.text import fold


def test_criticism_is_never_a_claim(criticism: list[str]) -> None:
    assert len(criticism) == 50
    preds = get_analyser("claim").predict(criticism)
    claims = [t for t, p in zip(criticism, preds, strict=True) if p.label == "claim"]
    assert claims == []


def test_criticism_without_diacritics_is_never_a_claim(criticism: list[str]) -> None:
    preds = get_analyser("claim").predict(fold(criticism))
    assert all(p.label != "claim" for p in preds)


def test_criticism_has_no_risk(criticism: list[str]) -> None:
    found = analyse(criticism)
    risks = compute_risk(found)
    assert max(risks) < 0.5


def test_criticism_mixed_with_a_fact_is_still_opinion() -> None:
    texts = [
        "Bộ trưởng đã ký quyết định tăng phí, thật vô lý và bất công với dân nghèo.",
        "Chính quyền thành phố để ngập 3 ngày liền, quá vô trách nhiệm.",
        "Giá điện tăng 5% từ tháng 5, chính sách này không hợp lý chút nào.",
    ]
    preds = get_analyser("claim").predict(texts)
    assert [p.label for p in preds] == ["opinion"] * 3
    assert all(p.scores["claim"] == 0.0 for p in preds)


def test_factual_claims_are_claims() -> None:
    texts = [
        "Từ ngày 1/7, mức lương cơ sở tăng lên 2,34 triệu đồng mỗi tháng.",
        "Uống nước chanh nóng mỗi sáng giúp tiêu diệt tế bào ung thư.",
        "Đêm qua xảy ra động đất 4,5 độ richter ở Kon Tum.",
    ]
    assert [p.label for p in get_analyser("claim").predict(texts)] == ["claim"] * 3


def test_toxicity_rate_on_criticism_is_low(criticism: list[str]) -> None:
    preds = get_analyser("toxicity").predict(criticism)
    flagged = sum(p.label != "CLEAN" for p in preds)
    # Reported in docs/models/toxicity.md; plain criticism must rarely look toxic.
    assert flagged / len(criticism) <= 0.2


def test_normative_policy_statements_are_opinion() -> None:
    # Regression: these were labelled ``claim`` by claim.v1 before the 2026-11-23 retrain.
    texts = [
        "Cơ chế điều hành giá xăng dầu cần minh bạch hơn, người dân không hiểu vì sao tăng giảm.",
        "Sáp nhập tỉnh xong dân đi làm giấy tờ xa gấp 3, chính sách chưa tính đến người dân "
        "vùng sâu.",
    ]
    preds = get_analyser("claim").predict([*texts, *fold(texts)])
    assert [p.label for p in preds] == ["opinion"] * 4
    assert all(p.scores["claim"] == 0.0 for p in preds)
