"""From a source's fetch result to stored, scored, grouped posts and queued alerts.

Everything one poll produced is written in one transaction: the new posts,
their scores, their places in events, their outbox rows and the source's new
cursor. A crash before the commit loses nothing (the cursor did not move, so
the next poll fetches the same posts again); a crash after it repeats nothing
(the posts are stored and the cursor moved with them).

Writes are batched per fetched page: one statement stores the page's posts
with their verdicts, one their platform rows, and grouping reads and writes
events in a handful more, however many posts the page holds.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.events.features import Incoming, Verdict
from bot.events.grouping import Grouper
from bot.records import FetchResult, PostRecord
from bot.rescoring import kept
from bot.scoring import SCORER_VERSION, Decision, Scorer
from bot.scoring_process import ScoringProcess
from bot.spikes.watch import NewReport, SpikeWatcher, with_spikes
from storage.queries.event_changes import EventChange, Placement
from storage.queries.event_outbox import EventAlerts, enqueue_event_alerts
from storage.queries.posts import StoredPost, insert_posts
from storage.queries.scores import insert_post_platforms, promote_new_posts, score_columns
from storage.queries.sources import save_state
from storage.types import utcnow

log = logging.getLogger(__name__)

# Scoring more than this many posts at once moves off the event loop.
_INLINE_SCORING = 50


@dataclass(frozen=True)
class Ingested:
    """A new post as the pipeline stored it, with its verdict and its place in an event."""

    post: StoredPost
    decision: Decision
    alerts: int
    """Outbox rows this batch queued for the post's event (new message, edit, replies)."""
    placement: Placement | None = None


@dataclass(frozen=True)
class Batch:
    """What one fetch result did: the new posts, and the events they opened or changed."""

    new: list[Ingested] = field(default_factory=list)
    changes: list[EventChange] = field(default_factory=list)
    queued: dict[int, EventAlerts] = field(default_factory=dict)
    """What was queued per event id, by route."""


