"""``kiemchung tips`` commands and the per-client rate limiter."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from click.testing import CliRunner
from tipline_fakes import FakeMatcher

from kiemchung.cli.main import build_cli
from kiemchung.settings import Settings
from kiemchung.storage import Store
from kiemchung.storage import models as m
from kiemchung.tipline import RateLimiter, submit_tip


def test_rate_limiter_windows() -> None:
    now = [0.0]
    limiter = RateLimiter(2, clock=lambda: now[0])
    assert [limiter.hit("a"), limiter.hit("a"), limiter.hit("a"), limiter.hit("b")] == [
        True, True, False, True]
    now[0] = 61.0
    assert limiter.hit("a")
    assert all(RateLimiter(0).hit("x") for _ in range(100))  # 0 disables the limit


def test_tips_purge_command(sqlite_store: Store, settings: Settings) -> None:
    old = datetime.now(UTC) - timedelta(days=settings.tip_retention_days + 5)
    submit_tip(sqlite_store, "Tin cũ", channel="telegram", contact="telegram:1",
               settings=settings, matcher=FakeMatcher(), now=old)
    result = CliRunner().invoke(build_cli(), ["--db", settings.db_url, "tips", "purge"])
    assert result.exit_code == 0, result.output
    assert "contacts forgotten: 1" in result.output
    with sqlite_store.session() as session:
        assert session.query(m.Tip).one().contact is None


def test_tips_followups_command_without_pending(sqlite_store: Store, settings: Settings) -> None:
    result = CliRunner().invoke(build_cli(), ["--db", settings.db_url, "tips", "followups"])
    assert result.exit_code == 0, result.output
    assert "sent 0" in result.output


def test_tips_check_command(sqlite_store: Store, settings: Settings, monkeypatch) -> None:
    from kiemchung.tipline import answer

    monkeypatch.setattr(answer, "default_matcher", lambda store: FakeMatcher())
    result = CliRunner().invoke(build_cli(), ["--db", settings.db_url, "tips", "check",
                                              "--json", "Có tin tăng lương cơ sở lên 5 triệu"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output.strip().splitlines()[0])
    assert payload["decision"] == "match" and payload["matches"][0]["id"] == "fc-luong"
    with sqlite_store.session() as session:
        assert session.query(m.Tip).count() == 0  # checking from the CLI stores nothing
