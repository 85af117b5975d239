"""ClaimReview, JSON-LD escaping, Atom feed, exports and the matcher hand-off."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from typing import Any

import feedparser
import pytest

from kiemchung import records
from kiemchung.publish import (
    add_to_matcher,
    atom_feed,
    claim_review,
    json_ld,
    to_csv,
    to_jsonl,
    validate_claim_review,
    verdict_label,
)
from kiemchung.records import VERDICTS
from kiemchung.settings import Settings
from kiemchung.storage import models as m

SETTINGS = Settings().replace(public_base_url="https://kc.example.vn", publisher_name="Báo X")


def _fc(verdict: str = "false", claim: str = "Uống nước chanh chữa ung thư") -> m.FactCheck:
    return m.FactCheck(id="kc-7", claim=claim, verdict=verdict_label(verdict), verdict_norm=verdict,
                       summary="Không có bằng chứng.", url="https://kc.example.vn/factchecks/kc-7",
                       publisher="Báo X", published_at=datetime(2026, 11, 20, 9, tzinfo=UTC),
                       updated_at=datetime(2026, 11, 20, 9, tzinfo=UTC), language="vi",
                       origin="published", extra={}, tags=[])


@pytest.mark.parametrize("verdict", [v for v in VERDICTS if v != "opinion"])
def test_claim_review_is_valid_for_every_verdict(verdict: str) -> None:
    data = claim_review(_fc(verdict), settings=SETTINGS)
    assert validate_claim_review(data) == []
    assert data["reviewRating"]["alternateName"] == verdict_label(verdict, "vi")
    assert data["datePublished"] == "2026-11-20" and data["inLanguage"] == "vi"


@pytest.mark.parametrize(("mutate", "problem"), [
    (lambda d: d.pop("claimReviewed"), "claimReviewed"),
    (lambda d: d.update(url="/relative"), "url"),
    (lambda d: d.update({"@type": "Review"}), "@type"),
    (lambda d: d.update(author={"@type": "Organization", "name": ""}), "author"),
    (lambda d: d["reviewRating"].update(ratingValue=9), "between"),
    (lambda d: d["reviewRating"].update(ratingValue="1"), "numbers"),
    (lambda d: d["reviewRating"].pop("alternateName"), "alternateName"),
    (lambda d: d.update(datePublished="hôm qua"), "datePublished"),
    (lambda d: d.update(itemReviewed={"@type": "Thing"}), "itemReviewed"),
])
def test_validator_catches_missing_or_wrong_properties(mutate: Any, problem: str) -> None:
    data = claim_review(_fc(), settings=SETTINGS)
    mutate(data)
    problems = validate_claim_review(data)
    assert problems and any(problem in p for p in problems)


def test_json_ld_cannot_close_its_script_block() -> None:
    text = json_ld(claim_review(_fc(claim="</script><script>alert(1)</script> & <!--"),
                                settings=SETTINGS))
    assert "</" not in text and "<!--" not in text
    assert json.loads(text)["claimReviewed"] == "</script><script>alert(1)</script> & <!--"


def test_atom_feed_parses_and_strips_control_characters() -> None:
    xml = atom_feed([_fc(claim="Tin \x00giả\x1f về lũ"), _fc("scam")], settings=SETTINGS)
    feed = feedparser.parse(xml)
    assert not feed.bozo
    assert feed.feed.title == "Kiểm chứng — Báo X"
    assert feed.entries[0].title == "[Sai sự thật] Tin giả về lũ"
    assert atom_feed([], settings=SETTINGS).count("<entry>") == 0


def test_csv_neutralises_spreadsheet_formulas_and_jsonl_round_trips() -> None:
    rows = [_fc(claim="=HYPERLINK(\"http://evil\")"), _fc(claim="Hoà bình (NFD: Hoa\u0300)")]
    table = list(csv.DictReader(io.StringIO(to_csv(rows))))
    assert table[0]["claim"].startswith("'=")
    assert table[1]["claim"] == "Hoà bình (NFD: Hoa\u0300)"
    lines = [json.loads(line) for line in to_jsonl(rows).splitlines()]
    assert lines[1]["claim"] == "Hoà bình (NFD: Hoa\u0300)"
    assert lines[0]["published_at"] == "2026-11-20T09:00:00+00:00"


def test_add_to_matcher_hands_records_over() -> None:
    seen: list[records.FactCheck] = []

    class Matcher:
        def add(self, factchecks: Any) -> None:
            seen.extend(factchecks)

    assert add_to_matcher(Matcher(), [_fc()]) is True
    assert isinstance(seen[0], records.FactCheck) and seen[0].verdict_norm == "false"
    assert add_to_matcher(None, [_fc()]) is False
    assert add_to_matcher(Matcher(), []) is False
