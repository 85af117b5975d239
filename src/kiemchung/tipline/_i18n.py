"""Messages of the public checker and tipline, Vietnamese first, English available."""

from __future__ import annotations

LANGS: tuple[str, ...] = ("vi", "en")

ADVICE: dict[str, tuple[str, str]] = {
    "no_transfer": (
        "Đừng chuyển tiền, đừng bấm liên kết và đừng đọc mã OTP cho bất kỳ ai trước khi kiểm tra.",
        "Do not transfer money, click the link or read out an OTP code before checking.",
    ),
    "call_official": (
        "Tự gọi lại số tổng đài chính thức (in trên thẻ ngân hàng hoặc trang web chính thức), "
        "không gọi số ghi trong tin nhắn.",
        "Call back the official hotline yourself (printed on your card or the official "
        "website), not the number in the message.",
    ),
    "police_no_phone": (
        "Công an, tòa án, viện kiểm sát không làm việc hay yêu cầu chuyển tiền qua điện thoại, "
        "Zalo hoặc Facebook.",
        "Police, courts and prosecutors never handle cases or ask for money by phone, Zalo or "
        "Facebook.",
    ),
    "check_domain": (
        "Xem kỹ tên miền: trang giả thường thêm, bớt hoặc đổi một ký tự so với trang thật. "
        "Gõ trực tiếp địa chỉ trang chính thức thay vì bấm liên kết.",
        "Look closely at the domain: fake sites add, drop or swap one character. Type the "
        "official address yourself instead of clicking the link.",
    ),
    "lookup_blacklist": (
        "Tra số điện thoại, số tài khoản hoặc trang web trên chongluadao.vn hoặc "
        "canhbao.khonggianmang.vn.",
        "Look up the phone number, bank account or website on chongluadao.vn or "
        "canhbao.khonggianmang.vn.",
    ),
    "prize_too_good": (
        "Trúng thưởng, hoàn tiền hay việc nhẹ lương cao mà phải nộp phí trước gần như chắc "
        "chắn là lừa đảo.",
        "A prize, refund or easy well-paid job that needs a fee first is almost certainly a scam.",
    ),
    "read_factcheck": (
        "Đọc bài kiểm chứng ở liên kết trên trước khi chia sẻ.",
        "Read the fact-check linked above before sharing.",
    ),
    "find_source": (
        "Tìm nguồn gốc: tin thật thường có trên trang của cơ quan chức năng hoặc nhiều báo "
        "chính thống. Tin chỉ lan qua tin nhắn chuyển tiếp nên được xem là chưa kiểm chứng.",
        "Find the source: real news is usually on the authority's website or in several "
        "established outlets. A message only spreading by forwards should be treated as "
        "unverified.",
    ),
    "dont_share": (
        "Chưa chắc chắn thì đừng chia sẻ tiếp.",
        "If you are not sure, do not forward it.",
    ),
}

SIGNALS: dict[str, tuple[str, str]] = {
    "lookalike_domain": (
        "Tên miền {value} giả mạo trang {target}.",
        "The domain {value} imitates {target}.",
    ),
}

