"""Which embed an outbox item shows, for every sink that posts embeds.

A crossing, an event and a single post each have their own formatter; the
channel and webhook sinks must agree on which applies, so the choice is made
once here.
"""

from __future__ import annotations

from typing import Any

from bot.delivery.event_format import event_embed
from bot.delivery.format import alert_embed
from bot.index.alerts import crossing_embed
from bot.platforms import PlatformRegistry
from storage.queries.outbox import OutboxView


def outbox_embed(item: OutboxView, registry: PlatformRegistry) -> dict[str, Any]:
    """The embed of a convergence crossing, an event, or (older rows) one post."""
    if item.crossing is not None:
        return crossing_embed(item.crossing.crossing, item.crossing.events, registry)
    if item.event is not None:
        return event_embed(item.event, registry)
    return alert_embed(item, registry)
