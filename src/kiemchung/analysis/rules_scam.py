"""Scam cues (fake prizes, refunds, fines, loans, jobs, investment, impersonation, OTP theft).

Patterns are matched against the folded text (no diacritics, teencode expanded).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from kiemchung.analysis._domains import (
    find_urls,
    host_of,
    is_blocklisted,
    is_shortener,
    lookalike_brand,
    suspicious_tld,
)
from kiemchung.analysis._prep import Prepared
from kiemchung.analysis._rules import Check, Rule, RuleSet, both, pattern
from kiemchung.text.extract import lookalike_of

BANKS = (
    r"vietcombank|vcb|techcombank|tcb|bidv|agribank|vietinbank|mb ?bank|vpbank|tpbank|acb|"
    r"sacombank|hdbank|shb|vib|seabank|ocb|msb|eximbank|lpbank|ngan hang|momo|zalopay|vi dien tu"
)
AGENCIES = (
    r"cong an|cong an phuong|co quan dieu tra|vien kiem sat|toa an|canh sat|csgt|"
    r"cuc canh sat|bo cong an|co quan thue|cuc thue|chi cuc thue|bao hiem xa hoi|bhxh|"
    r"dien luc|evn|vneid|dinh danh dien tu|bo y te|so giao thong|dang kiem|buu dien|vnpost|"
    r"nha mang|tong dai vien|viettel|vinaphone|mobifone|hai quan|toa soan|an ninh mang|"
    r"can bo dieu tra|dieu tra vien|phap ly|luat su|bo phan (?:phap ly|ky thuat)|trung tam bao hanh"
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


# Cyrillic / Greek letters that look like Latin ones (a, e, o, p, c, x, y, i, ...).
_CONFUSABLE = str.maketrans(
    "\u0430\u0435\u043e\u0440\u0441\u0445\u0443\u0456\u0458\u0455\u0501\u04bb\u04cf\u03bf\u03b1\u03bd\u03ba\u03c4\u03c1",
    "aeopcxyijsdhloavktp")


def _skeleton(url: str) -> str:
    return unicodedata.normalize("NFKC", url).translate(_CONFUSABLE).lower()


def _lookalike(item: Prepared) -> float:
    for url in _urls(item):
        if lookalike_brand(url):
            return 1.0
        skel = _skeleton(url)
        if skel != url.lower() and (lookalike_brand(skel) or lookalike_of(host_of(skel))):
            return 1.0
        if lookalike_of(host_of(url)):
            return 1.0
    return 0.0


def _homoglyph(item: Prepared) -> float:
    """A link whose host mixes Latin with look-alike non-Latin letters (аcb.com)."""
    for url in _urls(item):
        host = host_of(url)
        if any(ord(ch) > 127 for ch in host) and any("a" <= ch <= "z" for ch in host):
            return 1.0
    return 0.0


def _odd_tld(item: Prepared) -> float:
    return 1.0 if any(suspicious_tld(u) for u in _urls(item)) else 0.0


def _shortener(item: Prepared) -> float:
    return 1.0 if any(is_shortener(u) for u in _urls(item)) else 0.0


def _has_link(item: Prepared) -> float:
    return 1.0 if _urls(item) else 0.0


_OTP_NEGATED = re.compile(
    r"\b(?:khong|dung|tuyet doi khong|khong bao gio|chua bao gio|ko)\s+(?:\w+\s+){0,3}"
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
    r"thanh toan (?:phi|\d)|chuyen coc|coc \d+ ?%|chuyen (?:thang|giup|ho) .{0,20}(?:tai khoan|stk|so)|"
    r"phu phi|phi (?:mo khoa|luu kho|bao lanh|kich hoat|giai phong)|nop (?:them|\d)|"
    r"chuyen \d+ ?(?:k|tr|trieu|nghin|%)|ma qr|tien ship|nap \d+ ?k?|phi tat toan|dong (?:bhxh|bao hiem) .{0,20}can bo",
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
    r"nap \d|nap tien|nap don|thanh toan (?:phi|truoc)|nop \S+ (?:le )?phi|\d ?k? (?:le )?phi|"
    r"le phi (?:ho so|lam)|phi mo khoa|nop them|phu phi|chuyen \d")
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
        r"\bso dep\b|\btrung (?:\d|mot|1|ngay)|chuc mung!? .{0,50}(?:trung|nhan|duoc|so dien thoai)|"
        r"qua tang (?:sinh nhat|tri an|dac biet)|giai (?:nhat|nhi|ba|dac biet|khuyen khich)|chi vang|"
        r"khach hang may man|vong quay|thue thu nhap tu giai|nop thue .{0,20}(?:giai|qua)|voucher")),
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
        r"cap nhat|tich hop|dong bo|ket noi zalo|goi lai|quet ma|lenh bat|truy na|tam giam|vu an|"
    r"chuyen cuoc goi|khai bao|thu giu|trieu tap|nhan phim|khong duoc noi|le phi|can bo xa|"
    r"hoan (?:tra|tien)|ngung|cat|ngat|khoa"))),
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
        r"(?:anh|chup) (?:2|hai) mat (?:the|cccd)|ma cvv|\bcvv\b|"
    r"(?:cung cap|dien|nhap|gui|chup|dang nhap)(?: \w+){0,4} (?:cccd|can cuoc|cmnd|so the|"
        r"thong tin (?:ngan hang|the|ca nhan)|so tai khoan|tai khoan ngan hang|mat khau)")),
    Rule("scam.secrecy", "yêu cầu giữ bí mật", pattern(
        r"giu bi mat|khong (?:duoc )?(?:noi|ke|bao) (?:voi|cho) ai|khong tiet lo .{0,20}nguoi than|"
        r"bi mat (?:dieu tra|quoc gia)")),
    Rule("scam.task_scam", "nhiệm vụ nạp tiền / đơn ảo, tiền bị đóng băng", pattern(
        r"nhiem vu|nap don|don ao|dong bang|bi treo|mo khoa .{0,20}rut|khong the rut|"
        r"rut (?:toan bo|ve|tien bat cu)|(?:like|tha tim|follow|danh gia) .{0,20}(?:nhan|\d+ ?k)|"
        r"hoa hong \d|nhan \d+ ?k .{0,20}(?:ngay|moi)|tai khoan nhan luong|luong \d+.{0,10}/ ?ngay|"
        r"moi (?:luot|nhiem vu|don) \d|danh gia 5 sao|\d+ ?k ?/ ?(?:luot|nhiem vu|don|like)|nhan viec|"
        r"job online|viec online|dan tem|gap phong bi|lam tai nha .{0,30}(?:coc|nguyen lieu)")),
    Rule("scam.utility_cutoff", "doạ cắt điện / nước / sim", both(pattern(
        r"(?:cat|ngat|ngung|tam ngung|khoa) (?:dien|nuoc|cap dien|cap nuoc|sim|thue bao)|"
        r"khoa (?:2|hai) chieu|chuan hoa thong tin|thu hoi (?:so|sim)|trung thong tin|giu so|cong to|nang cap (?:sim|len 5g|4g|esim)|no tien (?:dien|nuoc)"),
        pattern(r"chuyen|thanh toan|lien he|nhan vien|link|bam|soan tin|\botp\b|ma|goi|\.\w{2,4}\b"))),
    Rule("scam.recovery", "dịch vụ lấy lại tiền bị lừa", pattern(
        r"lay lai (?:tien|so tien)|thu hoi (?:tien|\d+ ?%|lai tien)|truy vet|hacker|mu trang|"
        r"bi lua .{0,40}(?:ho tro|lay lai|giup)|ho tro nan nhan|khong lay lai duoc khong")),
    Rule("scam.extortion", "đe doạ tung ảnh / video, đòi tiền", pattern(
        r"(?:video|clip|anh|hinh anh) (?:nhay cam|nong|sex|khoa than|rieng tu)|"
        r"gui (?:\w+ ){0,3}(?:cho )?(?:toan bo )?(?:danh ba|vo|chong|gia dinh|cong ty|nguoi than)|"
        r"phat tan|tung (?:anh|clip|video)|den tan nha|khung bo|beu reu")),
    Rule("scam.charity", "kêu gọi từ thiện vào tài khoản cá nhân", both(pattern(
        r"tu thien|ung ho|quyen gop|vung lu|ba con|kham benh|hoan canh"), pattern(
        r"tai khoan (?:ca nhan|cua minh|cua em|cua toi)|chuyen thang|khong qua trung gian|stk ca nhan|"
        r"chu (?:tk|tai khoan)"))),
    Rule("scam.remote_guidance", "hướng dẫn thao tác trên app / đọc mã qua điện thoại", pattern(
        r"lam theo (?:huong dan|chi dan|loi)(?: cua)? (?:em|toi|anh|nhan vien|can bo)|"
        r"mo (?:app|ung dung) ngan hang|doc (?:giup|cho|lai)? ?(?:ma|so)|nhan phim \d|bam phim|"
        r"(?:gui|nhan) (?:giup|ho|lai) .{0,15}ma|ma (?:gui|vua gui) ve")),
    Rule("scam.investment_promise", "hứa lợi nhuận cao / nhân tiền", pattern(
        r"\bx ?[2-9]\b|x\d+ loi nhuan|gop von .{0,40}(?:nhan|ve)|ma co phieu|tin hieu|sap len|"
        r"\d+ ?% ?/ ?(?:ngay|tuan|thang)|\d+ ?% (?:moi|hang) (?:ngay|tuan|thang)|nhan ve \d|"
        r"tra gap (?:doi|ba)|hoan von|lai (?:khung|cao)|loi nhuan (?:cao|khung|on dinh)")),
    Rule("scam.police_pretext", "kịch bản công an / điều tra doạ liên quan tội phạm", pattern(
        r"ke gian|ma doc|hoat dong pham phap|giu may|rua tien|duong day (?:lua dao|ma tuy|rua)|"
        r"lien quan (?:den )?(?:vu an|duong day|toi pham|hoat dong)|chung minh (?:trong sach|vo toi)|"
        r"tai khoan (?:tam giu|an toan|giam sat)|bi (?:dung|lam) gia|ho chieu gia|khong duoc noi")),
    Rule("scam.account_trade", "mua bán / cho thuê tài khoản ngân hàng", pattern(
        r"(?:ban|mua|thu mua|thue|cho thue|muon) (?:lai )?tai khoan (?:ngan hang|khong dung|\d)|"
        r"dung ten (?:mo )?tai khoan|mo tai khoan .{0,20}(?:thue|tra|nhan \d)|rut tien the tin dung")),
    Rule("scam.romance", "quen qua mạng, quà / tiền gửi từ nước ngoài", pattern(
        r"co don|tim ban tam su|hen ho|anh rieng tu|ky su .{0,30}(?:gian khoan|nuoc ngoai|my)|"
        r"(?:goi qua|hop qua|qua) .{0,30}(?:trang suc|usd|do la|\d+ ?do)|gui ve cho (?:ban|em)|"
        r"linh my|bac si (?:my|anh|quan doi)|sap ve viet nam")),
    Rule("scam.homoglyph", "tên miền dùng chữ cái giả (Cyrillic…)", _homoglyph),
    Rule("scam.money_link", "số tiền kèm đường link", both(_MONEY_CHECK, _has_link)),
    Rule("legit.otp_warning", "nhắc không chia sẻ OTP (dấu hiệu tin chính thống)", pattern(
        r"\b(?:khong|dung|tuyet doi khong|khong bao gio) (?:\w+ ){0,3}(?:chia se|cung cap|tiet lo|"
        r"gui) .{0,40}(?:otp|mat khau|ma)\b|khong yeu cau .{0,30}(?:otp|mat khau|chuyen tien)|"
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
        r"mao danh .{0,40}(?:de|nham) lua|gia (?:mao|danh) .{0,40}(?:doa|yeu cau|goi|nhan)|"
        r"khang dinh khong|khong (?:bao gio )?(?:nhan tin|goi dien|gui link) (?:de )?yeu cau|"
        r"(?:mat tien|bi lua) vi|(?:nhieu nguoi|nan nhan) (?:bi lua|mat tien)|triet pha|"
        r"khuyen cao (?:nguoi dan|khach hang)|khong cho thue|thuc chat la")),
))


def check_for(code: str) -> Check:
    """The check of one rule (used by tests)."""
    for rule in RULES.rules:
        if rule.code == code:
            return rule.check
    raise KeyError(code)
