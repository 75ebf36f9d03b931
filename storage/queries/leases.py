"""Named leases: a job (polling) that one instance at a time runs, taken over when it dies.

The holder renews its lease well before it expires; a lease not renewed in
time (its instance was killed, or lost the database) may be taken by any
other instance. Instances compare their own clocks with the stored expiry,
so their clocks must roughly agree (NTP does).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import case, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Lease


async def take_lease(
    session: AsyncSession, name: str, owner: str, now: datetime, ttl: timedelta, *,
    force: bool = False,
) -> bool:
    """Take or renew lease ``name`` for ``owner`` until ``now + ttl``; False if another holds it.

    ``force`` takes it whoever holds it (a database only one instance can open).
    """
    held = or_(Lease.owner == owner, Lease.expires_at <= now)
    stmt = update(Lease).where(Lease.name == name).values(
        owner=owner, expires_at=now + ttl,
        acquired_at=case((Lease.owner == owner, Lease.acquired_at), else_=now))
    result = await session.execute(stmt if force else stmt.where(held))
    if result.rowcount:  # type: ignore[attr-defined]
        return True
    exists = (await session.execute(select(Lease.name).where(Lease.name == name))).first()
    if exists is not None:
        return False
    try:
        async with session.begin_nested():
            session.add(Lease(name=name, owner=owner, expires_at=now + ttl, acquired_at=now))
    except IntegrityError:
        return False  # another instance inserted it first
    return True


async def drop_lease(session: AsyncSession, name: str, owner: str) -> None:
    """Give the lease up at once (an orderly stop), so another takes over without waiting."""
    await session.execute(update(Lease).where(Lease.name == name, Lease.owner == owner)
                          .values(expires_at=datetime.fromtimestamp(0).astimezone()))


async def lease_holder(session: AsyncSession, name: str, now: datetime) -> str | None:
    """The instance holding ``name`` now, if any."""
    row = (await session.execute(select(Lease.owner, Lease.expires_at)
                                 .where(Lease.name == name))).first()
    return row.owner if row is not None and row.expires_at > now else None
