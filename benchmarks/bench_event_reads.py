"""Time the event reads and the alert queue over a large stored history.

Generates N signal posts (default 100,000: the signals of about 1.3 million
posts at the usual 7.5%) over the last year, grouped into events of 1 to 40
reports plus a few of 500, loads them through the real migrations into
SQLite and, when a URL is given, PostgreSQL, and prints how long each read a
slash command, a digest or the outbox worker makes takes. The budget for a
command's reads is 300 ms, well inside Discord's 3 seconds.

    python benchmarks/bench_event_reads.py                  # SQLite, + PostgreSQL if
                                                            # LABELWATCH_TEST_POSTGRES_URL is set
    python benchmarks/bench_event_reads.py --posts 20000 --no-postgres
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from benchmarks.bench_summary import EVENTS, PLATFORMS, TIERS, _pick, timed
from benchmarks.schemas import schema_engine
from storage.engine import create_engine, session_factory, upgrade
from storage.models import AlertRoute, Event, EventPlatform, EventReport, Post
from storage.queries.audience import guild_audience
from storage.queries.event_changes import EventChange
from storage.queries.event_outbox import enqueue_event_alerts
from storage.queries.event_summary import event_summary
from storage.queries.event_views import count_events, event_timeline, find_event, recent_events
from storage.queries.outbox import claim_due

BUDGET_MS = 300.0
CHUNK = 5000
ROUTES = 50
BIG_EVENTS = 3
"""Events of 500 reports each, for the timeline and the embed's newest reports."""


def generate(n: int, now: datetime, seed: int = 11) -> Iterator[dict[str, list[dict[str, Any]]]]:
    """Chunks of rows for posts, events, event_platforms and event_reports."""
    rng = random.Random(seed)
    year = 365 * 24 * 3600
    pid = eid = 0
    rows: dict[str, list[dict[str, Any]]] = {"posts": [], "events": [], "platforms": [],
                                             "reports": []}
    while pid < n:
        eid += 1
        size = 500 if eid <= BIG_EVENTS else min(n - pid, max(1, int(rng.paretovariate(1.2))))
        size = min(size, 40) if eid > BIG_EVENTS else size
        first = now - timedelta(seconds=rng.random() * year)
        event_type, direction, _ = _pick(rng, EVENTS)
        tier = _pick(rng, TIERS)[0]
        platform = _pick(rng, PLATFORMS)[0]
        last = first
        for k in range(size):
            pid += 1
            created = first + timedelta(hours=k * rng.uniform(0.1, 3))
            last = max(last, created)
            rows["posts"].append({
                "id": pid, "source_kind": "feed" if k else "reddit",
                "external_id": f"p{pid}", "subreddit": None if k else "outlier_ai",
                "feed": f"Outlet {pid % 300}" if k else None, "platform_hint": None,
                "title": f"Report {pid} of event {eid}: rates cut on the platform",
                "body": "Body text. " * 8, "url": f"https://news{pid % 300}.example/{pid}",
                "author": f"user{pid % 5000}", "created_utc": created, "fetched_at": created,
                "scored_at": created, "scorer_version": "bench", "is_signal": True,
                "score": rng.uniform(50, 100), "event_type": event_type,
                "direction": direction, "tier": tier, "platforms": [platform],
                "evidence": ["rates dropped"], "magnitude": None,
            })
            rows["reports"].append({
                "post_id": pid, "event_id": eid, "role": "report", "created_utc": created,
                "joined_at": created, "source_key": f"press:outlet{pid % 300}",
                "independent": True, "syndicated_of": None, "similarity": 0.7,
                "reason": "same platform, same figures, similarity 0.70",
            })
        status = "confirmed" if size >= 3 else ("corroborated" if size == 2 else "reported")
        rows["events"].append({
            "id": eid, "guild_id": 7 if eid % 50 == 0 else None, "origin": "reports",
            "title": f"Event {eid}", "platforms": [platform], "parents": [platform],
            "event_type": event_type, "direction": direction, "tier": tier,
            "magnitude": None, "first_seen": first, "last_seen": last, "status": status,
            "status_changed_at": last, "confirmed_at": last if status == "confirmed" else None,
            "score": rng.uniform(50, 100), "post_count": size, "source_count": size,
            "author_count": size, "revision": size, "features": {}, "created_at": first,
            "updated_at": last,
        })
        rows["platforms"].append({"event_id": eid, "platform": platform, "parent": platform,
                                  "first_seen": first, "last_seen": last})
        if len(rows["posts"]) >= CHUNK:
            yield rows
            rows = {"posts": [], "events": [], "platforms": [], "reports": []}
    if rows["posts"]:
        yield rows


