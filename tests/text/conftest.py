"""Fixtures of the text toolkit tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from text_data import TEXT_DATA


@pytest.fixture(scope="session")
def text_dir() -> Path:
    return TEXT_DATA
