"""Validation rules of single records: counts, times, author hashing, identities."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime

import pytest

from kiemchung.errors import ConfigError
from kiemchung.ingest import PRESETS, author_hash, dedup_key, parse_time
from kiemchung.ingest.validate import Context, Refused, Rejection, parse_count, validate


@pytest.mark.parametrize(("value", "expected"), [
    (0, 0), (12, 12), (3.0, 3), ("1234", 1234), ("1,234", 1234), ("1.234.567", 1234567),
    ("1.2K", 1200), ("1,2 N", 1200), ("3tr", 3_000_000), ("2M", 2_000_000), ("12.0", 12),
])
def test_counts_are_parsed(value: object, expected: int) -> None:
    assert parse_count(value, field="x") == expected


@pytest.mark.parametrize("value", [-1, True, 1.5, "abc", "-3", [1], {"a": 1}, "1.5"])
def test_bad_counts_are_refused(value: object) -> None:
    with pytest.raises(Refused) as info:
        parse_count(value, field="likes")
    assert info.value.rejection.code == "wrong_type"
    assert info.value.rejection.field == "likes"


@pytest.mark.parametrize(("value", "expected"), [
    ("2026-03-01T08:30:00+07:00", datetime(2026, 3, 1, 1, 30, tzinfo=UTC)),
    ("2026-03-01T01:30:00Z", datetime(2026, 3, 1, 1, 30, tzinfo=UTC)),
    ("2026-03-01 08:30:00 ICT", datetime(2026, 3, 1, 1, 30, tzinfo=UTC)),
    ("2026-03-01 08:30", datetime(2026, 3, 1, 1, 30, tzinfo=UTC)),  # naive: Viet Nam time
    ("01/03/2026 08:30", datetime(2026, 3, 1, 1, 30, tzinfo=UTC)),  # day first
    (1772330000, datetime.fromtimestamp(1772330000, UTC)),
    (1772330000000, datetime.fromtimestamp(1772330000, UTC)),  # milliseconds
    ("1772330000", datetime.fromtimestamp(1772330000, UTC)),
])
def test_times_are_parsed_to_utc(value: object, expected: datetime) -> None:
    assert parse_time(value) == expected


def test_month_first_presets_read_us_dates() -> None:
    assert parse_time("03/01/2026 08:30", dayfirst=False) == datetime(2026, 3, 1, 1, 30,
                                                                        tzinfo=UTC)


@pytest.mark.parametrize("value", ["hôm qua", True, "32/13/2026", -5])
def test_bad_times_are_refused(value: object) -> None:
    with pytest.raises(ValueError):
        parse_time(value)


def test_author_hash_is_keyed_and_normalised() -> None:
    nfd = unicodedata.normalize("NFD", "@Nguyễn.Văn.A ")
    assert author_hash(nfd, key="k1") == author_hash("nguyễn.văn.a", key="k1")
    assert author_hash("a", key="k1") != author_hash("a", key="k2")
    assert len(author_hash("a", key="k1")) == 64


def test_author_hash_without_key_names_the_setting() -> None:
    with pytest.raises(ConfigError, match="KIEMCHUNG_AUTHOR_HASH_KEY"):
        author_hash("someone", key="")


def test_dedup_key_uses_id_when_present_else_content() -> None:
    one = {"external_id": "7", "text": "a"}
    assert dedup_key("s", one) == dedup_key("s", {"external_id": "7", "text": "changed"})
    assert dedup_key("s", one) != dedup_key("other", one)
    no_id = {"external_id": None, "text": "a", "url": None, "author_hash": None,
             "platform": None, "created_at": None}
    assert dedup_key("s", no_id) == dedup_key("s", dict(no_id))
    assert dedup_key("s", no_id) != dedup_key("s", {**no_id, "text": "b"})


def _ctx(**kw: object) -> Context:
    base: dict[str, object] = {"source": "s", "max_text_chars": 100, "author_hash_key": "k",
                               "platform": None, "dayfirst": True}
    base.update(kw)
    return Context(**base)  # type: ignore[arg-type]


def test_validate_maps_fields_and_drops_author_like_columns() -> None:
    mapping = PRESETS["jsonl"][1]
    record = {"ID": 5, "Message": "Xin chào", "Link": "https://a.vn", "likes": "2K",
              "user_name": "@bob", "Page Category": "News", "topic": "y tế"}
    row = validate(record, mapping.resolve(record), _ctx())
    assert isinstance(row, dict)
    assert row["external_id"] == "5"
    assert row["text"] == "Xin chào"
    assert row["url"] == "https://a.vn"
    assert row["reactions"] == 2000
    assert row["author_hash"] == author_hash("bob", key="k")
    assert row["extra"] == {"topic": "y tế"}


def test_validate_refuses_long_text_and_nul() -> None:
    mapping = PRESETS["jsonl"][1]
    long = {"text": "x" * 101}
    refused = validate(long, mapping.resolve(long), _ctx())
    assert isinstance(refused, Rejection) and refused.code == "too_long"
    nul = {"text": "a\x00b"}
    refused = validate(nul, mapping.resolve(nul), _ctx())
    assert isinstance(refused, Rejection) and refused.code == "nul_byte"
