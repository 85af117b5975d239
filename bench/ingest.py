"""Benchmark: ingest N JSONL posts into SQLite and PostgreSQL; records/s and peak memory.

    .venv/bin/python bench/ingest.py            # 1,000,000 posts
    .venv/bin/python bench/ingest.py --n 100000 # smaller
    .venv/bin/python bench/ingest.py --quick    # 20,000 posts, SQLite only
    .venv/bin/python bench/ingest.py --pg-url postgresql://user@host/db

Each measurement runs in its own child process so that its peak memory (VmHWM from
/proc/self/status) is its own. The baseline, measured in the same run on the same file, is
a bare ``sqlite3``/``psycopg`` executemany of the parsed rows into the same table (same
indexes, same key shapes: a 32-hex dedup key and a 64-hex content hash, same transaction
size), with no validation, normalisation or keyed hashing. A third figure times only the
text toolkit (``kiemchung.text.normalize`` + ``fold``) on the same texts.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

WORDS = ["cảnh", "báo", "lừa", "đảo", "ngân", "hàng", "tài", "khoản", "chuyển", "tiền", "trúng", "thưởng", "quà", "tặng", "công", "an", "bộ", "y", "tế", "vắc", "xin", "tin", "giả", "chia", "sẻ", "ngay", "khẩn", "cấp", "thông", "báo", "người", "dân", "học", "sinh", "phụ", "huynh", "thử", "thách", "nguy", "hiểm", "mạng", "xã", "hội", "đường", "link", "bấm", "vào", "nhận", "mã", "OTP", "cập", "nhật", "thông", "tin", "hôm", "nay", "tỉnh", "thành", "phố", "Hà", "Nội", "Sài", "Gòn", "Đà", "Nẵng", "bão", "lũ", "cứu", "trợ", "quyên", "góp", "giá", "xăng", "tăng", "giảm", "điện", "nước", "bệnh", "viện", "bác", "sĩ", "thuốc", "chữa", "ung", "thư", "chanh", "nóng", "muối", "tỏi", "ko", "dc", "bn", "j", "z", "mik", "đúng", "sai", "xác", "minh", "nguồn", "chính", "thức", "🚨", "😱", "100", "triệu", "500.000đ", "miễn", "phí"]


def make_file(path: Path, n: int, seed: int = 7) -> None:
    """N distinct posts of 15-45 words, with id, author, counts, time and URL."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            words = rng.choices(WORDS, k=rng.randint(15, 45))
            record = {
                "id": f"p{i}", "text": " ".join(words) + f" #{i}",
                "author": f"user{rng.randint(0, 50000)}", "likes": rng.randint(0, 5000),
                "shares": rng.randint(0, 500), "comments": rng.randint(0, 300),
                "created_at": f"2026-03-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:00+07:00",
                "url": f"https://facebook.com/post/{i}", "platform": "facebook",
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def peak_rss_mb() -> float:
    """Peak resident memory of this process (VmHWM), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def child_kiemchung(path: Path, db_url: str) -> dict[str, Any]:
    from kiemchung.ingest import ingest_file
    from kiemchung.settings import load_settings
    from kiemchung.storage import open_store

    settings = load_settings(env={}, overrides={"db_url": db_url, "author_hash_key": "bench"})
    store = open_store(db_url)
    start, cpu = time.perf_counter(), time.process_time()
    summary = ingest_file(store, path, settings=settings)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    store.close()
    return {"seconds": seconds, "cpu": cpu, "summary": str(summary), "rss_mb": peak_rss_mb()}


BATCH, TRANSACTION = 1000, 50_000  # kiemchung's defaults: batch_size, ingest_batch_size


def _baseline_rows(path: Path, batch: int) -> Any:
    rows: list[tuple[Any, ...]] = []
    with path.open("rb") as f:
        for line in f:
            r = json.loads(line)
            key = hashlib.sha256(r["id"].encode()).hexdigest()[:32]  # kiemchung's key shape
            digest = hashlib.sha256(r["text"].encode()).hexdigest()  # a content hash
            rows.append((1, key, r["id"], "post", r["url"], r["platform"], r["text"],
                         r["text"], r["text"], digest, r["likes"], r["shares"], r["comments"],
                         0, "{}", "2026-03-01 00:00:00", 0.0, 0.0))
            if len(rows) == batch:
                yield rows
                rows = []
    if rows:
        yield rows


_BASE_SQL = ("INSERT INTO posts (source_id, dedup_key, external_id, kind, url, platform, text, "
             "text_norm, text_folded, content_hash, reactions, shares, comments, views, extra, "
             "ingested_at, risk, priority) VALUES ({})")


def child_baseline(path: Path, db_url: str) -> dict[str, Any]:
    from kiemchung.storage import open_store

    open_store(db_url).close()  # same schema and indexes
    start, cpu = time.perf_counter(), time.process_time()
    if db_url.startswith("sqlite"):
        import sqlite3

        conn = sqlite3.connect(db_url.split("///", 1)[1])
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA cache_size=-65536")  # the page cache and WAL kiemchung uses
        conn.execute("PRAGMA wal_autocheckpoint=16384")
        conn.execute("INSERT INTO sources (id, name, kind, config, created_at) "
                     "VALUES (1, 'b', 'file', '{}', '2026-01-01')")
        sql = _BASE_SQL.format(", ".join("?" * 18)) + " ON CONFLICT (dedup_key) DO NOTHING"
        for i, rows in enumerate(_baseline_rows(path, BATCH), start=1):
            conn.executemany(sql, rows)
            if i % (TRANSACTION // BATCH) == 0:
                conn.commit()
        conn.commit()
        conn.close()
    else:
        import psycopg

        with psycopg.connect(db_url.replace("+psycopg", "")) as pg:
            pg.execute("INSERT INTO sources (id, name, kind, config, created_at) "
                         "VALUES (1, 'b', 'file', '{}', now())")
            pg.commit()
            sql = (_BASE_SQL.format(", ".join(["%s"] * 18))
                   + " ON CONFLICT (dedup_key) DO NOTHING")
            for i, rows in enumerate(_baseline_rows(path, BATCH), start=1):
                with pg.cursor() as cur:
                    cur.executemany(sql, rows)
                if i % (TRANSACTION // BATCH) == 0:
                    pg.commit()
            pg.commit()
    return {"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu,
            "rss_mb": peak_rss_mb()}


def child_text(path: Path, limit: int) -> dict[str, Any]:
    from kiemchung.text import fold, normalize

    texts = []
    with path.open("rb") as f:
        for _, line in zip(range(limit), f, strict=False):
            texts.append(json.loads(line)["text"])
    start = time.process_time()
    for i in range(0, len(texts), 1000):
        fold(normalize(texts[i:i + 1000]))
    return {"cpu": time.process_time() - start, "n": len(texts), "rss_mb": peak_rss_mb()}


def run_child(*args: str) -> dict[str, Any]:
    proc = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True,
                          text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"child {args} failed:\n{proc.stderr[-3000:]}")
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


class _Postgres:
    """A throw-away PostgreSQL 15 server (like tests/conftest.py)."""

    def __init__(self) -> None:
        self.bin = Path(os.environ.get("KIEMCHUNG_PG_BIN", "/usr/lib/postgresql/15/bin"))
        self.root = Path(tempfile.mkdtemp(prefix="kc-bench-pg-"))
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.as_root = os.geteuid() == 0
        self.user = "postgres" if self.as_root else os.environ.get("USER", "postgres")

    def _run(self, *cmd: str) -> None:
        full = ["runuser", "-u", "postgres", "--", *cmd] if self.as_root else list(cmd)
        subprocess.run(full, check=True, capture_output=True, timeout=120)

    def start(self) -> str:
        if self.as_root:
            shutil.chown(self.root, "postgres", "postgres")
        data = self.root / "data"
        self._run(str(self.bin / "initdb"), "-D", str(data), "-U", self.user, "-A", "trust",
                  "-E", "UTF8", "--locale=C.UTF-8")
        self._run(str(self.bin / "pg_ctl"), "-D", str(data), "-l", str(self.root / "log"),
                  "-w", "-o", f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1",
                  "start")
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/postgres"

    def create(self, name: str) -> str:
        import psycopg

        base = f"postgresql://{self.user}@127.0.0.1:{self.port}"
        with psycopg.connect(base + "/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"{base}/{name}"

    def stop(self) -> None:
        try:
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.root / "data"), "-m", "fast",
                      "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def _pg_database(base_url: str, name: str) -> str:
    import psycopg

    with psycopg.connect(base_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return base_url.rsplit("/", 1)[0] + "/" + name


def report(label: str, n: int, result: dict[str, Any]) -> None:
    extra = f"  ({result['summary']})" if "summary" in result else ""
    print(f"{label:<36} wall {result['seconds']:7.1f} s  cpu {result['cpu']:7.1f} s  "
          f"{n / result['cpu']:9,.0f} rec/cpu-s  peak {result['rss_mb']:5.0f} MB{extra}",
          flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="posts to ingest")
    parser.add_argument("--quick", action="store_true", help="20,000 posts, SQLite only")
    parser.add_argument("--pg-url", help="PostgreSQL server URL (else one is started)")
    parser.add_argument("--no-pg", action="store_true", help="skip PostgreSQL")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        if kind == "kiemchung":
            result = child_kiemchung(Path(rest[0]), rest[1])
        elif kind == "baseline":
            result = child_baseline(Path(rest[0]), rest[1])
        else:
            result = child_text(Path(rest[0]), int(rest[1]))
        print(json.dumps(result))
        return
    n = 20_000 if args.quick else args.n
    with tempfile.TemporaryDirectory(prefix="kc-bench-") as tmp:
        data = Path(tmp) / "posts.jsonl"
        make_file(data, n)
        size_mb = data.stat().st_size / 1e6
        print(f"ingest benchmark: {n:,} JSONL posts ({size_mb:.0f} MB), one process each, "
              f"python {sys.version.split()[0]}, load average {os.getloadavg()[0]:.1f} on "
              f"{os.cpu_count()} cores (cpu = process time; wall suffers from other load)",
              flush=True)
        sample = min(n, 100_000)
        text = run_child("text", str(data), str(sample))
        print(f"{'text toolkit only (normalize+fold)':<36} cpu {text['cpu']:7.1f} s for "
              f"{text['n']:,} texts = {text['n'] / text['cpu']:9,.0f} texts/cpu-s", flush=True)
        report("sqlite baseline (bare executemany)", n,
               run_child("baseline", str(data), f"sqlite:///{tmp}/base.db"))
        report("sqlite kiemchung ingest", n,
               run_child("kiemchung", str(data), f"sqlite:///{tmp}/kc.db"))
        if args.quick or args.no_pg:
            return
        server = None
        try:
            if args.pg_url:
                base = args.pg_url
            else:
                server = _Postgres()
                base = server.start()
            report("postgres baseline (bare executemany)", n,
                   run_child("baseline", str(data), _pg_database(base, "kc_bench_base")))
            report("postgres kiemchung ingest", n,
                   run_child("kiemchung", str(data), _pg_database(base, "kc_bench_kc")))
        finally:
            if server is not None:
                server.stop()


if __name__ == "__main__":
    main()
