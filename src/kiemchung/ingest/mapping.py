"""Field mappings: which column or key of a source record fills which field of a post.

A :class:`FieldMapping` lists, for each canonical field, the column names to look for
(matched case-insensitively after trimming; the first present, non-empty one wins). The
presets below describe the column layouts of common social-media export tools; the
``generic`` mapping is used by plain JSONL and CSV files. See docs/ingest.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

CANONICAL_FIELDS: tuple[str, ...] = (
    "text", "id", "url", "platform", "created_at", "reactions", "shares", "comments",
    "views", "author",
)
"""The fields a source record can fill; everything else lands in ``Post.extra``."""

# Column names that may hold a person's or an account's name: never kept in ``extra``
# nor in a quarantined record's raw text (DESIGN.md: authors only as keyed hash).
_PERSONAL_KEY = re.compile(
    r"author|user|handle|account|page|group|channel|sender|from|name|profile|owner|phone"
    r"|e-?mail|nick|uid|uniqueid|admin|sponsor|tác giả|người|tên",
    re.IGNORECASE,
)


def is_personal_key(key: str) -> bool:
    """Whether a column name looks like it holds who posted (dropped from ``extra``)."""
    return bool(_PERSONAL_KEY.search(key))


@dataclass(frozen=True)
class FieldMapping:
    """Candidate column names for each canonical field of a post."""

    fields: Mapping[str, tuple[str, ...]]
    sums: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Counts computed as the sum of several columns when no direct column is present."""
    platform: str | None = None
    """Platform stored when the record does not name one."""
    dayfirst: bool = True
    """How to read ambiguous dates like 03/04/2024 (Vietnamese exports: day first)."""

    def resolve(self, keys: Iterable[str]) -> Resolved:
        """Which actual keys of a record (with these keys) fill which field."""
        actual: dict[str, str] = {}
        for key in keys:
            if isinstance(key, str):
                actual.setdefault(key.strip().casefold(), key)
        chosen: dict[str, tuple[str, ...]] = {}
        used: set[str] = set()
        for name in CANONICAL_FIELDS:
            found = tuple(actual[c.casefold()] for c in self.fields.get(name, ())
                          if c.casefold() in actual)
            if found:
                chosen[name] = found
                used.update(found)
        sums: dict[str, tuple[str, ...]] = {}
        for name, columns in self.sums.items():
            found = tuple(actual[c.casefold()] for c in columns if c.casefold() in actual)
            if found and name not in chosen:
                sums[name] = found
                used.update(found)
        authors = chosen.get("author", ())
        personal = tuple(k for k in actual.values() if k not in used and is_personal_key(k))
        extra = tuple(k for k in actual.values()
                      if k not in used and k not in personal and not k.startswith("_"))
        return Resolved(chosen, sums, authors + personal, extra)


@dataclass(frozen=True)
class Resolved:
    """A mapping applied to one set of keys: ready to read records with those keys."""

    fields: Mapping[str, tuple[str, ...]]
    sums: Mapping[str, tuple[str, ...]]
    personal: tuple[str, ...]
    """Keys dropped from ``extra`` and from quarantined raw text (author-like)."""
    extra: tuple[str, ...]


_GENERIC = FieldMapping(
    fields={
        "text": ("text", "message", "content", "body", "post_text", "caption", "description",
                 "noi_dung", "nội dung", "title"),
        "id": ("id", "post_id", "external_id", "message_id", "comment_id", "cid", "guid"),
        "url": ("url", "link", "permalink", "post_url", "href"),
        "platform": ("platform", "network", "nen_tang", "nền tảng"),
        "created_at": ("created_at", "created", "created_time", "date", "datetime", "time",
                       "timestamp", "published", "published_at", "posted_at", "ngay", "ngày"),
        "reactions": ("reactions", "reaction_count", "likes", "like_count", "like"),
        "shares": ("shares", "share_count", "reshares", "retweets", "forwards"),
        "comments": ("comments", "comment_count", "replies", "reply_count"),
        "views": ("views", "view_count", "plays", "play_count", "impressions"),
        "author": ("author", "author_name", "username", "user", "user_name", "handle",
                   "account", "page", "page_name", "group", "group_name", "channel"),
    },
)

_CROWDTANGLE = FieldMapping(
    fields={
        "text": ("Message", "Description", "Link Text", "Image Text"),
        "id": ("URL", "Facebook Id Post", "Post Id"),
        "url": ("URL", "Link"),
        "platform": ("Platform",),
        "created_at": ("Post Created",),
        "reactions": ("Total Reactions",),
        "shares": ("Shares",),
        "comments": ("Comments",),
        "views": ("Post Views", "Total Views"),
        "author": ("User Name", "Page Name", "Group Name", "Facebook Id"),
    },
    sums={"reactions": ("Likes", "Love", "Wow", "Haha", "Sad", "Angry", "Care")},
    platform="facebook",
    dayfirst=False,
)

