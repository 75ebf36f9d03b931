"""``labelwatch events rebuild`` keeps the alerts already sent: no message is posted again,
the outbox rows follow the rebuilt event, and a later report edits the message in place."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from datetime import timedelta

import aiohttp
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import WebhookSettings
from bot.delivery.webhook import WebhookSink
from bot.delivery.worker import OutboxWorker
from bot.events.grouping import Grouper
from bot.events.rebuild import regroup
from bot.events.settings import EventSettings
from bot.pipeline import Pipeline
from bot.platforms import PlatformRegistry
from bot.records import FetchResult, PostRecord
from bot.scoring import Scorer
from storage.models import Event, OutboxItem, Post
from storage.queries.alerts import sync_config_routes
from storage.queries.events import event_of_posts
from storage.types import utcnow
from tests.bot.delivery.webhook_server import WebhookServer
from tests.bot.test_pipeline import CrashAfterGrouping

Sessions = async_sessionmaker[AsyncSession]
REGISTRY = PlatformRegistry()
HOOK = "https://discord.com/api/webhooks/111/tok-111"
NOW = utcnow()


def report(n: int, title: str, body: str, author: str, hours_ago: float) -> PostRecord:
    return PostRecord("reddit", f"t3_r{n}", title, body, author=author, subreddit="outlier_ai",
                      url=f"https://www.reddit.com/r/outlier_ai/comments/r{n}/x/",
                      created_utc=NOW - timedelta(hours=hours_ago))


CUT = report(1, "Outlier cut generalist rates from $25/hr to $16/hr today",
             "Everyone on the project got the email.", "ann", 10)
SAME = report(2, "Outlier generalist rates cut to $16/hr for everyone",
              "Same here, the whole team got the rate change email, $25 down to $16.", "bo", 9)
MERCOR = report(3, "Mercor laid off about 500 contractors on its physics project, everyone "
                "got the email", "Confirmed by many people.", "cy", 8)
LATER = report(4, "Outlier rate cut: generalists now $16/hr, down from $25",
               "Got the same email as everyone else about the $16 rate.", "dee", 2)


@pytest.fixture
async def server() -> AsyncIterator[WebhookServer]:
    srv = WebhookServer(tokens={"111": "tok-111"})
    await srv.start()
    yield srv
    await srv.stop()


async def deliver(sessions: Sessions, server: WebhookServer) -> int:
    async with aiohttp.ClientSession() as http:
        worker = OutboxWorker(sessions, {"webhook": WebhookSink(http, server.api_base, REGISTRY)})
        return sum([await worker.run_once(utcnow() + timedelta(seconds=i)) for i in range(1, 4)])


async def event_of(sessions: Sessions, post: PostRecord) -> int | None:
    async with sessions() as s:
        post_id = (await s.execute(select(Post.id).where(
            Post.external_id == post.external_id))).scalar_one()
        return (await event_of_posts(s, [post_id])).get(post_id)


async def test_rebuild_keeps_sent_messages_and_a_later_report_edits_them(
    db_sessions: Sessions, server: WebhookServer,
) -> None:
    async with db_sessions.begin() as s:
        await sync_config_routes(s, [WebhookSettings(HOOK)], console=False)
    pipeline = Pipeline(db_sessions, Scorer(), grouper=Grouper(REGISTRY))
    await pipeline.ingest_batch(FetchResult(posts=[CUT, SAME, MERCOR]), now=NOW)
    assert await deliver(db_sessions, server) == 2
    posted = {r.message_id for r in server.delivered()}
    assert len(posted) == 2
    async with db_sessions() as s:
        cut_message = (await s.execute(select(OutboxItem.message_id).where(
            OutboxItem.event_id == await event_of(db_sessions, CUT)))).scalar_one()

    out = io.StringIO()
    await regroup(db_sessions, EventSettings(), REGISTRY, out, io.StringIO())
    rebuilt = await event_of(db_sessions, CUT)
    assert rebuilt is not None
    assert "2 events keep their messages" in out.getvalue()
    assert await deliver(db_sessions, server) == 0  # nothing posted, nothing edited
    async with db_sessions() as s:
        rows = (await s.execute(select(OutboxItem.kind, OutboxItem.event_id,
                                       OutboxItem.message_id, OutboxItem.status))).all()
        events = set((await s.execute(select(Event.id))).scalars())
    assert all(r.event_id in events for r in rows) and len(rows) == 2
    assert {r.message_id for r in rows} == posted
    assert next(r.message_id for r in rows if r.event_id == rebuilt) == cut_message

    await pipeline.ingest_batch(FetchResult(posts=[LATER]), now=NOW)
    assert await event_of(db_sessions, LATER) == rebuilt
    await deliver(db_sessions, server)
    assert len(server.delivered()) == 2  # still the two messages: no new one
    [edit] = server.edits
    assert edit.message_id == cut_message and edit.status == 200


async def test_a_failed_rebuild_leaves_events_and_alerts_as_they_were(
    db_sessions: Sessions, server: WebhookServer,
) -> None:
    async with db_sessions.begin() as s:
        await sync_config_routes(s, [WebhookSettings(HOOK)], console=False)
    pipeline = Pipeline(db_sessions, Scorer(), grouper=Grouper(REGISTRY))
    await pipeline.ingest_batch(FetchResult(posts=[CUT, SAME]), now=NOW)
    assert await deliver(db_sessions, server) == 1
    before = await event_of(db_sessions, CUT)

    with pytest.raises(RuntimeError, match="killed"):
        await regroup(db_sessions, EventSettings(), REGISTRY, io.StringIO(), io.StringIO(),
                      grouper=CrashAfterGrouping(REGISTRY))
    assert await event_of(db_sessions, CUT) == before
    async with db_sessions() as s:
        [(event_id, message)] = (await s.execute(
            select(OutboxItem.event_id, OutboxItem.message_id))).all()
    assert event_id == before and message == server.delivered()[0].message_id
