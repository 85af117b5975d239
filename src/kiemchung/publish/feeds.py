"""Atom feed of published fact-checks."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from xml.etree import ElementTree as ET

from kiemchung.publish.labels import verdict_label
from kiemchung.settings import Settings
from kiemchung.storage import models as m

ATOM_NS = "http://www.w3.org/2005/Atom"


def atom_feed(factchecks: Sequence[m.FactCheck], *, settings: Settings) -> str:
    """An Atom 1.0 document (UTF-8 XML text) listing ``factchecks``."""
    ET.register_namespace("", ATOM_NS)
    base = settings.public_base_url.rstrip("/")
    feed = ET.Element(f"{{{ATOM_NS}}}feed", {"xml:lang": "vi"})
    _text(feed, "id", f"{base}/factchecks")
    _text(feed, "title", f"Kiểm chứng — {settings.publisher_name}")
    stamps = [fc.updated_at or fc.published_at for fc in factchecks]
    updated = max((s for s in stamps if s is not None), default=datetime.now(UTC))
    _text(feed, "updated", _iso(updated))
    ET.SubElement(feed, f"{{{ATOM_NS}}}link", {"rel": "self",
                                              "href": f"{base}/factchecks/feed.atom"})
    ET.SubElement(feed, f"{{{ATOM_NS}}}link", {"rel": "alternate", "href": f"{base}/factchecks"})
    author = ET.SubElement(feed, f"{{{ATOM_NS}}}author")
    _text(author, "name", settings.publisher_name)
    for fc in factchecks:
        entry = ET.SubElement(feed, f"{{{ATOM_NS}}}entry")
        url = fc.url or f"{base}/factchecks/{fc.id}"
        _text(entry, "id", url)
        _text(entry, "title", f"[{verdict_label(fc.verdict_norm, 'vi')}] {fc.claim[:200]}")
        ET.SubElement(entry, f"{{{ATOM_NS}}}link", {"rel": "alternate", "href": url})
        _text(entry, "updated", _iso(fc.updated_at or fc.published_at or datetime.now(UTC)))
        if fc.published_at:
            _text(entry, "published", _iso(fc.published_at))
        _text(entry, "summary", fc.summary or "")
        ET.SubElement(entry, f"{{{ATOM_NS}}}category", {"term": fc.verdict_norm or ""})
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode")


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}").text = _xml_safe(text)


def _xml_safe(text: str) -> str:
    # XML 1.0 cannot carry most control characters, even escaped.
    return "".join(c for c in text if c in "\t\n\r" or ord(c) >= 0x20)


def _iso(when: datetime) -> str:
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).isoformat().replace("+00:00", "Z")
