"""Members' feedback on posts: storing it, reading it back, and what it closes.

Feedback is kept per guild: a guild reads only its own rows (``/signals
explain``, ``/alerts show``); the export for training reads every guild's.
Rows are added; the latest row of a post is its current verdict. Undoing a
guild's rejection of an event (``storage.queries.rejections``) deletes that
guild's "not a signal" rows on the event's reports.
When one guild's latest verdict on every report of an event is
``not_signal``, what closes depends on whose event it is. An event of that
guild's own sources is closed, the way quiet events are closed: its revision
grows, so every route's message is edited to show it. A public event is closed
for that guild only (``event_rejections``): its routes get no new message,
edit or reply of it and its reads leave it out, until the guild undoes it,
while every other guild keeps getting it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, case, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    AlertRoute,
    Event,
    EventRejection,
    EventReport,
    Feedback,
    OutboxItem,
    Post,
)
from storage.queries.event_changes import EventChange
from storage.queries.events import CLOSED
from storage.queries.outbox import DEAD, NEW, PENDING, SENT
from storage.queries.posts import dialect_insert
from storage.queries.postviews import PostView, post_columns, post_view
from storage.types import utcnow

NOT_SIGNAL, WRONG_DETAILS = "not_signal", "wrong_details"
VERDICTS = (NOT_SIGNAL, WRONG_DETAILS)


@dataclass(frozen=True)
class FeedbackView:
    """One stored verdict; corrected fields are None when the row does not change them."""

    id: int
    guild_id: int
    post_id: int
    event_id: int | None
    user_id: int
    verdict: str
    created_at: datetime
    event_type: str | None = None
    platforms: tuple[str, ...] | None = None
    tier: str | None = None


def _view(row: Feedback) -> FeedbackView:
    return FeedbackView(
        id=row.id, guild_id=row.guild_id, post_id=row.post_id, event_id=row.event_id,
        user_id=row.user_id, verdict=row.verdict, created_at=row.created_at,
        event_type=row.event_type,
        platforms=tuple(row.platforms) if row.platforms is not None else None, tier=row.tier)


async def report_posts(session: AsyncSession, event_id: int) -> list[int]:
    """The posts an event's alert speaks for: its reports (not denials or spikes), oldest first."""
    rows = await session.execute(
        select(EventReport.post_id)
        .where(EventReport.event_id == event_id, EventReport.role == "report")
        .order_by(EventReport.created_utc, EventReport.post_id))
    return list(rows.scalars())


async def post_exists(session: AsyncSession, post_id: int) -> bool:
    return (await session.get(Post, post_id)) is not None


async def add_feedback(
    session: AsyncSession, *, guild_id: int, post_ids: Sequence[int], user_id: int,
    verdict: str, event_id: int | None = None, event_type: str | None = None,
    platforms: Sequence[str] | None = None, tier: str | None = None,
    now: datetime | None = None,
) -> int:
    """One row per post; returns how many were stored."""
    if verdict not in VERDICTS:
        raise ValueError(f"unknown verdict {verdict!r}")
    now = now or utcnow()
    session.add_all(
        Feedback(guild_id=guild_id, post_id=post_id, event_id=event_id, user_id=user_id,
                 verdict=verdict, event_type=event_type,
                 platforms=list(platforms) if platforms is not None else None, tier=tier,
                 created_at=now)
        for post_id in post_ids)
    await session.flush()
    return len(post_ids)


@dataclass(frozen=True)
class Closing:
    """What one guild's rejection of every report of an event closed."""

    change: EventChange | None = None
    """The event closed for everyone (it was the guild's own): queue every route's edit."""
    for_guild: bool = False
    """The public event closed for this guild's routes only."""


def current_verdicts(guild_id: int, post_ids: Sequence[int] | None = None) -> Select[Any]:
    """(post_id, verdict): each post's current verdict in one guild's feedback (the newest
    row wins), over ``post_ids`` or all the guild's rows. One ranking over the guild's rows,
    not a lookup per post, so a list of posts can leave out those rejected in one pass."""
    newest = func.row_number().over(partition_by=Feedback.post_id,
                                    order_by=(Feedback.created_at.desc(), Feedback.id.desc()))
    ranked = select(Feedback.post_id, Feedback.verdict, newest.label("n")) \
        .where(Feedback.guild_id == guild_id)
    if post_ids is not None:
        ranked = ranked.where(Feedback.post_id.in_(list(post_ids)))
    sub = ranked.subquery()
    return select(sub.c.post_id, sub.c.verdict).where(sub.c.n == 1)


def not_signal_posts(guild_id: int) -> Select[Any]:
    """(post_id): the posts whose current verdict in the guild is "not a signal", the ones its
    lists and counts leave out even inside an event it kept."""
    latest = current_verdicts(guild_id).subquery()
    return select(latest.c.post_id).where(latest.c.verdict == NOT_SIGNAL)


