"""Every setting declared once: name, type, default and help.

Resolution order: defaults → ``kiemchung.toml`` → ``KIEMCHUNG_*`` environment variables →
explicit overrides (CLI flags). Settings are resolved once by :func:`load_settings` and
passed explicitly; nothing reads the environment at import time.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from kiemchung.errors import ConfigError

ENV_PREFIX = "KIEMCHUNG_"
CONFIG_FILE = "kiemchung.toml"


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    """Resolved configuration of one kiemchung deployment."""

    db_url: str = _setting(
        "sqlite:///kiemchung.db",
        "Database URL: sqlite:///PATH (embedded default) or postgresql://USER@HOST:PORT/DB.",
    )
    author_hash_key: str = _setting(
        "",
        "Per-deployment secret used to hash author handles (HMAC-SHA256). Required to ingest "
        "posts with authors; never commit it. 'kiemchung demo' generates a random one.",
    )
    secret_key: str = _setting(
        "",
        "Secret for signing web sessions and CSRF tokens. Required by 'kiemchung serve'.",
    )
    language: str = _setting("vi", "Default interface language: 'vi' or 'en'.")
    host: str = _setting("127.0.0.1", "Address the web app listens on.")
    port: int = _setting(8000, "Port the web app listens on.")
    public_base_url: str = _setting(
        "http://127.0.0.1:8000", "Public base URL used in links, feeds and ClaimReview."
    )
    publisher_name: str = _setting(
        "kiemchung demo", "Name of the organisation that publishes the fact-checks."
    )
    models_dir: str = _setting(
        "", "Folder with trained models; empty means the models shipped with the package."
    )
    batch_size: int = _setting(
        1000, "Records per transaction in batch jobs; per insert and progress step in ingestion."
    )
    ingest_batch_size: int = _setting(
        50_000,
        "Records per ingestion transaction (prepared batch_size at a time): big transactions "
        "make bulk loads fast; a killed run redoes at most one.",
    )
    max_text_chars: int = _setting(20000, "Longest post text accepted; longer goes to quarantine.")
    max_record_bytes: int = _setting(
        1_048_576, "Longest raw record (line) read by ingestion; longer is quarantined, cut."
    )
    min_group_size: int = _setting(
        5, "Smallest group shown in aggregate trend reports (privacy threshold)."
    )
    match_threshold: float = _setting(
        0.0, "Override of the calibrated 'match' threshold (0 = use the calibrated value)."
    )
    maybe_threshold: float = _setting(
        0.0, "Override of the calibrated 'maybe' threshold (0 = use the calibrated value)."
    )
    triage_min_risk: float = _setting(
        0.5, "Posts with at least this risk (and no confident fact-check match) enter the queue."
    )
    tip_retention_days: int = _setting(
        90, "Days a tipster's contact is kept at most (deleted earlier once answered)."
    )
    rate_limit_per_minute: int = _setting(
        60, "Requests per minute allowed per client on the public checker and tipline."
    )
    tip_queue_max: int = _setting(
        10000, "Tips answered but not yet stored, per server process, at most: when the "
        "writer falls this far behind, answers wait for it (back-pressure) instead of "
        "queueing tips in memory without bound."
    )
    max_request_bytes: int = _setting(65536, "Largest request body accepted by public endpoints.")
    login_attempts_per_minute: int = _setting(5, "Failed logins allowed per client per minute.")
    telegram_api_base: str = _setting("https://api.telegram.org", "Telegram Bot API base URL.")
    telegram_bot_token: str = _setting("", "Telegram bot token (secret).")
    telegram_webhook_secret: str = _setting(
        "", "Secret Telegram sends in X-Telegram-Bot-Api-Secret-Token (secret)."
    )
    zalo_api_base: str = _setting("https://openapi.zalo.me", "Zalo Official Account API base URL.")
    zalo_app_secret: str = _setting("", "Zalo OA app secret used to verify webhooks (secret).")
    zalo_app_id: str = _setting("", "Zalo OA app id.")
    zalo_access_token: str = _setting("", "Zalo OA access token (secret).")
    zalo_followup_window_hours: int = _setting(
        48, "Hours after a user's last message in which the Zalo OA may still send a follow-up "
        "consultation message (Zalo allows free replies for 48 h; some OA packages allow 7 days)."
    )
    messenger_api_base: str = _setting(
        "https://graph.facebook.com/v19.0", "Facebook Messenger Graph API base URL."
    )
    messenger_app_secret: str = _setting(
        "", "Messenger app secret used to verify X-Hub-Signature-256 (secret)."
    )
    messenger_page_token: str = _setting("", "Messenger page access token (secret).")
    messenger_verify_token: str = _setting(
        "", "Token Messenger echoes when subscribing the webhook (secret)."
    )
    feed_min_interval_s: float = _setting(
        300.0, "Politeness: shortest time between two polls of the same feed."
    )
    http_timeout_s: float = _setting(10.0, "Timeout of outgoing HTTP requests.")

    def replace(self, **changes: Any) -> Settings:
        """A copy with some settings changed (validated like any other source)."""
        return _coerce_all({**dataclasses.asdict(self), **changes}, origin="override")


def describe() -> list[tuple[str, str, Any, str]]:
    """(name, type, default, help) of every setting, for docs and ``kiemchung config``."""
    return [
        (f.name, _type_name(f), f.default, str(f.metadata.get("help", ""))) for f in fields(Settings)
    ]


def _type_name(f: dataclasses.Field[Any]) -> str:
    return f.type if isinstance(f.type, str) else getattr(f.type, "__name__", str(f.type))


def load_settings(
    *,
    config_path: str | Path | None = None,
    env: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """Resolve settings: defaults → TOML file → environment → overrides (``None`` skipped)."""
    values: dict[str, Any] = {}
    path = Path(config_path) if config_path else Path(CONFIG_FILE)
    if config_path is not None and not path.exists():
        raise ConfigError("configuration file not found", source=str(path))
    if path.exists():
        values.update(_read_toml(path))
    environ = os.environ if env is None else env
    known = {f.name for f in fields(Settings)}
    for key, value in environ.items():
        if key.startswith(ENV_PREFIX):
            name = key[len(ENV_PREFIX) :].lower()
            if name in known:
                values[name] = value
    for key, value in (overrides or {}).items():
        if value is not None:
            values[key] = value
    return _coerce_all({**_defaults(), **values}, origin="settings")


def _defaults() -> dict[str, Any]:
    return {f.name: f.default for f in fields(Settings)}


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise ConfigError(f"cannot read configuration: {err}", source=str(path)) from err
    table = data.get("kiemchung", data)
    if not isinstance(table, dict):
        raise ConfigError("expected a [kiemchung] table", source=str(path))
    return dict(table)


def _coerce_all(values: Mapping[str, Any], *, origin: str) -> Settings:
    known = {f.name: f for f in fields(Settings)}
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise ConfigError(
            "unknown setting", field=unknown[0], expected="one of " + ", ".join(sorted(known))
        )
    coerced = {name: _coerce(name, _type_name(known[name]), value) for name, value in values.items()}
    settings = Settings(**coerced)
    if settings.language not in ("vi", "en"):
        raise ConfigError("unsupported language", field="language", expected="'vi' or 'en'",
                          received=settings.language)
    if settings.tip_queue_max < 1:
        raise ConfigError("the tip queue must hold at least one tip", field="tip_queue_max",
                          expected="an integer >= 1", received=settings.tip_queue_max)
    return settings


def _coerce(name: str, type_name: str, value: Any) -> Any:
    try:
        if type_name == "int":
            if isinstance(value, bool):
                raise ValueError
            return int(value)
        if type_name == "float":
            return float(value)
        if type_name == "bool":
            if isinstance(value, bool):
                return value
            lowered = str(value).strip().lower()
            if lowered in ("1", "true", "yes", "on"):
                return True
            if lowered in ("0", "false", "no", "off", ""):
                return False
            raise ValueError
        return str(value)
    except (TypeError, ValueError) as err:
        raise ConfigError("invalid value", field=name, expected=type_name, received=value) from err
