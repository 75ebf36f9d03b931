"""Test data: events written through the ORM as grouping writes them.

``open_event`` and ``join_event`` return the ``EventChange`` grouping would
return, so tests can feed them to the alert queue exactly as the pipeline does.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Event, EventPlatform, EventReport, Post
from storage.queries.event_changes import EventChange

PARENTS = {"outlier": "scale_ai", "remotasks": "scale_ai", "dataannotation": "surge_ai"}


async def open_event(
    session: AsyncSession, post_id: int, *, title: str | None = None,
    platforms: tuple[str, ...] = ("outlier",), event_type: str = "pay_cut",
    direction: str = "contraction", tier: str = "generalist", status: str = "reported",
    score: float = 80.0, guild_id: int | None = None, magnitude: dict[str, Any] | None = None,
    source_key: str | None = None, reason: str = "opened the event",
) -> EventChange:
    """A new event whose first report is ``post_id``."""
    post = await session.get(Post, post_id)
    assert post is not None
    event = Event(
        guild_id=guild_id, origin="reports", title=title or post.title,
        platforms=list(platforms), parents=[PARENTS.get(p, p) for p in platforms],
        event_type=event_type, direction=direction, tier=tier, magnitude=magnitude,
        first_seen=post.created_utc, last_seen=post.created_utc, status=status,
        status_changed_at=post.created_utc,
        confirmed_at=post.created_utc if status == "confirmed" else None, score=score,
        post_count=0, source_count=0, author_count=0, revision=0, features={},
        created_at=post.created_utc, updated_at=post.created_utc,
    )
    session.add(event)
    await session.flush()
    for p in platforms:
        session.add(EventPlatform(event_id=event.id, platform=p, parent=PARENTS.get(p, p),
                                  first_seen=post.created_utc, last_seen=post.created_utc))
    change = await join_event(session, event.id, post_id, source_key=source_key, reason=reason)
    return EventChange(event.id, True, change.revision, None, event.status, (post_id,))


async def join_event(
    session: AsyncSession, event_id: int, post_id: int, *, source_key: str | None = None,
    reason: str = "same platform and figures", role: str = "report",
    status: str | None = None, score: float | None = None, independent: bool = True,
) -> EventChange:
    """Add ``post_id`` to the event, recount it and bump its revision (a change alerts show)."""
    event = await session.get(Event, event_id, populate_existing=True)
    post = await session.get(Post, post_id)
    assert event is not None and post is not None
    key = source_key or (f"r/{post.subreddit}" if post.subreddit else (post.feed or "feed"))
    session.add(EventReport(post_id=post_id, event_id=event_id, role=role,
                            created_utc=post.created_utc, joined_at=post.created_utc,
                            source_key=key, independent=independent, reason=reason))
    await session.flush()
    before = event.status
    counts = (await session.execute(
        select(func.count(), func.count(func.distinct(EventReport.source_key)),
               func.count(func.distinct(Post.author)))
        .select_from(EventReport).join(Post, Post.id == EventReport.post_id)
        .where(EventReport.event_id == event_id)
    )).one()
    event.post_count, event.source_count, event.author_count = counts[0], counts[1], counts[2]
    event.last_seen = max(event.last_seen, post.created_utc)
    if status is not None and status != event.status:
        event.status = status
        event.status_changed_at = post.created_utc
        if status == "confirmed":
            event.confirmed_at = post.created_utc
    if score is not None:
        event.score = score
    event.revision += 1
    await session.flush()
    return EventChange(event_id, False, event.revision, before, event.status, (post_id,))


async def set_event(session: AsyncSession, event_id: int, **values: Any) -> EventChange:
    """Change fields of an event (status, score, ...) as a regrouping would; bumps the revision."""
    event = await session.get(Event, event_id, populate_existing=True)
    assert event is not None
    before = event.status
    for key, value in values.items():
        setattr(event, key, value)
    event.revision += 1
    await session.flush()
    return EventChange(event_id, False, event.revision, before, event.status, ())


async def alert_event(
    session: AsyncSession, external_id: str, *, title: str = "Rates cut",
    now: datetime | None = None, created: datetime | None = None, **event: Any,
) -> EventChange:
    """A signal post that opens its own event, with the event's alerts queued: the
    ``new`` message of every route that wants it."""
    from storage.queries.event_outbox import enqueue_event_alerts
    from tests.storage.signal_data import T0, Decision, add_post

    decision = Decision(platforms=tuple(event.get("platforms", ("outlier",))))
    post_id = await add_post(session, external_id, title=title, created=created or T0,
                             decision=decision)
    change = await open_event(session, post_id, **event)
    await enqueue_event_alerts(session, [change], now=now)
    return change


async def reject_event(session: AsyncSession, event_id: int, guild_id: int, at: datetime,
                       user_id: int = 7) -> None:
    """What the "not a signal" button stores: every report marked, then the event closed
    (for everyone when it is the guild's own, for that guild when it is public)."""
    from storage.queries.feedback import NOT_SIGNAL, add_feedback, close_if_rejected, report_posts

    await add_feedback(session, guild_id=guild_id, post_ids=await report_posts(session, event_id),
                       user_id=user_id, verdict=NOT_SIGNAL, event_id=event_id, now=at)
    assert await close_if_rejected(session, event_id, guild_id, at) is not None


async def deliver_new_messages(session: AsyncSession, at: datetime) -> None:
    """Every queued new message reached its channel, as message 1000 + route id, showing the
    revision it was queued with: what delivery records, without a Discord to post to."""
    from storage.queries.outbox import mark_sent, outbox_items

    for item in await outbox_items(session):
        if item.status == "pending" and item.kind == "new":
            await mark_sent(session, item.id, str(1000 + item.route_id), at,
                            revision=item.revision)
