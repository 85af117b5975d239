"""The warning / reported-speech signal of scam.v3: warnings and reports about a scam score
lower than the scam itself, and a scam dressed up as a warning stays a scam.

The sentences here were written for these tests (not taken from the training data).
"""

from __future__ import annotations

import pytest

from kiemchung.analysis import get_analyser, rules_scam
from kiemchung.analysis._prep import prepare
from kiemchung.analysis._rules import RuleSet


def strength(rules: RuleSet, text: str, code: str) -> float:
    row = rules.apply(prepare([text]))[0]
    return float(row[rules.codes.index(code)])


SCAM = ("Tài khoản của bạn sẽ bị khoá trong 2 giờ, truy cập ngay acb-mokhoa.top và nhập "
        "mã OTP để mở khoá")
# The same scam, warned about or reported (quoted, described, asked about).
WARNINGS = [
    "Cảnh báo: kẻ gian gửi tin 'Tài khoản của bạn sẽ bị khoá trong 2 giờ, truy cập ngay "
    "acb-mokhoa.top và nhập mã OTP để mở khoá'. Tuyệt đối không bấm vào link, hãy gọi tổng đài "
    "in sau thẻ.",
    "Mọi người ơi tin này có phải lừa đảo không: \"Tài khoản của bạn sẽ bị khoá trong 2 giờ, "
    "truy cập ngay acb-mokhoa.top và nhập mã OTP để mở khoá\"",
    "Ngân hàng khuyến cáo: đối tượng giả mạo nhắn tài khoản sẽ bị khoá trong 2 giờ rồi yêu cầu "
    "vào trang acb-mokhoa.top nhập mã OTP. Khách hàng không cung cấp OTP cho bất kỳ ai.",
]
# Scams that open with a (fake) warning and then make their own ask.
DRESSED_UP = [
    "CẢNH BÁO LỪA ĐẢO: kẻ gian đang giả mạo ngân hàng. Để bảo vệ tài khoản, quý khách vui lòng "
    "xác minh ngay tại acb-baove.top và nhập mã OTP vừa nhận.",
    "Công an khuyến cáo người dân cảnh giác với thủ đoạn rửa tiền. Để được bảo vệ, hãy chuyển "
    "toàn bộ số dư sang tài khoản an toàn số 1029xxxx, tiền sẽ được hoàn sau điều tra.",
    "Mọi người cẩn thận lừa đảo nhé! Ai bị mất tiền thì liên hệ Zalo 0912xxxxxx, bên mình lấy "
    "lại được 90%, chỉ cần tạm ứng 10% phí hồ sơ.",
]


@pytest.mark.parametrize("text", WARNINGS)
def test_warning_fires_the_warning_signal(text: str) -> None:
    assert strength(rules_scam.RULES, text, "legit.warning_speech") > 0.5
    assert strength(rules_scam.RULES, text, "scam.warning_then_ask") == 0.0


@pytest.mark.parametrize("text", DRESSED_UP)
def test_fake_warning_with_its_own_ask_is_caught(text: str) -> None:
    assert strength(rules_scam.RULES, text, "scam.warning_then_ask") == 1.0
    # the warning gives it no legit credit
    assert strength(rules_scam.RULES, text, "legit.warning_speech") == 0.0
    assert strength(rules_scam.RULES, text, "legit.reported") == 0.0


def test_warning_scores_lower_than_the_scam_it_quotes() -> None:
    analyser = get_analyser("scam")
    scam, *warned = analyser.predict([SCAM, *WARNINGS])
    assert scam.label == "scam"
    for prediction in warned:
        assert prediction.scores["scam"] < scam.scores["scam"]
        assert prediction.label == "legit"


def test_quoted_link_in_a_warning_does_not_count() -> None:
    # Quoted inside a warning, the scam's link fires no domain cue; the same link in the
    # scam itself does.
    for code in ("scam.pretext_domain", "scam.odd_tld"):
        assert strength(rules_scam.RULES, SCAM, code) == 1.0
        assert strength(rules_scam.RULES, WARNINGS[1], code) == 0.0
    # … but a fake warning's own link still counts.
    assert strength(rules_scam.RULES, DRESSED_UP[0], "scam.odd_tld") == 1.0


