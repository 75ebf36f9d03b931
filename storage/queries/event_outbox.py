"""Deciding what each route is told about the events a batch of posts changed.

``enqueue_event_alerts`` runs in the transaction that grouped the posts, on
the ``EventChange`` records grouping returned. Per event and enabled route:

- the route has its message for the event, or has one queued: when the
  event's revision went past what that message shows or will show, the
  route's one edit row is (re-)armed for the new revision; when the status
  became confirmed or disputed, one reply for that status is queued;
- its message was deleted by someone: nothing (not edited, not reposted);
- otherwise, when the event now passes the route's filters and the route
  may see it, a new message is queued (or a given-up one queued again).

A guild's channel routes see public events (``guild_id`` None) and their
own guild's; webhook and console routes see public events only. A guild that
marked every report of a public event not a signal (``event_rejections``)
gets nothing more of it on any of its routes, until it undoes that.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, case, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import AlertRoute, Event, EventRejection, OutboxItem
from storage.queries.event_changes import EventChange
from storage.queries.outbox import DEAD, EDIT, GONE, NEW, PENDING, REPLY, SENT
from storage.queries.posts import dialect_insert
from storage.types import UTCDateTime, utcnow

OUTBOX = cast(Table, OutboxItem.__table__)

REPLY_STATUSES = ("confirmed", "disputed")
"""Status changes that earn a reply to the route's message, so the channel notices."""
NO_REPLIES = ("console",)
"""Sinks whose edit line already says the status: a reply would repeat it."""


@dataclass(frozen=True)
class EventAlerts:
    """What one call queued for one event, by route id."""

    event_id: int
    new: tuple[int, ...] = ()
    edits: tuple[int, ...] = ()
    replies: tuple[int, ...] = ()

    def alert_for(self, route_id: int) -> str | None:
        """``new`` when the route's message was queued, ``update`` when an edit was, else None."""
        if route_id in self.new:
            return "new"
        if route_id in self.edits:
            return "update"
        return None

    @property
    def queued(self) -> int:
        return len(self.new) + len(self.edits) + len(self.replies)


@dataclass(frozen=True)
class EventFacts:
    """What deciding an event's alerts reads of it (not its features, which can be large)."""

    id: int
    guild_id: int | None
    score: float | None
    platforms: list[str] | None
    event_type: str
    tier: str
    revision: int


async def _event_facts(session: AsyncSession, ids: Sequence[int]) -> dict[int, EventFacts]:
    rows = await session.execute(
        select(Event.id, Event.guild_id, Event.score, Event.platforms, Event.event_type,
               Event.tier, Event.revision).where(Event.id.in_(ids)))
    return {row.id: EventFacts(*row) for row in rows.all()}


async def _rejections(session: AsyncSession, ids: Sequence[int]) -> set[tuple[int, int | None]]:
    """(event, guild) pairs where the guild closed the public event for itself."""
    rows = await session.execute(
        select(EventRejection.event_id, EventRejection.guild_id)
        .where(EventRejection.event_id.in_(ids)))
    return {(row.event_id, row.guild_id) for row in rows.all()}


@dataclass
class _Plan:
    inserts: list[dict[str, Any]] = field(default_factory=list)
    rearm: list[tuple[int, int]] = field(default_factory=list)
    """(row id, revision) of existing rows to arm again."""
    queued: dict[int, dict[str, list[int]]] = field(default_factory=dict)

    def note(self, event_id: int, what: str, route_id: int) -> None:
        self.queued.setdefault(event_id, {}).setdefault(what, []).append(route_id)


def visible(route: AlertRoute, event_guild_id: int | None) -> bool:
    """Public events go everywhere; a guild's own events only to that guild's channels."""
    return event_guild_id is None or route.guild_id == event_guild_id


def passes(route: AlertRoute, event: EventFacts) -> bool:
    """The route's filters, read against the event (its score, platforms, type and tier)."""
    if not visible(route, event.guild_id):
        return False
    if route.min_score is not None and (event.score or 0) < route.min_score:
        return False
    if route.platforms and not set(event.platforms or ()) & set(route.platforms):
        return False
    if route.event_types and event.event_type not in route.event_types:
        return False
    return not (route.tiers and event.tier not in route.tiers)


def _merged(changes: Iterable[EventChange]) -> list[EventChange]:
    """One change per event, in first-seen order, spanning every status move given."""
    out: dict[int, EventChange] = {}
    for c in changes:
        prior = out.get(c.event_id)
        if prior is None:
            out[c.event_id] = c
            continue
        out[c.event_id] = EventChange(
            event_id=c.event_id, opened=prior.opened or c.opened,
            revision=max(prior.revision, c.revision), status_before=prior.status_before,
            status_after=c.status_after, post_ids=(*prior.post_ids, *c.post_ids))
    return list(out.values())


