"""``kiemchung text …``: the Vietnamese text toolkit on lines of a file or stdin."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from itertools import islice
from typing import IO, Any

import click

from kiemchung.cli.context import out
from kiemchung.plugins import Registry
from kiemchung.text import expand_teencode, extract, fold, is_vietnamese, normalize, redact

_BATCH = 2000


def _batches(stream: IO[str]) -> Iterator[list[str]]:
    lines = (line.rstrip("\r\n") for line in stream)
    while batch := list(islice(lines, _BATCH)):
        yield batch


def _run(stream: IO[str], func: Callable[[Sequence[str]], Sequence[Any]],
         fmt: Callable[[Any], str]) -> None:
    for batch in _batches(stream):
        for item in func(batch):
            out(fmt(item))


def _json(item: Any) -> str:
    return json.dumps(item.to_dict(), ensure_ascii=False)


_FILE = click.argument("file", type=click.File("r", encoding="utf-8", errors="replace"),
                       default="-")


@click.group("text")
def text_group() -> None:
    """Xử lý văn bản tiếng Việt theo dòng / Vietnamese text tools, one input line at a time.

    Reads FILE (or stdin with '-'), writes one output line per input line, in order.
    """


@text_group.command("normalize")
@_FILE
def normalize_cmd(file: IO[str]) -> None:
    """Chuẩn hóa: NFC, vị trí dấu thanh, sửa lỗi mã hóa / normalise each line."""
    _run(file, normalize, str)


@text_group.command("fold")
@_FILE
def fold_cmd(file: IO[str]) -> None:
    """Bỏ dấu / remove diacritics from each (normalised) line."""
    _run(file, lambda batch: fold(normalize(batch)), str)


@text_group.command("teencode")
@_FILE
def teencode_cmd(file: IO[str]) -> None:
    """Viết đầy đủ teencode / expand teencode and chat abbreviations."""
    _run(file, expand_teencode, str)


@text_group.command("extract")
@_FILE
def extract_cmd(file: IO[str]) -> None:
    """Trích xuất / one JSON object per line: URLs, domains, phones, accounts, money…"""
    _run(file, extract, _json)


@text_group.command("redact")
@_FILE
def redact_cmd(file: IO[str]) -> None:
    """Che dữ liệu cá nhân / one JSON object per line: masked text and kept indicators."""
    _run(file, redact, _json)


@text_group.command("lang")
@_FILE
def lang_cmd(file: IO[str]) -> None:
    """Có phải tiếng Việt? / 'vi' or 'other' per line."""
    _run(file, is_vietnamese, lambda ok: "vi" if ok else "other")


def register_plugins(registry: Registry) -> None:
    """Register this module's components."""
    registry.register("commands", "text", text_group)
