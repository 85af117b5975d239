"""Property tests: any text gives a well-formed answer and chat reply; advice is bounded."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kiemchung.records import Signal
from kiemchung.tipline import CheckAnswer, choose_advice, format_reply
from kiemchung.tipline._i18n import ADVICE

TEXTS = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)
DECISIONS = st.sampled_from(["match", "maybe", "none"])
RISKS = st.sampled_from(["high", "medium", "low"])
CODES = st.lists(st.sampled_from(["money_request", "otp_request", "lookalike_domain",
                                  "impersonation_bank", "fake_prize", "urgency"]), max_size=4)


@given(TEXTS, DECISIONS, CODES, RISKS)
@settings(max_examples=200, deadline=None)
def test_advice_is_short_known_and_unique(text: str, decision: str, codes: list[str],
                                          risk: str) -> None:
    signals = [Signal(code, "x") for code in codes]
    advice = choose_advice(text, decision, signals, risk)  # type: ignore[arg-type]
    assert 1 <= len(advice) <= 4
    assert len(set(advice)) == len(advice)
    assert all(code in ADVICE for code in advice)
    assert ("read_factcheck" in advice) == (decision != "none")


@given(DECISIONS, CODES, RISKS, st.sampled_from(["vi", "en"]))
@settings(max_examples=100, deadline=None)
def test_chat_reply_always_names_the_decision(decision: str, codes: list[str], risk: str,
                                             lang: str) -> None:
    answer = CheckAnswer(decision=decision,  # type: ignore[arg-type]
                         signals=[Signal(c, "tín hiệu") for c in codes],
                         advice=choose_advice("", decision, [], risk), risk=risk)  # type: ignore[arg-type]
    reply = format_reply(answer, lang)
    assert reply.strip() and len(reply) < 4000
    header = {"match": ("Tin này đã được kiểm chứng", "This has already been fact-checked"),
              "maybe": ("Có bài kiểm chứng có thể liên quan", "A fact-check may be related"),
              "none": ("Chưa có bài kiểm chứng", "No fact-check matches this yet")}[decision]
    assert reply.startswith(header[0] if lang == "vi" else header[1])
