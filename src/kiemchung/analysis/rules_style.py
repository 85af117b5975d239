"""Cues for the data-trained analysers: clickbait / sensationalism, toxicity, review spam."""

from __future__ import annotations

import re
from functools import lru_cache

from kiemchung.analysis._prep import Prepared, words
from kiemchung.analysis._rules import Rule, RuleSet, pattern


@lru_cache(maxsize=8192)
def _folded_words(folded: str) -> tuple[str, ...]:
    """Word tokens of a folded text, memoised: several rules of a batch need them."""
    return tuple(words(folded))

_UPPER_WORD = re.compile(r"\b[^\W\d_a-zà-ỹđ]{3,}\b")


def _all_caps(item: Prepared) -> float:
    tokens = words(item.norm_cased)
    if len(tokens) < 3:
        return 0.0
    caps = sum(1 for t in tokens if len(t) >= 2 and t.isupper())
    return 1.0 if caps / len(tokens) >= 0.5 else 0.0


def _exclaim(item: Prepared) -> float:
    return 1.0 if item.norm_cased.count("!") >= 2 or "!!" in item.norm_cased else 0.0


def _number_start(item: Prepared) -> float:
    return 1.0 if _NUMBER_START.match(item.norm_cased) else 0.0


_NUMBER_START = re.compile(r"\s*\d")


def _short_title(item: Prepared) -> float:
    return 1.0 if len(_folded_words(item.folded)) <= 8 else 0.0


def _long_title(item: Prepared) -> float:
    return 1.0 if len(_folded_words(item.folded)) >= 18 else 0.0


CLICKBAIT = RuleSet((
    Rule("clickbait.shock", "từ ngữ giật gân (sốc, bất ngờ, kinh hoàng…)", pattern(
        r"\bsoc\b|bat ngo|kinh hoang|choang|gay sot|xon xao|khong the tin|ngo ngang|chan dong|"
        r"su that|he lo|bi mat|tiet lo|rung minh|dung tim|ron nguoi|phat hoang|nga ngua|"
        r"cuc (?:hot|soc)|gay bao|lam dieu nay|dieu nay|dieu gi|ly do|nguyen nhan (?:khien|that)")),
    Rule("clickbait.curiosity", "câu hỏi gây tò mò, giấu thông tin", pattern(
        r"\?|vi sao|tai sao|la gi|the nao|ra sao|co nen|nen (?:an|uong|lam)|bao nhieu|ai (?:cung|la)|"
        r"khien .{0,30}(?:bat ngo|phat|ngo)|\bnay\b|\bday\b|cach (?:nao|de|lam)|meo|bi quyet|"
        r"nhung (?:dieu|dau hieu|loai|thu|mon)|\d+ (?:dieu|cach|dau hieu|loai|mon|thoi quen|sai lam)")),
    Rule("clickbait.all_caps", "viết hoa toàn bộ", _all_caps),
    Rule("clickbait.exclaim", "nhiều dấu chấm than", _exclaim),
    Rule("clickbait.share_call", "kêu gọi chia sẻ gấp", pattern(
        r"chia se (?:ngay|gap|rong rai|cho moi nguoi)|share (?:ngay|gap|di|cho)|hay chia se|"
        r"lan toa|cho moi nguoi cung biet|dung luot qua|truoc khi bi xoa|xem ngay|"
        r"\bcanh bao khan\b|khan cap")),
    # Shape cues (v2): punctuation is invisible to the word / character features.
    Rule("clickbait.question", "tiêu đề đặt câu hỏi", pattern(r"\?", on="norm_cased")),
    Rule("clickbait.ellipsis", "bỏ lửng (dấu ba chấm)", pattern(r"\.\.\.|…", on="norm_cased")),
    Rule("clickbait.quote", "trích lời trong tiêu đề", pattern(r"[\"“”'‘’]", on="norm_cased")),
    Rule("clickbait.colon", "tiêu đề có dấu hai chấm", pattern(r":", on="norm_cased")),
    Rule("clickbait.number_start", "mở đầu bằng con số", _number_start),
    Rule("clickbait.second_person", "nói thẳng với người đọc (bạn, hãy, đừng)",
         pattern(r"\b(?:ban|ban co|hay|dung)\b")),
    Rule("clickbait.superlative", "từ ngữ phóng đại (nhất, cực kỳ, siêu, quá)",
         pattern(r"\bnhat\b|\bcuc ky\b|\bqua\b|\bsieu\b")),
    Rule("clickbait.short", "tiêu đề rất ngắn", _short_title),
    Rule("clickbait.long", "tiêu đề rất dài", _long_title),
    Rule("clickbait.dash", "tiêu đề ghép bằng gạch ngang", pattern(r" [-–|] ", on="norm_cased")),
))

TOXICITY = RuleSet((
    Rule("toxicity.profanity", "từ ngữ tục tĩu", pattern(
        r"\b(?:đm|đmm|dm|dcm|đcm|vcl|vkl|vl|clm|cmm|đéo|đ[ée]o|địt|đụ|lồn|cặc|buồi|đĩ|"
        r"vãi lồn|vãi l|cc|cl|loz|lol)\b", on="norm")),
    Rule("toxicity.insult", "lăng mạ, xúc phạm", pattern(
        r"\bngu\b|óc chó|oc cho|súc vật|suc vat|khốn nạn|mất dạy|mat day|vô học|mặt l|"
        r"thằng (?:chó|điên|ngu|hèn)|con (?:chó|điên|đĩ)|đồ (?:chó|ngu|điên|khốn)|"
        r"\bchó\b|\blũ\b|\bbọn\b|não (?:tôm|phẳng)|ngu (?:như|vl|vcl)|rác rưởi|cặn bã|"
        r"thất học|mẹ mày|bố mày|tao|mày", on="norm")),
    Rule("toxicity.group", "miệt thị vùng miền / nhóm người", pattern(
        r"bắc kỳ|bac ky|nam kỳ|nam ky|\bparky\b|ba que|bò đỏ|bo do|\b3 que\b|mọi rợ|"
        r"bọn (?:bắc|nam|tàu|khựa|đen|gay|pê đê)|\bkhựa\b|tàu khựa|pê đê|\bđồ (?:bê|pê) đê|"
        r"mắt híp|da đen .{0,10}(?:bẩn|ngu)", on="norm")),
))


