"""Models are stored as JSON + plain numeric arrays; pickles and tampered files are refused."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from kiemchung.analysis._analyser import builtin_model_dir, load_analyser
from kiemchung.analysis._linear import LinearModel
from kiemchung.errors import ModelError


def _copy(task: str, tmp_path: Path) -> Path:
    target = tmp_path / task
    shutil.copytree(builtin_model_dir(task), target)
    return target


def test_round_trip(tmp_path: Path) -> None:
    model = LinearModel.load(builtin_model_dir("claim"))
    model.save(tmp_path / "m")
    again = LinearModel.load(tmp_path / "m")
    assert again.labels == model.labels and again.rule_codes == model.rule_codes
    texts = ["Giá xăng giảm 500 đồng từ chiều nay", "Quán này ngon quá"]
    a = load_analyser("claim", builtin_model_dir("claim")).predict(texts)
    b = load_analyser("claim", tmp_path / "m").predict(texts)
    assert [p.label for p in a] == [p.label for p in b]


def test_pickled_weights_are_refused(tmp_path: Path) -> None:
    target = _copy("trend", tmp_path)
    with np.load(target / "weights.npz") as data:
        arrays = {k: data[k] for k in data.files}
    arrays["intercept"] = np.array([{"evil": "payload"}, 1], dtype=object)
    np.savez(target / "weights.npz", **arrays)
    with pytest.raises(ModelError, match="unsafe"):
        LinearModel.load(target)


def test_other_formats_are_refused(tmp_path: Path) -> None:
    target = _copy("trend", tmp_path)
    doc = json.loads((target / "model.json").read_text(encoding="utf-8"))
    (target / "model.json").write_text(json.dumps({**doc, "format": "pickle"}), encoding="utf-8")
    with pytest.raises(ModelError):
        LinearModel.load(target)
    (target / "model.json").write_text("not json", encoding="utf-8")
    with pytest.raises(ModelError):
        LinearModel.load(target)


def test_missing_model_and_wrong_task(tmp_path: Path) -> None:
    with pytest.raises(ModelError):
        LinearModel.load(tmp_path / "nothing")
    with pytest.raises(ModelError, match="task"):
        load_analyser("scam", builtin_model_dir("trend"))


def test_shipped_models_are_small() -> None:
    root = builtin_model_dir("scam").parent
    total = sum(f.stat().st_size for f in root.rglob("*") if f.is_file())
    assert total < 100 * 1024 * 1024
    assert not list(root.rglob("*.pkl")) and not list(root.rglob("*.joblib"))
