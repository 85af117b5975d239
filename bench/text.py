"""Throughput of the text toolkit on realistic posts, against underthesea.text_normalize.

    .venv/bin/python bench/text.py            # 100k posts
    .venv/bin/python bench/text.py --quick    # 10k posts

Posts are built from the shared data (ViHSD comments, ViClickbait headlines and lead
paragraphs, ViSpamReviews), one to three texts per post, a fifth of them in NFD, shuffled
with a fixed seed. Everything runs on one core, in this process; times are CPU time of the process
(time.process_time), so that other load on the machine does not skew the comparison.
"""

from __future__ import annotations

import argparse
import json
import random
import time
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

from kiemchung.text import expand_teencode, extract, fold, normalize, prepare, redact

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def load_texts(data: Path) -> list[str]:
    texts: list[str] = []
    for name, fields in (("vihsd", ("text",)), ("viclickbait", ("text", "lead_paragraph")),
                         ("vispamreviews", ("text",))):
        for split in ("train", "dev"):
            path = data / name / f"{split}.jsonl"
            for line in path.open(encoding="utf-8"):
                row = json.loads(line)
                texts.extend(row[f] for f in fields if isinstance(row.get(f), str))
    return texts


def build_posts(texts: Sequence[str], n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    posts = []
    for _ in range(n):
        post = " ".join(rng.choice(texts) for _ in range(rng.randint(1, 3)))
        if rng.random() < 0.2:
            post = unicodedata.normalize("NFD", post)
        posts.append(post)
    return posts


def rate(func: Callable[[list[str]], object], posts: list[str]) -> float:
    start = time.process_time()
    for i in range(0, len(posts), 1000):
        func(posts[i : i + 1000])
    return len(posts) / (time.process_time() - start)


def head_to_head(ours: Callable[[list[str]], object], base: Callable[[list[str]], object],
                 posts: list[str]) -> tuple[float, float]:
    """Posts/s of both, timed on alternating chunks so that both see the same machine load."""
    spent = [0.0, 0.0]
    for i in range(0, len(posts), 500):
        chunk = posts[i : i + 500]
        for k, func in enumerate((ours, base)):
            start = time.process_time()
            func(chunk)
            spent[k] += time.process_time() - start
    return len(posts) / spent[0], len(posts) / spent[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10k posts instead of 100k")
    parser.add_argument("--posts", type=int, default=None, help="number of posts")
    parser.add_argument("--data", type=Path, default=DATA, help="the shared data folder")
    args = parser.parse_args()
    n = args.posts or (10_000 if args.quick else 100_000)
    posts = build_posts(load_texts(args.data), n)
    chars = sum(map(len, posts)) / len(posts)
    print(f"{n} posts, {chars:.0f} characters on average, one core")

    from underthesea import text_normalize

    prepare(posts[:200])  # warm caches and lazy lexicons the same way for both
    [text_normalize(p) for p in posts[:200]]
    ours, baseline = head_to_head(prepare, lambda batch: [text_normalize(p) for p in batch],
                                  posts)
    print(f"underthesea.text_normalize      {baseline:10.0f} posts/s   (baseline)")
    print(f"kiemchung normalize+fold+extract {ours:10.0f} posts/s   "
          f"({ours / baseline:.1f}x the baseline, via text.prepare)")
    parts = {
        "normalize": normalize,
        "fold(normalize)": lambda b: fold(normalize(b)),
        "extract": extract,
        "expand_teencode": expand_teencode,
        "redact": redact,
    }
    for name, func in parts.items():
        print(f"  {name:<30} {rate(func, posts[: max(n // 5, 1000)]):10.0f} posts/s")


if __name__ == "__main__":
    main()
