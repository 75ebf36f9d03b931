"""Events for a terminal: ``labelwatch events list`` lines and JSON, ``events show`` text.

Pure functions; every text that came from a post goes through ``plain`` so a
title cannot move the cursor, colour the terminal or break a line.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.delivery.event_format import source_links
from bot.delivery.format import magnitude_text, post_link
from bot.delivery.labels import direction_arrow, event_label, platform_names
from bot.delivery.text import plain
from bot.platforms import PlatformRegistry
from storage.queries.event_views import EventView, ReportView

TITLE = 100


def _when(value: datetime | None) -> str | None:
    return None if value is None else value.strftime("%Y-%m-%d %H:%MZ")


def _short(text: str, limit: int = TITLE) -> str:
    text = plain(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def list_line(event: EventView) -> str:
    """``e17  2026-05-04 12:30Z  confirmed     84  pay_cut  outlier  7 posts, 5 sources  Title``"""
    platforms = ",".join(event.platforms) or "-"
    return (f"{event.ref:<7} {_when(event.last_seen)}  {event.status:<12} {event.score:>3.0f}  "
            f"{event.event_type:<16} {platforms:<16} {event.post_count:>4} posts, "
            f"{event.source_count:>3} sources  {_short(event.title)}")


LIST_HEADER = (f"{'event':<7} {'latest report':<17}  {'status':<12} {'scr':>3}  "
               f"{'type':<16} {'platforms':<16} {'reports':>22}  title")


def _report_json(report: ReportView) -> dict[str, Any]:
    post = report.post
    return {"post": post.external_id, "source": post.source_label,
            "created_utc": post.created_utc.isoformat(), "title": post.title,
            "url": post_link(post), "role": report.role, "reason": report.reason,
            "independent": report.independent,
            "syndicated_of": report.syndicated_of, "similarity": report.similarity}


def event_json(event: EventView, reports: list[ReportView] | None = None) -> dict[str, Any]:
    """The event record as events.md names its fields; with ``reports``, its timeline too."""
    data: dict[str, Any] = {
        "id": event.ref, "guild_id": event.guild_id, "origin": event.origin,
        "title": event.title, "platforms": list(event.platforms),
        "parents": list(event.parents), "event_type": event.event_type,
        "direction": event.direction, "tier": event.tier, "magnitude": event.magnitude,
        "first_seen": event.first_seen.isoformat(), "last_seen": event.last_seen.isoformat(),
        "status": event.status, "confirmed_at": (event.confirmed_at.isoformat()
                                                 if event.confirmed_at else None),
        "score": round(event.score, 1), "posts": event.post_count,
        "sources": event.source_count, "authors": event.author_count,
        "links": [url for r in source_links(event) if (url := post_link(r.post))],
    }
    if reports is not None:
        data["reports"] = [_report_json(r) for r in reports]
    return data


def show_text(event: EventView, reports: list[ReportView], registry: PlatformRegistry) -> str:
    """An event and every report of it, oldest first, each with its link and why it joined."""
    names = plain(platform_names(registry, list(event.platforms)))
    lines = [
        f"{event.ref}  {direction_arrow(event.direction)} {event_label(event.event_type)}: "
        f"{names}  ({event.status}, score {event.score:.0f}, tier {event.tier})",
        _short(event.title, 300),
        f"{event.post_count} posts, {event.source_count} sources, {event.author_count} "
        f"authors; first seen {_when(event.first_seen)}, latest {_when(event.last_seen)}",
    ]
    if event.confirmed_at is not None:
        lines.append(f"confirmed {_when(event.confirmed_at)}")
    if (figures := magnitude_text(event.magnitude, markdown=False)) is not None:
        lines.append(f"figures: {figures}")
    if event.guild_id is not None:
        lines.append(f"private to guild {event.guild_id} (built from its own sources)")
    lines.append("")
    for n, report in enumerate(reports, 1):
        post = report.post
        notes = []
        if report.syndicated_of is not None:
            notes.append("copy of an earlier report")
        elif not report.independent:
            notes.append("not independent")
        if report.similarity is not None:
            notes.append(f"similarity {report.similarity:.2f}")
        score = f"score {post.score:.0f}" if post.score is not None else "not scored"
        lines.append(f"{n:>4}. {_when(post.created_utc)}  {report.role:<7} "
                     f"{plain(post.source_label)[:60]}  {score}  {_short(post.title)}")
        if (link := post_link(post)) is not None:
            lines.append(f"      {link}")
        why = _short(report.reason, 400) if report.reason.strip() else "no reason stored"
        lines.append(f"      why: {why}" + (f" ({'; '.join(notes)})" if notes else ""))
    return "\n".join(lines)
