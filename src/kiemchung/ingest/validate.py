"""Validation of one source record into the fields of a post, or a reason to refuse it.

Pure functions; no database. A refused record becomes a :class:`Rejection` (code, field,
reason in words), which ingestion stores in quarantine.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from kiemchung.errors import ConfigError
from kiemchung.ingest.mapping import Resolved

VIETNAM_TZ = timezone(timedelta(hours=7), "ICT")
"""Time zone assumed for timestamps without one (exports made in Viet Nam)."""

LOSSY_CODES: frozenset[str] = frozenset({"invalid_utf8", "record_too_large", "nul_byte",
                                         "invalid_csv"})
"""Rejections whose stored raw text is not the original bytes: retry leaves them alone."""

_MAX_ID = 200
_MAX_PLATFORM = 40
_AUTHOR_CACHE = 1 << 15  # handles whose keyed hash a run remembers (bounded, per run)

DEDUP_KEY_CHARS = 32
"""Length of a post's dedup key: the first 128 bits of a SHA-256, in hex (see dedup_key)."""


@dataclass(slots=True)
class Rejection:
    """Why a record was refused: a stable ``code``, the ``field`` and a message."""

    code: str
    reason: str
    field: str | None = None


class Refused(Exception):
    def __init__(self, code: str, reason: str, field: str | None) -> None:
        super().__init__(reason)
        self.rejection = Rejection(code, reason, field)


@dataclass(slots=True)
class Context:
    """What validation needs besides the record: limits, the key and the source."""

    source: str
    max_text_chars: int
    author_hash_key: str
    platform: str | None
    dayfirst: bool
    authors: dict[str, str] = field(default_factory=dict, repr=False)
    """Handle → keyed hash, remembered within a run (authors post many times)."""

    def hash_author(self, handle: str) -> str:
        """:func:`author_hash` of ``handle`` under this run's key (cached)."""
        hashed = self.authors.get(handle)
        if hashed is None:
            hashed = author_hash(handle, key=self.author_hash_key)
            if len(self.authors) >= _AUTHOR_CACHE:
                self.authors.clear()
            self.authors[handle] = hashed
        return hashed


def validate(data: Any, resolved: Resolved, ctx: Context) -> dict[str, Any] | Rejection:
    """Check one record and return the post's fields (before normalisation)."""
    if not isinstance(data, Mapping):
        return Rejection("not_an_object", f"expected an object, received {type(data).__name__}")
    try:
        return _fields(data, resolved, ctx)
    except Refused as refused:
        return refused.rejection


def _fields(data: Mapping[str, Any], resolved: Resolved, ctx: Context) -> dict[str, Any]:
    keys = resolved.fields
    text = _text(data, keys.get("text", ()), ctx)
    external_id = _first_str(data, keys.get("id", ()), "id", limit=_MAX_ID, numbers=True)
    url = _first_str(data, keys.get("url", ()), "url", limit=None)
    platform = _first_str(data, keys.get("platform", ()), "platform", limit=_MAX_PLATFORM)
    created_at = _time(data, keys.get("created_at", ()), ctx.dayfirst)
    author = _first_str(data, keys.get("author", ()), "author", limit=None, numbers=True)
    hashed = ctx.hash_author(author) if author else _kept_hash(data)
    extra = {k: data[k] for k in resolved.extra if data[k] not in (None, "")}
    if url is not None and not url.lower().startswith(("http://", "https://")):
        extra["invalid_url"] = True  # kept out of links; the post itself is fine
        url = None
    row: dict[str, Any] = {
        "text": text,
        "external_id": external_id,
        "url": url,
        "platform": (platform or ctx.platform or None),
        "created_at": created_at,
        "author_hash": hashed,
        "extra": extra,
    }
    if row["platform"]:
        row["platform"] = row["platform"].strip().lower()
    for name in ("reactions", "shares", "comments", "views"):
        row[name] = _count(data, keys.get(name, ()), resolved.sums.get(name, ()), name)
    return row


def _kept_hash(data: Mapping[str, Any]) -> str | None:
    """The author hash a quarantined record kept in place of its author (see redact_raw)."""
    value = data.get("_author_hash")
    if isinstance(value, str) and re.fullmatch(r"[0-9a-f]{64}", value):
        return value
    return None


