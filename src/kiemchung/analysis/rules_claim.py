"""Check-worthiness cues: is there a checkable factual assertion, or an opinion?

Criticism (or praise) of a government, agency, official or policy is always an opinion:
:data:`CRITICISM_CODE` firing forces the ``opinion`` label (see ``ClaimAnalyser``).
"""

from __future__ import annotations

from kiemchung.analysis._domains import find_urls
from kiemchung.analysis._prep import Prepared
from kiemchung.analysis._rules import Rule, RuleSet, both, pattern

TARGET = (
    r"chinh phu|chinh quyen|nha nuoc|nha chuc trach|quan chuc|can bo|lanh dao|bo truong|thu truong|"
    r"thu tuong|chu tich|bi thu|giam doc so|ubnd|uy ban|hoi dong nhan dan|quoc hoi|dai bieu|"
    r"\b(?:bo|so) (?:y te|giao duc|tai chinh|cong an|noi vu|xay dung|giao thong|cong thuong|"
    r"tu phap|ngoai giao|quoc phong|nong nghiep|tai nguyen|lao dong|ke hoach|van hoa|"
    r"thong tin)|nganh|chinh sach|quy dinh|nghi dinh|thong tu|\bluat\b|de an|phuong an|"
    r"co quan|cong an|canh sat|csgt|thanh tra|ngan sach|thue|le phi|hoc phi|vien phi|"
    r"gia dien|gia xang|tong thong|ong ay|ba ay|dia phuong|cap tren|thanh uy|tinh uy|"
    r"huyen uy|chinh quyen|quy hoach|thu tuc hanh chinh|cong chuc|vien chuc|ban quan ly|"
    r"ban giam doc|luc luong chuc nang|co quan chuc nang|quan ly thi truong|ung cu vien|"
    r"cac cap|truong phong|dia chinh|nhap khau|cuong che|thu hoi dat|sap nhap|cai cach|"
    r"\bnganh (?:dien|y te|giao duc|thue|giao thong)|bo truong|\bso (?:giao thong|y te|"
    r"tai chinh|xay dung|giao duc|tai nguyen)|nha chuc trach|ngan sach|tuong dai|"
    r"ban hanh|nghi quyet|chu truong|\bthue\b|bau cu|hanh chinh|viec cam|lenh cam|quy dinh cam"
)
CRITIQUE = (
    r"(?<!kinh )(?<!\by )\bte\b|qua te|toi te|kem coi|yeu kem|vo trach nhiem|thieu trach nhiem|bat cong|vo ly|phi ly|"
    r"sai lam|that bai|tham nhung|quan lieu|that vong|xau ho|nhuc|bat luc|lam ngo|tho o|"
    r"vo cam|khong xung dang|tu chuc|bat tai|"
    r"lang phi|hanh dan|kho dan|lam kho|vo van|ao tuong|vien vong|coi thuong|lam lieu|"
    r"khong the chap nhan|qua dang|buc xuc|bat binh|phan doi|khong dong y|chi trich|phe phan|"
    r"dang len an|dang trach|can xem lai|nen xem lai|phai xem lai|khong hieu sao|den bao gio|"
    r"tai sao .{0,30}(?:khong|van|lai)|lam an kieu gi|che bai|tuyet voi|xuat sac|dang khen|"
    r"dang tu hao|ung ho|tin tuong|biet on|cam on|guong mau|sang suot|dung dan|hop ly|"
    r"khong hop ly|qua cao|qua thap|chua thoa dang|thieu minh bach|kem minh bach|mo ho|"
    r"ton tien|vo ich|chieu le|noi mot dang lam mot|hua suong|dua vao dau|khong lam tron|"
    r"thieu (?:tinh|tam|trach|minh bach|suy nghi|lay y kien|quan tam)|cham tre|qua cham|"
    r"qua muon|qua tay|han che tu do|nen (?:lang nghe|xem lai|uu tien|doi thoai|cong khai)|"
    r"can (?:lam nhieu|xem lai|cong khai|cai cach)|phai (?:chiu trach nhiem|giai thich)|"
    r"chiu thiet|thiet thoi|khat khe|nuong tay|tieu cuc|dun day|hoi hot|khong tinh den|"
    r"khong thoa dang|ruom ra|dang buon|khong tin|khong dong (?:y|tinh)|giet chet|"
    r"vong vinh|kho de|thay vi|chua (?:that su )?quan tam|chang thay|khong thay (?:gi|khac)|"
    r"\btoi (?:nghi|thay|cho rang|mong|khong)|theo toi|minh thay|lam kho|vo nhan|"
    r"khong (?:hop ly|minh bach|cong bang|can thiet)|bat hop ly|lung tung|buc xuc|chi (?:lo|biet)\b|"
    r"(?:can|nen|phai) (?:\w+ )?minh bach|minh bach hon|chua (?:tinh den|tinh toan|sat|hop ly|"
    r"cong bang|thoa dang|thay|hieu)|khong (?:hieu vi sao|ai hieu|tinh den)|"
    r"(?:can|nen|phai) (?:\w+ ){0,2}(?:hon|lai)\b|(?:nen|can|phai) (?:co lo trinh|lang nghe|"
    r"giai thich|cong khai|xem xet|uu tien|quan tam|bao ve|don gian|dieu chinh|xu ly)|"
    r"ruom ra|kho (?:thich ung|ap dung)|sao ganh noi|thieu tinh kha thi|chap va|"
    r"nghe (?:thi )?hay nhung|chua thay dau|loi cho|thiet cho|khong chap nhan duoc|"
    r"kho khan hon|vat va"
)

CRITICISM_CODE = "opinion.about_authority"