class Pipeline:
    """Stores, scores, groups and enqueues; ``on_alerts`` wakes the outbox worker."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        scorer: Scorer | None,
        *,
        on_alerts: Callable[[], None] | None = None,
        alerts: bool = True,
        grouper: Grouper | None = None,
        scoring: ScoringProcess | None = None,
        alert_routes: Sequence[int] | None = None,
        spikes: SpikeWatcher | None = None,
    ) -> None:
        self.sessions = sessions
        self.scorer = scorer
        self.scoring = scoring
        """Where large batches are scored: a process of their own (else a thread)."""
        self.alert_routes = alert_routes
        """Routes alerts are decided for; None: every enabled route."""
        self.on_alerts = on_alerts
        self.alerts = alerts
        if scorer is None and (scoring is None or grouper is None):
            raise ValueError("a pipeline without a scorer needs a scoring process and a grouper")
        if grouper is None:
            assert scorer is not None
            grouper = Grouper(scorer.registry)
        self.grouper = grouper
        self.spikes = spikes

    async def score_all(self, records: Sequence[PostRecord]) -> list[Decision]:
        """The decisions on ``records``, in order; large batches off the event loop.

        With a scoring process every batch goes there (the parent may have no
        scorer of its own); else small batches are scored inline, large ones
        in a thread.
        """
        if self.scoring is not None:
            return await self.scoring.score(records)
        scorer = self.scorer
        assert scorer is not None
        if len(records) <= _INLINE_SCORING:
            return [scorer.score(r) for r in records]
        return await asyncio.to_thread(lambda: [scorer.score(r) for r in records])

    async def ingest(self, result: FetchResult, now: datetime | None = None) -> list[Ingested]:
        """Persist one fetch result; returns the posts that were new."""
        return (await self.ingest_batch(result, now)).new

    async def ingest_batch(self, result: FetchResult, now: datetime | None = None) -> Batch:
        """Persist one fetch result; ``now`` is grouping's clock (None: the wall clock)."""
        scored = await self.score_all(result.posts) if result.posts else []
        return await self.store_batch(result, scored, now)

    async def store_batch(self, result: FetchResult, scored: Sequence[Decision],
                          now: datetime | None = None) -> Batch:
        """Persist one fetch result whose posts ``score_all`` already scored, in order.

        Split from scoring so that a caller with many pages (replay) scores
        the next page while this one is stored.
        """
        decisions = {r.key: d for r, d in zip(result.posts, scored, strict=True)}
        out: list[Ingested] = []
        changes: list[EventChange] = []
        async with self.sessions.begin() as session:
            clock = now or utcnow()
            stored = await insert_posts(session, result.posts, lambda r: score_columns(
                decisions[r.key], SCORER_VERSION, clock))
            # rows are inserted in key order (for locks); posts go on in the order fetched,
            # so of two posts of the same second the one fetched first opens their event
            fetched: dict[tuple[str, str, str], int] = {}
            for n, r in enumerate(result.posts):
                fetched.setdefault(r.key, n)
            stored.sort(key=lambda p: fetched[p.record.key])
            verdicts = [(p, decisions[p.record.key]) for p in stored]
            await insert_post_platforms(session, [(p.id, p.record.created_utc or clock, d)
                                                  for p, d in verdicts])
            grouped = await self.grouper.place(session, [
                Incoming(p.id, p.record, p.record.created_utc or clock, Verdict.of(d),
                         p.record.guild_id)
                for p, d in verdicts
            ], clock)
            changes, placements = grouped.changes, grouped.placements
            verdicts = await _follow_ups(session, verdicts, placements, clock)
            if self.spikes is not None:
                spiked = await self.spikes.check(session, [
                    NewReport(p.id, p.record, d.report) for p, d in verdicts if d.report], clock)
                changes, placements = changes + spiked, with_spikes(placements, spiked)
            queued: dict[int, EventAlerts] = {}
            if self.alerts and changes:
                # Delivery runs on the wall clock, whatever clock grouping was given.
                queued = await enqueue_event_alerts(session, changes, now=utcnow(),
                                                    route_ids=self.alert_routes)
            for (post, decision), placement in zip(verdicts, placements, strict=True):
                event = queued.get(placement.event_id) if placement.event_id else None
                out.append(Ingested(post, decision, event.queued if event else 0, placement))
            if result.state is not None:
                await save_state(session, result.state)
        for item in out:
            if item.decision.is_signal:
                self._log_signal(item)
        if any(a.queued for a in queued.values()) and self.on_alerts is not None:
            self.on_alerts()
        return Batch(out, changes, queued)

    @staticmethod
    def _log_signal(item: Ingested) -> None:
        d, p = item.decision, item.placement
        where = ""
        if p is not None and p.event_id is not None:
            where = f" event e{p.event_id}{' (new)' if p.opened else ''}" \
                    f"{' (follow-up)' if p.follow_up else ''}" \
                    f"{f' (copy of post {p.copy.of})' if p.copy else ''}"
        log.info(
            "signal %s %s score=%.0f %s %s/%s%s: %s", item.post.record.external_id,
            ",".join(d.platforms), d.score, d.event_type, d.tier, d.direction, where,
            item.post.record.title[:120],
        )


async def _follow_ups(session: AsyncSession, verdicts: list[tuple[StoredPost, Decision]],
                      placements: Sequence[Placement], clock: datetime
                      ) -> list[tuple[StoredPost, Decision]]:
    """Posts that joined an open event as follow-ups become signals: their stored verdict
    is the one they would have had as a signal (with their own score, short of the
    threshold), so listings, summaries and replay count them as reports of the event.
    That verdict keeps the post's individual report kind: a follow-up that is also one
    worker's "no tasks" (or "removed", "pay lowered") report counts in its community's
    day for spikes (``bot.spikes``), as events.md has a spike count every such report;
    it is not placed twice, for a spike places no post that has a place. Should a
    rebuild find it joins no event, it is a non-signal with its report kind
    (``events rebuild``). A post that joined as a syndicated copy of one of its event's
    reports (``bot.events.copies``) becomes a signal the same way, whatever it scored."""
    out, changed = [], []
    for (post, decision), placement in zip(verdicts, placements, strict=True):
        stored = kept(decision, placement.follow_up, placement.copy)
        if stored is not decision:
            changed.append((post.id, post.record.created_utc or clock, stored))
        out.append((post, stored))
    await promote_new_posts(session, changed, SCORER_VERSION, clock)
    return out
