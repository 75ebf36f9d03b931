"""``labelwatch replay``: the pipeline run over a file, clocked by each post's time.

Posts (the scoring input of signals.md, ``created_utc`` required; optional
``author`` and ``url`` say who reported them and where) go through the same
pipeline as ``labelwatch run`` (``Pipeline.score_all`` then
``Pipeline.store_batch``, the two halves of ``ingest_batch``): scored,
stored, grouped into events, and alerts decided by ``enqueue_event_alerts``
for one route that takes every signal (``storage.queries.replay_route``).
They go in order of ``created_utc``, a page at a time, each page clocked by
its last post's time, so an archive replays as it happened. Output is one
line per good input line, in input order:
``{"id", "is_signal", "event_id", "alert"}``.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import logging
import tempfile
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import AsyncExitStack, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any, TextIO

from bot.app import prepare_database
from bot.config import Settings, scorer_for
from bot.events.grouping import Grouper
from bot.pipeline import Batch, Pipeline
from bot.records import FetchResult, PostRecord
from bot.scoring import Decision
from bot.scoring.cli import read_jsonl_post
from bot.scoring_process import ScoringProcess
from bot.spikes.watch import SpikeWatcher
from storage.engine import create_engine, session_factory
from storage.queries.events import stored_places
from storage.queries.replay_route import replay_route, settle_replay_route
from storage.queries.statistics import refresh_statistics

log = logging.getLogger(__name__)

PAGE = 1000
"""Posts stored and grouped per transaction, as a large fetched page would be."""
AHEAD = 2
"""Pages sent to be scored before the one being stored is done: with one, the scoring
processes wait whenever they finish a page before this process has stored the one
before, and a core stands idle; with two they only wait when they are a whole page ahead."""
STATISTICS_PAGES = 10
"""Pages between checks that the database's planner statistics keep up with what the
replay wrote (``storage.queries.statistics``; one statement, on PostgreSQL only)."""
_EARLIEST = datetime.min.replace(tzinfo=UTC)


@dataclass(frozen=True)
class ReplayLine:
    """One good input line: where it was, and the post it holds."""

    number: int
    post: PostRecord


def read_input(lines: Iterable[str], err: TextIO) -> tuple[list[ReplayLine], int]:
    """Good lines, and how many were bad (each reported on ``err`` with its number)."""
    good: list[ReplayLine] = []
    seen: set[tuple[str, str]] = set()
    bad = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            post = _post(json.loads(line))
            key = (post.source_kind, post.external_id)
            if key in seen:
                raise ValueError(f"duplicate id {post.external_id!r}")
            seen.add(key)
        except (ValueError, RecursionError) as exc:
            bad += 1
            reason = f"not valid JSON ({exc.msg})" if isinstance(exc, json.JSONDecodeError) \
                else str(exc)
            err.write(f"line {number}: skipped: {reason}\n")
            continue
        good.append(ReplayLine(number, post))
    return good, bad


def _post(obj: Any) -> PostRecord:
    post = read_jsonl_post(obj, with_links=True)
    if post.created_utc is None:
        raise ValueError("missing or unreadable 'created_utc' (replay is clocked by it)")
    if post.created_utc.tzinfo is None:
        raise ValueError("'created_utc' has no time zone (write it as ...Z)")
    return post


def route_alerts(batch: Batch, route_id: int) -> dict[int, str]:
    """Post id -> what the route's alert decision did for it: ``new`` or ``update``.

    Read from what ``enqueue_event_alerts`` queued for the route: when an
    event's message was queued, the post that opened the event made it
    (``new``; the earliest post of the event that changed it, when the event
    opened in an earlier page); a post that changed what the event's alert
    shows edited it (``update``), whether an edit or the new message was
    queued for it. Others: nothing.
    """
    out: dict[int, str] = {}
    made: set[int] = set()
    placed = [(p, i.post.record.created_utc or _EARLIEST) for i in batch.new
              if (p := i.placement) is not None and p.event_id is not None]
    for placement, _ in sorted(placed, key=lambda x: (not x[0].opened, x[1], x[0].post_id)):
        assert placement.event_id is not None
        queued = batch.queued.get(placement.event_id)
        kind = queued.alert_for(route_id) if queued is not None else None
        if kind == "new" and placement.event_id not in made and (
                placement.opened or placement.changed):
            made.add(placement.event_id)
            out[placement.post_id] = "new"
        elif kind is not None and placement.changed:
            out[placement.post_id] = "update"
    return out


async def _already_stored(pipeline: Pipeline, lines: list[ReplayLine]
                          ) -> dict[int, dict[str, Any]]:
    """Lines whose post the database already held: their stored verdict and event, no alert."""
    out: dict[int, dict[str, Any]] = {}
    async with pipeline.sessions() as session:
        for kind in ("reddit", "feed"):
            mine = [x for x in lines if x.post.source_kind == kind]
            found = await stored_places(session, kind, [x.post.external_id for x in mine])
            for x in mine:
                signal, event = found.get(x.post.external_id, (None, None))
                out[x.number] = {"id": x.post.external_id, "is_signal": signal,
                                 "event_id": None if event is None else f"e{event}",
                                 "alert": None}
    return out


@contextmanager
def _collector_spared() -> Iterator[None]:
    """Objects that exist when the pages start are left out of garbage collection until the end.

    Modules, the database layer and the input outlive every page, and a full
    collection walks all of them (about 100,000 objects, tens of milliseconds
    each time) to find none to free; freezing them for the replay leaves the
    collector only what the pages make. They go back to it afterwards.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@contextmanager
