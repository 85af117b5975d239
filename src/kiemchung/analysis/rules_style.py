"""Cues for the data-trained analysers: clickbait / sensationalism, toxicity, review spam."""

from __future__ import annotations

import re

from kiemchung.analysis._prep import Prepared, words
from kiemchung.analysis._rules import Rule, RuleSet, pattern

_UPPER_WORD = re.compile(r"\b[^\W\d_a-zà-ỹđ]{3,}\b")


def _all_caps(item: Prepared) -> float:
    tokens = words(item.norm_cased)
    if len(tokens) < 3:
        return 0.0
    caps = sum(1 for t in tokens if len(t) >= 2 and t.isupper())
    return 1.0 if caps / len(tokens) >= 0.5 else 0.0


def _exclaim(item: Prepared) -> float:
    return 1.0 if item.norm_cased.count("!") >= 2 or "!!" in item.norm_cased else 0.0


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


def _gibberish(item: Prepared) -> float:
    toks = words(item.folded)
    if not toks:
        return 1.0
    long_odd = sum(1 for t in toks if len(t) >= 12 and not re.search(r"[aeiouy]{1,2}[^aeiouy]", t))
    repeated = re.search(r"(.)\1{4,}|(\w{2,4})\2{3,}", item.folded) is not None
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

SPAM = RuleSet((
    Rule("spam.gibberish", "ký tự lặp, vô nghĩa", _gibberish),
    Rule("spam.foreign", "nội dung tiếng nước ngoài, không liên quan", _foreign),
    Rule("spam.promo", "quảng cáo, mời chào, để lại liên hệ", pattern(
        r"inbox|nhan tin|lien he|zalo|\bshop\b .{0,20}(?:ban|co)|ghe (?:shop|xem)|mua ngay|"
        r"giam gia|khuyen mai|freeship|ma giam|theo doi|follow|\bsdt\b|\d{9,}|http|www\.")),
    Rule("spam.off_topic", "không liên quan đến sản phẩm", pattern(
        r"xin (?:xu|tim|like)|cho (?:xin )?xu|an xu|lay xu|nhan xu|\bxu\b|danh gia cho co xu|"
        r"tha tim|ket ban|kiem tien|\bhello\b|\bhi\b|chao (?:moi nguoi|cac ban)")),
))
