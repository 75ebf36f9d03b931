"""``labelwatch replay``: the pipeline run over a file, clocked by each post's time.

Posts (the scoring input of signals.md, ``created_utc`` required; optional
``author`` and ``url`` say who reported them and where) go through the same
``Pipeline.ingest_batch`` as ``labelwatch run``: scored, stored, grouped into
events, alerts decided. They go in order of ``created_utc``, a page at a time,
each page clocked by its last post's time, so an archive replays as it
happened. Output is one line per good input line, in input order:
``{"id", "is_signal", "event_id", "alert"}``.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable
from contextlib import AsyncExitStack
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TextIO

from bot.app import prepare_database
from bot.config import Settings
from bot.events.grouping import Grouper
from bot.pipeline import Ingested, Pipeline
from bot.records import FetchResult, PostRecord
from bot.scoring import Scorer
from bot.scoring.cli import read_jsonl_post
from bot.spikes.watch import SpikeWatcher
from storage.engine import create_engine, session_factory
from storage.queries.event_changes import EventChange
from storage.queries.events import stored_places

PAGE = 1000
"""Posts stored and grouped per transaction, as a large fetched page would be."""


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
    post = read_jsonl_post(obj)
    if post.created_utc is None:
        raise ValueError("missing or unreadable 'created_utc' (replay is clocked by it)")
    if post.created_utc.tzinfo is None:
        raise ValueError("'created_utc' has no time zone (write it as ...Z)")
    for key in ("author", "url"):
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            raise ValueError(f"{key!r} must be a string or null")
    return replace(post, author=obj.get("author") or None, url=obj.get("url") or None)


def route_alert(item: Ingested, changes: list[EventChange]) -> str | None:
    """What one every-signal route does for this post: a new message, an edit, or nothing.

    A post that opened its event made the route's message (``new``); one that
    changed what the event's alert shows edited it (``update``).
    """
    placement = item.placement
    if placement is None or placement.event_id is None:
        return None
    if placement.opened:
        return "new"
    return "update" if placement.changed else None


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


async def replay(lines: list[ReplayLine], settings: Settings, database_url: str | None,
                 out: TextIO, grouper: Grouper | None = None) -> None:
    """Run ``lines`` through the pipeline and write one JSON line per line, input order.

    ``grouper`` replaces the one built from ``settings`` (benchmarks time it).
    """
    async with AsyncExitStack() as stack:
        if database_url is None:
            folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="labelwatch-"))
            database_url = f"sqlite+aiosqlite:///{Path(folder) / 'replay.db'}"
        engine = create_engine(database_url)
        stack.push_async_callback(engine.dispose)
        await prepare_database(engine)
        scorer = Scorer(settings.registry, threshold=settings.scoring.threshold,
                        model_path=settings.scoring.model)
        pipeline = Pipeline(session_factory(engine), scorer, alerts=False,
                            grouper=grouper or Grouper(settings.registry, settings.events),
                            spikes=SpikeWatcher(settings.registry, settings.spikes,
                                                settings.events))
        ordered = sorted(lines, key=lambda x: (x.post.created_utc, x.number))
        results: dict[int, dict[str, Any]] = {}
        number_of = {(x.post.source_kind, x.post.external_id): x.number for x in lines}
        for start in range(0, len(ordered), PAGE):
            page = [x.post for x in ordered[start:start + PAGE]]
            batch = await pipeline.ingest_batch(FetchResult(posts=page),
                                                now=page[-1].created_utc)
            for item in batch.new:
                rec = item.post.record
                event = item.placement.event_id if item.placement else None
                results[number_of[(rec.source_kind, rec.external_id)]] = {
                    "id": rec.external_id, "is_signal": item.decision.is_signal,
                    "event_id": None if event is None else f"e{event}",
                    "alert": route_alert(item, batch.changes),
                }
        missing = [x for x in lines if x.number not in results]
        if missing:
            results.update(await _already_stored(pipeline, missing))
        for x in lines:
            out.write(json.dumps(results[x.number]) + "\n")
        out.flush()