TEXT: dict[str, tuple[str, str]] = {
    "title": ("Kiểm tra tin", "Check a message"),
    "intro": (
        "Dán một tin nhắn, bài đăng hoặc đường link bạn nghi ngờ. Chúng tôi đối chiếu ngay với "
        "các bài kiểm chứng đã công bố và các dấu hiệu lừa đảo.",
        "Paste a message, post or link you are unsure about. We compare it at once with "
        "published fact-checks and known scam signs.",
    ),
    "placeholder": ("Dán tin nhắn hoặc đường link vào đây…", "Paste the message or link here…"),
    "submit": ("Kiểm tra", "Check"),
    "privacy": (
        "Không cần đăng nhập. Số điện thoại, email, số giấy tờ của bạn trong tin sẽ được xoá "
        "trước khi lưu; chúng tôi không mở đường link bạn gửi.",
        "No login needed. Your phone number, e-mail and ID numbers in the text are removed "
        "before anything is stored; we never open the link you send.",
    ),
    "decision_match": ("Tin này đã được kiểm chứng", "This has already been fact-checked"),
    "decision_maybe": (
        "Có bài kiểm chứng có thể liên quan",
        "A fact-check may be related",
    ),
    "decision_none": (
        "Chưa có bài kiểm chứng nào khớp với tin này",
        "No fact-check matches this yet",
    ),
    "none_honest": (
        "Chúng tôi chưa có kết luận về tin này. Tin đã được chuyển cho nhóm kiểm chứng xem xét; "
        "trong lúc chờ, hãy làm theo các lời khuyên dưới đây.",
        "We have no verdict on this yet. It has been passed to our fact-checkers; meanwhile, "
        "follow the advice below.",
    ),
    "maybe_honest": (
        "Bài dưới đây có thể nói về cùng chuyện nhưng chúng tôi chưa chắc chắn. Tin đã được "
        "chuyển cho nhóm kiểm chứng.",
        "The article below may be about the same story, but we are not sure. It has been "
        "passed to our fact-checkers.",
    ),
    "signals": ("Dấu hiệu đáng ngờ", "Warning signs"),
    "no_signals": ("Không thấy dấu hiệu lừa đảo rõ ràng.", "No clear scam signs found."),
    "advice": ("Tự kiểm tra thế nào", "How to check it yourself"),
    "verdict": ("Kết luận", "Verdict"),
    "read_more": ("Đọc bài kiểm chứng", "Read the fact-check"),
    "risk_high": (
        "Rất có thể là lừa đảo",
        "Very likely a scam",
    ),
    "risk_medium": ("Có dấu hiệu đáng ngờ", "Shows warning signs"),
    "check_another": ("Kiểm tra tin khác", "Check another message"),
    "too_many": (
        "Bạn gửi quá nhiều yêu cầu. Vui lòng thử lại sau một phút.",
        "Too many requests. Please try again in a minute.",
    ),
    "too_large": ("Nội dung quá dài.", "The text is too long."),
    "empty": ("Vui lòng dán nội dung cần kiểm tra.", "Please paste something to check."),
    "chat_welcome": (
        "Xin chào! Hãy gửi cho chúng tôi tin nhắn hoặc đường link bạn nghi ngờ, chúng tôi sẽ "
        "kiểm tra ngay.",
        "Hello! Send us a message or link you are unsure about and we will check it at once.",
    ),
    "chat_followup": (
        "Cập nhật về tin bạn hỏi: đã có kết luận kiểm chứng.",
        "Update on the message you asked about: a fact-check has been published.",
    ),
    "lang_switch": ("English", "Tiếng Việt"),
}

VERDICT_LABELS: dict[str, tuple[str, str]] = {
    "false": ("Sai sự thật", "False"),
    "misleading": ("Gây hiểu lầm", "Misleading"),
    "missing_context": ("Thiếu bối cảnh", "Missing context"),
    "true": ("Đúng", "True"),
    "unproven": ("Chưa được chứng minh", "Unproven"),
    "satire": ("Châm biếm", "Satire"),
    "scam": ("Lừa đảo", "Scam"),
    "opinion": ("Ý kiến", "Opinion"),
}


def pick_lang(value: str | None, *, default: str = "vi") -> str:
    """``'vi'`` or ``'en'``; anything else falls back to ``default``."""
    if value and value.lower()[:2] in LANGS:
        return value.lower()[:2]
    return default if default in LANGS else "vi"


def t(key: str, lang: str) -> str:
    """The interface string ``key`` in ``lang``."""
    vi, en = TEXT[key]
    return en if lang == "en" else vi


def advice_message(code: str, lang: str) -> str:
    vi, en = ADVICE[code]
    return en if lang == "en" else vi


def verdict_label(verdict_norm: str | None, verdict: str | None, lang: str) -> str:
    """Human label of a verdict: our normalised label, else the publisher's own wording."""
    if verdict_norm in VERDICT_LABELS:
        vi, en = VERDICT_LABELS[verdict_norm]
        return en if lang == "en" else vi
    return verdict or verdict_norm or ""