_FACEBOOK_PAGE = FieldMapping(
    fields={
        "text": ("Description", "Message", "Title"),
        "id": ("Post ID",),
        "url": ("Permalink",),
        "created_at": ("Publish time", "Date"),
        "reactions": ("Reactions",),
        "shares": ("Shares",),
        "comments": ("Comments",),
        "views": ("Views", "Impressions", "Reach"),
        "author": ("Page name", "Page ID"),
    },
    platform="facebook",
    dayfirst=False,
)

_TIKTOK_COMMENTS = FieldMapping(
    fields={
        "text": ("text", "comment", "Comment Text", "Comment"),
        "id": ("cid", "Comment ID", "comment_id", "id"),
        "url": ("videoWebUrl", "Video URL", "video_url", "url"),
        "created_at": ("createTimeISO", "createTime", "Create Time", "create_time", "Date"),
        "reactions": ("diggCount", "digg_count", "Likes", "Like Count", "likes"),
        "comments": ("replyCommentTotal", "reply_comment_total", "Reply Count", "Replies"),
        "author": ("uniqueId", "unique_id", "uid", "User Name", "Username", "nickname",
                   "Nickname", "author"),
    },
    platform="tiktok",
)

_YOUTUBE_COMMENTS = FieldMapping(
    fields={
        "text": ("text", "textOriginal", "textDisplay", "Comment", "Comment Text"),
        "id": ("cid", "commentId", "comment_id", "Comment ID", "id"),
        "url": ("url", "videoUrl", "Video URL"),
        "created_at": ("time_parsed", "publishedAt", "published_at", "Published At", "Date"),
        "reactions": ("votes", "likeCount", "Likes", "like_count"),
        "comments": ("replies", "totalReplyCount", "Replies", "reply_count"),
        "author": ("author", "authorDisplayName", "channel", "authorChannelId", "Author",
                   "Author Channel"),
    },
    platform="youtube",
)

_TELEGRAM = FieldMapping(
    fields={
        "text": ("text",),
        "id": ("id",),
        "url": ("url",),
        "created_at": ("date",),
        "author": ("from_id", "from", "actor_id", "actor"),
    },
    platform="telegram",
)

_ZALO = FieldMapping(
    fields={
        "text": ("message", "content", "text", "Nội dung", "Tin nhắn"),
        "id": ("msg_id", "message_id", "id"),
        "created_at": ("timestamp", "time", "date", "Thời gian"),
        "author": ("from_id", "sender_id", "from", "sender", "Người gửi"),
    },
    platform="zalo",
)

PRESETS: dict[str, tuple[str, FieldMapping, str]] = {
    # name: (reader, mapping, description)
    "jsonl": ("jsonl", _GENERIC, "JSON Lines, one object per line (generic field names)."),
    "csv": ("csv", _GENERIC, "CSV/TSV with a header row (generic field names)."),
    "crowdtangle": ("csv", _CROWDTANGLE, "CrowdTangle historical-data CSV (Facebook/Instagram)."),
    "facebook-page": ("csv", _FACEBOOK_PAGE, "Meta Business Suite page-posts CSV export."),
    "tiktok-comments": ("auto", _TIKTOK_COMMENTS,
                        "TikTok comment exports (scraper JSONL or CSV)."),
    "youtube-comments": ("auto", _YOUTUBE_COMMENTS,
                         "YouTube comment exports (youtube-comment-downloader JSONL, CSV)."),
    "telegram": ("telegram", _TELEGRAM, "Telegram Desktop chat export (result.json)."),
    "zalo": ("auto", _ZALO, "Zalo chat/OA message logs as JSONL or CSV (documented columns)."),
}
"""Built-in connectors: reader kind, field mapping and a one-line description."""

# Header columns that identify an export layout when no --format is given.
SIGNATURES: tuple[tuple[str, frozenset[str]], ...] = (
    ("crowdtangle", frozenset({"post created", "message", "total interactions"})),
    ("facebook-page", frozenset({"post id", "publish time", "permalink"})),
    ("tiktok-comments", frozenset({"cid", "diggcount"})),
    ("youtube-comments", frozenset({"cid", "votes", "time_parsed"})),
)


def detect_preset(keys: Iterable[str]) -> str | None:
    """The preset whose signature columns all appear among ``keys``, if any."""
    folded = {k.strip().casefold() for k in keys if isinstance(k, str)}
    for name, signature in SIGNATURES:
        if signature <= folded:
            return name
    return None