def test_scam_prefixed_with_a_warning_stays_scam() -> None:
    predictions = get_analyser("scam").predict(DRESSED_UP)
    assert [p.label for p in predictions] == ["scam"] * len(DRESSED_UP)


def test_prepending_a_warning_does_not_launder_a_scam() -> None:
    text = ("Mẹ ơi con đổi số rồi, điện thoại cũ hỏng. Mẹ chuyển giúp con 6 triệu vào tài khoản "
            "bạn con 1903xxxx để con đóng học hôm nay nhé, đừng gọi con đang thi.")
    prefixed = "Cảnh giác lừa đảo nha mọi người! " + text
    scam, dressed = get_analyser("scam").predict([text, prefixed])
    assert scam.label == "scam" and dressed.label == "scam"
    assert strength(rules_scam.RULES, prefixed, "scam.warning_then_ask") == 1.0


def test_relief_appeal_into_a_personal_account() -> None:
    fake = ("Bà con vùng lũ đang cần gạo và nước sạch, ai thương xin gửi giúp vào tài khoản "
            "của em 0388xxxx Vietinbank, em mang tận tay.")
    real = ("Mặt trận Tổ quốc phường tiếp nhận ủng hộ đồng bào vùng lũ tại trụ sở và qua tài "
            "khoản của Ban vận động cứu trợ, danh sách công khai hằng tuần.")
    assert strength(rules_scam.RULES, fake, "scam.relief_personal") == 1.0
    assert strength(rules_scam.RULES, real, "scam.relief_personal") == 0.0


def test_nfd_and_unaccented_warnings_agree() -> None:
    import unicodedata

    from kiemchung.text import fold

    text = WARNINGS[0]
    forms = [text, unicodedata.normalize("NFD", text), fold([text])[0]]
    values = {strength(rules_scam.RULES, t, "legit.warning_speech") for t in forms}
    assert len(values) == 1


# -- trend: safety speech and dares dressed as warnings ------------------------------------

DARE = "Thử thách ngậm bột quế rồi nín thở 30 giây, ai làm được thì quay clip tag 3 đứa bạn nhé"
SAFETY = [
    "Bác sĩ cảnh báo: thử thách ngậm bột quế rồi nín thở có thể gây sặc, viêm phổi. Phụ huynh "
    "hãy nói chuyện với con, tuyệt đối không bắt chước.",
    "Tin buồn: một nam sinh phải nhập viện sau khi làm thử thách ngậm bột quế để quay clip, "
    "bệnh viện vừa tiếp nhận cấp cứu.",
]
DARE_AS_WARNING = ("Cảnh báo hơi sặc nha 😆 nhưng thử thách ngậm bột quế nín thở 30 giây vui "
                   "lắm, ae quay lại gửi mình")


def test_trend_safety_speech_is_graded_and_safe() -> None:
    from kiemchung.analysis import rules_trend

    analyser = get_analyser("trend")
    dare, *safe = analyser.predict([DARE, *SAFETY])
    assert dare.label == "dangerous"
    for text, prediction in zip(SAFETY, safe, strict=True):
        assert strength(rules_trend.RULES, text, "safe.safety_speech") >= 2 / 3
        assert strength(rules_trend.RULES, text, "trend.warning_then_dare") == 0.0
        assert prediction.scores["dangerous"] < dare.scores["dangerous"]
        assert prediction.label == "safe"


def test_trend_dare_dressed_as_a_warning_stays_dangerous() -> None:
    from kiemchung.analysis import rules_trend

    assert strength(rules_trend.RULES, DARE_AS_WARNING, "trend.warning_then_dare") == 1.0
    assert strength(rules_trend.RULES, DARE_AS_WARNING, "safe.safety_speech") == 0.0
    assert get_analyser("trend").predict([DARE_AS_WARNING])[0].label == "dangerous"
