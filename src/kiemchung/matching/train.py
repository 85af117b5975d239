"""Training the match model: background idf, generated pairs, logistic regression.

``python -m kiemchung.matching.train --data ../shared/data`` rewrites the two JSON files
shipped in ``kiemchung/matching/models``. Only *train* splits are read: dev splits and
the hand-written posts are kept for evaluation (``bench/match.py``).
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from kiemchung import records
from kiemchung.matching._prep import prepare
from kiemchung.matching.features import FEATURES, CalibratedModel
from kiemchung.matching.library import seed_library
from kiemchung.matching.matcher import MATCHER_NAME, Matcher
from kiemchung.matching.variants import KINDS, TRAIN_WRAPPERS, retype

log = logging.getLogger(__name__)

MODELS = Path(__file__).parent / "models"
_SENT = re.compile(r"(?<=[.!?…])\s+|,\s+")
_MASTHEAD = re.compile(r"\s+-\s+(?:Báo|Tạp chí|Chuyên trang|Trang|Tin tức)\b.*$")

# Names used to make "same story, other person/place" negatives.
SWAP_NAMES: tuple[str, ...] = (
    "Hồng Nhung", "Mỹ Tâm", "Trấn Thành", "Hoài Linh", "Lê Roi", "Quang Linh", "Chí Trung",
    "Bảo Anh", "Sơn Tùng", "Đen Vâu", "Phú Quốc", "Cần Thơ", "Hải Phòng", "Nam Định",
    "Bình Thuận", "Vĩnh Long", "Techcombank", "VPBank", "Agribank", "MB Bank", "Vinaphone",
)


def read_jsonl(path: Path, key: str = "text") -> list[str]:
    """The ``key`` field of each line of a JSONL file."""
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            value = json.loads(line).get(key)
            if isinstance(value, str) and value.strip():
                out.append(value.strip())
    return out


def background_df(texts: Sequence[str], *, min_df: int = 3) -> dict[str, Any]:
    """Document frequency of folded syllables over general text (shipped as JSON)."""
    df: Counter[str] = Counter()
    for text in texts:
        df.update(set(prepare(text, query=False).tokens))
    return {"n_docs": len(texts), "df": {t: n for t, n in sorted(df.items()) if n >= min_df}}


def distractor_pool(data: Path) -> list[str]:
    """Train-split texts that look like claims (headlines, leads, long reviews).

    ViHOS is left out on purpose: its texts are taken from ViHSD, whose dev split is
    used as unrelated posts in the evaluation.
    """
    pool = [_MASTHEAD.sub("", t) for t in read_jsonl(data / "viclickbait" / "train.jsonl")]
    pool += read_jsonl(data / "viclickbait" / "train.jsonl", key="lead_paragraph")
    pool += [t for t in read_jsonl(data / "vispamreviews" / "train.jsonl") if len(t) > 40]
    return pool


def distractors(pool: Sequence[str], n: int, *, seed: int = 0) -> list[records.FactCheck]:
    """``n`` realistic non-matching library entries: clauses of two pool texts recombined."""
    rng = random.Random(seed)
    clauses = [[c for c in _SENT.split(t) if len(c.split()) >= 5] or [t] for t in pool]
    out = []
    for i in range(n):
        a, b = rng.choice(clauses), rng.choice(clauses)
        parts = [rng.choice(a)] + ([rng.choice(b)] if rng.random() < 0.6 else [])
        text = ", ".join(p.strip().rstrip(".") for p in parts if p.strip().rstrip("."))
        text = text or rng.choice(pool)
        out.append(records.FactCheck(id=f"distractor-{i:07d}", claim=text, verdict="false"))
    return out


def swapped(claim: str, rng: random.Random) -> str | None:
    """The same claim about another person or place: a proper name replaced.

    Only names found by the matcher's own name finder are swapped, so the result is a
    different claim ("X died" → "Y died"), never a typo of the same one.
    """
    names = [n for n in prepare(claim, query=False).names if len(n) >= 2]
    if len(names) != 1:
        return None  # with several names, swapping one does not make another claim
    target = rng.choice(names)
    words = claim.split()
    folded = [tuple(prepare(w, query=False).tokens) for w in words]
    for i in range(len(words) - len(target) + 1):
        window = tuple(t for f in folded[i : i + len(target)] for t in f)
        if window == target:
            tail = words[i + len(target) - 1]
            punct = tail[len(tail.rstrip(".,;:!?)\"'")):]
            return " ".join([*words[:i], rng.choice(SWAP_NAMES) + punct,
                             *words[i + len(target):]])
    return None


def training_rows(matcher: Matcher, library: Sequence[records.FactCheck],
                  unrelated: Sequence[str], *, variants: int = 10,
                  seed: int = 1) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Feature rows, labels, query ids of generated pairs; first unrelated query id."""
    rng = random.Random(seed)
    xs: list[np.ndarray] = []
    ys: list[np.ndarray] = []
    qids: list[np.ndarray] = []
    queries: list[tuple[str, str | None]] = []
    for fc in library:
        queries.append((fc.claim, fc.id))
        for _ in range(variants):
            queries.append((retype(fc.claim, rng.choice(KINDS), rng, wrappers=TRAIN_WRAPPERS),
                            fc.id))
        for _ in range(2):
            other = swapped(fc.claim, rng)
            if other is not None:
                queries.append((other, None))
    first_unrelated = len(queries)
    queries += [(t, None) for t in unrelated]
    for q, (text, target) in enumerate(queries):
        rows, feats = matcher.feature_rows(text)
        if not rows:
            continue
        ids = [matcher.items_[r].id for r in rows]
        xs.append(feats)
        ys.append(np.asarray([float(i == target) for i in ids]))
        qids.append(np.full(len(rows), q))
    return np.vstack(xs), np.concatenate(ys), np.concatenate(qids), first_unrelated


