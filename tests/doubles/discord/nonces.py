"""Discord's memory of enforced message nonces.

A create-message with ``nonce`` and ``enforce_nonce: true`` that repeats a
nonce the same author used in the same channel within the last few minutes
returns the message created then instead of creating another.
"""

from __future__ import annotations

import time
from typing import Any

NONCE_SECONDS = 180.0
"""How long an enforced nonce is remembered; Discord says "the past few minutes"."""


class NonceMemory:
    def __init__(self, seconds: float = NONCE_SECONDS) -> None:
        self.seconds = seconds
        self._seen: dict[tuple[int, int, str], tuple[int, float]] = {}

    def remember(self, channel_id: int, author_id: int, payload: dict[str, Any],
                 message_id: int) -> None:
        if payload.get("enforce_nonce") and payload.get("nonce") is not None:
            key = (channel_id, author_id, str(payload["nonce"]))
            self._seen[key] = (message_id, time.monotonic())

    def earlier(self, channel_id: int, author_id: int, payload: dict[str, Any]) -> int | None:
        """The id of the message this payload's enforced nonce already created, if any."""
        if not payload.get("enforce_nonce") or payload.get("nonce") is None:
            return None
        seen = self._seen.get((channel_id, author_id, str(payload["nonce"])))
        if seen is None or time.monotonic() - seen[1] > self.seconds:
            return None
        return seen[0]
