"""Batch matching of stored posts: pure partitions, Match rows, only-new, both backends."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from kiemchung.batch.match import match_partition, match_store
from kiemchung.batch.runner import LocalRunner
from kiemchung.matching import Matcher, seed_library
from kiemchung.storage import Store
from kiemchung.storage import models as m
from kiemchung.storage.factchecks import import_factchecks

SEED = Path(__file__).resolve().parents[2] / "src" / "kiemchung" / "data" / "factchecks" / "seed.jsonl"
DAM = "vi-fc-8d899b0d75"
TEXTS = [
    "Chia sẻ gấp: đập thủy điện Bản Vẽ bị vỡ, người dân hạ du cần chạy lên núi",
    "Shop giao hàng nhanh, đóng gói cẩn thận",
    "danh hai xuan hinh qua doi tai nha rieng vi dot quy",
]


def _add_posts(store: Store, texts: list[str]) -> list[int]:
    with store.session() as session:
        source = session.scalar(select(m.Source).where(m.Source.name == "test"))
        if source is None:
            source = m.Source(name="test", kind="file")
            session.add(source)
            session.flush()
        start = len(list(session.scalars(select(m.Post.id))))
        posts = [m.Post(source_id=source.id, dedup_key=f"k{start + i}", text=t)
                 for i, t in enumerate(texts)]
        session.add_all(posts)
        session.flush()
        return [p.id for p in posts]


def test_match_partition_is_pure_and_ordered() -> None:
    matcher = Matcher.build(seed_library())
    rows = [{"post_id": i, "text": t} for i, t in enumerate(TEXTS)]
    first = match_partition(rows, matcher)
    assert first == match_partition(rows, matcher)
    assert [r["post_id"] for r in first] == [0, 1, 2]
    assert [r["decision"] for r in first] == ["match", "none", "match"]
    assert first[0]["matches"][0]["factcheck_id"] == DAM
    assert first[0]["matches"][0]["highlights"]
    assert first[1]["matches"] == []


def test_match_store_writes_matches_once(store: Store) -> None:
    import_factchecks(store, SEED)
    ids = _add_posts(store, TEXTS)
    assert match_store(store, runner=LocalRunner(), partition_size=2) == 3
    with store.session() as session:
        rows = list(session.scalars(select(m.Match).order_by(m.Match.post_id)))
        marks = list(session.scalars(select(m.Analysis).where(m.Analysis.analyser == "match.v1")))
    assert {r.post_id for r in rows} == {ids[0], ids[2]}
    top = next(r for r in rows if r.post_id == ids[0] and r.factcheck_id == DAM)
    assert top.decision == "match" and top.matcher == "match.v1" and top.highlights
    assert sorted(a.label for a in marks) == ["match", "match", "none"]
    assert match_store(store) == 0  # nothing new
    _add_posts(store, ["Ngân hàng Nhà nước sắp đổi tiền, rút tiền mua vàng ngay"])
    assert match_store(store) == 1
    assert match_store(store, only_new=False) == 4
    with store.session() as session:
        assert len(list(session.scalars(select(m.Match)))) >= 3


def test_match_store_without_fact_checks_does_nothing(store: Store) -> None:
    _add_posts(store, TEXTS)
    assert match_store(store) == 0
