"""Chat platforms: verify webhooks, read incoming messages, send through each send API.

Messaging rules implemented (see docs/tipline.md):

- **Telegram** Bot API: a bot may message a user who has started a chat with it at any
  time, so follow-ups are always sent.
- **Facebook Messenger**: the 24-hour standard messaging window. The instant answer is
  sent as ``messaging_type=RESPONSE``; a follow-up within 24 h of the user's last message
  as ``UPDATE``. After 24 h nothing is sent: none of the allowed message tags
  (CONFIRMED_EVENT_UPDATE, POST_PURCHASE_UPDATE, ACCOUNT_UPDATE, HUMAN_AGENT) legitimately
  applies to an automated fact-check follow-up, so no tag is used.
- **Zalo Official Account**: consultation messages (``/v3.0/oa/message/cs``) only within
  ``settings.zalo_followup_window_hours`` of the user's last message (default 48 h, the free
  reply window; some OA packages allow up to 7 days).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, ClassVar

import httpx

from kiemchung.errors import AuthenticationError, DeliveryError, ValidationError
from kiemchung.settings import Settings


@dataclass(slots=True)
class IncomingMessage:
    """A text a user sent to one of our chat accounts."""

    platform: str
    user_id: str
    text: str
    lang: str = "vi"
    message_id: str | None = None

    @property
    def contact(self) -> str:
        """How the tip stores the way back to this user: ``"<platform>:<user id>"``."""
        return f"{self.platform}:{self.user_id}"


def split_contact(contact: str) -> tuple[str, str]:
    """``"telegram:123"`` → ``("telegram", "123")``."""
    platform, sep, user_id = contact.partition(":")
    if not sep or platform not in PLATFORMS or not user_id:
        raise ValidationError("not a tipline contact", field="contact",
                              expected="'<platform>:<user id>'", received=contact)
    return platform, user_id


def _json(body: bytes) -> Any:
    try:
        return json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ValidationError("the webhook body is not JSON", field="body",
                              expected="a JSON object", received=body[:60]) from err


def _header(headers: Mapping[str, str], name: str) -> str:
    value = headers.get(name) or headers.get(name.lower())
    if not value:
        raise AuthenticationError("missing webhook signature", field=name)
    return value


def _require(secret: str, name: str) -> str:
    if not secret:
        raise AuthenticationError(f"the {name} setting is not configured; webhook refused",
                                  field=name)
    return secret


class Platform:
    """Base class of a chat platform adapter."""

    name: ClassVar[str] = ""
    max_chars: ClassVar[int] = 2000

    def verify(self, headers: Mapping[str, str], body: bytes, *, settings: Settings) -> None:
        """Raise :class:`AuthenticationError` unless the request comes from the platform."""
        raise NotImplementedError

    def parse(self, body: bytes) -> list[IncomingMessage]:
        """The text messages in one webhook delivery (other events are ignored)."""
        raise NotImplementedError

    def send(self, client: httpx.Client, user_id: str, text: str, *, settings: Settings,
             followup: bool = False) -> None:
        """Send ``text`` to ``user_id`` through the platform's send API."""
        raise NotImplementedError

    def may_follow_up(self, last_message_at: datetime, now: datetime, *,
                      settings: Settings) -> bool:
        """Whether the platform's rules allow a follow-up now."""
        raise NotImplementedError

    def _clip(self, text: str) -> str:
        return text if len(text) <= self.max_chars else text[: self.max_chars - 1] + "…"


def _checked(response: httpx.Response, platform: str) -> Any:
    try:
        payload = response.json()
    except (ValueError, UnicodeDecodeError):
        payload = None
    if response.status_code >= 400 or payload is None:
        raise DeliveryError(f"{platform} send API answered HTTP {response.status_code}",
                            received=response.text[:200])
    return payload


class Telegram(Platform):
    """Telegram Bot API: secret-token header, ``Update`` payloads, ``sendMessage``."""

    name = "telegram"
    max_chars = 4096

    def verify(self, headers: Mapping[str, str], body: bytes, *, settings: Settings) -> None:
        secret = _require(settings.telegram_webhook_secret, "telegram_webhook_secret")
        given = _header(headers, "X-Telegram-Bot-Api-Secret-Token")
        if not hmac.compare_digest(given.encode(), secret.encode()):
            raise AuthenticationError("wrong Telegram secret token",
                                      field="X-Telegram-Bot-Api-Secret-Token")

    def parse(self, body: bytes) -> list[IncomingMessage]:
        update = _json(body)
        message = (update.get("message") or update.get("edited_message")
                   if isinstance(update, dict) else None)
        if not isinstance(message, dict):
            return []
        text = message.get("text") or message.get("caption")
        chat = message.get("chat") or {}
        if not isinstance(text, str) or "id" not in chat:
            return []
        sender = message.get("from") or {}
        lang = "en" if str(sender.get("language_code", "")).startswith("en") else "vi"
        return [IncomingMessage(self.name, str(chat["id"]), text, lang,
                                str(message.get("message_id", "")) or None)]

    def send(self, client: httpx.Client, user_id: str, text: str, *, settings: Settings,
             followup: bool = False) -> None:
        token = _require(settings.telegram_bot_token, "telegram_bot_token")
        url = f"{settings.telegram_api_base.rstrip('/')}/bot{token}/sendMessage"
        payload = {"chat_id": user_id, "text": self._clip(text),
                   "link_preview_options": {"is_disabled": True}}
        result = _checked(client.post(url, json=payload), self.name)
        if not (isinstance(result, dict) and result.get("ok")):
            raise DeliveryError("Telegram refused the message", received=str(result)[:200])

    def may_follow_up(self, last_message_at: datetime, now: datetime, *,
                      settings: Settings) -> bool:
        return True


