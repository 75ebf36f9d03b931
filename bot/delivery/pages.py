"""Embeds for the slash commands: recent signals, explanations, platforms and alert
routes (events, summaries and digests are in ``event_pages``). Pure functions over
plain records."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

from bot.delivery.format import evidence_block, magnitude_text, post_link, source_text
from bot.delivery.labels import (
    DIRECTION_COLORS,
    direction_arrow,
    event_label,
    platform_name,
    platform_names,
    route_label,
    tier_label,
)
from bot.delivery.text import escape_inline, field, fit_embed, masked_link
from bot.platforms import PlatformRegistry
from storage.queries.alerts import RouteView
from storage.queries.postviews import PostView

INFO_COLOR = 0x5865F2


def _ts(when: datetime, style: str = "R") -> str:
    """Discord's timestamp markup: every reader sees it in their own time zone."""
    return f"<t:{int(when.timestamp())}:{style}>"


def _names(registry: PlatformRegistry, ids: Sequence[str]) -> str:
    return escape_inline(platform_names(registry, list(ids)))


def recent_page_embed(
    posts: Sequence[PostView], registry: PlatformRegistry, *, page: int = 1,
    pages: int | None = None, title: str = "Recent signals", note: str | None = None,
) -> dict[str, Any]:
    """One page of signals, one field each (at most 25; pages of 5 to 10 read best)."""
    fields = []
    for post in posts[:25]:
        score = f"{post.score:.0f}" if post.score is not None else "?"
        name = (f"{direction_arrow(post.direction)} {event_label(post.event_type)} · "
                f"{_names(registry, post.platforms)} · {score}")
        value = (f"{masked_link(post.title or '(untitled)', post_link(post))}\n"
                 f"{source_text(post)} · {_ts(post.created_utc)}")
        if (size := magnitude_text(post.magnitude)) is not None:
            value += f" · {size}"
        fields.append(field(name, value))
    embed: dict[str, Any] = {"type": "rich", "title": escape_inline(title), "color": INFO_COLOR,
                             "fields": fields}
    if not posts:
        embed["description"] = "No signals match in this period."
    elif note:
        embed["description"] = escape_inline(note)
    if pages is not None:
        embed["footer"] = {"text": f"Page {page} of {max(pages, 1)}"}
    return fit_embed(embed)


def explain_embed(
    post: PostView, registry: PlatformRegistry, *, threshold: float | None = None
) -> dict[str, Any]:
    """Why the scorer decided what it did about one post."""
    link = post_link(post)
    if post.scored_at is None:
        verdict = "Not scored yet."
    else:
        score = f"{post.score:.0f}/100" if post.score is not None else "no score"
        limit = f" (threshold {threshold:g})" if threshold is not None else ""
        verdict = f"{'Signal' if post.is_signal else 'Not a signal'}: {score}{limit}"
    fields = [field("Verdict", verdict)]
    if post.scored_at is not None:
        fields += [
            field("Event", event_label(post.event_type), inline=True),
            field("Direction", f"{direction_arrow(post.direction)} "
                               f"{(post.direction or 'neutral').capitalize()}", inline=True),
            field("Tier", tier_label(post.tier), inline=True),
            field("Platforms", _names(registry, post.platforms), inline=True),
        ]
        if (size := magnitude_text(post.magnitude)) is not None:
            fields.append(field("Magnitude", size, inline=True))
        fields.append(field("Evidence", evidence_block(post.evidence, shown=10)
                            or "No phrase matched."))
        fields.append(field("Scorer", f"{escape_inline(post.scorer_version or '?')} · "
                                      f"scored {_ts(post.scored_at)}"))
    fields.append(field("Source", f"{source_text(post)} · posted {_ts(post.created_utc)}"))
    embed: dict[str, Any] = {
        "type": "rich",
        "title": "Why this post scored as it did",
        "description": masked_link(post.title or "(untitled)", link, limit=300),
        "color": DIRECTION_COLORS.get(post.direction or "neutral", DIRECTION_COLORS["neutral"]),
        "fields": fields,
    }
    if link:
        embed["url"] = link
    return fit_embed(embed)


@dataclass(frozen=True)
class SourceStatus:
    """A watched source and its health, as the platforms command lists it."""

    kind: str
    target: str
    platform: str | None
    failing: bool = False
    last_success: datetime | None = None
    last_error: str | None = None
    guild_added: bool = False
    quarantined: int = 0
    """Items of this source the database refused, kept aside with their reason."""
    quarantine_reason: str | None = None


