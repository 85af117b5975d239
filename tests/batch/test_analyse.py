"""Batch analysis: a pure partition function and a store job (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from kiemchung.batch.analyse import analyse_partition, analyse_store
from kiemchung.storage import Store
from kiemchung.storage import models as m

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)
TEXTS = [
    "Chúc mừng quý khách trúng thưởng xe SH, nộp phí 2 triệu vào STK 0123456789 để nhận giải gấp",
    "Bộ trưởng làm việc quá tệ, chính sách này thật bất công, nên từ chức.",
    "Từ ngày 1/7 giá điện tăng 10%, theo thông báo của EVN.",
    "Tối nay cả nhà ăn cơm lúc 7 giờ nhé",
]


def _rows() -> list[dict[str, object]]:
    return [{"post_id": i + 1, "text": t, "reactions": 10 * i, "shares": i, "comments": 0,
             "views": 0, "created_at": NOW - timedelta(hours=i)} for i, t in enumerate(TEXTS)]


def test_partition_is_pure_and_ordered() -> None:
    first = analyse_partition(_rows(), now=NOW)
    assert first == analyse_partition(_rows(), now=NOW)
    assert [r["post_id"] for r in first] == [1, 2, 3, 4]
    for row in first:
        assert 0.0 <= row["risk"] <= 1.0 and 0.0 <= row["priority"] <= row["risk"]
        assert {a["analyser"] for a in row["analyses"]} == {
            "scam.v3", "trend.v3", "claim.v3", "toxicity.v1", "clickbait.v2", "spam.v3"}
    scam = first[0]
    assert scam["risk"] > 0.9
    assert any(a["analyser"] == "scam.v3" and a["label"] == "scam" and a["signals"]
               for a in scam["analyses"])
    assert first[1]["risk"] == 0.0  # criticism: opinion, no risk
    assert first[2]["risk"] > first[3]["risk"]


def _add_posts(store: Store) -> None:
    with store.session() as session:
        source = m.Source(name="test", kind="file")
        session.add(source)
        session.flush()
        session.add_all(m.Post(source_id=source.id, dedup_key=f"k{i}", text=t, shares=i,
                               created_at=NOW - timedelta(hours=i)) for i, t in enumerate(TEXTS))


def test_analyse_store_writes_analyses_once(store: Store) -> None:
    _add_posts(store)
    seen: list[int] = []
    assert analyse_store(store, batch_size=3, now=NOW, progress=seen.append) == 4
    assert seen == [3, 4]
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(m.Analysis)) == 4 * 6
        posts = session.scalars(select(m.Post).order_by(m.Post.id)).all()
        assert all(p.analysed_at is not None for p in posts)
        assert posts[0].risk > 0.9 and posts[0].priority > 0
        assert posts[1].risk == 0.0
        row = session.scalars(select(m.Analysis).where(m.Analysis.post_id == posts[0].id,
                                                       m.Analysis.analyser == "scam.v3")).one()
        assert row.label == "scam" and row.score == row.scores["scam"]
        assert row.signals and all("message" in s for s in row.signals)
    # Nothing new: nothing done. Redo all: replaced, not duplicated.
    assert analyse_store(store, now=NOW) == 0
    assert analyse_store(store, only_new=False, now=NOW) == 4
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(m.Analysis)) == 4 * 6
