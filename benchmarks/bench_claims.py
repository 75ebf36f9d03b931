"""What one outbox claim costs as the pending backlog grows.

A burst (a backfill, a source back from an outage, Discord down for an hour)
leaves thousands of alerts pending; the worker claims a batch of them every
round, so a claim that grows with the backlog slows every alert behind it.
For each backlog size this fills a fresh database with that many pending
alerts over four routes (one of them backing off), then times ``claim_due``
(batch 50, 10 per route) and ``next_due``. Printed: milliseconds per call.

Usage: python benchmarks/bench_claims.py [--sizes 1000 5000 20000] [--postgres URL]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from storage.engine import create_engine, session_factory, upgrade  # noqa: E402
from storage.queries.outbox import claim_due, next_due  # noqa: E402

ROUTES = 4
NOW = datetime.now(UTC)


async def fill(engine: object, size: int) -> None:
    t = NOW.replace(tzinfo=None) if engine.dialect.name == "sqlite" else NOW  # type: ignore[attr-defined]
    async with engine.begin() as conn:  # type: ignore[attr-defined]
        for r in range(ROUTES):
            await conn.execute(text(
                "INSERT INTO alert_routes (sink_kind, sink_id, platforms, event_types, tiers, "
                "enabled, index_alerts, created_at) VALUES ('webhook', :sink, '[]', '[]', '[]', "
                ":on, :off, :t)"), {"sink": f"https://x/api/webhooks/{r}/t", "t": t,
                                    "on": True, "off": False})
        await conn.execute(text(
            "INSERT INTO posts (source_kind, external_id, title, body, created_utc, fetched_at) "
            "VALUES ('reddit', :e, 'p', '', :t, :t)"),
            [{"e": f"t3_{i}", "t": t} for i in range(size)])
        route_ids = [r[0] for r in (await conn.execute(text("SELECT id FROM alert_routes")))]
        post_ids = [r[0] for r in (await conn.execute(text("SELECT id FROM posts ORDER BY id")))]
        rows = [{"p": p, "r": route_ids[i % ROUTES], "t": t} for i, p in enumerate(post_ids)]
        await conn.execute(text(
            "INSERT INTO outbox (kind, post_id, route_id, status, attempts, next_attempt_at, "
            "created_at) VALUES ('post', :p, :r, 'pending', 0, :t, :t)"), rows)
        # The first route's head is backing off: everything behind it must wait.
        later = t + timedelta(minutes=5)
        await conn.execute(text(
            "UPDATE outbox SET next_attempt_at = :later WHERE id = (SELECT min(id) FROM outbox "
            "WHERE route_id = :r)"), {"later": later, "r": route_ids[0]})


async def measure(url: str, size: int, postgres: bool) -> tuple[float, float, int]:
    schema = f"lw_bench_{uuid.uuid4().hex[:8]}"
    admin = None
    if postgres:
        admin = create_engine(url)
        async with admin.begin() as conn:
            await conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        engine = create_engine(url, connect_args={"server_settings": {"search_path": schema}})
    else:
        engine = create_engine(url)
    try:
        await upgrade(engine)
        await fill(engine, size)
        sessions = session_factory(engine)
        claims, dues, claimed = [], [], 0
        for _ in range(5):
            async with sessions() as session:
                started = time.perf_counter()
                items = await claim_due(session, NOW, 50, per_route=10, kinds=["webhook"])
                claims.append(time.perf_counter() - started)
                started = time.perf_counter()
                await next_due(session, kinds=["webhook"])
                dues.append(time.perf_counter() - started)
                claimed = len(items)
                await session.rollback()
        return statistics.median(claims) * 1000, statistics.median(dues) * 1000, claimed
    finally:
        await engine.dispose()
        if admin is not None:
            async with admin.begin() as conn:
                await conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            await admin.dispose()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--postgres", help="also measure on this PostgreSQL URL")
    args = parser.parse_args()
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            claim, due, n = await measure(f"sqlite+aiosqlite:///{Path(tmp) / 'c.db'}", size,
                                          False)
        print(f"sqlite     {size:>6,} pending: claim_due {claim:8.1f} ms ({n} claimed), "
              f"next_due {due:7.1f} ms")
        if args.postgres:
            claim, due, n = await measure(args.postgres, size, True)
            print(f"postgresql {size:>6,} pending: claim_due {claim:8.1f} ms ({n} claimed), "
                  f"next_due {due:7.1f} ms")


if __name__ == "__main__":
    asyncio.run(main())
