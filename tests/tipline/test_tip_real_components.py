"""The checker with the real components: matcher over the shipped seed fact-checks,
text extraction (look-alike domains) and redaction."""

from __future__ import annotations

import pytest

from kiemchung.matching.library import seed_library
from kiemchung.settings import Settings
from kiemchung.storage import Store
from kiemchung.storage import models as m
from kiemchung.text import fold
from kiemchung.tipline import check_texts, submit_tip
from kiemchung.tipline.answer import default_matcher


@pytest.fixture(scope="module")
def library() -> list:
    return seed_library()


@pytest.fixture
def seeded_store(sqlite_store: Store, library: list) -> Store:
    with sqlite_store.session() as session:
        session.add_all(m.FactCheck(id=fc.id, claim=fc.claim, verdict=fc.verdict,
                                    verdict_norm=fc.verdict_norm, summary=fc.summary,
                                    url=fc.url, publisher=fc.publisher) for fc in library)
    return sqlite_store


def test_retyped_seed_claims_are_answered(seeded_store: Store, settings: Settings,
                                          library: list) -> None:
    scam = next(fc for fc in library if fc.verdict_norm == "scam")
    other = library[0]
    texts = [fold([other.claim])[0].lower(), scam.claim, "Cuối tuần này đi Đà Lạt không?"]
    matcher = default_matcher(seeded_store)
    first, second, chatter = check_texts(seeded_store, texts, settings=settings,
                                         matcher=matcher, analyser=None)
    assert first.decision == "match" and first.matches[0].id == other.id
    assert first.matches[0].summary == other.summary and first.matches[0].url == other.url
    assert second.decision == "match" and second.matches[0].id == scam.id
    assert second.risk == "high"
    assert chatter.decision == "none" and chatter.matches == []


def test_lookalike_domain_is_a_signal(seeded_store: Store, settings: Settings) -> None:
    [answer] = check_texts(seeded_store, ["Nhận tiền hoàn tại evn-hoantien.top ngay"],
                           settings=settings, matcher=default_matcher(seeded_store),
                           analyser=None)
    [signal] = [s for s in answer.signals if s.code == "lookalike_domain"]
    assert "evn-hoantien.top" in signal.message and "evn.com.vn" in signal.message
    assert answer.risk == "high" and "check_domain" in answer.advice


def test_scammer_number_kept_tipster_number_masked(seeded_store: Store,
                                                   settings: Settings) -> None:
    text = ("Số của tôi 0912345678. Có người gọi từ số 0987654321 tự xưng công an bắt chuyển "
            "tiền vào STK 1903 4567 8901 Techcombank")
    receipt = submit_tip(seeded_store, text, channel="web", settings=settings,
                         matcher=default_matcher(seeded_store), analyser=None)
    with seeded_store.session() as session:
        tip = session.get(m.Tip, receipt.tip_id)
        assert tip is not None
    assert "0912345678" not in tip.text_redacted
    kept = {(i["kind"], i["value"]) for i in tip.indicators}
    assert ("phone", "0987654321") in kept
    assert any(kind == "bank_account" for kind, _ in kept)
