"""The long-running service and the one-shot commands behind the CLI."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import time
from datetime import timedelta
from typing import TextIO

import aiohttp
import discord
from aiohttp import web
from sqlalchemy.exc import SQLAlchemyError

from bot.app import Services, build_services, refresh_plan
from bot.config import ConfigError, Settings
from bot.delivery.base import Sink
from bot.delivery.channel import ChannelSink
from bot.delivery.console import ConsoleSink
from bot.delivery.webhook import WebhookSink
from bot.delivery.worker import OutboxWorker
from bot.digests import fire_due_digests
from bot.discord_bot import LabelwatchBot, make_bot
from bot.discord_routing import route_discord
from bot.index.convergence import check_convergence
from bot.instances import PollGate, instance_name, single_instance, sqlite_file
from bot.metrics import MeteredSink
from bot.ops_server import start_ops_server
from bot.pipeline import Ingested
from bot.progress import progress
from bot.rescoring import rescore_stored
from bot.scheduler import add_periodic, apply_plan
from bot.scoring import SCORER_VERSION
from bot.shutdown import STOP_SECONDS, StopDeadline
from bot.sources.addresses import AddressGuard
from bot.startup import check_sqlite_folder, database_error
from storage.engine import create_engine, start_up_lock, upgrade
from storage.queries.alerts import sync_config_routes
from storage.queries.posts import count_posts
from storage.types import utcnow

log = logging.getLogger(__name__)
REFRESH_SECONDS = 60
DIGEST_CHECK_SECONDS = 60
SHARED_IDLE_SECONDS = 5.0
"""How often an instance sharing a PostgreSQL database looks for alerts others queued."""
CONVERGENCE_CHECK_SECONDS = 300


def _install_stop(stop: asyncio.Event, deadline: StopDeadline) -> None:
    """SIGINT and SIGTERM ask for an orderly stop, which ``deadline`` bounds."""
    loop = asyncio.get_running_loop()

    def asked() -> None:
        deadline.start()
        stop.set()

    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, asked)


def start_polling(services: Services, owner: str) -> tuple[PollGate, asyncio.Task[None]]:
    """The scheduler with one job per source, plus plan reconciliation, run while this
    instance holds the polling lease (at once on SQLite, where it is the only one)."""
    scheduler = services.scheduler
    scheduler.start(paused=True)
    apply_plan(scheduler, services.poller, services.poller.plan)
    add_periodic(scheduler, "refresh-sources", REFRESH_SECONDS, lambda: refresh_plan(services))
    health = services.metrics.health

    def resume() -> None:
        health.set_polling(True)
        scheduler.resume()

    def pause() -> None:
        scheduler.pause()
        health.set_polling(False)

    gate = PollGate(services.sessions, owner, resume=resume, pause=pause,
                    force=sqlite_file(services.settings.database.url) is not None)
    return gate, asyncio.create_task(gate.run_forever(), name="poll-gate")


def shared_database(settings: Settings) -> bool:
    """True on PostgreSQL, where other instances may deliver from the same outbox."""
    return settings.database.url.startswith("postgresql")


def console_alerts(settings: Settings) -> bool:
    """Alerts go to the console when asked, or when they have nowhere else to go."""
    if settings.alerts.console is not None:
        return settings.alerts.console
    return settings.discord.token is None and not settings.alerts.webhooks


async def start_delivery(
    services: Services, client: LabelwatchBot | None, owner: str | None = None,
) -> tuple[OutboxWorker, asyncio.Task[None]]:
    """Config routes, sinks and the outbox worker, woken by the pipeline.

    With an ``owner`` the worker leases what it claims, and looks for work
    every few seconds: alerts queued by the polling instance wake only it.
    """
    settings, registry = services.settings, services.settings.registry
    console = console_alerts(settings)
    async with start_up_lock(services.engine), services.sessions.begin() as session:
        await sync_config_routes(session, settings.alerts.webhooks, console)
    sinks: dict[str, Sink] = {
        "webhook": WebhookSink(services.http, settings.discord.api_base, registry),
    }
    if console:
        sinks["console"] = ConsoleSink(registry=registry)
    if client is not None:
        sinks["channel"] = ChannelSink(client, registry)
    sinks = {kind: MeteredSink(sink, kind, services.metrics) for kind, sink in sinks.items()}
    worker = OutboxWorker(services.sessions, sinks, owner=owner,
                          idle_wait=60.0 if owner is None else SHARED_IDLE_SECONDS)
    services.pipeline.on_alerts = worker.notify
    schedule_convergence(services, worker)
    task = asyncio.create_task(worker.run_forever(), name="outbox-worker")
    return worker, task


def schedule_convergence(services: Services, worker: OutboxWorker) -> None:
    """Record the index's crossings every few minutes and queue their alerts."""

    async def check() -> None:
        _, queued = await check_convergence(services.sessions, services.settings.index, utcnow())
        if queued:
            worker.notify()

    add_periodic(services.scheduler, "index-convergence", CONVERGENCE_CHECK_SECONDS, check)