RULES = RuleSet((
    Rule("claim.number", "có số liệu cụ thể", pattern(
        r"\d+(?:[.,]\d+)? ?(?:%|phan tram|nguoi|ca|trieu|ty|nghin|tan|km|ha|dong|usd|vu|chiec|"
        r"can|ho|hoc sinh|benh nhan|nam|tuoi|lan)\b|\d{3,}")),
    Rule("claim.time_place", "có thời gian, địa điểm cụ thể", pattern(
        r"ngay \d|thang \d|nam (?:19|20)\d\d|\d{1,2}/\d{1,2}|hom (?:qua|nay|kia)|sang nay|toi qua|"
        r"dem qua|tuan (?:qua|nay|truoc)|tai (?:tinh|thanh pho|huyen|xa|phuong|quan|benh vien)|"
        r"ha noi|(?:tp\.? ?)?ho chi minh|sai gon|da nang|hai phong|can tho|nghe an|thanh hoa|"
        r"quang ninh|quang nam|dong nai|binh duong|khanh hoa|lam dong|gia lai|dak lak|hue")),
    Rule("claim.attribution", "dẫn nguồn / phát ngôn", pattern(
        r"theo (?:bo|so|bao|thong tin|ket qua|nghien cuu|who|tong cuc|cuc|ubnd|thong bao|"
        r"cong an|nguon)|cho biet|xac nhan|cong bo|thong bao|khang dinh|tiet lo|phat bieu|"
        r"bao cao|nghien cuu (?:moi|cho thay)|chuyen gia|thong ke")),
    Rule("claim.event", "mô tả sự việc, sự kiện", pattern(
        r"\bda (?:xay ra|bi|duoc|chinh thuc|ky|ban hanh|phat hien|bat|tang|giam|dong|mo)|"
        r"bi bat|tu vong|thiet mang|mat tich|bi thuong|chay lon|sap|lu lut|dong dat|ban hanh|"
        r"chinh thuc|phat hien|ra mat|dong cua|bi cam|se (?:ap dung|tang|giam|cam|thu|phat|bat)|"
        r"ap dung tu|bat dau tu|co hieu luc|tang (?:len|gia)|giam (?:xuong|gia)|vua (?:bi|duoc|co)|"
        r"bat coc|truy na|khoi to|dieu tra|chet|qua doi|ngung|cat dien|mat dien|nghi hoc")),
    Rule("claim.health_fact", "khẳng định về sức khoẻ / khoa học", pattern(
        r"chua (?:khoi|duoc|dut)|gay (?:ung thu|benh|vo sinh|tu vong)|giup (?:phong|ngua|tri)|"
        r"tieu diet|diet (?:virus|vi khuan|te bao)|vac ?xin .{0,30}(?:gay|chua|chua)|"
        r"nuoc chanh|toi song|ung thu|virus|dich benh|ngo doc")),
    Rule("claim.rumour", "tin đồn cần kiểm chứng", pattern(
        r"nghe noi|nghe don|co nguoi noi|tin mat|ro ri|lan truyen|dang xon xao|chinh thuc xac nhan|"
        r"100% (?:that|chinh xac)|tin nong|khan|breaking|sap (?:tang|giam|cam|bat|phat)")),
    Rule("opinion.subjective", "bày tỏ cảm nghĩ, đánh giá", pattern(
        r"toi (?:nghi|thay|cho rang|tin rang|mong|muon|ghet|thich)|theo toi|minh (?:thay|nghi)|"
        r"theo minh|em (?:thay|nghi)|\bnen\b|khong nen|\bphai\b|qua (?:te|hay|dep|dang|tot|buon|"
        r"vui|chan)|that (?:la )?(?:te|toi|hay|dep|dang|tuyet)|tuyet voi|xuat sac|dang yeu|"
        r"chan|buon|vui|hanh phuc|tu hao|xau ho|ghet|thich|yeu|kinh (?:khung|tom)|"
        r"\bhay\b|\bdo\b|\bdep\b|\bngon\b|(?<!kinh )(?<!\by )\bte\b|doi|khong dang|dang (?:gia|xem|doc)")),
    Rule("opinion.wish", "lời chúc, mong muốn", pattern(
        r"(?<!tu )\bchuc (?:mung|moi nguoi|ban|anh|chi|em|cac|ca nha|nam moi)|\bmong (?:rang|sao|"
        r"moi|cho|la)|\bhy vong|\buoc gi\b|\bcau mong|\bcau cho\b|\bmong muon|\bao uoc")),
    Rule("opinion.criticism", "phê phán, chỉ trích, khen chê", pattern(CRITIQUE)),
    Rule(CRITICISM_CODE, "quan điểm về chính sách / cơ quan / quan chức (không kiểm chứng)",
         both(pattern(TARGET), pattern(CRITIQUE))),
    Rule("other.question", "câu hỏi, hỏi thông tin", pattern(
        r"\?|co ai (?:biet|thay)|cho (?:minh|em|toi) hoi|xin hoi|hoi chut|ai biet|bao nhieu tien|"
        r"o dau (?:vay|a|nhi)|the nao (?:vay|a|nhi)")),
    Rule("other.chat", "trò chuyện, chào hỏi, quảng cáo", pattern(
        r"\bchao\b|\bhello\b|\bhi\b|ha ha|hihi|haha|\bkkk|lol|=\)\)|ahihi|cam on|thank|"
        r"inbox|nhan tin|mua ngay|gia chi|giam gia|khuyen mai|sale|\bship\b|freeship|"
        r"ban (?:an|ngu|lam) (?:gi|chua)|di dau|an com chua")),
))


def _has_link(item: Prepared) -> float:
    return 1.0 if find_urls(item.norm_cased) else 0.0


RULES = RuleSet((*RULES.rules, Rule("claim.link", "có đường link nguồn", _has_link)))