class Zalo(Platform):
    """Zalo Official Account: ``X-ZEvent-Signature`` mac, ``user_send_text``, ``message/cs``."""

    name = "zalo"

    def verify(self, headers: Mapping[str, str], body: bytes, *, settings: Settings) -> None:
        secret = _require(settings.zalo_app_secret, "zalo_app_secret")
        app_id = _require(settings.zalo_app_id, "zalo_app_id")
        given = _header(headers, "X-ZEvent-Signature")
        payload = _json(body)
        timestamp = str(payload.get("timestamp", "")) if isinstance(payload, dict) else ""
        expected = "mac=" + zalo_mac(app_id, body, timestamp, secret)
        if not hmac.compare_digest(given.strip().encode(), expected.encode()):
            raise AuthenticationError("wrong Zalo event signature", field="X-ZEvent-Signature")

    def parse(self, body: bytes) -> list[IncomingMessage]:
        event = _json(body)
        if not isinstance(event, dict) or event.get("event_name") != "user_send_text":
            return []
        message = event.get("message") or {}
        sender = event.get("sender") or {}
        text = message.get("text")
        if not isinstance(text, str) or not sender.get("id"):
            return []
        return [IncomingMessage(self.name, str(sender["id"]), text, "vi",
                                message.get("msg_id"))]

    def send(self, client: httpx.Client, user_id: str, text: str, *, settings: Settings,
             followup: bool = False) -> None:
        token = _require(settings.zalo_access_token, "zalo_access_token")
        url = f"{settings.zalo_api_base.rstrip('/')}/v3.0/oa/message/cs"
        payload = {"recipient": {"user_id": user_id}, "message": {"text": self._clip(text)}}
        result = _checked(client.post(url, json=payload, headers={"access_token": token}),
                          self.name)
        if not (isinstance(result, dict) and result.get("error") == 0):
            raise DeliveryError("Zalo refused the message", received=str(result)[:200])

    def may_follow_up(self, last_message_at: datetime, now: datetime, *,
                      settings: Settings) -> bool:
        return now - last_message_at <= timedelta(hours=settings.zalo_followup_window_hours)


def zalo_mac(app_id: str, body: bytes, timestamp: str, secret: str) -> str:
    """Zalo's event signature: ``sha256(appId + body + timestamp + OA secret key)`` in hex."""
    data = app_id.encode() + body + timestamp.encode() + secret.encode()
    return hashlib.sha256(data).hexdigest()


class Messenger(Platform):
    """Facebook Messenger: ``X-Hub-Signature-256``, page ``messaging`` events, Send API."""

    name = "messenger"
    window = timedelta(hours=24)

    def verify(self, headers: Mapping[str, str], body: bytes, *, settings: Settings) -> None:
        secret = _require(settings.messenger_app_secret, "messenger_app_secret")
        given = _header(headers, "X-Hub-Signature-256")
        expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(given.strip().encode(), expected.encode()):
            raise AuthenticationError("wrong Messenger signature", field="X-Hub-Signature-256")

    def verify_subscription(self, params: Mapping[str, str], *, settings: Settings) -> str:
        """The GET handshake: echo ``hub.challenge`` when ``hub.verify_token`` is ours."""
        token = _require(settings.messenger_verify_token, "messenger_verify_token")
        if params.get("hub.mode") != "subscribe" or not hmac.compare_digest(
            str(params.get("hub.verify_token", "")).encode(), token.encode()
        ):
            raise AuthenticationError("wrong Messenger verify token", field="hub.verify_token")
        return str(params.get("hub.challenge", ""))

    def parse(self, body: bytes) -> list[IncomingMessage]:
        payload = _json(body)
        if not isinstance(payload, dict) or payload.get("object") != "page":
            return []
        found = []
        for entry in payload.get("entry") or []:
            for event in entry.get("messaging") or []:
                message = event.get("message") or {}
                text = message.get("text")
                sender = (event.get("sender") or {}).get("id")
                if isinstance(text, str) and sender and not message.get("is_echo"):
                    found.append(IncomingMessage(self.name, str(sender), text, "vi",
                                                 message.get("mid")))
        return found

    def send(self, client: httpx.Client, user_id: str, text: str, *, settings: Settings,
             followup: bool = False) -> None:
        token = _require(settings.messenger_page_token, "messenger_page_token")
        url = f"{settings.messenger_api_base.rstrip('/')}/me/messages"
        payload = {"recipient": {"id": user_id},
                   "messaging_type": "UPDATE" if followup else "RESPONSE",
                   "message": {"text": self._clip(text)}}
        result = _checked(client.post(url, params={"access_token": token}, json=payload),
                          self.name)
        if not (isinstance(result, dict) and result.get("message_id")):
            raise DeliveryError("Messenger refused the message", received=str(result)[:200])

    def may_follow_up(self, last_message_at: datetime, now: datetime, *,
                      settings: Settings) -> bool:
        return now - last_message_at <= self.window


PLATFORMS: dict[str, Platform] = {p.name: p for p in (Telegram(), Zalo(), Messenger())}
"""The chat platforms the tipline speaks, by name."""


def get_platform(name: str) -> Platform:
    """The adapter for ``name`` (``telegram``, ``zalo``, ``messenger``)."""
    try:
        return PLATFORMS[name]
    except KeyError as err:
        raise ValidationError("unknown chat platform", field="platform",
                              expected=" or ".join(PLATFORMS), received=name) from err


def make_client(settings: Settings, *, transport: httpx.BaseTransport | None = None
                ) -> httpx.Client:
    """The HTTP client for the send APIs; pass ``transport`` to swap the network in tests."""
    return httpx.Client(timeout=settings.http_timeout_s, transport=transport,
                        headers={"User-Agent": "kiemchung-tipline"})
