"""Public checker and tipline: instant answers, tips, chat bots, follow-ups, retention.

Library first: the ``/kiem-tra`` page, ``POST /api/v1/check``, the chat-bot webhooks and
``kiemchung tips …`` are thin layers over these functions.
"""

from kiemchung.tipline.answer import (
    CHECKER_NAME,
    AnswerMatch,
    CheckAnswer,
    check_texts,
    choose_advice,
    scam_signals,
)
from kiemchung.tipline.followups import FollowupReport, send_followups
from kiemchung.tipline.limits import RateLimiter
from kiemchung.tipline.platforms import (
    PLATFORMS,
    IncomingMessage,
    Platform,
    get_platform,
    make_client,
    zalo_mac,
)
from kiemchung.tipline.replies import answer_messages, format_reply
from kiemchung.tipline.tips import CHANNELS, TipReceipt, purge_tips, redact_tip, submit_tip

__all__ = [
    "CHANNELS",
    "CHECKER_NAME",
    "PLATFORMS",
    "AnswerMatch",
    "CheckAnswer",
    "FollowupReport",
    "IncomingMessage",
    "Platform",
    "RateLimiter",
    "TipReceipt",
    "answer_messages",
    "check_texts",
    "choose_advice",
    "format_reply",
    "get_platform",
    "make_client",
    "purge_tips",
    "redact_tip",
    "scam_signals",
    "send_followups",
    "submit_tip",
    "zalo_mac",
]
