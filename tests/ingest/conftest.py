"""Fixtures of the ingestion tests: hostile data files and settings with small limits."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiemchung.settings import Settings

INGEST_DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"


@pytest.fixture
def ingest_data() -> Path:
    """Folder of hostile input files (BOM, CRLF, `;`, bad bytes, NUL, huge lines …)."""
    return INGEST_DATA


@pytest.fixture
def ingest_settings(settings: Settings) -> Settings:
    """Test settings with an author key and a 64 KiB record limit."""
    return settings.replace(max_record_bytes=65536, batch_size=7)
