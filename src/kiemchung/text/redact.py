"""PII redaction for tips from the public, keeping the scam indicators being reported.

Heuristic (``redact.v1``), on the normalised text:

* ID numbers (CCCD 12 digits, CMND 9 digits after a keyword) are always masked:
  ``[CCCD]`` / ``[CMND]``. A scam never needs the reader to see one.
* A name after ``tôi là``, ``tên tôi là``, ``mình tên``, ``em tên``… (capitalised words)
  is masked as ``[TÊN]``.
* A phone, e-mail or bank account is the tipster's own when a self cue sits just before
  it (``sđt của tôi``, ``liên hệ mình``, ``email: … của em``, ``tài khoản của tôi``) and
  is masked (``[SĐT]``, ``[EMAIL]``, ``[STK]``).
* Otherwise a phone or e-mail next to a scam cue (``gọi``, ``nhắn``, ``chuyển khoản``,
  ``số lạ``, ``giả danh``, ``hotline``, ``zalo``…), and every bank account, is the
  indicator being reported: it stays in the text and is listed as an :class:`Indicator`.
* A phone or e-mail with no cue at all is masked (privacy first).
* URLs and domains are always kept and listed as indicators (with their look-alike).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from kiemchung.text._batch import as_batch
from kiemchung.text.extract import Span, _find_urls, lookalike_of, spans
from kiemchung.text.normalize import prepare_one

REDACTOR_VERSION = "redact.v1"

_SELF = re.compile(
    r"(?:(?:cua|cho|voi|den|toi|lien he|lien lac|goi|nhan|zalo|sdt|so|email|mail|gmail|"
    r"tai khoan|stk)\s+(?:lai\s+)?(?:cho\s+|voi\s+)?(?:toi|minh|em|tui|tao|to|chau)"
    r"|\b(?:toi|minh|em|tui)\s+(?:la|o|dung|co)?\s*(?:sdt|so dien thoai|so|email|mail|stk)"
    r"|\bsdt\s+(?:lien he|lh)|\b(?:lh|lien he)\s*:)"
    r"(?:\W+(?:la|qua|o|so|sdt|so dien thoai|email|mail|zalo)){0,3}\W*$"
)
_SCAM = re.compile(
    r"(?:goi|nhan|nhan tin|sms|tin nhan|chuyen khoan|chuyen tien|\bck\b|stk|tai khoan|nap|"
    r"so la|so nay|dau so|tu so|tu dia chi|ke gian|lua dao|gia danh|gia mao|mao danh|"
    r"yeu cau|doi tuong|scam|hotline|zalo|telegram|lien he|lien lac|tong dai|tu xung|"
    r"nhan vien|cong an|ngan hang|bao|email|mail)",
)
_NAME_CUE = re.compile(
    r"\b(?:[Tt]ôi là|[Tt]ên tôi là|[Tt]ên tôi|[Mm]ình tên là|[Mm]ình tên|[Mm]ình là|"
    r"[Ee]m tên là|[Ee]m tên|[Tt]ên mình là|[Tt]ên em là|[Tt]ôi tên là|[Tt]ôi tên)\s+"
    r"((?:[A-ZÀ-ỸĐ][\wÀ-ỹ]*)(?:\s+[A-ZÀ-ỸĐ][\wÀ-ỹ]*){0,4})"
)
_MASK = {"phone": "[SĐT]", "email": "[EMAIL]", "bank_account": "[STK]", "id12": "[CCCD]",
         "id9": "[CMND]", "name": "[TÊN]"}


@dataclass(slots=True)
class Indicator:
    """A scam indicator kept from a tip: ``kind`` is url, domain, phone, email or
    bank_account; ``detail`` is the bank or the imitated official domain, if known."""

    kind: str
    value: str
    detail: str | None = None


@dataclass(slots=True)
class Redacted:
    """A tip with the tipster's personal data masked, and the indicators it reports."""

    text: str
    indicators: list[Indicator] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict."""
        return asdict(self)


_LAST_NUMBER = re.compile(r"^.*\d")


def _before(folded: str, span: Span, width: int) -> str:
    """The words just before an item, not reaching back past another number."""
    return _LAST_NUMBER.sub("", folded[max(0, span.start - width) : span.start])


def _is_self(folded: str, span: Span) -> bool:
    return bool(_SELF.search(_before(folded, span, 40)))


def _is_scam(folded: str, span: Span) -> bool:
    before = _before(folded, span, 45)
    after = folded[span.end : span.end + 30]
    return bool(_SCAM.search(before) or re.match(r"\W{0,3}(?:\w+\W+){0,2}(?:goi|nhan|"
                                                  r"gui|bao|yeu cau|tu xung)", after))


def redact_one(text: str) -> Redacted:
    """Redact one text (see :func:`redact`)."""
    norm, _, folded = prepare_one(text)
    cuts: list[tuple[int, int, str]] = []
    indicators: list[Indicator] = []
    seen: set[tuple[str, str]] = set()

    def keep(kind: str, value: str, detail: str | None = None) -> None:
        if (kind, value) not in seen:
            seen.add((kind, value))
            indicators.append(Indicator(kind, value, detail))

    for span in spans(norm, folded):
        if span.kind == "id_number":
            cuts.append((span.start, span.end, _MASK["id12" if len(span.value) == 12 else "id9"]))
        elif span.kind in ("phone", "email", "bank_account"):
            own = _is_self(folded, span)
            scam = span.kind == "bank_account" or _is_scam(folded, span)
            if own or not scam:
                cuts.append((span.start, span.end, _MASK[span.kind]))
            else:
                number, _, bank = span.value.partition("|")
                keep(span.kind, number, bank or None)
    for m in _NAME_CUE.finditer(norm):
        cuts.append((m.start(1), m.end(1), _MASK["name"]))
    urls, domains = _find_urls(norm, folded)
    for url in urls:
        keep("url", url)
    for dom in domains:
        keep("domain", dom, lookalike_of(dom))
    return Redacted(_apply(norm, cuts), indicators)


def _apply(text: str, cuts: list[tuple[int, int, str]]) -> str:
    out = []
    last = 0
    for start, end, mask in sorted(cuts):
        if start < last:
            continue
        out.append(text[last:start])
        out.append(mask)
        last = end
    out.append(text[last:])
    return "".join(out)


def redact(texts: Sequence[str]) -> list[Redacted]:
    """Mask the tipster's personal data; keep reported scam indicators as typed indicators.

    Returns the normalised text with ``[SĐT]``, ``[EMAIL]``, ``[CCCD]``, ``[CMND]``,
    ``[STK]`` and ``[TÊN]`` masks, plus the kept indicators (module docstring has the rule).
    """
    return [redact_one(t) for t in as_batch(texts)]