async def enqueue_event_alerts(
    session: AsyncSession, changes: Sequence[EventChange], *, now: datetime | None = None,
    route_ids: Sequence[int] | None = None,
) -> dict[int, EventAlerts]:
    """Queue new messages, edits and replies for ``changes``; returns what was queued per event.

    Safe to call again with the same changes: nothing is queued twice.
    ``route_ids`` decides for those routes only, enabled or not (``labelwatch
    replay`` decides for a disabled route of its own, which nothing delivers);
    by default every enabled route is decided for.
    """
    merged = _merged(changes)
    if not merged:
        return {}
    now = now or utcnow()
    ids = [c.event_id for c in merged]
    events = await _event_facts(session, ids)
    which = AlertRoute.enabled.is_(True) if route_ids is None \
        else AlertRoute.id.in_(list(route_ids))
    routes = (await session.execute(
        select(AlertRoute).where(which).order_by(AlertRoute.id)
    )).scalars().all()
    if not routes or not events:
        return {}
    # Only guilds reject events: routes of none (replay's, webhooks) cost no query.
    rejected = await _rejections(session, ids) \
        if any(r.guild_id is not None for r in routes) else set()
    existing: dict[tuple[int, int, str, str], Any] = {}
    rows = await session.execute(
        select(OutboxItem.id, OutboxItem.event_id, OutboxItem.route_id, OutboxItem.kind,
               OutboxItem.event_status, OutboxItem.status, OutboxItem.revision,
               OutboxItem.shown_revision)
        .where(OutboxItem.event_id.in_(ids), OutboxItem.kind.in_((NEW, EDIT, REPLY)))
    )
    for row in rows.all():
        existing[(row.event_id, row.route_id, row.kind, row.event_status)] = row

    plan = _Plan()
    for change in merged:
        event = events.get(change.event_id)
        if event is None:
            continue
        for route in routes:
            if (event.id, route.guild_id) not in rejected:
                _decide(plan, change, event, route, existing, now)
    if plan.rearm:
        await _rearm(session, plan.rearm, now)
    if plan.inserts:
        # One statement run for every row (executemany): compiled once, however many rows.
        await session.execute(
            dialect_insert(session, OUTBOX).on_conflict_do_nothing(
                index_elements=["event_id", "route_id", "kind", "event_status"]),
            plan.inserts,
        )
    return {
        event_id: EventAlerts(event_id, tuple(q.get(NEW, ())), tuple(q.get(EDIT, ())),
                              tuple(q.get(REPLY, ())))
        for event_id, q in plan.queued.items()
    }


def _row(kind: str, event: EventFacts, route: AlertRoute, now: datetime, *, revision: int,
         status: str = "") -> dict[str, Any]:
    return {"kind": kind, "event_id": event.id, "route_id": route.id, "event_status": status,
            "revision": revision, "status": PENDING, "attempts": 0, "next_attempt_at": now,
            "created_at": now}


def _decide(
    plan: _Plan, change: EventChange, event: EventFacts, route: AlertRoute,
    existing: dict[tuple[int, int, str, str], Any], now: datetime,
) -> None:
    message = existing.get((event.id, route.id, NEW, ""))
    if message is not None and message.status == GONE:
        return
    if message is None or message.status == DEAD:
        if not passes(route, event):
            return
        if message is None:
            plan.inserts.append(_row(NEW, event, route, now, revision=event.revision))
        else:
            plan.rearm.append((message.id, event.revision))
        plan.note(event.id, NEW, route.id)
        return
    # The route has its message (SENT) or will have it (PENDING).
    edit = existing.get((event.id, route.id, EDIT, ""))
    known = message.shown_revision if message.status == SENT else None
    known = max(known or 0, message.revision or 0)
    if edit is not None and edit.status in (PENDING, SENT):
        known = max(known, edit.revision or 0)
    if event.revision > known:
        if edit is None:
            plan.inserts.append(_row(EDIT, event, route, now, revision=event.revision))
        else:
            plan.rearm.append((edit.id, event.revision))
        plan.note(event.id, EDIT, route.id)
    status = change.status_after
    if (status in REPLY_STATUSES and change.status_before not in (None, status)
            and route.sink_kind not in NO_REPLIES
            and (event.id, route.id, REPLY, status) not in existing):
        plan.inserts.append(_row(REPLY, event, route, now, revision=change.revision,
                                 status=status))
        plan.note(event.id, REPLY, route.id)


async def _rearm(session: AsyncSession, rows: list[tuple[int, int]], now: datetime) -> None:
    """Point rows at a newer revision; one that was sent or given up is due again from now.

    A row still pending keeps its attempts and backoff: it is already on its way.
    """
    waiting = OUTBOX.c.status == PENDING
    stmt = (
        update(OUTBOX)
        .where(OUTBOX.c.id == bindparam("row_id"))
        .values(
            revision=case((func.coalesce(OUTBOX.c.revision, 0) > bindparam("rev"),
                           OUTBOX.c.revision), else_=bindparam("rev")),
            attempts=case((waiting, OUTBOX.c.attempts), else_=0),
            next_attempt_at=case((waiting, OUTBOX.c.next_attempt_at),
                                 else_=bindparam("now", type_=UTCDateTime())),
            created_at=case((waiting, OUTBOX.c.created_at),
                            else_=bindparam("now", type_=UTCDateTime())),
            last_error=case((waiting, OUTBOX.c.last_error), else_=None),
            status=PENDING,
        )
    )
    await session.execute(stmt, [{"row_id": rid, "rev": rev, "now": now} for rid, rev in rows])