async def load(engine: AsyncEngine, n: int, now: datetime) -> tuple[int, float]:
    started = time.perf_counter()
    events = 0
    async with engine.begin() as conn:
        for rows in generate(n, now):
            await conn.execute(insert(Post), rows["posts"])
            await conn.execute(insert(Event), rows["events"])
            await conn.execute(insert(EventPlatform), rows["platforms"])
            await conn.execute(insert(EventReport), rows["reports"])
            events += len(rows["events"])
        await conn.execute(insert(AlertRoute), [
            {"guild_id": i % 10 + 1, "sink_kind": "channel", "sink_id": str(1000 + i),
             "min_score": 60.0 if i % 2 else None, "platforms": [], "event_types": [],
             "tiers": [], "ping_role_id": None, "index_alerts": False, "enabled": True,
             "disabled_reason": None, "created_at": now}
            for i in range(ROUTES)
        ])
    if engine.dialect.name == "postgresql":
        async with engine.connect() as conn:
            auto = await conn.execution_options(isolation_level="AUTOCOMMIT")
            for table in ("posts", "events", "event_platforms", "event_reports", "alert_routes"):
                await auto.execute(text(f"VACUUM ANALYZE {table}"))
    else:
        async with engine.begin() as conn:
            await conn.execute(text("ANALYZE"))
    return events, time.perf_counter() - started


async def queue_and_claim(engine: AsyncEngine, events: int, now: datetime) -> None:
    """A page's worth of changes queued (then rolled back), and the worker's claim."""
    sessions = session_factory(engine)
    changes = [EventChange(e, False, 10_000, "corroborated", "confirmed", ())
               for e in range(events - 100, events)]
    for label, count in (("enqueue 100 changes x 50 routes (new)", 100),
                         ("enqueue 10 changes x 50 routes (new)", 10)):
        async with sessions() as session:
            t = time.perf_counter()
            await enqueue_event_alerts(session, changes[:count], now=now)
            queued = (time.perf_counter() - t) * 1000
            t = time.perf_counter()
            claimed = await claim_due(session, now, 50, per_route=10)
            claim = (time.perf_counter() - t) * 1000
            t = time.perf_counter()
            await enqueue_event_alerts(session, changes[:count], now=now)  # now edits/replies
            again = (time.perf_counter() - t) * 1000
            await session.rollback()
        print(f"   {label:<44} {queued:7.1f} ms; same again (edits, replies) {again:7.1f} ms; "
              f"claim_due of {len(claimed)} {claim:6.1f} ms")


async def bench(label: str, engine: AsyncEngine, n: int) -> bool:
    now = datetime.now(UTC).replace(microsecond=0)
    await upgrade(engine)
    print(f"\n== {label}: loading {n:,} signal posts in events ...", flush=True)
    events, seconds = await load(engine, n, now)
    print(f"   loaded {n:,} posts in {events:,} events in {seconds:.1f} s")
    sessions = session_factory(engine)
    guild = guild_audience(7)
    week, month = now - timedelta(days=7), now - timedelta(days=30)
    checks: list[tuple[str, Callable[[AsyncSession], Awaitable[Any]]]] = [
        ("/signals summary days=7", lambda s: event_summary(s, guild, None, 7, now)),
        ("/signals summary days=30", lambda s: event_summary(s, guild, None, 30, now)),
        ("/signals summary days=90 outlier",
         lambda s: event_summary(s, guild, {"outlier"}, 90, now)),
        ("/signals summary days=365", lambda s: event_summary(s, guild, None, 365, now)),
        ("/events recent 7 days: count + page 1", lambda s: _page(s, guild, week)),
        ("/events recent 30 days outlier confirmed",
         lambda s: recent_events(s, guild, platforms={"outlier"}, status="confirmed",
                                 since=month, limit=5)),
        ("/events show (500 reports): event + page", lambda s: _show(s, guild, 1)),
        ("/events show (500 reports): last page", lambda s: _show(s, guild, 1, 495)),
        ("digest weekly: strongest 15 + count",
         lambda s: _digest(s, guild, week)),
    ]
    ok = True
    for name, call in checks:
        first, median, _ = await timed(sessions, call)
        passed = max(first, median) < BUDGET_MS
        ok &= passed
        verdict = "  OK" if passed else f"  OVER {BUDGET_MS:.0f} ms"
        print(f"   {name:<44} first {first:7.1f} ms  median {median:7.1f} ms{verdict}")
    await queue_and_claim(engine, events, now)
    return ok


async def _page(s: AsyncSession, audience: Any, since: datetime) -> Any:
    return (await count_events(s, audience, since=since),
            await recent_events(s, audience, since=since, limit=5))


async def _show(s: AsyncSession, audience: Any, event_id: int, offset: int = 0) -> Any:
    return (await find_event(s, event_id, audience),
            await event_timeline(s, event_id, limit=5, offset=offset))


async def _digest(s: AsyncSession, audience: Any, since: datetime) -> Any:
    return (await recent_events(s, audience, since=since, limit=15, order="strongest"),
            await count_events(s, audience, since=since))


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--postgres", default=os.environ.get("LABELWATCH_TEST_POSTGRES_URL"))
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    ok = True
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory() as tmp:
            engine = create_engine(f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}")
            try:
                ok &= await bench("SQLite", engine, args.posts)
            finally:
                await engine.dispose()
    if args.postgres and not args.no_postgres:
        async with schema_engine(args.postgres) as engine:
            ok &= await bench("PostgreSQL", engine, args.posts)
    elif not args.no_postgres:
        print("\n(PostgreSQL skipped: set LABELWATCH_TEST_POSTGRES_URL or pass --postgres)")
    print("\nall event reads within budget" if ok else "\nsome event reads over budget")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
