"""Checking the options of /events: an event reference and a status.

Like ``bot.commands.options``: each function returns the canonical value or
raises ``BadArgument`` with a message for the person who typed it.
"""

from __future__ import annotations

import re

from bot.commands.options import BadArgument, fold, shown
from bot.delivery.labels import status_label
from storage.queries.event_views import STATUSES

_EVENT_REF = re.compile(r"#?\s*e?\s*(\d{1,18})", re.IGNORECASE)
MAX_EVENT_ID = 2**63 - 1


def event_ref_option(text: str) -> int:
    """An event id from ``e17``, ``E17``, ``#17`` or ``17``."""
    match = _EVENT_REF.fullmatch(text.strip())
    value = int(match.group(1)) if match else 0
    if not 0 < value <= MAX_EVENT_ID:
        raise BadArgument(f"{shown(text)} is not an event. Give an event id as alerts and "
                          "/events recent show it, like `e17` (or just `17`).")
    return value


def status_option(text: str | None) -> str | None:
    """One event status (``/events recent status``), or None for all."""
    if text is None or not text.strip():
        return None
    typed = fold(text)
    for status in STATUSES:
        if typed in (status, fold(status_label(status))):
            return status
    raise BadArgument(f"Unknown status {shown(text)}. Accepted: {', '.join(STATUSES)}.")

