from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiemchung.text import (
    extract,
    lookalike_of,
    phone_number,
    prepare,
    provinces,
    refang,
    registered_domain,
)
from kiemchung.text.normalize import fold


def one(text: str):  # type: ignore[no-untyped-def]
    return extract([text])[0]


@pytest.mark.parametrize(("text", "phones"), [
    ("Gọi 0912345678 ngay", ["0912345678"]),
    ("Gọi 0912.345.678 ngay", ["0912345678"]),
    ("Gọi 0912 345 678 ngay", ["0912345678"]),
    ("Gọi 091-234-5678 ngay", ["0912345678"]),
    ("Gọi +84 912 345 678 ngay", ["0912345678"]),
    ("Gọi +84912345678 ngay", ["0912345678"]),
    ("Gọi (+84) 912345678", ["0912345678"]),
    ("Gọi 0084 912 345 678", ["0912345678"]),
    ("Viettel 0386123456, Vina 0812345678, Mobi 0701234567, VNMobile 0561234567",
     ["0386123456", "0812345678", "0701234567", "0561234567"]),
    ("Tổng đài (028) 3822 1234 hoặc 024.3825.1234", ["02838221234", "02438251234"]),
    ("Hotline 1900 1234 hoặc 1800 5588 99", ["19001234", "1800558899"]),
    ("goi 0912345678 hoac 0912345678", ["0912345678"]),
    ("Mã đơn 1234567890123 và năm 2025", []),
    ("CCCD 001203012345", []),
    ("Số tiền 500.000.000 đồng", []),
])
def test_phones(text: str, phones: list[str]) -> None:
    assert one(text).phones == phones


def test_phone_number_helper() -> None:
    assert phone_number("+84912345678") == "0912345678"
    assert phone_number("0112345678") is None


@pytest.mark.parametrize(("text", "amounts"), [
    ("chỉ 500k", [500_000]),
    ("lương 2tr", [2_000_000]),
    ("lương 2 triệu", [2_000_000]),
    ("2tr5 một tháng", [2_500_000]),
    ("1,5 tỷ", [1_500_000_000]),
    ("1.5 tỷ", [1_500_000_000]),
    ("1 tỷ 200 triệu", [1_200_000_000]),
    ("500.000đ", [500_000]),
    ("500.000 đồng", [500_000]),
    ("500.000 VNĐ", [500_000]),
    ("500,000 VND", [500_000]),
    ("VNĐ 2.000.000", [2_000_000]),
    ("phí 30.000 ₫", [30_000]),
    ("nạp 200 nghìn rồi 300 ngàn", [200_000, 300_000]),
    ("khong dau: 1,5 ty va 500 trieu", [1_500_000_000, 500_000_000]),
    ("7 củ một tháng", [7_000_000]),
    ("mua 2 củ khoai", []),
    ("sau 30d nữa", []),
    ("năm 2025 có 12 tháng", []),
])
def test_money(text: str, amounts: list[int]) -> None:
    assert [m.amount_vnd for m in one(text).money] == amounts


def test_money_keeps_original_text() -> None:
    money = one("Chuyển ngay 1,5 tỷ đồng").money
    assert [(m.text, m.amount_vnd) for m in money] == [("1,5 tỷ", 1_500_000_000)]


@pytest.mark.parametrize(("text", "urls", "domains"), [
    ("Vào https://vietcombank.com.vn/ngay nhé", ["https://vietcombank.com.vn/ngay"],
     ["vietcombank.com.vn"]),
    ("hxxps://vietcombank-vn[.]com/login", ["https://vietcombank-vn.com/login"],
     ["vietcombank-vn.com"]),
    ("hxxp://abc(.)xyz/a", ["http://abc.xyz/a"], ["abc.xyz"]),
    ("trang vietcombank . com . vn nhé", ["vietcombank.com.vn"], ["vietcombank.com.vn"]),
    ("web abc. xyz", ["abc.xyz"], ["abc.xyz"]),
    ("vào csgt.bocongan.gov.vn.", ["csgt.bocongan.gov.vn"], ["bocongan.gov.vn"]),
    ("www.Shopee-KhuyenMai.top/?id=1)", ["www.Shopee-KhuyenMai.top/?id=1"],
     ["shopee-khuyenmai.top"]),
    ("xem tại abc[dot]com", ["abc.com"], ["abc.com"]),
    ("email a.b@gmail.com thôi", [], []),
    ("Hà Nội. Com thì ăn", [], []),
])
def test_urls_and_domains(text: str, urls: list[str], domains: list[str]) -> None:
    found = one(text)
    assert found.urls == urls
    assert found.domains == domains


def test_refang_and_registered_domain() -> None:
    assert refang("hxxps://a[.]b(.)vn") == "https://a.b.vn"
    assert registered_domain("csgt.bocongan.gov.vn") == "bocongan.gov.vn"
    assert registered_domain("www.vnexpress.net") == "vnexpress.net"
    assert registered_domain("a.b.co.uk") == "b.co.uk"


@pytest.mark.parametrize(("domain", "official"), [
    ("vietcombank-vn.com", "vietcombank.com.vn"),
    ("vietcombamk.com.vn", "vietcombank.com.vn"),
    ("vletcombank.com", "vietcombank.com.vn"),
    ("dichvucong-gov.vn", "dichvucong.gov.vn"),
    ("dichvucongquocgia.online", "dichvucong.gov.vn"),
    ("csgt.bocongan.gov.vn.xyz", "bocongan.gov.vn"),
    ("acb-online.top", "acb.com.vn"),
    ("https://techcombank.com-vn.info/login", "techcombank.com"),
    ("vietcombank.com.vn", None),
    ("csgt.bocongan.gov.vn", None),
    ("google.com", None),
    ("vnexpress.net", None),
    ("randomsite.net", None),
    ("facebook-help.support", "facebook.com"),
])
def test_lookalike_of(domain: str, official: str | None) -> None:
    assert lookalike_of(domain) == official


