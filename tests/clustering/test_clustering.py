"""Stories, bursts and narratives as pure functions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kiemchung.clustering import StoryIndex, burst_score, group_stories, is_burst, shingles
from kiemchung.errors import ValidationError

CLAIM = "Đập thủy điện Bản Vẽ bị vỡ, người dân hạ du cần chạy lên núi ngay trong chiều nay"
COPIES = [
    CLAIM,
    "dap thuy dien ban ve bi vo, nguoi dan ha du can chay len nui ngay trong chieu nay",
    "Chia sẻ gấp cho mọi người cùng biết!!! " + CLAIM,
    CLAIM.upper(),
]


def test_near_copies_form_one_story() -> None:
    index = StoryIndex()
    out = index.assign(list(range(len(COPIES))), COPIES)
    assert [story for story, _ in out] == [0, 0, 0, 0]
    assert [new for _, new in out] == [True, False, False, False]
    other = index.assign([10], ["Giá vàng hôm nay tăng mạnh, người dân xếp hàng mua vàng nhẫn"])
    assert other == [(10, True)]
    assert len(index) == 5


def test_find_does_not_add() -> None:
    index = StoryIndex()
    index.add(["a"], [CLAIM], ["story-7"])
    hits = index.find([COPIES[1], "một chuyện khác hẳn không liên quan gì"])
    assert hits[0] is not None and hits[0].story == "story-7" and hits[0].similarity >= 0.5
    assert hits[1] is None
    assert len(index) == 1
    with pytest.raises(ValidationError):
        index.find(CLAIM)  # type: ignore[arg-type]


def test_shingles_ignore_accents_and_wrappers() -> None:
    assert shingles(CLAIM) == shingles(COPIES[1]) == shingles(COPIES[2])


NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)


def test_burst_scores() -> None:
    steady = [NOW - timedelta(days=d) for d in range(30)]
    assert burst_score(steady, now=NOW) == pytest.approx(1.0, abs=0.1)
    fresh = [NOW - timedelta(minutes=10 * i) for i in range(12)]
    assert burst_score(fresh, now=NOW) == 13.0
    assert is_burst(burst_score(fresh, now=NOW), recent=12)
    surge = steady + [NOW - timedelta(hours=h) for h in range(1, 10)]
    assert burst_score(surge, now=NOW) > 3 * burst_score(steady, now=NOW)
    dying = [NOW - timedelta(days=10 + d) for d in range(20)]
    assert burst_score(dying, now=NOW) < 1.0
    assert not is_burst(5.0, recent=1)


def test_narratives_group_by_fact_check_and_title() -> None:
    titles = {1: CLAIM, 2: COPIES[1] + " thật không", 3: "Giá vàng tăng mạnh", 4: "Tin khác"}
    groups = group_stories(titles, {3: ["fc-1"], 4: ["fc-1", "fc-2"]})
    assert sorted(sorted(g) for g in groups) == [[1, 2], [3, 4]]
    assert group_stories({1: "a b c"}, {}) == []
