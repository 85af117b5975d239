"""Dangerous-trend cues: challenges, self-harm, dangerous "remedies", dangerous pranks.

``dangerous`` means the text promotes, instructs or dares people to do it; warnings,
news reports and advice about such trends are ``safe`` (they are the correction).
"""

from __future__ import annotations

import re

import numpy as np

from kiemchung.analysis._prep import Prepared, expand_teencode_one, fold_fast
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

_ACT = pattern(
    r"nhin tho|ngat tho|bop co|tu boc nghet|\bblackout\b|\btu tu\b|\btu sat|rach tay|cat tay|"
    r"tu lam dau|tu hai|nhay (?:lau|cau|tu tang)|uong (?:xang|dau hoa|thuoc tay|nuoc tieu|"
    r"thuoc tru sau|con|nuoc muoi dac|giam)|nuot|dot (?:chay|toc|lua)|xit (?:hoi cay|lua)|"
    r"keo (?:502|sieu dinh)|dien giat|treo (?:co|nguoi)|leo (?:cot dien|cau|noc)|duong ray|"
    r"nam (?:giua|tren) (?:duong|ray)|lao ra (?:duong|truoc)|cham xe|bit mat lai|lai xe bit mat|"
    r"an (?:vien giat|bot giat|nam la|la ngon)|vien giat|tide pod|rut ghe|giat ghe|"
    r"danh (?:ban|nhau) (?:quay|clip)|hit (?:khi|bong cuoi|keo)|bong cuoi|"
    r"thuoc la dien tu|vape|can sa|ma tuy|chay xe (?:bang mot banh|toc do)|boc dau|"
    r"boi (?:qua song|ra giua)|lan (?:sau|ho)|tam (?:song|ho) .{0,10}(?:mot minh|ban dem)|"
    r"nhin an|nhin uong|khong an \d+ ngay|giam \d+ ?kg trong|la ngon|moc hong|buoc co|that co|"
    r"that day|day buoc|nghet tho|ap len da|bong hinh|uong (?:het|can) .{0,20}(?:chai|lit)|"
    r"ruou manh|chai ruou|nhay (?:tu|xuong|qua)|cham vao xe|xe dang chay|dap .{0,15}len dau|"
    r"skull|da chan nguoi|than chet|thuoc la dien tu|tinh dau la|nhieu (?:vien )?thuoc|"
    r"qua lieu|giam can cap toc|khong can an kieng|ho (?:nong )?dong xu|nhet .{0,12}vao mieng|"
    r"buoc (?:co|day)|day .{0,10}co|that day|xiu|ngat xiu|bat tinh|da (?:chan|vao chan)|"
    r"vien giat|bot giat|xit (?:lan|khu mui|nuoc hoa|keo)|khu mui|cham (?:lua|chay)|chay (?:tay|nguoi)|"
    r"do (?:con|xang) .{0,20}(?:dot|chay|lua)|dot .{0,15}(?:tay|nguoi|toc)|tau (?:chay|hoa|dang)|"
    r"dung (?:tren|len) (?:dau )?tau|(?:du|bam) (?:xe|tau|duoi)|nuoc (?:xiet|lu|ngap)|boi (?:qua|ra)|"
    r"chi uong nuoc|nhin an|thay bua an|uong (?:giam|nuoc muoi|dau hoa|thuoc tay|javel|nuoc tay|"
    r"thuoc tay|xang|ruou)|javel|thuoc tay|nuoc tay|tay giun .{0,20}dau|bo hoa tri|"
    r"rach|cat (?:tay|co tay)|tu lam dau|nhay (?:tu|xuong)|tang cao|mai nha|noc nha|ban cong|"
    r"rut ghe|gia cuop|ot (?:hiem|cay) .{0,15}mat|nuot|bot que|bit mat|boc dau|"
    r"bong cuoi|nam cham|keo 502|da kho|cot dien|cao the|nhay ra khi xe|xe dang chay|"
    r"nin tho|ngat (?:di|lim)|dap (?:bung|nguc)|thuy ngan|kem tron|phao (?:no|hoa)? .{0,20}tay|"
    r"hit (?:keo|xang|gas|ga)|keo .{0,12}tui|tui nilon|nuoc tang luc|\d+ lon|lan can|la ngon|"
    r"xe dong kin|dong kin .{0,20}(?:may|xe|phong)|khong can nguoi (?:trong|giam sat)|"
    r"(?:song|suoi|cau) .{0,20}(?:nuoc lu|lu ve)|luc nuoc lu|chat kich thich|thuoc (?:lac|ngu)|"
    r"\d+ (?:vien|lit|chai)|nhieu vien|lao (?:xuong|vao)|dam vao|nga (?:ngua|dap)|"
    r"choi (?:dao|sung|lua|dien)|o cam dien|sac .{0,10}dien thoai .{0,20}nuoc"
)
_DARE = pattern(
    r"thu thach|challenge|\btrend\b|trao luu|ai dam|dam (?:thu|lam)|thu ngay|lam theo|"
    r"quay (?:clip|video) .{0,20}(?:dang|up|tiktok|reels)|dang len (?:tiktok|facebook|reels)|"
    r"tag (?:ban|3|nhung)|thach (?:ban|nhau)|len xu huong|viral|\bhot\b|cuc vui|cuc hai|"
    r"de lam|cach lam|huong dan|buoc \d|moi nguoi (?:thu|lam) (?:di|nhe|thu)|thach thuc|"
    r"dam (?:khong|ko)\b|choi troi|moi la chat|rat chat|ru (?:ca lop|nhau|ban)|dang lam nhieu|"
    r"khong (?:nguy hiem|sao) dau|cuc (?:thich|phe)|vui lam|cang dau cang|quay phan ung|"
    r"cach (?:choi|cua ong ba)|meo (?:ha sot|chua|tri)|\bdo (?:ai|ban|may)|\bthach\b|"
    r"\bthu (?:di|ngay|xem|luon|chua)|lam thu|ai (?:tru|giu|chiu|lam) duoc|thi (?:xem|nhau)|"
    r"ai .{0,20}(?:lau nhat|cao nhat|nhieu nhat) thang|thang (?:duoc|\d)|chua thu la phi|"
    r"hoi minh|nhan admin|khuyen (?:moi nguoi|ca nha|chi em) (?:lam|thu)|chi em thu|"
    r"ae (?:lam|thu)|tui bay|tui minh thu|moi nguoi lam theo|share cho|phien ban moi|"
    r"quay (?:lai|clip|video)|up (?:reels|tiktok)|\bdam\b|ai thu cung|thu cung (?:khong|ko)|"
    r"ke cam giac|hay lam|re ma phe|\bphe\b|da lam|minh (?:dung|lam) roi|cam giac la|"
    r"chua (?:choi|lam|thu) .{0,10}(?:di|la)|toi nay|cuoi tuan nay|tui (?:minh|tao)|hoi (?:minh|tao)"
)

