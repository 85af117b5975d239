"""Plain-text answers for chat platforms, and the chat-bot loop: tip in, answer out."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import httpx

from kiemchung.errors import DeliveryError, KiemchungError
from kiemchung.settings import Settings
from kiemchung.storage import Store
from kiemchung.tipline import _i18n
from kiemchung.tipline.answer import AnalyserLike, CheckAnswer, MatcherLike
from kiemchung.tipline.limits import RateLimiter
from kiemchung.tipline.platforms import IncomingMessage, Platform
from kiemchung.tipline.tips import submit_tip

log = logging.getLogger(__name__)

START_COMMANDS = ("/start", "/help")


def format_reply(answer: CheckAnswer, lang: str = "vi") -> str:
    """The instant answer as a short chat message (no markup; every platform shows it)."""
    lines = [_i18n.t(f"decision_{answer.decision}", lang)]
    if answer.decision != "none" and answer.matches:
        top = answer.matches[0]
        lines.append(f"{_i18n.t('verdict', lang)}: "
                     f"{_i18n.verdict_label(top.verdict_norm, top.verdict, lang)}")
        if top.summary:
            lines.append(top.summary)
        if top.url:
            lines.append(top.url)
    if answer.decision == "none":
        lines.append(_i18n.t("none_honest", lang))
    elif answer.decision == "maybe":
        lines.append(_i18n.t("maybe_honest", lang))
    if answer.risk != "low":
        lines.append("⚠️ " + _i18n.t(f"risk_{answer.risk}", lang))
        lines.extend(f"- {s.message}" for s in answer.signals[:3])
    lines.append(_i18n.t("advice", lang) + ":")
    lines.extend(f"- {msg}" for msg in answer.advice_messages(lang))
    return "\n".join(lines)


@dataclass(slots=True)
class ChatOutcome:
    """What happened to one incoming chat message."""

    message: IncomingMessage
    tip_id: int | None
    replied: bool
    error: str | None = None


def answer_messages(
    store: Store,
    platform: Platform,
    messages: Sequence[IncomingMessage],
    *,
    settings: Settings,
    client: httpx.Client,
    limiter: RateLimiter | None = None,
    matcher: MatcherLike | None = None,
    analyser: AnalyserLike | None = None,
) -> list[ChatOutcome]:
    """Store each message as a tip, answer it through the platform's send API.

    Users over the rate limit get no answer (their messages are dropped, not stored).
    """
    outcomes = []
    for message in messages:
        if limiter is not None and not limiter.hit(message.contact):
            log.info("%s user over the rate limit; message dropped", platform.name)
            outcomes.append(ChatOutcome(message, None, False, "rate_limited"))
            continue
        outcomes.append(_answer_one(store, platform, message, settings=settings, client=client,
                                    matcher=matcher, analyser=analyser))
    return outcomes


def _answer_one(store: Store, platform: Platform, message: IncomingMessage, *,
                settings: Settings, client: httpx.Client, matcher: MatcherLike | None,
                analyser: AnalyserLike | None) -> ChatOutcome:
    tip_id = None
    try:
        if message.text.strip().split(" ")[0] in START_COMMANDS:
            reply = _i18n.t("chat_welcome", message.lang)
        else:
            receipt = submit_tip(store, message.text, channel=platform.name,
                                 contact=message.contact, settings=settings, matcher=matcher,
                                 analyser=analyser, lang=message.lang)
            tip_id = receipt.tip_id
            reply = format_reply(receipt.answer, message.lang)
        platform.send(client, message.user_id, reply, settings=settings)
    except DeliveryError as err:
        log.warning("%s reply not delivered: %s", platform.name, err)
        return ChatOutcome(message, tip_id, False, err.code)
    except KiemchungError as err:
        log.warning("%s message not answered: %s", platform.name, err)
        return ChatOutcome(message, tip_id, False, err.code)
    return ChatOutcome(message, tip_id, True)
