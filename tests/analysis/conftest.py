"""Fixtures for the analysis tests: small labelled folders and texts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


def write_jsonl(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")
    return path


@pytest.fixture
def criticism() -> list[str]:
    """50 sentences criticising officials or policies, without slurs (written for tests)."""
    lines = (DATA / "criticism.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines if line.strip()]


@pytest.fixture
def tiny_spam_dir(tmp_path: Path) -> Path:
    """A tiny train/dev folder for the spam task (trains in about a second)."""
    spam = ["xin xu xin xu", "aaaaaaaaaa bbbbbbb", "ghé shop mình nha inbox", "hello kiếm tiền online",
            "kết bạn thả tim", "dhdhdhdhdhdhdh"]
    ok = ["giao hàng nhanh, đóng gói cẩn thận", "sản phẩm tốt, đúng mô tả", "vải hơi mỏng",
          "shop tư vấn nhiệt tình", "màu đẹp, sẽ ủng hộ tiếp", "hàng lỗi, đổi trả lâu"]
    rows = [{"text": t, "label": "SPAM"} for t in spam] + [
        {"text": t, "label": "NOT_SPAM"} for t in ok]
    write_jsonl(tmp_path / "train.jsonl", rows)
    write_jsonl(tmp_path / "dev.jsonl", rows[:3] + rows[-3:])
    return tmp_path
