"""Matching speed: lexical-stage latency and throughput, index build time and memory.

    .venv/bin/python bench/match.py            # 10k, 100k and 1M library entries
    .venv/bin/python bench/match.py --quick    # 1k and 10k

Runs on one core (BLAS/OpenMP threads pinned to 1 before numpy is imported) and times
with the process CPU clock, so that other jobs on a shared machine do not inflate the
figures (the wall clock is printed too for batches). Goals at 100k entries: p95 ≤ 10 ms per query (lexical stage), ≥ 1,000 queries/s batched.
Baseline, measured in the same run: brute-force cosine over a scikit-learn
``TfidfVectorizer`` (word uni+bigrams on folded text) of the whole library.
Accuracy (recall@1) lives in bench/match_eval.py.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import resource  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import TypeVar  # noqa: E402

import numpy as np  # noqa: E402

from kiemchung.matching import Matcher  # noqa: E402
from kiemchung.matching._prep import _fold_lower  # noqa: E402
from kiemchung.matching.library import seed_library  # noqa: E402
from kiemchung.matching.train import distractor_pool, distractors, read_jsonl  # noqa: E402
from kiemchung.matching.variants import EVAL_WRAPPERS, KINDS, retype  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def queries(data: Path, n: int) -> tuple[list[str], list[str | None]]:
    """A realistic mix: retyped variants of seed claims and unrelated posts."""
    rng = random.Random(5)
    lib = seed_library()
    pos = [(retype(fc.claim, rng.choice(KINDS), rng, wrappers=EVAL_WRAPPERS), fc.id)
           for fc in rng.choices(lib, k=n // 2)]
    neg: list[tuple[str, str | None]] = [
        (t, None) for t in rng.sample(read_jsonl(data / "vihsd" / "dev.jsonl"), n - n // 2)]
    mixed = pos + neg
    rng.shuffle(mixed)
    return [t for t, _ in mixed], [i for _, i in mixed]


CLOCK = time.process_time
T = TypeVar("T")


def per_query_ms(fn: Callable[[list[str]], object], texts: Sequence[str]) -> np.ndarray:
    times = []
    for text in texts:
        t0 = CLOCK()
        fn([text])
        times.append((CLOCK() - t0) * 1000)
    return np.asarray(times)


def timed(fn: Callable[[], T]) -> tuple[T, float, float]:
    """Result, CPU seconds and wall seconds of ``fn()``."""
    c0, w0 = CLOCK(), time.perf_counter()
    out = fn()
    return out, CLOCK() - c0, time.perf_counter() - w0


def bench_kiemchung(library: list, texts: list[str], targets: list[str | None]) -> dict:
    matcher, build_s, build_wall = timed(lambda: Matcher.build(library))
    ix = matcher.index_
    matrix_mb = (ix.counts_.data.nbytes + ix.counts_.indices.nbytes + ix.counts_.indptr.nbytes
                 + ix.weights_t_.data.nbytes + ix.weights_t_.indices.nbytes
                 + ix.weights_t_.indptr.nbytes) / 2**20
    lexical = per_query_ms(lambda q: matcher.search(q, k=30), texts[:300])
    full = per_query_ms(lambda q: matcher.match(q, top_k=5), texts[:300])
    hits, cpu, wall = timed(lambda: matcher.search(texts, k=30))
    batch_qps, batch_wall_qps = len(texts) / cpu, len(texts) / wall
    results, cpu, _ = timed(lambda: matcher.match(texts, top_k=1))
    full_qps = len(texts) / cpu
    pos = [(r, t) for r, t in zip(results, targets, strict=True) if t is not None]
    recall = sum(bool(r.matches) and r.matches[0].id == t for r, t in pos) / len(pos)
    in_candidates = sum(t in {i for i, _ in h} for h, t in zip(hits, targets, strict=True)
                        if t is not None) / len(pos)
    return {
        "build_cpu_s": build_s, "build_wall_s": build_wall, "vocab": len(ix.vocab_), "nnz": int(ix.counts_.nnz),
        "matrices_mb": matrix_mb, "rss_mb": rss_mb(),
        "lexical_p50_ms": float(np.percentile(lexical, 50)),
        "lexical_p95_ms": float(np.percentile(lexical, 95)),
        "lexical_batch_qps": batch_qps, "lexical_batch_qps_wall": batch_wall_qps,
        "full_p95_ms": float(np.percentile(full, 95)), "full_batch_qps": full_qps,
        "candidates_recall@30": in_candidates, "recall@1": recall,
    }


def bench_baseline(library: list, texts: list[str], targets: list[str | None]) -> dict:
    from sklearn.feature_extraction.text import TfidfVectorizer

    c0 = CLOCK()
    vec = TfidfVectorizer(ngram_range=(1, 2), preprocessor=_fold_lower, sublinear_tf=True,
                          token_pattern=r"[a-z0-9]+", dtype=np.float32)
    lib_matrix = vec.fit_transform([fc.claim for fc in library])
    lib_t = lib_matrix.T.tocsr()
    build_s = CLOCK() - c0
    ids = [fc.id for fc in library]

    def top1(batch: list[str]) -> list[str]:
        scores = (vec.transform(batch) @ lib_t).toarray()
        return [ids[int(i)] for i in scores.argmax(axis=1)]

    lat = per_query_ms(top1, texts[:300])
    c0 = CLOCK()
    best: list[str] = []
    for start in range(0, len(texts), 16):  # chunks: a dense N-wide row per query
        best += top1(texts[start : start + 16])
    qps = len(texts) / (CLOCK() - c0)
    pos = [(b, t) for b, t in zip(best, targets, strict=True) if t is not None]
    return {"build_cpu_s": build_s, "p95_ms": float(np.percentile(lat, 95)), "batch_qps": qps,
            "recall@1": sum(b == t for b, t in pos) / len(pos), "rss_mb": rss_mb()}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="1k and 10k entries only")
    parser.add_argument("--sizes", type=int, nargs="*", help="library sizes to run")
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "match.last.json",
                        help="where to write the figures")
    args = parser.parse_args(argv)
    sizes = args.sizes or ([1_000, 10_000] if args.quick else [10_000, 100_000, 1_000_000])
    texts, targets = queries(args.data, args.queries)
    seed = seed_library()
    pool = distractor_pool(args.data)
    report = {}
    for size in sizes:
        library = [*seed, *distractors(pool, size - len(seed), seed=11)]
        row = {"kiemchung": bench_kiemchung(library, texts, targets)}
        if not args.no_baseline:
            row["baseline_tfidf_bruteforce"] = bench_baseline(library, texts, targets)
        report[size] = row
        print(f"\n== {size:,} entries ({len(texts)} queries, one core) ==")
        for system, figures in row.items():
            print(f"  {system}")
            for key, value in figures.items():
                print(f"    {key:24s} {value:,.3f}" if isinstance(value, float)
                      else f"    {key:24s} {value:,}")
        del library
    args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
