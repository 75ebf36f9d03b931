"""An event's alert: the embed a route's message shows and is edited to, the short
reply when its status becomes confirmed or disputed, and the console's lines.

Pure functions over an ``EventView``: no I/O, no clock. The embed has the
same size whatever the event's size, since it shows counts and at most five
links, and every part is cut to Discord's limits before ``fit_embed`` checks
the whole.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bot.delivery.format import magnitude_text, post_link
from bot.delivery.labels import (
    DIRECTION_COLORS,
    direction_arrow,
    event_label,
    platform_names,
    status_label,
    tier_label,
)
from bot.delivery.text import (
    FIELD_VALUE,
    cut,
    escape_inline,
    field,
    fit_embed,
    masked_link,
    plain,
    units,
)
from bot.platforms import PlatformRegistry
from storage.queries.event_views import EventView, ReportView

SOURCE_LINKS = 5
HEADLINE = 300
LINK_TEXT = 120


def ts(when: Any, style: str = "R") -> str:
    """Discord's timestamp markup: every reader sees it in their own time zone."""
    return f"<t:{int(when.timestamp())}:{style}>"


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def counts_text(event: EventView) -> str:
    """``12 posts · 7 sources · 9 authors`` (feed items often name no author: then none)."""
    text = f"{plural(event.post_count, 'post')} · {plural(event.source_count, 'source')}"
    if event.author_count:
        text += f" · {plural(event.author_count, 'author')}"
    return text


def source_links(event: EventView, limit: int = SOURCE_LINKS) -> list[ReportView]:
    """The first report, then the newest from sources not listed yet: at most ``limit``."""
    chosen: list[ReportView] = []
    seen: set[str] = set()
    candidates = [*([event.first] if event.first else []), *event.latest]
    for report in candidates:
        key = report.source_key or report.post.source_label
        if key in seen or any(r.post.id == report.post.id for r in chosen):
            continue
        seen.add(key)
        chosen.append(report)
        if len(chosen) == limit:
            break
    return chosen


def report_line(report: ReportView, *, when: bool = True) -> str:
    """``[headline](link) · source · <t:…:R>``, all of it made safe."""
    text = masked_link(report.post.title or "(untitled)", post_link(report.post), LINK_TEXT)
    line = f"{text} · {escape_inline(report.post.source_label)}"
    return f"{line} · {ts(report.post.created_utc)}" if when else line


def lines_within(lines: Iterable[str], limit: int = FIELD_VALUE) -> str:
    """Whole lines only, as many as fit: a link is never cut in half."""
    out: list[str] = []
    used = 0
    for line in lines:
        line = cut(line, limit)
        size = units(line) + (1 if out else 0)
        if used + size > limit:
            break
        out.append(line)
        used += size
    return "\n".join(out)


def event_title(event: EventView, registry: PlatformRegistry) -> str:
    names = escape_inline(platform_names(registry, list(event.platforms)))
    return f"{direction_arrow(event.direction)} {event_label(event.event_type)}: {names}"


def event_embed(event: EventView, registry: PlatformRegistry) -> dict[str, Any]:
    """The route's message for an event, as Discord's embed JSON, within every limit."""
    names = escape_inline(platform_names(registry, list(event.platforms)))
    headline = cut(escape_inline(event.title) or "(untitled)", HEADLINE)
    latest = event.latest[0] if event.latest else event.first
    description = f"**{headline}**"
    if latest is not None and event.post_count > 1:
        description += f"\nLatest: {report_line(latest)}"
    fields = [
        field("Status", status_label(event.status), inline=True),
        field("Score", f"{event.score:.0f}/100", inline=True),
        field("Event", event_label(event.event_type), inline=True),
        field("Platforms", names, inline=True),
        field("Tier", tier_label(event.tier), inline=True),
        field("Direction", f"{direction_arrow(event.direction)} "
                           f"{(event.direction or 'neutral').capitalize()}", inline=True),
        field("Reports", counts_text(event), inline=True),
        field("Seen", f"first {ts(event.first_seen, 'f')}\nlatest {ts(event.last_seen)}",
              inline=True),
    ]
    if (figures := magnitude_text(event.magnitude)) is not None:
        fields.append(field("Figures", figures, inline=True))
    links = source_links(event)
    if links:
        fields.append(field("Sources", lines_within(report_line(r, when=False) for r in links)))
    embed: dict[str, Any] = {
        "type": "rich",
        "title": event_title(event, registry),
        "description": description,
        "color": DIRECTION_COLORS.get(event.direction or "neutral", DIRECTION_COLORS["neutral"]),
        "fields": fields,
        "footer": {"text": f"labelwatch · event {event.ref} · updated as reports arrive"},
        "timestamp": event.last_seen.isoformat(),
    }
    first_link = post_link(event.first.post) if event.first else None
    if first_link:
        embed["url"] = first_link
    return fit_embed(embed)


def reply_text(event: EventView, status: str, registry: PlatformRegistry) -> str:
    """The short reply that makes a channel notice a status change (under 2000 characters)."""
    headline = cut(escape_inline(event.title) or "(untitled)", 200)
    names = escape_inline(platform_names(registry, list(event.platforms)))
    if status == "confirmed":
        why = (f"{plural(event.source_count, 'independent source')}, "
               f"{plural(event.post_count, 'post')}")
        return f"✅ **Confirmed** · {event.ref} · {names}: {headline} ({why})"
    if status == "disputed":
        denial = next((r for r in event.latest if r.role == "denial"), None)
        where = f" ({escape_inline(denial.post.source_label)})" if denial else ""
        return f"⚠️ **Disputed** · {event.ref} · {names}: a credible denial arrived{where}. " \
               f"{headline}"
    return f"{status_label(status)} · {event.ref} · {names}: {headline}"


def event_console_line(event: EventView, registry: PlatformRegistry | None, *,
                       change: bool) -> str:
    """One line per new event (``NEW``) and one per change (``UPDATE``); terminal-safe."""
    platforms = ", ".join(event.platforms) or "-"
    if registry is not None:
        platforms = platform_names(registry, list(event.platforms))
    title = plain(event.title)
    if len(title) > 140:
        title = title[:139] + "…"
    parts = [
        f"{event.last_seen:%Y-%m-%d %H:%MZ} {'UPDATE' if change else 'NEW'} {event.ref}",
        f"{direction_arrow(event.direction)} {event_label(event.event_type)}",
        f"[{plain(platforms)}] {event.status} score {event.score:.0f} tier {event.tier}",
        f"({plural(event.post_count, 'post')}, {plural(event.source_count, 'source')}) "
        f"— {title}",
    ]
    if (figures := magnitude_text(event.magnitude, markdown=False)) is not None:
        parts.append(f"[{figures}]")
    latest = event.latest[0] if event.latest else event.first
    if latest is not None:
        if change:
            parts.append(f"latest: {plain(latest.post.title)[:100]} "
                         f"({plain(latest.post.source_label)})")
        if (link := post_link(latest.post)) is not None:
            parts.append(link)
    return " ".join(parts)
