"""CLI: ``kiemchung match`` (the evaluation contract), ``factchecks``, ``match-posts``, ``cluster``."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kiemchung.cli.main import build_cli

SEED = Path(__file__).resolve().parents[2] / "src" / "kiemchung" / "data" / "factchecks" / "seed.jsonl"


def _lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_match_contract_one_line_per_input_in_order(tmp_path: Path) -> None:
    library = tmp_path / "lib.jsonl"
    library.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"id": "A-1", "claim": "Đập thủy điện Bản Vẽ bị vỡ, người dân hạ du chạy lên núi",
         "verdict": "false"},
        {"id": "B-2", "claim": "Ngân hàng Nhà nước sắp đổi tiền, nên rút tiền mua vàng"},
        {"id": "C-3", "claim": "Ca sĩ Cẩm Vân đã qua đời", "verdict": "false",
         "url": "https://vd.vn/c3", "summary": "Tin giả"},
    ]), encoding="utf-8")
    queries = tmp_path / "in.jsonl"
    queries.write_text("\n".join([
        json.dumps({"text": "dap thuy dien ban ve vo roi, ha du chay len nui gap"}),
        json.dumps({"text": "hôm nay trời đẹp"}),
        "not json",
        json.dumps({"text": "NHNN SẮP ĐỔI TIỀN, RÚT TIỀN MUA VÀNG NGAY"}),
    ]), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(build_cli(), ["match", "--library", str(library), "--top", "2",
                                              "--input", str(queries), "--output", str(out)])
    assert result.exit_code == 0, result.output
    rows = _lines(out.read_text(encoding="utf-8"))
    assert len(rows) == 4
    assert rows[0]["decision"] == "match" and rows[0]["matches"][0]["id"] == "A-1"
    assert set(rows[0]["matches"][0]) == {"id", "score", "verdict"}
    assert rows[0]["matches"][0]["verdict"] == "false" and len(rows[0]["matches"]) <= 2
    assert rows[1]["decision"] == "none"
    assert rows[2]["decision"] == "none" and rows[2]["matches"] == [] and "error" in rows[2]
    assert rows[3]["matches"][0]["id"] == "B-2"


def test_match_reads_stdin_and_writes_stdout() -> None:
    result = CliRunner().invoke(
        build_cli(), ["match", "--library", str(SEED), "--top", "1", "--explain"],
        input=json.dumps({"text": "danh hai xuan hinh qua doi vi dot quy"}) + "\n")
    assert result.exit_code == 0, result.output
    (row,) = _lines(result.stdout)
    assert row["matches"][0]["id"] == "vi-fc-6d77030cba"
    assert row["matches"][0]["highlights"] and row["matches"][0]["url"]


def test_factchecks_import_list_export_and_match_from_store(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'k.db'}"
    runner = CliRunner()
    imported = runner.invoke(build_cli(), ["--db", url, "factchecks", "import", str(SEED)])
    assert imported.exit_code == 0, imported.output
    assert "inserted 163" in imported.stdout
    listed = runner.invoke(build_cli(), ["--db", url, "factchecks", "list", "--limit", "2"])
    assert listed.exit_code == 0 and len(listed.stdout.splitlines()) == 2
    target = tmp_path / "out.jsonld"
    exported = runner.invoke(build_cli(), ["--db", url, "factchecks", "export", "--format",
                                           "claimreview", "--output", str(target)])
    assert exported.exit_code == 0
    graph = json.loads(target.read_text(encoding="utf-8"))["@graph"]
    assert len(graph) == 163 and graph[0]["@type"] == "ClaimReview"
    matched = runner.invoke(build_cli(), ["--db", url, "match", "--top", "1"],
                            input=json.dumps({"text": "Ca sĩ Cẩm Vân qua đời"}) + "\n")
    assert matched.exit_code == 0, matched.output
    assert _lines(matched.stdout)[0]["matches"][0]["id"] == "vi-fc-2ba9d1fcae"


def test_factchecks_import_reports_bad_rows(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("id,claim\nx,Tin đồn\ny,\n", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'k.db'}"
    result = CliRunner().invoke(build_cli(), ["--db", url, "factchecks", "import", str(bad)])
    assert result.exit_code == 0
    assert "inserted 1" in result.stdout and "failed 1" in result.stdout
    assert "bad.csv:3" in result.output


def test_match_with_an_empty_store_is_a_clear_error(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'k.db'}"
    result = CliRunner().invoke(build_cli(), ["--db", url, "match"], input='{"text": "x"}\n')
    assert result.exit_code == 1
    assert "empty" in result.output and "Traceback" not in result.output


def test_match_posts_and_cluster_commands(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'k.db'}"
    runner = CliRunner()
    runner.invoke(build_cli(), ["--db", url, "factchecks", "import", str(SEED)])
    posts = runner.invoke(build_cli(), ["--db", url, "match-posts"])
    assert posts.exit_code == 0 and "matched 0 posts" in posts.stdout
    clustered = runner.invoke(build_cli(), ["--db", url, "cluster"])
    assert clustered.exit_code == 0 and "posts 0" in clustered.stdout
