"""Write-behind storage of tips for the web app: answers go out at once, tips are stored
by one background thread per process, in batches (one transaction per batch).

Why: SQLite has one writer at a time and its busy handler sleeps; when every request
thread of several server processes writes its own tip, writers queue behind each other
and answers wait seconds. Batching keeps the answer path free of database writes. A tip
waits about ``max_delay_s`` (50 ms by default) before its batch is written, and a batch
holds at most ``max_batch`` tips (16), so that a transaction holds SQLite's write lock for
a few milliseconds only and the writer never holds the interpreter for long (larger
batches, 64 tips every 200 ms, stalled answers of the same process by ~50 ms); the queue is
flushed when the process exits normally.

The queue is bounded (``settings.tip_queue_max``): under a flood faster than the database
can take, :meth:`TipWriter.put` waits for room (back-pressure slows the answers down to
what can be stored) rather than letting unwritten tips pile up in memory, where a killed
process would lose them all.
"""

from __future__ import annotations

import atexit
import logging
import queue
import threading
import time
import weakref

from sqlalchemy.exc import OperationalError, SQLAlchemyError

from kiemchung.errors import KiemchungError
from kiemchung.settings import Settings
from kiemchung.storage import Store
from kiemchung.tipline.tips import NewTip, submit_tips, validate_tip

_LOCK_RETRIES = 6

log = logging.getLogger(__name__)


class TipWriter:
    """Stores :class:`NewTip` items in the background, ``max_batch`` per transaction."""

    def __init__(self, store: Store, *, settings: Settings, max_batch: int = 16,
                 max_delay_s: float = 0.05, max_queued: int | None = None) -> None:
        self.store = store
        self.settings = settings
        self.max_batch = max_batch
        self.max_delay_s = max_delay_s
        self.max_queued = settings.tip_queue_max if max_queued is None else max_queued
        if self.max_queued < 1:
            raise ValueError("max_queued must be at least 1")
        self.written = 0
        self.failed = 0
        self.waited = 0  # puts that found the queue full and waited for room
        self._queue: queue.Queue[NewTip] = queue.Queue(maxsize=self.max_queued)
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()
        atexit.register(_flush_at_exit, weakref.ref(self))

    def put(self, tip: NewTip) -> None:
        """Validate ``tip`` now (errors go to the caller) and store it soon; waits while
        ``max_queued`` tips are already waiting (back-pressure)."""
        if not self.try_put(tip):
            self.waited += 1
            self._queue.put(tip)

    def try_put(self, tip: NewTip) -> bool:
        """As :meth:`put` without waiting: False (tip not taken) when the queue is full.
        For an event loop, which must not block: it then calls :meth:`put` on a thread."""
        validate_tip(tip.text, channel=tip.channel, settings=self.settings)
        self._ensure_thread()
        try:
            self._queue.put_nowait(tip)
        except queue.Full:
            return False
        return True

    @property
    def queued(self) -> int:
        """Tips waiting to be written (approximate, as ``Queue.qsize``)."""
        return self._queue.qsize()

    def flush(self) -> None:
        """Wait until every tip put so far is written (or has failed)."""
        self._queue.join()

    def _ensure_thread(self) -> None:
        with self._start_lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="kiemchung-tip-writer",
                                                daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            batch = [self._queue.get()]
            # Sleep, then take what came meanwhile: one wake-up per batch, not one per tip
            # (waking the writer for every tip costs the answering threads the GIL), and
            # the first tip waits at most max_delay_s even under steady traffic.
            if self._queue.qsize() < self.max_batch - 1:
                time.sleep(self.max_delay_s)
            # Catching up (queue over half full, answers about to wait): 4x larger batches,
            # whose fixed cost per transaction is paid once for more tips.
            size = self.max_batch * (4 if self._queue.qsize() > self.max_queued // 2 else 1)
            while len(batch) < size:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            self._write(batch)
            for _ in batch:
                self._queue.task_done()

    def _write(self, batch: list[NewTip]) -> None:
        try:
            self._submit(batch)
            self.written += len(batch)
            return
        except (KiemchungError, SQLAlchemyError) as err:
            log.warning("a batch of %d tips failed (%s); retrying one by one", len(batch), err)
        for tip in batch:  # one bad tip must not lose the others
            try:
                self._submit([tip])
                self.written += 1
            except (KiemchungError, SQLAlchemyError) as err:
                self.failed += 1
                log.error("a tip could not be stored: %s", err)

    def _submit(self, batch: list[NewTip]) -> None:
        """Store a batch, retrying the whole transaction while another process holds the lock.

        SQLite refuses at once (no busy wait) to upgrade a read transaction whose snapshot is
        stale to a write one; the remedy is to run the transaction again.
        """
        for attempt in range(_LOCK_RETRIES):
            try:
                submit_tips(self.store, batch, settings=self.settings)
                return
            except OperationalError as err:
                if "locked" not in str(err.orig) or attempt == _LOCK_RETRIES - 1:
                    raise
                time.sleep(0.02 * 2**attempt)


def _flush_at_exit(ref: weakref.ReferenceType[TipWriter]) -> None:
    writer = ref()
    if writer is not None and writer._thread is not None and writer._thread.is_alive():
        writer.flush()