def _unless_dare(check: Check) -> Check:
    """``check`` (a safe cue) silenced where the text makes its own dare
    (``trend.warning_then_dare``, defined below)."""
    @batched(check)
    def run(cols: Columns) -> np.ndarray:
        return cols[check] & ~cols[_warning_then_dare]
    return run


RULES = RuleSet((
    Rule("trend.challenge", "thử thách / trào lưu kêu gọi làm theo", _DARE),
    Rule("trend.dangerous_act", "hành động nguy hiểm đến tính mạng", _ACT),
    Rule("trend.dare_act", "thách thức làm hành động nguy hiểm", both(_DARE, _ACT)),
    Rule("trend.self_harm", "nội dung tự gây hại / tự tử", pattern(
        r"\btu tu\b|\btu sat|rach tay|cat tay|tu lam dau|tu hai|ket thuc cuoc doi|khong muon song|"
        r"chet cho xong|uong thuoc (?:ngu|qua lieu)|cach chet|nhay lau|muon bien mat|"
        r"rach (?:nhe )?tay|ca voi xanh|nhiem vu ngay cuoi|tu lam dau (?:minh|ban than)",
        exclude=r"duong day nong|111|tu van tam ly|tim (?:den )?su giup do|goi ngay cho")),
    Rule("trend.remedy", "mẹo chữa bệnh nguy hiểm, chưa được kiểm chứng", pattern(
        r"chua (?:khoi|dut diem|tan goc|bach benh)|(?:khoi|het) (?:han|luon) .{0,20}khong can "
        r"(?:thuoc|bac si)|khong can (?:di vien|bac si|thuoc|hoa tri|xa tri)|"
        r"thay (?:the )?(?:thuoc|hoa tri)|bo (?:thuoc|hoa tri)|thai doc|"
        r"(?:nho|tra|xoa) (?:xang|dau hoa|nuoc tieu|chanh|ot|toi) (?:vao )?(?:mat|vet thuong|tai)|"
        r"uong (?:xang|dau hoa|nuoc tieu|thuoc tay|con|nuoc muoi)|dap (?:la|phan|thuoc nam)|"
        r"bai thuoc (?:gia truyen|dan gian)|than duoc|chua ung thu|khong can (?:truyen dich|"
        r"goi cap cuu)|khoi can (?:goi|di|thuoc)|(?:cho (?:be|tre|con) )?uong (?:ruou|bia|nuoc la)|"
        r"kem danh rang|nuoc mam .{0,20}bong|dau hoa|thuoc tay|javel|nuoc tay|bo hoa tri|"
        r"khoi can di vien|khong can ha sot|u kin|thay thuoc tay|hieu qua hon thuoc|"
        r"kem danh rang .{0,25}(?:vet bong|bong)|(?:nho|tra|xit) .{0,20}vao mat|chua (?:can thi|"
        r"tan goc)|la du du|nhet .{0,12}vao mieng|giam can cap toc",
        exclude=r"khuyen cao|canh bao|tuyet doi khong|khong (?:nen|duoc) (?:tu y|dung|bat chuoc)|"
                r"khong boi|dung boi|so cuu")),
    Rule("trend.minors", "nhắm vào trẻ em / học sinh", pattern(
        r"tre em|hoc sinh|cac be|be (?:nha|trai|gai)|con nit|tre nho|tre con|\blop \d|tuoi teen|"
        r"thieu nien|cac chau|hs\b|\bem be\b|tre so sinh")),
    Rule("trend.prank", "trò đùa nguy hiểm", pattern(
        r"\bprank\b|tro dua|choi kham|giat ghe|rut ghe|hu doa|troll|gia cuop|xem phan ung")),
    Rule("trend.diet_fast", "nhịn ăn / giảm cân cực đoan", pattern(
        r"nhin an (?:hoan toan|\d|keo dai)|chi uong nuoc \d|khong an gi|giam \d+ ?(?:kg|ky|can)|"
        r"xuong \d+ ?(?:kg|ky|can)|thay bua an|thai doc (?:gan|co the)|an kieng cuc doan")),
    Rule("trend.stunt", "mạo hiểm với tàu xe, nước lũ, độ cao", pattern(
        r"duong ray|(?:du|bam|nhay) .{0,10}(?:xe|tau) (?:dang )?chay|dau tau|nuoc (?:xiet|lu)|"
        r"boi (?:qua|ra) (?:song|giua|dong)|cot dien|mai nha|noc nha|tang cao|ban cong|"
        r"bit mat .{0,20}(?:lai|chay)|boc dau|nep po")),
    Rule("trend.share_call", "kêu gọi quay clip, chia sẻ để câu view", pattern(
        r"quay (?:clip|video)|dang len|tag (?:ban|3|nhung)|share (?:ngay|di)|chia se ngay|"
        r"len xu huong|viral|cau view|tha tim")),
    Rule("safe.warning", "nội dung cảnh báo, khuyến cáo (dấu hiệu an toàn)", _unless_dare(pattern(
        r"canh bao|khuyen cao|(?:phu huynh|bo me|nha truong) (?:can|nen|hay)|"
        r"tuyet doi khong|dung (?:bao gio )?(?:thu|lam theo|bat chuoc)|khong (?:nen )?(?:bat chuoc|"
        r"lam theo)|nguy hiem (?:den|toi) tinh mang|bac si (?:khuyen|canh bao)|de phong|"
        r"nhap vien (?:vi|sau khi)|da tu vong|bao dong|can than|keu goi .{0,20}(?:khong|dung)|"
        r"dua tin|tin buon|nghi do|bi (?:bong|thuong) nang|dang dieu tra|tiep nhan|cap cuu kip thoi|"
        r"khuyen cao|xu phat|chan thuong|tu vong|nhap vien|canh giac|quan ly (?:con|dien thoai)|"
        r"de nghi|yeu cau nguoi dan|so cuu|giam sat|co the gay|rat nguy hiem|"
        r"(?:dung|khong) (?:bao gio )?(?:cho tre|de tre|bam|nhan)|dua ngay den"))),
    Rule("safe.help", "hướng dẫn tìm trợ giúp", pattern(
        r"duong day nong|tu van tam ly|tim (?:den )?su (?:giup do|ho tro)|\b111\b|\b115\b|"
        r"goi (?:ngay )?cap cuu|den co so y te|hoi y kien bac si",
        exclude=r"khoi can|khong can (?:goi|di|den)")),
))


