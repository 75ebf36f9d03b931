"""Logging set-up, with secrets masked wherever they might leak into a message."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable

from bot.config import Secret


class RedactSecrets(logging.Filter):
    """Replaces any configured secret value in a record's final message."""

    def __init__(self, secrets: Iterable[Secret | None]) -> None:
        super().__init__()
        self.values = sorted({s.value for s in secrets if s and len(s.value) >= 4},
                             key=len, reverse=True)

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.values:
            return True
        message = record.getMessage()
        if any(v in message for v in self.values):
            for v in self.values:
                message = message.replace(v, "***")
            record.msg, record.args = message, None
        return True


def setup_logging(level: str, secrets: Iterable[Secret | None] = ()) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)-7s %(name)s: %(message)s"))
    handler.addFilter(RedactSecrets(secrets))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    # Library chatter at INFO drowns out what labelwatch itself reports.
    for noisy in ("discord", "apscheduler", "prawcore", "aiosqlite", "asyncio", "alembic"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.getLevelName(level)))
