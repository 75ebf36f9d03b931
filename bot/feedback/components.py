"""The feedback buttons as Discord's component JSON, sent with every alert message.

The channel sink posts through discord.py's HTTP layer with a raw payload, so
the buttons are JSON here; the handlers that answer them (``cogs/feedback.py``)
match the same custom ids (``bot.feedback.ids``).
"""

from __future__ import annotations

from typing import Any

from bot.feedback.ids import DETAILS, NOT_SIGNAL, Target, button_id

ACTION_ROW, BUTTON = 1, 2
SECONDARY, DANGER = 2, 4
NOT_SIGNAL_LABEL = "Not a signal"
DETAILS_LABEL = "Wrong details"


def alert_components(of: Target) -> list[dict[str, Any]]:
    """One row: "Not a signal" and "Wrong details", naming the event or post of the alert."""
    return [{"type": ACTION_ROW, "components": [
        {"type": BUTTON, "style": DANGER, "label": NOT_SIGNAL_LABEL, "emoji": {"name": "🚫"},
         "custom_id": button_id(NOT_SIGNAL, of)},
        {"type": BUTTON, "style": SECONDARY, "label": DETAILS_LABEL, "emoji": {"name": "✏️"},
         "custom_id": button_id(DETAILS, of)},
    ]}]
