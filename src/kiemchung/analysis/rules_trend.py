"""Dangerous-trend cues: challenges, self-harm, dangerous "remedies", dangerous pranks.

``dangerous`` means the text promotes, instructs or dares people to do it; warnings,
news reports and advice about such trends are ``safe`` (they are the correction).
"""

from __future__ import annotations

from kiemchung.analysis._rules import Rule, RuleSet, both, pattern

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
    r"qua lieu|giam can cap toc|khong can an kieng|ho (?:nong )?dong xu|nhet .{0,12}vao mieng"
)
_DARE = pattern(
    r"thu thach|challenge|\btrend\b|trao luu|ai dam|dam (?:thu|lam)|thu ngay|lam theo|"
    r"quay (?:clip|video) .{0,20}(?:dang|up|tiktok|reels)|dang len (?:tiktok|facebook|reels)|"
    r"tag (?:ban|3|nhung)|thach (?:ban|nhau)|len xu huong|viral|\bhot\b|cuc vui|cuc hai|"
    r"de lam|cach lam|huong dan|buoc \d|moi nguoi (?:thu|lam) (?:di|nhe|thu)|thach thuc|"
    r"dam (?:khong|ko)\b|choi troi|moi la chat|rat chat|ru (?:ca lop|nhau|ban)|dang lam nhieu|"
    r"khong (?:nguy hiem|sao) dau|cuc (?:thich|phe)|vui lam|cang dau cang|quay phan ung|"
    r"cach (?:choi|cua ong ba)|meo (?:ha sot|chua|tri)"
)

RULES = RuleSet((
    Rule("trend.challenge", "thử thách / trào lưu kêu gọi làm theo", _DARE),
    Rule("trend.dangerous_act", "hành động nguy hiểm đến tính mạng", _ACT),
    Rule("trend.dare_act", "thách thức làm hành động nguy hiểm", both(_DARE, _ACT)),
    Rule("trend.self_harm", "nội dung tự gây hại / tự tử", pattern(
        r"\btu tu\b|\btu sat|rach tay|cat tay|tu lam dau|tu hai|ket thuc cuoc doi|khong muon song|"
        r"chet cho xong|uong thuoc (?:ngu|qua lieu)|cach chet|nhay lau|muon bien mat",
        exclude=r"duong day nong|111|tu van tam ly|tim (?:den )?su giup do|goi ngay cho")),
    Rule("trend.remedy", "mẹo chữa bệnh nguy hiểm, chưa được kiểm chứng", pattern(
        r"chua (?:khoi|dut diem|tan goc|bach benh)|(?:khoi|het) (?:han|luon) .{0,20}khong can "
        r"(?:thuoc|bac si)|khong can (?:di vien|bac si|thuoc|hoa tri|xa tri)|"
        r"thay (?:the )?(?:thuoc|hoa tri)|bo (?:thuoc|hoa tri)|thai doc|"
        r"(?:nho|tra|xoa) (?:xang|dau hoa|nuoc tieu|chanh|ot|toi) (?:vao )?(?:mat|vet thuong|tai)|"
        r"uong (?:xang|dau hoa|nuoc tieu|thuoc tay|con|nuoc muoi)|dap (?:la|phan|thuoc nam)|"
        r"bai thuoc (?:gia truyen|dan gian)|than duoc|chua ung thu|khong can (?:truyen dich|"
        r"goi cap cuu)|khoi can (?:goi|di|thuoc)|(?:cho (?:be|tre|con) )?uong (?:ruou|bia|nuoc la)|"
        r"kem danh rang .{0,25}(?:vet bong|bong)|(?:nho|tra|xit) .{0,20}vao mat|chua (?:can thi|"
        r"tan goc)|la du du|nhet .{0,12}vao mieng|giam can cap toc",
        exclude=r"khuyen cao|canh bao|tuyet doi khong|khong (?:nen|duoc) (?:tu y|dung|bat chuoc)")),
    Rule("trend.minors", "nhắm vào trẻ em / học sinh", pattern(
        r"tre em|hoc sinh|cac be|be (?:nha|trai|gai)|con nit|tre nho|tre con|\blop \d|tuoi teen|"
        r"thieu nien|cac chau|hs\b|\bem be\b|tre so sinh")),
    Rule("trend.prank", "trò đùa nguy hiểm", pattern(
        r"\bprank\b|tro dua|choi kham|giat ghe|rut ghe|hu doa|troll")),
    Rule("trend.share_call", "kêu gọi quay clip, chia sẻ để câu view", pattern(
        r"quay (?:clip|video)|dang len|tag (?:ban|3|nhung)|share (?:ngay|di)|chia se ngay|"
        r"len xu huong|viral|cau view|tha tim")),
    Rule("safe.warning", "nội dung cảnh báo, khuyến cáo (dấu hiệu an toàn)", pattern(
        r"canh bao|khuyen cao|(?:phu huynh|bo me|nha truong) (?:can|nen|hay)|"
        r"tuyet doi khong|dung (?:bao gio )?(?:thu|lam theo|bat chuoc)|khong (?:nen )?(?:bat chuoc|"
        r"lam theo)|nguy hiem (?:den|toi) tinh mang|bac si (?:khuyen|canh bao)|de phong|"
        r"nhap vien (?:vi|sau khi)|da tu vong|bao dong|can than|keu goi .{0,20}(?:khong|dung)|"
        r"dua tin|tin buon|nghi do|bi (?:bong|thuong) nang|dang dieu tra|tiep nhan|cap cuu kip thoi")),
    Rule("safe.help", "hướng dẫn tìm trợ giúp", pattern(
        r"duong day nong|tu van tam ly|tim (?:den )?su (?:giup do|ho tro)|\b111\b|\b115\b|"
        r"goi (?:ngay )?cap cuu|den co so y te|hoi y kien bac si",
        exclude=r"khoi can|khong can (?:goi|di|den)")),
))