_SYLLABLE = re.compile(r"[aeiouy]{1,2}[^aeiouy]")
_REPEATED = re.compile(r"(.)\1{4,}|(\w{2,4})\2{3,}")


def _gibberish(item: Prepared) -> float:
    toks = _folded_words(item.folded)
    if not toks:
        return 1.0
    long_odd = sum(1 for t in toks if len(t) >= 12 and not _SYLLABLE.search(t))
    repeated = _REPEATED.search(item.folded) is not None
    return 1.0 if repeated or long_odd else 0.0


def _foreign(item: Prepared) -> float:
    toks = words(item.norm)
    if len(toks) < 4:
        return 0.0
    english = sum(1 for t in toks if t in _ENGLISH)
    return 1.0 if english / len(toks) >= 0.3 else 0.0


_ENGLISH = frozenset(
    ["the", "is", "are", "was", "were", "and", "or", "of", "to", "in", "for", "on", "with", "this", "that", "it", "i", "you", "my", "your", "a", "an", "be", "have", "has", "not", "but", "so", "very", "good", "product", "time"]
)

def _very_short(item: Prepared) -> float:
    return 1.0 if len(_folded_words(item.folded)) <= 3 else 0.0


def _very_long(item: Prepared) -> float:
    return 1.0 if len(_folded_words(item.folded)) >= 50 else 0.0


def _repetitive(item: Prepared) -> float:
    toks = _folded_words(item.folded)
    return 1.0 if len(toks) >= 6 and len(set(toks)) / len(toks) < 0.5 else 0.0


def _no_diacritics(item: Prepared) -> float:
    return 1.0 if item.norm == item.folded and len(words(item.norm)) >= 5 else 0.0


_LETTER = re.compile(r"[^\W\d_]")


def _no_letters(item: Prepared) -> float:
    return 0.0 if _LETTER.search(item.norm) else 1.0


def _mostly_caps(item: Prepared) -> float:
    text = item.norm_cased
    letters = sum(map(str.isalpha, text))
    # Upper-case characters are letters, so counting them over the whole text is the same.
    return 1.0 if letters >= 10 and sum(map(str.isupper, text)) / letters > 0.5 else 0.0


_EMOJI = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF]")


def _emoji(item: Prepared) -> float:
    return 1.0 if _EMOJI.search(item.raw) else 0.0


_ODD_WORD = re.compile(r"[fjwz]|[bcdghklmnpqrstvx]{3,}")


def _odd_words(item: Prepared) -> float:
    # Odd letters occur inside a word: none in the text, no odd word.
    if _ODD_WORD.search(item.folded) is None:
        return 0.0
    toks = _folded_words(item.folded)
    if len(toks) < 5:
        return 0.0
    odd = sum(1 for w in toks if w not in ("ok", "shop") and _ODD_WORD.search(w))
    return 1.0 if odd / len(toks) >= 0.3 else 0.0


SPAM = RuleSet((
    Rule("spam.gibberish", "ký tự lặp, vô nghĩa", _gibberish),
    Rule("spam.foreign", "nội dung tiếng nước ngoài, không liên quan", _foreign),
    Rule("spam.promo", "quảng cáo, mời chào, để lại liên hệ", pattern(
        r"inbox|nhan tin|lien he|zalo|\bshop\b .{0,20}(?:ban|co)|ghe (?:shop|xem)|mua ngay|"
        r"giam gia|khuyen mai|freeship|ma giam|theo doi|follow|\bsdt\b|\d{9,}|http|www\.")),
    Rule("spam.off_topic", "không liên quan đến sản phẩm", pattern(
        r"xin (?:xu|tim|like)|cho (?:xin )?xu|an xu|lay xu|nhan xu|\bxu\b|danh gia cho co xu|"
        r"tha tim|ket ban|kiem tien|\bhello\b|\bhi\b|chao (?:moi nguoi|cac ban)")),    # Shape cues (v2): length, repetition, script and punctuation.
    Rule("spam.short", "quá ngắn, không nói gì về sản phẩm", _very_short),
    Rule("spam.long", "dài bất thường", _very_long),
    Rule("spam.repeat", "lặp đi lặp lại cùng từ", _repetitive),
    Rule("spam.no_diacritics", "viết không dấu", _no_diacritics),
    Rule("spam.no_letters", "không có chữ (chỉ số, ký hiệu, biểu tượng)", _no_letters),
    Rule("spam.punct_run", "chuỗi dấu câu lặp", pattern(r"([!?.,:;)(=*~^-])\1{3,}",
                                                        on="norm_cased")),
    Rule("spam.caps", "viết hoa phần lớn", _mostly_caps),
    Rule("spam.emoji", "có biểu tượng cảm xúc", _emoji),
    Rule("spam.odd_words", "nhiều từ không giống tiếng Việt", _odd_words),
))