@pytest.mark.parametrize(("text", "accounts"), [
    ("STK 0123456789 Vietcombank", [("0123456789", "Vietcombank")]),
    ("chuyển vào tài khoản 1903 6688 9999 Techcombank", [("190366889999", "Techcombank")]),
    ("ck qua MB 0912345678 nhé", [("0912345678", "MB Bank")]),
    ("số tk: 123456789", [("123456789", None)]),
    ("stk 19036688 ngan hang nong nghiep", [("19036688", "Agribank")]),
    ("Gọi 0912345678 ngay", []),
])
def test_bank_accounts(text: str, accounts: list[tuple[str, str | None]]) -> None:
    assert [(a.number, a.bank) for a in one(text).bank_accounts] == accounts


@pytest.mark.parametrize(("text", "ids"), [
    ("CCCD 001203012345", ["001203012345"]),
    ("căn cước công dân số 079199001234", ["079199001234"]),
    ("CMND: 123456789", ["123456789"]),
    ("mã 999999999999", []),
    ("Gọi 0912345678", []),
])
def test_id_numbers(text: str, ids: list[str]) -> None:
    assert one(text).id_numbers == ids


@pytest.mark.parametrize(("text", "dates"), [
    ("Ngày 19/6/2025 có mưa", ["2025-06-19"]),
    ("19.6.2025", ["2025-06-19"]),
    ("1-7-25", ["2025-07-01"]),
    ("ngày 5 tháng 3 năm 2024", ["2024-03-05"]),
    ("ngay 5 thang 3", ["--03-05"]),
    ("từ tháng 7/2025", ["2025-07"]),
    ("32/13/2025", []),
    ("Gọi 0912.345.678", []),
])
def test_dates(text: str, dates: list[str]) -> None:
    assert one(text).dates == dates


@pytest.mark.parametrize(("text", "names"), [
    ("Mưa lớn ở Hà Nội và TP.HCM", ["Hà Nội", "TP Hồ Chí Minh"]),
    ("mua lon o ha noi va tphcm", ["Hà Nội", "TP Hồ Chí Minh"]),
    ("Người dân Đắk Lắk, Dak Nong và Thừa Thiên Huế", ["Đắk Lắk", "Đắk Nông", "Thừa Thiên Huế"]),
    ("Họp ở Huế", ["Huế"]),
    ("Tỉnh Hòa Bình cũ", ["Hòa Bình"]),
    ("Vì hòa bình thế giới", []),
    ("sơn là lớp phủ", []),
    ("Son La mua to", ["Sơn La"]),
    ("Bà Rịa - Vũng Tàu", ["Bà Rịa - Vũng Tàu"]),
])
def test_provinces(text: str, names: list[str]) -> None:
    assert one(text).provinces == names


def test_province_list_is_complete() -> None:
    table = provinces()
    historic = [p for p in table.values() if p.status in ("both", "historic")]
    merged = [p for p in table.values() if p.status in ("both", "2025")]
    assert len(historic) == 63
    assert len(merged) == 34
    assert all(p.merged_into in table for p in historic if p.status == "historic")
    assert all(table[p.merged_into].status in ("both", "2025")  # type: ignore[index]
               for p in historic if p.status == "historic")


def test_every_province_found_with_and_without_diacritics() -> None:
    names = list(provinces())
    texts = [f"Tin từ {n} hôm nay" for n in names]
    found = extract(texts) + extract(fold(texts))
    for name, got in zip(names + names, found, strict=True):
        assert got.provinces == [name], name


def test_emails_and_to_dict() -> None:
    found = one("Liên hệ Foo.Bar+x@Gmail.com hoặc a@b.vn, 500k")
    assert found.emails == ["foo.bar+x@gmail.com", "a@b.vn"]
    data = found.to_dict()
    assert json.loads(json.dumps(data))["money"] == [{"text": "500k", "amount_vnd": 500_000}]


def test_prepare_matches_separate_calls() -> None:
    texts = ["Hoà Bình: gọi 0912 345 678, ck 2tr5 vào hxxp://abc[.]xyz"]
    prepared = prepare(texts)[0]
    assert prepared.norm == "Hòa Bình: gọi 0912 345 678, ck 2tr5 vào hxxp://abc[.]xyz"
    assert prepared.folded == fold([prepared.norm])[0]
    assert prepared.extracted == extract(texts)[0]


@settings(max_examples=200)
@given(st.text(max_size=200))
def test_extract_never_crashes(text: str) -> None:
    assert isinstance(extract([text])[0].to_dict(), dict)


@pytest.mark.parametrize("text", [
    "Hàng đẹp. shop giao nhanh", "nhan xu. shop giao hang", "ok. me thich lam",
    "Hà Nội. Com thì ăn",
])
def test_sentence_ends_are_not_spaced_domains(text: str) -> None:
    assert one(text).urls == []


@pytest.mark.parametrize("text", [
    "xuất khẩu 4,9 tỷ USD", "11 triệu người xem", "2 triệu lượt view", "thu 5 tỷ đô la",
])
def test_counts_and_foreign_currency_are_not_vnd(text: str) -> None:
    assert one(text).money == []


def test_phone_after_a_bank_name_stays_a_phone() -> None:
    found = one("chuyển vào tk 102876543210 Vietinbank. Sđt em là 0905111222")
    assert [a.number for a in found.bank_accounts] == ["102876543210"]
    assert found.phones == ["0905111222"]
    assert one("Ăn 5-10 củ tỏi mỗi ngày").money == []