# -- phrase-independent cues ----------------------------------------------------------------
# A dangerous post pairs a hazard (a broad lexicon by kind: poison, fire, height, water,
# traffic, suffocation, electricity, weapons, deprivation, drugs) with encouragement
# (a dare, a contest, a testimonial, "no need for a doctor"); a warning or a news report
# pairs the same hazard with harm, advice or a ban.


_HAZARD = lexicon(
    # poison, chemicals, medicines in excess
    r"xang|dau hoa|gas|khi ga|hoa chat|thuoc (?:tay|tru sau|xo|ngu|chuot|lao)|han the|"
    r"phan bon|javel|nuoc tay|\d+ vien|paracetamol|corticoid|qua lieu|thuy ngan|nuoc mam nguyen|"
    r"muoi (?:dac|nguyen)|mot (?:muong|thia) (?:muoi|bot que)|bot que|ot (?:ma|sieu cay)|sieu cay|"
    r"la (?:ngon|truc dao|khoai mon)|ca noc|nam (?:la|doc)|thiec|pin\b|nuoc tang luc|ca phe dac|"
    r"ruou|thuoc la dien tu|vape|bong cuoi|khi cuoi|"
    # fire, explosives
    r"lua|phao|bat lua|dot|(?:dot|bi|boc) chay|chay (?:nha|rung|tay)|bom|no to|than (?:suoi|cui)|than\b|nen|"
    # heights, water
    r"tang \d|lan can|noc|mai nha|vach|mom da|\d+ ?m xuong|tu (?:tren )?cau|dam cau|cot dien|"
    r"cao the|gieng|song\b|(?:tam|xuong|lan|nhay) bien|ho (?:boi|cau|nuoc)|nuoc (?:lu|len|xiet)|co do|song to|thuy trieu|"
    r"ao phao|nin tho|nhin tho|bit (?:mieng|mui)|duoi nuoc|"
    # traffic, vehicles, rail
    r"xe (?:dang chay|sap toi|may|dap)|bat coc|prank|chay qua duong|duong (?:ray|cao toc)|tau (?:hoa|dang)|"
    r"dua xe|boc dau|tha tay|do deo|tat den|cham xe|"
    # suffocation, cold, closed spaces
    r"tui nilon|bao nilon|tu lanh|xe (?:dong kin|o to)|phong (?:kin|tro)|chan cua|ngat|bit mat|"
    r"buoc (?:chat|co)|day (?:thun|buoc)|treo (?:co|nguoi)|bop co|nuoc da|bon tam|"
    # electricity, weapons, violence
    r"o dien|day dien|dien giat|tia lua|sac (?:dien thoai|pin)|dang sac|laser|sung|bi sat|"
    r"cao su|kim|dao|chich|rach|cat (?:tay|co tay)|dap (?:chai|dau)|da vao|nga (?:ngua|dap)|"
    r"lac manh|"
    # deprivation, extreme diet
    r"nhin (?:an|ngu|uong|thuc)|khong an gi|chi uong|bo an|thuc trang|(?:ngay|gio) lien tuc|"
    r"\d+ ngay khong (?:an|uong nuoc|ngu)|that dac|dac (?:pha|nguyen)|"
    r"giam \d+ ?kg|xuong \d+ ?kg|detox|thai doc|"
    # babies
    r"tre so sinh|em be|be \d+ (?:tuoi|thang)|cho (?:be|tre|con) (?:uong|ngam|an|xem)")
