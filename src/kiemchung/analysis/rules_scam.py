"""Scam cues (fake prizes, refunds, fines, loans, jobs, investment, impersonation, OTP theft).

Patterns are matched against the folded text (no diacritics, teencode expanded).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache

import numpy as np

from kiemchung.analysis._domains import (
    _TLDS,
    find_urls,
    host_of,
    is_blocklisted,
    is_shortener,
    lookalike_brand,
    suspicious_tld,
)
from kiemchung.analysis._prep import Prepared, expand_teencode_one, fold_fast, prepare
from kiemchung.analysis._rules import (
    Check,
    Columns,
    Rule,
    RuleSet,
    batched,
    both,
    lexicon,
    pattern,
    search_check,
)
from kiemchung.text.extract import lookalike_of, official_domains

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


def _has_link_one(item: Prepared) -> float:
    return 1.0 if _urls(item) else 0.0


# Every match of ``_URL`` contains one of these (a URL starts with a scheme or ``www.``; a
# bare domain ends with a dot and a TLD not followed by a word character or a hyphen).
_URL_HINT = re.compile(r"https?://|www\.|\.(?:" + _TLDS + r")(?![\w-])", re.IGNORECASE)


@batched()
def has_link(cols: Columns) -> np.ndarray:
    """Texts with a URL or bare domain (``find_urls`` of the cased text is not empty).

    One scan of the batch (texts joined by newlines) finds the texts where the URL regex
    matches at all; only those are parsed. Exact: its matches never contain a newline and
    its look-arounds see a newline as they see the start or end of a text. The scan looks
    for a part that every match contains (a scheme, ``www.`` or a dot and a TLD), which
    the regex engine finds faster."""
    texts = [item.norm_cased for item in cols.items]
    maybe = np.zeros(len(texts), dtype=bool)
    starts = [0]
    for text in texts:
        starts.append(starts[-1] + len(text) + 1)
    joined, pos, search = "\n".join(texts), 0, _URL_HINT.search
    while True:
        m = search(joined, pos)
        if m is None:
            break
        k = bisect_right(starts, m.start()) - 1
        maybe[k] = True
        pos = starts[k + 1]
    return cols.where(maybe, _has_link_one)


_has_link = has_link


def _on_links(check: Check, *, quoted_off: bool = True) -> Check:
    """``check`` (a link rule: 0 without links) run only on the texts that have a link.

    ``quoted_off``: in a warning or report that makes no ask of its own (``_shield``), a link
    that appears only inside a quotation (the scam SMS being warned about) does not count.
    """
    @batched()
    def run(cols: Columns) -> np.ndarray:
        out = cols.where(cols[_has_link], check)
        if quoted_off and out.any():
            redo = out & cols[_shield] & cols[_QUOTE_CHECK]
            if redo.any():
                out &= ~cols.where(redo, lambda item: not check(_without_quotes(item)))
        return out
    return run


def _without_quotes(item: Prepared) -> Prepared:
    """``item`` with its quotations blanked out."""
    return prepare([_QUOTED.sub(" ", item.norm_cased)])[0]


_OTP_NEGATED = re.compile(
    r"\b(?:khong|dung|tuyet doi khong|khong bao gio|chua bao gio|ko)\s+(?:\w+\s+){0,3}"
    r"(?:chia se|cung cap|tiet lo|gui|dua|doc|nhap)"
)


_OTP_CODE = pattern(r"\botp\b|ma xac (?:thuc|nhan|minh)|mat khau|ma pin|\bcvv\b|so the|"
                    r"ma bao mat|ma (?:\d so|kich hoat|vua gui|gui ve)|nhan (?:giup|ho) .{0,20}ma")
_OTP_ASK = pattern(r"cung cap|gui (?:lai|cho|ma)|doc (?:giup|cho|lai|ma)|nhap|dien|chia se|"
                   r"bao lai|nhan (?:lai|cho)|xac nhan|gui qua|cho (?:em|minh|toi|chung toi)")


@batched(_OTP_CODE, _OTP_ASK)
def _otp_request(cols: Columns) -> np.ndarray:
    """Asks for a code or password (and not to keep it secret)."""
    # Real bank messages warn "không chia sẻ OTP"; that is the opposite cue.
    return cols.where(cols[_OTP_CODE] & cols[_OTP_ASK],
                      lambda item: not _OTP_NEGATED.search(item.folded))


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


def _unless_own_ask(check: Check) -> Check:
    """``check`` (a legit cue: a warning, "do not share your OTP"), silenced when the text makes
    its own ask through its own channel (``scam.warning_then_ask``): a scam gets no credit
    for the warning words it wraps itself in."""
    @batched(check)
    def run(cols: Columns) -> np.ndarray:
        return cols[check] & ~cols[_warn_ask]
    return run


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
    Rule("scam.shortener", "link rút gọn che giấu địa chỉ thật", _on_links(_shortener)),
    Rule("scam.odd_tld", "tên miền đuôi lạ (.xyz, .top, .vip…)", _on_links(_odd_tld)),
    Rule("scam.lookalike", "tên miền giả mạo ngân hàng / cơ quan / thương hiệu", _on_links(_lookalike)),
    Rule("scam.blocklisted", "tên miền nằm trong danh sách đen lừa đảo", _on_links(_blocklisted)),
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
        r"job online|viec online|dan tem|gap phong bi|lam tai nha .{0,30}(?:coc|nguyen lieu)|"
        r"don combo|hoan (?:lai )?goc|nap du\b|cap (?:do )?vip|\bvip ?\d|von don|lam vi[ec]c nhom")),
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
    Rule("scam.homoglyph", "tên miền dùng chữ cái giả (Cyrillic…)", _on_links(_homoglyph)),
    Rule("scam.money_link", "số tiền kèm đường link", both(_MONEY_CHECK, _has_link)),
    Rule("legit.otp_warning", "nhắc không chia sẻ OTP (dấu hiệu tin chính thống)", _unless_own_ask(pattern(
        r"\b(?:khong|dung|tuyet doi khong|khong bao gio) (?:\w+ ){0,3}(?:chia se|cung cap|tiet lo|"
        r"gui) .{0,40}(?:otp|mat khau|ma)\b|khong yeu cau .{0,30}(?:otp|mat khau|chuyen tien)|"
        r"(?:otp|mat khau|ma xac|ma kich).{0,60}(?:khong|dung) (?:\w+ ){0,2}(?:chia se|cung cap|"
        r"tiet lo)"))),
    Rule("legit.official_channel", "hướng dẫn qua kênh chính thức", pattern(
        r"tai quay|chi nhanh|tai cua hang|kho ung dung chinh thuc|den truc tiep|truc tiep (?:tai|den)|"
        r"tong dai chinh thuc|trang chinh thuc|\.gov\.vn|khong (?:lam|xu ly) qua (?:link|dien thoai)")),
    Rule("legit.balance_notice", "thông báo biến động số dư", _unless_own_ask(pattern(
        r"so du(?: \w+){0,2}:? ?[\d+-]|\bsd\b.{0,5}\d|\bgd\b.{0,5}[+-]|giao dich .{0,10}[+-] ?\d|"
        r"tk \d.{0,20}[+-] ?\d"))),
    Rule("legit.scam_warning", "nội dung cảnh báo lừa đảo", _unless_own_ask(pattern(
        r"canh bao (?:lua dao|thu doan|chieu)|thu doan (?:lua dao|moi)|(?:dung|khong) "
        r"(?:\w+ ){0,2}(?:bam|nhan|click) .{0,20}link la|de phong|can giac|tinh trang gia mao|"
        r"mao danh .{0,40}(?:de|nham) lua|gia (?:mao|danh) .{0,40}(?:doa|yeu cau|goi|nhan)|"
        r"khang dinh khong|khong (?:bao gio )?(?:nhan tin|goi dien|gui link) (?:de )?yeu cau|"
        r"(?:mat tien|bi lua) vi|(?:nhieu nguoi|nan nhan) (?:bi lua|mat tien)|triet pha|"
        r"khuyen cao (?:nguoi dan|khach hang)|khong cho thue|thuc chat la"))),
))


# -- phrase-independent cues: what the message asks for, why, and how it pushes ----------
# A scam *does* something whatever its wording: it asks for money, a code, an app install,
# a login or identity papers (the ask), gives a reason (a benefit, a threat, an emergency,
# a changed identity) and pushes (deadline, secrecy, "don't call"). Each part is a broad
# lexicon; the rules below fire on combinations, so new pretexts still trip them.


_ASK_MONEY = lexicon(
    r"chuyen (?:khoan|tien|giup|ho|cho|vao|qua|truoc|lai|ngay|gap|thang|coc|phi|\d|toan bo|het|"
    r"so du|sang)|"
    r"chuyen (?:\w+ ){0,2}\d+(?:[.,]\d+)? ?(?:k|tr|trieu|nghin|cu|do|usd|euro)|"
    r"chuyen (?:anh|em|con|chi|minh|bo|me|co|chu|bac|tao|t) |"
    r"\bchong (?:giup|ho|cho|qua|vao|truoc|lai|ngay|gap|de|du|tien|\d)|\bck\b|nop (?:giup|ho)|"
    r"thanh toan (?:\w+ ){0,2}(?:trong|hom nay|ngay|truoc|tai|qua link)|neu khong (?:thanh toan|"
    r"chuyen|nop|dong|tra)|\bpay now\b|(?:bo|vao|gop) (?:\w+ ){0,2}\d+ ?(?:k|tr|trieu|cu|ty)\b|"
    r"\bnap (?:tien|them|\d|vao|the)|\bnop (?:tien|phi|le phi|thue|phat|them|\d|truoc)|"
    r"dong (?:phi|tien|truoc|\d)|dat coc|\bcoc (?:truoc|giu|\d)|chuyen coc|"
    r"thanh toan (?:truoc|phi|ngay|\d)|(?:cho|giup) (?:\w+ ){0,2}muon|\bmuon (?:\w+ ){0,2}\d|"
    r"so tai khoan|\bstk\b|vao (?:so|tai khoan) (?:nay|sau|duoi|ben duoi|moi|cua)|"
    r"\bphi (?:\w+ ){0,3}(?:\d|truoc)|\d+ ?% (?:phi|chi phi|le phi)|tra (?:thay|truoc)|"
    r"quet ma qr|ung ho (?:\w+ ){0,3}\d|giup (?:\w+ ){0,2}\d+ ?(?:k|tr|trieu|nghin|cu|euro|usd)")
_ASK_CODE = lexicon(
    r"\botp\b|ma (?:xac (?:thuc|nhan|minh)|vua gui|gui ve|\d so|dang ky|kich hoat)|"
    r"tin nhan (?:co )?\d so|gui (?:lai|giup|cho) (?:\w+ ){0,3}(?:ma|\d so|so do)|"
    r"doc (?:giup|lai|cho)? ?(?:\w+ )?ma|(?:gui|nhan) nham (?:\w+ ){0,2}ma")
_ASK_INSTALL = lexicon(
    r"(?:cai|tai) (?:dat |ve )?(?:ung dung|app|phan mem|file)|\.apk\b|\.zip\b|anydesk|teamviewer|"
    r"ultraviewer|chia se man hinh|goi video (?:cho )?(?:nhan vien|can bo)|cho phep (?:\w+ ){0,2}truy cap")
_ASK_LOGIN = lexicon(
    r"dang nhap (?:\w+ ){0,3}(?:tai|qua|vao|bang|de)|(?:bam|nhan|click|truy cap|vao) (?:\w+ ){0,2}"
    r"(?:link|duong (?:link|dan)|trang sau|tai day|vao day)|(?:nhap|dien|cung cap) (?:\w+ ){0,3}"
    r"(?:thong tin|so the|mat khau|tai khoan|ngay het han)|(?:tai|qua|xem|nghe|ngay):? \S+\.[a-z]{2,}|"
    r"dang nhap (?:\w+ ){0,2}(?:facebook|zalo|tai khoan|ngan hang|gmail|google)|vao link|"
    r"(?:cap nhat|xac thuc|xac minh) (?:\w+ ){0,3}(?:thong tin|tai khoan|cccd|sinh trac)|"
    r"soan (?:tin|\w+) (?:\w+ ){0,2}gui \d|lam theo (?:huong dan|chi dan) (?:cua )?(?:tong dai|nhan vien|"
    r"can bo|em|toi)")
_ASK_ID = lexicon(
    r"anh (?:\w+ ){0,2}(?:cccd|can cuoc|cmnd|the)|(?:2|hai) mat (?:the|cccd|can cuoc)|cccd goc|"
    r"\bcvv\b|so the|(?:gui|cung cap|chup) (?:\w+ ){0,3}(?:cccd|can cuoc|cmnd|ho chieu)|"
    r"anh toan than|dung ten|thong tin (?:the|ngan hang)")
_BENEFIT_ANY = lexicon(
    r"trung (?:thuong|giai|tuyen)|qua tang|tang (?:qua|ban|\d|goi|mien phi)|nhan (?:qua|thuong|ngay|"
    r"lai|ve|tien|voucher|hoc bong|ho tro|tro cap|luong)|hoan (?:tien|lai|phi|thue|tra)|boi thuong|"
    r"den bu|ho tro|tro cap|hoc bong|mien phi|0 ?d\b|voucher|uu dai|khuyen mai|duoc (?:chon|duyet|"
    r"nhan|tang|hoan|mien)|hoa hong|thu nhap|loi (?:nhuan|lai)|\blai \d|\blai suat|luong \d|"
    r"may man|tri an|giai ngan|vay|duoc (?:tra|chi tra)|nhan doi|gap doi|kiem (?:tien|them)|"
    r"lam them|viec (?:lam|nhe|don gian)|tuyen|cat xe|thu lao|khoan tien|thua ke|gia (?:goc|re|soc)|"
    r"thanh ly|pass lai|chi (?:con|tu) \d|phat qua|uu tien|khong phai xep hang|dao han|"
    r"duoc chi tra|quyen loi|tien (?:hang|thuong|luong)|giao (?:tan nha|trong ngay)|cam ket|"
    r"dam bao|100 ?%|binh chon|\bvote\b|cuoc thi|nhat duoc|tra (?:\w+ ){0,2}tan nha|mang tra|gui tra")
_THREAT_ANY = lexicon(
    r"(?:bi|se bi|tam) (?:khoa|dinh chi|cat|ngat|ngung|xoa|phat|thu hoi|phong toa|tam giu|giu|"
    r"khoi to|truy to|bat|huy|chuyen quyen|dang len)|vi pham|het han|qua han|no (?:qua han|xau)|"
    r"khoi kien|don kien|dieu tra|lien quan (?:den )?(?:vu|duong day)|nhiem virus|bat thuong|"
    r"dang ngo|thiet bi (?:moi|la)|xet xu|lap bien ban|cuong che|chua (?:hoan tat|cap nhat|xac thuc|"
    r"dong|nhan|thanh toan)|bi loi|loi (?:thanh toan|van chuyen|ghi)|that bai|khong thanh cong|"
    r"gian doan|nhay cam|lan truyen|tung (?:anh|clip)|gui cho (?:toan bo|ban be|gia dinh)|"
    r"den han|nhac no|tham chieu|tru nham|trung thong tin|nhan ban|neu khong phai (?:ban|quy khach)|"
    r"on hold|unpaid|suspended|locked|verify")
_EMERGENCY = lexicon(
    r"cap cuu|tai nan|nhap vien|o vien|benh vien|dang mo|tien mo|vien phi|bi (?:giu|bat|nga|om|"
    r"sot|tai nan|thuong)|bat den|khong cho ve|mat (?:vi|dien thoai|ho chieu|het tien)|"
    r"ket (?:tien|o|qua)|het pin|co tang|mat o que|chuoc|gap lam|dang can|can (?:tien )?gap|lo qua")
_IDENTITY_SHIFT = lexicon(
    r"doi (?:so|zalo|sdt|dien thoai|tai khoan)|so moi|tai khoan moi|(?:tk|tai khoan) cu (?:bi|da)|"
    r"muon (?:may|dien thoai)|hong (?:camera|may|dien thoai)|khong (?:goi|nghe) (?:video|may|dien)|"
    r"(?:dung|khong) goi (?:lai|cho|vi)|khong tien nghe|khong (?:the )?lien lac|dien thoai (?:hong|"
    r"het pin|mat)|nhan nham|nham so|bi hack|mat (?:facebook|zalo)|(?:nho|thay) (?:\w+ ){0,2}nhan")
_THIRD_PARTY = lexicon(
    r"(?:tai khoan|\bstk\b|so) (?:cua )?(?:ban|em gai|em trai|chong|vo|me|bo|chi|anh|co|bac si|y ta|"
    r"giao vien|can bo|dong chi|nhan vien|ke toan|chu nha|chi chu|nguoi|ban cua)\b|"
    r"tai khoan ca nhan|tai khoan (?:moi|tam giu|an toan)|qua (?:so|tai khoan) (?:em|ban)|"
    r"chuyen truc tiep cho|khong can qua (?:to truong|trung gian|ban|hoi)")
_PRESSURE = lexicon(URGENT + r"|dung (?:noi|bao|ke|goi)|khong (?:duoc )?(?:noi|bao|ke) (?:voi|cho)|"
                       r"giu bi mat|ke(?:o)? (?:het|lo)|so luong co han|suat cuoi|con (?:\d|vai) "
                       r"(?:suat|slot|cho|may|lo)|uu tien (?:\w+ ){0,2}nhanh|lat .{0,10}gui lai|"
                       r"mai (?:\w+ ){0,2}tra|toi nay (?:\w+ ){0,2}tra|tra (?:lai )?(?:gap doi|du)")
_NEWS_START = r"^(?:bao|ban tin|tin tuc|phong su|thoi su)\b[^:]{0,25}:"
_NEWS_REST = (
    r"\b(?:vnexpress|tuoi tre|thanh nien|dan tri|vtv|"
    r"vietnamnet|zing|tien phong|lao dong|bao moi)\b ?:|phong su|chuong trinh thoi su|ban tin|"
    r"(?:bat|khoi to|triet pha|bat giu|bat nhom) (?:\w+ ){0,4}(?:doi tuong|duong day|vu an|nhom)|"
    r"chiem doat|(?:nguoi|phu nu|dan ong|nan nhan|ba|ong) (?:\w+ ){0,6}(?:bi lua|mat \d|mat (?:hon|"
    r"gan) \d)|sau khi (?:lam|bam|cai|quen|tin)|da (?:khoi to|bat|tiep nhan|xu phat)")
_NEWS_FRAME = lexicon(_NEWS_START + "|" + _NEWS_REST)
_WARNING_FRAME = lexicon(
    r"(?:la|do la|chinh la|deu la) (?:lua dao|gia mao|ke (?:gian|lua dao))|\blua dao\b|gia mao|"
    r"mao danh|(?<!tham )gia danh|tu xung|canh giac|can than\b|cuc (?:an toan|canh sat)|khong bao gio|"
    r"khong (?:lam viec|gui link|thu tien|yeu cau|nhan tin)|dung (?:chuyen tien|bam vao|bam link|cai app|"
    r"tin loi|nghe (?:theo|loi)|bao gio)|"
    r"hay (?:cup may|goi lai|bao|xoa|chan)|goi (?:lai|truc tiep) (?:\w+ ){0,4}(?:de )?xac minh|"
    r"bai hoc|nhac (?:cac cu|bo me|nguoi than|nhe)|chia se cho nguoi than")
_DONE = lexicon(
    r"da (?:duoc )?(?:hoan|chap nhan|thanh toan|chuyen|nhan|giao|phat|xac nhan|dang ky) "
    r"(?:\w+ ){0,3}(?:thanh cong|du\b|roi\b|ve\b)|thanh cong|da nhan du\b|"
    r"da nhan duoc (?:tien|hang|\d)|nhan duoc tien roi|da (?:hoan tat|giao cho)|"
    r"giao dich (?:\w+ ){0,3}thanh cong|bien nhan|hoa don (?:dien tu|cua ban)|"
    r"da (?:duoc )?chuyen vao|chuyen (?:qua|vao) (?:\w+ ){0,4}roi (?:a|nhe|nha|do)")
_OFFICIAL_WAY = lexicon(
    r"(?:tren|qua|bang|trong) (?:ung dung|app) (?:\w+ ){0,3}(?:chinh thuc|ngan hang|cua (?:truong|"
    r"ngan hang))|(?:tren|qua|bang|trong) (?:ung dung|app) (?:my viettel|momo|shopee|lazada|"
    r"tiki|grab|vssid|etax|vneid|be|highlands|cgv|hi fpt|agoda|xanh sm|pharmacity|zalopay|"
    r"viettel money|bao viet|bao minh)|trong muc|tai quay|tai (?:van phong|cua hang|truong|"
    r"diem thu|bo phan mot cua|nha van hoa|chi nhanh|trung tam|dai ly)|tai (?:\w+ ){0,3}gan nhat|"
    r"truc tiep (?:tai|tren|o)\b|(?:nop|dong|gap|den|giao dich) truc tiep|tien mat|khi nhan (?:hang|phong|banh)|kiem tra hang|"
    r"(?:website|trang|kenh) chinh thuc|trong (?:phan|muc) cai dat|vao cai dat|"
    r"tai khoan (?:cua |mang ten )?(?:truong|cong ty|hoi|"
    r"ban van dong)|sao ke|cong khai|phieu thu|hop dong|ky hop dong|gap truc tiep|"
    r"thanh toan khi|khong (?:thu|mat) (?:bat ky )?(?:khoan )?phi|chi tiet (?:tai|lh|lien he|goi)|"
    r"tu choi (?:qc|quang cao|nhan)|soan tc|(?:tren|qua|bang) (?:my viettel|momo|shopee|lazada|tiki|"
    r"grab|vssid|etax|vneid|zalopay|viettel money|hi fpt|vi dien tu|ung dung ngan hang)")
_CONTACT_IVR = lexicon(
    r"(?:bam|nhan) (?:phim )?\d (?:de|gap)|cuoc goi nho tu|tin nhan thoai|bam phim")
_ILLEGAL = lexicon(
    r"khong can thi|khong can (?:giay to|chung minh|tham dinh)|dung ten (?:mo|tai khoan|cong ty)|"
    r"nguoi (?:dung ten|quen o (?:phuong|xa|so))|(?:nhan )?nuoi tai khoan|cho thue (?:tai khoan|"
    r"facebook|zalo)|thu mua (?:sim|tai khoan)|bo qua cho|khong phai len lam viec|giai quyet nhanh|"
    r"lam (?:giay phep|bang|so do) (?:\w+ ){0,3}(?:nhanh|khong)|nhan (?:mot|1) khoan tien qua tai khoan")
_DOMAIN_WORDS = re.compile(
    r"hoantien|hoan-?tien|nhan-?qua|tang-?qua|doi-?qua|trung-?thuong|nhan-?tien|nhantien|capnhat|"
    r"cap-?nhat|xac-?minh|xacminh|xac-?thuc|xacthuc|baomat|bao-?mat|giahan|gia-?han|naptien|"
    r"nap-?tien|tracuu|tra-?cuu|hotro|ho-?tro|khaosat|vay|login|verify|support|refund|billing|"
    r"appeal|secure|account|update|reward|gift|bonus|free|qua|mienphi|khoa|mo-?khoa|binhchon|"
    r"report|ketqua|tinnhan|doithe|sinhtrachoc|nanghanmuc|delivery|online|vip|247")

_LEXICON_LIST: tuple[re.Pattern[str], ...] = (
    _ASK_MONEY, _ASK_CODE, _ASK_INSTALL, _ASK_LOGIN, _ASK_ID, _BENEFIT_ANY, _THREAT_ANY,
    _EMERGENCY, _IDENTITY_SHIFT, _THIRD_PARTY, _PRESSURE, _NEWS_FRAME, _WARNING_FRAME, _DONE,
    _OFFICIAL_WAY, _CONTACT_IVR, _ILLEGAL)


def _host_words_one(item: Prepared) -> float:
    """A link whose host spells a pretext ("hoan-tien", "xac-minh", "nhan-qua"…) and is not
    an official domain."""
    official = official_domains()
    for url in _urls(item):
        host = host_of(url).lower()
        if not host or host.endswith(".gov.vn") or any(
                host == d or host.endswith("." + d) for d in official):
            continue
        if _DOMAIN_WORDS.search(host.replace(".", " ")) or host.count("-") >= 1:
            return 1.0
    return 0.0


def _official_link_one(item: Prepared) -> float:
    """Every link points to an official / well-known domain."""
    urls = _urls(item)
    if not urls:
        return 0.0
    official = official_domains()
    for url in urls:
        host = host_of(url).lower()
        if not (host.endswith(".gov.vn") or any(host == d or host.endswith("." + d)
                                                 for d in (*official, *_KNOWN_SAFE))):
            return 0.0
    return 1.0


_KNOWN_SAFE = ("google.com", "goo.gl", "forms.gle", "zalo.me", "facebook.com", "youtube.com",
               "vnexpress.net", "tuoitre.vn", "thanhnien.vn", "dantri.com.vn", "vtv.vn",
               "shopee.vn", "lazada.vn", "tiki.vn", "thegioididong.com", "mobifone.vn",
               "viettel.vn", "vinaphone.com.vn", "netflix.com", "apple.com", "acb.com.vn",
               "vnpost.vn", "khonggianmang.vn", "csgt.vn")


_host_words = _on_links(_host_words_one)
_official_link = _on_links(_official_link_one, quoted_off=False)


def _lex(rx: re.Pattern[str]) -> Check:
    """The check of a behaviour lexicon (fires where ``rx.search`` finds it in the folded
    text), scanned once per batch and shared by every rule that reads it."""
    return search_check(rx)


_LEX = {rx: _lex(rx) for rx in _LEXICON_LIST}
# ``_NEWS_FRAME`` as its start-anchored entry (tried at the start of the text only, which is
# where ``^`` can match) or the others (batch-scanned): it occurs when either does.
_NEWS_AT_START = re.compile(r"\b(?:" + _NEWS_START + ")")
_NEWS_ELSEWHERE = _lex(lexicon(_NEWS_REST))


def _news_at_start(item: Prepared) -> float:
    return 1.0 if _NEWS_AT_START.match(item.folded) else 0.0


_NO_PERSONAL = re.compile(
    r"khong (?:\w+ ){0,3}(?:chuyen|nop|gui) (?:\w+ ){0,3}(?:vao )?tai khoan ca nhan")


@batched(*_LEX.values(), _NEWS_ELSEWHERE)
def _reported(cols: Columns) -> np.ndarray:
    return cols[_news_at_start] | cols[_NEWS_ELSEWHERE] | cols[_LEX[_WARNING_FRAME]]


@batched(_LEX[_ASK_CODE])
def _code_ask(cols: Columns) -> np.ndarray:
    return cols.where(cols[_LEX[_ASK_CODE]], lambda item: not _OTP_NEGATED.search(item.folded))


@batched(*_LEX.values(), _NEWS_ELSEWHERE)
def _asks(cols: Columns) -> np.ndarray:
    return cols[_code_ask] | cols[_LEX[_ASK_MONEY]] | cols[_LEX[_ASK_INSTALL]] \
        | cols[_LEX[_ASK_LOGIN]] | cols[_LEX[_ASK_ID]]


def _lure(cols: Columns) -> np.ndarray:
    return cols[_LEX[_BENEFIT_ANY]] | cols[_LEX[_THREAT_ANY]]


@batched(*_LEX.values(), _NEWS_ELSEWHERE)
def _ask_pretext(cols: Columns) -> np.ndarray:
    """Asks for money / a code / an app / a login / ID papers AND gives a benefit or threat."""
    return ~cols[_shield] & cols[_asks] & ~cols[_LEX[_DONE]] & _lure(cols)


@batched(*_LEX.values(), _NEWS_ELSEWHERE)
def _ask_emergency(cols: Columns) -> np.ndarray:
    """Asks for money because someone is in trouble (hospital, held, lost phone…)."""
    return ~cols[_shield] & cols[_LEX[_ASK_MONEY]] & cols[_LEX[_EMERGENCY]]


@batched(*_LEX.values(), _NEWS_ELSEWHERE)
def _ask_unverifiable(cols: Columns) -> np.ndarray:
    """Asks for money or a code while avoiding verification (new number, borrowed phone,
    "don't call", hacked account, wrong number)."""
    return ~cols[_shield] & (cols[_LEX[_ASK_MONEY]] | cols[_code_ask]) \
        & cols[_LEX[_IDENTITY_SHIFT]]


@batched(*_LEX.values(), _NEWS_ELSEWHERE)
def _ask_third_party(cols: Columns) -> np.ndarray:
    """Money to be sent to someone else's / a new / a "safe" account."""
    mask = ~cols[_shield] & cols[_LEX[_ASK_MONEY]] & ~cols[_LEX[_DONE]] \
        & cols[_LEX[_THIRD_PARTY]]
    return cols.where(mask, lambda item: not _NO_PERSONAL.search(item.folded))


