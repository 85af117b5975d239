"""Language check that works without diacritics and on short snippets."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Any

from kiemchung.text._batch import as_batch
from kiemchung.text.normalize import fold_lower_aligned, normalize_one
from kiemchung.text.teencode import lexicon

# Letters that only Vietnamese (among Latin-script languages) writes.
_VI_ONLY = re.compile("[ăâđêôơưĂÂĐÊÔƠƯạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
                      "ẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ]")
_WORD = re.compile(r"[^\W\d_]+")
_ONSET = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
_RIME = (r"(?:uyen|uyet|uyu|uya|uye|uy|oai|oay|oan|oang|oanh|oac|oach|oat|oa|oe|oen|oet|oeo|"
         r"uoi|uou|uon|uong|uoc|uot|uom|uop|uo|ieu|ien|ieng|iet|iem|iep|iec|ia|iu|yeu|yen|yet|"
         r"ye|ua|ui|uu|ue|uan|uat|uang|uac|uanh|uach|uen|uet|"
         r"[aeiouy](?:i|y|o|u)?(?:ch|ng|nh|[cmnpt])?)")
_SYLLABLE = re.compile(_ONSET + _RIME)
# Frequent Vietnamese syllables that are not common English, French or Indonesian words.
_COMMON = frozenset(str.split(
    "khong cua nhung duoc nguoi trong cho voi mot nay nhieu lam biet roi minh ban anh chi "
    "oi nha nhe vay sao thi ma den ve ra vao len xuong chua dang se da rat qua cung nhu "
    "the nao gi dau day kia ai toi em chung ho cac nhung nhat moi viec lai thay muon phai "
    "hay nen vi boi tai tu sau truoc giua ngoai ngay nam thang gio tien dong nuoc dan "
    "chinh phu xa hoi benh vien cong an truong hoc sinh vien con cha me ong ba co thu tin "
    "gia that tot xau dep qua luon hon nua ca deu tung van con chi moi khi neu thoi ok "
    "ko dc di"
))


# Frequent English words: a run of valid Vietnamese syllable shapes that holds these is
# more likely English ("to be or not to be").
_ENGLISH = frozenset(str.split(
    "the and is are was were of you your this that with for have has be it not on at by "
    "from we they he she my me so do to in or but if can will what how why who all just "
    "like love good very too i a an as up out get go no yes one our their its am been "
    "there here when where which would could should about into than then them these"
))


@cache
def _langid() -> Any:
    import py3langid  # loads its model on first use: import it only when needed

    return py3langid


def _heuristic(text: str) -> bool | None:
    words = _WORD.findall(text)
    if not words:
        return False
    vi_only = sum(1 for w in words if _VI_ONLY.search(w))
    if vi_only / len(words) >= 0.25:
        return True
    folded = [w for w in _WORD.findall(fold_lower_aligned(text)) if w.isascii()]
    if not folded:
        return None
    teen = lexicon()
    syllables = sum(1 for w in folded if _SYLLABLE.fullmatch(w) or w in teen)
    common = sum(1 for w in folded if w in _COMMON or w in teen)
    if syllables / len(folded) < 0.7:
        return False
    if common / len(folded) >= 0.2 and (common >= 2 or len(folded) <= 3):
        return True
    english = sum(1 for w in folded if w in _ENGLISH)
    if syllables / len(folded) >= 0.9 and english / len(folded) < 0.25 and len(folded) >= 2:
        return True
    return None


def is_vietnamese_one(text: str) -> bool:
    """Language check of one text (see :func:`is_vietnamese`)."""
    norm = normalize_one(text)
    verdict = _heuristic(norm)
    if verdict is not None:
        return verdict
    lang, _ = _langid().classify(norm)
    return bool(lang == "vi")


def is_vietnamese(texts: Sequence[str]) -> list[bool]:
    """True for Vietnamese text, with or without diacritics, teencode included.

    Vietnamese-only letters decide first; then the share of tokens that are valid
    Vietnamese syllables and frequent Vietnamese words in the folded text; py3langid
    settles what stays undecided.
    """
    return [is_vietnamese_one(t) for t in as_batch(texts)]
