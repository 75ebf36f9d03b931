"""Scheduled digests: one summary per guild and period, never two, none lost.

A digest is claimed (``claim_digest``, committed) before it is sent and
stays pending until Discord confirmed it, so a crash in between sends it on
the next check instead of losing it. Each send carries a nonce made from
the guild and the period, with ``enforce_nonce``: a digest that reached
Discord just before a crash comes back as the message already posted, not
a second one. The scheduler (on the polling instance only) calls
``fire_due_digests`` every minute.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.commands.index import index_headline
from bot.commands.periods import digest_days, since
from bot.delivery.base import DeliveryError, TransientDeliveryError
from bot.delivery.channel import base36
from bot.delivery.event_pages import DIGEST_EVENTS, digest_embed
from bot.index.breadth import day_of
from bot.index.report import build_report
from bot.index.settings import IndexSettings
from bot.platforms import PlatformRegistry
from storage.queries.audience import guild_audience
from storage.queries.digest_claims import (
    PendingDigest,
    claim_digest,
    finish_digest,
    pending_digests,
)
from storage.queries.event_summary import event_summary
from storage.queries.event_views import count_events, recent_events
from storage.queries.guilds import digests_due, period_of

log = logging.getLogger(__name__)


class SendEmbed(Protocol):
    """``ChannelSink.send_embed``: (channel id, embed JSON, nonce) -> message id."""

    async def __call__(self, channel_id: int, embed: dict[str, Any], *,
                       nonce: str | None = None) -> str: ...


TITLES = {"daily": "Daily digest: events of the last day",
          "weekly": "Weekly digest: events of the last 7 days"}


def digest_nonce(guild_id: int, period: str) -> str:
    """The same for every attempt at one guild's period, at most 25 characters."""
    return f"lwd{base36(guild_id)}{period.replace('-', '')}"


async def fire_due_digests(
    sessions: async_sessionmaker[AsyncSession], send_embed: SendEmbed,
    registry: PlatformRegistry, now: datetime, index: IndexSettings | None = None,
) -> int:
    """Send every digest that is due at ``now``, and any left pending; returns how many."""
    index = index or IndexSettings()
    async with sessions() as session:
        due = await digests_due(session, now)
    for digest in due:
        async with sessions.begin() as session:
            await claim_digest(session, digest.guild_id, digest.period)
    async with sessions() as session:
        pending = await pending_digests(session)
    sent = 0
    for item in pending:
        if item.period != period_of(item.cadence, now)[0]:
            log.warning("digest %s for guild %d was never sent and its period is over; "
                        "dropping it", item.period, item.guild_id)
        else:
            outcome = await _attempt(sessions, send_embed, registry, item, now, index)
            if outcome is False:
                continue  # still pending: tried again at the next check
            sent += outcome is True
        async with sessions.begin() as session:
            await finish_digest(session, item.guild_id, item.period)
    return sent


async def _attempt(
    sessions: async_sessionmaker[AsyncSession], send_embed: SendEmbed,
    registry: PlatformRegistry, digest: PendingDigest, now: datetime, index: IndexSettings,
) -> bool | None:
    """True when sent; False when worth trying again; None when given up."""
    try:
        await _send(sessions, send_embed, registry, digest, now, index)
    except TransientDeliveryError as exc:
        log.warning("digest %s for guild %d not sent to channel %d yet (%s); trying again "
                    "at the next check", digest.period, digest.guild_id, digest.channel_id,
                    exc)
        return False
    except Exception as exc:
        # Delivery errors carry a readable reason; anything else is a bug worth a trace.
        log.warning("digest %s for guild %d not sent to channel %d: %s", digest.period,
                    digest.guild_id, digest.channel_id, exc,
                    exc_info=not isinstance(exc, DeliveryError))
        return None
    log.info("digest %s for guild %d sent to channel %d", digest.period,
             digest.guild_id, digest.channel_id)
    return True


async def _send(
    sessions: async_sessionmaker[AsyncSession], send_embed: SendEmbed,
    registry: PlatformRegistry, digest: PendingDigest, now: datetime, index: IndexSettings,
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
        headline=index_headline(report, registry)),
        nonce=digest_nonce(digest.guild_id, digest.period))