@batched(*_LEX.values(), _NEWS_ELSEWHERE)
def _ask_pressure(cols: Columns) -> np.ndarray:
    """An ask (money, code, app, login) under time pressure or secrecy."""
    return ~cols[_shield] & cols[_asks] & cols[_LEX[_PRESSURE]]


@batched(*_LEX.values(), _NEWS_ELSEWHERE)
def _ask_no_official(cols: Columns) -> np.ndarray:
    """An ask with a benefit/threat pretext and no official channel, completed transaction or
    warning anywhere in the text: the pattern of most scams."""
    mask = (cols[_ask_pretext] | cols[_ask_emergency]) & ~cols[_LEX[_OFFICIAL_WAY]] \
        & ~cols[_LEX[_DONE]]
    return mask & ~cols[_official_link]


_AT_COUNTER = re.compile(r"tai quay|shipper|khi (?:nhan|den)|buu ta")
_FORWARD = re.compile(
    r"(?:gui|doc|nhan|chuyen) (?:lai|giup|cho|ho)? ?(?:\w+ ){0,4}(?:ma|\d so|so do)|"
    r"tin nhan (?:co )?\d so|nham (?:\w+ ){0,3}(?:ma|so)|ma (?:vua|moi) (?:gui|nhan)")


@batched(*_LEX.values(), _NEWS_ELSEWHERE)
def _code_for_someone(cols: Columns) -> np.ndarray:
    """Asks to pass on a code that arrived on your phone."""
    return cols.where(~cols[_shield] & cols[_code_ask], lambda item: not _AT_COUNTER.search(
        item.folded) and _FORWARD.search(item.folded))