_ENCOURAGE = lexicon(
    r"ai dam|dua nao|ai (?:\w+ ){0,4}(?:lau|nhanh|cao|xa|nhieu|muon|sat) nhat|thi thang|thua thi|"
    r"\bthang\b|co giai|nhan giai|ru (?:nhau|hoi|ca|ban)|\bru\b|lam theo|moi nguoi (?:lam|thu)|"
    r"cho (?:vui|phieu|dep|nghe|tien)|moi (?:la )?(?:chat|suong|da|phe)|cuc (?:da|hai|ngau|chat|"
    r"phe|vui)|ai so|la ga|tao phuc|\bthu (?:di|ngay|xem|nha)|chua thu la phi|trend|thu thach|"
    r"challenge|hot\b|viral|view|quay (?:clip|lai|slow)|dang (?:reels|tiktok)|livestream|"
    r"tag|huong dan|cach (?:lam|choi)|meo|tui (?:minh|tao|nho)|hoi (?:ban|chi em|minh)|"
    r"ae\b|anh em (?:dang ky|oi)|dang ky di|tranh thu|nhe mn|nha (?:moi nguoi|ca nha)|"
    r"cac (?:me|ban|be) (?:thu|cho|lam)|the moi|nguoi can dam|ngau|song ao|cam giac manh")
