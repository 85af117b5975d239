"""CSV and JSON Lines exports of published fact-checks (no personal data: none is stored)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from kiemchung.storage import models as m

EXPORT_FIELDS: tuple[str, ...] = (
    "id", "claim", "verdict", "verdict_label", "summary", "url", "publisher", "published_at",
    "language",
)


def factcheck_dict(fc: m.FactCheck) -> dict[str, Any]:
    """The public JSON shape of one fact-check (API and exports)."""
    extra = fc.extra or {}
    return {
        "id": fc.id,
        "claim": fc.claim,
        "verdict": fc.verdict_norm,
        "verdict_label": fc.verdict,
        "summary": fc.summary,
        "url": fc.url,
        "publisher": fc.publisher,
        "published_at": fc.published_at.isoformat() if fc.published_at else None,
        "language": fc.language,
        "evidence": [e for e in extra.get("evidence", []) if isinstance(e, dict)],
    }


def to_jsonl(factchecks: Sequence[m.FactCheck]) -> str:
    """One JSON object per line."""
    return "".join(json.dumps(factcheck_dict(fc), ensure_ascii=False) + "\n"
                   for fc in factchecks)


def to_csv(factchecks: Sequence[m.FactCheck]) -> str:
    """CSV with a header row; cells that a spreadsheet would run as formulas are quoted off."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(EXPORT_FIELDS), extrasaction="ignore")
    writer.writeheader()
    for fc in factchecks:
        row = factcheck_dict(fc)
        writer.writerow({k: _cell(row.get(k)) for k in EXPORT_FIELDS})
    return buf.getvalue()


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
