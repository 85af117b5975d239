"""Ingesting the hostile corpus: counts, reasons, idempotency, privacy — SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from kiemchung.errors import ConfigError, NotFoundError, ValidationError
from kiemchung.ingest import ingest_file, ingest_records, retry_quarantine
from kiemchung.records import IngestSummary
from kiemchung.settings import Settings
from kiemchung.storage import Store
from kiemchung.storage import models as m


def _posts(store: Store) -> dict[str, m.Post]:
    with store.session() as session:
        return {p.external_id or p.text: p for p in session.scalars(select(m.Post))}


def _quarantine(store: Store) -> dict[int | None, m.Quarantine]:
    with store.session() as session:
        return {q.line: q for q in session.scalars(select(m.Quarantine))}


def _dump(store: Store) -> str:
    """Every text value of posts, quarantine and sources (to look for clear handles)."""
    parts = []
    with store.engine.connect() as conn:
        for table in ("posts", "quarantine", "sources"):
            for row in conn.execute(text(f"SELECT * FROM {table}")):
                parts.extend(str(v) for v in row)
    return "\n".join(parts)


def test_hostile_jsonl_counts_and_reasons(store: Store, ingest_data: Path,
                                          ingest_settings: Settings) -> None:
    summary = ingest_file(store, ingest_data / "posts.jsonl", settings=ingest_settings)
    assert summary == IngestSummary(read=22, accepted=6, duplicates=2, quarantined=14)
    codes = {line: q.code for line, q in _quarantine(store).items()}
    assert codes == {
        10: "invalid_json", 11: "missing_text", 12: "missing_text", 13: "wrong_type",
        14: "wrong_type", 15: "wrong_type", 16: "invalid_utf8", 17: "nul_byte",
        18: "nul_byte", 19: "invalid_utf8", 20: "too_long", 21: "not_an_object",
        22: "wrong_type", 24: "record_too_large",
    }
    quarantined = _quarantine(store)
    assert quarantined[14].field == "shares"
    assert quarantined[13].field == "text"
    assert all(q.source == "posts.jsonl" and q.format == "jsonl" for q in quarantined.values())
    assert len(quarantined[24].raw) < 10_000  # an over-long line is cut, not stored whole


def test_accepted_posts_are_normalised(store: Store, ingest_data: Path,
                                       ingest_settings: Settings) -> None:
    ingest_file(store, ingest_data / "posts.jsonl", settings=ingest_settings)
    posts = _posts(store)
    nfd = posts["p2"]
    assert unicodedata.is_normalized("NFD", nfd.text)  # the original is kept as received
    assert nfd.text_norm == unicodedata.normalize("NFC", nfd.text_norm)
    assert nfd.text_folded.startswith("Bo Y te canh bao")
    assert nfd.lang == "vi"
    assert posts["p3"].lang == "vi"  # no diacritics, teencode: still Vietnamese
    first = posts["p1"]
    assert first.reactions == 1200 and first.shares == 15 and first.platform == "facebook"
    assert first.created_at is not None and first.created_at.utcoffset() is not None
    assert first.content_hash and len(first.content_hash) == 64
    assert posts["p4"].url is None and posts["p4"].extra == {"invalid_url": True}
    assert "<script>" in posts["p4"].text  # stored as data; escaping is the views' job
    assert "😂" in posts["p20"].text_norm


def test_copies_share_a_content_hash(store: Store, ingest_settings: Settings) -> None:
    records = [{"id": "a", "text": "Uống  nước chanh"},
               {"id": "b", "text": unicodedata.normalize("NFD", "uống nước chanh")}]
    ingest_records(store, records, source="api", settings=ingest_settings)
    posts = _posts(store)
    assert posts["a"].content_hash == posts["b"].content_hash


def test_reingesting_adds_nothing(store: Store, ingest_data: Path,
                                  ingest_settings: Settings) -> None:
    first = ingest_file(store, ingest_data / "posts.jsonl", settings=ingest_settings)
    before = _dump(store)
    again = ingest_file(store, ingest_data / "posts.jsonl", settings=ingest_settings)
    assert again.read == first.read
    assert again.accepted == 0
    assert again.duplicates == first.accepted + first.duplicates
    assert again.quarantined == first.quarantined
    assert _dump(store) == before


@pytest.mark.parametrize(("name", "expected"), [
    ("semicolon_bom_crlf.csv", IngestSummary(read=8, accepted=3, duplicates=0, quarantined=5)),
    ("tabs.tsv", IngestSummary(read=2, accepted=2)),
    ("comma_quoted_newlines.csv", IngestSummary(read=2, accepted=2)),
])
def test_csv_dialects(store: Store, ingest_data: Path, ingest_settings: Settings,
                      name: str, expected: IngestSummary) -> None:
    assert ingest_file(store, ingest_data / name, settings=ingest_settings) == expected


def test_csv_fields_lines_and_reasons(store: Store, ingest_data: Path,
                                      ingest_settings: Settings) -> None:
    ingest_file(store, ingest_data / "semicolon_bom_crlf.csv", settings=ingest_settings)
    posts = _posts(store)
    assert posts["c1"].text == 'Tin giả: "vắc-xin" gây vô sinh;\nlan truyền trên mạng'
    assert posts["c1"].reactions == 1234 and posts["c1"].comments == 3
    assert posts["c1"].created_at is not None and posts["c1"].created_at.day == 1
    assert posts["c2"].text_norm == "Thông báo viết NFD: Thời tiết nắng nóng"
    codes = {line: q.code for line, q in _quarantine(store).items()}
    # line numbers are physical lines: c1 spans lines 2-3
    assert codes == {5: "invalid_utf8", 6: "nul_byte", 7: "wrong_columns", 8: "missing_text",
                     10: "wrong_type"}
    assert "\x00" not in _quarantine(store)[6].raw
    ids = [json.loads(q.raw).get("id") for q in _quarantine(store).values()]
    assert ids == ["c3", "c4", "c5", "c6", "c7"]


def test_tab_inside_quotes_and_suffix_counts(store: Store, ingest_data: Path,
                                             ingest_settings: Settings) -> None:
    ingest_file(store, ingest_data / "tabs.tsv", settings=ingest_settings)
    posts = _posts(store)
    assert posts["t2"].text == "Tab thứ hai\tcó tab trong ngoặc"
    assert posts["t2"].views == 2000


@pytest.mark.parametrize(("name", "platform", "accepted"), [
    ("crowdtangle.csv", "facebook", 2),
    ("facebook_page.csv", "facebook", 1),
    ("tiktok_comments.jsonl", "tiktok", 2),
    ("youtube_comments.jsonl", "youtube", 1),
    ("telegram_result.json", "telegram", 2),
])
def test_presets_are_detected(store: Store, ingest_data: Path, ingest_settings: Settings,
                              name: str, platform: str, accepted: int) -> None:
    summary = ingest_file(store, ingest_data / name, settings=ingest_settings)
    assert summary.accepted == accepted
    posts = list(_posts(store).values())
    assert {p.platform for p in posts} == {platform}
    assert all(p.author_hash and len(p.author_hash) == 64 for p in posts)
    assert all(p.created_at is not None for p in posts)


def test_crowdtangle_columns(store: Store, ingest_data: Path, ingest_settings: Settings) -> None:
    ingest_file(store, ingest_data / "crowdtangle.csv", fmt="crowdtangle",
                settings=ingest_settings)
    post = _posts(store)["https://www.facebook.com/tinnong24h/posts/1"]
    assert post.reactions == 1020  # Likes + Love + Wow + Haha + Sad + Angry + Care
    assert (post.shares, post.comments) == (300, 200)
    assert post.url == "https://www.facebook.com/tinnong24h/posts/1"
    other = _posts(store)["https://www.facebook.com/groups/mebim/posts/2"]
    assert other.text == "Cho trẻ uống nước muối để phòng bệnh?"  # Description fallback


@pytest.mark.parametrize("name", ["posts.jsonl", "crowdtangle.csv", "facebook_page.csv",
                                  "tiktok_comments.jsonl", "youtube_comments.jsonl",
                                  "telegram_result.json", "semicolon_bom_crlf.csv"])
def test_clear_handles_are_never_stored(store: Store, ingest_data: Path,
                                        ingest_settings: Settings, name: str) -> None:
    ingest_file(store, ingest_data / name, settings=ingest_settings)
    # Post URLs are kept (they address the content; a page's URL may contain its slug).
    dump = re.sub(r"https?://\S+", "", _dump(store)).casefold()
    for handle in ("nguyen.van.a", "tinnong24h", "tin nóng 24h", "hội mẹ bỉm", "trang sức khỏe mới",
                   "be.na.2012", "me.cua.na", "nguoixem", "uc123", "trần b", "user42",
                   "@hoa", "100000000001"):
        assert handle not in dump


def test_authors_without_key_raise_config_error(store: Store, ingest_data: Path,
                                                ingest_settings: Settings) -> None:
    no_key = ingest_settings.replace(author_hash_key="")
    for name in ("crowdtangle.csv", "posts.jsonl"):
        with pytest.raises(ConfigError, match="KIEMCHUNG_AUTHOR_HASH_KEY"):
            ingest_file(store, ingest_data / name, settings=no_key)
    summary = ingest_file(store, ingest_data / "tabs.tsv", settings=no_key)  # no authors
    assert summary.accepted == 2


def test_quarantined_raw_keeps_author_only_as_hash(store: Store,
                                                   ingest_settings: Settings) -> None:
    summary = ingest_records(store, [{"text": "", "author": "@secret.person", "x": 1}],
                             source="api", settings=ingest_settings)
    assert summary.quarantined == 1
    raw = json.loads(next(iter(_quarantine(store).values())).raw)
    assert raw == {"text": "", "x": 1, "_author_hash": raw["_author_hash"]}
    assert "secret" not in _dump(store)


def test_retry_moves_fixed_records(store: Store, ingest_data: Path,
                                   ingest_settings: Settings) -> None:
    ingest_file(store, ingest_data / "posts.jsonl", settings=ingest_settings)
    too_long_id = _quarantine(store)[20].id
    still = retry_quarantine(store, settings=ingest_settings)
    assert (still.retried, still.accepted, still.still_quarantined) == (14, 0, 14)
    bigger = ingest_settings.replace(max_text_chars=30000)
    result = retry_quarantine(store, [too_long_id], settings=bigger)
    assert (result.retried, result.accepted, result.still_quarantined) == (1, 1, 0)
    assert "p17" in _posts(store)
    assert _quarantine(store)[20].status == "resolved"
    # re-ingesting with the bigger limit: p17 is a duplicate now, nothing new
    again = ingest_file(store, ingest_data / "posts.jsonl", settings=bigger)
    assert again.accepted == 0 and again.quarantined == 13


def test_retry_unknown_id(store: Store, ingest_settings: Settings) -> None:
    with pytest.raises(NotFoundError):
        retry_quarantine(store, [12345], settings=ingest_settings)


def test_ingest_records_counts_and_refuses_a_bare_mapping(store: Store,
                                                          ingest_settings: Settings) -> None:
    records: list[Any] = [{"id": 1, "text": "một"}, {"id": 1, "text": "một"}, "chuỗi",
                          {"id": 2, "text": None}]
    summary = ingest_records(store, records, source="api", settings=ingest_settings, kind="tip")
    assert summary == IngestSummary(read=4, accepted=1, duplicates=1, quarantined=2)
    assert _posts(store)["1"].kind == "tip"
    with pytest.raises(ValidationError):
        ingest_records(store, {"text": "x"}, source="api", settings=ingest_settings)


def test_unknown_format_and_missing_file(store: Store, ingest_data: Path,
                                         ingest_settings: Settings, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="crowdtangle"):
        ingest_file(store, ingest_data / "tabs.tsv", fmt="nope", settings=ingest_settings)
    with pytest.raises(NotFoundError):
        ingest_file(store, tmp_path / "missing.jsonl", settings=ingest_settings)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(ValidationError, match="empty"):
        ingest_file(store, empty, settings=ingest_settings)


def test_progress_reports_bytes_and_counts(store: Store, ingest_data: Path,
                                           ingest_settings: Settings) -> None:
    calls: list[tuple[int, int]] = []
    path = ingest_data / "posts.jsonl"
    ingest_file(store, path, settings=ingest_settings,
                progress=lambda s, pos: calls.append((s.read, pos)))
    assert len(calls) >= 3  # batch_size 7
    assert calls[-1] == (22, path.stat().st_size)
    assert [c[1] for c in calls] == sorted(c[1] for c in calls)


def test_json_that_is_not_a_telegram_export(store: Store, ingest_settings: Settings,
                                            tmp_path: Path) -> None:
    path = tmp_path / "records.json"
    path.write_text('[\n{"text": "a"}\n]\n', encoding="utf-8")
    with pytest.raises(ValidationError, match="Telegram"):
        ingest_file(store, path, settings=ingest_settings)


def test_odd_strings_from_the_api(store: Store, ingest_settings: Settings) -> None:
    records = [{"id": "nul-extra", "text": "ok", "note": "a\x00b"},
               {"id": "surrogate", "text": "bad \ud800 text"},
               {"id": "emoji", "text": "👍🏽 Cảnh báo"}]
    summary = ingest_records(store, records, source="api", settings=ingest_settings)
    assert summary == IngestSummary(read=3, accepted=2, duplicates=0, quarantined=1)
    posts = _posts(store)
    assert posts["nul-extra"].extra == {"note": "a\x00b"}
    assert posts["emoji"].text == "👍🏽 Cảnh báo"
    assert next(iter(_quarantine(store).values())).code == "invalid_utf8"
    with pytest.raises(ValidationError, match="source"):
        ingest_records(store, [], source=" ", settings=ingest_settings)