def source_name(kind: str, target: str) -> str:
    """``r/outlier_ai``, ``Google News: "Outlier AI"`` or a feed's host and path."""
    if kind == "reddit":
        return f"r/{target}"
    try:
        parts = urlsplit(target)
    except ValueError:
        return target[:80]
    if parts.hostname == "news.google.com":
        query = parse_qs(parts.query).get("q", [""])[0]
        return f"Google News: {query}" if query else "Google News"
    name = (parts.hostname or "") + parts.path.rstrip("/")
    return name[:80] or target[:80]


def _health(s: SourceStatus) -> str:
    aside = ""
    if s.quarantined:
        why = f": {escape_inline(s.quarantine_reason[:60])}" if s.quarantine_reason else ""
        aside = f" · 🗄️ {s.quarantined} quarantined{why}"
    if s.failing:
        reason = f" ({escape_inline(s.last_error[:80])})" if s.last_error else ""
        return f"⚠️ failing{reason}{aside}"
    if s.last_success is None:
        return f"⏳ not polled yet{aside}"
    return f"✅ {_ts(s.last_success)}{aside}"


def platforms_embed(registry: PlatformRegistry, sources: Sequence[SourceStatus]) -> dict[str, Any]:
    """Known platforms, the sources watched for each, and whether those sources work."""
    by_platform: dict[str | None, list[SourceStatus]] = {}
    for s in sources:
        if not s.guild_added:
            by_platform.setdefault(s.platform, []).append(s)
    lines = []
    for p in registry:
        watched = by_platform.get(p.id, [])
        listed = " · ".join(f"{escape_inline(source_name(s.kind, s.target))} {_health(s)}"
                            for s in watched) or "no source of its own"
        lines.append(f"**{escape_inline(p.name)}** `{p.id}`: {listed}")
    general = by_platform.get(None, [])
    fields = []
    if general:
        fields.append(field("Communities about several platforms", "\n".join(
            f"{escape_inline(source_name(s.kind, s.target))} {_health(s)}" for s in general)))
    own = [s for s in sources if s.guild_added]
    if own:
        fields.append(field("Added by this server", "\n".join(
            f"{escape_inline(source_name(s.kind, s.target))} → "
            f"{escape_inline(platform_name(registry, s.platform or 'other'))} {_health(s)}"
            for s in own)))
    failing = sum(1 for s in sources if s.failing)
    return fit_embed({
        "type": "rich",
        "title": f"Watched platforms ({len(registry)})",
        "description": "\n".join(lines),
        "color": DIRECTION_COLORS["contraction"] if failing else INFO_COLOR,
        "fields": fields,
        "footer": {"text": f"{len(sources)} sources, {failing} failing"},
    })


def _filters(route: RouteView, registry: PlatformRegistry) -> str:
    score = f"score ≥ {route.min_score:g}" if route.min_score is not None else "every signal"
    platforms = _names(registry, route.platforms) if route.platforms else "all platforms"
    events = ", ".join(event_label(e) for e in route.event_types) or "all events"
    tiers = ", ".join(tier_label(t) for t in route.tiers) or "all tiers"
    return f"{score} · {platforms}\n{events} · {tiers}"


def routes_embed(
    routes: Sequence[RouteView], registry: PlatformRegistry, *, title: str = "Alert routes"
) -> dict[str, Any]:
    """Where this server's alerts go, with what each route lets through and its state."""
    fields = []
    for n, route in enumerate(routes, 1):
        where = (f"<#{route.channel_id}>" if route.channel_id is not None
                 else escape_inline(route_label(route.sink_kind, route.sink_id, route.guild_id)))
        ping = f"\nPings <@&{route.ping_role_id}>" if route.ping_role_id else ""
        if route.index_alerts:
            ping += "\nAlso gets convergence alerts of the cross-platform index"
        if route.enabled:
            state = f"✅ active · {route.pending} pending · {route.sent} sent"
        else:
            state = f"⛔ disabled: {escape_inline(route.disabled_reason or 'no reason given')}"
        if route.failed:
            state += f" · {route.failed} failed"
        fields.append(field(f"Route {n}", f"{where}\n{_filters(route, registry)}{ping}\n{state}"))
    embed: dict[str, Any] = {"type": "rich", "title": escape_inline(title),
                             "color": INFO_COLOR, "fields": fields}
    if not routes:
        embed["description"] = "No alert routes yet. Use /alerts set in a channel to add one."
    return fit_embed(embed)
