"""The phrase-independent cues of scam / trend / claim (what a text does, not its wording).

The sentences here were written for these tests (not taken from the training data) and use
pretexts and wording the lexicons do not list.
"""

from __future__ import annotations

import pytest

from kiemchung.analysis import get_analyser, rules_claim, rules_scam, rules_trend
from kiemchung.analysis._prep import prepare
from kiemchung.analysis._rules import RuleSet


def fired(rules: RuleSet, text: str) -> set[str]:
    row = rules.apply(prepare([text]))[0]
    return {code for code, value in zip(rules.codes, row, strict=True) if value > 0}


SCAM_CUES = [
    # a new pretext (a lost wallet), a fee, a personal transfer
    ("Mình nhặt được ví của bạn, bạn chuyển 150k phí xe ôm rồi mình mang trả tận nhà nhé",
     "scam.ask_with_pretext"),
    # changed number + "don't call" + money
    ("Mẹ ơi con đổi số rồi, mẹ chuyển con 4 triệu đóng tiền thi nhé, đừng gọi con đang trong phòng",
     "scam.ask_unverifiable"),
    ("Bạn ơi tin nhắn có 6 số vừa gửi vào máy bạn là của mình, bạn gửi lại giúp mình nha",
     "scam.code_forward"),
    ("Quý khách được nhận quà tri ân, truy cập qua-tang-vip.shop để nhận trong hôm nay",
     "scam.pretext_domain"),
    ("Cán bộ thuế phường nhắn: hồ sơ của bà còn thiếu, bà gọi ngay 0912 345 678 gặp chị Hạnh",
     "scam.agency_mobile"),
    ("Xin lỗi em nhắn nhầm số. À mà anh có quan tâm đầu tư vàng không, em lời đều mỗi tuần",
     "scam.cold_pitch"),
    ("Vào 10 triệu hôm nay, cuối tuần về 14 triệu, lãi 40% không lo mất vốn",
     "scam.profit_pitch"),
    ("Việc dễ tại nhà: 60k/video, làm online 2 tiếng mỗi ngày, ib mình nhận việc",
     "scam.easy_money"),
    ("Bạn có cuộc gọi nhỡ từ Viện kiểm sát, bấm phím 1 để nghe lại", "scam.ivr"),
    ("Chị ơi bé nhà chị ngã ở trường đang cấp cứu, chị chuyển ngay 12 triệu cho y tá",
     "scam.ask_emergency"),
]


@pytest.mark.parametrize(("text", "code"), SCAM_CUES)
def test_scam_behaviour_cues(text: str, code: str) -> None:
    assert code in fired(rules_scam.RULES, text)


LEGIT_TRAPS = [
    "Ma OTP cua ban la 551203. Tuyet doi khong chia se ma nay cho bat ky ai.",
    "Tiền điện tháng 11 của khách hàng là 412.000đ, hạn 28/11. Thanh toán qua ứng dụng ngân "
    "hàng hoặc tại điểm thu. Chi tiết tại website chính thức.",
    "Báo Tuổi Trẻ: kẻ gian giả nhân viên ngân hàng yêu cầu đọc mã OTP, một phụ nữ mất 300 triệu.",
    "Shopee: Yêu cầu hoàn tiền đơn 2511ABC đã được chấp nhận, 189.000đ sẽ về ví trong 24h.",
]
BEHAVIOUR = ("scam.no_official_channel", "scam.ask_unverifiable", "scam.code_forward",
             "scam.ask_emergency", "scam.cold_pitch", "scam.easy_money")


@pytest.mark.parametrize("text", LEGIT_TRAPS)
def test_legit_traps_do_not_fire_behaviour_cues(text: str) -> None:
    assert not fired(rules_scam.RULES, text) & set(BEHAVIOUR)