@batched(*_LEX.values(), _NEWS_ELSEWHERE)
def _reported_scam(cols: Columns) -> np.ndarray:
    return cols[_shield]


@batched(*_LEX.values(), _NEWS_ELSEWHERE)
def _pretext_link(cols: Columns) -> np.ndarray:
    """A benefit or threat together with a link to an unofficial site."""
    return ~cols[_shield] & _lure(cols) & cols[_has_link] & ~cols[_official_link]


RULES = RuleSet((*RULES.rules,
    Rule("scam.ask_with_pretext", "đòi tiền / mã / cài app / đăng nhập kèm lời hứa hoặc lời doạ",
         _ask_pretext),
    Rule("scam.ask_emergency", "xin tiền vì người thân gặp nạn, bị giữ, mất đồ", _ask_emergency),
    Rule("scam.ask_unverifiable", "hỏi tiền / mã nhưng tránh xác minh (số mới, mượn máy, "
         "không nghe máy)", _ask_unverifiable),
    Rule("scam.third_party_account", "chuyển tiền vào tài khoản người khác / tài khoản mới",
         _ask_third_party),
    Rule("scam.ask_pressure", "đòi tiền / mã / cài app kèm thúc giục hoặc giữ bí mật",
         _ask_pressure),
    Rule("scam.no_official_channel", "yêu cầu tiền / thông tin mà không qua kênh chính thức",
         _ask_no_official),
    Rule("scam.code_forward", "nhờ đọc / gửi lại mã vừa nhận", _code_for_someone),
    Rule("scam.ivr", "cuộc gọi / tin nhắn thoại tự động bảo bấm phím", pattern(_CONTACT_IVR.pattern)),
    Rule("scam.illegal_service", "dịch vụ lách luật / đứng tên, thuê tài khoản, hối lộ",
         pattern(_ILLEGAL.pattern)),
    Rule("scam.pretext_domain", "tên miền lạ mang chữ 'hoàn tiền', 'xác minh', 'nhận quà'…",
         _host_words),
    Rule("scam.pretext_link", "lời hứa / lời doạ kèm đường link không chính thức", _pretext_link),
    Rule("legit.reported", "tin tức / cảnh báo kể lại thủ đoạn lừa đảo", _reported_scam),
    Rule("legit.completed", "thông báo giao dịch đã hoàn tất", pattern(_DONE.pattern)),
    Rule("legit.official_way", "thanh toán / làm thủ tục qua kênh chính thức, trực tiếp",
         pattern(_OFFICIAL_WAY.pattern)),
    Rule("legit.official_link", "đường link tới trang chính thức", _official_link),
))

