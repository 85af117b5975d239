"""Test doubles of the tipline tests: a small fact-check library, a matcher and a scam
analyser double, and LOCAL HTTP fakes of the Telegram, Zalo OA and Messenger send APIs
(real HTTP servers in threads on loopback)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from kiemchung.records import Match, MatchResult, Prediction, Signal
from kiemchung.storage import Store
from kiemchung.storage import models as m
from kiemchung.text import fold

BOT_TOKEN = "123456:TEST-bot-token"
ZALO_TOKEN = "zalo-oa-access-token"
PAGE_TOKEN = "messenger-page-token"
FACTCHECKS = [
    m.FactCheck(id="fc-tien-dien", claim="EVN hoàn tiền điện cho khách hàng qua đường link",
                claim_folded="evn hoan tien dien cho khach hang qua duong link",
                verdict="Lừa đảo", verdict_norm="scam",
                summary="EVN không hoàn tiền qua tin nhắn có đường link.",
                url="https://evn.example.vn/canh-bao-lua-dao", publisher="EVN"),
    m.FactCheck(id="fc-luong", claim="Tăng lương cơ sở lên 5 triệu đồng từ tháng 7",
                claim_folded="tang luong co so len 5 trieu dong tu thang 7",
                verdict="Sai sự thật", verdict_norm="false",
                summary="Chưa có quyết định nào như vậy.", url="https://baochinhphu.example.vn/luong",
                publisher="Báo Chính phủ"),
]


class FakeMatcher:
    """A matcher test double: ``match`` when every keyword of a fact-check is in the folded
    text, ``maybe`` when one is, ``none`` otherwise. Records what it was asked."""

    name = "fake.v1"

    def __init__(self, keywords: dict[str, list[str]] | None = None) -> None:
        self.keywords = keywords or {"fc-tien-dien": ["hoan tien", "dien"],
                                     "fc-luong": ["tang luong", "5 trieu"]}
        self.seen: list[str] = []

    def match(self, texts: Sequence[str], *, top_k: int = 5) -> list[MatchResult]:
        results = []
        for text in texts:
            self.seen.append(text)
            folded = fold([text])[0].lower()
            best: tuple[str, int, int] | None = None
            for fc_id, words in self.keywords.items():
                hits = sum(word in folded for word in words)
                if hits and (best is None or hits > best[1]):
                    best = (fc_id, hits, len(words))
            if best is None:
                results.append(MatchResult(decision="none", matches=[]))
                continue
            fc_id, hits, total = best
            score = 0.9 if hits == total else 0.5
            results.append(MatchResult(decision="match" if hits == total else "maybe",
                                       matches=[Match(id=fc_id, score=score)][:top_k]))
        return results


class FakeAnalyser:
    """Scam analyser double: flags money requests and OTP requests."""

    def predict(self, texts: Sequence[str]) -> list[Prediction]:
        out = []
        for text in texts:
            folded = fold([text])[0].lower()
            signals = []
            if "chuyen khoan" in folded or "chuyen tien" in folded:
                signals.append(Signal("money_request", "Yêu cầu chuyển tiền.", 0.6))
            if "otp" in folded:
                signals.append(Signal("otp_request", "Đòi mã OTP.", 0.7))
            out.append(Prediction(label="scam" if signals else "none",
                                  scores={"scam": 0.9 if signals else 0.1},
                                  signals=signals, model="fake-scam.v1"))
        return out


def add_library(store: Store) -> None:
    with store.session() as session:
        for fc in FACTCHECKS:
            session.merge(m.FactCheck(**{c.name: getattr(fc, c.name)
                                         for c in m.FactCheck.__table__.columns
                                         if getattr(fc, c.name) is not None}))


@dataclass
class Sent:
    platform: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: dict[str, Any]

    @property
    def text(self) -> str:
        if self.platform == "telegram":
            return str(self.body["text"])
        return str(self.body["message"]["text"])

    @property
    def recipient(self) -> str:
        if self.platform == "telegram":
            return str(self.body["chat_id"])
        if self.platform == "zalo":
            return str(self.body["recipient"]["user_id"])
        return str(self.body["recipient"]["id"])


@dataclass
class PlatformFake:
    """One loopback server answering like the Telegram Bot API, the Zalo OA API and the
    Messenger Send API (documented success and error payloads)."""

    server: ThreadingHTTPServer
    sent: list[Sent] = field(default_factory=list)
    fail: bool = False

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"

    def of(self, platform: str) -> list[Sent]:
        return [s for s in self.sent if s.platform == platform]


def _handler(fake: PlatformFake) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:  # keep test output clean
            pass

        def do_POST(self) -> None:
            parts = urlsplit(self.path)
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])) or b"{}")
            query = parse_qs(parts.query)
            headers = {k.lower(): v for k, v in self.headers.items()}
            status, payload = self._answer(parts.path, query, headers, body)
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _answer(self, path: str, query: dict[str, list[str]], headers: dict[str, str],
                    body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
            if path.startswith("/bot") and path.endswith("/sendMessage"):
                if path != f"/bot{BOT_TOKEN}/sendMessage" or fake.fail:
                    return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
                fake.sent.append(Sent("telegram", path, query, headers, body))
                return 200, {"ok": True, "result": {"message_id": len(fake.sent),
                                                    "chat": {"id": body["chat_id"]},
                                                    "text": body["text"]}}
            if path == "/v3.0/oa/message/cs":
                if headers.get("access_token") != ZALO_TOKEN or fake.fail:
                    return 200, {"error": -216, "message": "Access token is invalid"}
                fake.sent.append(Sent("zalo", path, query, headers, body))
                return 200, {"error": 0, "message": "Success",
                             "data": {"message_id": f"z{len(fake.sent)}",
                                      "user_id": body["recipient"]["user_id"]}}
            if path == "/v19.0/me/messages":
                if query.get("access_token") != [PAGE_TOKEN] or fake.fail:
                    return 400, {"error": {"message": "Invalid OAuth access token.",
                                           "type": "OAuthException", "code": 190}}
                fake.sent.append(Sent("messenger", path, query, headers, body))
                return 200, {"recipient_id": body["recipient"]["id"],
                             "message_id": f"m_{len(fake.sent)}"}
            return 404, {"error": "not found"}

    return Handler


def publish_verdict(store: Store, *, post_id: int, verdict: str = "false",
                    summary: str = "Đã kiểm chứng: sai.", factcheck_id: str | None = None,
                    story: bool = True) -> None:
    """Stand-in for the review workflow: a published verdict on the tip's item."""
    now = datetime.now(UTC)
    with store.session() as session:
        post = session.get(m.Post, post_id)
        assert post is not None
        item = session.query(m.ReviewItem).filter_by(post_id=post_id).one_or_none()
        if item is None:
            item = m.ReviewItem(post_id=post_id, story_id=post.story_id if story else None)
            session.add(item)
            session.flush()
        item.status = "published"
        session.add(m.VerdictRecord(item_id=item.id, verdict=verdict, summary=summary,
                                    status="published", published_at=now,
                                    factcheck_id=factcheck_id))
