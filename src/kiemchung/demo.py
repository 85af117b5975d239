"""The bundled demo: invented Vietnamese posts, tips and evidence, plus the seed fact-checks.

``load_demo`` fills a store and runs the whole pipeline, so that a new user sees every part
of kiemchung working on realistic data (``make demo`` / ``kiemchung demo``).
"""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from kiemchung.batch.pipeline import PipelineReport, run_pipeline
from kiemchung.ingest import ingest_file, parse_time
from kiemchung.records import IngestSummary
from kiemchung.settings import Settings
from kiemchung.storage import Store
from kiemchung.storage import models as m
from kiemchung.storage.factchecks import ImportSummary, import_factchecks
from kiemchung.storage.feeds import insert_evidence
from kiemchung.storage.users import create_user, find_user, set_password
from kiemchung.text import fold, normalize

log = logging.getLogger(__name__)

DEMO_ROLES: tuple[str, ...] = ("admin", "editor", "reviewer", "viewer")
DEMO_SOURCE = "demo-social"


@dataclass(slots=True)
class DemoReport:
    """What ``load_demo`` loaded and what the pipeline made of it."""

    factchecks: ImportSummary
    posts: IngestSummary
    evidence: int
    pipeline: PipelineReport
    tips: int
    passwords: dict[str, str] = field(default_factory=dict)


def demo_path(name: str) -> Path:
    """Path of a bundled data file (``demo/posts.jsonl``, ``factchecks/seed.jsonl`` …)."""
    return Path(str(resources.files("kiemchung") / "data" / name))


def demo_settings(settings: Settings) -> Settings:
    """The demo needs an author-hash key; use the configured one or a random one."""
    if settings.author_hash_key:
        return settings
    return settings.replace(author_hash_key=secrets.token_hex(32))


def load_demo(store: Store, *, settings: Settings, with_users: bool = True,
              on_step: Callable[[str], None] | None = None) -> DemoReport:
    """Load the demo data into ``store``, run the pipeline and answer the demo tips.

    Running it again adds nothing new (ingestion and imports are idempotent); demo users get
    fresh random passwords each time, returned in the report (they are never stored clear).
    """
    settings = demo_settings(settings)
    step = on_step or (lambda _name: None)
    step("factchecks")
    factchecks = import_factchecks(store, demo_path("factchecks/seed.jsonl"))
    step("posts")
    posts = ingest_file(store, demo_path("demo/posts.jsonl"), source=DEMO_SOURCE,
                        settings=settings)
    step("evidence")
    evidence = _load_evidence(store)
    step("tips")
    tips = _answer_tips(store, settings=settings)
    pipeline = run_pipeline(store, settings=settings, on_step=step)
    passwords = _demo_users(store) if with_users else {}
    return DemoReport(factchecks=factchecks, posts=posts, evidence=evidence,
                      pipeline=pipeline, tips=tips, passwords=passwords)


def _jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def _load_evidence(store: Store) -> int:
    rows = []
    for item in _jsonl(demo_path("demo/evidence.jsonl")):
        text = normalize([item["text"]])[0]
        rows.append({
            "id": item["id"], "feed_id": None, "title": normalize([item["title"]])[0],
            "text": text, "text_folded": fold([text])[0].lower(), "url": item.get("url"),
            "publisher": item.get("publisher"),
            "published_at": parse_time(item["published_at"]) if item.get("published_at") else None,
        })
    with store.engine.begin() as conn:
        return insert_evidence(conn, rows)


def _answer_tips(store: Store, *, settings: Settings) -> int:
    from kiemchung.tipline.tips import submit_tip

    with store.session() as session:
        if session.scalar(select(func.count()).select_from(m.Tip)):
            return 0  # tips have no natural key: load them once
    count = 0
    for tip in _jsonl(demo_path("demo/tips.jsonl")):
        submit_tip(store, tip["text"], channel=tip.get("channel", "web"), settings=settings)
        count += 1
    return count


def _demo_users(store: Store) -> dict[str, str]:
    passwords: dict[str, str] = {}
    with store.session() as session:
        for role in DEMO_ROLES:
            username = f"demo-{role}"
            password = secrets.token_urlsafe(9)
            if find_user(session, username) is None:
                create_user(session, username, password, role=role)
            else:
                set_password(session, username, password)
            passwords[username] = password
    return passwords
