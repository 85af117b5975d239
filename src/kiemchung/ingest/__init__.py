"""Ingestion: connectors (files, exports, RSS, tipline, API) with validation and quarantine.

Public API::

    from kiemchung.ingest import ingest_file, ingest_records, retry_quarantine, poll_feeds

Every record read is accepted, a duplicate, or quarantined with its reason and line
number (``read == accepted + duplicates + quarantined``); re-running adds nothing.
"""

from __future__ import annotations

from kiemchung.ingest.connectors import Connector, builtin_connectors, get_connector
from kiemchung.ingest.feeds import FeedPollResult, add_feed, poll_feeds
from kiemchung.ingest.mapping import PRESETS, FieldMapping
from kiemchung.ingest.pipeline import (
    Progress,
    RetrySummary,
    ingest_file,
    ingest_records,
    retry_quarantine,
)
from kiemchung.ingest.validate import author_hash, content_hash, dedup_key, parse_time
from kiemchung.plugins import Registry

__all__ = [
    "PRESETS",
    "Connector",
    "FeedPollResult",
    "FieldMapping",
    "Progress",
    "RetrySummary",
    "add_feed",
    "author_hash",
    "builtin_connectors",
    "content_hash",
    "dedup_key",
    "get_connector",
    "ingest_file",
    "ingest_records",
    "parse_time",
    "poll_feeds",
    "register_plugins",
    "retry_quarantine",
]


def register_plugins(registry: Registry) -> None:
    """Register the built-in connectors (kind ``connectors``)."""
    for connector in builtin_connectors():
        registry.register("connectors", connector.name, connector)
