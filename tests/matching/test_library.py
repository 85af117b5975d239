"""Library files: ClaimReview JSON-LD, JSONL and CSV in and out; errors with line numbers."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from kiemchung import records
from kiemchung.errors import ValidationError
from kiemchung.matching.library import (
    from_claimreview,
    normalize_verdict,
    parse_text,
    read_library,
    stable_id,
    to_claimreview,
    write_library,
)

REVIEW = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "https://example.vn/kiem-chung/1",
    "claimReviewed": "Uống nước chanh nóng chữa khỏi COVID-19",
    "datePublished": "2021-03-04",
    "author": {"@type": "Organization", "name": "Báo Ví Dụ"},
    "reviewRating": {"@type": "Rating", "alternateName": "Sai sự thật"},
    "itemReviewed": {"@type": "Claim", "appearance": {"url": "https://facebook.com/p/1"}},
}


def test_claimreview_fields_are_mapped() -> None:
    fc = from_claimreview(REVIEW)
    assert fc.claim == REVIEW["claimReviewed"]
    assert fc.verdict == "Sai sự thật" and fc.verdict_norm == "false"
    assert fc.url == REVIEW["url"] and fc.publisher == "Báo Ví Dụ"
    assert fc.published_at is not None and fc.published_at.year == 2021
    assert fc.extra["item_reviewed"]["@type"] == "Claim"
    assert fc.id == stable_id(url=REVIEW["url"], claim=fc.claim)


@pytest.mark.parametrize("shape", ["object", "list", "graph"])
def test_claimreview_shapes(tmp_path: Path, shape: str) -> None:
    other = {**REVIEW, "url": "https://example.vn/2", "claimReviewed": "Tin đồn khác"}
    data: object = {"object": REVIEW, "list": [REVIEW, other],
                    "graph": {"@context": "https://schema.org", "@graph": [REVIEW, other]}}[shape]
    path = tmp_path / "lib.jsonld"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = read_library(path)
    assert not result.errors
    assert len(result.items) == (1 if shape == "object" else 2)


def test_jsonl_bad_rows_are_reported_with_line_numbers_and_good_rows_kept() -> None:
    text = "\n".join([
        json.dumps({"id": "a", "claim": "Tin đồn A", "verdict": "Tin giả"}),
        "{not json",
        json.dumps({"id": "b"}),
        json.dumps({"claim": "Không có id", "url": "https://x.vn/1"}),
        json.dumps({"id": "c", "claim": "Ngày sai", "published_at": "hôm qua"}),
    ])
    result = parse_text(text, fmt="jsonl", source="lib.jsonl")
    assert [fc.id for fc in result.items] == ["a", stable_id(url="https://x.vn/1", claim="")]
    assert [e.line for e in result.errors] == [2, 3, 5]
    assert result.read == 5
    assert "lib.jsonl:3" in str(result.errors[1]) and "claim" in str(result.errors[1])


def test_csv_reading_with_tags_and_errors() -> None:
    text = "id,claim,verdict,tags\nx1,Tin đồn một,Lừa đảo,\"scam,bank\"\nx2,,Tin giả,\n"
    result = parse_text(text, fmt="csv")
    assert [fc.id for fc in result.items] == ["x1"]
    assert result.items[0].tags == ["scam", "bank"] and result.items[0].verdict_norm == "scam"
    assert result.errors[0].line == 3
    assert parse_text("id,text\n1,x\n", fmt="csv").errors


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "claimreview"])
def test_write_then_read_keeps_ids_claims_and_verdicts(fmt: str,
                                                       seed: list[records.FactCheck]) -> None:
    buffer = io.StringIO()
    assert write_library(seed[:10], buffer, fmt=fmt) == 10
    back = parse_text(buffer.getvalue(), fmt=fmt)
    assert not back.errors
    assert [(f.id, f.claim, f.verdict, f.url) for f in back.items] == [
        (f.id, f.claim, f.verdict, f.url) for f in seed[:10]]


def test_claimreview_output_is_schema_org(seed: list[records.FactCheck]) -> None:
    obj = to_claimreview(seed[0])
    assert obj["@type"] == "ClaimReview" and obj["identifier"] == seed[0].id
    assert obj["reviewRating"]["alternateName"] == seed[0].verdict


def test_stable_ids_ignore_case_and_accents_when_no_url() -> None:
    assert stable_id(url=None, claim="Tin Đồn  X") == stable_id(url=None, claim="tin don x")
    assert stable_id(url="https://a.vn/1", claim="x") != stable_id(url="https://a.vn/2", claim="x")


@pytest.mark.parametrize(("verdict", "norm"), [
    ("Tin giả", "false"), ("SAI SỰ THẬT", "false"), ("Lừa đảo", "scam"),
    ("Gây hiểu lầm", "misleading"), ("Thiếu bối cảnh", "missing_context"),
    ("Misleading", "misleading"), ("", None), ("Khác", None),
])
def test_verdict_normalisation(verdict: str, norm: str | None) -> None:
    assert normalize_verdict(verdict) == norm


def test_unknown_format_and_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(ValidationError):
        parse_text("", fmt="xml")
    with pytest.raises(ValidationError):
        read_library(tmp_path / "nope.jsonl")