_TESTIMONIAL = lexicon(
    r"minh (?:\w+ ){0,2}(?:lam roi|da lam|toan lam|lam ma|lam nhieu)|(?:da|toan) lam (?:roi|vay)|"
    r"be nha minh|con (?:trai|gai) minh|bo minh|ong ba (?:minh )?(?:van|toan)|hieu qua|cam ket|"
    r"khoi (?:luon|ngay|han|dut diem)|het (?:dau|sot|benh) (?:luon|ngay)|xuong \d+ ?kg|cao (?:len|them) \d|"
    r"trang bat tong|nhe long|khong sao (?:dau|het|ca)|van on|\ban toan (?:lam|ma)|\bok\b|nhung on|"
    r"dang lam ngay|(?:tre con|be|ai) cung (?:uong|lam|an|choi) duoc")
_DISMISS = lexicon(
    r"khoi (?:phai |can )?(?:di vien|di kham|goi cap cuu|goi|noi soi|bac si|uong thuoc|thuoc)|"
    r"khong can (?:\w+ ){0,2}(?:di vien|di kham|bac si|cap cuu|thuoc|ao phao|gang|bam|nguoi lon|"
    r"giam sat|bao ho|day)|khong bam tay|bo (?:vien|thuoc|hoa tri)|thay (?:hoa tri|thuoc)|"
    r"hon thuoc tay|khong sao dau|khoi phai|ton tien")
_HIDE = lexicon(
    r"khong (?:duoc |cho |de )?(?:noi|bao|ke)?(?: voi| cho)? ?(?:bo me|thay co|nguoi lon|phu huynh)"
    r"(?: biet)?|giau (?:bo me|thay co|nguoi lon)|dung (?:de|cho) (?:bo me|thay co|nguoi lon) biet|"
    r"dung tim (?:em|minh|toi)")