async def _latest_verdicts(
    session: AsyncSession, post_ids: Sequence[int], guild_id: int,
) -> dict[int, str]:
    """Each post's current verdict in one guild's feedback."""
    rows = await session.execute(current_verdicts(guild_id, post_ids))
    return {post_id: verdict for post_id, verdict in rows.all()}


async def all_rejected(session: AsyncSession, post_ids: Sequence[int], guild_id: int) -> bool:
    """Whether ``guild_id``'s current verdict on every one of these posts (an event's reports)
    is not a signal; False for none."""
    if not post_ids:
        return False
    verdicts = await _latest_verdicts(session, post_ids, guild_id)
    return all(verdicts.get(p) == NOT_SIGNAL for p in post_ids)


async def close_if_rejected(
    session: AsyncSession, event_id: int, guild_id: int, now: datetime | None = None,
) -> Closing | None:
    """Close the event, for everyone or for ``guild_id`` only, when that guild marked every
    report not a signal; None when it did not or the event was already closed."""
    if not await all_rejected(session, await report_posts(session, event_id), guild_id):
        return None
    found = (await session.execute(
        select(Event.status, Event.revision, Event.guild_id).where(Event.id == event_id))
    ).one_or_none()
    if found is None or found.status == CLOSED:
        return None
    now = now or utcnow()
    if found.guild_id is None:
        await _close_for_guild(session, event_id, guild_id, now)
        return Closing(for_guild=True)
    revision = found.revision + 1
    await session.execute(update(Event).where(Event.id == event_id).values(
        status=CLOSED, status_changed_at=now, revision=revision, updated_at=now))
    return Closing(EventChange(event_id, False, revision, found.status, CLOSED))


async def _close_for_guild(
    session: AsyncSession, event_id: int, guild_id: int, now: datetime,
) -> None:
    """Record the guild's rejection and drop what its routes still had queued of the event."""
    await session.execute(
        dialect_insert(session, EventRejection.__table__).on_conflict_do_nothing(
            index_elements=["event_id", "guild_id"]),
        [{"event_id": event_id, "guild_id": guild_id, "created_at": now}])
    routes = select(AlertRoute.id).where(AlertRoute.guild_id == guild_id)
    await session.execute(
        update(OutboxItem)
        .where(OutboxItem.event_id == event_id, OutboxItem.status == PENDING,
               OutboxItem.route_id.in_(routes))
        .values(status=DEAD, last_error="marked not a signal in this server"))


async def mark_message_shows(
    session: AsyncSession, message_id: int, event_id: int, revision: int,
) -> None:
    """Record that the route's message ``message_id`` already shows ``revision``.

    Used when the message was edited in answer to a click: no queued edit
    needs to repeat it.
    """
    await session.execute(
        update(OutboxItem)
        .where(OutboxItem.message_id == str(message_id), OutboxItem.event_id == event_id,
               OutboxItem.kind == NEW, OutboxItem.status == SENT)
        .values(shown_revision=case(
            (func.coalesce(OutboxItem.shown_revision, 0) > revision, OutboxItem.shown_revision),
            else_=revision)))


async def post_feedback(session: AsyncSession, guild_id: int, post_id: int) -> list[FeedbackView]:
    """One guild's feedback on one post, oldest first."""
    rows = await session.execute(
        select(Feedback).where(Feedback.guild_id == guild_id, Feedback.post_id == post_id)
        .order_by(Feedback.created_at, Feedback.id))
    return [_view(r) for r in rows.scalars()]


async def feedback_counts(session: AsyncSession, guild_id: int) -> dict[str, int]:
    """How many posts this guild marked, by verdict (a post counted once per verdict)."""
    rows = await session.execute(
        select(Feedback.verdict, func.count(func.distinct(Feedback.post_id)))
        .where(Feedback.guild_id == guild_id).group_by(Feedback.verdict))
    counts = {verdict: 0 for verdict in VERDICTS}
    counts.update({verdict: int(n) for verdict, n in rows.all()})
    return counts


async def labelled_posts(
    session: AsyncSession, *, batch: int = 500,
) -> list[tuple[PostView, list[FeedbackView]]]:
    """Every post with feedback, oldest post first, with every guild's rows oldest first."""
    ids = list((await session.execute(
        select(Feedback.post_id).distinct().order_by(Feedback.post_id))).scalars())
    out: list[tuple[PostView, list[FeedbackView]]] = []
    for start in range(0, len(ids), batch):
        chunk = ids[start:start + batch]
        posts: dict[int, Any] = {
            row.id: post_view(row) for row in (await session.execute(
                select(*post_columns(body_chars=40_000)).where(Post.id.in_(chunk)))).all()}
        rows: dict[int, list[FeedbackView]] = {}
        for fb in (await session.execute(
                select(Feedback).where(Feedback.post_id.in_(chunk))
                .order_by(Feedback.created_at, Feedback.id))).scalars():
            rows.setdefault(fb.post_id, []).append(_view(fb))
        out.extend((posts[i], rows[i]) for i in chunk if i in posts)
    out.sort(key=lambda pair: (pair[0].created_utc, pair[0].id))
    return out
