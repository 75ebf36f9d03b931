"""The outbox worker: sends due alerts, in order per route, until each is sent or given up.

An item is marked sent only after its sink confirmed, so a crash between
the two re-sends that one alert after a restart (at least once, never lost);
an edit sent again shows the same event state again, so nothing changes twice.
An edit or reply whose message was deleted is dropped with a log line and the
message is left alone from then on; the route keeps working.
Routes are delivered concurrently; within a route strictly in id order: a
transient failure stops the route for the round and backs off, so a later
alert never overtakes an earlier one. A permanent failure disables the
route, because a deleted channel will not come back by retrying.

With an ``owner`` (several instances on one PostgreSQL database) each round
leases what it claims. While a route is worked through, its leases are
renewed once a third of their time is used, and a row found taken over by
another instance (this one stalled past the expiry) is left to it, not sent
by both.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import logging
from collections.abc import Mapping
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.delivery.base import (
    MessageGoneError,
    PermanentDeliveryError,
    Sink,
    TransientDeliveryError,
)
from bot.delivery.labels import route_label
from storage.queries.alerts import disable_route
from storage.queries.outbox import (
    EDIT,
    REPLY,
    OutboxView,
    claim_due,
    mark_dead,
    mark_gone,
    mark_retry,
    mark_sent,
    next_due,
)
from storage.queries.outbox_claims import release, renew
from storage.types import utcnow

log = logging.getLogger(__name__)


class _Outcome(enum.Enum):
    SENT = "sent"
    NEXT = "next"
    STOP = "stop"


def _label(item: OutboxView) -> str:
    return route_label(item.route.kind, item.route.sink_id, item.route.guild_id)


def _what(item: OutboxView) -> str:
    """``new message for e17``, ``edit of e17``, ``confirmed reply for e17``, ``post 5``."""
    if item.crossing is not None:
        return f"convergence alert of {item.crossing.crossing.at.date().isoformat()}"
    if item.event is None:
        return f"post {item.post.id}" if item.post is not None else item.kind
    if item.kind == EDIT:
        return f"edit of {item.event.ref} to revision {item.event.revision}"
    if item.kind == REPLY:
        return f"{item.event_status} reply for {item.event.ref}"
    return f"new message for {item.event.ref}"


class OutboxWorker:
    """Drains the outbox into sinks keyed by route kind (``channel``, ``webhook``, ``console``).

    Kinds without a sink are left pending (no bot token yet, say) rather
    than failed. ``max_attempts`` and ``max_age`` bound retries of transient
    failures; an alert past either is given up, its route kept.
    """

    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], sinks: Mapping[str, Sink], *,
        batch: int = 50, per_route: int = 10, max_attempts: int = 15,
        max_age: timedelta = timedelta(hours=24), base_delay: float = 2.0,
        max_delay: float = 900.0, idle_wait: float = 60.0, owner: str | None = None,
        lease_seconds: float = 60.0,
    ) -> None:
        self._sessions = sessions
        self._sinks = dict(sinks)
        self._batch = batch
        self._per_route = per_route
        self._max_attempts = max_attempts
        self._max_age = max_age
        self._base_delay = base_delay
        self._max_delay = max_delay
        self._idle_wait = idle_wait
        self._owner = owner
        self._lease = timedelta(seconds=lease_seconds)
        self._wake = asyncio.Event()
        self._lock = asyncio.Lock()
        self._stopping = False

    def notify(self) -> None:
        """New alerts were queued: wake ``run_forever`` now instead of at its next check."""
        self._wake.set()

    def stop(self) -> None:
        self._stopping = True
        self._wake.set()

    def backoff(self, attempts: int) -> float:
        """Seconds before retry number ``attempts`` (2, 4, 8, ... up to ``max_delay``)."""
        return min(self._max_delay, self._base_delay * 2 ** max(0, attempts - 1))

    async def run_once(self, now: datetime | None = None) -> int:
        """Send what is due now; returns how many alerts were delivered."""
        sent, _ = await self._round(now)
        return sent

    async def _round(self, now: datetime | None) -> tuple[int, int]:
        async with self._lock:
            now = now or utcnow()
            async with self._sessions.begin() as session:
                items = await claim_due(session, now, self._batch, per_route=self._per_route,
                                        kinds=list(self._sinks), owner=self._owner,
                                        lease=self._lease)
            try:
                return await self._deliver_all(items, now)
            finally:
                if self._owner is not None and items:
                    # What a stopped route did not reach is free for anyone again.
                    async with self._sessions.begin() as session:
                        await release(session, self._owner)

    async def _deliver_all(self, items: list[OutboxView], now: datetime) -> tuple[int, int]:
        by_route: dict[int, list[OutboxView]] = {}
        for item in items:
            by_route.setdefault(item.route.route_id, []).append(item)
        results = await asyncio.gather(
            *(self._deliver_route(route_items, now) for route_items in by_route.values()),
            return_exceptions=True,
        )
        sent = 0
        for result in results:
            if isinstance(result, BaseException):
                if isinstance(result, asyncio.CancelledError):
                    raise result
                log.error("alert delivery failed: %s", result, exc_info=result)
            else:
                sent += result
        return sent, len(items)

    async def _still_ours(self, items: list[OutboxView], leased_at: float) -> tuple[bool, float]:
        """Renew the route's leases once a third of their time is used; False if lost."""
        loop = asyncio.get_running_loop()
        if self._owner is None or loop.time() - leased_at < self._lease.total_seconds() / 3:
            return True, leased_at
        async with self._sessions.begin() as session:
            held = await renew(session, [i.id for i in items], self._owner, utcnow() + self._lease)
        if items[0].id not in held:
            log.warning("alert %d to %s was taken over by another instance; leaving it",
                        items[0].id, _label(items[0]))
            return False, leased_at
        return True, loop.time()

    async def _deliver_route(self, items: list[OutboxView], now: datetime) -> int:
        sent = 0
        leased_at = asyncio.get_running_loop().time()
        for index, item in enumerate(items):
            ours, leased_at = await self._still_ours(items[index:], leased_at)
            if not ours:
                break
            outcome = await self._deliver(item, now)
            if outcome is _Outcome.SENT:
                sent += 1
            elif outcome is _Outcome.STOP:
                break
        return sent

    async def _deliver(self, item: OutboxView, now: datetime) -> _Outcome:
        sink = self._sinks[item.route.kind]
        revision = item.event.revision if item.event is not None else None
        if item.needless:
            # The message already shows this (it was posted or edited after the change).
            async with self._sessions.begin() as session:
                await mark_sent(session, item.id, None, now, revision=revision)
            log.debug("alert %d (%s) to %s: the message already shows it", item.id,
                      _what(item), _label(item))
            return _Outcome.NEXT
        try:
            message_id: str | None = None
            if item.kind == EDIT:
                await sink.edit(item)
            elif item.kind == REPLY:
                message_id = await sink.reply(item)
            else:
                message_id = await sink.send(item)
        except TransientDeliveryError as exc:
            return await self._retry(item, exc.reason, exc.retry_after, now)
        except MessageGoneError as exc:
            return await self._gone(item, exc)
        except PermanentDeliveryError as exc:
            return await self._give_up(item, exc)
        except Exception as exc:
            log.exception("unexpected error sending alert %d to %s", item.id, _label(item))
            return await self._retry(item, f"unexpected {type(exc).__name__}", None, now)
        async with self._sessions.begin() as session:
            await mark_sent(session, item.id, message_id, now, revision=revision)
        log.info("sent alert %d (%s) to %s", item.id, _what(item), _label(item))
        return _Outcome.SENT

    async def _gone(self, item: OutboxView, exc: MessageGoneError) -> _Outcome:
        async with self._sessions.begin() as session:
            await mark_gone(session, item.id, exc.reason)
        log.warning("alert %d (%s) to %s dropped: the event's message was deleted (%s); "
                    "it will not be edited again", item.id, _what(item), _label(item),
                    exc.reason)
        return _Outcome.NEXT

    async def _retry(
        self, item: OutboxView, reason: str, retry_after: float | None, now: datetime
    ) -> _Outcome:
        attempts = item.attempts + 1
        if attempts >= self._max_attempts or now - item.created_at >= self._max_age:
            async with self._sessions.begin() as session:
                await mark_dead(session, item.id, f"gave up after {attempts} attempts: {reason}")
            log.warning("gave up on alert %d to %s after %d attempts: %s",
                        item.id, _label(item), attempts, reason)
            return _Outcome.STOP
        delay = retry_after if retry_after is not None else self.backoff(attempts)
        async with self._sessions.begin() as session:
            await mark_retry(session, item.id, reason, now + timedelta(seconds=delay))
        log.info("retrying alert %d to %s in %.1fs (attempt %d): %s",
                 item.id, _label(item), delay, attempts, reason)
        return _Outcome.STOP

    async def _give_up(self, item: OutboxView, exc: PermanentDeliveryError) -> _Outcome:
        if not exc.disable_route:
            async with self._sessions.begin() as session:
                await mark_dead(session, item.id, exc.reason)
            log.warning("alert %d to %s was refused and will not be retried: %s",
                        item.id, _label(item), exc.reason)
            return _Outcome.NEXT
        async with self._sessions.begin() as session:
            await mark_dead(session, item.id, exc.reason)
            dropped = await disable_route(session, item.route.route_id, exc.reason)
        log.warning("disabled alert route %s: %s (%d queued alerts dropped)",
                    _label(item), exc.reason, dropped)
        return _Outcome.STOP

    async def run_forever(self) -> None:
        """Deliver until ``stop()``: after each round, sleep until the next alert is due,
        ``notify()`` is called, or ``idle_wait`` passes (alerts queued by another process)."""
        while not self._stopping:
            self._wake.clear()
            try:
                _sent, claimed = await self._round(None)
                async with self._sessions() as session:
                    due = await next_due(session, kinds=list(self._sinks), owner=self._owner)
            except Exception:
                log.exception("outbox round failed; retrying in %.0fs", self._base_delay)
                timeout = self._base_delay
            else:
                if due is None:
                    timeout = self._idle_wait
                else:
                    timeout = min(self._idle_wait, max(0.0, (due - utcnow()).total_seconds()))
                if timeout == 0 and claimed == 0:
                    timeout = 1.0  # due but not claimable: do not spin
            if self._stopping:
                break
            if timeout > 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), timeout)
