"""claim.v3: blame, slang, sarcasm and rhetorical criticism of authorities is an opinion.

The sentences were written for this test (they are not in the training data). The
criticism ones must fire the boundary rule (so ``claim`` gets probability 0); the factual
ones contain the words that used to fire it by accident (a street named "Võ Văn Kiệt",
"bản giấy", "đại biểu tán thành", "dùng hoá đơn", "bàn ghế", "quá tải", "do lỗi") and
must not.
"""

from __future__ import annotations

import pytest

from kiemchung.analysis import get_analyser, rules_claim
from kiemchung.analysis._prep import prepare
from kiemchung.text import fold

CRITICISM = [
    "Mấy ông ở huyện chỉ giỏi đẻ ra quy định mới để thu tiền.",
    "Phí gửi xe bệnh viện đắt cắt cổ, bệnh nhân bị móc túi.",
    "thue tang hoai, dan lay gi ma song",
    "Trạm BOT này đúng là ăn hại.",
    "ubnd xa hua mai ma van chua lam",
    "Giỏi thật, tăng giá điện đúng mùa nắng nóng.",
    "Quy định gì mà kiểu gì cũng phạt dân.",
    "Thu phí thì nhanh, làm đường thì chậm.",
    "CSGT toàn làm màu.",
    "Đền bù rẻ như cho, dân chịu thiệt.",
    "Cán bộ phường nhũng nhiễu, hạch sách dân.",
    "bo gd thi diem roi bo, hs lam chuot bach",
]

CLAIMS = [
    "Cảnh sát giao thông bắt 5 xe đua trên đường Võ Văn Kiệt đêm qua.",
    "Từ 1/7 người dân nộp hồ sơ trực tuyến, không cần nộp bản giấy.",
    "Quốc hội thông qua luật với 450 đại biểu tán thành.",
    "Chính phủ yêu cầu doanh nghiệp dùng hóa đơn điện tử từ năm 2025.",
    "Bộ Y tế cho biết bệnh viện tuyến trên giảm quá tải 20%.",
    "Phường Hàng Bạc thu giữ 120 bộ bàn ghế lấn chiếm vỉa hè.",
    "Trạm thu phí tạm dừng thu phí 2 ngày do lỗi hệ thống.",
    "Ngân hàng Nhà nước cho biết dự trữ ngoại tệ tăng 5 tỷ USD.",
]


def _boundary(texts: list[str]) -> list[bool]:
    col = rules_claim.RULES.codes.index(rules_claim.CRITICISM_CODE)
    return [bool(v) for v in rules_claim.RULES.apply(prepare(texts))[:, col]]


@pytest.mark.parametrize("folded", [False, True])
def test_new_criticism_phrasings_fire_the_boundary_rule(folded: bool) -> None:
    texts = fold(CRITICISM) if folded else CRITICISM
    assert all(_boundary(texts)), [t for t, f in zip(texts, _boundary(texts), strict=True) if not f]
    preds = get_analyser("claim").predict(texts)
    assert all(p.label == "opinion" and p.scores["claim"] == 0.0 for p in preds)


def test_factual_claims_do_not_fire_the_boundary_rule() -> None:
    assert not any(_boundary(CLAIMS)), [
        t for t, f in zip(CLAIMS, _boundary(CLAIMS), strict=True) if f]


def test_public_servants_are_not_wishes() -> None:
    """"công chức các …" is not "chúc các …" (the wish rule)."""
    rows = rules_claim.RULES.apply(prepare(["Bộ Nội vụ đề xuất giảm 10% công chức các bộ."]))
    assert rows[0, rules_claim.RULES.codes.index("opinion.wish")] == 0
