"""The fact-check library in the store: import (upsert by id), export, load_matcher."""

from __future__ import annotations

import io
import json
from pathlib import Path

from kiemchung import records
from kiemchung.matching.library import parse_text, seed_library
from kiemchung.storage import Store
from kiemchung.storage.factchecks import (
    count_factchecks,
    delete_factchecks,
    export_factchecks,
    import_factchecks,
    library_fingerprint,
    load_factchecks,
    load_matcher,
    upsert_factchecks,
)

SEED = Path(__file__).resolve().parents[2] / "src" / "kiemchung" / "data" / "factchecks" / "seed.jsonl"


def test_import_is_an_upsert_by_id(store: Store) -> None:
    first = import_factchecks(store, SEED)
    assert (first.read, first.inserted, first.failed) == (163, 163, 0)
    again = import_factchecks(store, SEED)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 163)
    seed = seed_library()
    changed = records.FactCheck(id=seed[0].id, claim=seed[0].claim, verdict="Sai sự thật",
                                verdict_norm="false", url=seed[0].url)
    summary = upsert_factchecks(store, [changed])
    assert summary.updated == 1
    (stored,) = load_factchecks(store, ids=[seed[0].id])
    assert stored.verdict == "Sai sự thật" and stored.claim == seed[0].claim
    assert count_factchecks(store) == 163


def test_bad_rows_are_counted_and_good_rows_imported(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "lib.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "ok-1", "claim": "Tin đồn một"}),
        "{broken",
        json.dumps({"id": "no-claim"}),
        json.dumps({"claim": "Không có id, có url", "url": "https://vd.vn/a"}),
    ]), encoding="utf-8")
    summary = import_factchecks(store, path)
    assert (summary.read, summary.inserted, summary.failed) == (4, 2, 2)
    assert [e.line for e in summary.errors] == [2, 3]
    ids = [fc.id for fc in load_factchecks(store)]
    assert "ok-1" in ids and len(ids) == 2


def test_export_round_trips_in_every_format(store: Store) -> None:
    import_factchecks(store, SEED)
    original = {fc.id: fc for fc in load_factchecks(store)}
    for fmt in ("jsonl", "csv", "claimreview"):
        buffer = io.StringIO()
        assert export_factchecks(store, buffer, fmt=fmt) == 163
        back = parse_text(buffer.getvalue(), fmt=fmt)
        assert not back.errors
        assert {fc.id: (fc.claim, fc.verdict) for fc in back.items} == {
            i: (fc.claim, fc.verdict) for i, fc in original.items()}


def test_load_matcher_caches_the_index_until_the_library_changes(store: Store,
                                                                  tmp_path: Path) -> None:
    import_factchecks(store, SEED)
    folder = tmp_path / "index"
    matcher = load_matcher(store, index_dir=folder)
    assert len(matcher) == 163 and (folder / "matcher.json").exists()
    stamp = library_fingerprint(store)
    again = load_matcher(store, index_dir=folder)
    assert len(again) == 163 and library_fingerprint(store) == stamp
    upsert_factchecks(store, [records.FactCheck(id="new-1", claim="Ăn ớt chữa khỏi sốt xuất huyết")])
    assert library_fingerprint(store) != stamp
    rebuilt = load_matcher(store, index_dir=folder)
    assert "new-1" in rebuilt
    assert rebuilt.match(["an ot chua khoi sot xuat huyet"])[0].matches[0].id == "new-1"
    assert delete_factchecks(store, ["new-1"]) == 1
    assert "new-1" not in load_matcher(store, index_dir=folder)
