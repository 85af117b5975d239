"""MicroBatcher: concurrent submissions are answered together, in order, errors isolated."""

from __future__ import annotations

import threading
from collections.abc import Sequence

import pytest

from kiemchung.tipline.batcher import MicroBatcher


def test_single_submit_returns_its_result() -> None:
    batcher: MicroBatcher[int, int] = MicroBatcher(lambda xs: [x * 2 for x in xs])
    assert batcher.submit(21) == 42
    assert batcher.batches == 1 and batcher.items == 1


def test_concurrent_submits_share_batches_and_get_their_own_results() -> None:
    gate = threading.Event()
    sizes: list[int] = []

    def slow_square(xs: Sequence[int]) -> list[int]:
        sizes.append(len(xs))
        gate.wait(5)  # hold the first batch so that the others queue up behind it
        return [x * x for x in xs]

    batcher: MicroBatcher[int, int] = MicroBatcher(slow_square, max_batch=8)
    results: dict[int, int] = {}

    def call(x: int) -> None:
        results[x] = batcher.submit(x)

    threads = [threading.Thread(target=call, args=(x,)) for x in range(20)]
    for t in threads:
        t.start()
    while batcher._queue.qsize() < 19 and any(t.is_alive() for t in threads):
        threading.Event().wait(0.01)
    gate.set()
    for t in threads:
        t.join(10)
    assert results == {x: x * x for x in range(20)}
    assert sum(sizes) == 20 and max(sizes) == 8  # later batches took what was waiting
    assert batcher.batches == len(sizes) < 20


def test_a_failing_item_fails_only_its_caller() -> None:
    def fn(xs: Sequence[int]) -> list[int]:
        if 13 in xs:
            raise ValueError("unlucky")
        return [x + 1 for x in xs]

    batcher: MicroBatcher[int, int] = MicroBatcher(fn)
    gate = threading.Barrier(3)
    outcome: dict[int, object] = {}

    def call(x: int) -> None:
        gate.wait()
        try:
            outcome[x] = batcher.submit(x)
        except ValueError as err:
            outcome[x] = err

    threads = [threading.Thread(target=call, args=(x,)) for x in (1, 13, 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert outcome[1] == 2 and outcome[2] == 3
    assert isinstance(outcome[13], ValueError)


def test_wrong_result_count_is_an_error_not_a_mixup() -> None:
    batcher: MicroBatcher[int, int] = MicroBatcher(lambda xs: [])
    with pytest.raises(RuntimeError, match="0 results for 1 items"):
        batcher.submit(1)


def test_max_batch_must_be_positive() -> None:
    with pytest.raises(ValueError):
        MicroBatcher(lambda xs: xs, max_batch=0)
