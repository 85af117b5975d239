"""Matcher behaviour: retrieval across typing habits, decisions, add/remove, persistence."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from kiemchung import records
from kiemchung.errors import ModelError, ValidationError
from kiemchung.matching import EvidenceIndex, Matcher

DAM = "vi-fc-8d899b0d75"  # Đập thủy điện Bản Vẽ (Nghệ An) bị vỡ …
CAM_VAN = "vi-fc-2ba9d1fcae"  # Ca sĩ Cẩm Vân đã qua đời.


@pytest.mark.parametrize("text", [
    "Đập thủy điện Bản Vẽ (Nghệ An) bị vỡ, người dân hạ du cần chạy lên núi",
    "dap thuy dien ban ve bi vo, nguoi dan ha du can chay len nui",
    "ĐẬP THỦY ĐIỆN BẢN VẼ BỊ VỠ RỒI, NGƯỜI DÂN HẠ DU CHẠY LÊN NÚI NGAY",
    "Chia sẻ gấp cho mọi người cùng biết!!! đập thủy điện Bản Vẽ vỡ rồi, hạ du chạy lên núi",
    "dap thuy dien ban ve vo r, ng dan ha du chay len nui gap ko thi chet",
])
def test_retyped_posts_match_their_fact_check(matcher: Matcher, text: str) -> None:
    (result,) = matcher.match([text])
    assert result.matches[0].id == DAM
    assert result.decision == "match"


def test_nfc_and_nfd_give_the_same_result(matcher: Matcher) -> None:
    text = "Ca sĩ Cẩm Vân đã qua đời, thương quá"
    nfc, nfd = matcher.match([unicodedata.normalize("NFC", text),
                              unicodedata.normalize("NFD", text)])
    assert nfc.matches[0].id == nfd.matches[0].id == CAM_VAN
    assert nfc.matches[0].score == pytest.approx(nfd.matches[0].score)


def test_unrelated_posts_are_not_matched(matcher: Matcher) -> None:
    texts = ["Hôm nay trời đẹp quá, đi cafe thôi", "Shop giao hàng nhanh, đóng gói cẩn thận 👍",
             "Giá vàng hôm nay tăng nhẹ", "😂😂😂", ""]
    assert [r.decision for r in matcher.match(texts)] == ["none"] * len(texts)


def test_same_story_about_someone_else_is_not_an_automatic_match(matcher: Matcher) -> None:
    (result,) = matcher.match(["Ca sĩ Mỹ Tâm đã qua đời"])
    assert result.decision != "match"


def test_matches_are_sorted_and_limited(matcher: Matcher) -> None:
    (result,) = matcher.match(["công an gọi điện yêu cầu cài VNeID qua đường link"], top_k=3)
    scores = [m.score for m in result.matches]
    assert len(scores) == 3 and scores == sorted(scores, reverse=True)
    assert all(0.0 <= s <= 1.0 for s in scores)
    top = result.matches[0]
    assert top.verdict and top.url and top.claim


def test_refuses_a_bare_string(matcher: Matcher) -> None:
    with pytest.raises(ValidationError):
        matcher.match("một chuỗi")  # type: ignore[arg-type]


def test_real_posts_recall_at_1(matcher: Matcher, real_posts: list[dict[str, str]]) -> None:
    results = matcher.match([p["text"] for p in real_posts], top_k=1)
    hits = sum(r.matches[0].id == p["id"] for r, p in zip(results, real_posts, strict=True))
    assert hits / len(real_posts) >= 0.97


def test_explain_highlights_overlapping_phrases(matcher: Matcher) -> None:
    why = matcher.explain("nghe nói đập thủy điện Bản Vẽ bị vỡ", DAM)
    assert why["id"] == DAM and why["url"]
    assert any("Bản Vẽ" in phrase for phrase in why["highlights"])
    assert set(why["features"]) >= {"dcov", "qcov", "char_d"}
    with pytest.raises(ValidationError):
        matcher.explain("x", "no-such-id")


def test_add_replace_and_remove(seed: list[records.FactCheck]) -> None:
    matcher = Matcher.build(seed[:20])
    extra = records.FactCheck(id="local-1", claim="Uống nước lá ổi chữa khỏi bệnh sởi",
                              verdict="false")
    matcher.add([extra])
    assert len(matcher) == 21
    assert matcher.match(["uong nuoc la oi chua khoi benh soi"])[0].matches[0].id == "local-1"
    matcher.add([records.FactCheck(id="local-1", claim="Ăn muối hột trị khỏi ung thư")])
    assert len(matcher) == 21
    assert matcher.match(["an muoi hot tri khoi ung thu"])[0].matches[0].id == "local-1"
    matcher.remove(["local-1", "unknown"])
    assert "local-1" not in matcher and len(matcher) == 20
    assert all(m.id != "local-1" for m in matcher.match(["an muoi hot tri ung thu"])[0].matches)


def test_empty_claims_are_refused() -> None:
    with pytest.raises(ValidationError):
        Matcher.build([records.FactCheck(id="x", claim="  ")])


def test_save_and_load_round_trip(matcher: Matcher, tmp_path: Path) -> None:
    texts = ["ca si cam van qua doi", "đập thủy điện bản vẽ vỡ", "trời đẹp"]
    before = matcher.match(texts)
    folder = matcher.save(tmp_path / "index")
    assert sorted(p.name for p in folder.iterdir()) == ["counts.npz", "matcher.json"]
    loaded = Matcher.load(folder)
    after = loaded.match(texts)
    assert len(loaded) == len(matcher)
    for a, b in zip(before, after, strict=True):
        assert a.decision == b.decision
        assert [m.id for m in a.matches] == [m.id for m in b.matches]
        assert [m.score for m in a.matches] == pytest.approx([m.score for m in b.matches])
    loaded.add([records.FactCheck(id="new", claim="Tin đồn sữa chua gây ung thư")])
    assert loaded.match(["sua chua gay ung thu"])[0].matches[0].id == "new"


def test_load_refuses_a_foreign_or_broken_index(matcher: Matcher, tmp_path: Path) -> None:
    folder = matcher.save(tmp_path / "index")
    meta = json.loads((folder / "matcher.json").read_text(encoding="utf-8"))
    meta["matcher"] = "match.v0"
    (folder / "matcher.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelError):
        Matcher.load(folder)
    with pytest.raises(ModelError):
        Matcher.load(tmp_path / "missing")


def test_evidence_index_is_searchable_the_same_way() -> None:
    evidence = [
        records.Evidence(id="ev-1", title="Bộ Y tế bác tin đồn phong tỏa Hà Nội",
                         text="Bộ Y tế khẳng định không có kế hoạch phong tỏa Hà Nội."),
        records.Evidence(id="ev-2", title="Cảnh báo mạo danh công an gọi điện cài VNeID",
                         text="Công an không yêu cầu người dân cài ứng dụng qua đường link."),
    ]
    index = EvidenceIndex.build(evidence)
    (hits,) = index.search(["cong an goi dien bat cai vneid qua link"])
    assert hits[0].id == "ev-2" and hits[0].verdict is None
    index.remove(["ev-2"])
    assert all(h.id != "ev-2" for h in index.search(["cong an vneid"])[0])
