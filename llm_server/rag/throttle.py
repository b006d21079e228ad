"""The refresh throttle the in-memory mirrors share (BM25, dense copy, FAQ questions).

A query-path check for writes by another process runs at most every `interval_s` seconds;
a check already running in another thread is not waited for (the caller serves from what
it has), unless `force` (an admin edit the next turn must see) waits for it and runs now.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager


class RefreshThrottle:
    def __init__(
        self,
        interval_s: float,
        clock: Callable[[], float] = time.monotonic,
        lock: threading.Lock | None = None,
    ):
        """`lock`: the owner's lock, so a check never overlaps the owner's own sync."""
        self.interval_s = interval_s
        self._clock = clock
        self._lock = lock or threading.Lock()
        self._checked_at = float("-inf")

    @contextmanager
    def due(self, force: bool = False) -> Iterator[bool]:
        """Yields True (holding the lock) when a check should run now, else False."""
        now = self._clock()
        if not force and now - self._checked_at < self.interval_s:
            yield False
            return
        if not self._lock.acquire(blocking=force):
            yield False
            return
        try:
            self._checked_at = now
            yield True
        finally:
            self._lock.release()
