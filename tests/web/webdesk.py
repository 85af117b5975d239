"""Helpers of the web tests (seeded desk, login, live server), importable by any test."""

from __future__ import annotations

import re
import socket
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from kiemchung.review.queue import enqueue_posts
from kiemchung.storage import Store
from kiemchung.storage import models as m

PASSWORD = "mat-khau-rat-dai-123"
HOSTILE = ('<script>window.__pwned = 1; alert("xss")</script><img src=x onerror="window.__pwned=2">'
           ' "quotes" & \u202eRTL\u202c {{ 7*7 }} </textarea></script>')


@dataclass
class Seeded:
    """Ids of the seeded data."""

    items: list[int]
    posts: list[int]
    hostile_item: int
    factcheck: str
    evidence: str


def seed_desk(store: Store, *, n: int = 6) -> Seeded:
    """A small desk: posts with analyses, a story with copies, a match, evidence, items."""
    now = datetime.now(UTC)
    with store.session() as session:
        fb = m.Source(name="facebook-export", kind="file")
        tips = m.Source(name="tipline", kind="tipline")
        story = m.Story(title="Tin giả về vắc-xin", size=3)
        session.add_all([fb, tips, story])
        session.flush()
        fc = m.FactCheck(id="afp-1", claim="Vắc-xin gây vô sinh", verdict="Sai",
                         verdict_norm="false", url="https://factcheck.afp.com/x",
                         publisher="AFP", origin="imported")
        ev = m.EvidenceItem(id="moh-1", title="Bộ Y tế: vắc-xin an toàn",
                            text="Bộ Y tế khẳng định vắc-xin an toàn",
                            text_folded="bo y te khang dinh vac xin an toan",
                            url="https://moh.gov.vn/tin/1", publisher="Bộ Y tế",
                            published_at=now)
        session.add_all([fc, ev])
        posts = []
        for i in range(n):
            text = (f"Tin khẩn {i}: tiêm vắc-xin gây vô sinh, chia sẻ ngay! NFD: Hoà bình"
                    if i < 3 else f"Nhận quà 5 triệu đồng, chuyển khoản phí {i} vào STK 0123")
            post = m.Post(source_id=fb.id if i % 2 == 0 else tips.id, dedup_key=f"k{i}", text=text,
                          platform="facebook" if i % 2 == 0 else "zalo",
                          created_at=now - timedelta(days=i), risk=0.1 * (i + 1),
                          priority=float(i + 1), story_id=story.id if i < 3 else None,
                          url=f"https://facebook.com/p/{i}" if i else "javascript:alert(1)")
            session.add(post)
            posts.append(post)
        hostile = m.Post(source_id=fb.id, dedup_key="hostile", text=HOSTILE, platform="facebook",
                         created_at=now, risk=0.99, priority=100.0)
        session.add(hostile)
        session.flush()
        for post in posts:
            scam = "gây vô sinh" not in post.text
            first = post.text.find("chuyển khoản") if scam else post.text.find("chia sẻ ngay")
            session.add(m.Analysis(
                post_id=post.id, analyser="scam.rules.v1" if scam else "claim.rules.v1",
                label="scam" if scam else "claim", score=0.9, scores={"scam": 0.9},
                signals=[{"code": "urgency", "message": "Thúc giục chia sẻ / chuyển tiền",
                          "weight": 0.5, "span": [first, first + 12]}]))
        session.add(m.Analysis(post_id=hostile.id, analyser="claim.rules.v1", label="claim",
                               score=0.5, signals=[{"code": "x", "message": HOSTILE,
                                                    "span": [0, 8]}]))
        session.add(m.Match(post_id=posts[0].id, factcheck_id="afp-1", score=0.91,
                            decision="maybe", highlights=["gây vô sinh"], matcher="hybrid.v1"))
        post_ids = [p.id for p in posts] + [hostile.id]
        enqueue_posts(session, post_ids)
        session.flush()
        items = dict(session.execute(
            m.ReviewItem.__table__.select().with_only_columns(
                m.ReviewItem.post_id, m.ReviewItem.id)).all())
    return Seeded(items=[items[p] for p in post_ids[:-1]], posts=post_ids[:-1],
                  hostile_item=items[hostile.id], factcheck="afp-1", evidence="moh-1")


def csrf_of(client: TestClient, path: str = "/login") -> str:
    """The CSRF token the page at ``path`` carries in its forms."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert found, f"no CSRF token on {path}"
    return found.group(1)


def login(client: TestClient, username: str, password: str = PASSWORD) -> Any:
    """Log ``client`` in through the login form; returns the response."""
    token = csrf_of(client)
    return client.post("/login", data={"username": username, "password": password,
                                       "csrf_token": token, "next": "/desk/queue"},
                       follow_redirects=False)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveServer:
    """uvicorn serving an app in a background thread."""

    def __init__(self, app: FastAPI) -> None:
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                                lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the live server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
