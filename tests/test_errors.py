from __future__ import annotations

import pytest

from kiemchung.errors import (
    ERROR_CLASSES,
    DependencyMissingError,
    KiemchungError,
    ValidationError,
)


def test_message_names_field_expected_received_and_line() -> None:
    err = ValidationError("wrong type", field="shares", expected="an integer", received="nhiều",
                          line=12, source="posts.jsonl")
    text = str(err)
    assert text.startswith("posts.jsonl:12, field 'shares': wrong type")
    assert "expected an integer" in text and "received 'nhiều'" in text


@pytest.mark.parametrize("cls", ERROR_CLASSES)
def test_one_error_shape(cls: type[KiemchungError]) -> None:
    body = cls("hỏng", field="text", expected="str", received=3).to_dict()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "detail"}
    assert body["error"]["code"] == cls.code
    assert body["error"]["detail"]["field"] == "text"
    assert 400 <= cls.http_status < 600


def test_dependency_missing_names_the_extra() -> None:
    err = DependencyMissingError("pyspark", extra="spark")
    assert "pip install 'kiemchung[spark]'" in str(err)
    assert isinstance(err, KiemchungError)


def test_long_received_values_are_shortened() -> None:
    err = ValidationError("too long", received="x" * 1000)
    assert len(str(err)) < 200
