"""The outbox: what each route must be told, written with the decision, sent later.

Rows are written in the transaction that changed the events they announce
(``storage.queries.event_outbox``), so a crash keeps both or neither. A row
stays ``pending`` until a sink confirms it (``sent``) or it is given up
(``dead``). Each route is delivered strictly in id order: ``claim_due`` never
hands out an item while an earlier item of the same route is waiting for its
retry.

Edits and replies need the route's message of their event: they are claimed
only once that ``new`` row is sent, and die with it when it dies. An edit
renders the event as it is when sent, so sending one twice (a crash after
Discord applied it, before it was marked) shows the same thing twice: nothing
applied twice in effect. A row re-armed while it was being sent stays pending
(``mark_sent`` compares revisions), so no change is ever skipped.

Several instances may deliver from one PostgreSQL database: a claim leases
its rows to the claiming instance (``storage.queries.outbox_claims``), and
every status change ends the lease.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, false, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from storage.models import AlertRoute, OutboxItem, Post
from storage.queries.event_views import EventView, load_events
from storage.queries.index import CrossingAlert, crossing_alerts
from storage.queries.outbox_claims import CLEARED, claim_ids
from storage.queries.outbox_claims import next_due as claims_next_due
from storage.queries.postviews import PostView, post_columns, post_view

PENDING, SENT, DEAD, GONE = "pending", "sent", "dead", "gone"
"""Row states; ``gone`` marks a sent ``new`` row whose message was deleted since."""
POST, NEW, EDIT, REPLY = "post", "new", "edit", "reply"
"""Row kinds: a per-post alert (queued before events), an event's message, its edit, a reply."""
CONVERGENCE = "convergence"
"""A recorded convergence crossing of the cross-platform index (``crossing_id``)."""


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
    """Everything a sink needs to deliver one item, with no session attached.

    ``event`` is the event as it stands at the claim, which is what a new
    message or an edit shows. ``message_id`` is the route's message of the
    event (for edits and replies), ``message_revision`` the revision that
    message showed when it was posted and ``shown_revision`` the one this
    row last delivered.
    """

    id: int
    attempts: int
    created_at: datetime
    route: RouteTarget
    kind: str = POST
    post: PostView | None = None
    event: EventView | None = None
    message_id: str | None = None
    event_status: str = ""
    revision: int | None = None
    message_revision: int | None = None
    shown_revision: int | None = None
    crossing: CrossingAlert | None = None
    """The crossing a ``convergence`` item announces, with its events."""

    @property
    def needless(self) -> bool:
        """True when the route's message already shows what this item would say."""
        if self.kind == EDIT and self.event is not None:
            shown = max(self.message_revision or 0, self.shown_revision or 0)
            return shown >= self.event.revision
        if self.kind == REPLY and self.revision is not None:
            # The message was posted when the event already had this status.
            return (self.message_revision or 0) >= self.revision
        return False


def _message_of(row: Any) -> Any:
    """The ``new`` row that an edit or reply ``row`` refers to."""
    return and_(row.event_id == OutboxItem.event_id, row.route_id == OutboxItem.route_id,
                row.kind == NEW, row.event_status == "")


async def claim_due(
    session: AsyncSession, now: datetime, limit: int, *,
    per_route: int | None = None, kinds: Collection[str] | None = None,
    owner: str | None = None, lease: timedelta = timedelta(seconds=60),
) -> list[OutboxView]:
    """Pending items that may be delivered now, ordered by route then id.

    An item waits while an earlier pending item of its route is backing off
    or leased by another instance, which keeps each channel's alerts in
    order across retries and instances; an edit or reply also waits until
    its event's message is sent. ``per_route`` caps each route's share so
    one backlog cannot starve the others; ``kinds`` limits the claim to
    sinks the caller can deliver to. With an ``owner`` the items are leased
    to it until ``now + lease`` (see ``storage.queries.outbox_claims``).
    """
    ids = await claim_ids(session, now, limit, per_route=per_route, kinds=kinds, owner=owner,
                          lease=lease)
    if not ids:
        return []
    message = aliased(OutboxItem)
    stmt = (
        select(
            OutboxItem.id.label("outbox_id"), OutboxItem.attempts, OutboxItem.kind,
            OutboxItem.created_at.label("outbox_created_at"), OutboxItem.event_id,
            OutboxItem.event_status, OutboxItem.revision.label("outbox_revision"),
            OutboxItem.shown_revision, OutboxItem.crossing_id,
            message.message_id.label("message_id"),
            message.shown_revision.label("message_revision"),
            AlertRoute.id.label("route_id"), AlertRoute.sink_kind, AlertRoute.sink_id,
            AlertRoute.guild_id, AlertRoute.ping_role_id,
            *post_columns(),
        )
        .select_from(OutboxItem)
        .join(AlertRoute, AlertRoute.id == OutboxItem.route_id)
        .outerjoin(message, and_(OutboxItem.kind.in_((EDIT, REPLY)), _message_of(message)))
        .outerjoin(Post, Post.id == OutboxItem.post_id)
        .where(OutboxItem.id.in_(ids))
        .order_by(OutboxItem.route_id, OutboxItem.id)
    )
    rows = (await session.execute(stmt)).all()
    events = await load_events(session, {r.event_id for r in rows if r.event_id is not None})
    crossings = await crossing_alerts(
        session, {r.crossing_id for r in rows if r.crossing_id is not None})
    views = [_outbox_view(r, events, crossings) for r in rows]
    # An event (or crossing) deleted since its row was read has nothing left to show.
    return [v for v in views if v.kind == POST or v.event is not None or v.crossing is not None]


