"""What ``/metrics`` and ``/healthz`` report: counters fed by the service, health from polls.

One ``Metrics`` is built by the start-up function with its own
``CollectorRegistry`` and passed to whatever feeds it (the poller's outcome
hook, the sinks through ``MeteredSink``); nothing here registers in
prometheus-client's global registry, so two services in one process (tests)
never share a counter.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.queries.ops import event_counts, outbox_depth
from storage.types import utcnow

if TYPE_CHECKING:
    from bot.delivery.base import Sink
    from bot.poller import FeedJob, PollOutcome, RedditJob
    from storage.queries.outbox import OutboxView

log = logging.getLogger(__name__)
T = TypeVar("T")

EVENT_STATUSES = ("reported", "corroborated", "confirmed", "disputed", "closed")


class Health:
    """Healthy while the service runs and some poll succeeded within ``window`` seconds.

    Start-up counts as a success, so a service gets one window to make its
    first poll before it is called unhealthy.
    """

    def __init__(self, window: float, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.window = window
        self.running = False
        self._clock = clock
        self._since = clock()
        self.last_success: float | None = None
        self.standby = False

    def poll_succeeded(self) -> None:
        self.last_success = self._clock()

    def set_polling(self, polling: bool) -> None:
        """Another instance polls (``standby``), or this one (again), with a fresh window."""
        if polling and self.standby:
            self._since, self.last_success = self._clock(), None
        self.standby = not polling

    def check(self) -> tuple[bool, str]:
        """(healthy, why) for ``/healthz``."""
        if not self.running:
            return False, "not running: starting up or shutting down"
        if self.standby:
            return True, "standby: another instance polls the sources; this one delivers alerts"
        now = self._clock()
        if self.last_success is None:
            waited = now - self._since
            if waited <= self.window:
                return True, f"starting: no poll has succeeded yet ({waited:.0f}s)"
            return False, (f"no poll has succeeded in the {waited:.0f}s since start "
                           f"(window {self.window:.0f}s); see `labelwatch sources`")
        age = now - self.last_success
        if age <= self.window:
            return True, f"last successful poll {age:.0f}s ago"
        return False, (f"every poll has failed for {age:.0f}s (window {self.window:.0f}s); "
                       "see `labelwatch sources`")


class Metrics:
    """The service's Prometheus metrics in one registry, and the health they imply."""

    def __init__(self, registry: CollectorRegistry, health: Health) -> None:
        self.registry = registry
        self.health = health
        r = registry
        self.polls = Counter("labelwatch_polls", "Polls of a source (backoff skips excluded)",
                             ["source"], registry=r)
        self.poll_failures = Counter("labelwatch_poll_failures", "Polls that failed",
                                     ["source"], registry=r)
        self.posts_stored = Counter("labelwatch_posts_stored", "New posts stored",
                                    ["kind"], registry=r)
        self.signals = Counter("labelwatch_signals", "New posts the scorer found to be signals",
                               ["event_type"], registry=r)
        self.alerts_sent = Counter("labelwatch_alerts_sent", "Alerts a sink confirmed",
                                   ["sink"], registry=r)
        self.alert_failures = Counter("labelwatch_alert_failures",
                                      "Alert sends that failed (retried or given up)",
                                      ["sink"], registry=r)
        self.send_seconds = Histogram(
            "labelwatch_alert_send_seconds",
            "Time to send one alert (Discord's REST latency for channels and webhooks)",
            ["sink"], registry=r,
            buckets=(0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
        )
        self.discord_latency = Gauge(
            "labelwatch_discord_gateway_latency_seconds",
            "Heartbeat round trip to Discord's gateway (NaN while not connected)", registry=r)
        self.discord_latency.set(math.nan)
        self.outbox_pending = Gauge("labelwatch_outbox_pending", "Alerts waiting to be sent",
                                    registry=r)
        self.outbox_oldest = Gauge("labelwatch_outbox_oldest_pending_age_seconds",
                                   "Age of the oldest alert waiting to be sent (0: none)",
                                   registry=r)
        self.events = Gauge("labelwatch_events", "Events by status", ["status"], registry=r)
        self.database_up = Gauge("labelwatch_database_up",
                                 "1 if the last scrape could read the database", registry=r)
        self.last_poll_success = Gauge("labelwatch_last_successful_poll_timestamp_seconds",
                                       "Unix time of the last successful poll", registry=r)
        self.healthy = Gauge("labelwatch_healthy", "1 when /healthz answers 200", registry=r)
        self.healthy.set_function(lambda: 1.0 if health.check()[0] else 0.0)

    def observe_poll(self, job: RedditJob | FeedJob, outcome: PollOutcome) -> None:
        """The poller's outcome hook: counts polls, failures, new posts and signals."""
        if outcome.skipped_backoff:
            return
        self.polls.labels(job.name).inc()
        if outcome.error:
            self.poll_failures.labels(job.name).inc()
        else:
            self.health.poll_succeeded()
            self.last_poll_success.set(time.time())
        for item in outcome.new:
            self.posts_stored.labels(item.post.record.source_kind).inc()
            if item.decision.is_signal:
                self.signals.labels(item.decision.event_type or "unknown").inc()

    def watch_discord(self, latency: Callable[[], float]) -> None:
        """Read the gateway latency (discord.py's ``Client.latency``) on every scrape."""

        def read() -> float:
            value = latency()
            return value if math.isfinite(value) else math.nan

        self.discord_latency.set_function(read)

    async def refresh(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        """Read the figures that live in the database (outbox, events) before a scrape."""
        try:
            async with sessions() as session:
                depth = await outbox_depth(session)
                events = await event_counts(session)
        except Exception as exc:  # a scrape must still answer when the database does not
            log.warning("metrics: could not read the database: %s", type(exc).__name__)
            self.database_up.set(0)
            return
        self.database_up.set(1)
        self.outbox_pending.set(depth.pending)
        age = (utcnow() - depth.oldest).total_seconds() if depth.oldest is not None else 0.0
        self.outbox_oldest.set(max(0.0, age))
        for status in {*EVENT_STATUSES, *events}:
            self.events.labels(status).set(events.get(status, 0))


class MeteredSink:
    """A sink that counts and times its sends; every other attribute is the sink's own."""

    def __init__(self, inner: Sink, kind: str, metrics: Metrics) -> None:
        self.inner = inner
        self.kind = kind
        self.metrics = metrics

    async def send(self, item: OutboxView) -> str | None:
        return await self._timed(self.inner.send(item))

    async def edit(self, item: OutboxView) -> None:
        await self._timed(self.inner.edit(item))

    async def reply(self, item: OutboxView) -> str | None:
        return await self._timed(self.inner.reply(item))

    async def _timed(self, delivery: Awaitable[T]) -> T:
        """New messages, edits and replies alike: each one Discord confirmed counts."""
        started = time.perf_counter()
        try:
            result = await delivery
        except Exception:
            self.metrics.alert_failures.labels(self.kind).inc()
            raise
        finally:
            self.metrics.send_seconds.labels(self.kind).observe(time.perf_counter() - started)
        self.metrics.alerts_sent.labels(self.kind).inc()
        return result

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def build_metrics(window: float) -> Metrics:
    """A fresh registry and health tracker: called once, by the start-up function."""
    return Metrics(CollectorRegistry(), Health(window))
