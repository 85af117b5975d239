"""Helpers of the review tests: accounts of each role and a few queued posts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from kiemchung.review.queue import enqueue_posts
from kiemchung.storage import Store
from kiemchung.storage import models as m
from kiemchung.storage.users import create_user


@dataclass
class Desk:
    users: dict[str, m.User]
    items: list[int]
    evidence: str


def make_desk(store: Store, *, n: int = 5) -> Desk:
    """Accounts (viewer, reviewer, reviewer2, editor, admin) and ``n`` queued posts."""
    now = datetime(2026, 11, 1, 8, tzinfo=UTC)
    with store.session() as session:
        accounts = {name: create_user(session, name, "mat-khau-dai-123",
                                      role=name.rstrip("2")) for name in
                    ("viewer", "reviewer", "reviewer2", "editor", "admin")}
        src = m.Source(name="rss", kind="rss")
        session.add(src)
        session.add(m.EvidenceItem(id="ev-1", title="Thông cáo của Bộ Công an",
                                   url="https://bocongan.gov.vn/1", text="",
                                   text_folded="thong cao"))
        session.flush()
        posts = [m.Post(source_id=src.id, dedup_key=f"p{i}", text=f"Bài viết số {i}",
                        platform="facebook", priority=float(i), risk=i / 10,
                        created_at=now - timedelta(days=i)) for i in range(n)]
        session.add_all(posts)
        session.flush()
        enqueue_posts(session, [p.id for p in posts])
        session.flush()
        items = [session.query(m.ReviewItem).filter_by(post_id=p.id).one().id for p in posts]
    return Desk(users=accounts, items=items, evidence="ev-1")
