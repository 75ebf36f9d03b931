"""Page and period arithmetic for /signals and /digest."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storage.queries.guilds import DigestView, period_of

PAGE_SIZE = 5
"""Signals per page of /signals recent: five fields read well on a phone."""
DIGEST_DAYS = {"daily": 1, "weekly": 7}


def page_count(total: int, per_page: int = PAGE_SIZE) -> int:
    """Pages needed for ``total`` items; an empty list still has its one page."""
    return max(1, -(-max(total, 0) // per_page))


def clamp_page(page: int, pages: int) -> int:
    """The list may have shrunk or grown since the buttons were drawn."""
    return min(max(page, 1), max(pages, 1))


def page_offset(page: int, per_page: int = PAGE_SIZE) -> int:
    return (max(page, 1) - 1) * per_page


def since(now: datetime, days: int) -> datetime:
    return now - timedelta(days=days)


def digest_days(cadence: str) -> int:
    """How many days a digest covers: the day or the week that just ended."""
    try:
        return DIGEST_DAYS[cadence]
    except KeyError:
        raise ValueError(f"cadence must be one of {', '.join(DIGEST_DAYS)}, got {cadence!r}")\
            from None


def next_digest_at(view: DigestView, now: datetime) -> datetime:
    """When the digest will next be sent, for the confirmation message.

    A period whose digest already went out (or that counted as done when the
    digest was set after its hour) waits for the next period's hour; a due
    but unsent one goes out at the next check, i.e. now.
    """
    if view.last_period != view.period:
        return max(view.due_at, now)
    _, start = period_of(view.cadence, now)
    step = timedelta(days=DIGEST_DAYS[view.cadence])
    return (start + step + timedelta(hours=view.hour_utc)).astimezone(UTC)
