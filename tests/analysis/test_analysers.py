"""The analysers' contract: label sets, probabilities, signals, batch API, registry."""

from __future__ import annotations

import unicodedata

import pytest

from kiemchung.analysis import TASKS, analyse, get_analyser
from kiemchung.errors import ValidationError
from kiemchung.plugins import load_plugins

LABELS = {
    "scam": ("scam", "legit"),
    "trend": ("dangerous", "safe"),
    "claim": ("claim", "opinion", "other"),
    "toxicity": ("CLEAN", "OFFENSIVE", "HATE"),
    "clickbait": ("CLICKBAIT", "NON_CLICKBAIT"),
    "spam": ("SPAM", "NOT_SPAM"),
}
# The shipped versions: bump here (and in TASKS) whenever a retrain changes outputs.
VERSIONS = {"scam": "scam.v3", "trend": "trend.v3", "claim": "claim.v3",
            "toxicity": "toxicity.v1", "clickbait": "clickbait.v2", "spam": "spam.v3"}
TEXTS = [
    "Chúc mừng quý khách trúng thưởng xe SH, chuyển phí 500k vào STK để nhận giải gấp trong hôm nay",
    "Tối nay cả nhà ăn cơm lúc 7 giờ nhé 🍚",
    "CU SOC: su that ve mon an ai cung an moi ngay!!!",
    "ko bít j lun á, mai tính tiếp nha",
    "",
    "Thử thách nín thở đến ngất đang hot, ai dám thử thì quay clip tag bạn bè",
]
VIETNAMESE = set("ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")


def test_six_tasks_with_exact_label_sets() -> None:
    assert {t: spec.labels for t, spec in TASKS.items()} == LABELS
    for task, labels in LABELS.items():
        analyser = get_analyser(task)
        assert analyser.task == task
        assert tuple(analyser.labels) == labels
        assert analyser.name == VERSIONS[task]


def test_registered_as_plugins() -> None:
    names = load_plugins().names("analysers")
    assert set(VERSIONS.values()) <= set(names)


@pytest.mark.parametrize("task", sorted(LABELS))
def test_predictions_are_well_formed(task: str) -> None:
    preds = get_analyser(task).predict(TEXTS)
    assert len(preds) == len(TEXTS)
    for pred in preds:
        assert pred.label in LABELS[task]
        assert set(pred.scores) == set(LABELS[task])
        assert sum(pred.scores.values()) == pytest.approx(1.0, abs=1e-6)
        assert all(0.0 <= p <= 1.0 for p in pred.scores.values())
        assert max(pred.scores, key=lambda k: pred.scores[k]) == pred.label
        assert pred.model == VERSIONS[task]
        for sig in pred.signals:
            assert sig.message and sig.code


def test_flagged_texts_carry_vietnamese_signals() -> None:
    found = analyse(TEXTS, tasks=["scam", "trend"])
    scam, trend = found["scam"][0], found["trend"][5]
    assert scam.label == "scam"
    assert trend.label == "dangerous"
    for pred in (scam, trend):
        assert pred.signals
        assert any(set(s.message) & VIETNAMESE for s in pred.signals)
    messages = {s.message for s in scam.signals}
    assert "yêu cầu chuyển tiền / nộp phí" in messages


def test_analyse_equals_each_analyser_alone() -> None:
    together = analyse(TEXTS)
    assert list(together) == list(LABELS)
    for task, preds in together.items():
        alone = get_analyser(task).predict(TEXTS)
        assert [p.label for p in preds] == [p.label for p in alone]
        for a, b in zip(preds, alone, strict=True):
            assert a.scores == pytest.approx(b.scores, abs=1e-5)


def test_nfc_nfd_and_no_diacritics_agree() -> None:
    text = "Tài khoản Vietcombank của bạn sẽ bị khoá, xác thực ngay tại vietcombank-xacthuc.com"
    variants = [text, unicodedata.normalize("NFD", text),
                "Tai khoan Vietcombank cua ban se bi khoa, xac thuc ngay tai vietcombank-xacthuc.com"]
    preds = get_analyser("scam").predict(variants)
    assert [p.label for p in preds] == ["scam"] * 3
    assert preds[0].scores == pytest.approx(preds[1].scores)
    # A domain cue explains it (look-alike brand or a pretext word in an unofficial host).
    assert {"scam.lookalike", "scam.pretext_domain"} & {s.code for s in preds[0].signals}


def test_batch_api_refuses_a_bare_string() -> None:
    with pytest.raises(ValidationError):
        get_analyser("scam").predict("một chuỗi")  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        analyse("một chuỗi")  # type: ignore[arg-type]


def test_empty_batch() -> None:
    assert get_analyser("claim").predict([]) == []
    assert analyse([]) == {t: [] for t in LABELS}


def test_unknown_task() -> None:
    with pytest.raises(Exception, match="task"):
        get_analyser("politics")
