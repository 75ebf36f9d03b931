"""The console sink: one line per alert, for running without Discord."""

from __future__ import annotations

import sys
from typing import TextIO

from bot.delivery.format import console_line
from bot.platforms import PlatformRegistry
from storage.queries.outbox import OutboxView


class ConsoleSink:
    """Writes alerts to a text stream (standard output unless given another)."""

    def __init__(self, stream: TextIO | None = None,
                 registry: PlatformRegistry | None = None) -> None:
        self._stream = stream
        self._registry = registry

    async def send(self, item: OutboxView) -> str | None:
        stream = self._stream if self._stream is not None else sys.stdout
        stream.write(console_line(item, self._registry) + "\n")
        stream.flush()
        return None
