"""A digest claimed for its period stays pending until it is confirmed sent.

Claiming (``claim_digest``) marks the period done, so no other run or
instance sends it too, and pending, so a crash between the claim and the
send does not lose it: the next check finds it pending and sends it again,
with the same Discord nonce (``bot.digests``), so a send that did reach
Discord just before the crash is not repeated either.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Digest


@dataclass(frozen=True)
class PendingDigest:
    guild_id: int
    channel_id: int
    cadence: str
    period: str


async def claim_digest(session: AsyncSession, guild_id: int, period: str) -> bool:
    """Claim a period's digest; True only for the one caller that claimed it."""
    result = await session.execute(
        update(Digest)
        .where(Digest.guild_id == guild_id, Digest.last_period.is_distinct_from(period))
        .values(last_period=period, pending_period=period)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def pending_digests(session: AsyncSession) -> list[PendingDigest]:
    """Digests claimed and not yet confirmed sent (just claimed, or left by a crash)."""
    rows = (await session.execute(
        select(Digest).where(Digest.pending_period.is_not(None)).order_by(Digest.guild_id)
    )).scalars()
    return [PendingDigest(r.guild_id, r.channel_id, r.cadence, r.pending_period or "")
            for r in rows]


async def finish_digest(session: AsyncSession, guild_id: int, period: str) -> None:
    """The period's digest was sent, or given up: it is no longer pending."""
    await session.execute(
        update(Digest).where(Digest.guild_id == guild_id, Digest.pending_period == period)
        .values(pending_period=None)
    )
