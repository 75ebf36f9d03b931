"""How far a long command has got: a bar on a terminal, a log line every few seconds otherwise.

``backfill``, ``rescore`` and other commands that walk many sources or
posts would otherwise be silent until they end. On a terminal a tqdm bar
shows the count, rate and time left; anywhere else (a container's log, a
cron mail, a pipe) a bar would be a mess of carriage returns, so an INFO
log line says the same every few seconds, and a last line says how it
ended.

Use::

    from bot.progress import progress

    with progress("rescore", total=count, unit="posts") as bar:
        for batch in batches:
            ...
            bar.advance(len(batch), note=f"{signals} signals")

``total`` may be None when the amount is unknown (no percentage or time
left then). ``advance`` and ``note`` are cheap, call them as often as work
lands; they are meant for one task on the event loop (or one thread).
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from types import TracebackType
from typing import Any, Protocol, Self, TextIO

log = logging.getLogger("labelwatch.progress")

LOG_EVERY_SECONDS = 5.0


class Progress(Protocol):
    """What a long command reports to; see the module docstring."""

    def advance(self, n: int = 1, *, note: str | None = None) -> None:
        """``n`` more units are done; ``note`` replaces the trailing remark."""

    def note(self, text: str) -> None:
        """Replace the trailing remark (what is being worked on, running totals)."""

    def close(self) -> None:
        """End the report; a last line says how far it got, how fast."""

    def __enter__(self) -> Self: ...

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...


def progress(
    label: str,
    total: int | None = None,
    *,
    unit: str = "items",
    stream: TextIO | None = None,
    tty: bool | None = None,
    every: float = LOG_EVERY_SECONDS,
) -> Progress:
    """A reporter for ``label``: a bar when ``stream`` (stderr) is a terminal, else log lines.

    ``tty`` forces one or the other (tests, ``--no-progress`` style flags).
    """
    stream = stream if stream is not None else sys.stderr
    if tty is None:
        isatty = getattr(stream, "isatty", None)
        tty = bool(isatty and isatty())
    if tty:
        return BarProgress(label, total, unit=unit, stream=stream)
    return LogProgress(label, total, unit=unit, every=every)


def _duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    minutes, secs = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m{secs:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m"


class _Base:
    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        raise NotImplementedError


class LogProgress(_Base):
    """Log lines with count, percentage, rate and time left, at most one per ``every`` seconds."""

    def __init__(
        self, label: str, total: int | None, *, unit: str = "items",
        every: float = LOG_EVERY_SECONDS, clock: Callable[[], float] = time.monotonic,
        logger: logging.Logger = log,
    ) -> None:
        self.label = label
        self.total = total
        self.unit = unit
        self.every = every
        self.done = 0
        self.remark = ""
        self._clock = clock
        self._log = logger
        self._started = clock()
        self._last_line = self._started
        self._closed = False
        self._log.info("%s", self.line())

    def advance(self, n: int = 1, *, note: str | None = None) -> None:
        self.done += n
        if note is not None:
            self.remark = note
        now = self._clock()
        if now - self._last_line >= self.every:
            self._last_line = now
            self._log.info("%s", self.line(now))

    def note(self, text: str) -> None:
        self.remark = text

    def rate(self, now: float | None = None) -> float | None:
        elapsed = (now if now is not None else self._clock()) - self._started
        return self.done / elapsed if elapsed > 0 and self.done else None

    def line(self, now: float | None = None) -> str:
        """``rescore: 1200/5000 posts (24%), 310 posts/s, about 12s left; 40 signals``."""
        now = now if now is not None else self._clock()
        count = f"{self.done}/{self.total}" if self.total is not None else str(self.done)
        parts = [f"{self.label}: {count} {self.unit}"]
        if self.total:
            parts[0] += f" ({100 * self.done // self.total}%)"
        rate = self.rate(now)
        if rate is not None:
            parts.append(f"{rate:.1f} {self.unit}/s")
            if self.total is not None and self.done < self.total:
                parts.append(f"about {_duration((self.total - self.done) / rate)} left")
        text = ", ".join(parts)
        return f"{text}; {self.remark}" if self.remark else text

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        now = self._clock()
        rate = self.rate(now)
        speed = f" ({rate:.1f} {self.unit}/s)" if rate is not None else ""
        remark = f"; {self.remark}" if self.remark else ""
        count = f"{self.done}/{self.total}" if self.total is not None else str(self.done)
        self._log.info("%s: %s %s in %s%s%s", self.label, count, self.unit,
                       _duration(now - self._started), speed, remark)


class BarProgress(_Base):
    """A tqdm bar on the terminal: count, percentage, rate and time left, redrawn in place."""

    def __init__(self, label: str, total: int | None, *, unit: str = "items",
                 stream: TextIO) -> None:
        from tqdm import tqdm

        self._bar: Any = tqdm(total=total, desc=label, unit=f" {unit}", file=stream,
                              dynamic_ncols=True, mininterval=0.2, leave=True)

    def advance(self, n: int = 1, *, note: str | None = None) -> None:
        if note is not None:
            self._bar.set_postfix_str(note, refresh=False)
        self._bar.update(n)

    def note(self, text: str) -> None:
        self._bar.set_postfix_str(text)

    def close(self) -> None:
        self._bar.close()
