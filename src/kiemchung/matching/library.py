"""Fact-check library files: schema.org ClaimReview JSON-LD, JSONL and CSV ↔ records.

Pure parsing and formatting (no database); :mod:`kiemchung.storage.factchecks` stores
the records. A bad row never loses the good ones: readers return both.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from kiemchung import records
from kiemchung.errors import ValidationError
from kiemchung.text import fold, normalize

FORMATS: tuple[str, ...] = ("jsonl", "csv", "claimreview")
CSV_FIELDS: tuple[str, ...] = (
    "id", "claim", "verdict", "verdict_norm", "summary", "url", "publisher", "published_at",
    "language", "tags",
)
_KNOWN = set(CSV_FIELDS) | {"date", "datePublished"}

_VERDICT_WORDS: tuple[tuple[str, str], ...] = (
    ("lua dao", "scam"), ("scam", "scam"), ("gay hieu lam", "misleading"),
    ("sai lech", "misleading"), ("misleading", "misleading"), ("thieu boi canh", "missing_context"),
    ("missing context", "missing_context"), ("chua kiem chung", "unproven"),
    ("chua co can cu", "unproven"), ("unproven", "unproven"), ("cham biem", "satire"),
    ("satire", "satire"), ("tin gia", "false"), ("sai su that", "false"), ("bia dat", "false"),
    ("gia mao", "false"), ("false", "false"), ("sai", "false"), ("dung", "true"),
    ("true", "true"),
)


@dataclass(slots=True)
class LibraryRead:
    """Fact-checks read from a file and the rows that could not be read."""

    items: list[records.FactCheck] = field(default_factory=list)
    errors: list[ValidationError] = field(default_factory=list)
    read: int = 0


def stable_id(*, url: str | None, claim: str) -> str:
    """A deterministic id for an item that has none: from its URL, else its folded claim."""
    key = (url or "").strip() or " ".join(fold(normalize([claim]))[0].lower().split())
    return "fc-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def normalize_verdict(verdict: str | None) -> str | None:
    """Map a published rating ("Tin giả", "Sai sự thật", "False") to a kiemchung verdict."""
    if not verdict:
        return None
    folded = " " + fold([verdict])[0].lower().strip() + " "
    for words, norm in _VERDICT_WORDS:
        if f" {words} " in folded or folded.strip() == words:
            return norm
    return None


def _parse_date(value: Any, *, line: int | None, source: str | None) -> datetime | None:
    if value in (None, ""):
        return None
    text = str(value).strip()
    partial = {4: "%Y", 7: "%Y-%m"}.get(len(text))
    try:
        if partial is not None:
            return datetime.strptime(text, partial).replace(tzinfo=UTC)
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as err:
        raise ValidationError("unreadable date", field="published_at", line=line, source=source,
                              expected="YYYY-MM-DD or ISO 8601", received=text) from err
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def from_mapping(row: Mapping[str, Any], *, line: int | None = None,
                 source: str | None = None) -> records.FactCheck:
    """A fact-check from a JSONL/CSV row (``id`` and ``claim``; the rest optional)."""
    if not isinstance(row, Mapping):
        raise ValidationError("row is not an object", line=line, source=source,
                              expected="a JSON object", received=type(row).__name__)
    if row.get("@type") == "ClaimReview" or "claimReviewed" in row:
        return from_claimreview(row, line=line, source=source)
    claim = row.get("claim")
    if not isinstance(claim, str) or not claim.strip():
        raise ValidationError("missing claim", field="claim", line=line, source=source,
                              expected="non-empty text", received=claim)
    claim = normalize([claim])[0]
    url = _opt_str(row.get("url"))
    fc_id = _opt_str(row.get("id")) or stable_id(url=url, claim=claim)
    verdict = _opt_str(row.get("verdict"))
    tags = row.get("tags") or []
    if isinstance(tags, str):
        tags = [t.strip() for t in tags.split(",") if t.strip()]
    extra = {k: v for k, v in row.items() if k not in _KNOWN and v not in (None, "")}
    return records.FactCheck(
        id=fc_id, claim=claim, verdict=verdict,
        verdict_norm=_opt_str(row.get("verdict_norm")) or normalize_verdict(verdict),
        summary=_opt_str(row.get("summary")), url=url,
        publisher=_opt_str(row.get("publisher")),
        published_at=_parse_date(row.get("published_at") or row.get("date")
                                 or row.get("datePublished"), line=line, source=source),
        language=_opt_str(row.get("language")) or "vi", tags=[str(t) for t in tags],
        extra=extra,
    )


def _opt_str(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _name_of(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, Mapping):
        return _opt_str(value.get("name") or value.get("url"))
    return _opt_str(value)


def from_claimreview(obj: Mapping[str, Any], *, line: int | None = None,
                     source: str | None = None) -> records.FactCheck:
    """A fact-check from one schema.org ClaimReview object."""
    claim = obj.get("claimReviewed")
    if not isinstance(claim, str) or not claim.strip():
        raise ValidationError("ClaimReview without claimReviewed", field="claimReviewed",
                              line=line, source=source, expected="non-empty text",
                              received=claim)
    rating = obj.get("reviewRating") or {}
    if isinstance(rating, list):
        rating = rating[0] if rating else {}
    verdict = _opt_str(rating.get("alternateName")) if isinstance(rating, Mapping) else None
    url = _opt_str(obj.get("url"))
    item = obj.get("itemReviewed") if isinstance(obj.get("itemReviewed"), Mapping) else {}
    extra: dict[str, Any] = {}
    if item:
        extra["item_reviewed"] = dict(item)
    ident = obj.get("identifier") or obj.get("@id")
    claim = normalize([claim])[0]
    return records.FactCheck(
        id=_opt_str(ident) or stable_id(url=url, claim=claim), claim=claim, verdict=verdict,
        verdict_norm=normalize_verdict(verdict), summary=_opt_str(obj.get("description")),
        url=url, publisher=_name_of(obj.get("author")) or _name_of(obj.get("publisher")),
        published_at=_parse_date(obj.get("datePublished"), line=line, source=source),
        language=_opt_str(obj.get("inLanguage")) or "vi", extra=extra,
    )


def to_claimreview(fc: records.FactCheck) -> dict[str, Any]:
    """One fact-check as a schema.org ClaimReview object (JSON-LD)."""
    obj: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "ClaimReview", "identifier": fc.id,
        "claimReviewed": fc.claim, "inLanguage": fc.language,
        "reviewRating": {"@type": "Rating", "alternateName": fc.verdict or fc.verdict_norm},
    }
    if fc.url:
        obj["url"] = fc.url
    if fc.summary:
        obj["description"] = fc.summary
    if fc.publisher:
        obj["author"] = {"@type": "Organization", "name": fc.publisher}
    if fc.published_at:
        obj["datePublished"] = fc.published_at.date().isoformat()
    item = fc.extra.get("item_reviewed")
    if isinstance(item, Mapping):
        obj["itemReviewed"] = dict(item)
    return obj


def to_row(fc: records.FactCheck) -> dict[str, Any]:
    """One fact-check as a flat JSON row (the JSONL library format)."""
    row: dict[str, Any] = {
        "id": fc.id, "claim": fc.claim, "verdict": fc.verdict, "verdict_norm": fc.verdict_norm,
        "summary": fc.summary, "url": fc.url, "publisher": fc.publisher,
        "published_at": fc.published_at.date().isoformat() if fc.published_at else None,
        "language": fc.language, "tags": fc.tags,
    }
    row.update({k: v for k, v in fc.extra.items() if k not in row})
    return row


def _claimreview_objects(data: Any) -> Iterator[Any]:
    if isinstance(data, list):
        for obj in data:
            yield from _claimreview_objects(obj)
    elif isinstance(data, Mapping) and "@graph" in data:
        yield from _claimreview_objects(data["@graph"])
    else:
        yield data


def parse_text(text: str, *, fmt: str, source: str | None = None) -> LibraryRead:
    """Read a library from text in ``fmt`` (``jsonl``, ``csv`` or ``claimreview``)."""
    result = LibraryRead()
    for line, row, error in _rows(text, fmt=fmt, source=source):
        result.read += 1
        if error is not None:
            result.errors.append(error)
            continue
        try:
            result.items.append(from_mapping(row, line=line, source=source))
        except ValidationError as err:
            result.errors.append(err)
    return result


def _rows(text: str, *, fmt: str,
          source: str | None) -> Iterator[tuple[int | None, Any, ValidationError | None]]:
    if fmt == "jsonl":
        for n, raw in enumerate(text.splitlines(), start=1):
            if not raw.strip():
                continue
            try:
                yield n, json.loads(raw), None
            except json.JSONDecodeError as err:
                yield n, None, ValidationError(f"invalid JSON: {err.msg}", line=n,
                                               source=source, expected="one JSON object a line")
    elif fmt == "csv":
        reader = csv.DictReader(io.StringIO(text))
        if not reader.fieldnames or "claim" not in reader.fieldnames:
            yield 1, None, ValidationError("CSV has no 'claim' column", line=1, source=source,
                                           expected="a header with id,claim,…",
                                           received=reader.fieldnames)
            return
        for row in reader:
            yield reader.line_num, row, None
    elif fmt == "claimreview":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as err:
            yield err.lineno, None, ValidationError(f"invalid JSON: {err.msg}", line=err.lineno,
                                                    source=source, expected="JSON-LD")
            return
        for obj in _claimreview_objects(data):
            yield None, obj, None
    else:
        raise ValidationError("unknown library format", field="format",
                              expected=", ".join(FORMATS), received=fmt)


def detect_format(path: str | Path, text: str) -> str:
    """Guess the format from the file name, then from the content."""
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix in (".jsonld", ".json"):
        return "claimreview"
    if suffix == ".jsonl":
        return "jsonl"
    head = text.lstrip()[:1]
    if head == "[":
        return "claimreview"
    if head == "{":
        first = text.lstrip().split("\n", 1)[0]
        try:
            json.loads(first)
            return "jsonl"
        except json.JSONDecodeError:
            return "claimreview"
    return "csv"


def read_library(path: str | Path, *, fmt: str | None = None) -> LibraryRead:
    """Read a fact-check library file (format from ``fmt`` or guessed)."""
    source = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise ValidationError(f"cannot read library file: {err}", source=source) from err
    return parse_text(text, fmt=fmt or detect_format(path, text), source=source)


def write_library(items: Iterable[records.FactCheck], out: io.TextIOBase | Any, *,
                  fmt: str) -> int:
    """Write fact-checks to a text stream in ``fmt``; returns how many were written."""
    items = list(items)
    if fmt == "jsonl":
        for fc in items:
            out.write(json.dumps(to_row(fc), ensure_ascii=False, default=_json_default) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=list(CSV_FIELDS), extrasaction="ignore")
        writer.writeheader()
        for fc in items:
            row = to_row(fc)
            row["tags"] = ",".join(fc.tags)
            writer.writerow(row)
    elif fmt == "claimreview":
        graph = {"@context": "https://schema.org", "@graph": [to_claimreview(fc) for fc in items]}
        out.write(json.dumps(graph, ensure_ascii=False, indent=2, default=_json_default) + "\n")
    else:
        raise ValidationError("unknown library format", field="format",
                              expected=", ".join(FORMATS), received=fmt)
    return len(items)


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def seed_library() -> list[records.FactCheck]:
    """The 163 real Vietnamese fact-checks shipped as demo data."""
    ref = resources.files("kiemchung").joinpath("data", "factchecks", "seed.jsonl")
    result = parse_text(ref.read_text(encoding="utf-8"), fmt="jsonl", source="seed.jsonl")
    return result.items
