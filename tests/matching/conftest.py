"""Fixtures for matching tests: the shipped seed library and a matcher over it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiemchung import records
from kiemchung.matching import Matcher, seed_library

EVAL_DIR = Path(__file__).resolve().parents[1] / "data" / "matching"


@pytest.fixture(scope="session")
def seed() -> list[records.FactCheck]:
    return seed_library()


@pytest.fixture(scope="session")
def matcher(seed: list[records.FactCheck]) -> Matcher:
    return Matcher.build(seed)


@pytest.fixture(scope="session")
def real_posts() -> list[dict[str, str]]:
    lines = (EVAL_DIR / "real_posts.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]