_CONTACT = lexicon(
    r"lien he|goi (?:ngay|lai|cho|\d)|\bhotline\b|nhan (?:tin|\"?ok)|\bib\b|inbox|ket ban|"
    r"zalo:? ?\d|telegram|tele\b|t\.me|whatsapp|\b0[35789]\d[\dx .]{6,}|\b1900 ?[\dx]")
_MOBILE = re.compile(r"\b0[35789]\d{1,2}[ .]?[\dx]{3}[ .]?[\dx]{2,4}\b")
_COLD = lexicon(
    r"nhan nham|nham so|lau (?:qua|lam) khong gap|(?:ban|nguoi quen) (?:\w+ ){0,3}gioi thieu|"
    r"hoi (?:truoc|xua) (?:hoc|lam) chung|thay ban (?:choi|dang|quan tam)|cung la duyen|"
    r"lam quen|ket ban voi|quen (?:\w+ ){0,3}(?:\d|vai|may) (?:tuan|hom|ngay)|noi chuyen (?:\w+ ){0,2}"
    r"(?:may|vai|\d) (?:hom|ngay|tuan)|app hen ho|hen ho|thay (?:hop|thuong|quy) (?:em|anh|chi)|"
    r"em yeu|anh yeu|(?:lo|tinh) cho tuong lai|tuong lai (?:cua )?(?:hai )?(?:dua|chung) (?:minh|ta)")
