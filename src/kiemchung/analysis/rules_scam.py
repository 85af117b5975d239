"""Scam cues (fake prizes, refunds, fines, loans, jobs, investment, impersonation, OTP theft).

Patterns are matched against the folded text (no diacritics, teencode expanded).
"""

from __future__ import annotations

import re
from functools import lru_cache

from kiemchung.analysis._domains import (
    find_urls,
    is_blocklisted,
    is_shortener,
    lookalike_brand,
    suspicious_tld,
)
from kiemchung.analysis._prep import Prepared
from kiemchung.analysis._rules import Check, Rule, RuleSet, both, pattern

BANKS = (
    r"vietcombank|vcb|techcombank|tcb|bidv|agribank|vietinbank|mb ?bank|vpbank|tpbank|acb|"
    r"sacombank|hdbank|shb|vib|seabank|ocb|msb|eximbank|lpbank|ngan hang|momo|zalopay|vi dien tu"
)
AGENCIES = (
    r"cong an|cong an phuong|co quan dieu tra|vien kiem sat|toa an|canh sat|csgt|"
    r"cuc canh sat|bo cong an|co quan thue|cuc thue|chi cuc thue|bao hiem xa hoi|bhxh|"
    r"dien luc|evn|vneid|dinh danh dien tu|bo y te|so giao thong|dang kiem|buu dien|vnpost|"
    r"nha mang|tong dai vien|viettel|vinaphone|mobifone|hai quan|toa soan"
)
MONEY = (
    r"\d+(?:[.,]\d+)*\s?(?:k|nghin|ngan|trieu|tr|ty|ti|dong|d|vnd|usd|usdt|do)\b|\$\s?\d"
)
URGENT = (
    r"\bgap\b|khan cap|ngay lap tuc|ngay bay gio|ngay hom nay|trong (?:vong )?\d+ ?(?:gio|phut|h)\b|"
    r"truoc \d+ ?(?:gio|h)\b|het han|cuoi cung|chi con \d|nhanh tay|kheo lo|som nhat|"
    r"trong hom nay|truoc ngay|qua han|neu khong .{0,40}(?:bi|se)"
)


def _urls(item: Prepared) -> tuple[str, ...]:
    return _cached_urls(item.norm_cased)


@lru_cache(maxsize=2048)
def _cached_urls(text: str) -> tuple[str, ...]:
    return tuple(find_urls(text))


def _blocklisted(item: Prepared) -> float:
    return 1.0 if any(is_blocklisted(u) for u in _urls(item)) else 0.0


def _lookalike(item: Prepared) -> float:
    return 1.0 if any(lookalike_brand(u) for u in _urls(item)) else 0.0


def _odd_tld(item: Prepared) -> float:
    return 1.0 if any(suspicious_tld(u) for u in _urls(item)) else 0.0


def _shortener(item: Prepared) -> float:
    return 1.0 if any(is_shortener(u) for u in _urls(item)) else 0.0


def _has_link(item: Prepared) -> float:
    return 1.0 if _urls(item) else 0.0


_OTP_NEGATED = re.compile(
    r"(?:khong|dung|tuyet doi khong|khong bao gio|chua bao gio|ko)\s+(?:\w+\s+){0,3}"
    r"(?:chia se|cung cap|tiet lo|gui|dua|doc|nhap)"
)


def _otp_request(item: Prepared) -> float:
    text = item.folded
    if not re.search(r"\botp\b|ma xac (?:thuc|nhan|minh)|mat khau|ma pin|\bcvv\b|so the|"
                     r"ma bao mat|ma (?:\d so|kich hoat|vua gui|gui ve)|nhan (?:giup|ho) .{0,20}ma",
                     text):
        return 0.0
    if not re.search(r"cung cap|gui (?:lai|cho|ma)|doc (?:giup|cho|lai|ma)|nhap|dien|chia se|"
                     r"bao lai|nhan (?:lai|cho)|xac nhan|gui qua|cho (?:em|minh|toi|chung toi)",
                     text):
        return 0.0
    # Real bank messages warn "không chia sẻ OTP"; that is the opposite cue.
    return 0.0 if _OTP_NEGATED.search(text) else 1.0


