"""Training methods (LR, NB-LR, their mean) and extra JSONL fields (clickbait lead paragraph)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
import pytest

from kiemchung.analysis import _analyser
from kiemchung.analysis._analyser import load_analyser
from kiemchung.analysis.train import read_jsonl, save, train_analyser
from kiemchung.errors import ValidationError


def _with_spec(monkeypatch: pytest.MonkeyPatch, task: str, **changes: object) -> None:
    spec = dataclasses.replace(_analyser.TASKS[task], **changes)  # type: ignore[arg-type]
    monkeypatch.setitem(_analyser.TASKS, task, spec)


@pytest.mark.parametrize("method", ["lr", "nb", "lr+nb"])
def test_methods_train_save_and_reload(method: str, tiny_spam_dir: Path, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    _with_spec(monkeypatch, "spam", method=method)
    analyser, dev = train_analyser("spam", tiny_spam_dir, folds=2)
    assert dev is not None and dev.macro_f1 > 0.5
    assert analyser.model.meta["method"] == method
    assert 0.0 <= analyser.model.meta["cv_objective"] <= 1.0
    save(analyser, tmp_path / "m")
    again = load_analyser("spam", tmp_path / "m")
    texts = ["xin xu xin xu", "giao hàng nhanh, đóng gói cẩn thận"]
    first, second = analyser.predict(texts), again.predict(texts)
    assert [p.label for p in first] == [p.label for p in second]
    for a, b in zip(first, second, strict=True):
        assert abs(a.scores["SPAM"] - b.scores["SPAM"]) < 1e-2  # float16 weights on disk


def test_nb_lr_multiclass_scores_sum_to_one(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    _with_spec(monkeypatch, "toxicity", method="lr+nb")
    rows = ([{"text": t, "label": "CLEAN"} for t in
             ["hôm nay trời đẹp", "bài hát hay quá", "cảm ơn bạn nhiều", "chúc mừng nhé"]]
            + [{"text": t, "label": "OFFENSIVE"} for t in
               ["đồ ngu vl", "mày điên à", "óc chó thật", "ngu như bò"]]
            + [{"text": t, "label": "HATE"} for t in
               ["bọn bắc kỳ cút đi", "lũ ba que", "bọn khựa bẩn", "tàu khựa cút"]])
    (tmp_path / "train.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    analyser, _ = train_analyser("toxicity", tmp_path, folds=2)
    preds = analyser.predict(["bài hát hay quá", "lũ ba que"])
    for p in preds:
        assert abs(sum(p.scores.values()) - 1.0) < 1e-6
    assert preds[0].label == "CLEAN"


def test_unknown_method_is_refused(tiny_spam_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _with_spec(monkeypatch, "spam", method="svm")
    with pytest.raises(ValidationError):
        train_analyser("spam", tiny_spam_dir, folds=2)


def test_extra_fields_extend_text_and_train_both_forms(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [{"text": f"Sự thật gây sốc số {i}", "label": "CLICKBAIT",
             "lead_paragraph": "Bạn sẽ không tin điều này"} for i in range(6)]
    rows += [{"text": f"Giá xăng giảm {i}%", "label": "NON_CLICKBAIT",
              "lead_paragraph": float("nan") if i == 0 else "Bộ Công Thương thông báo."}
             for i in range(6)]
    path = tmp_path / "train.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")
    data = read_jsonl(path, extra_fields=("lead_paragraph",))
    assert data.extended[0] == "Sự thật gây sốc số 0\nBạn sẽ không tin điều này"
    assert data.extended[6] is None  # NaN lead: the headline alone
    assert read_jsonl(path).extended == [None] * 12
    (tmp_path / "dev.jsonl").write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    _with_spec(monkeypatch, "clickbait", extra_fields=("lead_paragraph",))
    analyser, dev = train_analyser("clickbait", tmp_path, folds=2)
    assert analyser.model.meta["extra_fields"] == ["lead_paragraph"]
    assert dev is not None and "macro_f1_text_only" in dev.extra
    # Headline only still works (the lead is optional at prediction time).
    assert analyser.predict(["Giá xăng giảm 3%"])[0].label in analyser.labels
    assert np.isfinite(dev.macro_f1)


# Reviews with the finer ``spam_type`` labels (0 genuine, 2 about the shop, 3 irrelevant).
_SPAM_ROWS = ([{"text": t, "label": "NOT_SPAM", "spam_type": 0} for t in
               ["giao hàng nhanh", "sản phẩm tốt", "vải hơi mỏng", "màu đẹp lắm", "đóng gói kỹ",
                "shop tư vấn tốt"]]
              + [{"text": t, "label": "SPAM", "spam_type": 2} for t in
                 ["ghé shop mình nha", "inbox mua ngay", "follow shop nhé"]]
              + [{"text": t, "label": "SPAM", "spam_type": 3} for t in
                 ["xin xu xin xu", "dhdhdhdhdh", "hello kết bạn"]])


def test_fine_labels_are_read_and_collapse_to_task_labels(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    rows = _SPAM_ROWS
    path = tmp_path / "train.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")
    data = read_jsonl(path, fine_field="spam_type")
    assert data.fine[0] == "spam_type=0" and data.fine[-1] == "spam_type=3"
    assert read_jsonl(path).fine == []
    _with_spec(monkeypatch, "spam", fine_label="spam_type", method="lr+nb",
               fine_collapse="linear")
    analyser, _ = train_analyser("spam", tmp_path, folds=2)
    assert analyser.model.meta["fine_label"] == "spam_type"
    assert analyser.model.weights.shape[1] == 2  # still one linear layer over the task labels
    preds = analyser.predict(["xin xu xin xu", "giao hàng nhanh"])
    assert [p.label for p in preds] == ["SPAM", "NOT_SPAM"]
    for p in preds:
        assert abs(sum(p.scores.values()) - 1.0) < 1e-6


def test_exact_fine_collapse_keeps_fine_columns_and_round_trips(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = _SPAM_ROWS
    (tmp_path / "train.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    _with_spec(monkeypatch, "spam", fine_label="spam_type", method="lr+nb",
               fine_collapse="logsumexp")
    analyser, _ = train_analyser("spam", tmp_path, folds=2)
    model = analyser.model
    assert model.meta["fine_collapse"] == "logsumexp"
    # Two label columns (the NB-LR half) + one column per spam type (0, 2, 3).
    assert model.weights.shape[1] == 5
    assert model.fine_labels == (1, 0, 0) and model.fine_scale == 0.5
    texts = ["xin xu xin xu", "giao hàng nhanh", "ghé shop mình nha"]
    preds = analyser.predict(texts)
    assert [p.label for p in preds] == ["SPAM", "NOT_SPAM", "SPAM"]
    for p in preds:
        assert abs(sum(p.scores.values()) - 1.0) < 1e-6
    # The logit of SPAM is its column + 0.5 * logsumexp of the two spam-type scores.
    from kiemchung.analysis._features import hashed_counts
    from kiemchung.analysis._prep import prepare
    items = prepare(texts)
    counts = hashed_counts(items, model.features)
    hits = analyser.spec.rules.apply(items)
    wide = dataclasses.replace(model, fine_labels=())
    raw = np.asarray(wide.logits(counts, hits))
    expect_spam = raw[:, 0] + 0.5 * np.logaddexp(raw[:, 3], raw[:, 4])
    expect_not = raw[:, 1] + 0.5 * raw[:, 2]
    got = model.logits(counts, hits)
    assert np.allclose(got[:, 0], expect_spam) and np.allclose(got[:, 1], expect_not)
    save(analyser, tmp_path / "m")
    doc = json.loads((tmp_path / "m" / "model.json").read_text(encoding="utf-8"))
    assert doc["fine_columns"] == {"labels": ["NOT_SPAM", "SPAM", "SPAM"], "scale": 0.5}
    again = load_analyser("spam", tmp_path / "m")
    assert again.model.fine_labels == (1, 0, 0)
    for a, b in zip(preds, again.predict(texts), strict=True):
        assert a.label == b.label and abs(a.scores["SPAM"] - b.scores["SPAM"]) < 1e-2
        assert [s.code for s in a.signals] == [s.code for s in b.signals]


def test_span_rows_use_training_texts_only_and_name_bad_lines(tmp_path: Path) -> None:
    from kiemchung.analysis.train import Dataset, span_rows
    from kiemchung.errors import ValidationError

    data = Dataset(["Đồ ngu như bò", "Bài viết hay quá", "Mày im đi"], ["HATE", "CLEAN", "OFFENSIVE"])
    dev = tmp_path / "dev.jsonl"
    dev.write_text(json.dumps({"text": "Mày im đi", "label": "OFFENSIVE"}) + "\n", encoding="utf-8")
    spans = tmp_path / "spans"
    spans.mkdir()
    rows = [{"text": "đồ ngu như bò", "spans": ["ngu", "bò"]},  # a training text (any case)
            {"text": "Bài viết hay quá", "spans": []},  # clean: nothing to add
            {"text": "Mày im đi", "spans": ["im đi"]},  # a dev text: never used
            {"text": "not in the data", "spans": ["x"]}]
    (spans / "train.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n"
                                               for r in rows), encoding="utf-8")
    texts, records = span_rows(data, spans, exclude=dev)
    assert texts == ["ngu bò"] and records.tolist() == [0]

    (spans / "dev.jsonl").write_text('{"text": "Đồ ngu như bò", "spans": "ngu"}\n', encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        span_rows(data, spans, exclude=dev)
    assert err.value.line == 1 and err.value.field == "spans"