_PROFIT = lexicon(
    r"\blai (?:toi thieu |it nhat |deu )?\d|\d+ ?% ?/ ?(?:ngay|tuan|thang)|win ?rate|doc lenh|"
    r"chi lenh|(?:ve|nhan|lai|loi) (?:\w+ ){0,2}\d+ ?(?:k|tr|trieu|cu)\b.{0,30}(?:mai|sau|tuan|"
    r"thang)|tra lai von|von (?:\w+ ){0,2}\d.{0,20}\blai\b|goi von|ma tang tran|co keo|keo (?:nay|ngon|thom)|"
    r"loi (?:lam|cung kha|nhieu)|lam giau|tai chinh tu do|khong lo mat|an toan tuyet doi|"
    r"(?:dau tu|san|vang|coin|co phieu|chung khoan|quy dau tu) (?:\w+ ){0,6}(?:lai (?:\d|cao|khung|deu)|"
    r"loi nhuan|an toan\b)")
_EASY_MONEY = lexicon(
    r"(?:thu nhap|kiem|luong|nhan|hoa hong) (?:\w+ ){0,4}\d+(?:[-–]\d+)? ?(?:k|tr|trieu|%)|"
    r"\d+ ?k ?/ ?(?:review|video|don|luot|like|ngay|gio)|\d+ ?(?:tr|trieu) ?/ ?(?:ngay|buoi)")
