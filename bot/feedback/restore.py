"""Undoing a server's "not a signal" on an event (``/events restore``).

Undoing withdraws the server's "not a signal" verdicts on the event's
reports (its corrections stay), so ``/signals explain`` no longer lists them
and training no longer learns from them.

A public event the server rejected comes back for that server: its
rejection is deleted, so its lists, counts and digests show the event again
and its alert channels get the event's next messages, edits and replies.
What was cancelled when it was rejected is not sent again; the next change
of the event brings each channel's message up to date (or posts it, if it
was never sent).

An event of the server's own sources was closed for everyone by the
rejection (no one else sees it). Undoing that reopens it, with the status
its reports give it, and edits its messages to show it open, the way a new
report would; unless it has had no report for the quiet period, when it
would be closed as quiet anyway: it then stays closed, and a new report
that ties back reopens it as with any quiet event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.events.rows import to_state
from storage.queries.event_outbox import enqueue_event_alerts
from storage.queries.events import CLOSED, EventRow, get_event
from storage.queries.feedback import all_rejected, report_posts
from storage.queries.rejections import remove_rejection, reopen_event, withdraw_not_signal
from storage.types import utcnow


class RestoreError(Exception):
    """Nothing to undo; the message says why, for the member."""


@dataclass(frozen=True)
class Restored:
    """What undoing a rejection changed."""

    event_id: int
    public: bool
    """The event is public: the server's rejection was deleted."""
    status: str
    """The event's status now."""
    withdrawn: int = 0
    """"Not a signal" rows of the server's deleted (one per report it marked)."""
    reopened: bool = False
    """The server's own event was reopened."""
    edits_queued: int = 0
    """Messages of the event queued for an edit (reopening a server's own event)."""

    @property
    def ref(self) -> str:
        return f"e{self.event_id}"


async def restore_event(
    sessions: async_sessionmaker[AsyncSession], *, guild_id: int, event_id: int,
    quiet: timedelta, now: datetime | None = None,
) -> Restored:
    """Undo ``guild_id``'s rejection of the event, in one transaction, or RestoreError."""
    now = now or utcnow()
    ref = f"e{event_id}"
    async with sessions.begin() as session:
        row = await get_event(session, event_id)
        if row is None or row.guild_id not in (None, guild_id):
            # Another server's own event reads exactly like one that does not exist.
            raise RestoreError(f"No event {ref} here. /events recent lists the events this "
                               "server can see.")
        posts = await report_posts(session, event_id)
        if row.guild_id is None:
            if not await remove_rejection(session, event_id, guild_id):
                raise RestoreError(f"This server has not marked {ref} not a signal; there is "
                                   "nothing to undo.")
            withdrawn = await withdraw_not_signal(session, guild_id, posts)
            return Restored(event_id, public=True, status=row.status, withdrawn=withdrawn)
        if row.status != CLOSED or not await all_rejected(session, posts, guild_id):
            raise RestoreError(f"This server has not marked {ref} not a signal, or a later "
                               "report reopened it; there is nothing to undo.")
        withdrawn = await withdraw_not_signal(session, guild_id, posts)
        if row.last_seen < now - quiet:
            return Restored(event_id, public=False, status=CLOSED, withdrawn=withdrawn)
        return await _reopen(session, row, withdrawn, now)


async def _reopen(session: AsyncSession, row: EventRow, withdrawn: int,
                  now: datetime) -> Restored:
    """The status grouping would give its reports, a new revision, and its messages' edits."""
    state = to_state(row)
    state.settle_status(now)
    change = await reopen_event(session, state.id, state.status, now)
    if change is None:  # closed no longer: nothing to reopen
        return Restored(state.id, public=False, status=state.status, withdrawn=withdrawn)
    alerts = await enqueue_event_alerts(session, [change], now=now)
    return Restored(state.id, public=False, status=state.status, withdrawn=withdrawn,
                    reopened=True, edits_queued=sum(a.queued for a in alerts.values()))
