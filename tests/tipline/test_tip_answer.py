"""check_texts: decisions, fact-check details, scam signals and advice."""

from __future__ import annotations

import unicodedata

import pytest

from kiemchung.errors import ValidationError
from kiemchung.settings import Settings
from kiemchung.storage import Store
from kiemchung.tipline import check_texts, choose_advice, format_reply


def test_refuses_a_bare_string(library_store: Store, settings: Settings, matcher, analyser) -> None:
    with pytest.raises(ValidationError):
        check_texts(library_store, "EVN hoàn tiền điện", settings=settings, matcher=matcher,
                    analyser=analyser)


def test_confident_match_carries_the_published_fact_check(
    library_store: Store, settings: Settings, matcher, analyser
) -> None:
    [answer] = check_texts(library_store, ["EVN hoàn tiền điện tháng này, bấm link để nhận"],
                           settings=settings, matcher=matcher, analyser=analyser)
    assert answer.decision == "match" and answer.confident
    top = answer.matches[0]
    assert top.id == "fc-tien-dien"
    assert top.verdict_norm == "scam"
    assert top.summary == "EVN không hoàn tiền qua tin nhắn có đường link."
    assert top.url == "https://evn.example.vn/canh-bao-lua-dao"
    assert answer.risk == "high"  # a scam verdict is high risk even without signals
    assert answer.advice[0] == "read_factcheck"
    payload = answer.to_dict("en")
    assert payload["matches"][0]["verdict"] == "scam"
    assert payload["matches"][0]["verdict_label"] == "Scam"
    assert {"id", "score", "verdict", "url"} <= set(payload["matches"][0])


def test_no_match_is_said_honestly_with_generic_advice(
    library_store: Store, settings: Settings, matcher, analyser
) -> None:
    [answer] = check_texts(library_store, ["Trời hôm nay đẹp quá"], settings=settings,
                           matcher=matcher, analyser=analyser)
    assert answer.decision == "none"
    assert answer.matches == []
    assert answer.risk == "low"
    assert "find_source" in answer.advice and "read_factcheck" not in answer.advice
    reply = format_reply(answer, "vi")
    assert "Chưa có bài kiểm chứng" in reply and "chưa có kết luận" in reply


def test_scam_signals_raise_the_risk_and_the_advice(
    library_store: Store, settings: Settings, matcher, analyser
) -> None:
    text = "Con đang cấp cứu, mẹ chuyển khoản gấp 20 triệu và đọc mã OTP cho bác sĩ"
    [answer] = check_texts(library_store, [text], settings=settings, matcher=matcher,
                           analyser=analyser)
    codes = {s.code for s in answer.signals}
    assert {"money_request", "otp_request"} <= codes
    assert answer.risk == "high"
    assert answer.advice[0] == "no_transfer"
    assert "Rất có thể là lừa đảo" in format_reply(answer, "vi")
    assert "Very likely a scam" in format_reply(answer, "en")


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_input_is_normalised_before_matching(library_store: Store, settings: Settings, matcher,
                                             analyser, form: str) -> None:
    text = unicodedata.normalize(form, "Tăng lương cơ sở lên 5 triệu")
    [answer] = check_texts(library_store, [text], settings=settings, matcher=matcher,
                           analyser=analyser)
    assert matcher.seen[-1] == unicodedata.normalize("NFC", "Tăng lương cơ sở lên 5 triệu")
    assert answer.decision == "match"


def test_text_without_diacritics_and_teencode_still_answers(
    library_store: Store, settings: Settings, matcher, analyser
) -> None:
    [answer] = check_texts(library_store, ["ko bit co that k: tang luong len 5 trieu 😱"],
                           settings=settings, matcher=matcher, analyser=analyser)
    assert answer.decision == "match"


def test_threshold_overrides_change_the_decision(
    library_store: Store, settings: Settings, matcher, analyser
) -> None:
    strict = settings.replace(match_threshold=0.95, maybe_threshold=0.4)
    [answer] = check_texts(library_store, ["EVN hoàn tiền điện"], settings=strict,
                           matcher=matcher, analyser=analyser)
    assert answer.decision == "maybe"


def test_advice_for_links_and_authorities() -> None:
    advice = choose_advice("Công an yêu cầu vào http://bocongan-gov.top", "none", [], "low")
    assert advice[:3] == ["police_no_phone", "check_domain", "lookup_blacklist"]
    assert len(advice) <= 4


def test_empty_batch(library_store: Store, settings: Settings, matcher, analyser) -> None:
    assert check_texts(library_store, [], settings=settings, matcher=matcher,
                       analyser=analyser) == []


def test_a_missing_scam_model_is_not_reloaded_on_every_request(
    library_store: Store, settings: Settings, matcher
) -> None:
    from kiemchung.errors import ModelError

    class Broken:
        calls = 0

        def predict(self, texts: list[str]) -> list[object]:
            Broken.calls += 1
            raise ModelError("model file of another version")

    broken = Broken()
    texts = ["Chuyển khoản gấp 5 triệu vào số tài khoản này"]
    for _ in range(3):
        [answer] = check_texts(library_store, texts, settings=settings, matcher=matcher,
                               analyser=broken)  # type: ignore[arg-type]
        assert answer.decision in {"match", "maybe", "none"}  # still answered
    assert Broken.calls == 1