_EASY_SIGN = lexicon(
    r"khong can (?:kinh nghiem|von|bang cap|ban hang)|chi can (?:dien thoai|cccd|\d)|"
    r"lam (?:online|tai nha|\d+ ?-?\d* tieng)|viec (?:don gian|nhe|de)|rut (?:ngay|tien (?:ngay|bat))|"
    r"con (?:vai|\d) (?:slot|suat)|\bib\b|inbox|nhan (?:\"?ok|tin cho)|telegram|tro ly|"
    r"moi (?:don|ngay|video)|ai nhanh")

_LEXICON_LIST += (_CONTACT, _COLD, _PROFIT, _EASY_MONEY, _EASY_SIGN)


_LEX.update({rx: _lex(rx) for rx in _LEXICON_LIST})
_THUE_BAO = re.compile(r"thue bao \S+")
_AGENCY_WORDS = re.compile(
    AGENCIES + r"|ngan hang|can bo|thu ky|dieu tra vien|nhan vien (?:ngan "
    r"hang|tong dai|cham soc)|tong dai|co quan|hai quan|cong ty (?:tai "
    r"chinh|bao hiem)|toa an|bhxh|dai ly")
_MONEY_TALK = re.compile(r"dau tu|vang|kiem (?:them|tien)|lam them|thu nhap|san ")
_SAVINGS = re.compile(r"tiet kiem|lai suat tiet kiem|ky han")
_INTERVIEW = re.compile(r"phong van|gui cv|cv ve")


@batched(*_LEX.values(), _NEWS_ELSEWHERE)
def _contact_pretext(cols: Columns) -> np.ndarray:
    """Tells you to call / text / add someone about a prize, refund, debt or threat, with no
    official channel named."""
    return ~cols[_shield] & cols[_LEX[_CONTACT]] & _lure(cols) \
        & ~cols[_LEX[_OFFICIAL_WAY]] & ~cols[_LEX[_DONE]]


_AGENCY_ANY = search_check(_AGENCY_WORDS)


@batched(*_LEX.values(), _NEWS_ELSEWHERE, _AGENCY_ANY)
def _agency_mobile(cols: Columns) -> np.ndarray:
    """A bank, agency or company official reachable only on a personal mobile number."""
    return cols.where(~cols[_shield] & cols[_AGENCY_ANY], lambda item: _MOBILE.search(
        _THUE_BAO.sub("", item.folded)))


@batched(*_LEX.values(), _NEWS_ELSEWHERE)
def _cold_pitch(cols: Columns) -> np.ndarray:
    """A stranger ("wrong number", "a friend gave me your name") moving to money talk."""
    mask = ~cols[_shield] & cols[_LEX[_COLD]]
    money = cols[_LEX[_PROFIT]] | cols[_LEX[_EASY_MONEY]] | cols[_LEX[_ASK_MONEY]]
    return (mask & money) | cols.where(mask & ~money,
                                       lambda item: _MONEY_TALK.search(item.folded))


@batched(*_LEX.values(), _NEWS_ELSEWHERE)
def _profit_pitch(cols: Columns) -> np.ndarray:
    """Promises returns on money you put in (gold, coins, stocks, "a deal")."""
    return cols.where(~cols[_shield] & cols[_LEX[_PROFIT]],
                      lambda item: not _SAVINGS.search(item.folded))


@batched(*_LEX.values(), _NEWS_ELSEWHERE)
def _easy_money(cols: Columns) -> np.ndarray:
    """High pay for trivial online work, through a private contact."""
    mask = ~cols[_shield] & cols[_LEX[_EASY_MONEY]] & ~cols[_LEX[_OFFICIAL_WAY]] \
        & cols[_LEX[_EASY_SIGN]]
    return cols.where(mask, lambda item: not _INTERVIEW.search(item.folded))


# -- reported speech / warnings ------------------------------------------------------------
# A text that warns about or reports a scam ("Công an cảnh báo thủ đoạn…", "tin này có phải
# lừa đảo không?", a relative quoting a fake SMS) uses the scam's words but asks nothing of
# the reader. Its cues come in families (a warning word, words *about* scams, protective
# advice, reported speech / a question, a quotation, a news frame); ``legit.warning_speech``
# grows with the number of families present. It is only a feature: a scam that opens with a
# fake warning and then makes its own ask (money, a code, a login, an install) through its
# own channel (an unofficial link, an account or mobile number, a private chat) fires
# ``scam.warning_then_ask`` instead, and the ask rules stay on.

_WARN_WORDS = lexicon(
    r"canh bao|khuyen cao|canh giac|can than\b|luu y|de phong|chu y|\bpsa\b|nhac nho|"
    r"nhac (?:ca nha|moi nguoi|cac (?:cu|bac|ban)|bo|me|ong|ba)|bai hoc|chia se (?:cho|de) "
    r"(?:moi nguoi|nguoi than|ca nha)|doc ky")
_SCAM_TALK = lexicon(
    r"thu doan|chieu (?:lua|tro|moi|nay)|kich ban|gia danh|mao danh|gia mao|gia (?:lam|giong|"
    r"dang)|ke (?:gian|xau|lua)|doi tuong|nan nhan|bon (?:lua|no|chung)|lua dao|bi lua|"
    r"mat (?:trang|sach)|chiem doat|\bsap bay\b|tinh vi|website gia|link gia|app gia|tai khoan gia")
_ADVICE = lexicon(
    r"tuyet doi khong|(?:khong|dung) (?:bao gio |nen |duoc |co )?(?:cung cap|chia se|bam|nhan "
    r"vao|click|chuyen|nap|cai|lam theo|tin|doc|tra loi|nghe|so)|(?:hay|nen) (?:goi|lien he|"
    r"hoi|bao|kiem tra|xac minh|cup may|chan|xoa|to giac|ung ho qua)|cup may|(?:bao|trinh bao) "
    r"(?:ngay )?(?:cho )?(?:cong an|ngan hang|co quan)|to giac|chan (?:luon|so|nick)|"
    r"(?:chi|hay) (?:giao dich|thanh toan|lam viec|ung ho|doi sim|thu phi) (?:qua|tren|tai)")
