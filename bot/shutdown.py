"""Stopping within a deadline, whatever is still running.

SIGTERM (or Ctrl-C) starts an orderly stop: polls are cancelled, the outbox
worker finishes the send in hand, connections close. Work that can't be
interrupted (a thread scoring a batch, a database call waiting on a lock, a
request to Reddit) could still hold the exit for minutes, so a watchdog ends
the process once the deadline passes. Nothing already stored is lost by
that: every write is a transaction, and one cut short is rolled back.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)

STOP_SECONDS = 10.0
"""Longest the process takes to exit after SIGTERM."""
_MARGIN = 1.0


class StopDeadline:
    """Once ``start`` is called, the process exits at most ``seconds`` later."""

    def __init__(
        self, seconds: float = STOP_SECONDS, *, exit: Callable[[int], object] = os._exit
    ) -> None:
        self.seconds = seconds
        self._exit = exit
        self._timer: threading.Timer | None = None

    @property
    def started(self) -> bool:
        return self._timer is not None

    def start(self) -> None:
        if self._timer is not None:
            return
        self._timer = threading.Timer(max(0.1, self.seconds - _MARGIN), self._expire)
        self._timer.daemon = True
        self._timer.name = "labelwatch-stop-deadline"
        self._timer.start()

    def cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()

    def _expire(self) -> None:
        log.warning("still busy %.0fs after the stop was asked for; exiting now (work not "
                    "yet committed is rolled back and redone after a restart)", self.seconds)
        for handler in logging.getLogger().handlers:
            handler.flush()
        self._exit(0)
