from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from text_data import read_lines, read_table

from kiemchung.text import expand_teencode, normalize
from kiemchung.text.teencode import expand_one, lexicon
from kiemchung.text.tokenize import tokenize_one


@pytest.mark.parametrize(("raw", "expected"), read_table("teencode.tsv"))
def test_expansions(raw: str, expected: str) -> None:
    assert expand_teencode([raw]) == [expected]


def test_real_syllables_and_names_are_kept() -> None:
    lines = read_lines("teencode_keep.txt")
    assert expand_teencode(lines) == normalize(lines)


def test_clean_vietnamese_files_are_kept() -> None:
    lines = read_lines("vi_nfc.txt")
    assert expand_teencode(lines) == lines


def test_lexicon_rows_never_map_a_token_to_itself() -> None:
    for token, rules in lexicon().items():
        assert all(rule.expansion.lower() != token for rule in rules)


def test_rewrite_rate_on_clean_news_below_half_percent(shared_data: Path) -> None:
    tokens = rewritten = 0
    for name in ("train.jsonl", "dev.jsonl"):
        for line in (shared_data / "viclickbait" / name).open(encoding="utf-8"):
            row = json.loads(line)
            for text in (row.get("lead_paragraph"), row.get("text")):
                if isinstance(text, str):
                    norm = normalize([text])[0]
                    tokens += len(tokenize_one(norm, lower=False))
                    rewritten += expand_one(norm)[1]
    assert tokens > 100_000
    assert rewritten / tokens < 0.005


@settings(max_examples=200)
@given(st.text(max_size=120))
def test_never_crashes(text: str) -> None:
    once = expand_teencode([text])[0]
    assert isinstance(once, str)
