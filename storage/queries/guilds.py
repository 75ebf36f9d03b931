"""Per-guild settings: extra sources a guild watches, and its digest schedule.

Every function that acts for a guild takes its ``guild_id`` and filters by
it, so one server never sees or changes another's settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Digest, GuildSource
from storage.queries.posts import dialect_insert
from storage.types import utcnow

SOURCE_KINDS = ("reddit", "feed")
CADENCES = ("daily", "weekly")


@dataclass(frozen=True)
class GuildSourceView:
    id: int
    guild_id: int
    kind: str
    target: str
    platform: str
    created_at: datetime


def normalise_target(kind: str, target: str) -> str:
    """One spelling per source, so ``r/Outlier_AI`` and ``outlier_ai`` are one row."""
    if kind not in SOURCE_KINDS:
        raise ValueError(f"source kind must be one of {', '.join(SOURCE_KINDS)}, got {kind!r}")
    target = target.strip()
    if kind == "reddit":
        target = target.removeprefix("/").removeprefix("r/").removeprefix("R/").lower()
    if not target:
        raise ValueError("source target is empty")
    return target


async def add_guild_source(
    session: AsyncSession, guild_id: int, kind: str, target: str, platform: str
) -> bool:
    """Watch a source for one guild; True if it is new, False if it was there already.

    Adding a source again with another platform updates its platform.
    """
    target = normalise_target(kind, target)
    result = await session.execute(
        dialect_insert(session, GuildSource)
        .values(guild_id=guild_id, kind=kind, target=target, platform=platform,
                created_at=utcnow())
        .on_conflict_do_nothing(index_elements=["guild_id", "kind", "target"])
        .returning(GuildSource.id)
    )
    if result.first() is not None:
        return True
    await session.execute(
        update(GuildSource)
        .where(GuildSource.guild_id == guild_id, GuildSource.kind == kind,
               GuildSource.target == target)
        .values(platform=platform)
    )
    return False


async def remove_guild_source(session: AsyncSession, guild_id: int, kind: str, target: str) -> bool:
    result = await session.execute(
        delete(GuildSource).where(
            GuildSource.guild_id == guild_id, GuildSource.kind == kind,
            GuildSource.target == normalise_target(kind, target),
        )
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def _source_view(row: GuildSource) -> GuildSourceView:
    return GuildSourceView(row.id, row.guild_id, row.kind, row.target, row.platform,
                           row.created_at)


async def guild_sources(session: AsyncSession, guild_id: int) -> list[GuildSourceView]:
    rows = await session.execute(
        select(GuildSource).where(GuildSource.guild_id == guild_id).order_by(GuildSource.id)
    )
    return [_source_view(r) for r in rows.scalars()]


async def all_guild_sources(session: AsyncSession) -> list[GuildSourceView]:
    """Every guild's sources, for the poller (which polls a shared target once)."""
    rows = await session.execute(select(GuildSource).order_by(GuildSource.id))
    return [_source_view(r) for r in rows.scalars()]


@dataclass(frozen=True)
class DigestView:
    guild_id: int
    channel_id: int
    cadence: str
    hour_utc: int
    last_period: str | None
    period: str
    """The period ``now`` falls in (``2026-05-01`` or ``2026-W18``)."""
    due_at: datetime
    """When this period's digest is (or was) due."""


def period_of(cadence: str, now: datetime) -> tuple[str, datetime]:
    """The period ``now`` is in and the moment that period starts, in UTC."""
    now = now.astimezone(UTC)
    if cadence == "daily":
        return now.date().isoformat(), datetime.combine(now.date(), time(), UTC)
    if cadence == "weekly":
        year, week, weekday = now.isocalendar()
        monday = now.date() - timedelta(days=weekday - 1)
        return f"{year}-W{week:02d}", datetime.combine(monday, time(), UTC)
    raise ValueError(f"cadence must be one of {', '.join(CADENCES)}, got {cadence!r}")


def _digest_view(row: Digest, now: datetime) -> DigestView:
    period, start = period_of(row.cadence, now)
    return DigestView(row.guild_id, row.channel_id, row.cadence, row.hour_utc, row.last_period,
                      period, start + timedelta(hours=row.hour_utc))


async def set_digest(
    session: AsyncSession, guild_id: int, channel_id: int, cadence: str, hour_utc: int,
    *, now: datetime | None = None,
) -> DigestView:
    """Schedule (or reschedule) a guild's digest.

    If this period's hour has already passed when the digest is set, the
    period counts as done: the first digest comes at the next scheduled
    time rather than the moment the command is run.
    """
    if not 0 <= hour_utc <= 23:
        raise ValueError(f"hour_utc must be from 0 to 23, got {hour_utc}")
    now = now or utcnow()
    period, start = period_of(cadence, now)
    row = await session.get(Digest, guild_id)
    if row is None:
        row = Digest(guild_id=guild_id, created_at=now)
        session.add(row)
    row.channel_id = channel_id
    row.cadence = cadence
    row.hour_utc = hour_utc
    row.last_period = period if now >= start + timedelta(hours=hour_utc) else None
    await session.flush()
    return _digest_view(row, now)


async def get_digest(
    session: AsyncSession, guild_id: int, now: datetime | None = None
) -> DigestView | None:
    row = await session.get(Digest, guild_id)
    return _digest_view(row, now or utcnow()) if row is not None else None


async def remove_digest(session: AsyncSession, guild_id: int) -> bool:
    result = await session.execute(delete(Digest).where(Digest.guild_id == guild_id))
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def digests_due(session: AsyncSession, now: datetime) -> list[DigestView]:
    """Digests whose current period has not fired yet and whose hour has come.

    A digest missed while the bot was down fires once when it comes back,
    as long as the period it belongs to is still the current one.
    """
    rows = (await session.execute(select(Digest).order_by(Digest.guild_id))).scalars().all()
    due = []
    for row in rows:
        view = _digest_view(row, now)
        if view.last_period != view.period and now >= view.due_at:
            due.append(view)
    return due


async def mark_digest_fired(session: AsyncSession, guild_id: int, period: str) -> bool:
    """Claim a period's digest; True only for the one caller that claimed it.

    Commit this before sending: a crash after the claim loses one digest
    rather than sending it again on every restart.
    """
    result = await session.execute(
        update(Digest)
        .where(Digest.guild_id == guild_id, Digest.last_period.is_distinct_from(period))
        .values(last_period=period)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]
