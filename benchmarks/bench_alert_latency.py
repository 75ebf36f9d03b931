"""Alert latency: a post appears in the Reddit double -> its alert reaches the Discord double.

A post's alert is its event's message when it opens an event, else the edit of that
message that adds it (the templates repeat: later posts of a template join its event).

The real service runs as a separate process (``python -m bot run``) with a
1-second poll interval, a bot token and a channel route; the doubles run in
this process on 127.0.0.1. Prints the 50th/95th percentile and the maximum.

Usage: python benchmarks/bench_alert_latency.py [--posts N] [--aligned]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from storage.engine import create_engine, session_factory, upgrade
from storage.queries.alerts import set_channel_route
from tests.doubles.discord import DiscordDouble
from tests.doubles.reddit import RedditDouble
from tests.support.service import Service, write_config

TEMPLATES = [
    "Outlier cut generalist rates from $25/hr to $16/hr today (batch {n})",
    "Mercor laid off about {n}00 contractors on its physics project, everyone got the email",
    "DataAnnotation paused all coding projects for everyone, queues empty platform-wide ({n})",
]


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=40)
    parser.add_argument("--aligned", action="store_true",
                        help="publish right after the previous alert (the worst case: each "
                             "post waits a whole poll interval) instead of at a random moment")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(tmp_dir)
        async with RedditDouble() as reddit, DiscordDouble() as discord_double:
            guild = discord_double.add_guild(name="Bench", channels=["alerts"])
            channel = guild.channel_id("alerts")
            db = tmp / "lw.db"
            engine = create_engine(f"sqlite+aiosqlite:///{db}")
            await upgrade(engine)
            async with session_factory(engine).begin() as session:
                await set_channel_route(session, guild.id, channel)
            await engine.dispose()
            cfg = write_config(tmp / "config.toml", {"builtin_sources": False}, {
                "database": {"url": f"sqlite+aiosqlite:///{db}"},
                "reddit": {"api_url": reddit.url, "www_url": reddit.url, "poll_seconds": 1},
                "discord": {"api_base": discord_double.api_base,
                            "gateway_url": discord_double.gateway_url},
            }, {"sources": [{"kind": "reddit", "target": "outlier_ai"}]})
            env = {"DISCORD_TOKEN": discord_double.token,
                   "REDDIT_CLIENT_ID": reddit.client_id,
                   "REDDIT_CLIENT_SECRET": reddit.client_secret}
            service = await Service(cfg, env, tmp / "run.log").start("run")
            try:
                await discord_double.wait_connected()
                await reddit.wait_for("listing", 2, within=30)
                latencies = []
                rng = random.Random(7)

                def alerted(post_id: str) -> bool:
                    # its event's first message, or an edit of it (a later report of an
                    # event: the templates repeat, and the same story is grouped)
                    return any(post_id in str(body.get("embeds"))
                               for m in discord_double.sent_messages(channel)
                               for body in (m.payload, *m.edits))

                for n in range(args.posts):
                    if not args.aligned:
                        # Posts appear at any moment of a poll cycle, not just after one.
                        await asyncio.sleep(rng.random())
                    title = TEMPLATES[n % len(TEMPLATES)].format(n=n + 1)
                    start = time.perf_counter()
                    fullname = reddit.add_post("outlier_ai", title, "Confirmed by many people.")
                    post_id = fullname.removeprefix("t3_")
                    await discord_double.wait_for(partial(alerted, post_id), timeout=30)
                    latencies.append(time.perf_counter() - start)
            finally:
                await service.stop()
    latencies.sort()
    p95 = latencies[max(0, round(0.95 * len(latencies)) - 1)]
    when = "right after the previous alert" if args.aligned else "at random moments"
    print(f"alert latency over {len(latencies)} posts published {when} (1 s poll interval): "
          f"p50 {statistics.median(latencies):.2f} s, p95 {p95:.2f} s, "
          f"max {latencies[-1]:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
