"""Per-post alerts: one row per signal post and route (the queue before events).

The pipeline queues these until it groups posts into events; the outbox
worker delivers any that are still pending, as they were queued.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import AlertRoute, GuildSource, OutboxItem, Post
from storage.queries.outbox import DEAD, PENDING, POST
from storage.queries.posts import dialect_insert
from storage.types import utcnow


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
        {"kind": POST, "post_id": post_id, "route_id": r.id, "status": PENDING, "attempts": 0,
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

