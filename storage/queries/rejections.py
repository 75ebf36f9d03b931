"""Undoing a guild's "not a signal" on an event, and reading back who gave it.

Undoing withdraws the guild's "not a signal" rows on the event's reports
(its other feedback stays), so training no longer learns from them. A public
event a guild rejected has a row in ``event_rejections``; deleting
it lets the event back into that guild's reads and alerts from then on (what
its routes had queued was cancelled at the rejection and stays so). An event
of the guild's own sources was closed instead; undoing that reopens it with
the status its reports give it, a new revision, so every route's message of
it is edited to show it open again.

A server's lists of signal posts (``listed_here``) leave out the posts of
events it rejected and the posts whose current verdict in it is "not a
signal", so undoing brings both back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from storage.models import Event, EventRejection, EventReport, Feedback, Post
from storage.queries.event_changes import EventChange
from storage.queries.events import CLOSED
from storage.queries.feedback import NOT_SIGNAL, not_signal_posts


@dataclass(frozen=True)
class Rejection:
    """A guild's rejection of a public event: when, and by whom when the feedback says."""

    event_id: int
    guild_id: int
    created_at: datetime
    user_id: int | None
    """The member whose click rejected the last report; None if that row is gone."""


def listed_here(guild_id: int) -> ColumnElement[bool]:
    """Posts a server's lists show: not a report of an event it rejected, and not a post whose
    latest verdict in it is "not a signal" (an own event is closed, not rejected, so only its
    verdicts say so). Explaining one post by id does not use this, so it still answers.

    Both are read once per query (the guild's rejections and feedback are few), not once
    per post listed."""
    of_rejected = (select(EventReport.post_id)
                   .join(EventRejection, EventRejection.event_id == EventReport.event_id)
                   .where(EventRejection.guild_id == guild_id))
    return and_(Post.id.not_in(of_rejected), Post.id.not_in(not_signal_posts(guild_id)))


async def rejection_of(session: AsyncSession, event_id: int, guild_id: int) -> Rejection | None:
    """The guild's rejection of the event, or None when it has not rejected it."""
    row = await session.get(EventRejection, (event_id, guild_id))
    if row is None:
        return None
    user = (await session.execute(
        select(Feedback.user_id)
        .where(Feedback.event_id == event_id, Feedback.guild_id == guild_id,
               Feedback.verdict == NOT_SIGNAL, Feedback.created_at <= row.created_at)
        .order_by(Feedback.created_at.desc(), Feedback.id.desc()).limit(1))).scalar()
    return Rejection(event_id, guild_id, row.created_at, user)


async def remove_rejection(session: AsyncSession, event_id: int, guild_id: int) -> bool:
    """Delete the guild's rejection; False when there was none."""
    result = await session.execute(
        delete(EventRejection)
        .where(EventRejection.event_id == event_id, EventRejection.guild_id == guild_id))
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def withdraw_not_signal(
    session: AsyncSession, guild_id: int, post_ids: Sequence[int],
) -> int:
    """Delete the guild's "not a signal" rows on these posts; returns how many went."""
    if not post_ids:
        return 0
    result = await session.execute(
        delete(Feedback)
        .where(Feedback.guild_id == guild_id, Feedback.verdict == NOT_SIGNAL,
               Feedback.post_id.in_(list(post_ids))))
    return int(result.rowcount)  # type: ignore[attr-defined]


async def reopen_event(
    session: AsyncSession, event_id: int, status: str, now: datetime,
) -> EventChange | None:
    """Reopen a closed event with ``status``; None when it is not closed (nothing changes)."""
    found = (await session.execute(
        select(Event.revision, Event.confirmed_at)
        .where(Event.id == event_id, Event.status == CLOSED))).one_or_none()
    if found is None:
        return None
    revision = found.revision + 1
    values: dict[str, object] = {"status": status, "status_changed_at": now,
                                 "revision": revision, "updated_at": now}
    if status == "confirmed" and found.confirmed_at is None:
        values["confirmed_at"] = now
    await session.execute(update(Event).where(Event.id == event_id).values(**values))
    return EventChange(event_id, False, revision, CLOSED, status)
