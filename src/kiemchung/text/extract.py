"""Extraction of URLs, domains, phones, bank accounts, money, e-mails, IDs, dates, provinces.

Every finder works on the normalised text and on its offset-aligned folded form, so
text typed with or without diacritics gives the same result.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from kiemchung.text._batch import as_batch
from kiemchung.text._gazetteer import bank_gazetteer, province_gazetteer, read_lexicon
from kiemchung.text.normalize import prepare_one

EXTRACTOR_VERSION = "extract.v1"


@dataclass(slots=True)
class Money:
    """A money amount in Vietnamese đồng, with the text it was read from."""

    text: str
    amount_vnd: int


@dataclass(slots=True)
class BankAccount:
    """A bank-account-like number written next to a bank name or an account keyword."""

    number: str
    bank: str | None
    text: str


@dataclass(slots=True)
class Span:
    """Where an item was found in the normalised text (used by redaction)."""

    kind: str
    start: int
    end: int
    value: str


@dataclass(slots=True)
class Extracted:
    """Everything :func:`extract` finds in one text; lists keep first-seen order, no repeats."""

    urls: list[str] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    bank_accounts: list[BankAccount] = field(default_factory=list)
    money: list[Money] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    id_numbers: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    provinces: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict."""
        return asdict(self)


# --- URLs and domains ---------------------------------------------------------------------

_TLDS = str.split(
    "com net org vn info biz xyz top site online club shop store vip cc me io co link app "
    "asia live tk ml ga cf gq icu cyou pro fun space website tech one life world today click "
    "win bet cloud monster buzz work email news media group company ltd ink best host pw ws "
    "us uk cn ru in jp kr sg hk tw my th id ph la kh edu gov mobi tv fm ai dev page gg so to "
    "sh st bz lol ly sbs bond cfd rest lat mom quest support help services finance money "
    "bank loan cash games"
)
_TLD_RE = "(?:" + "|".join(sorted(_TLDS, key=len, reverse=True)) + ")"
# TLDs accepted after a spaced or spelled-out dot ("abc . com", "abc chấm vn"): not ones
# that are also everyday words ("Hàng đẹp. shop giao nhanh").
_SPACED_TLDS = "(?:online|cyou|info|site|club|com|net|org|xyz|top|vip|icu|biz|sbs|cfd|vn|cc|io|tk|ml|ga|cf|gq)"
_REFANG = [
    (re.compile(r"\bh(?:xx|\*\*|XX|tt)p(s?)(?:\[:\]|:)?(?=//|\[/)", re.IGNORECASE), r"http\1:"),
    (re.compile(r"\[:\]|\(:\)"), ":"),
    (re.compile(r"\[/\]"), "/"),
    (re.compile(r"\s*(?:\[\s*\.\s*\]|\(\s*\.\s*\)|\{\s*\.\s*\}|\[dot\]|\(dot\)|\[chấm\]"
                r"|\(chấm\))\s*", re.IGNORECASE), "."),
    # "abc . com", "abc. vn", "abc chấm com": spaces or words around a dot before a TLD
    (re.compile(rf"(?<![^\s/])([A-Za-z0-9][A-Za-z0-9.\-]*)(?:\s*\.\s+|\s+\.\s*"
                rf"|\s+(?:chấm|cham|dot)\s+)(?={_SPACED_TLDS}(?![^\W_]))"), r"\1."),
]
_URL = re.compile(
    r"\b(?:https?|ftp)://[^\s<>\"'`]+"
    r"|\bwww\.[^\s<>\"'`]+"
    rf"|(?<![\w@.\-])(?:[^\W_](?:[\w\-]{{0,61}}[^\W_])?\.)+{_TLD_RE}(?::\d{{2,5}})?"
    r"(?:/[^\s<>\"'`]*)?(?![\w\-@])",
    re.IGNORECASE,
)
# Cheap pre-checks: most posts hold no link at all.
# (each starts with a literal or a class so that the engine skips ahead fast)
_DOT_SPACE_TLD = re.compile(rf"\.\s+{_SPACED_TLDS}(?![^\W_])")
_SPACE_DOT_TLD = re.compile(rf"\s\.\s*{_SPACED_TLDS}(?![^\W_])")
_SPELLED_TLD = re.compile(rf"\s(?:cham|dot)\s+{_SPACED_TLDS}(?![^\W_])")
_BRACKET_DOT = re.compile(r"[\[({]\s?(?:\.|dot|cham)\s?[\])}]|\[[:/]\]")
_DOT_TLD_LOWER = re.compile(rf"\.{_TLD_RE}(?![^\W_])")
_URL_TRAIL = ".,;:!?)]}'\"…»>"
_IPV4 = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")


