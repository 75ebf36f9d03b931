"""Alert latency while a burst of 5,000 posts is ingested.

The pipeline stores, scores and groups 5,000 posts arriving in pages of 100
(a backfill, or a source coming back after an outage) as fast as it can,
while the outbox worker delivers their alerts through the real webhook sink
to the Discord double over HTTP, all on one event loop and one SQLite
database, as ``labelwatch run`` does. Printed: how long ingestion took, how
many alerts were queued and how many of them went out while ingestion was
still running, and the latency from a post's page being stored to its
alert arriving (p50, p95, max).

Usage: python benchmarks/bench_burst.py [--posts 5000] [--page 100] [--signal-share 0.4]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

import aiohttp
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.config import WebhookSettings  # noqa: E402
from bot.delivery.webhook import WebhookSink  # noqa: E402
from bot.delivery.worker import OutboxWorker  # noqa: E402
from bot.pipeline import Pipeline  # noqa: E402
from bot.platforms import PlatformRegistry  # noqa: E402
from bot.records import FetchResult, PostRecord  # noqa: E402
from bot.scoring import Scorer  # noqa: E402
from storage.engine import create_engine, session_factory, upgrade  # noqa: E402
from storage.models import OutboxItem  # noqa: E402
from storage.queries.alerts import sync_config_routes  # noqa: E402
from tests.doubles.discord import DiscordDouble, RecordedMessage  # noqa: E402

SIGNALS = [
    ("outlier_ai", "Outlier cut generalist rates from $25/hr to $16/hr on project {p}",
     "Everyone on {p} got the email today."),
    ("mercor_ai", "Mercor laid off about {n}00 contractors on the {p} project",
     "Everyone on {p} got the offboarding email, confirmed by many people."),
    ("DataAnnotationTech", "DataAnnotation paused all coding projects for everyone, {p} too",
     "Queues are empty platform-wide, {p} included."),
]
CHATTER = [
    ("outlier_ai", "How long until my first payment on {p}?", "Did my first hours of tasks."),
    ("mercor_ai", "Interview tips for the {p} assessment?", "Any advice welcome."),
    ("DataAnnotationTech", "Is the {p} qualification worth it?", "Thinking about it."),
]
NAMES = ["Kestrel", "Genesis", "Aether", "Halyard", "Marigold", "Zephyr", "Atlas", "Wren",
         "Osprey", "Heron", "Juniper", "Cobalt", "Saffron", "Quill", "Lumen", "Tundra"]


def burst(count: int, share: float, seed: int = 5) -> list[PostRecord]:
    rng = random.Random(seed)
    start = datetime.now(UTC) - timedelta(hours=2)
    posts = []
    for i in range(count):
        sub, title, body = rng.choice(SIGNALS if rng.random() < share else CHATTER)
        project = f"{rng.choice(NAMES)}{i % 97}"
        posts.append(PostRecord(
            "reddit", f"t3_burst{i}", f"{title.format(p=project, n=rng.randrange(2, 9))} "
            f"(burst{i})", body.format(p=project), author=f"user{rng.randrange(3000)}",
            subreddit=sub, created_utc=start + timedelta(seconds=i),
            url=f"https://www.reddit.com/r/{sub}/comments/burst{i}/x/"))
    return posts


def deliveries(double: DiscordDouble) -> int:
    """Webhook messages posted and edited so far."""
    return sum(1 for r in double.requests
               if r.path.startswith("/webhooks/") and r.method in ("POST", "PATCH"))


async def pending(sessions: async_sessionmaker[AsyncSession]) -> int:
    async with sessions() as session:
        return int((await session.execute(
            select(func.count()).where(OutboxItem.status == "pending"))).scalar_one())


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=5000)
    parser.add_argument("--page", type=int, default=100)
    parser.add_argument("--signal-share", type=float, default=0.4)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    posts = burst(args.posts, args.signal_share)
    with tempfile.TemporaryDirectory() as tmp:
        engine = create_engine(f"sqlite+aiosqlite:///{Path(tmp) / 'burst.db'}")
        await upgrade(engine)
        sessions = session_factory(engine)
        async with DiscordDouble() as double, aiohttp.ClientSession() as http:
            guild = double.add_guild(name="Bench", channels=["alerts"])
            hook = double.create_webhook(guild.channel_id("alerts"))
            async with sessions.begin() as session:
                await sync_config_routes(session, [WebhookSettings(hook.url)], console=False)
            sink = WebhookSink(http, double.api_base, PlatformRegistry())
            worker = OutboxWorker(sessions, {"webhook": sink})
            pipeline = Pipeline(sessions, Scorer(), on_alerts=worker.notify)
            stored_at: dict[str, float] = {}
            arrived: dict[str, float] = {}
            all_arrived = asyncio.Event()

            def newer(seen: int) -> list[RecordedMessage] | None:
                messages = double.webhook_messages()
                return messages if len(messages) > seen else None

            async def watch() -> None:
                seen = 0
                while True:
                    messages = await double.wait_for(partial(newer, seen), timeout=3600)
                    now = time.perf_counter()
                    for message in messages[seen:]:
                        text = str(message.payload.get("embeds"))
                        marker = text.split("(burst", 1)[1].split(")", 1)[0] \
                            if "(burst" in text else None
                        if marker is not None:
                            arrived.setdefault(f"t3_burst{marker}", now)
                    seen = len(messages)
                    if stored_done.is_set() and len(arrived) >= len(stored_at):
                        all_arrived.set()

            stored_done = asyncio.Event()
            worker_task = asyncio.create_task(worker.run_forever())
            watcher = asyncio.create_task(watch())
            started = time.perf_counter()
            queued = 0
            for i in range(0, len(posts), args.page):
                new = await pipeline.ingest(FetchResult(posts=posts[i:i + args.page]))
                now = time.perf_counter()
                for item in new:
                    if item.alerts:
                        queued += item.alerts
                        stored_at[item.post.record.external_id] = now
                await asyncio.sleep(0)
            ingested = time.perf_counter()
            during = sum(1 for t in arrived.values() if t <= ingested)
            sends_during = deliveries(double)
            stored_done.set()
            # Posts that joined an event are edits of its message, not messages of their
            # own: the burst is delivered when nothing is pending any more.
            deadline = time.perf_counter() + 900
            while await pending(sessions) and time.perf_counter() < deadline:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(all_arrived.wait(), 0.2)
            drained = time.perf_counter()
            sends = deliveries(double)
            worker.stop()
            watcher.cancel()
            await asyncio.gather(worker_task, watcher, return_exceptions=True)
        await engine.dispose()
    latencies = sorted(arrived[k] - stored_at[k] for k in stored_at if k in arrived)
    p95 = latencies[max(0, round(0.95 * len(latencies)) - 1)] if latencies else float("nan")
    print(f"ingested {len(posts):,} posts in pages of {args.page} in {ingested - started:.1f} s "
          f"({len(posts) / (ingested - started):,.0f} posts/s); {queued:,} alerts queued")
    print(f"deliveries (new messages and edits) while ingesting: {sends_during:,} of "
          f"{sends:,}")
    print(f"alerts sent while ingesting: {during:,} of {queued:,}; all sent "
          f"{drained - ingested:.1f} s after ingestion ended ({len(latencies):,} new messages, "
          f"the rest edits of them)")
    if latencies:
        print(f"latency from stored to delivered: p50 {statistics.median(latencies):.2f} s, "
              f"p95 {p95:.2f} s, max {latencies[-1]:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