def _outbox_view(row: Any, events: dict[int, EventView],
                 crossings: dict[int, CrossingAlert] | None = None) -> OutboxView:
    m = row._mapping
    return OutboxView(
        id=m["outbox_id"], attempts=m["attempts"], created_at=m["outbox_created_at"],
        route=RouteTarget(route_id=m["route_id"], kind=m["sink_kind"], sink_id=m["sink_id"],
                          guild_id=m["guild_id"], ping_role_id=m["ping_role_id"]),
        kind=m["kind"],
        post=post_view(row) if m["kind"] == POST and m["id"] is not None else None,
        event=events.get(m["event_id"]) if m["event_id"] is not None else None,
        message_id=m["message_id"], event_status=m["event_status"] or "",
        revision=m["outbox_revision"], message_revision=m["message_revision"],
        shown_revision=m["shown_revision"],
        crossing=(crossings or {}).get(m["crossing_id"]) if m["crossing_id"] is not None
        else None,
    )


async def mark_sent(
    session: AsyncSession, outbox_id: int, message_id: str | None, now: datetime, *,
    revision: int | None = None,
) -> bool:
    """Record a confirmed delivery that showed event ``revision``; False if not pending.

    An edit re-armed for a newer revision while it was being sent stays
    pending, due at once, so that newer state goes out too.
    """
    outdated = and_(OutboxItem.kind == EDIT, OutboxItem.revision > revision) \
        if revision is not None else false()
    values: dict[str, Any] = {
        "status": case((outdated, PENDING), else_=SENT),
        "attempts": case((outdated, 0), else_=OutboxItem.attempts + 1),
        "next_attempt_at": case((outdated, now), else_=OutboxItem.next_attempt_at),
        "sent_at": now, "last_error": None, "shown_revision": revision, **CLEARED,
    }
    if message_id is not None:
        values["message_id"] = message_id
    result = await session.execute(
        update(OutboxItem).where(OutboxItem.id == outbox_id, OutboxItem.status == PENDING)
        .values(**values)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def mark_retry(
    session: AsyncSession, outbox_id: int, error: str, next_attempt_at: datetime
) -> bool:
    result = await session.execute(
        update(OutboxItem).where(OutboxItem.id == outbox_id, OutboxItem.status == PENDING)
        .values(attempts=OutboxItem.attempts + 1, last_error=error[:2000],
                next_attempt_at=next_attempt_at, **CLEARED)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def _drop_followers(session: AsyncSession, row: OutboxItem, error: str) -> int:
    """Pending edits and replies of ``row``'s event and route: nothing left to edit or answer."""
    result = await session.execute(
        update(OutboxItem)
        .where(OutboxItem.event_id == row.event_id, OutboxItem.route_id == row.route_id,
               OutboxItem.kind.in_((EDIT, REPLY)), OutboxItem.status == PENDING)
        .values(status=DEAD, last_error=error[:2000])
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


async def _give_up(session: AsyncSession, outbox_id: int, error: str) -> OutboxItem | None:
    """Mark a pending item dead with its error and free its lease; None when not pending."""
    row = await session.get(OutboxItem, outbox_id)
    if row is None or row.status != PENDING:
        return None
    row.status = DEAD
    row.attempts += 1
    row.last_error = error[:2000]
    row.lease_owner = row.lease_expires_at = None
    await session.flush()
    return row


async def mark_dead(session: AsyncSession, outbox_id: int, error: str) -> bool:
    """Give an item up; a ``new`` message given up takes its pending edits and replies along."""
    row = await _give_up(session, outbox_id, error)
    if row is None:
        return False
    if row.kind == NEW:
        await _drop_followers(session, row, "the event's message was never sent")
    return True


async def mark_gone(session: AsyncSession, outbox_id: int, error: str) -> bool:
    """An edit or reply found the route's message deleted: drop it, and stop editing it.

    The ``new`` row becomes ``gone`` so later changes neither edit the
    deleted message nor post it again: someone removed it on purpose.
    """
    row = await _give_up(session, outbox_id, error)
    if row is None:
        return False
    if row.event_id is not None:
        await session.execute(
            update(OutboxItem)
            .where(OutboxItem.event_id == row.event_id, OutboxItem.route_id == row.route_id,
                   OutboxItem.kind == NEW, OutboxItem.status == SENT)
            .values(status=GONE, last_error=error[:2000])
        )
        await _drop_followers(session, row, f"the event's message is gone: {error}")
    return True


async def next_due(
    session: AsyncSession, kinds: Collection[str] | None = None, owner: str | None = None,
) -> datetime | None:
    """When the next item can be claimed, so a worker knows how long to sleep."""
    return await claims_next_due(session, kinds, owner)


@dataclass(frozen=True)
class OutboxItemView:
    """An outbox row for inspection (tests, the operator's status command)."""

    id: int
    kind: str
    post_id: int | None
    event_id: int | None
    event_status: str
    route_id: int
    status: str
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    message_id: str | None
    sent_at: datetime | None
    revision: int | None = None
    shown_revision: int | None = None


async def outbox_items(
    session: AsyncSession, *, route_id: int | None = None, post_id: int | None = None,
    event_id: int | None = None,
) -> list[OutboxItemView]:
    stmt = select(OutboxItem).order_by(OutboxItem.id)
    if route_id is not None:
        stmt = stmt.where(OutboxItem.route_id == route_id)
    if post_id is not None:
        stmt = stmt.where(OutboxItem.post_id == post_id)
    if event_id is not None:
        stmt = stmt.where(OutboxItem.event_id == event_id)
    return [
        OutboxItemView(o.id, o.kind, o.post_id, o.event_id, o.event_status, o.route_id,
                       o.status, o.attempts, o.next_attempt_at, o.last_error, o.message_id,
                       o.sent_at, o.revision, o.shown_revision)
        for o in (await session.execute(stmt.execution_options(populate_existing=True)))
        .scalars()
    ]
