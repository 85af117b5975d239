"""Benchmark: all six analysers together on one core, against a plain TF-IDF + LR baseline.

    .venv/bin/python bench/analyse.py            # 20,000 posts
    .venv/bin/python bench/analyse.py --quick    # 2,000 posts

Prints posts/s of ``kiemchung.analysis.analyse`` (six analysers, shared features), the
same for a plain scikit-learn ``TfidfVectorizer + LogisticRegression`` pipeline (one, and
six in a row) measured in the same run, the model sizes on disk and the load time.
Rates are given from CPU time (``time.process_time``, what the code costs) and from
wall-clock time (what it took on this machine, which may be shared); ``--repeat`` runs
each measurement several times and keeps the fastest.
"""

from __future__ import annotations

import os

# One core: pin the process and keep BLAS single-threaded (before numpy is imported).
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"
if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})

import argparse  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
SYNTHETIC = [
    "Chúc mừng quý khách trúng thưởng xe SH, nộp phí 2 triệu để nhận giải tại tri-an.xyz",
    "Tối nay cả nhà ăn cơm lúc 7 giờ nhé 🍚",
    "Bộ trưởng làm việc quá tệ, chính sách này thật bất công.",
    "Từ ngày 1/7 giá điện tăng 10%, theo thông báo của EVN.",
    "SỐC: sự thật về món ăn ai cũng ăn mỗi ngày!!!",
    "giao hàng nhanh, đóng gói cẩn thận, sản phẩm ok",
    "ko bít j lun á, mai tính tiếp nha",
    "Thử thách nín thở đến ngất đang hot, ai dám thử thì quay clip tag bạn bè",
]


def _texts(n: int) -> list[str]:
    """``n`` DISTINCT texts: real comments, reviews and headlines (shared data dev and train
    splits) in a fixed random order. Distinct on purpose: analysers memoise per text, and
    repeated texts would flatter them (and the baseline)."""
    pool: list[str] = []
    for name in ("vihsd", "vispamreviews", "viclickbait"):
        for split in ("dev", "train"):
            path = SHARED / name / f"{split}.jsonl"
            if path.exists():
                pool.extend(json.loads(line)["text"] for line in path.open(encoding="utf-8"))
    pool = list(dict.fromkeys(pool)) or SYNTHETIC
    rng = random.Random(0)
    rng.shuffle(pool)
    if len(pool) < n:  # without the shared data: distinct numbered copies
        pool = [f"{pool[i % len(pool)]} ({i})" for i in range(n)]
    return pool[:n]


def _baseline_train() -> tuple[list[str], list[str]]:
    path = SHARED / "vihsd" / "train.jsonl"
    if path.exists():
        rows = [json.loads(line) for line in path.open(encoding="utf-8")][:8000]
        return [r["text"] for r in rows], [r["label"] for r in rows]
    return SYNTHETIC * 10, (["a", "b"] * 4) * 10


def _rate(n: int, cpu: float, wall: float) -> str:
    return (f"{n / cpu:,.0f} posts/s by CPU time ({cpu:.2f} s CPU)"
            f" · {n / wall:,.0f} posts/s by wall clock ({wall:.2f} s)")


def _timed(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Fastest CPU and wall-clock seconds of ``run`` over ``repeat`` runs."""
    cpu = wall = float("inf")
    for _ in range(repeat):
        c0, t0 = time.process_time(), time.perf_counter()
        run()
        cpu, wall = min(cpu, time.process_time() - c0), min(wall, time.perf_counter() - t0)
    return cpu, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=20_000, help="Number of posts.")
    parser.add_argument("--quick", action="store_true", help="Small run (2,000 posts).")
    parser.add_argument("--batch", type=int, default=1000, help="Posts per batch.")
    parser.add_argument("--repeat", type=int, default=1, help="Runs per measurement (fastest kept).")
    args = parser.parse_args()
    n = 2000 if args.quick else args.n
    texts = _texts(n)
    print(f"posts: {n} distinct · mean length {sum(map(len, texts)) / n:.0f} chars · one core"
          f" · load average {os.getloadavg()[0]:.1f}")

    c0, t0 = time.process_time(), time.perf_counter()
    from kiemchung.analysis import TASKS, analyse, get_analyser
    from kiemchung.plugins import load_plugins

    load_plugins()
    import_s, import_cpu = time.perf_counter() - t0, time.process_time() - c0
    sklearn_loaded = "sklearn" in sys.modules
    c0, t0 = time.process_time(), time.perf_counter()
    for task in TASKS:
        get_analyser(task).load()  # type: ignore[attr-defined]
    load_s, load_cpu = time.perf_counter() - t0, time.process_time() - c0
    from kiemchung.analysis._analyser import builtin_model_dir

    sizes = {t: sum(f.stat().st_size for f in builtin_model_dir(t).iterdir()) for t in TASKS}
    print(f"import kiemchung.analysis + plugins: {import_s:.2f} s ({import_cpu:.2f} s CPU;"
          f" scikit-learn imported: {'yes' if sklearn_loaded else 'no'})")
    print(f"load the six models: {load_s:.2f} s ({load_cpu:.2f} s CPU)")
    print("model sizes: " + ", ".join(f"{t} {s / 1e6:.1f} MB" for t, s in sizes.items())
          + f" · total {sum(sizes.values()) / 1e6:.1f} MB")

    analyse(texts[:100])  # warm-up

    def ours() -> None:
        for i in range(0, n, args.batch):
            analyse(texts[i : i + args.batch])

    cpu, wall = _timed(ours, args.repeat)
    print(f"kiemchung, six analysers together: {_rate(n, cpu, wall)}")

    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    x, y = _baseline_train()
    pipe = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
                         LogisticRegression(max_iter=1000)).fit(x, y)
    pipe.predict_proba(texts[:100])

    def baseline() -> None:
        for i in range(0, n, args.batch):
            pipe.predict_proba(texts[i : i + args.batch])

    cpu, wall = _timed(baseline, args.repeat)
    print(f"baseline, one TF-IDF(word 1-2) + LR pipeline: {_rate(n, cpu, wall)}")
    print(f"baseline, six such pipelines in a row: {_rate(n, cpu * 6, wall * 6)}")


if __name__ == "__main__":
    main()