def _text(data: Mapping[str, Any], keys: tuple[str, ...], ctx: Context) -> str:
    if not keys:
        raise Refused("missing_text", "no text field", "text")
    for key in keys:
        value = data[key]
        if value is None:
            continue
        if isinstance(value, list):  # chat exports: text as a list of parts
            value = "".join(p if isinstance(p, str) else str(p.get("text", ""))
                            for p in value if isinstance(p, str | dict))
        if not isinstance(value, str):
            raise Refused("wrong_type", f"expected a string, received {type(value).__name__}",
                          key)
        if "\x00" in value:
            raise Refused("nul_byte", "text contains a NUL byte", key)
        if value.strip():
            if len(value) > ctx.max_text_chars:
                raise Refused("too_long", f"text has {len(value)} characters, more than "
                              f"max_text_chars={ctx.max_text_chars}", key)
            return value
    raise Refused("missing_text", "text is empty", keys[0])


def _first_str(data: Mapping[str, Any], keys: tuple[str, ...], name: str, *,
               limit: int | None, numbers: bool = False) -> str | None:
    for key in keys:
        value = data[key]
        if value is None:
            continue
        if numbers and isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise Refused("wrong_type", f"expected a string, received {type(value).__name__}",
                          key)
        if "\x00" in value:
            raise Refused("nul_byte", f"{name} contains a NUL byte", key)
        value = value.strip()
        if not value:
            continue
        if limit is not None and len(value) > limit:
            raise Refused("too_long", f"{name} longer than {limit} characters", key)
        return value
    return None


_MAX_COUNT = 2**62
_SUFFIX = {"k": 1_000, "n": 1_000, "nghìn": 1_000, "m": 1_000_000, "tr": 1_000_000,
           "triệu": 1_000_000, "b": 1_000_000_000}
_THOUSANDS = re.compile(r"^\d{1,3}([.,  ])\d{3}(?:\1\d{3})*$")
_SUFFIXED = re.compile(r"^(\d+(?:[.,]\d+)?)\s*(k|n|nghìn|m|tr|triệu|b)$", re.IGNORECASE)


def _count(data: Mapping[str, Any], keys: tuple[str, ...], sums: tuple[str, ...],
           name: str) -> int:
    for key in keys:
        value = data[key]
        if type(value) is int and 0 <= value <= _MAX_COUNT:  # the common case, fast
            return value
        if value not in (None, ""):
            return parse_count(value, field=key)
    if not sums:
        return 0
    return sum(parse_count(data[key], field=key) for key in sums if data[key] not in (None, ""))


def parse_count(value: Any, *, field: str) -> int:
    """A non-negative count from an int, an integral float or text ("1,234", "1.2K", "3 N")."""
    if isinstance(value, bool):
        raise Refused("wrong_type", "expected a count, received a boolean", field)
    if isinstance(value, int):
        result = value
    elif isinstance(value, float) and value.is_integer():
        result = int(value)
    elif isinstance(value, str):
        result = _count_text(value.strip(), field)
    else:
        raise Refused("wrong_type", f"expected a count, received {_kind(value)}", field)
    if result < 0 or result > _MAX_COUNT:
        raise Refused("wrong_type", f"expected a count, received {result}", field)
    return result


def _count_text(text: str, field: str) -> int:
    if text.isascii() and text.isdigit():
        return int(text)
    if _THOUSANDS.match(text):
        return int(re.sub(r"\D", "", text))
    match = _SUFFIXED.match(text)
    if match:
        number, suffix = match.groups()
        return int(float(number.replace(",", ".")) * _SUFFIX[suffix.lower()])
    try:
        number_f = float(text)
    except ValueError:
        number_f = -1.0
    if number_f >= 0 and number_f.is_integer():
        return int(number_f)
    raise Refused("wrong_type", f"expected a count, received {text[:40]!r}", field)


def _kind(value: Any) -> str:
    return type(value).__name__


_TZ_NAMES = {"ICT": VIETNAM_TZ, "UTC": UTC, "GMT": UTC, "Z": UTC}
_FORMATS_DAYFIRST = ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y", "%d-%m-%Y %H:%M:%S",
                     "%d-%m-%Y %H:%M", "%d-%m-%Y", "%d.%m.%Y %H:%M", "%d.%m.%Y")
_FORMATS_MONTHFIRST = ("%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%Y", "%m/%d/%Y %I:%M %p")


