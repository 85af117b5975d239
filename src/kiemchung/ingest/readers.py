"""Streaming readers: bytes of a file → raw records with their line numbers.

Readers never hold more than one record in memory (the Telegram export, a single JSON
document, is the exception and is documented as such). Lines longer than
``max_record_bytes`` are cut, the rest skipped, and the record refused.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

import orjson

from kiemchung.errors import ValidationError
from kiemchung.ingest.validate import Rejection

_BOM = b"\xef\xbb\xbf"
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89abAB]", re.ASCII)
# Values orjson returns exactly as ``json.loads`` does (it turns integers beyond 64 bits
# into floats): an object holding only these is taken from the fast parser as it is.
_FLAT = frozenset({str, int, bool, type(None)})


@dataclass(slots=True)
class RawRecord:
    """One record as read: the parsed object, or why it could not be parsed.

    ``raw`` is the line's text, kept in quarantine when ``data`` is not an object (an
    object is kept as JSON, without its author fields).
    """

    line: int | None
    data: Any = None
    raw: str = ""
    error: Rejection | None = None


def _lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes, bool]]:
    """(line number, bytes without the line end, too long?) for every physical line."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        too_long = len(line) > limit
        if too_long:
            line = line[:limit]
            while True:  # skip the rest of the line without keeping it
                rest = stream.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
        if number == 1 and line.startswith(_BOM):
            line = line[3:]
        yield number, line.rstrip(b"\r\n"), too_long


def _safe_text(raw: bytes) -> str:
    """Best-effort text of bad bytes for quarantine: invalid bytes and NUL made visible."""
    return raw.decode("utf-8", "replace").replace("\x00", "\\u0000")


def read_jsonl(stream: BinaryIO, *, max_record_bytes: int) -> Iterator[RawRecord]:
    """One JSON value per line; blank lines are skipped (they are not records)."""
    for number, line, too_long in _lines(stream, max_record_bytes):
        if too_long:
            yield RawRecord(number, raw=_safe_text(line[:4096]) + "…", error=Rejection(
                "record_too_large", f"line longer than max_record_bytes={max_record_bytes}"))
            continue
        if not line or line.isspace():  # blank lines are not records
            continue
        yield parse_json_line(line, number)


def parse_json_line(line: bytes, number: int | None) -> RawRecord:
    """Decode and parse one JSON line into a raw record (or a refused one).

    The common line, a flat object of strings, integers, booleans and nulls, is parsed by
    orjson (strict RFC 8259: it refuses invalid UTF-8, lone surrogates, NaN, NUL bytes are
    checked first); anything else takes the standard-library path, so every record is read
    exactly as ``json.loads`` reads it and every refusal keeps its code and message.
    """
    if b"\x00" not in line:
        try:
            data = orjson.loads(line)
        except orjson.JSONDecodeError:
            pass
        else:
            if type(data) is dict and _FLAT.issuperset(map(type, data.values())):
                return RawRecord(number, data=data)
    return _parse_json_line(line, number)


def _parse_json_line(line: bytes, number: int | None) -> RawRecord:
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as err:
        return RawRecord(number, raw=_safe_text(line), error=Rejection(
            "invalid_utf8", f"invalid UTF-8 at byte {err.start}"))
    if "\x00" in text:
        return RawRecord(number, raw=text.replace("\x00", "\\u0000"), error=Rejection(
            "nul_byte", "line contains a NUL byte"))
    try:
        data = json.loads(text)
    except ValueError as err:
        return RawRecord(number, raw=text, error=Rejection("invalid_json", f"invalid JSON: {err}"))
    if _SURROGATE_ESCAPE.search(text) and not encodable(data):
        return RawRecord(number, raw=text, error=Rejection(
            "invalid_utf8", "a \\u escape encodes a lone surrogate (not valid Unicode)"))
    return RawRecord(number, data=data, raw=text)


