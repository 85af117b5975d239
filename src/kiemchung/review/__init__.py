"""Review desk: triage queue, verdict workflow (states and allowed transitions), audit."""

from kiemchung.review.audit import history, record_event
from kiemchung.review.item import ItemView, load_item
from kiemchung.review.queue import (
    QueueFilter,
    QueuePage,
    enqueue_posts,
    list_queue,
    refresh_items,
)
from kiemchung.review.stats import DeskStats, desk_stats
from kiemchung.review.workflow import (
    STATES,
    TRANSITIONS,
    EvidenceInput,
    allowed_actions,
    approve,
    claim_item,
    close,
    current_verdict,
    publish,
    save_draft,
    send_back,
    submit,
)

__all__ = [
    "STATES",
    "TRANSITIONS",
    "DeskStats",
    "EvidenceInput",
    "ItemView",
    "QueueFilter",
    "QueuePage",
    "allowed_actions",
    "approve",
    "claim_item",
    "close",
    "current_verdict",
    "desk_stats",
    "enqueue_posts",
    "history",
    "list_queue",
    "load_item",
    "publish",
    "record_event",
    "refresh_items",
    "save_draft",
    "send_back",
    "submit",
]
