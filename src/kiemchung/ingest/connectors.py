"""Connectors: a reader (JSONL, CSV, Telegram export) plus a field mapping, by name.

Built-ins are registered in the plugin registry under kind ``connectors``; a plugin can
register its own :class:`Connector` (for instance a new export layout) the same way.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from kiemchung.errors import ConfigError, NotFoundError, ValidationError
from kiemchung.ingest.mapping import PRESETS, FieldMapping, Resolved, detect_preset
from kiemchung.ingest.readers import RawRecord, read_csv, read_jsonl, read_telegram

READERS: tuple[str, ...] = ("jsonl", "csv", "telegram", "auto")
_CSV_SUFFIXES = (".csv", ".tsv", ".tab")
_CACHE_LIMIT = 64


@dataclass(frozen=True)
class Connector:
    """A named way to read a source: ``reader`` is jsonl, csv, telegram or auto (by suffix)."""

    name: str
    reader: str
    mapping: FieldMapping
    description: str = ""
    _cache: dict[tuple[str, ...], Resolved] = field(default_factory=dict, compare=False,
                                                    repr=False)

    def resolve(self, data: Any) -> Resolved:
        """The mapping applied to this record's keys (cached: records share their keys)."""
        keys = tuple(data) if isinstance(data, Mapping) else ()
        resolved = self._cache.get(keys)
        if resolved is None:
            resolved = self.mapping.resolve(keys)
            if len(self._cache) < _CACHE_LIMIT:
                self._cache[keys] = resolved
        return resolved

    def reader_for(self, path: Path | None) -> str:
        """The concrete reader for a file (``auto`` picks CSV or JSONL by the suffix)."""
        if self.reader != "auto":
            return self.reader
        return "csv" if path is not None and path.suffix.lower() in _CSV_SUFFIXES else "jsonl"


def builtin_connectors() -> list[Connector]:
    """One connector per preset of :data:`kiemchung.ingest.mapping.PRESETS`."""
    if "_BUILTIN" in globals():
        return list(_BUILTIN.values())
    return [Connector(name, reader, mapping, description)
            for name, (reader, mapping, description) in PRESETS.items()]


_BUILTIN: dict[str, Connector] = {c.name: c for c in builtin_connectors()}


def get_connector(name: str) -> Connector:
    """The registered connector called ``name``."""
    from kiemchung.plugins import load_plugins

    if name in _BUILTIN:  # built-in names cannot be taken by plugins (no import of all)
        return _BUILTIN[name]
    registry = load_plugins()
    try:
        connector = registry.get("connectors", name)
    except NotFoundError as err:
        raise ValidationError(f"unknown format '{name}'", field="format",
                              expected="one of " + ", ".join(registry.names("connectors")),
                              received=name) from err
    if not isinstance(connector, Connector):
        raise ConfigError(f"connector '{name}' is not a kiemchung.ingest.Connector")
    return connector


def choose_connector(stream: BinaryIO, path: Path, fmt: str | None) -> Connector:
    """The connector named by ``fmt``, or one guessed from the suffix and first record."""
    if fmt:
        return get_connector(fmt)
    start = stream.tell()
    head = stream.readline(1 << 16)
    stream.seek(start)
    text = head.lstrip(b"\xef\xbb\xbf").decode("utf-8", "replace").strip()
    if path.suffix.lower() in _CSV_SUFFIXES:
        import csv

        from kiemchung.ingest.readers import sniff_delimiter

        header = next(csv.reader([text], delimiter=sniff_delimiter(text)), [])
        return get_connector(detect_preset(header) or "csv")
    if path.suffix.lower() == ".json" and text in ("{", "["):
        return get_connector("telegram")
    try:
        first = json.loads(text)
    except ValueError:
        first = None
    preset = detect_preset(first) if isinstance(first, dict) else None
    return get_connector(preset or "jsonl")


OpenedSource = tuple[Iterator[RawRecord], Callable[[Any], Resolved]]


def open_records(connector: Connector, stream: BinaryIO, *, path: Path | None,
                 max_record_bytes: int, on_header: Callable[[Resolved], None]) -> OpenedSource:
    """Records of ``stream`` and the function that maps each one (``on_header`` sees a CSV's)."""
    reader = connector.reader_for(path)
    if reader == "csv":
        header, rows = read_csv(stream, max_record_bytes=max_record_bytes)
        resolved = connector.mapping.resolve(header)
        on_header(resolved)
        return rows, lambda _data: resolved
    if reader == "telegram":
        return read_telegram(stream), connector.resolve
    return read_jsonl(stream, max_record_bytes=max_record_bytes), connector.resolve
