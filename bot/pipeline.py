"""From a source's fetch result to stored, scored posts and queued alerts.

Everything one poll produced is written in one transaction: the new posts,
their scores, their outbox rows and the source's new cursor. A crash before
the commit loses nothing (the cursor did not move, so the next poll fetches
the same posts again); a crash after it repeats nothing (the posts are stored
and the cursor moved with them).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.records import FetchResult, PostRecord
from bot.scoring import SCORER_VERSION, Decision, Scorer
from storage.queries.outbox import enqueue_alerts
from storage.queries.posts import StoredPost, insert_posts
from storage.queries.scores import save_score
from storage.queries.sources import save_state

log = logging.getLogger(__name__)

# Scoring more than this many posts at once moves off the event loop.
_INLINE_SCORING = 50


@dataclass(frozen=True)
class Ingested:
    """A new post as the pipeline stored it, with its verdict."""

    post: StoredPost
    decision: Decision
    alerts: int


class Pipeline:
    """Stores, scores and enqueues; ``on_alerts`` wakes the outbox worker."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        scorer: Scorer,
        *,
        on_alerts: Callable[[], None] | None = None,
        alerts: bool = True,
    ) -> None:
        self.sessions = sessions
        self.scorer = scorer
        self.on_alerts = on_alerts
        self.alerts = alerts

    async def score_all(self, records: Sequence[PostRecord]) -> list[Decision]:
        if len(records) <= _INLINE_SCORING:
            return [self.scorer.score(r) for r in records]
        return await asyncio.to_thread(lambda: [self.scorer.score(r) for r in records])

    async def ingest(self, result: FetchResult) -> list[Ingested]:
        """Persist one fetch result; returns the posts that were new."""
        decisions: dict[tuple[str, str, str], Decision] = {}
        if result.posts:
            scored = await self.score_all(result.posts)
            pairs = zip(result.posts, scored, strict=True)
            decisions = {r.key: d for r, d in pairs}
        out: list[Ingested] = []
        async with self.sessions.begin() as session:
            stored = await insert_posts(session, result.posts)
            for post in stored:
                decision = decisions[post.record.key]
                await save_score(session, post.id, decision, SCORER_VERSION)
                queued = 0
                if decision.is_signal and self.alerts:
                    queued = await enqueue_alerts(session, post.id)
                out.append(Ingested(post, decision, queued))
            if result.state is not None:
                await save_state(session, result.state)
        for item in out:
            if item.decision.is_signal:
                log.info(
                    "signal %s %s score=%.0f %s %s/%s: %s", item.post.record.external_id,
                    ",".join(item.decision.platforms), item.decision.score,
                    item.decision.event_type, item.decision.tier, item.decision.direction,
                    item.post.record.title[:120],
                )
        if any(i.alerts for i in out) and self.on_alerts is not None:
            self.on_alerts()
        return out
