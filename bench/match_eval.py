"""Claim-matching accuracy: recall@1 on real posts and retyped variants, false matches.

    .venv/bin/python bench/match_eval.py [--quick] [--data ../shared/data]

Library: the 163 seed fact-checks, then padded to 100,000 entries with recombined
distractors (train splits). Queries: hand-written posts (tests/data/matching), generated
variants (held-out wrappers and seed), unrelated posts (ViHSD + ViClickbait *dev*), and
hand-written same-topic posts that make a different claim.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

from kiemchung import records
from kiemchung.matching import Matcher
from kiemchung.matching.library import seed_library
from kiemchung.matching.train import distractor_pool, distractors, read_jsonl
from kiemchung.matching.variants import EVAL_WRAPPERS, KINDS, retype

ROOT = Path(__file__).resolve().parents[1]
EVAL_DIR = ROOT / "tests" / "data" / "matching"
DEFAULT_DATA = ROOT.parent / "shared" / "data"


def load_eval(data: Path) -> dict[str, list[tuple[str, str | None]]]:
    library = seed_library()
    rng = random.Random(20261123)
    real = [(d["text"], d["id"]) for d in map(json.loads, (EVAL_DIR / "real_posts.jsonl")
                                              .read_text(encoding="utf-8").splitlines())]
    variants = [(retype(fc.claim, kind, rng, wrappers=EVAL_WRAPPERS), fc.id, kind)
                for fc in library for kind in KINDS]
    same_topic = [(json.loads(line)["text"], None) for line in
                  (EVAL_DIR / "same_topic_negatives.jsonl").read_text(encoding="utf-8").splitlines()]
    unrelated = [(t, None) for t in read_jsonl(data / "vihsd" / "dev.jsonl")]
    headlines = [(t, None) for t in read_jsonl(data / "viclickbait" / "dev.jsonl")]
    return {"real": real, "variants": [(t, i) for t, i, _ in variants],
            "variant_kinds": [(k, None) for _, _, k in variants],
            "same_topic": same_topic, "unrelated": unrelated + headlines,
            "unrelated_social": unrelated, "unrelated_headlines": headlines}


def evaluate(matcher: Matcher, sets: dict[str, list[tuple[str, str | None]]]) -> dict[str, float]:
    out: dict[str, float] = {}
    for name in ("real", "variants"):
        texts = [t for t, _ in sets[name]]
        results = matcher.match(texts, top_k=1)
        hits = [bool(r.matches) and r.matches[0].id == target
                for r, (_, target) in zip(results, sets[name], strict=True)]
        out[f"{name}_recall@1"] = sum(hits) / len(hits)
        out[f"{name}_decided_match"] = sum(
            h and r.decision == "match" for h, r in zip(hits, results, strict=True)) / len(hits)
        out[f"{name}_match_or_maybe"] = sum(
            h and r.decision != "none" for h, r in zip(hits, results, strict=True)) / len(hits)
        if name == "variants":
            per: dict[str, list[bool]] = defaultdict(list)
            for (kind, _), hit in zip(sets["variant_kinds"], hits, strict=True):
                per[kind].append(hit)
            for kind, values in per.items():
                out[f"variants_{kind}_recall@1"] = sum(values) / len(values)
    for name in ("unrelated", "unrelated_social", "unrelated_headlines", "same_topic"):
        results = matcher.match([t for t, _ in sets[name]], top_k=1)
        counts = Counter(r.decision for r in results)
        out[f"{name}_match_rate"] = counts["match"] / len(results)
        out[f"{name}_maybe_rate"] = counts["maybe"] / len(results)
    return out


def misses(matcher: Matcher, pairs: Sequence[tuple[str, str | None]], *, limit: int = 10) -> None:
    results = matcher.match([t for t, _ in pairs], top_k=1)
    shown = 0
    for (text, target), result in zip(pairs, results, strict=True):
        top = result.matches[0] if result.matches else None
        if top is None or top.id != target:
            print(f"  MISS {target}: {text[:90]!r} -> {top and top.id} {top and top.claim[:60]!r}")
            shown += 1
            if shown >= limit:
                return


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="pad to 10,000, not 100,000")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--verbose", action="store_true", help="print misses")
    parser.add_argument("--small-only", action="store_true", help="only the 163-entry library")
    args = parser.parse_args(argv)
    sets = load_eval(args.data)
    library = seed_library()
    pool = distractor_pool(args.data)
    sizes = [len(library)] if args.small_only else [len(library),
                                                     10_000 if args.quick else 100_000]
    report: dict[str, dict[str, float]] = {}
    for size in sizes:
        padded: list[records.FactCheck] = [*library, *distractors(pool, size - len(library),
                                                                   seed=7)]
        t0 = time.perf_counter()
        matcher = Matcher.build(padded)
        build_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        metrics = evaluate(matcher, sets)
        metrics["build_s"] = build_s
        metrics["eval_s"] = time.perf_counter() - t0
        report[str(size)] = metrics
        print(f"\n== library {size:,} entries ==")
        for key, value in metrics.items():
            print(f"  {key:32s} {value:.4f}")
        if args.verbose:
            misses(matcher, sets["real"])
            misses(matcher, sets["variants"])
    counts = {k: len(v) for k, v in sets.items() if k != "variant_kinds"}
    print("\nqueries:", counts)
    (ROOT / "bench" / "match_eval.last.json").write_text(
        json.dumps({"counts": counts, "results": report}, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