def refang(text: str) -> str:
    """Undo defanging (``hxxp``, ``[.]``, ``(.)``, ``abc . com``) so links can be read."""
    for pattern, repl in _REFANG:
        text = pattern.sub(repl, text)
    return text


@cache
def _suffixes() -> frozenset[str]:
    return frozenset(row[0].strip().lower() for row in read_lexicon("suffixes.txt"))


def registered_domain(host: str) -> str:
    """The registrable domain of a host (``csgt.bocongan.gov.vn`` → ``bocongan.gov.vn``)."""
    host = host.strip().strip(".").lower()
    host = host.removeprefix("www.")
    if _IPV4.fullmatch(host):
        return host
    labels = host.split(".")
    if len(labels) >= 3 and ".".join(labels[-2:]) in _suffixes():
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def _host(url: str) -> str:
    target = url if "://" in url else "http://" + url
    try:
        host = urlsplit(target).hostname or ""
    except ValueError:
        return ""
    return host.lower()


def _may_be_defanged(low: str) -> bool:
    """Cheap check on the lower-cased folded text before running the refang regexes."""
    return ("hxx" in low or "h**" in low
            or (("[" in low or "(" in low or "{" in low) and _BRACKET_DOT.search(low) is not None)
            or (". " in low and _DOT_SPACE_TLD.search(low) is not None)
            or (" ." in low and _SPACE_DOT_TLD.search(low) is not None)
            or (("cham " in low or " dot " in low) and _SPELLED_TLD.search(low) is not None))


def _find_urls(text: str, folded: str | None = None) -> tuple[list[str], list[str]]:
    """URLs and registered domains; ``folded`` (lower-cased, aligned) speeds up the checks."""
    urls: dict[str, None] = {}
    domains: dict[str, None] = {}
    low = folded if folded is not None else text.lower()
    if _may_be_defanged(low):
        text = refang(text)
    elif not ("://" in low or "www." in low or ("." in low and _DOT_TLD_LOWER.search(low))):
        return [], []
    for m in _URL.finditer(text):
        url = m.group().rstrip(_URL_TRAIL)
        host = _host(url)
        if not host or "." not in host:
            continue
        urls.setdefault(url, None)
        domains.setdefault(registered_domain(host), None)
    return list(urls), list(domains)


# --- look-alike domains ---------------------------------------------------------------------

_HOMOGLYPHS = str.maketrans({"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "7": "t",
                             "8": "b", "9": "g", "i": "l", "-": "", "_": ""})


@cache
def official_domains() -> dict[str, str]:
    """Real domains of banks, agencies and services: registered domain → who."""
    out: dict[str, str] = {}
    for row in read_lexicon("official_domains.tsv"):
        out.setdefault(registered_domain(row[0]), row[1].strip() if len(row) > 1 else row[0])
    for row in read_lexicon("banks.tsv"):
        for dom in (row[2].split("|") if len(row) > 2 else []):
            if dom.strip():
                out.setdefault(registered_domain(dom), row[0])
    return out


@cache
def _brands() -> list[tuple[str, str, str]]:
    """(brand label, skeleton, official registered domain) for each official domain."""
    out = []
    for dom in official_domains():
        label = dom.split(".")[0]
        out.append((label, label.translate(_HOMOGLYPHS).replace("rn", "m").replace("vv", "w"),
                    dom))
    return out


