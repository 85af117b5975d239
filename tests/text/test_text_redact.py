from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiemchung.text import Indicator, redact


def one(text: str):  # type: ignore[no-untyped-def]
    return redact([text])[0]


@pytest.mark.parametrize(("text", "masked"), [
    ("Tôi là Nguyễn Văn An, sđt của tôi 0987654321", "Tôi là [TÊN], sđt của tôi [SĐT]"),
    ("Mình tên Lan, email của mình lan.nguyen@gmail.com",
     "Mình tên [TÊN], email của mình [EMAIL]"),
    ("CCCD của tôi 001203012345", "CCCD của tôi [CCCD]"),
    ("Số CMND: 123456789 bị lộ", "Số CMND: [CMND] bị lộ"),
    ("Liên hệ lại với tôi qua 0987654321 nhé", "Liên hệ lại với tôi qua [SĐT] nhé"),
    ("0987 654 321", "[SĐT]"),
    ("tôi là nạn nhân", "tôi là nạn nhân"),
    ("tài khoản của tôi 0123456789 Vietcombank bị trừ tiền",
     "tài khoản của tôi [STK] Vietcombank bị trừ tiền"),
])
def test_tipster_data_is_masked(text: str, masked: str) -> None:
    assert one(text).text == masked


def test_scam_indicators_are_kept() -> None:
    tip = ("Tôi là Trần Thị Bình, sđt của tôi 0987654321. Số 0911222333 gọi cho tôi bảo "
           "trúng thưởng, yêu cầu chuyển khoản vào STK 19036688 Techcombank và vào link "
           "hxxps://vietcombank-vn[.]com/nhan-qua")
    result = one(tip)
    assert "[TÊN]" in result.text and "[SĐT]" in result.text
    assert "0987654321" not in result.text and "Trần Thị Bình" not in result.text
    assert "0911222333" in result.text and "19036688" in result.text
    assert result.indicators == [
        Indicator("phone", "0911222333"),
        Indicator("bank_account", "19036688", "Techcombank"),
        Indicator("url", "https://vietcombank-vn.com/nhan-qua"),
        Indicator("domain", "vietcombank-vn.com", "vietcombank.com.vn"),
    ]


@pytest.mark.parametrize("text", [
    "Có số 0911222333 nhắn tin bảo tôi nợ tiền",
    "Kẻ gian giả danh công an gọi từ số +84 911 222 333",
    "Họ bảo gọi hotline 1900 1234 để nhận quà",
    "nhận được email từ support@vietcombank-vn.com yêu cầu đăng nhập",
])
def test_reported_contacts_are_indicators(text: str) -> None:
    result = one(text)
    assert "[SĐT]" not in result.text and "[EMAIL]" not in result.text
    assert {i.kind for i in result.indicators} & {"phone", "email"}


def test_to_dict_is_json() -> None:
    data = one("Số 0911222333 gọi lừa đảo").to_dict()
    assert json.loads(json.dumps(data, ensure_ascii=False))["indicators"][0] == {
        "kind": "phone", "value": "0911222333", "detail": None}


@settings(max_examples=200)
@given(st.text(max_size=200))
def test_redact_never_crashes(text: str) -> None:
    assert isinstance(redact([text])[0].text, str)
