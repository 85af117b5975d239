"""Domains in a text: black-listed hosts, look-alikes of banks and agencies, odd TLDs.

The black list ships with the package (``models/scam/blocklist.txt.gz``, built from the
chongluadao.vn and hostsVN lists; see docs/models/scam.md).
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from functools import lru_cache
from importlib import resources

_TLDS = (
    "vn|com|net|org|info|biz|xyz|top|vip|cc|club|online|site|shop|store|icu|live|buzz|work|"
    "click|link|fun|one|pro|win|tk|ml|ga|cf|gq|me|io|co|asia|app|dev|tech|cloud|ltd|bid|mobi|"
    "today|life|world|us|uk|cn|ru|in|tv|ly|gd|at|to|biz|name|space|website|cyou|sbs|cfd|bond"
)
_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"'()]+"
    r"|(?<![\w@.-])(?:[a-z0-9\u00c0-\u1ef9](?:[a-z0-9\u00c0-\u1ef9-]{0,62})\.)+"
    r"(?:" + _TLDS + r")(?![\w-])(?:/[^\s<>\"'()]*)?",
    re.IGNORECASE,
)

SUSPICIOUS_TLDS = frozenset(
    ["xyz", "top", "vip", "cc", "club", "online", "site", "shop", "store", "icu", "live", "buzz", "work", "click", "link", "fun", "one", "pro", "win", "tk", "ml", "ga", "cf", "gq", "ltd", "bid", "mobi", "today", "life", "world", "cyou", "sbs", "cfd", "bond", "space", "website"]
)
SHORTENERS = frozenset(
    ["bit.ly", "tinyurl.com", "cutt.ly", "shorturl.at", "is.gd", "t.ly", "rb.gy", "tiny.cc", "s.id", "rebrand.ly", "shorten.asia", "ow.ly", "t.co", "goo.gl"]
)

# Brand or agency token -> official registrable domains (any other domain carrying
# the token is a look-alike).
BRANDS: dict[str, tuple[str, ...]] = {
    "vietcombank": ("vietcombank.com.vn",), "vcb": ("vietcombank.com.vn",),
    "techcombank": ("techcombank.com.vn", "techcombank.com"), "bidv": ("bidv.com.vn",),
    "agribank": ("agribank.com.vn",), "vietinbank": ("vietinbank.vn",),
    "mbbank": ("mbbank.com.vn",), "vpbank": ("vpbank.com.vn",), "tpbank": ("tpb.vn",),
    "sacombank": ("sacombank.com.vn",), "acb": ("acb.com.vn",), "hdbank": ("hdbank.com.vn",),
    "shb": ("shb.com.vn",), "vib": ("vib.com.vn",), "seabank": ("seabank.com.vn",),
    "momo": ("momo.vn",), "zalopay": ("zalopay.vn",), "vnpay": ("vnpay.vn",),
    "shopee": ("shopee.vn",), "lazada": ("lazada.vn",), "tiki": ("tiki.vn",),
    "vneid": ("vneid.gov.vn",), "dichvucong": ("dichvucong.gov.vn",), "csgt": ("csgt.vn",),
    "chinhphu": ("chinhphu.vn",), "baohiemxahoi": ("baohiemxahoi.gov.vn",),
    "bhxh": ("baohiemxahoi.gov.vn",), "evn": ("evn.com.vn",), "vnpost": ("vnpost.vn",),
    "viettel": ("viettel.vn", "viettel.com.vn"), "vinaphone": ("vinaphone.com.vn",),
    "mobifone": ("mobifone.vn",), "facebook": ("facebook.com",), "zalo": ("zalo.me", "zalo.vn"),
    "tiktok": ("tiktok.com",), "garena": ("garena.vn",), "congan": ("bocongan.gov.vn",),
    "bocongan": ("bocongan.gov.vn",), "gov": (),
}
_SECOND_LEVEL = frozenset({"com.vn", "gov.vn", "edu.vn", "org.vn", "net.vn", "vn", "co.uk"})


def find_urls(text: str) -> list[str]:
    """URLs and bare domains in a text, lower-cased, without scheme or ``www.``."""
    out = []
    for match in _URL.finditer(text):
        url = match.group(0).lower().rstrip(".,;:!?")
        url = re.sub(r"^(?:https?://)?(?:www\.)?", "", url)
        if url:
            out.append(unicodedata.normalize("NFC", url))
    return out


def host_of(url: str) -> str:
    """The host part of a scheme-less URL."""
    return url.split("/", 1)[0].split(":", 1)[0]


def registrable(host: str) -> str:
    """``a.b.vietcombank.com.vn`` -> ``vietcombank.com.vn`` (approximate public suffix)."""
    parts = host.split(".")
    if len(parts) >= 3 and ".".join(parts[-2:]) in _SECOND_LEVEL:
        return ".".join(parts[-3:])
    return ".".join(parts[-2:])


@lru_cache(maxsize=1)
def blocklist() -> tuple[frozenset[str], tuple[str, ...]]:
    """The shipped black list: (hosts, host/path prefixes)."""
    ref = resources.files("kiemchung.analysis").joinpath("models/scam/blocklist.txt.gz")
    hosts: set[str] = set()
    urls: list[str] = []
    target = hosts
    with ref.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as lines:
        for line in lines:
            entry = line.strip()
            if entry == "## urls":
                target = None  # type: ignore[assignment]
                continue
            if not entry or entry.startswith("#"):
                continue
            if target is None:
                urls.append(entry)
            else:
                target.add(entry)
    return frozenset(hosts), tuple(urls)


def is_blocklisted(url: str) -> bool:
    """The host, one of its parent domains, or the URL prefix is on the black list."""
    hosts, prefixes = blocklist()
    host = host_of(url)
    parts = host.split(".")
    for i in range(len(parts) - 1):
        if ".".join(parts[i:]) in hosts:
            return True
    return any(url.startswith(p) for p in prefixes)


def lookalike_brand(url: str) -> str | None:
    """The brand a domain imitates (``vietcombank-xacthuc.com`` -> ``vietcombank``), if any."""
    host = host_of(url)
    if host.startswith("xn--") or ".xn--" in host:
        return "punycode"
    reg = registrable(host)
    if reg.endswith(".gov.vn"):
        return None
    tokens = re.split(r"[.\-_0-9]+", host)
    for brand, official in BRANDS.items():
        if reg in official:
            return None
        hit = brand in tokens if len(brand) <= 4 else brand in host
        if hit and brand == "gov":
            return "gov"
        if hit:
            return brand
    return None


def suspicious_tld(url: str) -> bool:
    """The domain ends in a TLD much used by throw-away scam sites."""
    return host_of(url).rsplit(".", 1)[-1] in SUSPICIOUS_TLDS


def is_shortener(url: str) -> bool:
    """The URL is on a link-shortening service."""
    return host_of(url) in SHORTENERS
