"""Check-worthiness cues: is there a checkable factual assertion, or an opinion?

Criticism (or praise) of a government, agency, official or policy is always an opinion:
:data:`CRITICISM_CODE` firing forces the ``opinion`` label (see ``ClaimAnalyser``).
"""

from __future__ import annotations

import re

import numpy as np

from kiemchung.analysis._prep import Prepared
from kiemchung.analysis._rules import (
    Columns,
    Rule,
    RuleSet,
    batched,
    both,
    lexicon,
    pattern,
    search_check,
)
from kiemchung.analysis.rules_scam import has_link

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
    r"ban hanh|nghi quyet|chu truong|\bthue\b|bau cu|hanh chinh|viec cam|lenh cam|quy dinh cam|"
    # claim.v3: local bodies, fines, fees, projects as users name them ("mấy ông", "ct xã")
    r"may ong|cac ong|may vi|cac vi|may bo|\bct (?:xa|phuong|huyen|tinh|ubnd)\b|\bbo gd|\bbgd\b|"
    r"ubnd (?:xa|phuong)\b|cong an (?:xa|phuong)\b|can bo (?:xa|phuong)\b|uy ban (?:xa|phuong)\b|"
    r"chu tich (?:xa|phuong)\b|lanh dao (?:xa|phuong)\b|cap (?:xa|phuong)\b|tram y te|"
    r"\bxa (?:nay|toi|minh|lam|bat|thu|phat|cho|gui|tra loi|dep|hua|cu|chi|khong|chang|van)\b|"
    r"\bphuong (?:nay|toi|minh|lam|bat|thu|phat|cho|gui|tra loi|dep|hua|cu|chi|khong|chang|van)\b|"
    r"\bbot\b|tram (?:thu phi|bot)|thu phi|dang kiem|\bevn\b|nha thau|den bu|"
    r"giai phong mat bang|\bgpmb\b|giai toa|bi phat\b|xu phat\b|muc phat\b|tien phat\b|"
    r"nop phat\b|bat phat\b|thoi phat\b|phat phat\b|\bphat (?:nguoi|nong do|toc do|vi pham|"
    r"nang|kich khung)\b|tang phi\b|muc phi\b|cac phi\b|loai phi\b|tien phi\b|\bphi (?:bot|"
    r"duong|cao toc|gui xe|trong giu|ve sinh|dich vu|cong chung)\b|tien thue|bo may|ban nganh|"
    r"doan (?:kiem tra|cong tac)|quan ly do thi|\bso do\b|giay phep|cong chung|"
    r"bao hiem (?:xa hoi|y te)|\bbhxh|\bbhyt|luong (?:co so|huu|giao vien|cong chuc)|"
    r"phong (?:giao duc|tai nguyen)|\bdu an|cong trinh|can cuoc|so hoa|\bthi cu\b|"
    r"sach giao khoa|chuong trinh (?:giao duc|moi|pho thong)|\bgia (?:nuoc|ve)\b|tang gia|"
    r"benh vien (?:cong|tinh|huyen|tuyen)|truong cong|nha truong|\bdang (?:uy|vien)\b|thanh pho|"
    r"\bhuyen\b|\bcam (?:xe|ban|day|dot|hut|nhap|xuat|kinh doanh|tu tap|hoat dong)\b"
)
CRITIQUE = (
    r"(?<!kinh )(?<!\by )(?<!ngoai )(?<!quoc )\bte\b|qua te|toi te|kem coi|yeu kem|vo trach nhiem|thieu trach nhiem|bat cong|vo ly|phi ly|"
    r"sai lam|that bai|tham nhung|quan lieu|that vong|xau ho|nhuc|bat luc|lam ngo|tho o|"
    r"vo cam|khong xung dang|tu chuc|bat tai|"
    r"lang phi|hanh dan|kho dan|lam kho|(?:that|qua|toan|la|rat|cuc|ma|cai|nhung) vo van\b|vo van (?:that|qua|the|vay|lam|het)\b|ao tuong|vien vong|coi thuong|lam lieu|"
    r"khong the chap nhan|qua dang|buc xuc|bat binh|phan doi|khong dong y|chi trich|phe phan|"
    r"dang len an|dang trach|can xem lai|nen xem lai|phai xem lai|khong hieu sao|den bao gio|"
    r"tai sao .{0,30}(?:khong|van|lai)|lam an kieu gi|che bai|tuyet voi|xuat sac|dang khen|"
    r"dang tu hao|\bung ho\b|tin tuong|biet on|cam on|guong mau|sang suot|dung dan|hop ly|"
    r"khong hop ly|qua cao|qua thap|chua thoa dang|thieu minh bach|kem minh bach|mo ho|"
    r"ton tien|vo ich|chieu le|noi mot dang lam mot|hua suong|dua vao dau|khong lam tron|"
    r"thieu (?:tinh|tam|trach|minh bach|suy nghi|lay y kien|quan tam)|cham tre|qua cham|"
    r"qua muon|qua tay|han che tu do|nen (?:lang nghe|xem lai|uu tien|doi thoai|cong khai)|"
    r"can (?:lam nhieu|xem lai|cong khai|cai cach)|phai (?:chiu trach nhiem|giai thich)|"
    r"chiu thiet|thiet thoi|khat khe|nuong tay|tieu cuc|dun day|hoi hot|khong tinh den|"
    r"khong thoa dang|ruom ra|dang buon|khong tin|khong dong (?:y|tinh)|giet chet|"
    r"vong vinh|kho de|chua (?:that su )?quan tam|chang thay|khong thay (?:gi|khac)|"
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
        r"nghe noi|nghe don|nghe bao\b|co nguoi noi|tin mat|ro ri|lan truyen|dang xon xao|chinh thuc xac nhan|"
        r"100% (?:that|chinh xac)|tin nong|khan|breaking|sap (?:tang|giam|cam|bat|phat)")),
    Rule("opinion.subjective", "bày tỏ cảm nghĩ, đánh giá", pattern(
        r"toi (?:nghi|thay|cho rang|tin rang|mong|muon|ghet|thich)|theo toi|minh (?:thay|nghi)|"
        r"theo minh|em (?:thay|nghi)|\bnen\b|khong nen|\bphai\b|qua (?:te|hay|dep|dang|tot|buon|"
        r"vui|chan)|that (?:la )?(?:te|toi|hay|dep|dang|tuyet)|tuyet voi|xuat sac|dang yeu|"
        r"chan|buon|vui|hanh phuc|tu hao|xau ho|ghet|thich|yeu|kinh (?:khung|tom)|"
        r"\bhay\b|\bdo (?:te|qua|that|vai|ec|hoi)\b|(?:qua|that|hoi|rat|cuc) do\b|\bdep\b|\bngon\b|"
        r"(?<!kinh )(?<!\by )\bte\b|\b(?:noi|gia|lua) doi\b|khong dang|dang (?:gia|xem|doc)")),
    Rule("opinion.wish", "lời chúc, mong muốn", pattern(
        r"(?<!tu )(?<!cong )(?<!vien )(?<!quan )(?<!to )\bchuc (?:mung|moi nguoi|ban|anh|chi|em|cac|ca nha|nam moi)|\bmong (?:rang|sao|"
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


# Same as ``bool(find_urls(item.norm_cased))``, one scan per batch (shared with scam).
RULES = RuleSet((*RULES.rules, Rule("claim.link", "có đường link nguồn", has_link)))


# -- phrase-independent cues ----------------------------------------------------------------
# An opinion evaluates (sarcasm, blame, praise, "should", rhetorical questions); a claim
# reports (third person, numbers, dates, places, "will start", "has caused"); "other" talks
# to the reader (asks, sells, greets, plans).


_EVALUATIVE_WORDS = (
    r"kieu nay|dung la|nuc cuoi|buon cuoi|het cho noi|ve chuyen|vo lo|i ach|noi nhieu lam it|"
    r"hach dich|khong xung|vo tu|ngo ngan|gi ma|nghi gi (?:vay|the)|ai nghi ra|nen tu chuc|dot tien|"
    r"nguoc doi|buoc lui|danh gia cao|dang ghi nhan|nhan van|quyet liet|kem coi|hai mat|doc quyen|"
    r"mon moi|ngan (?:ngam|qua|lam)|chan (?:that|qua|lam)|that su|khong hieu gi|chet het|don (?:\w+ ){0,2}(?:duong cung|"
    r"gi)|lam kho|tung ho|thanh tich|chua tham vao dau|het tin|do loi (?:cho|nhau|het)\b|lai do loi|lam ngo|nhu dung roi|"
    r"tot nhat|te nhat|kem nhat|hay nhat|ngon nhat|dep nhat|do (?:te|that)|phi tien|dang tien|"
    r"dang (?:khen|trach|xau ho)|the ma|vay ma|(?:phong|ngoi) may lanh|cho xong|ma (?:van|cu)|"
    r"dao len lap xuong|nhin ma|moi (?:nam|lan) (?:\w+ ){0,3}(?:van|lai)|ra (?:hon|gi)|"
    r"(?<!thong )(?<!vuot )\bqua\b (?:\w+ ){0,1}(?:te|cham|dat|cao|thap|vo ly|tay|nhieu|it)|lang phi|mo ho|(?<!toi )(?<!vi )loi dung|"
    r"xung dang|tin tuong|tu hao|ung ho (?:viec|chinh sach|quyet dinh)|phan doi|dong tinh|"
    r"(?<!bieu )(?<!phieu )tan thanh|dung dan|sang suot|nhuc nhoi|phan no|dang lo|mat niem tin|(?<!ban )ghe\b|"
    r"thich qua|de chiu|kho chiu|than thien|dang song|ghet|uot at|buc boi|tuyet voi|chan ngan|"
    # claim.v3: blame, slang, sarcasm, rhetorical questions, complaints, "should"
    r"an hai\b|vo dung\b|lam mau\b|"
    r"de ra (?:\w+ ){0,2}(?:quy dinh|thong tu|luat|chinh sach|phi|thue)|"
    r"hanh (?:la chinh|nguoi dan|ha)\b|an bam\b|het thuoc chua|chay i\b|tac trach|cau tha\b|"
    r"lam au\b|ra hon\b|tao lao|vo toi va|tuy tien|bat nhao|nho nhang|lo bich|tro he\b|"
    r"lam cho co\b|cho co\b|doi pho\b|benh thanh tich|chay theo thanh tich|ne tranh|bo mac\b|"
    r"pho mac\b|tu boi\b|ngo lo\b|lo di\b|nham mat|chong lung|bao ke\b|cua sau\b|phong bi\b|"
    r"boi tron|lot tay|nhung nhieu|voi vinh|hach sach|cay quyen|"
    r"coi (?:nguoi )?dan (?:nhu|la)\b|dan den\b|ban on\b|xin cho\b|tan thu\b|boc lot|moc tui|"
    r"cat co\b|tren troi|re nhu cho|gai bay|vat kiet|ngoi choi xoi nuoc|(?:ngoi|o|tu|phong) ban giay\b|cu hen\b|hen len hen xuong|chet dung\b|khong ly do\b|dai co\b|"
    r"khong (?:hieu|sat|di) (?:thuc te|cho)\b|xa (?:roi )?thuc te|"
    r"dan (?:chiu|lanh du|ganh|kho|chet|khon don|lay (?:gi|dau)|song sao)\b|"
    r"(?:lay|kiem) (?:gi|dau) (?:ma|ra)\b|song (?:sao|kieu gi|the nao)\b|"
    r"(?:het|khong|sao|ai) chiu (?:noi|thau)\b|chiu (?:het|sao|khong) (?:noi|thau)\b|"
    r"khong du (?:song|an|nop)\b|thu (?:tien |phi |thue )?thi (?:nhanh|gioi)\b|"
    r"tien (?:thue )?(?:cua )?dan\b|dan dong thue|dong thue nuoi|"
    r"nuoi (?:may|cac|bon) (?:ong|vi|ke|nguoi)\b|an luong (?:\w+ ){0,4}(?:lam gi|ma)\b|"
    r"de lam gi\b|lam gi nua\b|thi (?:cam|dong|thu) lam gi\b|trach nhiem o dau|"
    r"ai (?:se )?chiu trach nhiem|"
    r"(?:chang|khong|chua) ai (?:chiu|xu ly|giai quyet|tra loi|doi|nghe)\b|"
    r"(?:de|di|do|xuong|vao) dau het\b|bao gio (?:\w+ ){0,2}moi\b|"
    r"do (?:cho ai|loi cho|het cho|tai (?:thien|troi|dan|nguoi))\b|kieu gi\b|ai ma tin\b|"
    r"(?:ai|sao) (?:ma )?tin (?:duoc |sao )?noi\b|ai (?:chang|cha|cung) biet\b|"
    r"gi nua (?:day|vay)\b|hay sao\b|chu co phai\b|chu dau phai\b|dau phai de\b|"
    r"gioi (?:that|lam|qua|ghe)\b|hay (?:that|lam|nhi|ghe)\b|tai (?:that|ghe)\b|dinh that\b|"
    r"chi gioi\b|chi (?:biet|lo) (?:thu|phat|bat|hop|an)\b|nhanh nhu dien|nhu thay ao|"
    r"moc (?:len )?nhu nam|de khoe\b|"
    r"chang (?:ai|co|thay|lam|duoc|ra|nhuc|bao|khac|hieu|giai|xu|quan|chiu|de|biet|the|le)\b|"
    r"(?:nam|lan|ky) nao cung\b|(?:noi|hua|sua|lam) mai (?:ma|van|chua|khong|roi)\b|trien mien|"
    r"nam nay qua nam khac|dau (?:van|lai) (?:hoan|vao) (?:day|do)\b|uu tien nguoc|"
    r"(?:qua|rat) voi vang|chu dung\b|dung (?:\w+ ){1,2}nua\b|(?:can|nen|phai) manh tay|"
    r"nen (?:giam|bo|dung|ngung|huy|mien) (?:\w+ ){0,2}(?:thue|phi|quy dinh|du an|tram|de an|viec)\b|"
    r"cho da\b|chu co (?:\w+ ){0,3}duoc ai\b|"
    r"hua (?:\w+ ){0,6}(?:gio|ma|nay) (?:\w+ ){0,3}(?:van|chua|da)\b|an thua gi\b|that hai\b|im re\b|im thin\b|im lim\b|treo do\b|moi co (?:1|mot) (?:cai|chiec)\b|nghe ma\b|uc that\b|ai thau\b|vong vo\b|dan tu chiu\b|nhu quat\b|dung,? nhung (?:phai|can|nen)\b|(?:dung|di|chi) vao dau\b|"
    r"song bang gi\b|vay troi\b|nhu canh he|gioi nhat la\b|(?:nam|thang) chua (?:sua|xong)\b|"
    r"khong ai dam\b|chang ai dam\b|lam gi\b|"
    r"(?:kiem tra|lam|giai quyet|xu ly) duoc (?:cai )?gi\b|ai (?:\w+ ){1,3}thi (?:nen|phai)\b|"
    r"chi thay\b|cham nhu|nhu rua\b|hua xong\b|co ai nghe|ai nghe (?:khong|dau)\b|"
    r"quan trong gi\b|san sau\b|cho nao cung\b|di dau cung\b|bo hoang\b|khen cho\b|phai khen\b|"
    r"nhanh gon|cha (?:thay|ai|co|lam|duoc)\b|toan bam nut|thoi ngay\b|lai co tien\b|hai huoc|"
    r"hai vai\b|hai vl\b|noi gi den\b|duong cung\b|duoc may dong\b|thieu chuyen nghiep|"
    r"thi de lam\b|chuot bach|ngao ngan|oai oam|lam an (?:kieu|the|nhu|tac|chan)\b|"
    r"nhu (?:khong|di xin)\b|nghi ra de\b|danh do\b")
_EVALUATIVE = lexicon(_EVALUATIVE_WORDS)
_TARGET2 = lexicon(
    r"cac vi|may ong|may vi|dai bieu|dan bieu|nha thau|nguoi nghiem thu|de xuat|du thao|"
    r"quyet dinh|du an|cong trinh|dao luat|muc phi|phi (?:duong bo|dich vu)|thu phi|tang (?:thue|phi|"
    r"gia)|ban quan ly|ubnd|uy ban|to dan pho|phuong|quan \d|huyen|thanh pho|tinh\b|bo\b|nganh|"
    r"so\b|cuc\b|cai cach|so hoa|giai toa|quy dinh|chinh sach|luat")
_FIRST_SECOND = re.compile(r"\b(?:toi|minh|em|tao|tui|chung ta|ban|cac ban|ca nha|moi nguoi|anh chi)\b")
_REPORT_VERB = lexicon(
    r"\bda\b|\bvua\b|\bse\b|khien|lam \d+|cho biet|ghi nhan|dat (?:huy chuong|giai|muc|\d)|"
    r"tang (?:len|\d)|giam (?:con|xuong|\d)|len muc|xuong muc|keo dai|xay ra|bi (?:chim|ngap|"
    r"sat lo|chay)|ngap sau|do bo|thong xe|khanh thanh|khoi cong|don (?:chuyen|khach)|cho (?:hoc sinh|"
    r"nhan vien|nguoi dan) nghi|ngung|dong cua|tam dung|chinh thuc|bat dau|co hieu luc|"
    r"chiu trach nhiem|cong bo|xac nhan|phat hien|bat giu|khoi to|tu vong|bi thuong")
_CHATTY_WORDS = (
    r"ca nha oi|moi nguoi oi|mn oi|ae oi|cho (?:minh|em|toi) (?:xin|hoi)|thanh ly|ban (?:gap|nhanh)|"
    r"\btim (?:do|phong|gia su|nguoi|thay|tho)|ai (?:nhat|co|di|can|biet|dang)|inbox|\bib\b|"
    r"lich (?:hoc|hop|thi)|hop lop|nghi phep|sinh nhat|dang o (?:san bay|nha|cong ty)|"
    r"buon ngu|met qua|thanh vien moi|xin phep admin|order|bao gia|comment|con \d+ cho|"
    r"di chung|\bnha\b|\bnhe\b|\bnhe\b|\bvoi\b$|chuc (?:mung|ca nha|ngu ngon)|ngu ngon|cam on")
_CHATTY = lexicon(_CHATTY_WORDS)


_CHATTY_END = r"|\bvoi\b$"
# ``_CHATTY`` without its one end-anchored entry (batch-scanned), and that entry alone: a
# text is chatty when either matches.
_CHATTY_MOST = search_check(lexicon(_CHATTY_WORDS.replace(_CHATTY_END, "")))
_CHATTY_LAST_RX = lexicon(_CHATTY_END[1:])


def _chatty_last(item: Prepared) -> float:
    text = item.folded
    # ``$`` matches at the end or before a final newline: elsewhere no need to search.
    if not text.endswith(("voi", "voi\n")):
        return 0.0
    return 0.0 if _CHATTY_LAST_RX.search(text) is None else 1.0


_CHATTY_LAST = _chatty_last
_LEX = {rx: search_check(rx) for rx in (_EVALUATIVE, _TARGET2, _FIRST_SECOND, _REPORT_VERB)}
_TARGET = pattern(TARGET)
_PLACE_TIME = pattern(r"\d|ngay|thang|nam (?:nay|toi|sau|hoc)|tinh|thanh pho|tp|quan|huyen|"
                      r"xa\b|phuong|bo\b|so\b|cong an|truong|benh vien")
_USES = (*_LEX.values(), _TARGET, _PLACE_TIME, _CHATTY_MOST)


@batched(*_USES)
def _evaluative_authority(cols: Columns) -> np.ndarray:
    """Evaluative wording about a public body, official, project or policy."""
    return cols[_LEX[_EVALUATIVE]] & (cols[_LEX[_TARGET2]] | cols[_TARGET])


@batched(*_USES)
def _report_style(cols: Columns) -> np.ndarray:
    """Reported in the third person with an event verb and a number, date or place."""
    mask = ~cols[_LEX[_FIRST_SECOND]] & ~cols[_LEX[_EVALUATIVE]] & cols[_LEX[_REPORT_VERB]] \
        & cols[_PLACE_TIME]
    return cols.where(mask, lambda item: "?" not in item.folded)


@batched(*_USES)
def _chatty(cols: Columns) -> np.ndarray:
    """Talks to the reader: plans, asks, sells, greets, thanks."""
    return (cols[_CHATTY_MOST] | cols[_CHATTY_LAST]) & ~cols[_LEX[_REPORT_VERB]]


RULES = RuleSet((*RULES.rules,
    Rule("opinion.evaluative_authority", "lời đánh giá, mỉa mai về cơ quan, dự án, chính sách",
         _evaluative_authority),
    # The same matches as ``pattern(r"\b(?:" + _EVALUATIVE_WORDS + ")")``, from the shared
    # lexicon column (one trie scan, already needed by the boundary rule).
    Rule("opinion.evaluative", "từ ngữ đánh giá, mỉa mai, khen chê", _LEX[_EVALUATIVE]),
    Rule("claim.report_style", "lối thuật tin: ngôi thứ ba, sự việc có số liệu / thời gian / nơi chốn",
         _report_style),
    Rule("other.chatty", "trò chuyện, hỏi han, rao bán, hẹn hò kế hoạch", _chatty),
))

_ABOUT_AUTHORITY = next(rule.check for rule in RULES.rules if rule.code == CRITICISM_CODE)


@batched(_ABOUT_AUTHORITY, *_USES)
def _authority_opinion(cols: Columns) -> np.ndarray:
    """The boundary rule: criticism/praise lexicon or evaluative wording, about authority."""
    return cols[_ABOUT_AUTHORITY] | cols[_evaluative_authority]


RULES = RuleSet(tuple(
    Rule(rule.code, rule.message, _authority_opinion) if rule.code == CRITICISM_CODE else rule
    for rule in RULES.rules))