def encodable(data: Any) -> bool:
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def sniff_delimiter(header: str) -> str:
    """The delimiter of a CSV header line: the most frequent of ``,`` ``;`` tab ``|``."""
    unquoted = re.sub(r'"[^"]*"', "", header)
    counts = {d: unquoted.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


class _CsvSource:
    """Decoded physical lines for csv.reader, remembering bad bytes of the current row."""

    def __init__(self, lines: Iterator[tuple[int, bytes, bool]], first: str) -> None:
        self._lines = lines
        self._first: str | None = first
        self.problem: Rejection | None = None

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        if self._first is not None:
            first, self._first = self._first, None
            return first
        _number, line, too_long = next(self._lines)
        if too_long and self.problem is None:
            self.problem = Rejection("record_too_large", "line longer than max_record_bytes")
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as err:
            text = line.decode("utf-8", "replace")
            if self.problem is None:
                self.problem = Rejection("invalid_utf8", f"invalid UTF-8 at byte {err.start}")
        if "\x00" in text:
            text = text.replace("\x00", "\ufffd")
            if self.problem is None:
                self.problem = Rejection("nul_byte", "row contains a NUL byte")
        return text + "\n"


def read_csv(stream: BinaryIO, *,
             max_record_bytes: int) -> tuple[list[str], Iterator[RawRecord]]:
    """The header of a CSV file and an iterator over its rows as dicts."""
    lines = _lines(stream, max_record_bytes)
    first = next(lines, None)
    if first is None:
        raise ValidationError("the CSV file is empty", expected="a header row")
    try:
        header_line = first[1].decode("utf-8")
    except UnicodeDecodeError as err:
        raise ValidationError("the CSV header is not valid UTF-8", line=1,
                              expected="UTF-8 text") from err
    delimiter = sniff_delimiter(header_line)
    source = _CsvSource(lines, header_line + "\n")
    csv.field_size_limit(max(max_record_bytes, 1024))
    reader = csv.reader(source, delimiter=delimiter)
    header = [h.strip() for h in next(reader)]
    if not any(header):
        raise ValidationError("the CSV header row is empty", line=1, expected="column names")
    return header, _csv_rows(reader, source, header)


def _csv_rows(reader: Any, source: _CsvSource, header: list[str]) -> Iterator[RawRecord]:
    while True:
        start = reader.line_num + 1
        source.problem = None
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            yield RawRecord(start, raw="", error=Rejection("invalid_csv", f"invalid CSV: {err}"))
            continue
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        data = dict(zip(header, row, strict=False))
        if source.problem is not None:
            yield RawRecord(start, data=data, error=source.problem)
        elif len(row) != len(header):
            yield RawRecord(start, data=data, error=Rejection(
                "wrong_columns", f"row has {len(row)} columns, the header has {len(header)}"))
        else:
            yield RawRecord(start, data=data)


def read_telegram(stream: BinaryIO) -> Iterator[RawRecord]:
    """Messages of a Telegram Desktop export (``result.json``); service messages skipped.

    The export is one JSON document, so it is read whole (chat exports are small).
    """
    try:
        document = json.loads(stream.read().decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as err:
        raise ValidationError(f"not a Telegram JSON export: {err}",
                              expected="result.json from Telegram Desktop") from err
    chats = document.get("chats", {}).get("list") if isinstance(document, dict) else None
    chats = chats if isinstance(chats, list) else [document]
    if not any(isinstance(c, dict) and isinstance(c.get("messages"), list) for c in chats):
        raise ValidationError("not a Telegram export: no 'messages' list",
                              expected="result.json from Telegram Desktop")
    for chat in chats:
        if not isinstance(chat, dict) or not isinstance(chat.get("messages"), list):
            continue
        chat_id = chat.get("id", "")
        for index, message in enumerate(chat["messages"], start=1):
            if isinstance(message, dict) and message.get("type", "message") != "message":
                continue
            data = dict(message) if isinstance(message, dict) else message
            if isinstance(data, dict) and "id" in data:
                data["id"] = f"{chat_id}:{data['id']}"
            yield RawRecord(index, data=data, raw="")
