"""The one start-up function: builds every long-lived part and hands it out.

Config, the database engine, the shared aiohttp session, the Reddit client,
the scorer, the scheduler and the delivery worker are all made here, in one
place, and closed here in reverse order; nothing else creates them.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass

import aiohttp
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.config import ConfigError, Settings
from bot.pipeline import Pipeline
from bot.poller import Poller, RedditReader, SourceRef, build_plan, configured_sources
from bot.scheduler import apply_plan, create_scheduler
from bot.scoring import Scorer
from bot.sources.feeds import FeedFetcher
from bot.sources.reddit import RedditAtomSource, RedditSource
from storage.engine import (
    create_engine,
    current_revision,
    head_revision,
    session_factory,
    upgrade,
)
from storage.queries.guilds import all_guild_sources

log = logging.getLogger(__name__)


@dataclass
class Services:
    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    http: aiohttp.ClientSession
    scorer: Scorer
    reddit: RedditReader
    feeds: FeedFetcher
    pipeline: Pipeline
    poller: Poller
    scheduler: AsyncIOScheduler


async def prepare_database(engine: AsyncEngine) -> None:
    """Create the schema in an empty database; refuse to touch an outdated one.

    Upgrading a database that holds data is left to ``labelwatch db upgrade``
    so that it happens when the operator chose to, with a backup at hand.
    """
    current = await current_revision(engine)
    head = head_revision()
    if current is None:
        log.info("empty database: creating the schema")
        await upgrade(engine)
    elif current != head:
        raise ConfigError(
            f"database.url: the database schema is at revision {current}, this version needs "
            f"{head}; run 'labelwatch db upgrade' first"
        )


def make_reddit(settings: Settings, feeds: FeedFetcher) -> RedditReader:
    if settings.reddit.has_credentials:
        log.info("reddit: using the API as an application (read-only)")
        return RedditSource(settings.reddit, policy=settings.feeds)
    log.warning(
        "reddit: REDDIT_CLIENT_ID / REDDIT_CLIENT_SECRET are not set; reading subreddits "
        "from their public Atom feeds instead (fewer posts per poll, slower to notice)"
    )
    return RedditAtomSource(feeds, settings.reddit)


@asynccontextmanager
async def build_services(
    settings: Settings, *, alerts: bool = True
) -> AsyncIterator[Services]:
    async with AsyncExitStack() as stack:
        engine = create_engine(settings.database.url)
        stack.push_async_callback(engine.dispose)
        await prepare_database(engine)
        sessions = session_factory(engine)
        http = await stack.enter_async_context(aiohttp.ClientSession())
        feeds = FeedFetcher(http, settings.feeds, settings.reddit.user_agent)
        reddit = make_reddit(settings, feeds)
        if isinstance(reddit, RedditSource):
            stack.push_async_callback(reddit.close)
        scorer = Scorer(settings.registry, threshold=settings.scoring.threshold,
                        model_path=settings.scoring.model)
        pipeline = Pipeline(sessions, scorer, alerts=alerts)
        poller = Poller(settings, sessions, pipeline, reddit, feeds)
        scheduler = create_scheduler()
        services = Services(settings, engine, sessions, http, scorer, reddit, feeds, pipeline,
                            poller, scheduler)
        await refresh_plan(services)
        try:
            yield services
        finally:
            if scheduler.running:
                scheduler.shutdown(wait=False)
            # Let cancelled poll jobs unwind before the session and engine close.
            await asyncio.sleep(0)


async def refresh_plan(services: Services) -> None:
    """Rebuild the poll plan from config and the guilds' own sources."""
    refs = configured_sources(services.settings)
    async with services.sessions() as session:
        for gs in await all_guild_sources(session):
            refs.append(SourceRef(gs.kind, gs.target, gs.platform))
    plan = build_plan(services.settings, refs)
    if services.scheduler.running:
        apply_plan(services.scheduler, services.poller, plan)
    else:
        services.poller.plan = plan