_DESPAIR = lexicon(
    r"vo nghia|ket thuc (?:di|cuoc|tat ca|cho)|khong muon song|muon (?:chet|bien mat)|"
    r"chuan bi (?:\w+ ){0,2}thuoc|uong het|dung tim|tu lam dau|lam dau (?:minh|ban than)|"
    r"cat tay|rach tay|nhiem vu (?:ngay )?cuoi|cho nhe (?:nhang|long)|chi cach")
_WARN = lexicon(
    r"canh bao|khuyen cao|tuyet doi khong|khong (?:duoc|nen|bao gio)|dung (?:bao gio|de|cho|lam|"
    r"thu|bat chuoc)|co the (?:gay|dan|lam)|gay (?:ngat|bong|ngo doc|tu vong|ton thuong|suy|hoai tu|"
    r"mu|sac|viem|nghien|ngung tim|chan thuong|co that|hoi chung|mat nuoc)|nguy hiem|da co \d|"
    r"bi (?:thuong|bong|nga|gay|chan thuong)|tu vong|nhap vien|cap cuu (?:kip|cho)|tiep nhan|"
    r"xu phat|bat giu|tich thu|\bcam (?:hoc sinh|tre|tam|choi|ban)|lenh cam|bien cam|bi cam|"
    r"tranh xa|bao (?:cho )?nguoi lon|report|bao cao (?:video|clip)|bac si|chuyen gia|"
    r"phu huynh (?:nen|can|luu y|kiem tra)|so cuu|goi 11[15]|nen (?:hoi|kham|mua|dung)|"
    r"chi nen|co huong dan|\ban toan\b|tao khong|de phong|luu y|dua (?:ngay|di)")
_HEALTHY = lexicon(
    r"doc sach|chay bo|di bo|\d+\.?\d* buoc|trong rau|nau (?:an|mon)|ve tranh|hoc (?:tieng|bai)|"
    r"nhat rac|khong (?:dung )?(?:nhua|dien thoai|tra sua)|nhay (?:dau|bai|dây)|nhay day|"
    r"lam banh|lam thiep|tiet kiem|an rau|leo nui co|trong cay|tap (?:the duc|yoga|nhay)")


_LEX = {rx: search_check(rx) for rx in (
    _HAZARD, _ENCOURAGE, _TESTIMONIAL, _DISMISS, _HIDE, _DESPAIR, _WARN, _HEALTHY)}
_USES = tuple(_LEX.values())
_DISMISS_OK = re.compile(r"khong (?:duoc|nen) .{0,20}khong can|tuyet doi")
_HELP = re.compile(r"duong day nong|111\b|1800|tu van|chuyen gia|tim den|lang nghe")


# -- safety speech: warnings, news, first aid, questions about a dangerous trend ------------
# They name the hazard but pair it with harm, an authority, advice or a question. The cue is
# graded by how many of these kinds a text has (``safe.safety_speech``); it is only a feature.
# A post that wraps a dare in a warning ("cảnh báo nhẹ là hơi đau nha 😆 nhưng ae quay lại
# gửi mình") makes its own dare outside quotes: it fires ``trend.warning_then_dare``, and the
# warning then gives it no safe credit and no longer switches off the encouragement rules.

_HARM = lexicon(
    r"tu vong|thiet mang|mat mang|nhap vien|cap cuu|bi (?:thuong|bong|nga|gay|ngat|ngo doc|"
    r"tai nan)|bong (?:nang|thuc quan|do)|ngo doc|suyt|duoi nuoc|roi xuong|di chung|ton thuong|"
    r"bien chung|nguy hiem (?:den|toi) tinh mang|gay (?:ngat|tu vong|bong|ton thuong|mat nuoc)")
_AUTHORITY = lexicon(
    r"bac si|chuyen gia|benh vien|co so y te|canh sat|cong an|csgt|pccc|nha truong|chinh quyen|"
    r"bo y te|ban tin|tin buon|theo (?:bao|bac si|chuyen gia)|vua tiep nhan|ghi nhan|lap bien ban|"
    r"dia phuong|nganh (?:y te|duong sat|giao duc)|trung tam y te")
