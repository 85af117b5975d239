"""Training from a folder, and the CLI contract of classify / eval / train."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kiemchung.analysis._analyser import load_analyser
from kiemchung.analysis.train import train_analyser
from kiemchung.cli.main import build_cli
from kiemchung.errors import ValidationError


def write_jsonl(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")
    return path


def test_tiny_training_works(tiny_spam_dir: Path, tmp_path: Path) -> None:
    analyser, dev = train_analyser("spam", tiny_spam_dir, folds=2)
    assert dev is not None and dev.macro_f1 > 0.5
    analyser.model.save(tmp_path / "model")
    again = load_analyser("spam", tmp_path / "model")
    assert again.predict(["xin xu xin xu"])[0].label == "SPAM"


def test_training_refuses_unknown_labels(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "train.jsonl", [{"text": "a", "label": "SPAM"},
                                           {"text": "b", "label": "MAYBE"}])
    with pytest.raises(ValidationError, match=r"train.jsonl:2, field 'label'"):
        train_analyser("spam", tmp_path)


def _invoke(args: list[str], stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(build_cli(), args, input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_classify_contract_order_and_one_object_per_line() -> None:
    texts = ["Chúc mừng bạn trúng thưởng, nộp phí 200k để nhận quà", "Tối nay ăn gì?",
             "Mã OTP của bạn là 1234, không chia sẻ cho ai", "🙂", "Vay nhanh không thế chấp"]
    stdin = "".join(json.dumps({"text": t, "id": i}, ensure_ascii=False) + "\n"
                    for i, t in enumerate(texts))
    code, out, _err = _invoke(["classify", "--task", "scam"], stdin)
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == len(texts)
    for row in rows:
        assert set(row) == {"label", "scores", "signals", "model"}
        assert row["model"] == "scam.v3"
        assert set(row["scores"]) == {"scam", "legit"}
        assert sum(row["scores"].values()) == pytest.approx(1.0, abs=1e-6)
        assert all(isinstance(s, str) for s in row["signals"])
    assert rows[0]["label"] == "scam" and rows[1]["label"] == "legit"


def test_classify_bad_line_gives_error_object_on_that_line(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"text": "xin chào"}\nnot json\n{"id": 3}\n\n{"text": "tạm biệt"}\n',
                   encoding="utf-8")
    dst = tmp_path / "out.jsonl"
    code, _out, err = _invoke(["classify", "--task", "claim", "--input", str(src),
                               "--output", str(dst)])
    assert code == 1
    rows = [json.loads(line) for line in dst.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 5
    assert "label" in rows[0] and "label" in rows[4]
    assert [r["line"] for r in rows[1:4]] == [2, 3, 4]
    assert "line 2" in rows[1]["error"]["message"]
    assert "line 2" in err


def test_eval_prints_card_metrics(tmp_path: Path) -> None:
    data = write_jsonl(tmp_path / "d.jsonl", [
        {"text": "Chúc mừng bạn trúng thưởng xe SH, nộp phí 2 triệu để nhận", "label": "scam"},
        {"text": "Tối nay họp lớp lúc 7 giờ nhé", "label": "legit"}])
    code, out, _ = _invoke(["eval", "--task", "scam", "--data", str(data)])
    assert code == 0
    assert "macro-F1" in out and "confusion" in out
    assert "legit" in out and " R " in out and "F1" in out
    code, out, _ = _invoke(["eval", "--task", "scam", "--data", str(data), "--json"])
    doc = json.loads(out)
    assert doc["macro_f1"] == 1.0 and doc["confusion"] == [[1, 0], [0, 1]]


def test_train_command(tiny_spam_dir: Path, tmp_path: Path) -> None:
    code, out, err = _invoke(["train", "--task", "spam", "--data", str(tiny_spam_dir),
                              "--out", str(tmp_path / "m"), "--folds", "2"])
    assert code == 0, err
    assert (tmp_path / "m" / "model.json").exists() and (tmp_path / "m" / "weights.npz").exists()
    code, out, _ = _invoke(["classify", "--task", "spam", "--model", str(tmp_path / "m")],
                           '{"text": "xin xu"}\n')
    assert code == 0 and json.loads(out)["model"] == "spam.v3"


@pytest.mark.slow
def test_full_training_reaches_dev_goal(shared_data: Path) -> None:
    _analyser, dev = train_analyser("spam", shared_data / "vispamreviews")
    assert dev is not None and dev.macro_f1 >= 0.845  # shipped spam.v3: 0.863
