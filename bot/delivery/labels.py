"""Names for sinks and labels for the scorer's vocabulary, safe to log and show.

A webhook URL carries its token, which is as good as a password for the
channel; it is only ever shown as ``webhook 1234…``.
"""

from __future__ import annotations

import re

from bot.platforms import OTHER, PlatformRegistry

_WEBHOOK_PATH = re.compile(r"/webhooks/(\d+)/([^/?#]+)")

EVENT_LABELS = {
    "layoff": "Layoff",
    "pay_cut": "Pay cut",
    "tier_shift": "Tier shift",
    "project_pause": "Projects paused",
    "hiring_freeze": "Hiring freeze",
    "client_loss": "Client loss",
    "shutdown": "Shutdown",
    "restructuring": "Restructuring",
    "pay_raise": "Pay raise",
    "hiring_expansion": "Hiring drive",
    "none": "Not a signal",
}
TIER_LABELS = {
    "generalist": "Generalists",
    "expert": "Experts",
    "all": "Everyone",
    "unknown": "Not stated",
}
STATUS_LABELS = {
    "reported": "🟡 Reported",
    "corroborated": "🟠 Corroborated",
    "confirmed": "✅ Confirmed",
    "disputed": "⚠️ Disputed",
    "closed": "⏹️ Closed",
}
DIRECTION_ARROWS = {"contraction": "▼", "expansion": "▲"}
DIRECTION_COLORS = {"contraction": 0xD64545, "expansion": 0x2E9E5B, "neutral": 0x8A8F98}


def webhook_parts(url: str) -> tuple[str, str] | None:
    """``(id, token)`` of a Discord webhook URL, or None if it is not one."""
    m = _WEBHOOK_PATH.search(url)
    return (m.group(1), m.group(2)) if m else None


def redact_webhook(url: str) -> str:
    parts = webhook_parts(url)
    return f"webhook {parts[0][:4]}…" if parts else "webhook (unrecognised URL)"


def route_label(kind: str, sink_id: str, guild_id: int | None) -> str:
    """How logs and the operator name a route, never showing a secret."""
    if kind == "channel":
        return f"guild {guild_id} channel {sink_id}"
    if kind == "webhook":
        return redact_webhook(sink_id)
    return kind


def event_label(event_type: str | None) -> str:
    if not event_type:
        return "Unknown event"
    return EVENT_LABELS.get(event_type, event_type.replace("_", " ").capitalize())


def status_label(status: str | None) -> str:
    return STATUS_LABELS.get(status or "", (status or "unknown").capitalize())


def tier_label(tier: str | None) -> str:
    return TIER_LABELS.get(tier or "unknown", (tier or "unknown").capitalize())


def direction_arrow(direction: str | None) -> str:
    return DIRECTION_ARROWS.get(direction or "", "•")


def platform_name(registry: PlatformRegistry, platform_id: str) -> str:
    """Display name of a platform id; ``other`` and unknown ids read sensibly."""
    platform = registry.get(platform_id)
    if platform is not None:
        return platform.name
    return "Other platform" if platform_id == OTHER else platform_id


def platform_names(registry: PlatformRegistry, ids: tuple[str, ...] | list[str]) -> str:
    return ", ".join(platform_name(registry, p) for p in ids) or "No platform named"
