"""Posts stored per second: 100,000 posts through ``insert_posts``.

Usage: python benchmarks/bench_storage.py [--posts N] [--postgres URL]
The PostgreSQL run uses LABELWATCH_TEST_POSTGRES_URL when --postgres is not
given, and is skipped when neither is set. Each run uses a fresh database
(a temporary SQLite file; a throwaway schema on PostgreSQL).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import text

from bot.records import PostRecord
from storage.engine import create_engine, session_factory, upgrade
from storage.queries.posts import count_posts, insert_posts

BATCH = 1000  # posts a poll cycle might bring at the very most


def make_posts(n: int) -> list[PostRecord]:
    start = datetime(2025, 1, 1, tzinfo=UTC)
    return [
        PostRecord(
            "reddit", f"t3_{i:07x}", f"Post number {i} about rates on the project",
            body="Body text " * 20, url=f"https://www.reddit.com/r/outlier_ai/comments/{i:x}/",
            author=f"user{i % 977}", created_utc=start + timedelta(seconds=i),
            subreddit="outlier_ai",
        )
        for i in range(n)
    ]


async def run(url: str, posts: list[PostRecord], label: str, **kw: Any) -> None:
    engine = create_engine(url, **kw)
    await upgrade(engine)
    sessions = session_factory(engine)
    t0 = time.perf_counter()
    for i in range(0, len(posts), BATCH):
        async with sessions.begin() as s:
            await insert_posts(s, posts[i:i + BATCH])
    elapsed = time.perf_counter() - t0
    async with sessions() as s:
        stored = await count_posts(s)
    await engine.dispose()
    print(f"{label}: {stored} posts stored in {elapsed:.2f} s "
          f"({stored / elapsed:,.0f} posts/s, batches of {BATCH})")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--postgres", default=os.environ.get("LABELWATCH_TEST_POSTGRES_URL"))
    args = parser.parse_args()
    posts = make_posts(args.posts)
    with tempfile.TemporaryDirectory() as tmp:
        await run(f"sqlite+aiosqlite:///{tmp}/bench.db", posts, "SQLite")
    if not args.postgres:
        print("PostgreSQL: skipped (set LABELWATCH_TEST_POSTGRES_URL or --postgres)")
        return
    schema = f"lw_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(args.postgres)
    async with admin.begin() as conn:
        await conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        await run(args.postgres, posts, "PostgreSQL",
                  connect_args={"server_settings": {"search_path": schema}})
    finally:
        async with admin.begin() as conn:
            await conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        await admin.dispose()


if __name__ == "__main__":
    asyncio.run(main())
