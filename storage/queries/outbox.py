"""The outbox: alerts written with their verdict, sent later, never twice.

``enqueue_alerts`` runs in the transaction that stores the verdict, so a
crash either keeps both or neither. Rows stay ``pending`` until a sink
confirms delivery (``sent``) or delivery is given up (``dead``). Each route is
delivered strictly in id order: ``claim_due`` never hands out an item while
an earlier item of the same route is waiting for its retry.

One worker per database is assumed (the bot runs one); ``claim_due`` reads
without leasing, so two workers on one database could both send an item.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import and_, exists, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from storage.models import AlertRoute, GuildSource, OutboxItem, Post
from storage.queries.posts import dialect_insert
from storage.queries.postviews import PostView, post_columns, post_view
from storage.types import utcnow

PENDING, SENT, DEAD = "pending", "sent", "dead"


@dataclass(frozen=True)
class RouteTarget:
    """Where one outbox item goes."""

    route_id: int
    kind: str
    sink_id: str = field(repr=False)  # a webhook URL holds its token: keep it out of logs
    guild_id: int | None
    ping_role_id: int | None


@dataclass(frozen=True)
class OutboxView:
    """Everything a sink needs to deliver one alert, with no session attached."""

    id: int
    attempts: int
    created_at: datetime
    route: RouteTarget
    post: PostView


def _matches(route: AlertRoute, post: Post, watched: set[str] | None) -> bool:
    platforms = set(post.platforms or ())
    if route.min_score is not None and (post.score or 0) < route.min_score:
        return False
    if route.platforms and not platforms & set(route.platforms):
        return False
    if route.event_types and post.event_type not in route.event_types:
        return False
    if route.tiers and post.tier not in route.tiers:
        return False
    return watched is None or bool(platforms & watched)


async def enqueue_alerts(
    session: AsyncSession, post_id: int, *,
    global_platforms: Collection[str] | None = None, now: datetime | None = None,
) -> int:
    """Queue one alert per enabled route that wants this post; returns how many were new.

    Call it after ``save_score`` in the same transaction. Re-scoring a post
    never duplicates an alert (one row per post and route); a post re-scored
    as noise has its unsent alerts dropped.

    Which posts a guild's channel routes see: a guild watches the platforms
    of the global sources plus the platforms of its own ``/platforms watch``
    sources. ``global_platforms`` is the former; ``None`` means the global
    sources cover every platform (the built-in sources do), so every guild
    sees every signal and a guild source only adds posts to the pool.
    Webhook and console routes belong to no guild and see every signal.
    """
    post = await session.get(Post, post_id, populate_existing=True)
    if post is None:
        raise LookupError(f"post {post_id} does not exist")
    if not post.is_signal:
        await session.execute(
            update(OutboxItem)
            .where(OutboxItem.post_id == post_id, OutboxItem.status == PENDING)
            .values(status=DEAD, last_error="re-scored as not a signal")
        )
        return 0
    routes = (await session.execute(
        select(AlertRoute).where(AlertRoute.enabled.is_(True)).order_by(AlertRoute.id)
    )).scalars().all()
    guild_watch: dict[int, set[str]] = {}
    if global_platforms is not None:
        guild_ids = {r.guild_id for r in routes if r.guild_id is not None}
        if guild_ids:
            rows = await session.execute(
                select(GuildSource.guild_id, GuildSource.platform)
                .where(GuildSource.guild_id.in_(guild_ids))
            )
            for gid, platform in rows.all():
                guild_watch.setdefault(gid, set()).add(platform)

    def watched(route: AlertRoute) -> set[str] | None:
        if route.guild_id is None or global_platforms is None:
            return None
        return set(global_platforms) | guild_watch.get(route.guild_id, set())

    now = now or utcnow()
    values = [
        {"post_id": post_id, "route_id": r.id, "status": PENDING, "attempts": 0,
         "next_attempt_at": now, "created_at": now}
        for r in routes if _matches(r, post, watched(r))
    ]
    if not values:
        return 0
    result = await session.execute(
        dialect_insert(session, OutboxItem).values(values)
        .on_conflict_do_nothing(index_elements=["post_id", "route_id"])
        .returning(OutboxItem.id)
    )
    return len(result.all())


async def claim_due(
    session: AsyncSession, now: datetime, limit: int, *,
    per_route: int | None = None, kinds: Collection[str] | None = None,
) -> list[OutboxView]:
    """Pending alerts that may be sent now, ordered by route then id.

    An item waits while an earlier pending item of its route is backing off,
    which is what keeps each channel's alerts in order across retries.
    ``per_route`` caps each route's share so one backlog cannot starve the
    others; ``kinds`` limits the claim to sinks the caller can deliver to.
    """
    earlier = aliased(OutboxItem)
    blocked = exists().where(
        earlier.route_id == OutboxItem.route_id,
        earlier.status == PENDING,
        earlier.id < OutboxItem.id,
        earlier.next_attempt_at > now,
    )
    conditions = [
        OutboxItem.status == PENDING,
        OutboxItem.next_attempt_at <= now,
        AlertRoute.enabled.is_(True),
        ~blocked,
    ]
    if kinds is not None:
        conditions.append(AlertRoute.sink_kind.in_(list(kinds)))
    rank = func.row_number().over(partition_by=OutboxItem.route_id, order_by=OutboxItem.id)
    due = (
        select(OutboxItem.id.label("oid"), rank.label("rank"))
        .join(AlertRoute, AlertRoute.id == OutboxItem.route_id)
        .where(and_(*conditions))
        .subquery()
    )
    stmt = (
        select(
            OutboxItem.id.label("outbox_id"), OutboxItem.attempts,
            OutboxItem.created_at.label("outbox_created_at"),
            AlertRoute.id.label("route_id"), AlertRoute.sink_kind, AlertRoute.sink_id,
            AlertRoute.guild_id, AlertRoute.ping_role_id,
            *post_columns(),
        )
        .select_from(due)
        .join(OutboxItem, OutboxItem.id == due.c.oid)
        .join(AlertRoute, AlertRoute.id == OutboxItem.route_id)
        .join(Post, Post.id == OutboxItem.post_id)
        .order_by(OutboxItem.route_id, OutboxItem.id)
        .limit(limit)
    )
    if per_route is not None:
        stmt = stmt.where(due.c.rank <= per_route)
    rows = (await session.execute(stmt)).all()
    return [_outbox_view(r) for r in rows]


def _outbox_view(row: Any) -> OutboxView:
    m = row._mapping
    return OutboxView(
        id=m["outbox_id"], attempts=m["attempts"], created_at=m["outbox_created_at"],
        route=RouteTarget(route_id=m["route_id"], kind=m["sink_kind"], sink_id=m["sink_id"],
                          guild_id=m["guild_id"], ping_role_id=m["ping_role_id"]),
        post=post_view(row),
    )


async def mark_sent(
    session: AsyncSession, outbox_id: int, message_id: str | None, now: datetime
) -> bool:
    """Record a confirmed delivery; False if the item was no longer pending."""
    result = await session.execute(
        update(OutboxItem).where(OutboxItem.id == outbox_id, OutboxItem.status == PENDING)
        .values(status=SENT, message_id=message_id, sent_at=now,
                attempts=OutboxItem.attempts + 1, last_error=None)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def mark_retry(
    session: AsyncSession, outbox_id: int, error: str, next_attempt_at: datetime
) -> bool:
    result = await session.execute(
        update(OutboxItem).where(OutboxItem.id == outbox_id, OutboxItem.status == PENDING)
        .values(attempts=OutboxItem.attempts + 1, last_error=error[:2000],
                next_attempt_at=next_attempt_at)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def mark_dead(session: AsyncSession, outbox_id: int, error: str) -> bool:
    result = await session.execute(
        update(OutboxItem).where(OutboxItem.id == outbox_id, OutboxItem.status == PENDING)
        .values(status=DEAD, attempts=OutboxItem.attempts + 1, last_error=error[:2000])
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def next_due(session: AsyncSession, kinds: Collection[str] | None = None) -> datetime | None:
    """When the next alert can be claimed, so a worker knows how long to sleep.

    Only the oldest pending item of each route counts: the ones behind it
    wait for it, however long ago they became due themselves.
    """
    head = aliased(OutboxItem)
    first_pending = (
        select(func.min(head.id))
        .where(head.route_id == OutboxItem.route_id, head.status == PENDING)
        .scalar_subquery()
    )
    stmt = (
        select(func.min(OutboxItem.next_attempt_at))
        .join(AlertRoute, AlertRoute.id == OutboxItem.route_id)
        .where(OutboxItem.status == PENDING, AlertRoute.enabled.is_(True),
               OutboxItem.id == first_pending)
    )
    if kinds is not None:
        stmt = stmt.where(AlertRoute.sink_kind.in_(list(kinds)))
    value: datetime | None = (await session.execute(stmt)).scalar_one_or_none()
    return value


@dataclass(frozen=True)
class OutboxItemView:
    """An outbox row for inspection (tests, the operator's status command)."""

    id: int
    post_id: int
    route_id: int
    status: str
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    message_id: str | None
    sent_at: datetime | None


async def outbox_items(
    session: AsyncSession, *, route_id: int | None = None, post_id: int | None = None
) -> list[OutboxItemView]:
    stmt = select(OutboxItem).order_by(OutboxItem.id)
    if route_id is not None:
        stmt = stmt.where(OutboxItem.route_id == route_id)
    if post_id is not None:
        stmt = stmt.where(OutboxItem.post_id == post_id)
    return [
        OutboxItemView(o.id, o.post_id, o.route_id, o.status, o.attempts, o.next_attempt_at,
                       o.last_error, o.message_id, o.sent_at)
        for o in (await session.execute(stmt)).scalars()
    ]
