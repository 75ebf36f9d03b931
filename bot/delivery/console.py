"""The console sink: one line per new event and one per change, for running without Discord."""

from __future__ import annotations

import sys
from typing import TextIO

from bot.delivery.event_format import event_console_line
from bot.delivery.format import console_line
from bot.index.alerts import crossing_line
from bot.platforms import PlatformRegistry
from storage.queries.outbox import OutboxView


class ConsoleSink:
    """Writes alerts to a text stream (standard output unless given another)."""

    def __init__(self, stream: TextIO | None = None,
                 registry: PlatformRegistry | None = None) -> None:
        self._stream = stream
        self._registry = registry

    def _write(self, line: str) -> None:
        stream = self._stream if self._stream is not None else sys.stdout
        stream.write(line + "\n")
        stream.flush()

    async def send(self, item: OutboxView) -> str | None:
        if item.crossing is not None:
            self._write(crossing_line(item.crossing.crossing,
                                      self._registry or PlatformRegistry()))
        elif item.event is not None:
            self._write(event_console_line(item.event, self._registry, change=False))
        else:
            self._write(console_line(item, self._registry))
        return None

    async def edit(self, item: OutboxView) -> None:
        if item.event is not None:
            self._write(event_console_line(item.event, self._registry, change=True))

    async def reply(self, item: OutboxView) -> str | None:
        # The change's own line already says the new status; nothing queues these.
        return None