def _within_one_edit(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1 or a == b:
        return a == b
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diffs) == 1 or (
            len(diffs) == 2 and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def lookalike_of(domain: str) -> str | None:
    """The official domain that ``domain`` imitates, or None.

    ``vietcombank-vn.com``, ``vietcombamk.com.vn``, ``dichvucong-gov.vn`` and
    ``csgt.bocongan.gov.vn.xyz`` all imitate a real one; the real domains and their
    sub-domains return None.
    """
    host = _host(domain) or domain.lower()
    reg = registered_domain(host)
    if reg in official_domains():
        return None
    labels = [lab for lab in re.split(r"[.\-_]", host) if lab]
    reg_label = reg.split(".")[0]
    skeleton = reg_label.translate(_HOMOGLYPHS).replace("rn", "m").replace("vv", "w")
    for brand, brand_skel, official in _brands():
        if len(brand) >= 5:
            if brand in host.replace("-", "").replace("_", ""):
                return official
            if len(brand) >= 6 and (skeleton == brand_skel
                                    or _within_one_edit(reg_label, brand)):
                return official
        elif brand in labels:
            return official
    return None


# --- phones, e-mails, IDs ---------------------------------------------------------------

# No look-behinds in front (they stop the engine from skipping ahead): the character
# before a match is checked in Python (_glued).
_PHONE = re.compile(
    r"(?:\(\+?84\)|\+84|0084|84|0)(?:[\s.\-]?\d){8,10}(?![\w])"
    r"|\(0\d{2,3}\)\s?\d{3,4}[\s.\-]?\d{3,4}(?!\w)"
    r"|1[89]00[\s.\-]?\d{2,4}(?:[\s.\-]?\d{2,3}){0,2}(?!\w)"
)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w@])")
_DIGITS = re.compile(r"\D+")
_DIGIT = re.compile(r"\d")
_EIGHT_DIGITS = re.compile(r"\d(?:[\s.\-()]{0,2}\d){7}")
_LONG_NUMBER = re.compile(r"\d(?:[\s.\-]?\d){5,18}(?![\w])")
_ID_KEYWORD = re.compile(r"(?:cccd|cmnd|cmt|can cuoc|chung minh|dinh danh|so id)\W{0,3}"
                         r"(?:\w+\W{1,3}){0,3}$")
_ACCOUNT_KEYWORD = re.compile(r"(?:\bstk|\btk|tai khoan|account|\bacc|\bso tk)\b\W{0,3}"
                              r"(?:\w+\W{1,3}){0,4}$")


def _glued(text: str, start: int, chars: str) -> bool:
    """True if the character before ``start`` is a letter, digit or one of ``chars``."""
    return start > 0 and (text[start - 1].isalnum() or text[start - 1] in chars)


def phone_number(raw: str) -> str | None:
    """Canonical ``0xxxxxxxxx`` form of a Vietnamese phone number, or None if not one."""
    digits = _DIGITS.sub("", raw)
    if digits.startswith("0084"):
        digits = "0" + digits[4:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if len(digits) == 10 and digits[0] == "0" and digits[1] in "35789":
        return digits
    if len(digits) == 11 and digits.startswith("02"):
        return digits
    if digits[:4] in ("1800", "1900") and len(digits) in (8, 10):
        return digits
    return None


def _is_cccd(digits: str) -> bool:
    return len(digits) == 12 and digits[0] == "0" and 1 <= int(digits[:3]) <= 96


# --- money ----------------------------------------------------------------------------

_MONEY = re.compile(
    r"(?P<num>\d+(?:[.,]\d+)*)\s?"
    r"(?P<unit>ty|ti|toi|trieu|tr|cu(?=\s*(?:$|[.,;:!?)/]|(?:mot|1|moi)?\s*thang))|nghin|ngan(?!\s+hang)|k|dong|vnd|d|₫)(?P<tail>\d{1,3})?(?![^\W_])"
)
# "VNĐ 500.000": currency first (a separate regex so that _MONEY starts with a digit)
_MONEY_PREFIX = re.compile(r"(?:vnd|₫)\s?(?P<num2>\d+(?:[.,]\d{3})+|\d+)(?![\w])")
# What follows a bare "tỷ/triệu/nghìn" when it is not an amount in đồng (folded text).
_NOT_VND_AFTER = re.compile(
    r"\s*(?:usd|us\$|\$|do la|do my|euro|eur|yen|yuan|won|bang anh|nhan dan te|baht|"
    r"nguoi|luot|nhan khau|km|tan|m2|m3|view|like|follow|thue bao|san pham|don hang|lieu|"
    r"cu tri|phieu|tin nhan|cuoc goi|benh nhan|ca benh|hoc sinh)(?![^\W_])"
)
_MULT = {"ty": 10**9, "ti": 10**9, "toi": 10**9, "trieu": 10**6, "tr": 10**6, "cu": 10**6,
         "nghin": 1000, "ngan": 1000, "k": 1000, "dong": 1, "vnd": 1, "d": 1, "₫": 1}


def _number(num: str) -> float:
    groups = re.split(r"[.,]", num)
    if len(groups) == 1:
        return float(num)
    seps = re.findall(r"[.,]", num)
    if len(set(seps)) == 2:  # "1.234,5": the last separator is the decimal one
        return float("".join(groups[:-1]) + "." + groups[-1])
    if all(len(g) == 3 for g in groups[1:]):
        return float("".join(groups))
    if len(groups) == 2:
        return float(groups[0] + "." + groups[1])
    return float("".join(groups))


def _money_matches(text: str, folded: str) -> list[tuple[int, int, int]]:
    found: list[tuple[int, int, int]] = []
    matches = list(_MONEY.finditer(folded))
    if "vnd" in folded or "₫" in folded:
        matches += _MONEY_PREFIX.finditer(folded)
        matches.sort(key=lambda m: m.start())
    for m in matches:
        if _glued(folded, m.start(), ".,_") or (found and m.start() < found[-1][1]):
            continue  # the look-behind, done here so that the regex scans fast
        if "num2" in m.re.groupindex:
            value, mult = _number(m.group("num2")), 1
        else:
            unit = m.group("unit")
            mult = _MULT[unit]
            value = _number(m.group("num"))
            if m.group("tail"):
                tail = m.group("tail")
                value += int(tail) / 10 ** len(tail)
            if unit == "d" and value < 1000 and "." not in m.group("num"):
                continue  # "30d" is more often 30 days than 30 đồng
            if mult >= 1000 and _NOT_VND_AFTER.match(folded, m.end()):
                continue  # "4,9 tỷ USD", "11 triệu người": not an amount in đồng
        amount = round(value * mult)
        if found and mult > 1 and found[-1][2] > amount and not folded[found[-1][1] : m.start()].strip():
            start = found[-1][0]
            found[-1] = (start, m.end(), found[-1][2] + amount)  # "1 tỷ 200 triệu"
            continue
        found.append((m.start(), m.end(), amount))
    return found


# --- dates ------------------------------------------------------------------------------

_DATE_NUM = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})(?![/.\-]?\d)")
_DATE_WORDS = re.compile(r"ngay\s+(\d{1,2})\s*(?:thang\s+|[/.\-])(\d{1,2})"
                         r"(?:\s*(?:nam\s+|[/.\-])(\d{4}))?(?![/.\-]?\d)")