def scoring_process(settings: Settings) -> Iterator[ScoringProcess]:
    """The processes that score replayed pages, closed on the way out.

    Start them first: they are forked before the database driver starts its
    thread, and build their scorers while this process reads the input and
    prepares the database. ``widen_for`` starts the others the settings
    allow once the input is known to need them.
    """
    scoring = ScoringProcess(partial(scorer_for, settings))
    try:
        yield scoring
    finally:
        scoring.close()


async def replay_text(text: Iterable[str], settings: Settings, database_url: str | None,
                      out: TextIO, err: TextIO, grouper: Grouper | None = None, *,
                      scoring: ScoringProcess | None = None) -> int:
    """Read input lines (bad ones reported on ``err``), replay them; returns how many were bad.

    ``scoring``: processes the caller started with ``scoring_process`` and closes
    (to read afterwards which of them scored); by default, started here.
    """
    with contextlib.ExitStack() as stack:
        if scoring is None:
            scoring = stack.enter_context(scoring_process(settings))
        lines, bad = read_input(text, err)
        widen_for(scoring, settings, len(lines))
        await replay(lines, settings, database_url, out, grouper, scoring=scoring)
    return bad


def page_bounds(count: int) -> list[tuple[int, int]]:
    """Where the pages of ``count`` posts start and end: ``PAGE`` posts each, except that
    a replay of more than two pages starts and ends with a quarter page.

    While this process stores a page the scoring processes score the next, so the
    first page is scored with nothing to store and the last stored with nothing to
    score: a core waits through each. Short first and last pages shorten the waits
    for a few more statements.
    """
    if count <= 2 * PAGE:
        return [(a, min(a + PAGE, count)) for a in range(0, count, PAGE)]
    edge = PAGE // 4
    starts = [0, *range(edge, count - edge, PAGE), count - edge]
    return list(zip(starts, [*starts[1:], count], strict=True))


def widen_for(scoring: ScoringProcess, settings: Settings, posts: int) -> None:
    """Start the scoring processes ``scoring.processes`` allows, if ``posts`` are work for them.

    A replay of one page or less keeps one: on a busy machine a second
    scorer being built slows the first one's start-up more than sharing a
    single page's scoring saves.
    """
    if posts > PAGE:
        scoring.widen(settings.scoring.processes)


async def replay(lines: list[ReplayLine], settings: Settings, database_url: str | None,
                 out: TextIO, grouper: Grouper | None = None, *,
                 scoring: ScoringProcess | None = None) -> None:
    """Run ``lines`` through the pipeline and write one JSON line per line, input order.

    Pages are scored in processes of their own (``scoring``, else ones
    started here) while the page before is stored, grouped and decided on,
    so two cores both work. ``grouper`` replaces the one built from
    ``settings`` (benchmarks time it).
    """
    async with AsyncExitStack() as stack:
        if scoring is None:
            scoring = stack.enter_context(scoring_process(settings))
            widen_for(scoring, settings, len(lines))
        if database_url is None:
            folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="labelwatch-"))
            database_url = f"sqlite+aiosqlite:///{Path(folder) / 'replay.db'}"
        engine = create_engine(database_url)
        stack.push_async_callback(engine.dispose)
        await prepare_database(engine)
        sessions = session_factory(engine)
        async with sessions.begin() as session:
            route = await replay_route(session)
        pipeline = Pipeline(sessions, None, alert_routes=(route,), scoring=scoring,
                            grouper=grouper or Grouper(settings.registry, settings.events),
                            spikes=SpikeWatcher(settings.registry, settings.spikes,
                                                settings.events))
        ordered = sorted(lines, key=lambda x: (x.post.created_utc, x.number))
        pages = [[x.post for x in ordered[a:b]] for a, b in page_bounds(len(ordered))]
        results: dict[int, dict[str, Any]] = {}
        number_of = {(x.post.source_kind, x.post.external_id): x.number for x in lines}
        upcoming: deque[asyncio.Future[list[Decision]]] = deque()
        stack.enter_context(_collector_spared())
        try:
            for page in pages[:AHEAD]:
                upcoming.append(asyncio.ensure_future(pipeline.score_all(page)))
            for index, page in enumerate(pages):
                if index % STATISTICS_PAGES == 0:
                    async with sessions.begin() as session:
                        analyzed = await refresh_statistics(session)
                    if analyzed:
                        log.info("replay: planner statistics refreshed for %s",
                                 ", ".join(analyzed))
                scored = await upcoming.popleft()
                if index + AHEAD < len(pages):
                    upcoming.append(asyncio.ensure_future(
                        pipeline.score_all(pages[index + AHEAD])))
                batch = await pipeline.store_batch(FetchResult(posts=page), scored,
                                                   now=page[-1].created_utc)
                alerts = route_alerts(batch, route)
                for item in batch.new:
                    rec = item.post.record
                    event = item.placement.event_id if item.placement else None
                    results[number_of[(rec.source_kind, rec.external_id)]] = {
                        "id": rec.external_id, "is_signal": item.decision.is_signal,
                        "event_id": None if event is None else f"e{event}",
                        "alert": alerts.get(item.post.id),
                    }
        finally:
            for future in upcoming:
                future.cancel()
            for future in upcoming:
                with contextlib.suppress(asyncio.CancelledError):
                    await future
            async with sessions.begin() as session:
                await settle_replay_route(session, route)
        missing = [x for x in lines if x.number not in results]
        if missing:
            results.update(await _already_stored(pipeline, missing))
        for x in lines:
            out.write(json.dumps(results[x.number]) + "\n")
        out.flush()