def schedule_digests(services: Services, sink: ChannelSink) -> None:
    """Check every minute for digests whose period has come (persisted, once per period)."""

    async def fire() -> None:
        await fire_due_digests(services.sessions, sink.send_embed, services.settings.registry,
                               utcnow(), services.settings.index)

    add_periodic(services.scheduler, "digests", DIGEST_CHECK_SECONDS, fire)


async def _wait(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)


async def _discord_reachable(services: Services, stop: asyncio.Event) -> bool:
    """Wait until Discord's API answers; False if asked to stop first.

    Polling, scoring and queueing go on meanwhile: alerts wait in the outbox.
    """
    url = f"{services.settings.discord.api_base}/gateway"
    delay = 1.0
    while not stop.is_set():
        try:
            async with services.http.get(url, timeout=aiohttp.ClientTimeout(total=10)) as resp:
                if resp.status < 500:
                    return True
                reason = f"HTTP {resp.status}"
        except (aiohttp.ClientError, OSError, TimeoutError) as exc:
            reason = str(exc) or type(exc).__name__
        log.warning("Discord is not reachable (%s); alerts are queued; retrying in %.0fs",
                    reason, delay)
        await _wait(stop, delay)
        delay = min(delay * 2, 60.0)
    return False


async def _login(
    client: LabelwatchBot, token: str, services: Services, stop: asyncio.Event
) -> bool:
    """Log in, outlasting a Discord outage; a rejected token still ends the run."""
    while await _discord_reachable(services, stop):
        try:
            await client.login(token)
            return True
        except (aiohttp.ClientError, OSError, TimeoutError, discord.DiscordServerError) as exc:
            log.warning("logging in to Discord failed (%s); trying again", exc)
            await _wait(stop, 5.0)
    return False


async def _run_discord(
    client: LabelwatchBot, token: str, services: Services, stop: asyncio.Event
) -> int:
    async with client:
        try:
            if not await _login(client, token, services, stop):
                return 0
        except discord.LoginFailure:
            log.error("Discord rejected DISCORD_TOKEN; check the bot's token")
            return 2
        connection = asyncio.create_task(client.connect(reconnect=True), name="discord")
        stopping = asyncio.create_task(stop.wait())
        done, _ = await asyncio.wait({connection, stopping},
                                     return_when=asyncio.FIRST_COMPLETED)
        if connection in done:
            error = connection.exception()
            log.error("the Discord connection ended: %s", error or "closed")
            return 1
        stopping.cancel()
        connection.cancel()
    return 0


async def run(
    settings: Settings, stop: asyncio.Event | None = None, *,
    address_guard: AddressGuard | None = None,
) -> int:
    """``labelwatch run``: poll, score and alert until SIGINT/SIGTERM (or ``stop``)."""
    stop = stop or asyncio.Event()
    deadline = StopDeadline()
    _install_stop(stop, deadline)
    with single_instance(settings.database.url):
        return await _run(settings, stop, deadline, address_guard)


async def _run(
    settings: Settings, stop: asyncio.Event, deadline: StopDeadline,
    address_guard: AddressGuard | None,
) -> int:
    token = settings.discord.token
    owner = instance_name()
    async with build_services(settings, address_guard=address_guard) as services:
        client = None
        if token is not None:
            route_discord(settings.discord.api_base, settings.discord.gateway_url)
            client = make_bot(services)
        else:
            # Webhooks follow [discord] api_base too, with or without a bot.
            route_discord(settings.discord.api_base, None)
        if client is not None:
            services.metrics.watch_discord(lambda: client.latency)
        worker, worker_task = await start_delivery(
            services, client, owner if shared_database(settings) else None)
        gate, gate_task = start_polling(services, owner)
        if client is not None:
            schedule_digests(services, ChannelSink(client, settings.registry))
        plan = services.poller.plan
        sinks = "bot" if client else ("webhooks" if settings.alerts.webhooks else "console")
        log.info("labelwatch running: %d subreddit batches, %d feeds; alerts via %s",
                 len(plan.reddit), len(plan.feeds), sinks)
        ops: web.AppRunner | None = None
        try:
            ops = await _start_ops(services)
            services.metrics.health.running = True
            if client is not None and token is not None:
                status = await _run_discord(client, token.value, services, stop)
            else:
                await stop.wait()
                status = 0
        finally:
            log.info("stopping")
            services.metrics.health.running = False
            deadline.start()
            gate.stop()
            with contextlib.suppress(asyncio.CancelledError, TimeoutError):
                await asyncio.wait_for(gate_task, STOP_SECONDS / 4)
            if services.scheduler.running:
                # Cancels the polls in progress; their transactions roll back.
                services.scheduler.shutdown(wait=False)
            worker.stop()
            with contextlib.suppress(asyncio.CancelledError, TimeoutError):
                await asyncio.wait_for(worker_task, STOP_SECONDS / 2)
            if ops is not None:
                await ops.cleanup()
    return status


