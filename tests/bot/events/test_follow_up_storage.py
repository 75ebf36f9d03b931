"""Follow-up reports as stored: a rescore keeps them, a rebuild places them again or lets go.

Through the real pipeline (scorer, grouping, spikes) and storage, on SQLite, and
on PostgreSQL as well when ``LABELWATCH_TEST_POSTGRES_URL`` is set.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.events.grouping import Grouper
from bot.events.matching import FollowUpRule
from bot.events.rebuild import regroup
from bot.events.settings import EventSettings
from bot.pipeline import Pipeline
from bot.platforms import PlatformRegistry
from bot.records import FetchResult, PostRecord
from bot.rescoring import rescore_stored
from bot.scoring import Scorer
from bot.spikes.watch import SpikeWatcher
from storage.models import Post, PostPlatform
from storage.queries.events import event_of_posts
from storage.queries.spikes import Community, reports_of

Sessions = async_sessionmaker[AsyncSession]
REGISTRY = PlatformRegistry()
T = datetime(2025, 9, 1, 9, tzinfo=UTC)
Stored = dict[str, tuple[bool, str | None, int, int | None]]


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    """The rules alone, with a threshold 5 points above the two short posts' own scores:
    they sit inside the band just short of a signal. Without the model, so a retrained
    model file cannot move them out of it (this checks storage, not the model)."""
    rules = Scorer(REGISTRY, mode="rules", use_model=False)
    scores = [rules.score(post).score for post in _posts()[1:]]
    return Scorer(REGISTRY, threshold=max(scores) + 5.0, mode="rules", use_model=False)


def _posts() -> list[PostRecord]:
    """The Kestrel pause; a follow-up of it that is also one worker's "no tasks" report;
    a post as short of a signal about another project, which joins nothing."""
    return [
        PostRecord("reddit", "t3_open", "Outlier pauses the Kestrel project for every "
                   "generalist on it", "Email to all Kestrel contributors: the project is on "
                   "hold from today.", author="ann", subreddit="outlier_ai", created_utc=T),
        PostRecord("reddit", "t3_f", "Apparently the Kestrel project is paused",
                   "I have had no tasks since Monday.", author="bo", subreddit="outlier_ai",
                   created_utc=T + timedelta(hours=6)),
        PostRecord("reddit", "t3_z", "Apparently the Zephyr project is paused",
                   "Anyone know more?",
                   author="cy", subreddit="outlier_ai", created_utc=T + timedelta(hours=7)),
    ]


async def _ingest(sessions: Sessions, scorer: Scorer) -> Pipeline:
    pipeline = Pipeline(sessions, scorer, alerts=False, grouper=Grouper(REGISTRY),
                        spikes=SpikeWatcher(REGISTRY))
    await pipeline.ingest_batch(FetchResult(_posts()), now=T + timedelta(hours=8))
    return pipeline


async def _stored(sessions: Sessions) -> Stored:
    """external id -> (is_signal, report kind, platform rows, event id)."""
    async with sessions() as session:
        rows = (await session.execute(select(
            Post.external_id, Post.id, Post.is_signal, Post.report_kind,
            select(func.count()).where(PostPlatform.post_id == Post.id).scalar_subquery(),
        ))).all()
        events = await event_of_posts(session, [r[1] for r in rows])
    return {r[0]: (bool(r[2]), r[3], int(r[4]), events.get(r[1])) for r in rows}


async def _no_tasks_reports(sessions: Sessions) -> list[int]:
    """The posts spikes count as "no tasks" reports in r/outlier_ai that day."""
    async with sessions() as session:
        found = await reports_of(session, [Community(subreddit="outlier_ai")], ["no_tasks"],
                                 [(T, T + timedelta(days=1))])
    return [p.id for posts in found.values() for p in posts]


async def test_a_rescore_keeps_a_follow_up_in_its_event(db_sessions: Sessions,
                                                        scorer: Scorer) -> None:
    pipeline = await _ingest(db_sessions, scorer)
    before = await _stored(db_sessions)
    event = before["t3_open"][3]
    assert event is not None and before["t3_open"][0]
    # a signal in its event that is still one worker's "no tasks" report for spikes
    assert before["t3_f"] == (True, "no_tasks", 1, event)
    assert before["t3_z"] == (False, None, 0, None)
    assert len(await _no_tasks_reports(db_sessions)) == 1

    done = await rescore_stored(db_sessions, pipeline.score_all, batch=2)
    assert (done.posts, done.signals, done.follow_ups) == (3, 2, 1)
    assert await _stored(db_sessions) == before

    out = io.StringIO()
    await regroup(db_sessions, EventSettings(), REGISTRY, out, io.StringIO(),
                  follow_up_below=scorer.threshold, score=scorer.score)
    assert "done: 2 signal posts in 1 events" in out.getvalue()
    after = await _stored(db_sessions)
    assert after["t3_f"][:3] == (True, "no_tasks", 1)
    assert after["t3_f"][3] == after["t3_open"][3] is not None


async def test_a_rebuild_lets_go_of_a_follow_up_that_joins_no_event(
    db_sessions: Sessions, scorer: Scorer
) -> None:
    pipeline = await _ingest(db_sessions, scorer)
    out = io.StringIO()
    strict = Grouper(REGISTRY, EventSettings(), FollowUpRule(min_points=100.0))
    await regroup(db_sessions, EventSettings(), REGISTRY, out, io.StringIO(), grouper=strict,
                  follow_up_below=scorer.threshold, score=scorer.score)
    assert "done: 1 signal posts in 1 events" in out.getvalue()
    assert "1 follow-up reports joined no event and are non-signals again" in out.getvalue()
    # as it would be had it arrived with no event to join: a "no tasks" report again
    after = await _stored(db_sessions)
    assert after["t3_f"] == (False, "no_tasks", 0, None)
    assert len(await _no_tasks_reports(db_sessions)) == 1
    # and a rescore, with nothing to keep it as a follow-up of, leaves it so
    done = await rescore_stored(db_sessions, pipeline.score_all, batch=10)
    assert (done.signals, done.follow_ups) == (1, 0)
    assert (await _stored(db_sessions))["t3_f"] == (False, "no_tasks", 0, None)
