"""Scam cues from domains: black list, look-alikes, short links."""

from __future__ import annotations

from kiemchung.analysis._domains import (
    blocklist,
    find_urls,
    is_blocklisted,
    is_shortener,
    lookalike_brand,
)


def test_find_urls() -> None:
    text = "Truy cập https://www.Vietcombank-XacThuc.com/login ngay, hoặc bit.ly/abc. Email a@b.com"
    assert find_urls(text) == ["vietcombank-xacthuc.com/login", "bit.ly/abc"]


def test_blocklist_is_shipped_and_matches_subdomains() -> None:
    hosts, _urls = blocklist()
    assert len(hosts) > 10_000
    host = sorted(hosts)[100]
    assert is_blocklisted(host)
    assert is_blocklisted("sub." + host + "/path")
    assert not is_blocklisted("vietcombank.com.vn")
    assert not is_blocklisted("apps.apple.com")


def test_lookalikes() -> None:
    assert lookalike_brand("vietcombank-xacthuc.com") == "vietcombank"
    assert lookalike_brand("bidv.ismtbvn.com") == "bidv"
    assert lookalike_brand("dichvucong-gov.vip") == "dichvucong"
    assert lookalike_brand("xn--vitcombank-m7a.com") == "punycode"
    for official in ("vietcombank.com.vn", "ebanking.bidv.com.vn", "dichvucong.gov.vn", "shopee.vn",
                     "m.facebook.com", "vnexpress.net"):
        assert lookalike_brand(official) is None, official


def test_shortener() -> None:
    assert is_shortener("bit.ly/x") and not is_shortener("vnexpress.net")