async def _start_ops(services: Services) -> web.AppRunner | None:
    """``/healthz`` and ``/metrics`` when ``[metrics] listen`` asks for them."""
    settings = services.settings.metrics
    if not settings.enabled:
        return None
    try:
        return await start_ops_server(services.metrics, services.sessions, settings.host,
                                      settings.port)
    except OSError as exc:
        raise ConfigError(f"metrics.listen: cannot listen on {settings.listen}: "
                          f"{exc.strerror or exc}") from None


def post_line(item: Ingested) -> str:
    rec, d = item.post.record, item.decision
    where = f"r/{rec.subreddit}" if rec.subreddit else (rec.feed or "feed")
    verdict = (f"SIGNAL {d.score:3.0f} {d.event_type} {','.join(d.platforms)}"
               if d.is_signal else f"-      {d.score:3.0f}")
    title = " ".join(rec.title.split())[:100]
    return f"{rec.external_id}  {where}  {verdict}  {title}"


async def poll_once(settings: Settings, out: TextIO) -> int:
    """``labelwatch poll --once``: one cycle of every source, a line per new post."""
    async with build_services(settings) as services:
        outcomes = await services.poller.poll_all(force=True)
    new = failed = 0
    for outcome in outcomes:
        for item in outcome.new:
            print(post_line(item), file=out)
            new += 1
        if outcome.error:
            failed += 1
            print(f"! {outcome.key}: {outcome.error}", file=out)
    print(f"{new} new posts from {len(outcomes)} sources ({failed} failed)", file=out)
    return 0


async def backfill(settings: Settings, days: int, out: TextIO, err: TextIO) -> int:
    """``labelwatch backfill --days N``: what every source still offers from N days back.

    Reddit's listings reach back about 1,000 posts and feeds only as far as
    they publish. Backfill never moves a source's cursor, so the regular
    polls carry on exactly where they were and nothing in between is skipped.
    """
    since = utcnow() - timedelta(days=days)
    async with build_services(settings) as services:
        jobs = services.poller.plan.jobs
        total_new = failed = 0
        with progress("backfill", len(jobs), unit="sources", stream=err) as bar:
            for job in jobs:
                outcome = await services.poller.backfill(job, since)
                total_new += len(outcome.new)
                if outcome.error:
                    failed += 1
                    log.warning("backfill %s: %s", job.name, outcome.error)
                bar.advance(note=f"{total_new} new posts, {failed} failed")
    print(f"{total_new} new posts from the last {days} days ({failed} of {len(jobs)} "
          f"sources failed)", file=out)
    return 0


async def db_upgrade(settings: Settings, out: TextIO) -> int:
    url = settings.database.url
    check_sqlite_folder(url)
    engine = create_engine(url)
    try:
        before, after = await upgrade(engine)
    except (SQLAlchemyError, OSError) as exc:
        raise database_error(url, exc) from exc
    finally:
        await engine.dispose()
    if before == after:
        print(f"database already at revision {after}", file=out)
    else:
        print(f"database upgraded from {before or 'empty'} to {after}", file=out)
    return 0


async def rescore(
    settings: Settings, batch: int, out: TextIO, err: TextIO | None = None
) -> int:
    """Score every stored post again; changes no alert that was already queued or sent.
    Follow-up reports stay signals while they still qualify (``bot.rescoring``)."""
    async with build_services(settings, alerts=False) as services:
        started = time.perf_counter()
        async with services.sessions() as session:
            stored = await count_posts(session)
        with progress("rescore", stored, unit="posts", stream=err) as bar:
            done = await rescore_stored(
                services.sessions, services.pipeline.score_all, batch,
                lambda so_far, n: bar.advance(n, note=f"{so_far.signals} signals"))
    print(f"done: {done.posts} posts rescored with scorer {SCORER_VERSION} in "
          f"{time.perf_counter() - started:.1f}s; {done.signals} are signals"
          + (f" ({done.follow_ups} follow-up reports of events)" if done.follow_ups else ""),
          file=out)
    return 0


def print_platforms(settings: Settings, out: TextIO) -> int:
    rows = [("id", "name", "parent", "subreddits", "feeds", "aliases")]
    for p in settings.registry:
        rows.append((p.id, p.name, p.parent or "", " ".join(f"r/{s}" for s in p.subreddits),
                     str(len(p.feeds)), ", ".join((*p.aliases, *p.loose_aliases))))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    for i, row in enumerate(rows):
        cells = [c.ljust(w) for c, w in zip(row, widths, strict=False)]
        print("  ".join([*cells, row[-1]]).rstrip(), file=out)
        if i == 0:
            print("  ".join("-" * w for w in [*widths, 7]), file=out)
    return 0
