"""The background tip writer loses no tip when another process holds SQLite's write lock."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

import kiemchung.tipline.writer as writer_module
from kiemchung.settings import Settings
from kiemchung.storage import Store, open_store
from kiemchung.storage import models as m
from kiemchung.tipline.answer import CheckAnswer
from kiemchung.tipline.tips import NewTip
from kiemchung.tipline.writer import TipWriter


def _tip(i: int) -> NewTip:
    answer = CheckAnswer(decision="none", signals=[], advice=[], risk="low")  # type: ignore[arg-type]
    return NewTip(text=f"Tin nhắn số {i}: trúng thưởng xe SH, nộp phí tại trung-thuong{i}.xyz",
                  channel="api", answer=answer)


def test_retries_while_the_database_is_locked(sqlite_store: Store, settings: Settings,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    real = writer_module.submit_tips
    failures = {"left": 2}

    def flaky(store: Store, tips: Sequence[NewTip], *, settings: Settings) -> Any:
        if failures["left"]:
            failures["left"] -= 1
            raise OperationalError("INSERT …", {}, Exception("database is locked"))
        return real(store, tips, settings=settings)

    monkeypatch.setattr(writer_module, "submit_tips", flaky)
    writer = TipWriter(sqlite_store, settings=settings)
    for i in range(5):
        writer.put(_tip(i))
    writer.flush()
    assert (writer.written, writer.failed) == (5, 0)
    with sqlite_store.session() as session:
        assert session.scalar(select(func.count()).select_from(m.Tip)) == 5


def test_two_writers_on_one_sqlite_file_lose_nothing(sqlite_url: str, settings: Settings) -> None:
    stores = [open_store(sqlite_url), open_store(sqlite_url)]  # two engines, like two workers
    writers = [TipWriter(store, settings=settings, max_batch=20, max_delay_s=0.001)
               for store in stores]

    def feed(writer: TipWriter, offset: int) -> None:
        for i in range(150):
            writer.put(_tip(offset + i))
        writer.flush()

    threads = [threading.Thread(target=feed, args=(w, 1000 * n)) for n, w in enumerate(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert sum(w.written for w in writers) == 300
        assert sum(w.failed for w in writers) == 0
        with stores[0].session() as session:
            assert session.scalar(select(func.count()).select_from(m.Tip)) == 300
    finally:
        for store in stores:
            store.close()


def test_a_full_queue_makes_callers_wait_and_loses_nothing(
        sqlite_store: Store, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    # A writer slower than the callers: with room for 3 tips, try_put refuses a 4th at once
    # and put waits for room (back-pressure) instead of growing the queue.
    real = writer_module.submit_tips
    gate = threading.Event()

    def slow(store: Store, tips: Sequence[NewTip], *, settings: Settings) -> Any:
        gate.wait(10)
        return real(store, tips, settings=settings)

    monkeypatch.setattr(writer_module, "submit_tips", slow)
    writer = TipWriter(sqlite_store, settings=settings, max_batch=1, max_delay_s=0.0,
                       max_queued=3)
    assert writer.try_put(_tip(0))  # taken by the writer thread, which waits at the gate
    deadline = time.monotonic() + 10
    while writer.queued and time.monotonic() < deadline:  # until the thread holds tip 0
        time.sleep(0.01)
    assert all(writer.try_put(_tip(i)) for i in (1, 2, 3))
    assert writer.queued == 3 and not writer.try_put(_tip(4))
    waiter = threading.Thread(target=writer.put, args=(_tip(5),))
    waiter.start()
    waiter.join(0.2)
    assert waiter.is_alive() and writer.waited == 1  # blocked: the queue is full
    gate.set()
    waiter.join(10)
    writer.flush()
    assert (writer.written, writer.failed, writer.queued) == (5, 0, 0)
    with sqlite_store.session() as session:
        assert session.scalar(select(func.count()).select_from(m.Tip)) == 5


def test_queue_bound_comes_from_settings(sqlite_store: Store, settings: Settings) -> None:
    assert TipWriter(sqlite_store, settings=settings).max_queued == settings.tip_queue_max
    small = settings.replace(tip_queue_max=7)
    assert TipWriter(sqlite_store, settings=small).max_queued == 7


def test_a_queue_bound_below_one_is_refused(sqlite_store: Store, settings: Settings) -> None:
    from kiemchung.errors import ConfigError

    with pytest.raises(ConfigError) as info:
        settings.replace(tip_queue_max=0)
    assert info.value.field == "tip_queue_max" and info.value.received == 0
    with pytest.raises(ValueError, match="max_queued"):
        TipWriter(sqlite_store, settings=settings, max_queued=0)