def fit(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """Standardise and fit a logistic regression; returns mean, scale, coef, intercept."""
    from sklearn.linear_model import LogisticRegression

    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    clf = LogisticRegression(C=1.0, max_iter=2000)
    clf.fit((x - mean) / scale, y)
    return mean, scale, clf.coef_[0], float(clf.intercept_[0])


def top1(model: CalibratedModel, x: np.ndarray, qids: np.ndarray) -> dict[int, float]:
    probs = model.predict(x)
    best: dict[int, float] = {}
    for q, p in zip(qids.tolist(), probs.tolist(), strict=True):
        best[q] = max(best.get(q, 0.0), p)
    return best


def train(data: Path, *, n_distractors: int = 30000, n_unrelated: int = 3000,
          seed: int = 1) -> CalibratedModel:
    """Train the calibrated match model from the train splits under ``data``."""
    rng = random.Random(seed)
    library = seed_library()
    pool = distractor_pool(data)
    padded = [*library, *distractors(pool, n_distractors, seed=seed)]
    unrelated = read_jsonl(data / "vihsd" / "train.jsonl")
    # Unrelated queries come from a set the distractors are not built from.
    unrelated = rng.sample(unrelated, n_unrelated)
    placeholder = CalibratedModel(
        name=MATCHER_NAME, features=FEATURES, mean=np.zeros(len(FEATURES)),
        scale=np.ones(len(FEATURES)), coef=np.zeros(len(FEATURES)), intercept=0.0,
        match_threshold=1.0, maybe_threshold=1.0)
    matcher = Matcher.build(padded, model=placeholder)
    x, y, qids, first_unrelated = training_rows(matcher, library, unrelated, seed=seed)
    mean, scale, coef, intercept = fit(x, y)
    model = CalibratedModel(name=MATCHER_NAME, features=FEATURES, mean=mean, scale=scale,
                            coef=coef, intercept=intercept, match_threshold=0.5,
                            maybe_threshold=0.2)
    best = top1(model, x, qids)
    positive_q = {int(q) for q in qids[y == 1]}
    negative = np.asarray([p for q, p in best.items() if q not in positive_q])
    # "match" must stay rare on unrelated posts *and* on the same story told about
    # someone else; "maybe" only needs to keep unrelated posts out of reviewers' way.
    un_scores = np.asarray([p for q, p in best.items() if q >= first_unrelated])
    swaps = np.asarray([p for q, p in best.items() if q not in positive_q and q < first_unrelated])
    model.match_threshold = float(max(0.5, np.quantile(un_scores, 0.999),
                                      np.quantile(swaps, 0.9) if swaps.size else 0.0))
    model.maybe_threshold = float(max(0.1, np.quantile(un_scores, 0.98)))
    model.info = {
        "trained_on": f"seed library (163) + {n_distractors} recombined distractors; 10 "
                      "generated variants per claim; name-swapped claims; unrelated: vihsd train",
        "pairs": len(y), "positives": int(y.sum()),
        "negative_queries": len(negative),
        "unrelated_match_rate": float((un_scores >= model.match_threshold).mean()),
        "swapped_name_match_rate": float((swaps >= model.match_threshold).mean()),
    }
    return model


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, required=True, help="../shared/data")
    parser.add_argument("--background-only", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    MODELS.mkdir(exist_ok=True)
    texts = distractor_pool(args.data) + read_jsonl(args.data / "vihsd" / "train.jsonl")
    bg = background_df(texts)
    (MODELS / "background_idf.json").write_text(json.dumps(bg, ensure_ascii=False),
                                                encoding="utf-8")
    if args.background_only:
        return
    from kiemchung.matching.features import background_idf

    background_idf.cache_clear()
    model = train(args.data)
    (MODELS / "match.v1.json").write_text(json.dumps(model.to_json(), indent=1,
                                                     ensure_ascii=False), encoding="utf-8")
    log.info("thresholds match=%.3f maybe=%.3f; %s", model.match_threshold,
             model.maybe_threshold, model.info)


if __name__ == "__main__":
    main()
