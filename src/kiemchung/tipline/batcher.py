"""Micro-batching: answer concurrent requests with one batch call.

The analysers and the matcher are batch-first: one call on 16 texts costs far less than 16
calls on one text (their fixed per-call work is paid once). A web server receives texts
one per request, on many threads; :class:`MicroBatcher` hands each text to one worker
thread, which takes *everything waiting at that moment* as one batch. It never waits for
a batch to fill: with one request in flight the batch is that request alone, and under
load the batches grow by themselves, exactly when the savings matter.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from typing import Generic, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")


class MicroBatcher(Generic[T, R]):
    """Runs ``fn(items) -> results`` (same length, same order) on batches of items that
    were submitted concurrently; :meth:`submit` blocks its caller until its result is ready.

    If a batch call raises, its items are retried one by one, so that one bad item fails
    only its own caller (with the error ``fn`` raised for it).
    """

    def __init__(self, fn: Callable[[Sequence[T]], Sequence[R]], *, max_batch: int = 32,
                 name: str = "kiemchung-batcher") -> None:
        if max_batch < 1:
            raise ValueError("max_batch must be at least 1")
        self.fn = fn
        self.max_batch = max_batch
        self.name = name
        self.batches = 0
        self.items = 0
        self._queue: queue.SimpleQueue[tuple[T, Future[R]]] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()

    def submit(self, item: T) -> R:
        """The result of ``fn`` for ``item`` (computed in a batch with concurrent items)."""
        return self.future(item).result()

    def future(self, item: T) -> Future[R]:
        """As :meth:`submit`, without waiting: the future of ``item``'s result (an asyncio
        caller awaits ``asyncio.wrap_future(batcher.future(item))`` and needs no thread)."""
        future: Future[R] = Future()
        self._ensure_thread()
        self._queue.put((item, future))
        return future

    def _ensure_thread(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        with self._start_lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name=self.name, daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            batch = [self._queue.get()]
            while len(batch) < self.max_batch:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            self.batches += 1
            self.items += len(batch)
            self._answer(batch)

    def _answer(self, batch: list[tuple[T, Future[R]]]) -> None:
        try:
            results = list(self.fn([item for item, _ in batch]))
            if len(results) != len(batch):
                raise RuntimeError(f"{self.name}: {len(results)} results for {len(batch)} items")
        except Exception as err:  # passed on to the callers, never swallowed
            if len(batch) == 1:
                batch[0][1].set_exception(err)
                return
            log.warning("%s: a batch of %d failed (%s); answering one by one", self.name,
                        len(batch), err)
            for item, future in batch:
                self._answer([(item, future)])
            return
        for (_, future), result in zip(batch, results, strict=True):
            future.set_result(result)