_REPORTED_SPEECH = lexicon(
    r"nhan duoc (?:tin|cuoc goi|sms|email|loi moi|mot)|(?:doi tuong|ke gian|nguoi do|ben do|"
    r"ong ta|ba ta|chung no|bon no|bon chung) (?:\w+ ){0,2}(?:bao|noi|yeu cau|doa|hua|gui|goi|"
    r"nhan|xung|moi|du|ru|dan|de nghi)|tu xung|xung (?:la|danh)|co phai (?:la )?(?:lua|chieu|"
    r"that)|(?:that|lua) hay (?:lua|that|khong)|(?:tin|cai) (?:nay|do) (?:co )?(?:that|phai)|"
    r"ai (?:biet|ranh) (?:chi|cho)|hoi xiu|cho (?:minh|em|toi) hoi|ban hoi|tra loi:|"
    r"phai lam (?:sao|gi)")
_QUOTED = re.compile(r"\"[^\"\n]{6,}\"|“[^”\n]{6,}”|«[^»\n]{6,}»|'[^'\n]{6,}'")
_QUOTE_CHECK = search_check(_QUOTED, on="norm_cased")
_WARN_FAMILIES = tuple(search_check(rx) for rx in (_WARN_WORDS, _SCAM_TALK, _ADVICE,
                                                    _REPORTED_SPEECH))

# The reader is told to act: an ask verb at the start of a phrase or after an imperative /
# a form of address ("vui lòng", "hãy", "mẹ", "quý khách"…), not negated, not said of a
# third party ("đối tượng yêu cầu chuyển…") …
_READER_ASK = re.compile(
    r"\b(?:chuyen|ck|nap|nop|dong|thanh toan|gui|doc|cung cap|dang nhap|truy cap|bam|nhan vao|"
    r"click|cai|tai app|tai ung dung|lien he|goi|nhan tin|ket ban|inbox|xac minh|xac thuc|"
    r"cap nhat|quet|lam theo|tam ung|dat coc|nhan (?:lai )?ma|nhan (?:giup|ho))\b")
_ADDRESSED = re.compile(
    r"(?:^(?:vui long|hay|xin|moi|quy khach|khach hang|ban|anh|chi|em|me|bo|ba|ong|co|chu|bac|"
    r"con|nguoi dan|phu huynh|moi nguoi|anh chi|ca nha|cac ban|anh/chi)(?: \S+){0,2}|^|"
    r"\b(?:vui long|xin|can|chi can|nhanh chong|lap tuc|thi|va|roi)(?: \S+)?) ?$")
_NEGATED_BEFORE = re.compile(
    r"(?<!neu )\b(?:khong|dung|chang|tuyet doi)\b(?! phai)(?: \S+){0,5}$")
# A negation does not reach past "chỉ cần", "nhưng", "tuy nhiên".
_CONTRAST = re.compile(r".*\b(?:chi can|nhung|tuy nhien)\b")
_THIRD_PERSON = re.compile(
    r"\b(?:doi tuong|ke gian|ke lua|bon|chung|ho|no|nguoi la|tin nhan|cuoc goi|sms|email|tu xung|"
    r"gia danh|mao danh|nan nhan|bi lua|yeu cau|bat|du|ru|doi)\b")
# … through a channel of the sender's own: a number (not an 18xx / 19xx hotline), a handle,
# a private chat, a "safe" account, a code just received, ID papers, a fee (an unofficial
# link is checked separately).
_OWN_CHANNEL = re.compile(
    r"(?<!\d)(?!1[89]00)(?!(?:19|20)\d\d(?!\d))\d{4,}|ma \d so|\d[\d ]{2,}x{2,}|x{3,}|@\w{3,}|zalo|telegram|inbox (?:minh|em|toi)|"
    r"nhan tin (?:cho )?(?:minh|em|toi)|tai khoan (?:an toan|moi|tam giu|ban|cua (?:em|minh|toi|"
    r"luat su|nhan vien|can bo|chi|anh|co))|ma (?:vua|otp|xac)|\botp\b|2 mat|cccd|\bapk\b|"
    r"phi (?:\w+ ){0,2}\d+(?:[.,]\d+)* ?(?:k|tr|trieu|nghin|d|dong|%)|tam ung|ung truoc|\d+ ?% (?:phi|so tien)|phi (?:truy vet|ho so|xu ly|"
    r"dich vu|kich hoat|mo khoa|xac minh)")
_SENTENCE = re.compile(r"[.!?;]+(?=\s|$)|\n")
_PUNCT = re.compile(r"[^\w/ ]+")
_PHRASE = re.compile(r"[,:(]|\s[-–—]\s")


def _reader_ask_one(item: Prepared) -> bool:
    """Outside quotations, one sentence asks the reader to act through the sender's own
    channel, and the ask is neither negated nor said of a third party."""
    hosts = _unofficial_hosts(item)
    if not hosts and _OWN_CHANNEL.search(item.folded) is None:
        return False  # no channel of its own anywhere: nothing to check sentence by sentence
    folded = prepare_fold(_QUOTED.sub(" ", item.norm_cased))
    for sentence in _SENTENCE.split(folded):
        linked = any(h in sentence for h in hosts)
        if not (linked or _OWN_CHANNEL.search(sentence)) \
                or (not linked and _OFFICIAL_WAY.search(sentence)):
            continue
        done = 0
        for phrase in _PHRASE.split(sentence):
            start = sentence.find(phrase, done)
            done = start + len(phrase)
            head = phrase.lstrip()
            offset = start + len(phrase) - len(head)
            for m in _READER_ASK.finditer(head):
                before = head[: m.start()]
                if _ADDRESSED.search(before) and not _THIRD_PERSON.search(before) \
                        and not _NEGATED_BEFORE.search(_CONTRAST.sub("", " ".join(
                            _PUNCT.sub(" ", sentence[: offset + m.start()]).split()))):
                    return True
    return False


def prepare_fold(text: str) -> str:
    """The folded form (as :attr:`Prepared.folded`) of one cased text."""
    return fold_fast(expand_teencode_one(text.lower()))


def _unofficial_hosts(item: Prepared) -> tuple[str, ...]:
    official = official_domains()
    out = []
    for url in _urls(item):
        host = host_of(url).lower()
        if host and not (host.endswith(".gov.vn") or any(
                host == d or host.endswith("." + d) for d in (*official, *_KNOWN_SAFE))):
            out.append(host)
    return tuple(out)


@batched(*_LEX.values(), _NEWS_ELSEWHERE, _QUOTE_CHECK, *_WARN_FAMILIES)
def _warning_families(cols: Columns) -> np.ndarray:
    """How many kinds of warning / reporting cue the text has (0-6)."""
    count = cols[_reported].astype(np.float64) + cols[_QUOTE_CHECK]
    for check in _WARN_FAMILIES:
        count += cols[check]
    return count


