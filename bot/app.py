"""The one start-up function: builds every long-lived part and hands it out.

Config, the database engine, the shared aiohttp session, the Reddit client,
the scorer, the scheduler and the delivery worker are all made here, in one
place, and closed here in reverse order; nothing else creates them.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass

import aiohttp
from aiohttp.abc import AbstractResolver
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.config import ConfigError, Settings, scorer_for
from bot.events.grouping import Grouper
from bot.metrics import Metrics, build_metrics
from bot.pipeline import Pipeline
from bot.poller import Poller, RedditReader, SourceRef, build_plan, configured_sources
from bot.scheduler import apply_plan, create_scheduler
from bot.scoring import Scorer
from bot.sources.addresses import AddressGuard, public_session
from bot.sources.feeds import FeedFetcher
from bot.sources.parsing import ProcessParser
from bot.sources.reddit import RedditAtomSource, RedditSource
from bot.spikes.watch import SpikeWatcher
from bot.startup import check_sqlite_folder, database_error
from storage.engine import (
    create_engine,
    current_revision,
    head_revision,
    session_factory,
    start_up_lock,
    upgrade,
)
from storage.queries.guilds import all_guild_sources

log = logging.getLogger(__name__)

STOP_SETTLE_SECONDS = 3.0
"""How long polls cut short by a stop get to roll back before connections close."""


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
    metrics: Metrics


async def prepare_database(engine: AsyncEngine) -> None:
    """Create the schema in an empty database; refuse to touch an outdated one.

    Upgrading a database that holds data is left to ``labelwatch db upgrade``
    so that it happens when the operator chose to, with a backup at hand.
    """
    async with start_up_lock(engine):
        # Under the lock: of two instances started on an empty database, one creates
        # the schema and the other finds it done.
        current = await current_revision(engine)
        head = head_revision()
        if current is None:
            log.info("empty database: creating the schema")
            await upgrade(engine, lock=False)
        elif current != head:
            raise ConfigError(
                f"database.url: the database schema is at revision {current}, this version "
                f"needs {head}; run 'labelwatch db upgrade' first"
            )


async def open_database(url: str) -> AsyncEngine:
    """The engine, with a schema ready; a database that can't be opened is a StartupError."""
    check_sqlite_folder(url)
    engine = create_engine(url)
    try:
        await prepare_database(engine)
    except (SQLAlchemyError, OSError) as exc:
        await engine.dispose()
        raise database_error(url, exc) from exc
    except BaseException:
        await engine.dispose()
        raise
    return engine


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
    settings: Settings, *, alerts: bool = True, address_guard: AddressGuard | None = None,
    resolver: AbstractResolver | None = None,
) -> AsyncIterator[Services]:
    """Everything ``run`` and the one-shot commands need, closed in reverse order.

    ``address_guard`` and ``resolver`` shape only the session for feeds that
    must stay on public addresses (by default: the system's DNS, nothing
    exempt); tests pass them to reach their doubles on 127.0.0.1. No setting
    reaches them.
    """
    async with AsyncExitStack() as stack:
        engine = await open_database(settings.database.url)
        stack.push_async_callback(engine.dispose)
        sessions = session_factory(engine)
        http = await stack.enter_async_context(aiohttp.ClientSession())
        public_http = await stack.enter_async_context(public_session(address_guard, resolver))
        parser = ProcessParser()
        stack.push_async_callback(parser.close)
        feeds = FeedFetcher(http, settings.feeds, settings.reddit.user_agent,
                            public_http=public_http, parser=parser)
        reddit = make_reddit(settings, feeds)
        if isinstance(reddit, RedditSource):
            stack.push_async_callback(reddit.close)
        scorer = scorer_for(settings)
        grouper = Grouper(settings.registry, settings.events)
        spikes = SpikeWatcher(settings.registry, settings.spikes, settings.events)
        pipeline = Pipeline(sessions, scorer, alerts=alerts, grouper=grouper, spikes=spikes)
        poller = Poller(settings, sessions, pipeline, reddit, feeds)
        # One registry per service, fed by the poller here and by the sinks in the runner.
        metrics = build_metrics(settings.metrics.healthy_within_seconds)
        poller.on_outcome = metrics.observe_poll
        scheduler = create_scheduler()
        services = Services(settings, engine, sessions, http, scorer, reddit, feeds, pipeline,
                            poller, scheduler, metrics)
        await refresh_plan(services)
        try:
            yield services
        finally:
            if scheduler.running:
                scheduler.shutdown(wait=False)
            # Let cancelled polls roll back before the sessions and the engine close.
            await poller.settle(STOP_SETTLE_SECONDS)


async def refresh_plan(services: Services) -> None:
    """Rebuild the poll plan from config and the guilds' own sources."""
    refs = configured_sources(services.settings)
    async with services.sessions() as session:
        for gs in await all_guild_sources(session):
            refs.append(SourceRef(gs.kind, gs.target, gs.platform, guild_id=gs.guild_id))
    plan = build_plan(services.settings, refs)
    if services.scheduler.running:
        apply_plan(services.scheduler, services.poller, plan)
    else:
        services.poller.plan = plan
