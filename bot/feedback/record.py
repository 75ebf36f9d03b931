"""Storing one click: the verdict for every post the alert speaks for, and what follows.

An event's alert speaks for all of its reports, so "not a signal" on it marks
each of them. When that leaves every report of the event rejected by this
server, the event is closed in the same transaction: for everyone when it
comes from this server's own sources (every other route's message of it is
queued for an edit; the clicked message is edited in the answer to the
click, and recorded as showing the closing already), for this server only
when it is public (its routes get nothing more of it; other servers keep
getting it). A correction ("wrong details") is checked against the known
event types, platforms and tiers before it is stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.feedback.ids import PLATFORM, TIER, TYPE, Target
from bot.feedback.text import MAX_PLATFORMS, OTHER, TIERS
from bot.platforms import PlatformRegistry
from bot.scoring.model import EVENT_TYPES
from storage.queries.event_outbox import enqueue_event_alerts
from storage.queries.event_views import EventView, load_events
from storage.queries.events import get_event
from storage.queries.feedback import (
    NOT_SIGNAL,
    WRONG_DETAILS,
    add_feedback,
    close_if_rejected,
    mark_message_shows,
    post_exists,
    report_posts,
)
from storage.types import utcnow


class FeedbackError(Exception):
    """The click cannot be recorded; the message says why, for the member."""


@dataclass(frozen=True)
class Correction:
    """One "wrong details" choice: which field, and the values picked."""

    field: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class Given:
    """What a click stored and changed."""

    stored: int
    """Feedback rows written (one per post the alert speaks for)."""
    event: EventView | None = None
    """The alert's event as it is now (after closing), for the edited message."""
    closed: bool = False
    """The event was closed for everyone (it came from this server's own sources)."""
    closed_here: bool = False
    """The public event was closed for this server only."""
    edits_queued: int = 0
    """Other routes' messages of the event queued for an edit."""


def check_correction(which: str, values: Sequence[str],
                     registry: PlatformRegistry) -> Correction:
    """A correction as the select sent it, or FeedbackError naming what is wrong."""
    picked = tuple(dict.fromkeys(v for v in values if v))
    if not picked:
        raise FeedbackError("Pick a value to record a correction.")
    if which == TYPE:
        allowed: Sequence[str] = [t for t in EVENT_TYPES if t != "none"]
    elif which == TIER:
        allowed = TIERS
    elif which == PLATFORM:
        allowed = [*registry.ids, OTHER]
    else:
        raise FeedbackError("That correction is not one labelwatch knows.")
    unknown = [v for v in picked if v not in allowed]
    if unknown or (which != PLATFORM and len(picked) > 1) or len(picked) > MAX_PLATFORMS:
        raise FeedbackError("That choice is not one labelwatch offers; nothing was recorded.")
    return Correction(which, picked)


async def _posts(session: AsyncSession, guild_id: int, of: Target) -> list[int]:
    if of.event_id is None:
        return [of.id] if await post_exists(session, of.id) else []
    event = await get_event(session, of.event_id)
    if event is None or event.guild_id not in (None, guild_id):
        return []
    return await report_posts(session, of.event_id)


async def alert_platforms(
    sessions: async_sessionmaker[AsyncSession], of: Target,
) -> tuple[str, ...]:
    """The platforms the alert named, offered first when correcting them."""
    if of.event_id is None:
        return ()
    async with sessions() as session:
        event = await get_event(session, of.event_id)
    return tuple(event.platforms) if event is not None else ()


async def give_feedback(
    sessions: async_sessionmaker[AsyncSession], *, guild_id: int, of: Target, user_id: int,
    correction: Correction | None = None, message_id: int | None = None,
    now: datetime | None = None,
) -> Given:
    """Store "not a signal" (``correction`` None) or a correction, in one transaction."""
    now = now or utcnow()
    verdict = NOT_SIGNAL if correction is None else WRONG_DETAILS
    fields: dict[str, object] = {}
    if correction is not None:
        value: object = (list(correction.values) if correction.field == PLATFORM
                         else correction.values[0])
        fields = {{TYPE: "event_type", PLATFORM: "platforms", TIER: "tier"}[correction.field]:
                  value}
    async with sessions.begin() as session:
        posts = await _posts(session, guild_id, of)
        if not posts:
            raise FeedbackError("labelwatch no longer has the posts of this alert; "
                                "nothing was recorded.")
        stored = await add_feedback(session, guild_id=guild_id, post_ids=posts, user_id=user_id,
                                    verdict=verdict, event_id=of.event_id, now=now,
                                    **fields)  # type: ignore[arg-type]
        closed, closed_here, queued = False, False, 0
        if of.event_id is not None and verdict == NOT_SIGNAL:
            closing = await close_if_rejected(session, of.event_id, guild_id, now)
            closed_here = closing is not None and closing.for_guild
            change = closing.change if closing is not None else None
            if change is not None:
                closed = True
                if message_id is not None:
                    await mark_message_shows(session, message_id, of.event_id, change.revision)
                alerts = await enqueue_event_alerts(session, [change], now=now)
                queued = sum(a.queued for a in alerts.values())
        event = None
        if of.event_id is not None:
            event = (await load_events(session, [of.event_id])).get(of.event_id)
    return Given(stored, event, closed, closed_here, queued)
