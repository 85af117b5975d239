"""Benchmark of the public checker: ``POST /api/v1/check`` under a real HTTP load tool.

Builds a store with N fact-checks (the 163 real seed fact-checks plus realistic distractor
claims recombined from ../shared/data, or synthetic ones when it is absent), serves the
app with uvicorn (``--workers``, pinned with ``taskset`` to ``--server-cpus``) and drives
it with ``wrk`` and a Lua script that POSTs a rotating mix of queries (retyped fact-check
claims, scam messages, unrelated chatter), every request storing its tip as the public
page does. Two mixes: "viral" (48 texts pasted again and again, as viral messages are:
served by the answer cache after the first time) and "all distinct" (every request a new
text: the matcher runs each time). The baseline in the same run is a trivial
``GET /bench/healthz`` on the same server. Beside wrk's figures, the server's own CPU time
per request (all its processes, from /proc) is printed: on a shared machine latencies are
inflated by other work, the CPU cost per request much less.

    .venv/bin/python bench/checker.py               # 10k fact-checks, 20 s per endpoint
    .venv/bin/python bench/checker.py --quick       # 1k fact-checks, 5 s

Goals (issue #8): answer p95 < 100 ms and >= 200 requests/s on 2 cores.
Needs ``wrk`` (Debian: apt-get install -y wrk).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"

QUERIES = [
    "Con đang cấp cứu ở bệnh viện, mẹ chuyển khoản gấp 20 triệu vào STK 0123456789 nhé",
    "Công an phường yêu cầu anh cài app VNeID giả tại http://vneid-gov.top để xác thực",
    "Chúc mừng bạn trúng thưởng xe SH, nộp phí 2 triệu để nhận quà tại shopee-quatang.vip",
    "EVN hoàn tiền điện do tính sai, bấm vào evn-hoantien.top để nhận lại",
    "Tuyển cộng tác viên việc nhẹ lương cao, làm tại nhà 500k/ngày, cọc trước 300k",
    "ngân hàng vietcombank thông báo tài khoản bị khoá, đăng nhập vietcombank-vn.com ngay",
    "Hôm nay trời đẹp quá, cuối tuần đi Đà Lạt không mọi người?",
    "Giá xăng tuần này tăng hay giảm vậy mọi người",
    "Đội tuyển Việt Nam thắng 3-0, quá tuyệt vời",
    "Có ai biết quán phở nào ngon ở quận 1 không",
    "Theo mình thì chính sách mới này chưa hợp lý lắm",
    "Mai có bão lớn không, trường có cho học sinh nghỉ học không?",
]


def factcheck_library(n: int, *, seed: int = 0) -> list:
    """The seed fact-checks plus distractors up to ``n`` items."""
    from kiemchung import records
    from kiemchung.matching.library import seed_library
    from kiemchung.matching.train import distractor_pool, distractors

    library = seed_library()[:n]
    missing = n - len(library)
    if missing > 0:
        if (SHARED / "viclickbait").exists():
            library += distractors(distractor_pool(SHARED), missing, seed=seed)
        else:
            rng = random.Random(seed)
            words = " ".join(QUERIES).split()
            library += [records.FactCheck(id=f"synthetic-{i}", verdict="false",
                                          claim=" ".join(rng.choices(words, k=14)))
                        for i in range(missing)]
    return library


def query_mix(library: list, *, k: int = 48, seed: int = 1) -> list[str]:
    """Queries: retyped seed claims (should match), scams and unrelated texts."""
    from kiemchung.matching.variants import retype

    rng = random.Random(seed)
    seeds = [fc for fc in library if not fc.id.startswith(("distractor", "synthetic"))]
    claims = [retype(fc.claim, rng.choice(["folded", "teencode", "wrapper", "fragment"]), rng)
              for fc in rng.sample(seeds, min(k - len(QUERIES), len(seeds)))]
    mix = claims + QUERIES
    rng.shuffle(mix)
    return mix


def distinct_mix(library: list, *, k: int = 16000, seed: int = 2) -> list[str]:
    """``k`` different texts (cache misses): retyped seed claims and scam/chatter messages,
    each with its own detail."""
    from kiemchung.matching.variants import KINDS, retype

    rng = random.Random(seed)
    seeds = [fc.claim for fc in library if not fc.id.startswith(("distractor", "synthetic"))]
    bases = seeds + QUERIES
    return [f"{retype(rng.choice(bases), rng.choice(KINDS), rng)} ({rng.randint(1, 28)}/"
            f"{rng.randint(1, 12)}, #{i})" for i in range(k)]


def build_store(path: Path, n: int) -> tuple[str, list[str], list[str]]:
    from kiemchung.storage import models as m
    from kiemchung.storage import open_store

    url = f"sqlite:///{path}"
    library = factcheck_library(n)
    with open_store(url) as store, store.session() as session:
        session.add_all(m.FactCheck(id=fc.id, claim=fc.claim, verdict=fc.verdict,
                                    verdict_norm=fc.verdict_norm, summary=fc.summary,
                                    url=fc.url, publisher=fc.publisher) for fc in library)
    return url, query_mix(library), distinct_mix(library)


def make_app():
    """uvicorn ``--factory`` entry: the real app plus the baseline endpoint."""
    from kiemchung.settings import load_settings
    from kiemchung.web.app import create_app

    app = create_app(load_settings())

    @app.get("/bench/healthz")
    def healthz() -> dict[str, bool]:
        return {"ok": True}

    return app


LUA = """
local bodies = %s
local i = 0
request = function()
  i = i + 1
  return wrk.format("POST", "/api/v1/check", {["Content-Type"] = "application/json"},
                    bodies[(i %% #bodies) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format('RESULT {"requests": %%d, "duration_us": %%d, "p50": %%d, "p95": %%d, '
    .. '"p99": %%d, "non2xx": %%d, "errors": %%d}\\n', summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    summary.errors.status, summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout))
end
"""

LUA_GET = """
done = function(summary, latency, requests)
  io.write(string.format('RESULT {"requests": %d, "duration_us": %d, "p50": %d, "p95": %d, '
    .. '"p99": %d, "non2xx": %d, "errors": %d}\\n', summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    summary.errors.status, summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout))
end
"""


def lua_for(queries: list[str], *, submit: bool, rate: float = 0.0, threads: int = 2) -> str:
    """wrk script POSTing ``queries`` in turn. ``rate`` > 0: a steady load of ``rate``
    requests/s in all (each of wrk's ``threads`` starts one every ``threads / rate`` s on a
    fixed schedule, on whichever of its connections is free), not a flood."""
    bodies = [json.dumps({"text": q, "submit": submit}, ensure_ascii=False) for q in queries]
    table = "{" + ", ".join("[==[" + b + "]==]" for b in bodies) + "}"
    script = LUA % table
    if rate > 0:
        script += LUA_STEADY % (threads * 1000.0 / rate)
    return script


# The schedule needs a wall clock in milliseconds: wrk's LuaJIT calls clock_gettime.
LUA_STEADY = """
local ffi = require("ffi")
ffi.cdef[[ typedef struct { long tv_sec; long tv_nsec; } kc_timespec;
           int clock_gettime(int clk_id, kc_timespec *tp); ]]
local ts = ffi.new("kc_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts)  -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end
local interval, next_t = %f, nil
delay = function()
  local t = now_ms()
  if next_t == nil then next_t = t end
  next_t = next_t + interval
  if next_t < t then return 0 end
  return math.floor(next_t - t)
end
"""

# Steady run: distinct messages arriving at STEADY_RATE requests/s on a fixed schedule
# (open loop: the next message does not wait for the previous answer, as the public's
# messages do not), on STEADY_CONNECTIONS connections so that a slow answer does not hold
# back the schedule. It answers the goal's question directly: with >= 200 new messages a
# second, what is the p95? (The flood runs above measure capacity: there, latency is the
# queue that a closed loop of clients builds, and batching flatters the CPU per request.)
STEADY_RATE = 210.0
STEADY_CONNECTIONS = 64


def server_cpu_s(proc: subprocess.Popen) -> float | None:
    """CPU seconds (user + system) used so far by the server's processes (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    total = 0.0
    try:
        pgid = os.getpgid(proc.pid)
        pids = [int(p) for p in os.listdir("/proc") if p.isdigit()]
    except OSError:
        return None
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:  # field 5 of stat: the process group
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def run_wrk(url: str, script: Path, *, seconds: int, connections: int, threads: int,
            cpus: str | None) -> dict[str, float]:
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
           "-s", str(script), url]
    if cpus:
        cmd = ["taskset", "-c", cpus, *cmd]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    line = next(ln for ln in out.splitlines() if ln.startswith("RESULT "))
    raw = json.loads(line[len("RESULT "):])
    return {"rps": raw["requests"] / (raw["duration_us"] / 1e6), "p50_ms": raw["p50"] / 1000,
            "p95_ms": raw["p95"] / 1000, "p99_ms": raw["p99"] / 1000,
            "requests": raw["requests"], "non2xx": raw["non2xx"], "errors": raw["errors"]}


def tip_count(path: Path) -> int:
    """Tips stored so far (read with the standard library, beside the server)."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30) as conn:
        return int(conn.execute("SELECT count(*) FROM tips").fetchone()[0])


def wait_for_tips(path: Path, expected: int, *, timeout: float = 300) -> tuple[int, float]:
    """Wait until ``expected`` tips are stored; (tips still queued when the run ended,
    seconds it took to write them)."""
    t0 = time.perf_counter()
    count = tip_count(path)
    backlog, last_change = max(0, expected - count), t0
    # Done when all are stored, or nothing was written for 1.5 s (a request may store none).
    while count < expected and time.perf_counter() - last_change < 1.5 \
            and time.perf_counter() - t0 < timeout:
        time.sleep(0.25)
        now_count = tip_count(path)
        if now_count != count:
            count, last_change = now_count, time.perf_counter()
    return backlog, time.perf_counter() - t0


def start_server(db_url: str, *, port: int, workers: int, cpus: str | None) -> subprocess.Popen:
    env = {**os.environ, "KIEMCHUNG_DB_URL": db_url, "KIEMCHUNG_SECRET_KEY": "bench-" + "x" * 20,
           "KIEMCHUNG_RATE_LIMIT_PER_MINUTE": "0", "KIEMCHUNG_MAX_TEXT_CHARS": "20000"}
    cmd = [sys.executable, "-m", "uvicorn", "--factory", "checker:make_app", "--app-dir",
           str(Path(__file__).parent), "--host", "127.0.0.1", "--port", str(port),
           "--workers", str(workers), "--log-level", "warning", "--no-access-log"]
    if cpus:
        cmd = ["taskset", "-c", cpus, *cmd]
    return subprocess.Popen(cmd, env=env, start_new_session=True)


def wait_ready(base: str, proc: subprocess.Popen, *, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("the server exited")
        try:
            if httpx.get(base + "/bench/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError("the server did not start")


def warm_up(base: str, queries: list[str]) -> float:
    """Every worker preloads its matcher at startup; send each viral query a few times from
    several connections so that every worker is ready. Returns the slowest answer."""
    from concurrent.futures import ThreadPoolExecutor

    def one(text: str) -> float:
        t0 = time.perf_counter()
        with httpx.Client(timeout=120) as client:
            client.post(base + "/api/v1/check", json={"text": text, "submit": False}
                        ).raise_for_status()
        return time.perf_counter() - t0

    with ThreadPoolExecutor(max_workers=8) as pool:
        return max(pool.map(one, queries * 3))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1k fact-checks, 5 s runs")
    parser.add_argument("--factchecks", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument("--server-cpus", default="0,1", help="taskset list for the server "
                        "('' for no pinning)")
    parser.add_argument("--wrk-cpus", default="", help="taskset list for wrk ('' = any)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--only", default="", help="run only the endpoints whose name contains "
                        "this (e.g. 'steady' with --seconds 150: does the tip queue keep up?)")
    args = parser.parse_args(argv)
    if args.quick:
        args.factchecks, args.seconds = 1000, 5
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install -y wrk")
    tmp = Path(tempfile.mkdtemp(prefix="kc-bench-checker-"))
    port = 18000 + os.getpid() % 1000
    base = f"http://127.0.0.1:{port}"
    t0 = time.perf_counter()
    db_url, queries, distinct = build_store(tmp / "bench.db", args.factchecks)
    print(f"store: {args.factchecks} fact-checks in {time.perf_counter() - t0:.1f} s; "
          f"{len(queries)} distinct queries; cores here: {os.cpu_count()}; "
          f"server cpus: {args.server_cpus or 'any'}, workers: {args.workers}; "
          f"wrk cpus: {args.wrk_cpus or 'any'}, {args.connections} connections")
    proc = start_server(db_url, port=port, workers=args.workers, cpus=args.server_cpus or None)
    results: dict[str, dict[str, float]] = {}
    load_before = os.getloadavg()
    try:
        wait_ready(base, proc)
        print(f"warm-up (matcher preload per worker): slowest answer "
              f"{warm_up(base, queries):.2f} s")
        scripts = {"healthz (baseline)": (tmp / "get.lua", LUA_GET, base + "/bench/healthz"),
                   "check, viral, no tip": (tmp / "ro.lua", lua_for(queries, submit=False), base),
                   "check, viral mix": (tmp / "viral.lua", lua_for(queries, submit=True), base),
                   # Two disjoint halves, so that no steady-run message was seen before.
                   "check, all distinct": (tmp / "distinct.lua",
                                           lua_for(distinct[: len(distinct) // 2], submit=True),
                                           base),
                   "all distinct, steady": (tmp / "steady.lua",
                                            lua_for(distinct[len(distinct) // 2 :], submit=True,
                                                    rate=STEADY_RATE), base)}
        submitted = tip_count(tmp / "bench.db")
        scripts = {k: v for k, v in scripts.items() if args.only in k}
        for name, (path, source, url) in scripts.items():
            path.write_text(source, encoding="utf-8")
            cpu0 = server_cpu_s(proc)
            steady = name.endswith("steady")
            results[name] = run_wrk(url, path, seconds=args.seconds,
                                    connections=STEADY_CONNECTIONS if steady else args.connections,
                                    threads=2, cpus=args.wrk_cpus or None)
            if "no tip" not in name and "healthz" not in name:
                submitted += results[name]["requests"]
                # Tips still queued by the write-behind writer are written (and their CPU
                # counted) before the next run starts, so runs do not pay for each other.
                results[name]["tip_backlog"], results[name]["drain_s"] = wait_for_tips(
                    tmp / "bench.db", submitted)
            cpu1 = server_cpu_s(proc)
            if cpu0 is not None and cpu1 is not None and results[name]["requests"]:
                results[name]["server_cpu_ms"] = (cpu1 - cpu0) * 1000 / results[name]["requests"]
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)
    load_after = os.getloadavg()
    print(f"load average (1 min) before: {load_before[0]:.2f}, after: {load_after[0]:.2f} "
          f"(a quiet machine: under {os.cpu_count() or 1})")
    print(f"{'endpoint':<22}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
          f"{'requests':>10}{'non-2xx':>9}{'errors':>8}{'server CPU ms/req':>19}")
    for name, r in results.items():
        cpu = f"{r['server_cpu_ms']:.2f}" if "server_cpu_ms" in r else "n/a"
        print(f"{name:<22}{r['rps']:>9.0f}{r['p50_ms']:>9.1f}{r['p95_ms']:>9.1f}"
              f"{r['p99_ms']:>9.1f}{r['requests']:>10.0f}{r['non2xx']:>9.0f}{r['errors']:>8.0f}"
              f"{cpu:>19}")
    print(f"(flood runs: {args.connections} connections, each sending its next request as soon as "
          f"it has an answer; steady run: {STEADY_RATE:.0f} new messages/s offered on a fixed "
          f"schedule over {STEADY_CONNECTIONS} connections)")
    for name, r in results.items():
        if r.get("tip_backlog"):
            print(f"{name}: {r['tip_backlog']:.0f} tips were still queued in memory when the run "
                  f"ended (written {r['drain_s']:.1f} s later; CPU above includes it)")
    for name in ("check, viral mix", "check, all distinct", "all distinct, steady"):
        if name not in results:
            continue
        r = results[name]
        met = r["p95_ms"] < 100 and r["rps"] >= 200
        print(f"goal p95 < 100 ms and >= 200 req/s, {name}: {'met' if met else 'NOT met'}")
    if args.json:
        args.json.write_text(json.dumps({"args": {k: str(v) for k, v in vars(args).items()},
                                         "load_average": [load_before, load_after],
                                         "results": results}, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
