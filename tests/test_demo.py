"""The bundled demo: loads on both backends, runs the whole pipeline, stays idempotent."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from kiemchung.cli.main import build_cli
from kiemchung.demo import demo_path, load_demo
from kiemchung.settings import Settings
from kiemchung.storage import Store
from kiemchung.storage import models as m
from kiemchung.storage.users import authenticate

PHONE = re.compile(r"0\d{2,3}[ .]?\d{3}[ .]?\d{3,4}")


def _count(store: Store, model: type[m.Base]) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


@pytest.mark.slow
def test_demo_runs_the_whole_pipeline(store: Store, settings: Settings) -> None:
    report = load_demo(store, settings=settings)
    lines = demo_path("demo/posts.jsonl").read_text("utf-8").splitlines()
    assert report.posts.read == len([line for line in lines if line.strip()])
    assert report.posts.read == (report.posts.accepted + report.posts.duplicates
                                 + report.posts.quarantined)
    assert report.factchecks.inserted == 163
    assert report.pipeline.analysed == report.posts.accepted + report.tips
    assert report.pipeline.queued > 0
    assert report.tips > 0
    with store.session() as session:
        # Every post was analysed by all six analysers.
        for analyser in ("scam.v3", "trend.v3", "claim.v3", "toxicity.v1", "clickbait.v2",
                         "spam.v3"):
            assert session.scalar(select(func.count()).where(m.Analysis.analyser == analyser)) \
                == report.posts.accepted + report.tips
        # Opinions go nowhere: a post the claim analyser calls `opinion` is queued only when
        # it is also a scam or dangerous content (those are judged on their own). Tips are
        # questions the public asked us, queued when we had no answer, so they are excluded.
        flagged = select(m.Analysis.post_id).where(
            ((m.Analysis.analyser == "scam.v3") & (m.Analysis.label == "scam"))
            | ((m.Analysis.analyser == "trend.v3") & (m.Analysis.label == "dangerous")))
        queued_opinions = session.scalar(
            select(func.count()).select_from(m.ReviewItem)
            .join(m.Analysis, m.Analysis.post_id == m.ReviewItem.post_id)
            .join(m.Post, m.Post.id == m.ReviewItem.post_id)
            .where(m.Analysis.analyser == "claim.v3", m.Analysis.label == "opinion",
                   m.Post.kind == "post",
                   m.ReviewItem.post_id.not_in(flagged)))
        assert queued_opinions == 0
        # Authors are kept only as keyed hashes.
        handles = {json.loads(line)["author"] for line in lines if line.strip()}
        stored = set(session.scalars(select(m.Post.author_hash)))
        assert not handles & stored
        assert all(h is None or re.fullmatch(r"[0-9a-f]{64}", h) for h in stored)
        # Tipsters' own phone numbers are not stored.
        for text in session.scalars(select(m.Tip.text_redacted)):
            assert "[SĐT]" in text or not re.search(r"(sđt|số) của (tôi|mình|em)", text)
        for username, password in report.passwords.items():
            assert authenticate(session, username, password) is not None

    counts = {model: _count(store, model) for model in (m.Post, m.FactCheck, m.Analysis,
                                                         m.ReviewItem, m.Tip, m.EvidenceItem)}
    again = load_demo(store, settings=settings)
    assert again.posts.accepted == 0 and again.posts.duplicates == report.posts.read
    assert again.pipeline.analysed == 0 and again.pipeline.queued == 0
    assert {model: _count(store, model) for model in counts} == counts


@pytest.mark.slow
def test_demo_command(sqlite_url: str) -> None:
    result = CliRunner().invoke(build_cli(), ["--db", sqlite_url, "demo"])
    assert result.exit_code == 0, result.output
    assert "accepted" in result.output and "demo-admin" in result.output