_MONEY_CHECK = pattern(MONEY)
_URGENT_CHECK = pattern(URGENT)
_TRANSFER = pattern(
    r"chuyen (?:tien|khoan)|nap (?:tien|the|vao)|nop (?:tien|phi|le phi)|dong (?:phi|tien)|"
    r"gui tien|phi (?:xu ly|ho so|giai ngan|kich hoat|van chuyen|bao hiem|thu tuc|nhan qua|"
    r"thong quan|bao mat|xac minh|rut tien)|dat coc|coc truoc|thanh toan (?:truoc|ngay)|"
    r"so tai khoan|\bstk\b|chuyen vao tai khoan|ung tien|vay (?:giup|tam)|muon (?:tam|tien)|"
    r"chuyen (?:truoc|ngay|gap|phi|\d)|dong truoc|phi giu cho|tam ung|phi ship|ung truoc|"
    r"thanh toan (?:phi|\d)",
    exclude=r"khong (?:bao gio )?(?:yeu cau|de nghi) .{0,40}(?:chuyen|nop|cung cap)",
)
_BANK = pattern(BANKS)
_BENEFIT = pattern(
    r"\bnhan (?:qua|thuong|tien|giai|hang|ho tro|tro cap|lai|hoc bong|viec)|duoc (?:tang|nhan|chi tra|"
    r"hoan|ho tro|duyet|giai ngan)|trung (?:thuong|giai)|tang (?:qua|\d)|hoc bong|giai ngan|"
    r"\bhoan (?:tien|thue|coc|lai)|rut tien|viec lam|thang giveaway|tro cap|uu dai")
_FEE = pattern(
    r"phi (?:\w+ ){0,2}(?:de|truoc|moi)|nop (?:phi|tien|le phi)|dong (?:phi|tien|truoc)|"
    r"chuyen (?:phi|truoc|khoan|tien)|dat coc|coc truoc|phi (?:xu ly|ho so|giai ngan|kich hoat|"
    r"van chuyen|bao hiem|thu tuc|nhan qua|thong quan|giu cho|ship|xac minh|chuyen doi)|"
    r"nap \d|nap tien|thanh toan (?:phi|truoc)")
_AGENCY = pattern(AGENCIES)
_ACCOUNT_THREAT = pattern(
    r"(?:tai khoan|the|sim|thue bao|zalo|facebook|so dien thoai|vneid|dinh danh)"
    r".{0,40}(?:bi khoa|se bi khoa|tam khoa|bi dinh chi|vo hieu|bi thu hoi|bi cat|ngung hoat dong|"
    r"bi han che|khoa vinh vien)",
    r"(?:cap nhat|xac thuc|xac minh|nang cap|chuan hoa|dong bo) .{0,30}"
    r"(?:tai khoan|thong tin|sinh trac|cccd|can cuoc|sim|the)",
)

