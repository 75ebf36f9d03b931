"""The pipeline stores, scores and groups a page in one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.events.features import Incoming
from bot.events.grouping import Grouped, Grouper
from bot.pipeline import Pipeline
from bot.platforms import PlatformRegistry
from bot.records import FetchResult, PostRecord, SourceState
from bot.scoring import Scorer
from storage.models import Event, EventReport, Post, PostPlatform
from storage.queries.sources import load_state

Sessions = async_sessionmaker[AsyncSession]
T = datetime(2025, 9, 1, 9, tzinfo=UTC)


def page() -> FetchResult:
    posts = [
        PostRecord("reddit", "t3_1", "Outlier cut generalist rates from $25/hr to $16/hr today",
                   "Everyone on the project got the email.", author="ann",
                   subreddit="outlier_ai", created_utc=T),
        PostRecord("reddit", "t3_2", "Outlier generalist rates cut to $16/hr for everyone",
                   "Same here, the whole team got the rate change email, $25 down to $16.",
                   author="bo", subreddit="outlier_ai", created_utc=T.replace(hour=10)),
        PostRecord("reddit", "t3_3", "how do I withdraw to paypal", "", author="cy",
                   subreddit="outlier_ai", created_utc=T.replace(hour=11)),
    ]
    return FetchResult(posts=posts, state=SourceState(key="reddit:outlier_ai", cursor="t3_3"))


class CrashAfterGrouping(Grouper):
    """A process that dies after grouping, before the page's transaction commits."""

    async def place(self, session: AsyncSession, items: Sequence[Incoming],
                    now: datetime) -> Grouped:
        await super().place(session, items, now)
        raise RuntimeError("killed")


async def counts(sessions: Sessions) -> tuple[int, ...]:
    async with sessions() as s:
        return tuple([(await s.execute(select(func.count()).select_from(model))).scalar_one()
                      for model in (Post, PostPlatform, Event, EventReport)])


async def test_a_page_is_stored_scored_and_grouped(db_sessions: Sessions) -> None:
    pipeline = Pipeline(db_sessions, Scorer(), alerts=False)
    batch = await pipeline.ingest_batch(page(), now=T.replace(hour=12))
    first, second, chatter = batch.new
    assert first.decision.is_signal and second.decision.is_signal
    assert first.placement is not None and first.placement.opened
    assert second.placement is not None and second.placement.event_id == \
        first.placement.event_id and not second.placement.opened and second.placement.changed
    assert chatter.placement is not None and chatter.placement.event_id is None
    [change] = batch.changes
    assert change.opened and change.status_after == "corroborated"
    assert change.post_ids == (first.post.id, second.post.id)
    assert await counts(db_sessions) == (3, 2, 1, 2)
    again = await pipeline.ingest_batch(page(), now=T.replace(hour=13))
    assert again.new == [] and again.changes == []
    assert await counts(db_sessions) == (3, 2, 1, 2)


async def test_a_crash_before_commit_loses_and_repeats_nothing(db_sessions: Sessions) -> None:
    crashing = Pipeline(db_sessions, Scorer(), alerts=False,
                        grouper=CrashAfterGrouping(PlatformRegistry()))
    with pytest.raises(RuntimeError, match="killed"):
        await crashing.ingest(page())
    assert await counts(db_sessions) == (0, 0, 0, 0)
    async with db_sessions() as s:
        assert (await load_state(s, "reddit:outlier_ai")).cursor is None
    stored = await Pipeline(db_sessions, Scorer(), alerts=False).ingest(page())
    assert len(stored) == 3 and await counts(db_sessions) == (3, 2, 1, 2)