@batched(*_LEX.values(), _NEWS_ELSEWHERE, _QUOTE_CHECK, *_WARN_FAMILIES)
def _warn_ask(cols: Columns) -> np.ndarray:
    """A warning or report that still asks the reader to pay, log in, install or send a code
    through the sender's own channel: a scam dressed as a warning."""
    return cols.where(cols[_warning_families], _reader_ask_one)


@batched(*_LEX.values(), _NEWS_ELSEWHERE, _QUOTE_CHECK, *_WARN_FAMILIES)
def _shield(cols: Columns) -> np.ndarray:
    """A report or warning (a news / warning frame, or two kinds of warning cue) that does not
    make its own ask: the ask rules stay off."""
    framed = cols[_reported] | (cols.value(_warning_families) >= 2)
    return framed & ~cols[_warn_ask]


@batched(*_LEX.values(), _NEWS_ELSEWHERE, _QUOTE_CHECK, *_WARN_FAMILIES)
def _warning_speech(cols: Columns) -> np.ndarray:
    """Graded warning / reported-speech cue (1, 2, 3+ families: 1/3, 2/3, 1), none when the
    text makes its own ask."""
    strength = np.minimum(cols.value(_warning_families), 3.0) / 3.0
    return np.where(cols[_warn_ask], 0.0, strength)


# Fake relief appeals: a disaster or a person in need, an appeal, and money to a person's own
# account (a number, "tài khoản của em", a treasurer) rather than to an organisation.
_NEED = lexicon(
    r"lu\b|lu (?:quet|cuon|ong)|bao (?:so|lu|\d)|sat lo|ngap|vung lu|thien tai|mat (?:het|trang) "
    r"nha|cuon troi|hoan canh|ngheo|kho khan|benh hiem ngheo|tho may|cuu (?:be|em|chau|ba|ong|"
    r"tro)|dong bao|ba con|tre em|cac em nho|khong co gi an|trao tan tay|sap (?:nha|mai|hoan toan)|"
    r"loc\b|chay nha|hoa hoan|bong nang|cap cuu|nam vien|benh (?:nang|hiem)|mo gap|nhu yeu pham|"
    r"con thieu|ngu nho|mo coi")
_APPEAL = lexicon(
    r"ai thuong|ung ho|quyen gop|gui giup|giup (?:do|ba|gia dinh|be|em)|chung tay|tu thien|"
    r"keu goi|la lanh|nhan (?:giup|ho|ung ho)|thien nguyen|moi nguoi (?:\w+ ){0,2}(?:gui|chuyen)|"
    r"co long|donate|chung suc|gop suc|xin (?:gui|giup|ung ho)|giup (?:\w+ ){0,2}qua")
_OWN_ACCOUNT = lexicon(
    r"(?:tai khoan|\bstk\b|so tai khoan|tk|momo|vi|so) (?:\w+ ){0,4}(?:\d{6,}|\d+x{2,})|"
    r"tai khoan (?:cua )?(?:em|minh|toi|ca nhan|thu quy|truong nhom|hang xom)\b|\bmomo \d|"
    r"qr (?:ben duoi|duoi day)|quet ma")
_ORG = lexicon(
    r"mat tran|mttq|chu thap do|ban van dong|uy ban|ubnd|hoi (?:lien hiep|phu nu|nong dan)|"
    r"quy (?:bao tro|vi nguoi ngheo)|doan thanh nien|cong doan|nha truong|lop truong|quy lop")
_GROUP_PITCH = lexicon(
    r"nhom (?:kin|vip|noi bo)|group (?:kin|vip)|room (?:vip|do)|kenh vip|copy trade|keo lenh|"
    r"(?:vao|chot|doc|chi) lenh (?:cung|theo|nao)|tin hieu (?:vang|coin|mua|ban)|\bsignals?\b|"
    r"\bpump\b|tang tran|chuyen gia (?:chung khoan|tai chinh|dau tu|coin)|lop (?:\w+ )?"
    r"(?:dao tao|hoc) (?:\w+ ){0,2}(?:dau tu|chung khoan|coin)|ipo noi bo|du lieu noi bo|"
    r"thoat ngheo|tu do tai chinh|x[2-9] tai khoan")
_OWN_ACCOUNT_CHECK = search_check(_OWN_ACCOUNT)
_GROUP_CHECK = search_check(_GROUP_PITCH)


def _relief_one(item: Prepared) -> bool:
    text = item.folded
    return bool(_NEED.search(text) and _APPEAL.search(text) and not _ORG.search(text))


@batched(*_LEX.values(), _NEWS_ELSEWHERE, _QUOTE_CHECK, *_WARN_FAMILIES, _OWN_ACCOUNT_CHECK,
         _GROUP_CHECK)
def _relief_personal(cols: Columns) -> np.ndarray:
    """A disaster / need appeal collecting into a person's own account, no organisation
    (the need / appeal / organisation words are looked for only where such an account is)."""
    return cols.where(cols[_OWN_ACCOUNT_CHECK] & ~cols[_shield], _relief_one)


@batched(*_LEX.values(), _NEWS_ELSEWHERE, _QUOTE_CHECK, *_WARN_FAMILIES, _OWN_ACCOUNT_CHECK,
         _GROUP_CHECK)
def _group_pitch(cols: Columns) -> np.ndarray:
    """A private investing group / signal room / "expert" pitch, not a report about one."""
    return ~cols[_shield] & cols[_GROUP_CHECK]


RULES = RuleSet((*RULES.rules,
    Rule("scam.contact_pretext", "bảo gọi / nhắn số lạ để nhận quà, hoàn tiền hoặc tránh bị phạt",
         _contact_pretext),
    Rule("scam.agency_mobile", "xưng ngân hàng / cơ quan nhưng dùng số di động cá nhân",
         _agency_mobile),
    Rule("scam.cold_pitch", "người lạ làm quen (nhắn nhầm, được giới thiệu) rồi nói chuyện tiền",
         _cold_pitch),
    Rule("scam.profit_pitch", "hứa lãi / lời trên tiền bỏ vào", _profit_pitch),
    Rule("scam.easy_money", "việc dễ, thu nhập cao bất thường qua liên hệ riêng", _easy_money),
    Rule("legit.warning_speech", "cảnh báo / kể lại / hỏi về một tin lừa đảo (không tự yêu cầu gì)",
         _warning_speech),
    Rule("scam.relief_personal", "kêu gọi cứu trợ / từ thiện nhưng nhận tiền vào tài khoản cá nhân",
         _relief_personal),
    Rule("scam.private_group", "mời vào nhóm kín / phòng tín hiệu đầu tư, \"chuyên gia\" chỉ lệnh",
         _group_pitch),
    Rule("scam.warning_then_ask", "mở đầu như lời cảnh báo nhưng tự đòi tiền / mã / đăng nhập "
         "qua kênh riêng", _warn_ask),
))


def check_for(code: str) -> Check:
    """The check of one rule (used by tests)."""
    for rule in RULES.rules:
        if rule.code == code:
            return rule.check
    raise KeyError(code)