_MONTH_YEAR = re.compile(r"thang\s+(\d{1,2})\s*(?:nam\s+|/)(\d{4})(?!\d)")


def _iso(day: str | None, month: str, year: str | None) -> str | None:
    m = int(month)
    if not 1 <= m <= 12:
        return None
    y = None
    if year is not None:
        y = int(year) + (2000 if len(year) == 2 else 0)
        if not 1900 <= y <= 2100:
            return None
    if day is None:
        return f"{y:04d}-{m:02d}" if y is not None else None
    d = int(day)
    if not 1 <= d <= 31:
        return None
    return f"{y:04d}-{m:02d}-{d:02d}" if y is not None else f"--{m:02d}-{d:02d}"


def _find_dates(folded: str) -> list[tuple[int, int, str]]:
    found = []
    for m in _DATE_WORDS.finditer(folded) if "ngay" in folded else ():
        if _glued(folded, m.start(), "_"):
            continue
        found.append((m.start(), m.end(), _iso(m.group(1), m.group(2), m.group(3))))
    for m in _DATE_NUM.finditer(folded):
        if m.start() and folded[m.start() - 1] in "0123456789/.-":
            continue
        found.append((m.start(), m.end(), _iso(m.group(1), m.group(2), m.group(3))))
    for m in _MONTH_YEAR.finditer(folded) if "thang" in folded else ():
        if _glued(folded, m.start(), "_"):
            continue
        found.append((m.start(), m.end(), _iso(None, m.group(1), m.group(2))))
    found.sort()
    out: list[tuple[int, int, str]] = []
    for start, end, iso in found:
        if iso is None or (out and start < out[-1][1]):
            continue
        out.append((start, end, iso))
    return out


# --- putting it together ------------------------------------------------------------------