def test_news_about_a_scam_is_reported_not_asked() -> None:
    hit = fired(rules_scam.RULES, "Công an tỉnh triệt phá đường dây lừa đảo mạo danh điện lực, "
                                  "chiếm đoạt 2 tỷ đồng của người dân.")
    assert "legit.reported" in hit
    assert "scam.ask_with_pretext" not in hit


def test_words_inside_other_words_do_not_fire() -> None:
    # "chi can thanh toan" contains "can than", "tieu dung tin chap" contains "dung tin"
    hit = fired(rules_scam.RULES, "Vay tiêu dùng tín chấp, chỉ cần thanh toán phí hồ sơ 300k")
    assert "legit.reported" not in hit


def test_trend_hazard_with_encouragement() -> None:
    hit = fired(rules_trend.RULES, "Đứa nào dám nhảy từ mỏm đá xuống hồ sâu thì tao bao, quay "
                                   "clip lại nha")
    assert "trend.encourage_hazard" in hit


def test_trend_warning_about_the_same_act_is_not_encouragement() -> None:
    hit = fired(rules_trend.RULES, "Cảnh báo: nhảy từ mỏm đá xuống hồ có thể gây chấn thương "
                                   "cột sống, tuyệt đối không bắt chước.")
    assert "trend.encourage_hazard" not in hit
    assert "safe.warning_frame" in hit


def test_trend_dismissing_safety() -> None:
    hit = fired(rules_trend.RULES, "Bé sốt cao cứ đắp lá rồi ngủ, khỏi đi viện cho tốn tiền")
    assert "trend.dismiss_safety" in hit


def test_trend_healthy_challenge() -> None:
    hit = fired(rules_trend.RULES, "Thử thách 21 ngày đọc sách mỗi tối cùng con, ai tham gia "
                                   "không?")
    assert "safe.healthy" in hit
    assert "trend.encourage_hazard" not in hit


def test_claim_report_style_and_evaluative_wording() -> None:
    report = fired(rules_claim.RULES, "Mưa lớn khiến 12 tuyến phố ở Cần Thơ ngập sâu chiều qua.")
    assert "claim.report_style" in report
    opinion = fired(rules_claim.RULES, "Đề án này đúng là đốt tiền, mấy ông làm chính sách nghĩ "
                                       "gì vậy?")
    assert rules_claim.CRITICISM_CODE in opinion


@pytest.mark.parametrize("text", [
    "Quyết định thu phí này được đưa ra vội vàng, không hỏi ý kiến người dân, thật nực cười.",
    "Mấy vị ngồi phòng máy lạnh ra quy định thì sao hiểu được nỗi khổ của dân.",
    "Cách ủy ban xử lý vụ này quá chậm chạp và thiếu minh bạch.",
    "Dự án treo cả chục năm không ai chịu trách nhiệm, tôi hết tin rồi.",
])
def test_harsh_criticism_is_opinion(text: str) -> None:
    pred = get_analyser("claim").predict([text])[0]
    assert pred.label == "opinion"
    assert pred.scores["claim"] == 0.0


@pytest.mark.parametrize(("text", "label"), [
    ("Anh ơi em mượn máy bạn nhắn, điện thoại em hỏng rồi. Anh chuyển em 3 triệu vào tài khoản "
     "bạn em nhé, tối em trả, anh đừng gọi vì em đang họp.", "scam"),
    ("Chúc mừng bạn được chọn nhận quà của nhãn hàng, chỉ cần trả 49k phí vận chuyển tại "
     "nhanqua-tet.shop trong hôm nay.", "scam"),
    ("Nhắc cả nhà: tiền ăn tháng này của bé là 700k, đóng cho cô tại lớp nhé.", "legit"),
    ("[BIDV] TK 1234xxx +2.000.000 VND luc 08:10. SD: 5.300.000 VND. ND: tien nha", "legit"),
])
def test_scam_model_on_new_phrasing(text: str, label: str) -> None:
    assert get_analyser("scam").predict([text])[0].label == label
