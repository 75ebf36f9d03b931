"""Keeping events' alert history through ``labelwatch events rebuild``.

A rebuild drops the events built from reports and groups their posts again,
and the outbox rows of an event (its routes' messages, their edits and
status replies) would go with it: the message already in a channel would be
orphaned, and the rebuilt event, having no message, would be posted again
at its next report. So before the events are dropped their alert rows are
set aside with the posts each event held (``hold_event_alerts``), and once
the posts are grouped again each route's rows move to the rebuilt event
that holds most of those posts (``carry_event_alerts``): the message keeps
its id, a later report edits it, and a reply already sent is not sent again.

A route has one message per event, so when two old events with a message
on the same route are rebuilt as one, the first (the one with the larger
share of its posts there) keeps the message and the other tries the next
rebuilt event holding its posts; rows that find no place are dropped (the
message stays in the channel as it is). Everything runs in the rebuild's
one transaction: a rebuild that fails leaves the rows where they were.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import cast

from sqlalchemy import Table, bindparam, case, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Event, EventReport, OutboxItem
from storage.queries.outbox import EDIT, NEW, REPLY, SENT

OUTBOX = cast(Table, OutboxItem.__table__)
EVENT_KINDS = (NEW, EDIT, REPLY)
_CHUNK = 500


@dataclass
class HeldAlerts:
    """Alert rows set aside from the events about to be dropped, with those events' posts."""

    rows: dict[int, dict[int, list[int]]] = field(default_factory=dict)
    """Old event id -> route id -> outbox row ids."""
    posts: dict[int, list[int]] = field(default_factory=dict)
    """Old event id -> the posts it held as reports."""

    @property
    def row_ids(self) -> list[int]:
        return [r for routes in self.rows.values() for ids in routes.values() for r in ids]


@dataclass(frozen=True)
class Carried:
    """What ``carry_event_alerts`` did: rows moved (and to how many events), rows dropped."""

    rows: int = 0
    events: int = 0
    dropped: int = 0


async def hold_event_alerts(session: AsyncSession) -> HeldAlerts:
    """Detach the alert rows of events built from reports, so dropping the events keeps them."""
    held = HeldAlerts()
    report_events = select(Event.id).where(Event.origin == "reports")
    rows = await session.execute(
        select(OutboxItem.id, OutboxItem.event_id, OutboxItem.route_id)
        .where(OutboxItem.event_id.in_(report_events), OutboxItem.kind.in_(EVENT_KINDS))
        .order_by(OutboxItem.id)
    )
    for row_id, event_id, route_id in rows.all():
        if event_id is None:  # excluded by the query; for the type
            continue
        held.rows.setdefault(event_id, {}).setdefault(route_id, []).append(row_id)
    if not held.rows:
        return held
    alerted = select(OutboxItem.event_id).where(OutboxItem.event_id.in_(report_events),
                                                OutboxItem.kind.in_(EVENT_KINDS))
    posts = await session.execute(
        select(EventReport.event_id, EventReport.post_id)
        .where(EventReport.event_id.in_(alerted), EventReport.role == "report")
        .order_by(EventReport.created_utc, EventReport.post_id)
    )
    for event_id, post_id in posts.all():
        held.posts.setdefault(event_id, []).append(post_id)
    await session.execute(
        update(OutboxItem)
        .where(OutboxItem.event_id.in_(report_events), OutboxItem.kind.in_(EVENT_KINDS))
        .values(event_id=None)
    )
    return held


async def _new_event_of(session: AsyncSession, post_ids: Sequence[int]) -> dict[int, int]:
    out: dict[int, int] = {}
    for start in range(0, len(post_ids), _CHUNK):
        chunk = post_ids[start:start + _CHUNK]
        rows = await session.execute(
            select(EventReport.post_id, EventReport.event_id)
            .where(EventReport.post_id.in_(chunk), EventReport.role == "report"))
        out.update({post: event for post, event in rows.all()})
    return out


async def _revisions(session: AsyncSession, event_ids: Sequence[int]) -> dict[int, int]:
    out: dict[int, int] = {}
    for start in range(0, len(event_ids), _CHUNK):
        chunk = event_ids[start:start + _CHUNK]
        rows = await session.execute(select(Event.id, Event.revision).where(Event.id.in_(chunk)))
        out.update({i: r or 0 for i, r in rows.all()})
    return out


async def carry_event_alerts(session: AsyncSession, held: HeldAlerts) -> Carried:
    """Attach each held route's rows to the rebuilt event holding most of its old event's posts.

    The rows then stand for the rebuilt event as it is now (their revision
    is its revision; a sent message counts as showing it), so no edit is
    queued by the rebuild itself and the next report that changes the event
    edits the message.
    """
    if not held.rows:
        return Carried()
    placed = await _new_event_of(session, sorted({p for ps in held.posts.values() for p in ps}))
    candidates: dict[int, list[int]] = {}
    strength: dict[int, int] = {}
    for old, posts in held.posts.items():
        counts = Counter(placed[p] for p in posts if p in placed)
        candidates[old] = sorted(counts, key=lambda e: (-counts[e], e))
        strength[old] = max(counts.values(), default=0)
    taken: set[tuple[int, int]] = set()
    moves: list[tuple[int, int]] = []
    dropped: list[int] = []
    for old in sorted(held.rows, key=lambda o: (-strength.get(o, 0), o)):
        for route, ids in held.rows[old].items():
            target = next((e for e in candidates.get(old, ()) if (e, route) not in taken), None)
            if target is None:
                dropped.extend(ids)
                continue
            taken.add((target, route))
            moves.extend((row_id, target) for row_id in ids)
    revisions = await _revisions(session, sorted({t for _, t in moves}))
    if moves:
        await session.execute(
            update(OUTBOX).where(OUTBOX.c.id == bindparam("row_id")).values(
                event_id=bindparam("target"), revision=bindparam("rev"),
                shown_revision=case((OUTBOX.c.status == SENT, bindparam("rev")),
                                    else_=OUTBOX.c.shown_revision)),
            [{"row_id": r, "target": t, "rev": revisions.get(t, 0)} for r, t in moves],
        )
    for start in range(0, len(dropped), _CHUNK):
        await session.execute(delete(OutboxItem).where(
            OutboxItem.id.in_(dropped[start:start + _CHUNK]), OutboxItem.event_id.is_(None)))
    return Carried(rows=len(moves), events=len({t for _, t in moves}), dropped=len(dropped))