def spans(norm: str, folded: str) -> list[Span]:
    """Every item found in a normalised text, with offsets (sorted by start)."""
    out: list[Span] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    if "@" in norm:
        for m in _EMAIL.finditer(norm):
            out.append(Span("email", m.start(), m.end(), m.group().lower()))
            taken.append(m.span())
    if _DIGIT.search(norm):
        numbers = [m for m in _LONG_NUMBER.finditer(norm) if not _glued(norm, m.start(), "_.,")]
        banks = bank_gazetteer().find(norm, folded) if numbers else []
        for m in numbers:
            span = _classify_number(norm, folded, m, banks) if free(*m.span()) else None
            if span is not None:
                out.append(span)
                taken.append(m.span())
        for m in (_PHONE.finditer(norm) if numbers or _EIGHT_DIGITS.search(norm) else ()):
            phone = phone_number(m.group())
            if phone and free(*m.span()) and not _glued(norm, m.start(), "_+"):
                out.append(Span("phone", m.start(), m.end(), phone))
                taken.append(m.span())
        for start, end, amount in _money_matches(norm, folded):
            if free(start, end):
                out.append(Span("money", start, end, str(amount)))
        for start, end, iso in _find_dates(folded):
            if free(start, end):
                out.append(Span("date", start, end, iso))
    for start, end, name in province_gazetteer().find(norm, folded):
        out.append(Span("province", start, end, name))
    out.sort(key=lambda s: (s.start, s.end))
    return out


_PHONE_KEYWORD = re.compile(r"\b(?:sdt|so dien thoai|dien thoai|dt|goi|lien he|lh|hotline|zalo|"
                            r"nhan tin|sms)\b")
_UNIT_AFTER = re.compile(r"\s?(?:k|tr|trieu|ty|ti|nghin|ngan(?!\s+hang)|d|dong|vnd|₫|%)(?![^\W_])")


def _classify_number(norm: str, folded: str, m: re.Match[str],
                     banks: list[tuple[int, int, str]]) -> Span | None:
    raw = m.group()
    digits = _DIGITS.sub("", raw)
    before = folded[max(0, m.start() - 40) : m.start()]
    after = folded[m.end() : m.end() + 12]
    if _UNIT_AFTER.match(after):
        return None
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", raw):
        return None  # 1.500.000 is an amount, not an account
    if _ID_KEYWORD.search(before) and len(digits) in (9, 12):
        return Span("id_number", m.start(), m.end(), digits)
    if phone_number(raw) is not None and _PHONE_KEYWORD.search(before[-25:]):
        return None  # "Vietinbank. Sđt em là 09…": the phone keyword is nearer
    bank = next((name for s, e, name in banks
                 if m.start() - 40 <= e <= m.start() or m.end() <= s <= m.end() + 25), None)
    if _ACCOUNT_KEYWORD.search(before) or bank is not None:
        if " " in raw.strip() and phone_number(raw) is None and len(raw.split()) > 4:
            return None
        return Span("bank_account", m.start(), m.end(), digits + ("|" + bank if bank else ""))
    if _is_cccd(digits) and raw.isdigit():
        return Span("id_number", m.start(), m.end(), digits)
    return None


def extract_prepared(norm: str, folded: str) -> Extracted:
    """Extract from an already normalised text and its ``fold_lower_aligned`` form."""
    result = Extracted()
    result.urls, result.domains = _find_urls(norm, folded)
    seen: set[tuple[str, str]] = set()
    for span in spans(norm, folded):
        if (span.kind, span.value) in seen:
            continue
        seen.add((span.kind, span.value))
        _add(result, span, norm)
    return result


def _add(result: Extracted, span: Span, norm: str) -> None:
    text = norm[span.start : span.end]
    if span.kind == "email":
        result.emails.append(span.value)
    elif span.kind == "phone":
        result.phones.append(span.value)
    elif span.kind == "id_number":
        result.id_numbers.append(span.value)
    elif span.kind == "bank_account":
        number, _, bank = span.value.partition("|")
        result.bank_accounts.append(BankAccount(number, bank or None, text))
    elif span.kind == "money":
        result.money.append(Money(text, int(span.value)))
    elif span.kind == "date":
        result.dates.append(span.value)
    elif span.kind == "province" and span.value not in result.provinces:
        result.provinces.append(span.value)


def extract(texts: Sequence[str]) -> list[Extracted]:
    """Find URLs, registered domains, phones, bank accounts, money, e-mails, ID numbers,
    dates (ISO 8601; ``--MM-DD`` without a year) and provinces in each text.

    Texts are normalised first; defanged links (``hxxp``, ``[.]``) are read as links.
    """
    out = []
    for text in as_batch(texts):
        norm, _, aligned = prepare_one(text)
        out.append(extract_prepared(norm, aligned))
    return out
