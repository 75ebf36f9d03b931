"""Scheduled digests: one summary per guild and period, never two.

A digest is claimed (``mark_digest_fired``, committed) before it is sent, so
a crash or restart in between loses that period's digest instead of sending
it again; the scheduler calls ``fire_due_digests`` every minute.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.commands.index import index_headline
from bot.commands.periods import digest_days, since
from bot.delivery.base import DeliveryError
from bot.delivery.event_pages import DIGEST_EVENTS, digest_embed
from bot.index.breadth import day_of
from bot.index.report import build_report
from bot.index.settings import IndexSettings
from bot.platforms import PlatformRegistry
from storage.queries.audience import guild_audience
from storage.queries.event_summary import event_summary
from storage.queries.event_views import count_events, recent_events
from storage.queries.guilds import DigestView, digests_due, mark_digest_fired

log = logging.getLogger(__name__)

SendEmbed = Callable[[int, dict[str, Any]], Awaitable[str]]
"""``ChannelSink.send_embed``: (channel id, embed JSON) -> message id."""

TITLES = {"daily": "Daily digest: events of the last day",
          "weekly": "Weekly digest: events of the last 7 days"}


async def fire_due_digests(
    sessions: async_sessionmaker[AsyncSession], send_embed: SendEmbed,
    registry: PlatformRegistry, now: datetime, index: IndexSettings | None = None,
) -> int:
    """Send every digest that is due at ``now``; returns how many were sent."""
    index = index or IndexSettings()
    async with sessions() as session:
        due = await digests_due(session, now)
    sent = 0
    for digest in due:
        async with sessions.begin() as session:
            if not await mark_digest_fired(session, digest.guild_id, digest.period):
                continue  # another run claimed this period first
        try:
            await _send(sessions, send_embed, registry, digest, now, index)
        except Exception as exc:
            # Delivery errors carry a readable reason; anything else is a bug worth a trace.
            log.warning("digest %s for guild %d not sent to channel %d: %s", digest.period,
                        digest.guild_id, digest.channel_id, exc,
                        exc_info=not isinstance(exc, DeliveryError))
        else:
            sent += 1
            log.info("digest %s for guild %d sent to channel %d", digest.period,
                     digest.guild_id, digest.channel_id)
    return sent


async def _send(
    sessions: async_sessionmaker[AsyncSession], send_embed: SendEmbed,
    registry: PlatformRegistry, digest: DigestView, now: datetime, index: IndexSettings,
) -> None:
    """The index's headline, then the period's counts and its events, strongest first, as
    the guild may see them."""
    days = digest_days(digest.cadence)
    audience = guild_audience(digest.guild_id)
    start = since(now, days)
    async with sessions() as session:
        result = await event_summary(session, audience, None, days, now)
        events = await recent_events(session, audience, since=start, limit=DIGEST_EVENTS,
                                     order="strongest")
        total = await count_events(session, audience, since=start)
        report = await build_report(session, at=day_of(now), weeks=1, settings=index,
                                    audience=audience)
    await send_embed(digest.channel_id, digest_embed(
        result, events, registry, title=TITLES[digest.cadence], total=total,
        headline=index_headline(report, registry)))