_SAFE_ADVICE = lexicon(
    r"dung (?:bao gio )?(?:bat chuoc|lam|thu|cho|de)|khong (?:nen|duoc|tu y)|tuyet doi khong|"
    r"hay (?:dua|goi|lang nghe|noi chuyen|nhac|tranh|binh tinh)|tranh xa|nhac nho|noi chuyen voi "
    r"con|goi 11[1-5]|so cuu|dua (?:\w+ )?(?:den|di) (?:co so y te|kham|vien|benh vien)|quan ly "
    r"(?:con|viec)|lam mat|deo (?:mu|ao phao)|bat buoc")
_ASKING = lexicon(
    r"co nen|nen lam theo|hay (?:dua|la)|co sao khong|co nguy hiem khong|that khong|hoi (?:cac|"
    r"moi|mn)|cho (?:minh|em) hoi")
_T_QUOTED = re.compile(r"\"[^\"\n]{6,}\"|“[^”\n]{6,}”|«[^»\n]{6,}»|'[^'\n]{6,}'")
_SAFETY_USES = tuple(search_check(rx) for rx in (_HARM, _AUTHORITY, _SAFE_ADVICE, _ASKING))
_T_QUOTE_CHECK = search_check(_T_QUOTED, on="norm_cased")

_DARE_VERB = re.compile(
    r"\b(?:ai dam|dam (?:khong|ko)|thu (?:di|ngay|xem|nha|nhe)|(?:quay|gui) (?:clip|lai|video)|"
    r"tag (?:\d|ban)|dang (?:clip|len|reels)|inbox|lam theo (?:di|nha|nhe)|chua thu la phi|"
    r"thach (?:may|ban|nhau|ae)|ae (?:lam|thu|quay|dang|oi)|chi em (?:thu|lam)|cac me thu|"
    r"moi nguoi (?:thu|lam) (?:di|nha|nhe)|ai (?:\w+ ){0,4}(?:lau|nhanh|nhieu) nhat)\b")
# … said of someone else ("một thanh niên … để quay clip"): reported, not a dare.
_DARE_REPORTED = re.compile(
    r"\b(?:mot (?:\w+ ){0,2}(?:thanh nien|nam sinh|nu sinh|hoc sinh|em|be|nguoi|chau|ban)|"
    r"thanh nien|nam sinh|nu sinh|doi tuong|nhieu (?:ban|em|hoc sinh|nguoi|tre)|clip|video|"
    r"trao luu|tro (?:choi|nay))\b|\b(?:de|khi|vi|nham) $")
_DARE_NEGATED = re.compile(r"\b(?:khong|dung|tuyet doi|cam|chang|dung bao gio)(?: \S+){0,4} ?$")
_T_SENTENCE = re.compile(r"[.!?;\n]+")


def _t_fold(text: str) -> str:
    return fold_fast(expand_teencode_one(text.lower()))


def _own_dare_one(item: Prepared) -> bool:
    """Outside quotations, a dare / call to film and share that is not negated."""
    if _DARE_VERB.search(item.folded) is None:
        return False
    text = _t_fold(_T_QUOTED.sub(" ", item.norm_cased))
    for sentence in _T_SENTENCE.split(text):
        for m in _DARE_VERB.finditer(sentence):
            before = sentence[: m.start()]
            if not _DARE_NEGATED.search(before) and not _DARE_REPORTED.search(before):
                return True
    return False


_SAFETY_ALL = (*_USES, *_SAFETY_USES, _T_QUOTE_CHECK)


@batched(*_SAFETY_ALL)
def _safety_families(cols: Columns) -> np.ndarray:
    """How many kinds of safety cue (warning, harm, authority, advice, question, quote)."""
    count = cols[_LEX[_WARN]].astype(np.float64) + cols[_T_QUOTE_CHECK]
    for check in _SAFETY_USES:
        count += cols[check]
    return count


