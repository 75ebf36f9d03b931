"""Convergence alerts end to end: a replayed archive, ``labelwatch index --json``, and one
alert per opted-in route through the real discord.py client and a webhook, both on the
Discord double.

Expert cuts at three brands of Scale AI count once and do not cross; expert cuts at
Mercor, Turing and Invisible within 30 days do, once; Handshake AI later that month
takes breadth to four without a second alert.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import discord
from sqlalchemy import func, select

from bot.cli import main
from bot.config import WebhookSettings
from bot.delivery.channel import ChannelSink
from bot.delivery.webhook import WebhookSink
from bot.delivery.worker import OutboxWorker
from bot.index.convergence import check_convergence
from bot.index.settings import IndexSettings
from bot.platforms import PlatformRegistry
from storage.engine import create_engine, session_factory
from storage.models import OutboxItem
from storage.queries.alerts import set_channel_route, sync_config_routes
from tests.doubles.discord import DiscordDouble, routed

REGISTRY = PlatformRegistry()
DAY0 = datetime(2025, 3, 3, 9, tzinfo=UTC)
FEED = "https://news.google.com/rss/search?q=annotation"
POSTS = [
    (0, "Scale AI lays off expert physicians and lawyers on its RLHF projects"),
    (2, "Remotasks drops its expert coding program"),
    (4, "Outlier lays off its expert math and physics tutors"),
    (40, "Mercor ends contracts for hundreds of expert PhD annotators"),
    (45, "Turing lays off expert software engineers training LLMs"),
    (50, "Invisible Technologies cuts expert contractors"),
    (55, "Handshake AI ends its PhD fellowship projects, experts let go"),
]


def day(n: float) -> datetime:
    return DAY0 + timedelta(days=n)


def cli(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(list(argv))
    return code, out.getvalue()


async def replay(tmp_path: Path, db: str, upto: float) -> None:
    lines = [json.dumps({"id": f"p{i}", "source": "feed", "feed": FEED, "title": title,
                         "url": f"https://news.example.com/{i}",
                         "created_utc": day(d).isoformat().replace("+00:00", "Z")})
             for i, (d, title) in enumerate(POSTS) if d <= upto]
    path = tmp_path / f"posts-{upto}.jsonl"
    path.write_text("\n".join(lines) + "\n")
    code, _ = await asyncio.to_thread(cli, "replay", "--input", str(path), "--database", db)
    assert code == 0


async def index_json(db: str, at: datetime) -> dict[str, Any]:
    code, out = await asyncio.to_thread(cli, "index", "--database", db, "--json", "--at",
                                        at.date().isoformat())
    assert code == 0
    result: dict[str, Any] = json.loads(out)
    return result


async def test_three_unaffiliated_parents_cross_once_and_alert_each_route_once(
    tmp_path: Path,
) -> None:
    db = f"sqlite+aiosqlite:///{tmp_path / 'archive.db'}"
    await replay(tmp_path, db, upto=4)
    brands = await index_json(db, day(5))
    assert brands["expert_parents"] == ["scale_ai"] and brands["convergence"] == []

    await replay(tmp_path, db, upto=55)
    report = await index_json(db, day(58))
    [crossing] = report["convergence"]
    assert crossing["parents"] == ["invisible", "mercor", "turing"]
    assert crossing["at"] == day(50).date().isoformat() and len(crossing["events"]) == 3
    assert report["expert_breadth"] == 4

    engine = create_engine(db)
    sessions = session_factory(engine)
    async with DiscordDouble() as double:
        guild = double.add_guild(name="Annotators", channels=["index", "alerts"])
        hook = double.create_webhook(guild.channel_id("alerts"), name="labelwatch")
        async with sessions.begin() as session:
            await sync_config_routes(session, [WebhookSettings(url=hook.url, index=True)],
                                     console=False)
            await set_channel_route(session, guild.id, guild.channel_id("index"),
                                    index_alerts=True)
            # A channel that did not ask for index alerts gets none.
            await set_channel_route(session, guild.id, guild.channel_id("alerts"),
                                    min_score=100)
        with routed(double):
            client = discord.Client(intents=discord.Intents.none())
            await client.login(double.token)
            async with aiohttp.ClientSession() as http:
                worker = OutboxWorker(sessions, {
                    "channel": ChannelSink(client, REGISTRY),
                    "webhook": WebhookSink(http, double.api_base, REGISTRY)})
                try:
                    # The service's check runs every few minutes: the day after the crossing,
                    # then again after Handshake AI's cut, then again.
                    recorded, queued = await check_convergence(sessions, IndexSettings(),
                                                               day(51))
                    assert len(recorded) == 1 and queued == 2
                    assert await worker.run_once() == 2
                    for later in (day(56), day(57)):
                        assert await check_convergence(sessions, IndexSettings(),
                                                       later) == ([], 0)
                    assert await worker.run_once() == 0
                finally:
                    await client.close()
        channel = double.sent_messages(guild.channel_id("index"))
        others = double.sent_messages(guild.channel_id("alerts"))
        webhook = double.webhook_messages(hook.id)
    async with sessions() as session:
        rows = (await session.execute(select(func.count()).select_from(OutboxItem)
                                      .where(OutboxItem.crossing_id.is_not(None)))).scalar_one()
    await engine.dispose()
    assert rows == 2 and others == []
    for message in (*channel, *webhook):
        embed = message.payload["embeds"][0]
        assert embed["title"].startswith("Convergence: expert cuts at 3 companies")
        assert "Invisible" in embed["description"] and "Mercor" in embed["description"]
        links = " ".join(f["value"] for f in embed["fields"])
        assert "https://news.example.com/3" in links and "https://news.example.com/5" in links
        assert message.payload["allowed_mentions"]["parse"] == []
    assert len(channel) == 1 and len(webhook) == 1
