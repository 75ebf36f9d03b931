"""Time ``summary()`` (and the other signal reads) over a large stored history.

Generates N posts (default 1,000,000) spread over the last year, about 7.5%
of them signals with one or two platforms each, loads them through the real
migrations into SQLite and, when a URL is given, PostgreSQL, then prints how
long each read takes. The budget for ``summary`` is 300 ms.

    python benchmarks/bench_summary.py                      # SQLite, + PostgreSQL if
                                                            # LABELWATCH_TEST_POSTGRES_URL is set
    python benchmarks/bench_summary.py --posts 200000 --no-postgres

PostgreSQL runs in a throwaway schema that is dropped afterwards; SQLite in a
temporary file unless ``--sqlite PATH`` is given.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
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

from benchmarks.schemas import schema_engine
from bot.delivery.channel import base36
from storage.engine import create_engine, session_factory, upgrade
from storage.models import Post, PostPlatform
from storage.queries.lookup import find_post
from storage.queries.signals import recent_signals, summary

BUDGET_MS = 300.0
CHUNK = 5000
SIGNAL_SHARE = 0.075
PLATFORMS = [  # (id, relative volume of signals)
    ("outlier", 30), ("dataannotation", 18), ("mercor", 14), ("scale_ai", 8), ("appen", 6),
    ("telus_digital", 5), ("remotasks", 4), ("xai", 3), ("handshake_ai", 3), ("alignerr", 2),
    ("prolific", 2), ("mturk", 2), ("toloka", 1), ("turing", 1), ("other", 1),
]
EVENTS = [  # (event_type, direction, weight)
    ("pay_cut", "contraction", 25), ("layoff", "contraction", 18),
    ("project_pause", "contraction", 20), ("tier_shift", "contraction", 8),
    ("hiring_freeze", "contraction", 6), ("client_loss", "contraction", 4),
    ("shutdown", "contraction", 2), ("restructuring", "contraction", 4),
    ("pay_raise", "expansion", 5), ("hiring_expansion", "expansion", 8),
]
TIERS = [("generalist", 40), ("expert", 25), ("all", 20), ("unknown", 15)]
SUBREDDITS = ["outlier_ai", "DataAnnotationTech", "mercor_ai", "WorkOnline", "Appen"]


def _pick(rng: random.Random, table: list[tuple[Any, ...]]) -> tuple[Any, ...]:
    return rng.choices(table, weights=[row[-1] for row in table])[0]


def generate(n: int, now: datetime, seed: int = 7) -> Iterator[tuple[list[dict[str, Any]],
                                                                     list[dict[str, Any]]]]:
    """Chunks of (post rows, post_platform rows), ids assigned here."""
    rng = random.Random(seed)
    year = 365 * 24 * 3600
    for start in range(1, n + 1, CHUNK):
        posts, platform_rows = [], []
        for pid in range(start, min(start + CHUNK, n + 1)):
            created = now - timedelta(seconds=rng.random() * year)
            signal = rng.random() < SIGNAL_SHARE
            row: dict[str, Any] = {
                "id": pid, "source_kind": "reddit", "external_id": f"t3_{base36(pid * 7919)}",
                "subreddit": rng.choice(SUBREDDITS), "feed": None, "platform_hint": None,
                "title": f"Post {pid} about work on the platform", "body": "Body text. " * 8,
                "url": f"https://www.reddit.com/comments/{base36(pid * 7919)}/",
                "author": f"user{pid % 5000}", "created_utc": created, "fetched_at": created,
                "scored_at": created, "scorer_version": "bench", "is_signal": signal,
                "score": rng.uniform(50, 100) if signal else rng.uniform(0, 49),
                "event_type": "none", "direction": "neutral", "tier": "unknown",
                "platforms": [], "evidence": [], "magnitude": None,
            }
            if signal:
                event, direction, _ = _pick(rng, EVENTS)
                tier = _pick(rng, TIERS)[0]
                platforms = {_pick(rng, PLATFORMS)[0]}
                if rng.random() < 0.2:
                    platforms.add(_pick(rng, PLATFORMS)[0])
                row.update(event_type=event, direction=direction, tier=tier,
                           platforms=sorted(platforms), evidence=["rates dropped"])
                platform_rows += [
                    {"post_id": pid, "platform": p, "created_utc": created,
                     "event_type": event, "tier": tier, "direction": direction}
                    for p in sorted(platforms)
                ]
            posts.append(row)
        yield posts, platform_rows


async def load(engine: AsyncEngine, n: int, now: datetime) -> tuple[int, float]:
    started = time.perf_counter()
    signals = 0
    async with engine.begin() as conn:
        for posts, platform_rows in generate(n, now):
            await conn.execute(insert(Post), posts)
            if platform_rows:
                await conn.execute(insert(PostPlatform), platform_rows)
            signals += sum(1 for p in posts if p["is_signal"])
    return signals, time.perf_counter() - started


async def analyse(engine: AsyncEngine) -> None:
    """Fresh planner statistics, as a running database would have from (auto)vacuum."""
    if engine.dialect.name == "postgresql":
        async with engine.connect() as conn:
            auto = await conn.execution_options(isolation_level="AUTOCOMMIT")
            await auto.execute(text("VACUUM ANALYZE posts"))
            await auto.execute(text("VACUUM ANALYZE post_platforms"))
    else:
        async with engine.begin() as conn:
            await conn.execute(text("ANALYZE"))


async def timed(
    sessions: Any, call: Callable[[AsyncSession], Awaitable[Any]], repeat: int = 7
) -> tuple[float, float, Any]:
    """(first run ms, median of the rest ms, last result)."""
    times = []
    result = None
    for _ in range(repeat):
        async with sessions() as session:
            t = time.perf_counter()
            result = await call(session)
            times.append((time.perf_counter() - t) * 1000)
    return times[0], statistics.median(times[1:]), result


async def bench(label: str, engine: AsyncEngine, n: int) -> bool:
    now = datetime.now(UTC).replace(microsecond=0)
    await upgrade(engine)
    print(f"\n== {label}: loading {n:,} posts ...", flush=True)
    signals, seconds = await load(engine, n, now)
    await analyse(engine)
    print(f"   loaded {n:,} posts ({signals:,} signals, {signals / n:.1%}) in {seconds:.1f} s")
    sessions = session_factory(engine)
    ok = True
    checks: list[tuple[str, Callable[[AsyncSession], Awaitable[Any]], bool]] = [
        ("summary days=7", lambda s: summary(s, None, 7, now), True),
        ("summary days=30", lambda s: summary(s, None, 30, now), True),
        ("summary days=30 platforms={outlier,mercor}",
         lambda s: summary(s, {"outlier", "mercor"}, 30, now), True),
        ("summary days=90", lambda s: summary(s, None, 90, now), False),
        ("recent_signals 30 days, page 1",
         lambda s: recent_signals(s, None, None, now - timedelta(days=30), 10, 0), False),
        ("recent_signals outlier pay_cut",
         lambda s: recent_signals(s, {"outlier"}, "pay_cut", now - timedelta(days=30), 10, 0),
         False),
        ("find_post by reddit link",
         lambda s: find_post(s, f"https://old.reddit.com/r/x/comments/{base36(500 * 7919)}/x/"),
         False),
    ]
    for name, call, budgeted in checks:
        first, median, result = await timed(sessions, call)
        extra = ""
        if name.startswith("summary"):
            extra = (f"  [{result.overall.total} signals now, {result.overall_previous.total} "
                     f"before, {len(result.platforms)} platforms]")
        verdict = ""
        if budgeted:
            passed = max(first, median) < BUDGET_MS
            ok &= passed
            verdict = "  OK" if passed else f"  OVER {BUDGET_MS:.0f} ms"
        print(f"   {name:<44} first {first:7.1f} ms  median {median:7.1f} ms{verdict}{extra}")
    return ok


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--sqlite", type=Path, help="SQLite file to create (default: temporary)")
    parser.add_argument("--postgres", default=os.environ.get("LABELWATCH_TEST_POSTGRES_URL"),
                        help="postgresql+asyncpg:// URL (default: LABELWATCH_TEST_POSTGRES_URL)")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    ok = True
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory() as tmp:
            path = args.sqlite or Path(tmp) / "bench.db"
            if path.exists():
                parser.error(f"{path} exists; give a new file")
            engine = create_engine(f"sqlite+aiosqlite:///{path}")
            try:
                ok &= await bench("SQLite", engine, args.posts)
            finally:
                await engine.dispose()
    if args.postgres and not args.no_postgres:
        async with schema_engine(args.postgres) as engine:
            ok &= await bench("PostgreSQL", engine, args.posts)
    elif not args.no_postgres:
        print("\n(PostgreSQL skipped: set LABELWATCH_TEST_POSTGRES_URL or pass --postgres)")
    print("\nall summary timings within budget" if ok else "\nsome summary timings over budget")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
