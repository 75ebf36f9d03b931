"""Which outbox rows an instance may deliver now, leased so no other instance sends them too.

A claim works route by route. On PostgreSQL the routes are locked first
(``FOR NO KEY UPDATE SKIP LOCKED``, which does not wait for the inserts that
reference them), so two instances claiming at once take disjoint routes;
the rows are then read in id order after the lock, so the leases another
instance committed just before are seen. Within a route a claim takes rows
in id order and stops at the first one that is backing off or leased by
someone else: a route's alerts go out in order, by one instance at a time.

A lease has an owner and an expiry. Delivery clears it (sent, retried,
given up); a round that ends clears what it did not reach; an instance
that dies leaves its leases to expire, and then another takes the rows
over, so nothing is stranded. Without an owner (SQLite, where one instance
runs at a time) a claim only reads.

Each route costs one short indexed read (``ix_outbox_route_order``) of at
most ``per_route`` rows, so a claim stays cheap however many rows are
pending.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import AlertRoute, OutboxItem

PENDING, SENT = "pending", "sent"
NEW, EDIT, REPLY = "new", "edit", "reply"
CLEARED: dict[str, Any] = {"lease_owner": None, "lease_expires_at": None}
"""The values that end a lease; every status change writes them too."""


def _held_by_other(row: Any, owner: str | None, now: datetime) -> bool:
    expires = row.lease_expires_at
    return row.lease_owner is not None and row.lease_owner != owner \
        and expires is not None and expires > now


async def _routes(
    session: AsyncSession, now: datetime, kinds: Collection[str] | None, lock: bool
) -> list[int]:
    due_routes = (select(OutboxItem.route_id).distinct()
                  .where(OutboxItem.status == PENDING, OutboxItem.next_attempt_at <= now))
    stmt = (select(AlertRoute.id)
            .where(AlertRoute.id.in_(due_routes), AlertRoute.enabled.is_(True))
            .order_by(AlertRoute.id))
    if kinds is not None:
        stmt = stmt.where(AlertRoute.sink_kind.in_(list(kinds)))
    if lock:
        stmt = stmt.with_for_update(skip_locked=True, key_share=True, of=AlertRoute)
    return list((await session.execute(stmt)).scalars())


async def _route_rows(
    session: AsyncSession, route_id: int, now: datetime, per_route: int, owner: str | None
) -> list[int]:
    rows = (await session.execute(
        select(OutboxItem.id, OutboxItem.kind, OutboxItem.event_id, OutboxItem.next_attempt_at,
               OutboxItem.lease_owner, OutboxItem.lease_expires_at)
        .where(OutboxItem.route_id == route_id, OutboxItem.status == PENDING)
        .order_by(OutboxItem.id).limit(per_route)
    )).all()
    taken: list[Any] = []
    for row in rows:
        if row.next_attempt_at > now or _held_by_other(row, owner, now):
            break  # later rows wait for this one: the route stays in order
        taken.append(row)
    waiting = {r.event_id for r in taken if r.kind in (EDIT, REPLY)}
    if waiting:
        # An edit or reply goes out only once its event's message is sent.
        sent = set((await session.execute(
            select(OutboxItem.event_id).where(
                OutboxItem.route_id == route_id, OutboxItem.kind == NEW,
                OutboxItem.event_status == "", OutboxItem.status == SENT,
                OutboxItem.event_id.in_(waiting))
        )).scalars())
        taken = [r for r in taken if r.kind not in (EDIT, REPLY) or r.event_id in sent]
    return [r.id for r in taken]


async def claim_ids(
    session: AsyncSession, now: datetime, limit: int, *, per_route: int | None = None,
    kinds: Collection[str] | None = None, owner: str | None = None,
    lease: timedelta = timedelta(seconds=60),
) -> list[int]:
    """Ids of the rows to deliver now, ordered by route then id; leased to ``owner`` if given.

    The caller commits, which makes the leases visible and frees the route locks.
    """
    lock = owner is not None and session.get_bind().dialect.name == "postgresql"
    taken: list[tuple[int, int]] = []
    for route_id in await _routes(session, now, kinds, lock):
        if len(taken) >= limit:
            break
        rows = await _route_rows(session, route_id, now,
                                 min(per_route or limit, limit - len(taken)), owner)
        taken += [(route_id, i) for i in rows]
    if owner is None or not taken:
        return [i for _, i in taken]
    leased = set((await session.execute(
        update(OutboxItem)
        .where(OutboxItem.id.in_([i for _, i in taken]), OutboxItem.status == PENDING,
               or_(OutboxItem.lease_owner.is_(None), OutboxItem.lease_owner == owner,
                   OutboxItem.lease_expires_at <= now))
        .values(lease_owner=owner, lease_expires_at=now + lease)
        .returning(OutboxItem.id)
        .execution_options(synchronize_session=False)
    )).scalars())
    # A row someone leased between the read and the update ends its route's share there.
    ids: list[int] = []
    stopped: set[int] = set()
    for route_id, i in taken:
        if route_id in stopped or i not in leased:
            stopped.add(route_id)
        else:
            ids.append(i)
    return ids


async def renew(
    session: AsyncSession, ids: Sequence[int], owner: str, until: datetime
) -> set[int]:
    """Extend ``owner``'s leases on ``ids``; returns the ids still held (pending and ours)."""
    if not ids:
        return set()
    held = set((await session.execute(
        select(OutboxItem.id).where(OutboxItem.id.in_(list(ids)), OutboxItem.status == PENDING,
                                    OutboxItem.lease_owner == owner)
    )).scalars())
    if held:
        await session.execute(
            update(OutboxItem).where(OutboxItem.id.in_(list(held)))
            .values(lease_expires_at=until).execution_options(synchronize_session=False)
        )
    return held


async def release(session: AsyncSession, owner: str | None = None) -> int:
    """End ``owner``'s leases on rows still pending (every lease when ``owner`` is None:
    at start-up on SQLite, where no other instance can hold one)."""
    stmt = update(OutboxItem).where(OutboxItem.status == PENDING,
                                    OutboxItem.lease_owner.is_not(None))
    if owner is not None:
        stmt = stmt.where(OutboxItem.lease_owner == owner)
    result = await session.execute(stmt.values(**CLEARED)
                                   .execution_options(synchronize_session=False))
    return int(result.rowcount)  # type: ignore[attr-defined]


async def next_due(
    session: AsyncSession, kinds: Collection[str] | None = None, owner: str | None = None,
) -> datetime | None:
    """When the next row can be claimed, so a worker knows how long to sleep.

    Only the oldest pending row of each route counts, the rows behind it wait
    for it; one leased by another instance counts from its lease's expiry.
    """
    heads = (select(func.min(OutboxItem.id).label("head"))
             .where(OutboxItem.status == PENDING).group_by(OutboxItem.route_id).subquery())
    stmt = (select(OutboxItem.next_attempt_at, OutboxItem.lease_owner,
                   OutboxItem.lease_expires_at)
            .join(heads, heads.c.head == OutboxItem.id)
            .join(AlertRoute, and_(AlertRoute.id == OutboxItem.route_id,
                                   AlertRoute.enabled.is_(True))))
    if kinds is not None:
        stmt = stmt.where(AlertRoute.sink_kind.in_(list(kinds)))
    times: list[datetime] = []
    for row in (await session.execute(stmt)).all():
        when = row.next_attempt_at
        leased = row.lease_owner is not None and row.lease_owner != owner \
            and row.lease_expires_at is not None
        times.append(max(when, row.lease_expires_at) if leased else when)
    return min(times, default=None)

