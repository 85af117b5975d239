"""Retyped variants of a claim, the way people repost it: used to train and evaluate.

Each kind imitates one real habit: typing without accents, teencode, posting a fragment,
wrapping the claim in a chain letter, capitals, dropping or moving words.
"""

from __future__ import annotations

import random
import re

from kiemchung.errors import ValidationError
from kiemchung.text import fold

KINDS: tuple[str, ...] = (
    "folded", "teencode", "fragment", "wrapper", "caps", "worddrop", "reorder", "mixed",
)

TRAIN_WRAPPERS: tuple[tuple[str, str], ...] = (
    ("Chia sẻ gấp cho mọi người cùng biết!!! ", ""),
    ("", " Share cho mọi người biết nhé"),
    ("TIN NÓNG: ", " 😱😱"),
    ("Mọi người ơi cẩn thận: ", " Hãy chia sẻ rộng rãi."),
    ("Khẩn cấp!!! ", " ai đọc được thì share giúp"),
    ("Nhận được tin này từ nhóm zalo gia đình: ", ""),
    ("", " 👉 Chia sẻ ngay để người thân được biết"),
    ("⚠️⚠️ CẢNH BÁO ⚠️⚠️ ", " #chiase #canhgiac"),
    ("ae oi ", " share nha"),
)

EVAL_WRAPPERS: tuple[tuple[str, str], ...] = (
    ("Các mẹ ơi, ", " Đọc mà run quá, share cho các mẹ khác biết với 🙏"),
    ("Bạn mình vừa gửi: ", " Không biết thật hay không mọi người ơi?"),
    ("🔴 NÓNG 🔴 ", " Copy và dán để cảnh báo người thân!!!"),
    ("", " ...thương quá, chia sẻ để nhiều người được biết"),
    ("[Cảnh giác] ", " — mọi người lưu ý nha"),
    ("Xin đừng để trôi: ", ""),
    ("Cả nhà ơi ", " forward giúp mình nhé ❤️"),
)

_TEEN_WORDS: dict[str, tuple[str, ...]] = {
    "không": ("ko", "k", "hok", "kh"), "được": ("dc", "đc", "đk"), "người": ("ng",),
    "mọi người": ("mn", "mng"), "biết": ("bít", "bik"), "gì": ("j", "ji"), "với": ("vs",),
    "rồi": ("r", "ròi"), "trước": ("trc",), "cũng": ("cx", "cg"), "nhiều": ("nhìu",),
    "quá": ("wá", "wa"), "bây giờ": ("bh",), "tài khoản": ("tk",), "số điện thoại": ("sđt",),
    "triệu": ("tr",), "hôm nay": ("hnay",), "thôi": ("thui",), "luôn": ("lun",),
    "Việt Nam": ("VN",), "Hà Nội": ("HN",), "bệnh viện": ("bv",), "bác sĩ": ("bs",),
    "công ty": ("cty",), "facebook": ("fb",), "Facebook": ("FB", "fb"), "zalo": ("zl",),
}
_WORD = re.compile(r"\S+")


def _teencode(text: str, rng: random.Random) -> str:
    for full, shorts in _TEEN_WORDS.items():
        if full in text and rng.random() < 0.85:
            text = text.replace(full, rng.choice(shorts))
    if rng.random() < 0.5:
        text = re.sub(r"\bqu", "w", text)
    if rng.random() < 0.3:
        text = re.sub(r"\bph", "f", text)
    return text


def _fragment(words: list[str], rng: random.Random) -> list[str]:
    n = len(words)
    if n < 6:
        return words
    size = max(4, int(n * rng.uniform(0.5, 0.8)))
    start = rng.randint(0, n - size)
    return words[start : start + size]


def _drop(words: list[str], rng: random.Random) -> list[str]:
    kept = [w for w in words if rng.random() > 0.2] or words
    if len(kept) > 3 and rng.random() < 0.5:
        i = rng.randrange(len(kept) - 1)
        kept[i], kept[i + 1] = kept[i + 1], kept[i]
    return kept


def _reorder(text: str, rng: random.Random) -> str:
    parts = [p.strip() for p in re.split(r"[,;:]", text) if p.strip()]
    if len(parts) > 1:
        rng.shuffle(parts)
        return ", ".join(parts)
    words = text.split()
    cut = rng.randint(1, max(1, len(words) - 1))
    return " ".join(words[cut:] + words[:cut])


def retype(text: str, kind: str, rng: random.Random, *,
           wrappers: tuple[tuple[str, str], ...] = TRAIN_WRAPPERS) -> str:
    """One retyped variant of ``text`` of the given kind (see :data:`KINDS`)."""
    if kind == "folded":
        out = fold([text])[0]
        return out.lower() if rng.random() < 0.7 else out
    if kind == "teencode":
        out = _teencode(text.lower() if rng.random() < 0.5 else text, rng)
        return fold([out])[0] if rng.random() < 0.5 else out
    if kind == "fragment":
        return " ".join(_fragment(_WORD.findall(text), rng))
    if kind == "wrapper":
        head, tail = rng.choice(wrappers)
        return f"{head}{text}{tail}"
    if kind == "caps":
        return text.upper()
    if kind == "worddrop":
        return " ".join(_drop(_WORD.findall(text), rng))
    if kind == "reorder":
        return _reorder(text, rng)
    if kind == "mixed":
        steps = rng.sample(["fragment", "wrapper", "teencode", "folded", "worddrop"], 3)
        for step in steps:
            text = retype(text, step, rng, wrappers=wrappers)
        return text
    raise ValidationError("unknown variant kind", field="kind", expected=", ".join(KINDS),
                          received=kind)
