"""Spikes through the real pipeline and scorer, on both databases.

A month of ordinary traffic in a few communities (weekday reports, a
weekend lull, one-off bursts of three or four, a new subreddit's backfill)
raises nothing; fifteen removal reports in one day do, once, as an event
alerted through the outbox; a spike at a platform with an open event joins it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from itertools import count

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.events.grouping import Grouper
from bot.pipeline import Batch, Ingested, Pipeline
from bot.platforms import PlatformRegistry
from bot.records import FetchResult, PostRecord
from bot.scoring import Scorer
from bot.spikes.watch import SpikeWatcher
from storage.models import Event, EventReport, OutboxItem, Spike
from storage.queries.alerts import sync_config_routes
from storage.queries.events import delete_report_events

Sessions = async_sessionmaker[AsyncSession]
REGISTRY = PlatformRegistry()
START = datetime(2025, 9, 1, tzinfo=UTC)  # a Monday
REMOVED = ["I got removed from the {p} project today", "they kicked me off the {p} project",
           "my account was deactivated this morning, was on {p}",
           "I'm no longer on the {p} project as of today"]
OTHER = ["my queue is empty again", "they cut my hourly rate on {p}"]
CHATTER = ["Anyone else doing tasks on the weekend?", "How long does onboarding take?",
           "Tips for the reviewer assessment?"]
COMMUNITIES = {"outlier_ai": "outlier", "DataAnnotationTech": "dataannotation",
               "alignerr": "alignerr"}


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return Scorer(REGISTRY)


@pytest.fixture
async def pipeline(db_sessions: Sessions, scorer: Scorer) -> Pipeline:
    async with db_sessions.begin() as session:
        await sync_config_routes(session, [], console=True)
    return Pipeline(db_sessions, scorer, grouper=Grouper(REGISTRY),
                    spikes=SpikeWatcher(REGISTRY))


_ids = count()


def post(sub: str, title: str, when: datetime) -> PostRecord:
    n = next(_ids)
    return PostRecord("reddit", f"t3_s{n}", title, author=f"worker{n}", subreddit=sub,
                      created_utc=when, platform_hint=COMMUNITIES.get(sub),
                      url=f"https://www.reddit.com/r/{sub}/comments/s{n}/x/")


def ordinary_day(day: int) -> Iterator[PostRecord]:
    """One day of every community: chatter, one or two removal reports on weekdays
    (none at the weekend), another kind now and then, bursts of 3-4 on a few days."""
    at = START + timedelta(days=day, hours=9)
    weekend = day % 7 in (5, 6)
    for i, (sub, platform) in enumerate(COMMUNITIES.items()):
        name = REGISTRY.get(platform).name  # type: ignore[union-attr]
        for k in range(3):
            yield post(sub, CHATTER[(day + k) % 3], at + timedelta(minutes=k))
        removals = 0 if weekend else 1 + (day + i) % 2
        if (day, i) in ((9, 0), (16, 1), (23, 2)):
            removals = 3 + day % 2  # a one-off burst
        for k in range(removals):
            yield post(sub, REMOVED[(day + k) % 4].format(p=name), at + timedelta(hours=k + 1))
        if day % 5 == i:
            yield post(sub, OTHER[day % 2].format(p=name), at + timedelta(hours=6))


async def ordinary_month(pipeline: Pipeline) -> None:
    for day in range(30):
        end = START + timedelta(days=day, hours=23)
        await pipeline.ingest_batch(FetchResult(list(ordinary_day(day))), now=end)
    # A subreddit added today backfills a few busy days: no past to judge them by.
    for day in range(27, 30):
        at = START + timedelta(days=day, hours=10)
        await pipeline.ingest_batch(FetchResult([
            post("mercor_ai", f"I got removed from the Mercor project today ({k})",
                 at + timedelta(minutes=k)) for k in range(8)]),
            now=at + timedelta(hours=1))


async def month_then(pipeline: Pipeline, title: str) -> tuple[datetime, Batch]:
    """A month of ordinary traffic, then ``title`` in r/outlier_ai at 07:00 on day 30."""
    await ordinary_month(pipeline)
    at = START + timedelta(days=30, hours=7)
    return at, await pipeline.ingest_batch(FetchResult([post("outlier_ai", title, at)]), now=at)


async def spike_day(pipeline: Pipeline, day: int = 30, batches: int = 3) -> list[Ingested]:
    at = START + timedelta(days=day, hours=8)
    posts = [post("outlier_ai", REMOVED[k % 4].format(p="Outlier") + f" ({k})",
                  at + timedelta(minutes=20 * k)) for k in range(15)]
    size = len(posts) // batches
    out: list[Ingested] = []
    for b in range(batches):
        chunk = posts[b * size:(b + 1) * size]
        out += (await pipeline.ingest_batch(FetchResult(chunk), now=chunk[-1].created_utc)).new
    return out


async def count_of(sessions: Sessions, what: type[Spike]) -> int:
    async with sessions() as session:
        return int((await session.execute(select(func.count()).select_from(what))).scalar_one())


async def test_a_month_of_ordinary_traffic_raises_no_spike(
    db_sessions: Sessions, pipeline: Pipeline,
) -> None:
    await ordinary_month(pipeline)
    async with db_sessions() as session:
        reports = (await session.execute(
            select(func.count()).where(Event.origin == "spike"))).scalar_one()
    assert reports == 0
    assert await count_of(db_sessions, Spike) == 0


async def test_fifteen_removals_in_a_day_raise_exactly_one_spike_event(
    db_sessions: Sessions, pipeline: Pipeline,
) -> None:
    await ordinary_month(pipeline)
    placed = await spike_day(pipeline)
    async with db_sessions() as session:
        events = (await session.execute(
            select(Event).where(Event.origin == "spike"))).scalars().all()
        spikes = (await session.execute(select(Spike))).scalars().all()
        [event] = events
        roles = (await session.execute(
            select(EventReport.role, func.count()).where(EventReport.event_id == event.id)
            .group_by(EventReport.role))).all()
        alerts = (await session.execute(
            select(OutboxItem.kind).where(OutboxItem.event_id == event.id))).scalars().all()
    [spike] = spikes
    assert (spike.community, spike.kind, spike.event_id) == ("r/outlier_ai", "removed",
                                                             event.id)
    assert spike.baseline <= 3 and spike.count == 15
    assert event.platforms == ["outlier"] and event.parents == ["scale_ai"]
    assert event.event_type == "layoff" and event.direction == "contraction"
    assert event.post_count == 15 and event.status == "corroborated"
    assert "15 workers in r/outlier_ai" in event.title or event.post_count == 15
    assert roles == [("spike", 15)]
    assert "new" in alerts  # queued for the console route like any event
    # The tenth report made the spike: it opened the event; the next five joined it.
    assert [i.placement.event_id if i.placement else None for i in placed] == \
        [None] * 5 + [event.id] * 10
    assert [n for n, i in enumerate(placed) if i.placement and i.placement.opened] == [9]


async def test_a_spike_joins_the_open_event_of_its_platform(
    db_sessions: Sessions, pipeline: Pipeline,
) -> None:
    _, batch = await month_then(pipeline, "Outlier pauses the Aether project for all contributors")
    [opened] = [c.event_id for c in batch.changes if c.opened]
    await spike_day(pipeline)
    async with db_sessions() as session:
        event = await session.get(Event, opened)
        spikes = (await session.execute(select(Spike))).scalars().all()
        origins = (await session.execute(select(Event.origin))).scalars().all()
    assert event is not None and event.origin == "reports"
    assert event.post_count == 16 and event.source_count >= 2
    assert event.status in ("corroborated", "confirmed")
    assert [s.event_id for s in spikes] == [opened]
    assert "spike" not in origins


async def test_follow_up_reports_count_towards_a_spike(
    db_sessions: Sessions, pipeline: Pipeline,
) -> None:
    """Fifteen workers' "no tasks" posts, each short of a signal, join the open Kestrel
    event as follow-ups: they are still the day's individual reports (events.md), so
    they make a spike, which joins that event without placing them twice."""
    at, batch = await month_then(
        pipeline, "Outlier pauses the Kestrel project for every generalist on it")
    [opened] = [c.event_id for c in batch.changes if c.opened]
    placed: list[Ingested] = []
    for k in range(15):
        when = at + timedelta(minutes=20 * (k + 1))
        placed += (await pipeline.ingest_batch(FetchResult([post(
            "outlier_ai", f"Apparently the Kestrel project is paused, I have had no tasks "
            f"since Monday ({k})",
            when)]), now=when)).new
    assert all(i.placement is not None and i.placement.follow_up
               and i.placement.event_id == opened for i in placed)
    async with db_sessions() as session:
        spikes = (await session.execute(select(Spike))).scalars().all()
        event = await session.get(Event, opened)
        reports = (await session.execute(select(func.count()).where(
            EventReport.event_id == opened))).scalar_one()
    [spike] = spikes
    assert (spike.community, spike.kind, spike.event_id) == ("r/outlier_ai", "no_tasks",
                                                             opened)
    assert spike.count == 15
    assert event is not None and event.post_count == 16 and reports == 16


async def test_a_spike_does_not_join_an_open_hiring_event(
    db_sessions: Sessions, pipeline: Pipeline,
) -> None:
    await month_then(pipeline, "Outlier is hiring 2,000 new contributors for its coding projects")
    await spike_day(pipeline)
    async with db_sessions() as session:
        rows = (await session.execute(
            select(Event.origin, Event.direction, Event.post_count).order_by(Event.id))).all()
    assert [tuple(r) for r in rows] == [("reports", "expansion", 1),
                                        ("spike", "contraction", 15)]


async def test_a_spike_whose_event_was_removed_places_its_posts_again(
    db_sessions: Sessions, pipeline: Pipeline,
) -> None:
    await month_then(pipeline, "Outlier pauses the Aether project for all contributors")
    await spike_day(pipeline)
    async with db_sessions.begin() as session:
        # What ``labelwatch events rebuild`` does first: events built from reports go.
        assert await delete_report_events(session) >= 1
    late = START + timedelta(days=30, hours=20)
    await pipeline.ingest_batch(FetchResult([post(
        "outlier_ai", "they kicked me off the Outlier project (late)", late)]), now=late)
    async with db_sessions() as session:
        [event] = (await session.execute(select(Event))).scalars().all()
        [spike] = (await session.execute(select(Spike))).scalars().all()
    assert event.origin == "spike" and event.post_count == 16 and spike.event_id == event.id
