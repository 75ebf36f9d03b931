"""Several ``labelwatch run`` on one PostgreSQL database, and one SQLite file refusing a second.

Two instances start together on an empty database (one creates the schema,
the other waits for it), share the delivery of 200 alerts through webhooks
that answer in a second each, with none sent twice and none lost, and when
the polling instance is killed the other polls within 30 s.
"""

from __future__ import annotations

import asyncio
import os
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import text

from storage.engine import create_engine
from tests.e2e.live import SUBREDDIT, Stack
from tests.support.service import Service, wait_until

POSTGRES = os.environ.get("LABELWATCH_TEST_POSTGRES_URL")
RUNNING = "labelwatch running"
POLLING = "this instance polls the sources now"
WEBHOOKS = 10
EVENTS = 20
PLATFORMS = ("Mercor", "Outlier", "DataAnnotation", "Appen", "TELUS Digital", "Toloka", "Turing",
             "Invisible Technologies", "Handshake AI", "micro1", "Alignerr", "Prolific", "Sama",
             "GlobalLogic", "Welocalize", "RWS TrainAI", "OneForma", "Clickworker",
             "CloudFactory", "iMerit", "Snorkel AI")
"""One per platform family: each post opens an event of its own."""


def story(n: int) -> str:
    return (f"{PLATFORMS[n]} laid off about {n % 7 + 2}00 contractors on the Kestrel project, "
            f"everyone got the email")


@pytest.fixture
async def database() -> AsyncIterator[str]:
    """A database of its own on the test PostgreSQL server, dropped afterwards."""
    if POSTGRES is None:
        pytest.skip("LABELWATCH_TEST_POSTGRES_URL is not set")
    name = f"lw_e2e_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield POSTGRES.rsplit("/", 1)[0] + f"/{name}"
    finally:
        async with admin.connect() as conn:
            await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await admin.dispose()


async def rows(url: str, sql: str) -> list[Any]:
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            return list((await conn.execute(text(sql))).all())
    finally:
        await engine.dispose()


def webhook_only(stack: Stack) -> dict[str, str]:
    """No bot: every alert goes through the config file's webhooks."""
    return {"REDDIT_CLIENT_ID": stack.reddit.client_id,
            "REDDIT_CLIENT_SECRET": stack.reddit.client_secret}


async def test_two_instances_share_one_database_sending_each_alert_once(
    stack: Stack, database: str,
) -> None:
    hooks = [stack.discord.create_webhook(stack.channel("alerts"), f"hook{n}")
             for n in range(WEBHOOKS)]
    stack.webhooks = [h.url for h in hooks]
    stack.database_url = database
    stack.discord.answer_slowly(1.0, method="POST", path="/webhooks/*")
    config = stack.config()
    services = [Service(config, webhook_only(stack), stack.tmp_path / f"pg-{n}.log")
                for n in range(2)]
    try:
        for service in services:  # together, on an empty database
            await service.start("run")
        for service in services:
            await service.wait_for_output(RUNNING, within=60)
        await wait_until(lambda: sum(POLLING in s.output() for s in services) == 1,
                         what="one instance polling")
        for n in range(EVENTS):
            stack.reddit.add_post(SUBREDDIT, story(n), "Confirmed by many people.")

        async def outbox() -> list[Any]:
            return await rows(database, "SELECT id, kind, status, route_id FROM outbox")

        async def settled() -> bool:
            found = await outbox()
            news = [r for r in found if r.kind == "new"]
            return len(news) >= WEBHOOKS * EVENTS and all(r.status == "sent" for r in found)

        await wait_async(settled, within=150, what="every alert sent")
        found = await outbox()
        created = stack.discord.webhook_messages()
        sent_messages = [r for r in found if r.kind in ("new", "reply", "post")]
        assert len([r for r in found if r.kind == "new"]) >= 200
        # Each row made exactly one message: nothing twice, nothing lost.
        assert len(created) == len(sent_messages), Counter(r.kind for r in found)
        per_hook = Counter(m.webhook_id for m in created)
        assert sorted(per_hook.values()) == [len(sent_messages) // WEBHOOKS] * WEBHOOKS
        # Both instances delivered: the work was shared.
        assert all("sent alert" in s.output() for s in services)

        poller = next(s for s in services if POLLING in s.output())
        other = next(s for s in services if s is not poller)
        await poller.kill()
        killed = time.monotonic()
        await wait_until(lambda: POLLING in other.output(), within=30,
                         what="the other instance polling after the kill")
        assert time.monotonic() - killed < 30
        stack.reddit.add_post(SUBREDDIT, story(EVENTS), "Confirmed by many people.")
        await wait_until(lambda: len(stack.discord.webhook_messages()) >= len(created) + WEBHOOKS,
                         within=60, what="the new post's alerts from the remaining instance")
        assert await other.stop() == 0
    finally:
        for service in services:
            if service.running:
                await service.kill()


async def wait_async(check: Any, within: float, what: str) -> None:
    """``wait_until`` for a check that reads the database."""
    deadline = time.monotonic() + within
    while not await check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {within}s waiting for {what}")
        await asyncio.sleep(0.5)


async def test_a_second_instance_on_one_sqlite_file_refuses_in_one_line(stack: Stack) -> None:
    config = stack.config()
    first = Service(config, webhook_only(stack), stack.tmp_path / "first.log")
    second = Service(config, webhook_only(stack), stack.tmp_path / "second.log")
    try:
        await first.start("run")
        await first.wait_for_output(RUNNING, within=60)
        await second.start("run")
        assert await second.wait(within=60) == 2
        line = second.output().strip().splitlines()[-1]
        assert "Traceback" not in second.output()
        assert line.startswith("labelwatch: database.url: another labelwatch (pid ")
        assert "already running on the SQLite file" in line
        assert first.running
        assert await first.stop() == 0
    finally:
        for service in (first, second):
            if service.running:
                await service.kill()