def _time(data: Mapping[str, Any], keys: tuple[str, ...], dayfirst: bool) -> datetime | None:
    for key in keys:
        value = data[key]
        if value in (None, ""):
            continue
        try:
            return parse_time(value, dayfirst=dayfirst)
        except ValueError as err:
            raise Refused("wrong_type", f"expected a date/time, received {str(value)[:40]!r}"
                          f" ({err})", key) from err
    return None


def parse_time(value: Any, *, dayfirst: bool = True) -> datetime:
    """A timezone-aware datetime from ISO 8601, Unix seconds/milliseconds or common formats.

    Times without a zone are taken as Viet Nam time (UTC+7).
    """
    if isinstance(value, bool):
        raise ValueError("a boolean is not a time")
    if isinstance(value, int | float):
        return _from_epoch(float(value))
    if not isinstance(value, str):
        raise ValueError(f"unsupported type {type(value).__name__}")
    text = value.strip()
    try:  # the common case: ISO 8601 with a zone
        parsed = datetime.fromisoformat(text)
    except ValueError:
        pass
    else:
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=VIETNAM_TZ)
    if re.fullmatch(r"\d{9,13}(\.\d+)?", text):
        return _from_epoch(float(text))
    tz = None
    head, _, last = text.rpartition(" ")
    if head and last.upper() in _TZ_NAMES:
        text, tz = head, _TZ_NAMES[last.upper()]
    parsed = _parse_text(text, dayfirst)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=tz or VIETNAM_TZ)
    return parsed


def _parse_text(text: str, dayfirst: bool) -> datetime:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    except ValueError:
        pass
    formats = _FORMATS_DAYFIRST + _FORMATS_MONTHFIRST
    if not dayfirst:
        formats = _FORMATS_MONTHFIRST + _FORMATS_DAYFIRST
    for fmt in formats:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    raise ValueError("unknown date format")


def _from_epoch(number: float) -> datetime:
    if number > 1e11:  # milliseconds
        number /= 1000.0
    if not 0 <= number < 4e9:
        raise ValueError("timestamp out of range")
    return datetime.fromtimestamp(number, UTC)


def normalize_handle(handle: str) -> str:
    """The form of an author handle that is hashed: NFC, trimmed, case-folded, no '@'."""
    return unicodedata.normalize("NFC", handle).strip().casefold().lstrip("@")


def author_hash(handle: str, *, key: str) -> str:
    """HMAC-SHA256 of the normalised handle under the deployment's secret key (hex)."""
    if not key:
        raise ConfigError(
            "records carry author names but no key is set to hash them; set "
            "KIEMCHUNG_AUTHOR_HASH_KEY (author_hash_key) to a long random secret",
            field="author_hash_key",
        )
    return hmac.digest(key.encode("utf-8"), normalize_handle(handle).encode("utf-8"),
                       "sha256").hex()


def dedup_key(source: str, row: Mapping[str, Any]) -> str:
    """Identity of a post: (source, external id) when there is one, else its content.

    The first 128 bits of a SHA-256 in hex (:data:`DEDUP_KEY_CHARS` characters): collisions
    are out of reach (about 1e-20 for a billion posts) and the unique index that keeps
    ingestion idempotent stays half the size of one on the full digest, so it stays in
    the page cache while millions of posts go in. Migration 0003 cut the keys stored by
    earlier versions (the full digest) to this prefix.
    """
    if row.get("external_id"):
        basis = "id\x1f" + str(row["external_id"])
    else:
        created = row.get("created_at")
        basis = "content\x1f" + json.dumps(
            [row["text"], row.get("url"), row.get("author_hash"), row.get("platform"),
             created.isoformat() if created else None], ensure_ascii=False)
    return hashlib.sha256(f"{source}\x1f{basis}".encode()).hexdigest()[:DEDUP_KEY_CHARS]


def content_hash(text_folded: str) -> str:
    """SHA-256 of the normalised, folded, lower-cased text: equal for copies of a text."""
    return hashlib.sha256(text_folded.lower().encode("utf-8")).hexdigest()


def redact_raw(data: Mapping[str, Any], resolved: Resolved, *, key: str) -> dict[str, Any]:
    """A record without its author-like fields; the author is kept only as its hash."""
    kept = {k: v for k, v in data.items() if k not in resolved.personal}
    for name in resolved.fields.get("author", ()):
        value = data.get(name)
        if isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
            if key:
                kept["_author_hash"] = author_hash(str(value), key=key)
            break
    return kept
