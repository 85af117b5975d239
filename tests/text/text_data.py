"""Readers of the small files in tests/data/text (shared by the text tests)."""

from __future__ import annotations

from pathlib import Path

TEXT_DATA = Path(__file__).resolve().parents[1] / "data" / "text"
_ESCAPES = {"\\n": "\n", "\\r": "\r", "\\t": "\t", "\\x00": "\x00", "\\x07": "\x07",
            "\\x1b": "\x1b"}


def read_lines(name: str) -> list[str]:
    """Lines of a data file (NFD files are read as stored: no normalisation on read)."""
    return (TEXT_DATA / name).read_text(encoding="utf-8").splitlines()


def read_table(name: str) -> list[tuple[str, str]]:
    rows = []
    for line in read_lines(name):
        if line and not line.startswith("#"):
            left, right = line.split("\t")
            rows.append((left, right))
    return rows


def hostile_lines() -> list[str]:
    out = []
    for line in read_lines("hostile.txt"):
        for esc, ch in _ESCAPES.items():
            line = line.replace(esc, ch)
        out.append(line)
    return out


