"""A convergence alert: the embed and the console line for one recorded crossing.

Pure functions over the crossing and its events (``crossing_events``), so
the sinks that deliver per-event alerts can deliver these the same way. The
alert names the parent companies and links every event that made breadth
reach the level. Event titles come from posts and are escaped; nothing in
the alert can ping.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.delivery.labels import event_label, platform_name, platform_names
from bot.delivery.text import escape_inline, field, fit_embed, masked_link, plain
from bot.index.breadth import WINDOW_DAYS, day_of
from bot.platforms import PlatformRegistry
from storage.queries.index import CrossingEvent, CrossingRecord

CONVERGENCE_COLOR = 0xD55E00
EVENTS_SHOWN = 10
WHY = {
    "expert": ("Cuts of expert work at several unaffiliated companies at once would suggest "
               "that labs can train and grade their models with fewer specialists."),
    "generalist": ("Cuts of generalist work at several companies at once suggest that "
                   "synthetic data is replacing people across the industry."),
}


def _names(registry: PlatformRegistry, parents: Sequence[str]) -> list[str]:
    return [platform_name(registry, p) for p in parents]


def _joined(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def crossing_embed(
    crossing: CrossingRecord, events: Sequence[CrossingEvent], registry: PlatformRegistry,
) -> dict[str, Any]:
    """The Discord embed (API JSON) announcing a crossing."""
    day = day_of(crossing.at)
    names = _names(registry, crossing.parents)
    fields = []
    for event in events[:EVENTS_SHOWN]:
        where = escape_inline(platform_names(registry, list(event.platforms)))
        first = int(event.first_seen.timestamp())
        fields.append(field(
            f"{event_label(event.event_type)} · {where} ({event.status})",
            f"{masked_link(event.title or event_label(event.event_type), event.link)}\n"
            f"e{event.id}, first seen <t:{first}:D>"))
    if len(events) > EVENTS_SHOWN:
        fields.append(field("More", f"and {len(events) - EVENTS_SHOWN} more events"))
    return fit_embed({
        "title": f"Convergence: {crossing.tier} cuts at {len(names)} companies in "
                 f"{WINDOW_DAYS} days",
        "description": (
            f"{escape_inline(_joined(names))} each had {_article(crossing.tier)} "
            f"{crossing.tier}-tier contraction "
            f"event first seen in the {WINDOW_DAYS} days to {day.isoformat()}, reaching the "
            f"convergence level ({crossing.level}). {WHY.get(crossing.tier, '')}").strip(),
        "color": CONVERGENCE_COLOR,
        "fields": fields,
        "footer": {"text": "labelwatch cross-platform index · brands count under their "
                           "parent company"},
    })


def crossing_line(crossing: CrossingRecord, registry: PlatformRegistry) -> str:
    """One console line for a crossing."""
    names = ", ".join(_names(registry, crossing.parents))
    events = ", ".join(f"e{i}" for i in crossing.events)
    return plain(f"CONVERGENCE {day_of(crossing.at).isoformat()} {crossing.tier} breadth "
                 f"{len(crossing.parents)} >= {crossing.level}: {names} ({events})")
