"""A small message catalogue: Vietnamese by default, English available.

Interface strings are written in Vietnamese in the templates (the Vietnamese text is the
message id); :data:`EN` translates them. Codes (states, roles, actions) live in
:data:`CODES` with both languages. The language comes from ``?lang=``, then the
``kiemchung_lang`` cookie, then the user's setting, then ``settings.language``.
"""

from __future__ import annotations

from collections.abc import Callable

LANGUAGES: tuple[str, ...] = ("vi", "en")
LANG_COOKIE = "kiemchung_lang"

CODES: dict[str, tuple[str, str]] = {
    # states
    "new": ("Mới", "New"),
    "claimed": ("Đã nhận", "Claimed"),
    "draft": ("Bản nháp", "Draft"),
    "submitted": ("Chờ duyệt", "Submitted"),
    "returned": ("Bị trả lại", "Sent back"),
    "approved": ("Đã duyệt", "Approved"),
    "published": ("Đã đăng", "Published"),
    "closed": ("Đã đóng", "Closed"),
    "open": ("Đang xử lý", "Open"),
    "all": ("Tất cả", "All"),
    # roles
    "viewer": ("người xem", "viewer"),
    "reviewer": ("kiểm chứng viên", "reviewer"),
    "editor": ("biên tập viên", "editor"),
    "admin": ("quản trị", "admin"),
    # match decisions
    "match": ("khớp", "match"),
    "maybe": ("có thể", "maybe"),
    "none": ("không", "none"),
    # evidence kinds
    "link": ("Liên kết", "Link"),
    "quote": ("Trích dẫn", "Quote"),
    "statement": ("Tuyên bố chính thức", "Official statement"),
    # actions (buttons and history)
    "action.claim": ("Nhận xử lý", "Claim"),
    "action.save_draft": ("Lưu nháp", "Save draft"),
    "action.submit": ("Gửi duyệt", "Submit"),
    "action.approve": ("Duyệt", "Approve"),
    "action.send_back": ("Trả lại", "Send back"),
    "action.publish": ("Đăng", "Publish"),
    "action.close": ("Đóng (không kiểm chứng)", "Close (not checkable)"),
}

EN: dict[str, str] = {
    "Ai": "Who",
    "Bài kiểm chứng tương tự": "Similar fact-checks",
    "Bài kiểm chứng": "Fact-checks",
    "Bằng chứng": "Evidence",
    "Bộ phân tích": "Analyser",
    "Chi tiết": "Details",
    "Chưa có bài nào.": "Nothing published yet.",
    "Chưa có thay đổi.": "No changes yet.",
    "Chưa có tín hiệu.": "No signals yet.",
    "Chưa phân tích.": "Not analysed yet.",
    "Các bản sao cùng câu chuyện": "Copies of the same story",
    "Hàng đợi kiểm chứng": "Verification queue",
    "Hàng đợi": "Queue",
    "Không có bài kiểm chứng phù hợp.": "No matching fact-check.",
    "Không có bản sao.": "No copies.",
    "Không có mục nào.": "No items.",
    "Không tìm thấy.": "Nothing found.",
    "Kiểm chứng thông tin, không phán xét con người hay ý kiến.":
        "We check information, never people or opinions.",
    "Kết luận đã đăng": "Published verdicts",
    "Kết luận": "Verdict",
    "Kết quả": "Results",
    "Lúc": "When",
    "Lưu bản nháp": "Save draft",
    "Lượt chia sẻ": "Shares",
    "Lịch sử": "History",
    "Lọc": "Filter",
    "Lỗi": "Error",
    "Mật khẩu": "Password",
    "Mục": "Item",
    "Nguồn": "Source",
    "Ngày": "Date",
    "Người nhận": "Assignee",
    "Nhãn": "Label",
    "Nhận định được kiểm chứng": "Claim checked",
    "Nhận định": "Claim",
    "Nền tảng": "Platform",
    "Nội dung": "Content",
    "Quay lại": "Back",
    "Rủi ro tối thiểu": "Minimum risk",
    "Rủi ro": "Risk",
    "Sau": "Next",
    "Thao tác": "Action",
    "Theo nhãn": "By label",
    "Theo trạng thái": "By status",
    "Thời gian trung vị đến khi đăng": "Median time to verdict",
    "Trang": "Page",
    "Trùng khớp": "Overlap",
    "Trước": "Previous",
    "Trạng thái": "Status",
    "Tên đăng nhập": "Username",
    "Tìm trong thư viện bằng chứng": "Search the evidence library",
    "Tín hiệu": "Signals",
    "Tóm tắt (tiếng Việt)": "Summary (Vietnamese)",
    "Tổng quan": "Dashboard",
    "Từ ngày": "From",
    "Xem trang công khai": "See the public page",
    "bài gốc": "original post",
    "giờ": "hours",
    "nguồn": "source",
    "tất cả": "all",
    "Điểm của bộ phân tích": "Analyser scores",
    "Điểm": "Score",
    "Đăng nhập": "Log in",
    "Đăng xuất": "Log out",
    "Đến ngày": "To",
    "Ưu tiên": "Priority",
    "Ghi chú": "Note",
    "Trích dẫn": "Quote",
    "Sai tên đăng nhập hoặc mật khẩu.": "Wrong username or password.",
    "Đăng nhập sai quá nhiều lần; vui lòng thử lại sau một phút.":
        "Too many failed logins; please try again in a minute.",
}


def translate(key: str, lang: str) -> str:
    """The text of ``key`` in ``lang`` (the key itself when there is no translation)."""
    if key in CODES:
        vi, en = CODES[key]
        return en if lang == "en" else vi
    if lang == "en":
        return EN.get(key, key)
    return key


def translator(lang: str) -> Callable[[str], str]:
    """``t(key)`` bound to one language, for templates."""

    def t(key: str) -> str:
        return translate(key, lang)

    return t


def pick_language(*candidates: str | None, default: str = "vi") -> str:
    """The first supported language among ``candidates`` (query, cookie, user setting)."""
    for lang in candidates:
        if lang in LANGUAGES:
            return lang
    return default if default in LANGUAGES else "vi"
