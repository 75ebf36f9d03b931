"""Embeds that read events back: /events recent and show, /signals summary, the digests.

Pure functions over plain records, like ``bot.delivery.pages``. Every page
keeps to Discord's limits by construction: a field's link is dropped rather
than cut when a hostile URL would not fit, so paging never loses a report.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.delivery.event_format import counts_text, plural, ts
from bot.delivery.format import magnitude_text, post_link
from bot.delivery.labels import (
    DIRECTION_COLORS,
    direction_arrow,
    event_label,
    platform_name,
    platform_names,
    status_label,
    tier_label,
)
from bot.delivery.text import (
    TOTAL,
    cut,
    embed_size,
    escape_block,
    escape_inline,
    field,
    fit_embed,
    masked_link,
    units,
)
from bot.platforms import PlatformRegistry
from storage.queries.event_summary import EventCounts, EventSummary
from storage.queries.event_views import EventView, ReportView

INFO_COLOR = 0x5865F2
LINKED_VALUE = 300
"""Longest a link may be in a listing: five fields of them fit an embed with room to spare."""
REASON = 250
NAME = 100
DIGEST_EVENTS = 15


def bounded_link(text: str, url: str | None, budget: int = LINKED_VALUE) -> str:
    """A masked link, or its text alone when the URL would make it longer than ``budget``."""
    linked = masked_link(text, url, limit=100)
    return linked if len(linked) <= budget else masked_link(text, None, limit=100)


def _names(registry: PlatformRegistry, ids: Sequence[str]) -> str:
    return escape_inline(platform_names(registry, list(ids)))


def _color(direction: str | None) -> int:
    return DIRECTION_COLORS.get(direction or "neutral", DIRECTION_COLORS["neutral"])


def event_line(event: EventView, registry: PlatformRegistry) -> tuple[str, str]:
    """A field (name, value) that lists one event on a page or in a digest."""
    name = cut(f"{direction_arrow(event.direction)} {event_label(event.event_type)} · "
               f"{_names(registry, event.platforms)} · {status_label(event.status)} · "
               f"{event.score:.0f}", 2 * NAME)
    link = post_link(event.first.post) if event.first else None
    value = (f"**{event.ref}** {bounded_link(event.title or '(untitled)', link)}\n"
             f"{counts_text(event)} · latest {ts(event.last_seen)}")
    if (figures := magnitude_text(event.magnitude)) is not None:
        value += f" · {figures}"
    return name, value


def events_page_embed(
    events: Sequence[EventView], registry: PlatformRegistry, *, page: int = 1,
    pages: int | None = None, title: str = "Recent events", note: str | None = None,
) -> dict[str, Any]:
    """One page of events, one field each, the most recently active first."""
    fields = [field(*event_line(e, registry)) for e in events[:10]]
    embed: dict[str, Any] = {"type": "rich", "title": escape_inline(title),
                             "color": INFO_COLOR, "fields": fields}
    if not events:
        embed["description"] = "No events match in this period."
    elif note:
        embed["description"] = escape_inline(note)
    if pages is not None:
        embed["footer"] = {"text": f"Page {page} of {max(pages, 1)} · /events show ID for "
                                   "the reports"}
    return fit_embed(embed)


def _report_field(n: int, report: ReportView) -> dict[str, Any]:
    post = report.post
    role = {"denial": "Denial", "spike": "In a spike"}.get(report.role, "Report")
    name = cut(f"{n}. {role} · {escape_inline(post.source_label)}", NAME)
    notes = []
    if report.syndicated_of is not None:
        notes.append("a copy of an earlier report")
    elif not report.independent:
        notes.append("not an independent source")
    value = (f"{bounded_link(post.title or '(untitled)', post_link(post))}\n"
             f"{ts(post.created_utc, 'f')}")
    if post.score is not None:
        value += f" · score {post.score:.0f}"
    reason = escape_block(report.reason) if report.reason.strip() else "no reason stored"
    value += f"\nWhy: {cut(reason, REASON)}"
    if notes:
        value += f" ({'; '.join(notes)})"
    return field(name, value)


def event_show_embed(
    event: EventView, reports: Sequence[ReportView], registry: PlatformRegistry, *,
    first_number: int = 1, page: int = 1, pages: int = 1,
) -> dict[str, Any]:
    """An event and one page of its timeline: each report, its link and why it joined."""
    lines = [
        f"**{cut(escape_inline(event.title) or '(untitled)', 300)}**",
        f"{status_label(event.status)} · score {event.score:.0f}/100 · "
        f"{event_label(event.event_type)} · {tier_label(event.tier)}",
        f"{counts_text(event)} · first {ts(event.first_seen, 'f')} · latest "
        f"{ts(event.last_seen)}",
    ]
    if (figures := magnitude_text(event.magnitude)) is not None:
        lines.append(f"Figures: {figures}")
    if event.confirmed_at is not None:
        lines.append(f"Confirmed {ts(event.confirmed_at, 'f')}")
    fields = [_report_field(first_number + i, r) for i, r in enumerate(reports)]
    return fit_embed({
        "type": "rich",
        "title": f"{event.ref} · {direction_arrow(event.direction)} "
                 f"{event_label(event.event_type)}: {_names(registry, event.platforms)}",
        "description": "\n".join(lines),
        "color": _color(event.direction),
        "fields": fields,
        "footer": {"text": f"Timeline, oldest first · page {page} of {max(pages, 1)}"},
    })


def _change(now: int, before: int) -> str:
    diff = now - before
    return "no change" if diff == 0 else f"{diff:+d}"


def _counted(c: EventCounts) -> str:
    return f"**{plural(c.events, 'event')}** ({plural(c.posts, 'post')})"


def _overview(summary: EventSummary) -> str:
    cur, prev = summary.overall, summary.overall_previous
    return (f"{_counted(cur)} · ▼ {cur.contraction} contraction · ▲ {cur.expansion} expansion\n"
            f"Previous {summary.days} days: {plural(prev.events, 'event')} "
            f"({plural(prev.posts, 'post')}) → {_change(cur.events, prev.events)}")


def _counts_line(counts: dict[str, int], label: Any, limit: int = 6) -> str:
    items = list(counts.items())
    text = " · ".join(f"{label(k)} {n}" for k, n in items[:limit])
    return text + (f" · +{len(items) - limit} more" if len(items) > limit else "")


def _summary_color(c: EventCounts) -> int:
    if c.contraction > c.expansion:
        return DIRECTION_COLORS["contraction"]
    if c.expansion > c.contraction:
        return DIRECTION_COLORS["expansion"]
    return DIRECTION_COLORS["neutral"]


def summary_embed(
    summary: EventSummary, registry: PlatformRegistry, *, title: str | None = None,
) -> dict[str, Any]:
    """Events per platform by type, tier and status, posts beside them, against the period
    before."""
    fields = []
    shown = summary.platforms[:24]
    for p in shown:
        name = (f"{platform_name(registry, p.platform)}: {plural(p.current.events, 'event')} "
                f"({plural(p.current.posts, 'post')}) "
                f"{_change(p.current.events, p.previous.events)}")
        if p.current.events:
            value = (f"{_counts_line(p.current.by_event, event_label)}\n"
                     f"{_counts_line(p.current.by_tier, tier_label)}\n"
                     f"{_counts_line(p.current.by_status, status_label)}")
        else:
            value = f"None this period (previously {p.previous.events})."
        fields.append(field(escape_inline(name), value, inline=True))
    if len(summary.platforms) > len(shown):
        rest = summary.platforms[len(shown):]
        fields.append(field(f"…and {len(rest)} more platforms",
                            ", ".join(escape_inline(platform_name(registry, p.platform))
                                      for p in rest)))
    description = _overview(summary)
    if summary.overall.events == 0:
        description += "\nQuiet: no events."
    return fit_embed({
        "type": "rich",
        "title": title or f"Events in the last {summary.days} days",
        "description": description,
        "color": _summary_color(summary.overall),
        "fields": fields,
        "footer": {"text": f"{summary.start:%d %b} – {summary.end:%d %b %Y} UTC, compared "
                           f"with the {summary.days} days before"},
        "timestamp": summary.end.isoformat(),
    })


def digest_embed(
    summary: EventSummary, events: Sequence[EventView], registry: PlatformRegistry, *,
    title: str, total: int | None = None, headline: str | None = None,
) -> dict[str, Any]:
    """The period's events, strongest first, under the period's counts; ``headline`` (the
    index's figures) leads when given."""
    platforms = " · ".join(f"{platform_name(registry, p.platform)} {p.current.events}"
                           for p in summary.platforms[:8] if p.current.events)
    description = _overview(summary) + (f"\nBy platform: {escape_inline(platforms)}"
                                        if platforms else "\nQuiet: no events.")
    if headline:
        description = f"{headline}\n\n{description}"
    embed: dict[str, Any] = fit_embed({
        "type": "rich",
        "title": escape_inline(title),
        "description": description,
        "color": _summary_color(summary.overall),
        "fields": [],
        "footer": {"text": f"{summary.start:%d %b} – {summary.end:%d %b %Y} UTC"},
        "timestamp": summary.end.isoformat(),
    })
    fields: list[dict[str, Any]] = []
    room = TOTAL - embed_size(embed) - 120  # kept for the "and N more" line
    for e in events[:DIGEST_EVENTS]:
        f = field(*event_line(e, registry))
        room -= units(f["name"]) + units(f["value"])
        if room < 0:
            break
        fields.append(f)
    more = (total if total is not None else len(events)) - len(fields)
    if more > 0:
        fields.append(field(f"…and {plural(more, 'more event')}",
                            "/events recent lists them all."))
    if fields:
        embed["fields"] = fields
    return fit_embed(embed)