RULES = RuleSet((
    Rule("scam.money_request", "yêu cầu chuyển tiền / nộp phí", _TRANSFER),
    Rule("scam.prize", "thông báo trúng thưởng, quà tặng", pattern(
        r"trung (?:thuong|giai|qua)|qua tang tri an|tri an khach hang|nhan qua|quay so|"
        r"giai thuong|phan thuong|may man|chuc mung .{0,30}(?:trung|nhan|duoc chon)|"
        r"duoc chon .{0,20}(?:nhan|trung)|mien phi .{0,20}(?:iphone|xe may|sh|laptop)|"
        r"\bso dep\b")),
    Rule("scam.refund", "hứa hoàn tiền / hoàn thuế / bồi thường", pattern(
        r"\bhoan (?:tien|thue|phi|lai tien)|boi thuong|nhan lai tien|lay lai tien|thu hoi tien|"
        r"tien (?:thua|du) .{0,20}(?:hoan|tra lai)|ho tro nan nhan")),
    Rule("scam.fine", "phạt nguội / vi phạm giao thông", pattern(
        r"phat nguoi|vi pham (?:giao thong|luat giao thong|an toan)|bien ban (?:xu )?phat|"
        r"nop phat|quyet dinh xu phat|giay moi .{0,20}(?:cong an|lam viec)|xu phat hanh chinh|"
        r"dang kiem .{0,20}(?:het han|bi huy)")),
    Rule("scam.loan", "vay tiền nhanh, không thế chấp", pattern(
        r"vay (?:nhanh|tien|tin chap|online|von|tieu dung)|giai ngan|khong (?:can )?the chap|"
        r"khong tham dinh|khong can chung minh|lai suat (?:0|thap|uu dai)|chi can (?:cccd|can cuoc)|"
        r"ho tro no xau|no xau van vay|duyet (?:ho so )?(?:nhanh|trong)")),
    Rule("scam.job", "việc nhẹ lương cao / cộng tác viên online", pattern(
        r"viec nhe luong cao|cong tac vien|\bctv\b|lam (?:viec )?tai nha|hoa hong|nhan don|"
        r"(?:like|tha tim|xem) (?:video|san pham|clip)|lam nhiem vu|thu nhap (?:tu )?\d|"
        r"luong \d+ ?(?:trieu|k|nghin)?/?(?:ngay|gio)|tuyen (?:gap|dung) .{0,30}(?:online|tai nha)|"
        r"chot don|don ao|kiem tien online|viec lam them")),
    Rule("scam.invest", "đầu tư / tiền ảo lợi nhuận cao", pattern(
        r"dau tu|loi nhuan \d|lai \d+ ?%|\d+ ?% (?:moi|mot|\/) ?(?:ngay|tuan|thang)|tien ao|crypto|"
        r"\busdt\b|bitcoin|\bbtc\b|forex|ngoai hoi|san (?:giao dich|chung khoan quoc te)|"
        r"nhan (?:doi|ba) (?:so )?tien|x2 tai khoan|cam ket loi nhuan|khong rui ro|"
        r"bao lai|lai suat cao|tien (?:ve|lai) (?:deu|hang ngay)|coin|dao coin")),
    Rule("scam.impersonate_bank", "mạo danh ngân hàng / ví điện tử", both(_BANK, pattern(
        r"khoa|cap nhat|xac thuc|xac minh|nang cap|dang nhap|het han|dinh chi|han muc|"
        r"\botp\b|link|truy cap|bam vao|nhan vao|click|diem thuong|doi diem|cai dat"))),
    Rule("scam.impersonate_agency", "mạo danh cơ quan nhà nước / công an", both(_AGENCY, pattern(
        r"chuyen (?:tien|khoan)|tai khoan tam giu|tai khoan (?:an toan|cua co quan)|"
        r"\botp\b|cai dat|ung dung|truy cap|link|bam vao|nhan vao|dieu tra|rua tien|"
        r"lien quan (?:den )?(?:vu an|duong day)|giu bi mat|khong duoc (?:noi|tiet lo)|"
        r"cap nhat|tich hop|dong bo|ket noi zalo|goi lai|quet ma|lenh bat|truy na"))),
    Rule("scam.otp", "yêu cầu cung cấp mã OTP / mật khẩu", _otp_request),
    Rule("scam.account_threat", "đe doạ khoá tài khoản / yêu cầu xác thực", _ACCOUNT_THREAT),
    Rule("scam.urgency", "thúc giục gấp, tạo áp lực thời gian", _URGENT_CHECK),
    Rule("scam.money_urgent", "số tiền kèm thúc giục", both(_MONEY_CHECK, _URGENT_CHECK)),
    Rule("scam.app_install", "yêu cầu cài ứng dụng lạ", pattern(
        r"cai (?:dat )?(?:ung dung|app|phan mem)|tai (?:ung dung|app)|\.apk\b|file apk|"
        r"ung dung (?:gia|la)|chia se man hinh|teamviewer|ultraviewer|anydesk")),
    Rule("scam.off_channel", "kêu gọi liên hệ riêng qua Zalo / Telegram", pattern(
        r"(?:nhan tin|lien he|ket ban|add|nhan) .{0,15}(?:zalo|telegram|tele|whatsapp|viber)|"
        r"zalo:? ?\d|telegram:? ?@|lien he (?:so|sdt|hotline|ngay)|goi (?:ngay|lai) (?:so|hotline|cho so)")),
    Rule("scam.parcel", "bưu kiện bị giữ / phí thông quan", pattern(
        r"buu (?:kien|pham)|kien hang .{0,30}(?:giu|hai quan|thong quan)|hai quan|phi thong quan|"
        r"don hang .{0,30}(?:bi giu|that lac|khong the giao|giao that bai|hoan tra)|"
        r"qua (?:tu|gui tu) (?:nuoc ngoai|my|anh|uc|phap)")),
    Rule("scam.relative_emergency", "báo tin người thân gặp nạn, cần tiền gấp", pattern(
        r"(?:con|chau|chong|vo|nguoi nha|nguoi than) .{0,30}(?:cap cuu|tai nan|nhap vien|bi bat|"
        r"bi tam giu|dang o benh vien)|dong tien (?:mo|vien phi|cap cuu)|can tien (?:mo|gap)")),
    Rule("scam.link", "có đường link", _has_link),
    Rule("scam.shortener", "link rút gọn che giấu địa chỉ thật", _shortener),
    Rule("scam.odd_tld", "tên miền đuôi lạ (.xyz, .top, .vip…)", _odd_tld),
    Rule("scam.lookalike", "tên miền giả mạo ngân hàng / cơ quan / thương hiệu", _lookalike),
    Rule("scam.blocklisted", "tên miền nằm trong danh sách đen lừa đảo", _blocklisted),
    Rule("scam.advance_fee", "đòi nộp phí trước để nhận tiền / quà / việc", both(_BENEFIT, _FEE)),
    Rule("scam.personal_account", "yêu cầu chuyển vào tài khoản cá nhân", pattern(
        r"tai khoan ca nhan|tai khoan (?:cua )?(?:bac si|giao vien|nhan vien|can bo|toi|em|minh) "
        r"(?:\w+ ){0,3}(?:so|la)|chuyen (?:\w+ ){0,4}(?:cho )?(?:toi|em|chi|anh|minh)\b.{0,30}"
        r"(?:gap|ngay|truoc)")),
    Rule("scam.legal_threat", "đe doạ pháp lý, bắt giữ, cưỡng chế", pattern(
        r"don kien|khoi kien|cuong che|bat giu|bat tam giam|lenh bat|truy to|tuoc bang|"
        r"bi bat|truy na|tam giu tai san|phong toa")),
    Rule("scam.guarantee", "cam kết chắc chắn, đảm bảo 100%", pattern(
        r"cam ket|dam bao 100|uy tin 100|100 ?% (?:dau|thanh cong|hoan tien|thang)|chac chan "
        r"(?:thang|co lai|nhan)|khong (?:mat|lo) von")),
    Rule("scam.personal_info", "yêu cầu thông tin cá nhân / ngân hàng", pattern(
        r"(?:cung cap|dien|nhap|gui|chup|dang nhap)(?: \w+){0,4} (?:cccd|can cuoc|cmnd|so the|"
        r"thong tin (?:ngan hang|the|ca nhan)|so tai khoan|tai khoan ngan hang|mat khau)")),
    Rule("scam.secrecy", "yêu cầu giữ bí mật", pattern(
        r"giu bi mat|khong (?:duoc )?(?:noi|ke|bao) (?:voi|cho) ai|khong tiet lo .{0,20}nguoi than|"
        r"bi mat (?:dieu tra|quoc gia)")),
    Rule("legit.otp_warning", "nhắc không chia sẻ OTP (dấu hiệu tin chính thống)", pattern(
        r"(?:khong|dung|tuyet doi khong|khong bao gio) (?:\w+ ){0,3}(?:chia se|cung cap|tiet lo|"
        r"gui) .{0,40}(?:otp|mat khau|ma)|khong yeu cau .{0,30}(?:otp|mat khau|chuyen tien)|"
        r"(?:otp|mat khau|ma xac|ma kich).{0,60}(?:khong|dung) (?:\w+ ){0,2}(?:chia se|cung cap|"
        r"tiet lo)")),
    Rule("legit.official_channel", "hướng dẫn qua kênh chính thức", pattern(
        r"tai quay|chi nhanh|tai cua hang|kho ung dung chinh thuc|den truc tiep|truc tiep (?:tai|den)|"
        r"tong dai chinh thuc|trang chinh thuc|\.gov\.vn|khong (?:lam|xu ly) qua (?:link|dien thoai)")),
    Rule("legit.balance_notice", "thông báo biến động số dư", pattern(
        r"so du|\bsd\b.{0,5}\d|\bgd\b.{0,5}[+-]|giao dich .{0,10}[+-] ?\d|tk \d.{0,20}[+-] ?\d")),
    Rule("legit.scam_warning", "nội dung cảnh báo lừa đảo", pattern(
        r"canh bao (?:lua dao|thu doan|chieu)|thu doan (?:lua dao|moi)|(?:dung|khong) "
        r"(?:\w+ ){0,2}(?:bam|nhan|click) .{0,20}link la|de phong|can giac|tinh trang gia mao|"
        r"mao danh .{0,40}(?:de|nham) lua")),
))


def check_for(code: str) -> Check:
    """The check of one rule (used by tests)."""
    for rule in RULES.rules:
        if rule.code == code:
            return rule.check
    raise KeyError(code)
