"""Alerts as Discord embeds and console lines. Pure functions: no I/O, no clock.

Embeds are built as the API's JSON (a dict), so the webhook sink posts them
as they are and the channel sink hands them to discord.py unchanged.
"""

from __future__ import annotations

from typing import Any

from bot.delivery.labels import (
    DIRECTION_COLORS,
    direction_arrow,
    event_label,
    platform_names,
    tier_label,
)
from bot.delivery.text import (
    escape_block,
    escape_inline,
    field,
    fit_embed,
    masked_link,
    plain,
    safe_url,
)
from bot.platforms import PlatformRegistry
from storage.queries.outbox import OutboxView
from storage.queries.postviews import PostView

BODY_CHARS = 700
EVIDENCE_SHOWN = 3
_CURRENCY_SYMBOLS = {"USD": "$", "$": "$", "EUR": "€", "€": "€", "GBP": "£", "£": "£",
                     "INR": "₹", "₹": "₹", "CAD": "CA$", "AUD": "A$"}
_UNITS = {"hour": "hr", "hours": "hr", "hr": "hr", "h": "hr", "hourly": "hr",
          "task": "task", "week": "wk", "month": "mo", "year": "yr", "annual": "yr"}


def _post(item: OutboxView | PostView) -> PostView:
    if isinstance(item, PostView):
        return item
    if item.post is None:
        raise ValueError(f"outbox item {item.id} is not a per-post alert")
    return item.post


def post_link(post: PostView) -> str | None:
    """The post's own link, or its short Reddit link when the source gave none."""
    url = safe_url(post.url)
    if url is None and post.source_kind == "reddit" and post.external_id.startswith("t3_"):
        return f"https://redd.it/{post.external_id[3:]}"
    return url


def _number(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def magnitude_text(magnitude: dict[str, Any] | None, *, markdown: bool = True) -> str | None:
    """"$40/hr → $26/hr (-35%)", "-20%", "1,200 workers", or the scorer's own words.

    ``percent`` is read as percentage points; when both pay figures are
    known the change is computed from them instead. Words taken from the
    post (currency codes, units, text) are escaped for Discord, or only
    cleaned of control characters when ``markdown`` is false.
    """
    if not magnitude:
        return None
    clean = escape_inline if markdown else plain
    code = str(magnitude.get("currency") or "").strip()
    symbol = _CURRENCY_SYMBOLS.get(code.upper(), _CURRENCY_SYMBOLS.get(code))
    raw_unit = str(magnitude.get("pay_unit") or "").strip().lower()
    unit = f"/{clean(_UNITS.get(raw_unit, raw_unit))}" if raw_unit else ""

    def money(v: Any) -> str | None:
        if not isinstance(v, int | float) or isinstance(v, bool):
            return None
        if symbol:
            return f"{symbol}{_number(v)}{unit}"
        if code:
            return f"{_number(v)} {clean(code)}{unit}"
        return f"{_number(v)}{unit}"

    before, after = money(magnitude.get("pay_before")), money(magnitude.get("pay_after"))
    percent = magnitude.get("percent")
    if before and after and magnitude["pay_before"]:
        percent = (magnitude["pay_after"] - magnitude["pay_before"]) / magnitude["pay_before"] * 100
    pct = f"{percent:+.0f}%" if isinstance(percent, int | float) and round(percent) else None
    parts = []
    if before and after:
        parts.append(f"{before} → {after}" + (f" ({pct})" if pct else ""))
    elif after:
        parts.append(f"now {after}" + (f" ({pct})" if pct else ""))
    elif pct:
        parts.append(pct)
    headcount = magnitude.get("headcount")
    if isinstance(headcount, int) and not isinstance(headcount, bool) and headcount > 0:
        parts.append(f"{headcount:,} workers")
    text = magnitude.get("text")
    if not parts and isinstance(text, str) and text.strip():
        parts.append(clean(text[:200]))
    return " · ".join(parts) or None


def evidence_block(evidence: tuple[str, ...], shown: int = EVIDENCE_SHOWN) -> str | None:
    """The strongest phrases as quotes, strongest first (the scorer's order)."""
    lines = [f"> “{escape_inline(e)}”" for e in evidence[:shown] if e.strip()]
    return "\n".join(lines) or None


def source_text(post: PostView) -> str:
    return escape_inline(post.source_label)


def alert_embed(item: OutboxView | PostView, registry: PlatformRegistry) -> dict[str, Any]:
    """The alert for one signal, as Discord's embed JSON, within every limit."""
    post = _post(item)
    names = escape_inline(platform_names(registry, list(post.platforms)))
    title = f"{direction_arrow(post.direction)} {event_label(post.event_type)}: {names}"
    headline = escape_inline(post.title) or "(untitled)"
    description = f"**{headline[:300]}**"
    if post.body.strip():
        description += "\n\n" + escape_block(post.body[:BODY_CHARS])
        if len(post.body) > BODY_CHARS:
            description += " …"
    fields = [
        field("Platforms", names, inline=True),
        field("Event", event_label(post.event_type), inline=True),
        field("Tier", tier_label(post.tier), inline=True),
        field("Direction", f"{direction_arrow(post.direction)} "
                           f"{(post.direction or 'neutral').capitalize()}", inline=True),
        field("Score", f"{post.score:.0f}/100" if post.score is not None else "not scored",
              inline=True),
    ]
    if (size := magnitude_text(post.magnitude)) is not None:
        fields.append(field("Magnitude", size, inline=True))
    if (quotes := evidence_block(post.evidence)) is not None:
        fields.append(field("Evidence", quotes))
    link = post_link(post)
    source = source_text(post)
    fields.append(field("Source", f"{source} · {masked_link('open the post', link)}"
                        if link else source))
    embed: dict[str, Any] = {
        "type": "rich",
        "title": title,
        "description": description,
        "color": DIRECTION_COLORS.get(post.direction or "neutral", DIRECTION_COLORS["neutral"]),
        "fields": fields,
        "footer": {"text": f"labelwatch · {plain(post.source_label)}"},
        "timestamp": post.created_utc.isoformat(),
    }
    if link:
        embed["url"] = link
    return fit_embed(embed)


def allowed_mentions(ping_role_id: int | None = None) -> dict[str, Any]:
    """Mentions a message may ping: none, or exactly the route's chosen role."""
    if ping_role_id is None:
        return {"parse": []}
    return {"parse": [], "roles": [ping_role_id]}


def ping_content(ping_role_id: int | None) -> str | None:
    """The message text that pings a route's role (allowed_mentions lets only it through)."""
    return f"<@&{ping_role_id}>" if ping_role_id is not None else None


def console_line(item: OutboxView | PostView, registry: PlatformRegistry | None = None) -> str:
    """One readable line per alert, with nothing a terminal would interpret."""
    post = _post(item)
    when = post.created_utc.strftime("%Y-%m-%d %H:%MZ")
    platforms = ", ".join(post.platforms) or "-"
    if registry is not None:
        platforms = platform_names(registry, list(post.platforms))
    score = f"{post.score:.0f}" if post.score is not None else "?"
    title = plain(post.title)
    if len(title) > 140:
        title = title[:139] + "…"
    parts = [
        f"{when} {direction_arrow(post.direction)} {event_label(post.event_type)}",
        f"[{plain(platforms)}] score {score} tier {post.tier or 'unknown'}",
        f"— {title} ({plain(post.source_label)})",
    ]
    if (size := magnitude_text(post.magnitude, markdown=False)) is not None:
        parts.append(f"[{size}]")
    if (link := post_link(post)) is not None:
        parts.append(link)
    return " ".join(parts)
