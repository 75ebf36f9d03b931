"""Poison items through the real sources into a real store: the batch keeps moving.

On PostgreSQL a NUL in a post, or a GUID, author, link or ETag longer than
its column, used to fail the whole transaction on every poll, so nothing else
from that batch of subreddits or that feed was stored or alerted again.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import timedelta

import aiohttp
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import FeedSettings, parse_settings
from bot.pipeline import Pipeline
from bot.poller import Poller, SourceRef, build_plan
from bot.scoring import Scorer
from bot.sources.feeds import FeedFetcher
from bot.sources.reddit import RedditSource
from storage import limits
from storage.models import EventReport, OutboxItem, Post
from storage.queries.alerts import sync_config_routes
from storage.queries.sources import all_states
from tests.doubles.feeds import FeedDouble
from tests.doubles.reddit import RedditDouble

SUBREDDITS = ["outlier_ai", "mercor_ai", "dataannotation", "appen", "telus"]
PAY_CUT = ("Outlier cut rates for all generalist projects from ${n}/hr to $16/hr today, "
           "everyone on the project got the email")


@pytest.fixture
async def world(
    db_sessions: async_sessionmaker[AsyncSession],
) -> AsyncIterator[tuple[Poller, RedditDouble, FeedDouble]]:
    async with RedditDouble() as reddit, FeedDouble() as feeds, \
            aiohttp.ClientSession() as http:
        base = parse_settings({"builtin_sources": False}, env={})
        policy = FeedSettings(timeout_seconds=2.0, allow_private=True)
        settings = replace(base, reddit=reddit.reddit_settings(), feeds=policy)
        source = RedditSource(settings.reddit, policy=policy)
        fetcher = FeedFetcher(http, policy, "labelwatch-tests")
        pipeline = Pipeline(db_sessions, Scorer(settings.registry))
        poller = Poller(settings, db_sessions, pipeline, source, fetcher)
        refs = [SourceRef("reddit", s, "outlier") for s in SUBREDDITS]
        poller.plan = build_plan(settings, [*refs, SourceRef("feed", feeds.url_for("news"))])
        async with db_sessions.begin() as session:
            await sync_config_routes(session, (), True)
        try:
            yield poller, reddit, feeds
        finally:
            await source.close()


async def counts(sessions: async_sessionmaker[AsyncSession]) -> tuple[int, int]:
    """(posts stored, posts in an event whose message is queued for the console)."""
    async with sessions() as session:
        posts = await session.scalar(select(func.count()).select_from(Post))
        alerted = await session.scalar(
            select(func.count()).select_from(EventReport).where(EventReport.event_id.in_(
                select(OutboxItem.event_id).where(OutboxItem.kind == "new"))))
    return int(posts or 0), int(alerted or 0)


async def test_poison_items_leave_their_batch_stored_and_alerted(
    world: tuple[Poller, RedditDouble, FeedDouble],
    db_sessions: async_sessionmaker[AsyncSession],
) -> None:
    poller, reddit, feeds = world
    for n, sub in enumerate(SUBREDDITS):
        reddit.add_post(sub, PAY_CUT.format(n=30 + n), "Everyone got the email.")
    reddit.add_post("outlier_ai", PAY_CUT.format(n=40), "The email said\x00 nothing else.")
    reddit.add_post("mercor_ai", PAY_CUT.format(n=41) + " \ud800", "lone half")
    news = feeds.feed("news", etag='"' + "e" * (limits.ETAG + 100) + '"')
    news.add(PAY_CUT.format(n=50), guid="plain-1", link="https://news.example/1")
    news.add(PAY_CUT.format(n=51), guid="g" * (limits.EXTERNAL_ID + 88))
    news.add(PAY_CUT.format(n=52), guid="a-1", author="a" * (limits.AUTHOR + 44))
    news.add(PAY_CUT.format(n=53), guid="l-1",
             link="https://news.example/" + "l" * (limits.URL + 10))

    outcomes = await poller.poll_all()
    assert [o.error for o in outcomes] == [None, None]
    assert await counts(db_sessions) == (11, 11)  # every post stored, every signal alerted

    # Both sources moved on: the next poll stores only what is new.
    reddit.add_post("telus", PAY_CUT.format(n=60), "Later that day.")
    news.add(PAY_CUT.format(n=61), guid="plain-2")
    news.modified += timedelta(seconds=5)  # the double's clock has whole seconds
    again = await poller.poll_all()
    assert [len(o.new) for o in again] == [1, 1]
    assert await counts(db_sessions) == (13, 13)
    async with db_sessions() as session:
        states = {s.key: s for s in await all_states(session)}
        stored = {p.external_id: p for p in (await session.execute(select(Post))).scalars()}
    assert states[f"feed:{feeds.url_for('news')}"].etag is None  # too long to keep
    assert all(s.failures == 0 for s in states.values())
    nul = next(p for p in stored.values() if p.body.startswith("The email said"))
    assert nul.body == "The email said nothing else."
    assert stored["a-1"].author is not None and len(stored["a-1"].author) == limits.AUTHOR
    assert stored["l-1"].url is None
    assert any(len(k) == limits.EXTERNAL_ID and k.startswith("ggg") for k in stored)