@batched(*_SAFETY_ALL)
def _warning_then_dare(cols: Columns) -> np.ndarray:
    """A warning or report that still dares / asks for clips: a dare dressed as a warning."""
    return cols.where(cols[_safety_families], _own_dare_one)


@batched(*_SAFETY_ALL)
def _warn_clean(cols: Columns) -> np.ndarray:
    """A warning that makes no dare of its own."""
    return cols[_LEX[_WARN]] & ~cols[_warning_then_dare]


@batched(*_SAFETY_ALL)
def _safety_speech(cols: Columns) -> np.ndarray:
    """Graded safety cue (1, 2, 3+ kinds: 1/3, 2/3, 1), none when the text dares."""
    strength = np.minimum(cols.value(_safety_families), 3.0) / 3.0
    return np.where(cols[_warning_then_dare], 0.0, strength)



@batched(*_USES)
def _encourage_hazard(cols: Columns) -> np.ndarray:
    """A hazard together with a dare, contest, testimonial or how-to, and no warning."""
    return ~cols[_warn_clean] & ~cols[_LEX[_HEALTHY]] & cols[_LEX[_HAZARD]] \
        & (cols[_LEX[_ENCOURAGE]] | cols[_LEX[_TESTIMONIAL]])


@batched(*_USES)
def _dismiss_safety(cols: Columns) -> np.ndarray:
    """Says a doctor, a life jacket, an adult… is not needed."""
    return cols.where(cols[_LEX[_DISMISS]], lambda item: not _DISMISS_OK.search(item.folded))


@batched(*_USES)
def _hide_from_adults(cols: Columns) -> np.ndarray:
    return cols[_LEX[_HIDE]] & ~cols[_warn_clean]


@batched(*_USES)
def _despair(cols: Columns) -> np.ndarray:
    """Hopelessness or a plan to self-harm, not already pointing to help."""
    return cols.where(cols[_LEX[_DESPAIR]], lambda item: not _HELP.search(item.folded))


@batched(*_USES)
def _testimonial_hazard(cols: Columns) -> np.ndarray:
    """"I did it / it works" about a hazardous act."""
    return ~cols[_warn_clean] & cols[_LEX[_TESTIMONIAL]] & cols[_LEX[_HAZARD]]


@batched(*_USES)
def _hazard(cols: Columns) -> np.ndarray:
    return cols[_LEX[_HAZARD]]


@batched(*_USES)
def _warned(cols: Columns) -> np.ndarray:
    return cols[_warn_clean]


@batched(*_USES)
def _healthy(cols: Columns) -> np.ndarray:
    return cols[_LEX[_HEALTHY]] & ~cols[_LEX[_HAZARD]]


RULES = RuleSet((*RULES.rules,
    Rule("trend.hazard", "nhắc tới hành vi / chất nguy hiểm (lửa, độ cao, nước, hoá chất…)",
         _hazard),
    Rule("trend.encourage_hazard", "rủ rê, thách đố hoặc hướng dẫn làm việc nguy hiểm",
         _encourage_hazard),
    Rule("trend.testimonial", "kể \"mình làm rồi, hiệu quả\" về việc nguy hiểm",
         _testimonial_hazard),
    Rule("trend.dismiss_safety", "gạt bỏ an toàn (khỏi đi viện, không cần áo phao…)",
         _dismiss_safety),
    Rule("trend.hide_from_adults", "bảo giấu bố mẹ / thầy cô", _hide_from_adults),
    Rule("trend.despair", "tuyệt vọng, có ý định tự làm hại", _despair),
    Rule("safe.warning_frame", "nêu tác hại, khuyến cáo, tin tức (dấu hiệu an toàn)", _warned),
    Rule("safe.healthy", "thử thách lành mạnh (đọc sách, chạy bộ, nấu ăn…)", _healthy),
    Rule("safe.safety_speech", "cảnh báo / tin tai nạn / sơ cứu / hỏi ý kiến (không tự rủ rê)",
         _safety_speech),
    Rule("trend.warning_then_dare", "mở đầu như lời cảnh báo nhưng vẫn rủ làm / quay clip",
         _warning_then_dare),
))
