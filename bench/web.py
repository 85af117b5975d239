"""Bench: queue and item pages of the review desk with many posts, SQLite and PostgreSQL.

    .venv/bin/python bench/web.py               # 100k posts, SQLite and PostgreSQL
    .venv/bin/python bench/web.py --quick       # 5k posts
    .venv/bin/python bench/web.py --backend sqlite --posts 20000

Pages are requested in-process (httpx TestClient: app + templates + database, no network),
after one warm-up request each. Baseline, measured in the same run: the raw SQL the queue
page needs (count + one page of ids) and the item's post row, through the same engine.
Goal: p95 < 200 ms for both pages.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, text

from kiemchung.settings import load_settings
from kiemchung.storage import Store, open_store
from kiemchung.storage import models as m

PG_BIN = Path(os.environ.get("KIEMCHUNG_PG_BIN", "/usr/lib/postgresql/15/bin"))
LABELS = ("claim", "scam", "dangerous", "toxic", "clickbait", "opinion")
PLATFORMS = ("facebook", "zalo", "tiktok", "youtube")
TEXTS = (
    "Khẩn cấp!!! Uống nước chanh ấm mỗi sáng chữa khỏi ung thư, chia sẻ ngay cho người thân",
    "Chúc mừng bạn trúng thưởng 50 triệu đồng, chuyển phí 500k vào STK 0123456789 để nhận quà",
    "Bộ Y tế thông báo tiêm vắc-xin gây vô sinh ở phụ nữ trẻ, hãy cẩn thận",
    "Thử thách nhịn thở 60 giây đang lan truyền trong học sinh tiểu học",
    "Ngân hàng thông báo tài khoản của bạn bị khoá, đăng nhập vietcombank-xacminh.com ngay",
)
PASSWORD = "bench-password-123"


def seed(store: Store, n: int, *, batch: int = 10_000) -> None:
    """``n`` posts, one analysis each, every post queued, stories and some matches.

    Bulk inserts for speed; the item rows carry what ``enqueue_posts`` would copy.
    """
    rng = random.Random(7)
    now = datetime.now(UTC)
    with store.session() as s:
        for i, name in enumerate(("facebook-export", "tipline", "rss-news")):
            s.add(m.Source(id=i + 1, name=name))
        n_stories = max(1, n // 50)
        s.execute(insert(m.Story), [{"id": i + 1, "title": f"story {i}", "size": 5}
                                    for i in range(n_stories)])
        s.execute(insert(m.FactCheck), [{"id": f"fc-{i}", "claim": TEXTS[i % len(TEXTS)],
                                         "verdict": "Sai", "verdict_norm": "false",
                                         "origin": "imported", "tags": [], "extra": {}}
                                        for i in range(100)])
        from kiemchung.storage.users import create_user

        create_user(s, "bench", PASSWORD, role="editor")
    statuses = ("new",) * 16 + ("claimed", "draft", "submitted", "published")
    for start in range(0, n, batch):
        ids = range(start + 1, min(n, start + batch) + 1)
        posts, analyses, items, matches = [], [], [], []
        for pid in ids:
            story = rng.randrange(1, n_stories + 1) if rng.random() < 0.3 else None
            risk = rng.random()
            posts.append({
                "id": pid, "source_id": rng.randint(1, 3), "dedup_key": f"b{pid}",
                "text": f"{TEXTS[pid % len(TEXTS)]} #{pid}", "platform": rng.choice(PLATFORMS),
                "created_at": now - timedelta(minutes=pid), "risk": risk,
                "priority": risk * rng.random() * 10, "story_id": story, "shares": pid % 500,
                "extra": {}, "kind": "post"})
            signals = [{"code": "urgency", "message": "Thúc giục chia sẻ", "weight": 0.4,
                        "span": [0, 9]}]
            label = rng.choice(LABELS)
            analyses.append({"post_id": pid, "analyser": "bench.v1", "label": label,
                             "score": risk, "scores": {"x": risk}, "signals": signals})
            post = posts[-1]
            items.append({"id": pid, "post_id": pid, "story_id": story,
                          "status": rng.choice(statuses), "priority": post["priority"],
                          "source_id": post["source_id"], "platform": post["platform"],
                          "risk": risk, "posted_at": post["created_at"], "labels": f",{label},"})
            if pid % 20 == 0:
                matches.append({"post_id": pid, "factcheck_id": f"fc-{pid % 100}", "score": 0.8,
                                "decision": "maybe", "highlights": ["chia sẻ ngay"]})
        with store.session() as s:
            s.execute(insert(m.Post), posts)
            s.execute(insert(m.Analysis), analyses)
            s.execute(insert(m.ReviewItem), items)
            if matches:
                s.execute(insert(m.Match), matches)
    with store.engine.begin() as conn:
        conn.execute(text("ANALYZE"))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    fn()  # warm-up
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def report(name: str, ms: list[float]) -> None:
    print(f"  {name:<44} p50 {statistics.median(ms):7.1f} ms   p95 {percentile(ms, 0.95):7.1f} ms"
          f"   max {max(ms):7.1f} ms")


def bench_backend(label: str, url: str, n: int, repeat: int) -> None:
    from fastapi.testclient import TestClient

    from kiemchung.web.app import create_app

    store = open_store(url)
    t0 = time.perf_counter()
    seed(store, n)
    print(f"\n[{label}] {n:,} posts seeded in {time.perf_counter() - t0:.1f} s")
    settings = load_settings(env={}, overrides={"db_url": url, "secret_key": "bench-" * 4})
    app = create_app(settings, store=store)
    rng = random.Random(1)
    with TestClient(app) as client:
        page = client.get("/login").text
        token = page.split('name="csrf_token" value="')[1].split('"')[0]
        client.post("/login", data={"username": "bench", "password": PASSWORD,
                                    "csrf_token": token})

        def get(path: str) -> Callable[[], object]:
            def run() -> None:
                response = client.get(path)
                assert response.status_code == 200, response.text[:200]
            return run

        def item() -> None:
            response = client.get(f"/desk/items/{rng.randint(1, n)}")
            assert response.status_code == 200

        open_states = "('new','claimed','draft','submitted','returned','approved')"

        def raw_queue() -> None:
            with store.engine.connect() as conn:
                conn.execute(text(f"SELECT count(*) FROM review_items WHERE status IN {open_states}")).all()
                conn.execute(text(f"SELECT id FROM review_items WHERE status IN {open_states} "
                                  "ORDER BY priority DESC, id DESC LIMIT 50")).all()

        def raw_item() -> None:
            with store.engine.connect() as conn:
                conn.execute(text("SELECT * FROM posts WHERE id = :i"),
                             {"i": rng.randint(1, n)}).all()

        report("baseline: raw SQL of the queue page", timed(raw_queue, repeat))
        report("baseline: raw SQL of the item's post row", timed(raw_item, repeat))
        report("GET /desk/queue", timed(get("/desk/queue"), repeat))
        report("GET /desk/queue?label=scam&platform=zalo", timed(
            get("/desk/queue?label=scam&platform=zalo&min_risk=0.5"), repeat))
        report("GET /desk/queue?page=200 (deep page)", timed(get("/desk/queue?page=200"), repeat))
        report("GET /desk/items/{random}", timed(item, repeat))
        report("GET /factchecks (public index)", timed(get("/factchecks"), repeat))
    store.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def postgres() -> Iterator[str]:
    """A throw-away PostgreSQL 15 server on loopback (as the postgres user when root)."""
    root = Path(tempfile.mkdtemp(prefix="kc-bench-pg-"))
    as_root = os.geteuid() == 0
    user = "postgres" if as_root else os.environ.get("USER", "postgres")

    def run(*args: str) -> None:
        cmd = ["runuser", "-u", "postgres", "--", *args] if as_root else list(args)
        subprocess.run(cmd, check=True, capture_output=True, timeout=120)

    if as_root:
        shutil.chown(root, "postgres", "postgres")
    port = _free_port()
    run(str(PG_BIN / "initdb"), "-D", str(root / "data"), "-U", user, "-A", "trust",
        "-E", "UTF8", "--locale=C.UTF-8")
    run(str(PG_BIN / "pg_ctl"), "-D", str(root / "data"), "-l", str(root / "log"), "-w", "-o",
        f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c synchronous_commit=off", "start")
    try:
        import psycopg

        with psycopg.connect(f"postgresql://{user}@127.0.0.1:{port}/postgres",
                             autocommit=True) as conn:
            conn.execute('CREATE DATABASE "bench"')
        yield f"postgresql://{user}@127.0.0.1:{port}/bench"
    finally:
        run(str(PG_BIN / "pg_ctl"), "-D", str(root / "data"), "-m", "immediate", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--quick", action="store_true", help="5k posts, fewer requests")
    parser.add_argument("--requests", type=int, default=100, help="requests per page")
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    args = parser.parse_args()
    # a terminated bench still stops its PostgreSQL server (the context manager's finally)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    n = 5_000 if args.quick else args.posts
    repeat = 30 if args.quick else args.requests
    print(f"kiemchung web bench: {n:,} posts, {repeat} requests per page, python "
          f"{sys.version.split()[0]}")
    if args.backend in ("sqlite", "both"):
        with tempfile.TemporaryDirectory() as tmp:
            bench_backend("SQLite", f"sqlite:///{tmp}/bench.db", n, repeat)
    if args.backend in ("postgres", "both"):
        if not (PG_BIN / "initdb").exists():
            print(f"\n[PostgreSQL] skipped: no binaries in {PG_BIN}")
        else:
            with postgres() as url:
                bench_backend("PostgreSQL", url, n, repeat)


if __name__ == "__main__":
    main()
