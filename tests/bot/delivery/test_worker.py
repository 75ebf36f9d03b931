"""The outbox worker with the console sink: ordering, waking, restarts."""

from __future__ import annotations

import asyncio
import io
from datetime import timedelta
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.delivery.base import TransientDeliveryError
from bot.delivery.console import ConsoleSink
from bot.delivery.worker import OutboxWorker
from bot.platforms import PlatformRegistry
from storage.engine import create_engine, session_factory, upgrade
from storage.queries.alerts import set_channel_route, sync_config_routes
from storage.queries.outbox import OutboxView, outbox_items
from storage.types import utcnow
from tests.storage.event_data import alert_event
from tests.storage.signal_data import Decision, add_post

Sessions = async_sessionmaker[AsyncSession]
REGISTRY = PlatformRegistry()


class LineStream(io.StringIO):
    """A text stream that lets a test await the n-th line instead of sleeping."""

    def __init__(self) -> None:
        super().__init__()
        self.changed = asyncio.Event()

    def write(self, s: str) -> int:
        n = super().write(s)
        self.changed.set()
        return n

    def lines(self) -> list[str]:
        return self.getvalue().splitlines()

    async def wait_for_lines(self, n: int) -> list[str]:
        async with asyncio.timeout(5):
            while len(self.lines()) < n:
                self.changed.clear()
                await self.changed.wait()
        return self.lines()


async def _queue_console(sessions: Sessions, names: list[str]) -> None:
    """One event per name, each with its new message queued for the console."""
    async with sessions.begin() as s:
        await sync_config_routes(s, [], console=True)
        for name in names:
            await alert_event(s, f"t3_{name}", title=f"{name} rates cut")


def _title(line: str) -> str:
    """The event's headline in a console line (between the dash and the link)."""
    return line.split(" — ")[1].split(" https://")[0]


async def test_console_delivery_is_ordered_and_once(db_sessions: Sessions) -> None:
    await _queue_console(db_sessions, ["a", "b", "c"])
    stream = LineStream()
    worker = OutboxWorker(db_sessions, {"console": ConsoleSink(stream, REGISTRY)})
    assert await worker.run_once() == 3
    assert await worker.run_once() == 0
    lines = stream.lines()
    assert [_title(line) for line in lines] == ["a rates cut", "b rates cut", "c rates cut"]
    assert all(" NEW e" in line and "Pay cut [Outlier]" in line for line in lines)
    async with db_sessions() as s:
        assert {i.status for i in await outbox_items(s)} == {"sent"}


async def test_kinds_without_a_sink_stay_pending(db_sessions: Sessions) -> None:
    async with db_sessions.begin() as s:
        await set_channel_route(s, 1, 10)
    await _queue_console(db_sessions, ["a"])
    stream = LineStream()
    worker = OutboxWorker(db_sessions, {"console": ConsoleSink(stream, REGISTRY)})
    assert await worker.run_once() == 1
    async with db_sessions() as s:
        statuses = sorted(i.status for i in await outbox_items(s))
    assert statuses == ["pending", "sent"]


async def test_notify_wakes_run_forever(db_sessions: Sessions) -> None:
    stream = LineStream()
    worker = OutboxWorker(db_sessions, {"console": ConsoleSink(stream, REGISTRY)},
                          idle_wait=600)
    await _queue_console(db_sessions, ["first"])
    task = asyncio.create_task(worker.run_forever())
    try:
        assert len(await stream.wait_for_lines(1)) == 1
        await _queue_console(db_sessions, ["second", "third"])
        worker.notify()
        lines = await stream.wait_for_lines(3)
        assert "third rates cut" in lines[2]
    finally:
        worker.stop()
        await asyncio.wait_for(task, 5)
    assert len(stream.lines()) == 3


async def test_run_forever_wakes_for_a_retry_when_it_is_due(db_sessions: Sessions) -> None:
    class FlakyOnce:
        """A sink that fails its first send transiently, then writes to the stream."""

        def __init__(self, stream: LineStream) -> None:
            self.inner = ConsoleSink(stream, REGISTRY)
            self.failed = False

        async def send(self, item: OutboxView) -> str | None:
            if not self.failed:
                self.failed = True
                raise TransientDeliveryError("503", retry_after=0.2)
            return await self.inner.send(item)

        async def edit(self, item: OutboxView) -> None:
            await self.inner.edit(item)

        async def reply(self, item: OutboxView) -> str | None:
            return await self.inner.reply(item)

    stream = LineStream()
    worker = OutboxWorker(db_sessions, {"console": FlakyOnce(stream)}, idle_wait=600)
    await _queue_console(db_sessions, ["a", "b"])
    task = asyncio.create_task(worker.run_forever())
    try:
        lines = await stream.wait_for_lines(2)
    finally:
        worker.stop()
        await asyncio.wait_for(task, 5)
    assert "a rates cut" in lines[0] and "b rates cut" in lines[1]


async def test_restart_after_enqueue_delivers_once(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'restart.db'}"
    engine = create_engine(url)
    await upgrade(engine)
    await _queue_console(session_factory(engine), ["x", "y"])
    await engine.dispose()  # the process stops before the worker ran

    outputs = []
    for _ in range(2):  # two restarts: only the first has anything to send
        engine = create_engine(url)
        stream = LineStream()
        worker = OutboxWorker(session_factory(engine), {"console": ConsoleSink(stream, REGISTRY)})
        await worker.run_once(utcnow() + timedelta(seconds=1))
        outputs.append(stream.lines())
        await engine.dispose()
    assert len(outputs[0]) == 2 and "x rates cut" in outputs[0][0]
    assert outputs[1] == []


async def test_console_prints_a_line_per_new_event_and_one_per_change(
    db_sessions: Sessions,
) -> None:
    from storage.queries.event_outbox import enqueue_event_alerts
    from tests.storage.event_data import join_event, open_event

    stream = LineStream()
    worker = OutboxWorker(db_sessions, {"console": ConsoleSink(stream, REGISTRY)})
    async with db_sessions.begin() as s:
        await sync_config_routes(s, [], console=True)
        opened = await open_event(s, await add_post(s, "t3_c0", title="first report",
                                                    decision=Decision()))
        await enqueue_event_alerts(s, [opened])
    assert await worker.run_once() == 1
    for n, status in enumerate(("corroborated", "confirmed"), 1):
        async with db_sessions.begin() as s:
            pid = await add_post(s, f"t3_c{n}", title=f"report {n}", decision=Decision())
            change = await join_event(s, opened.event_id, pid, source_key=f"s{n}",
                                      status=status)
            await enqueue_event_alerts(s, [change])
        await worker.run_once()
    lines = stream.lines()
    assert [line.split()[2] for line in lines] == ["NEW", "UPDATE", "UPDATE"]
    assert "first report" in lines[0] and "(1 post, 1 source)" in lines[0]
    assert " confirmed score " in lines[2] and "latest: report 2" in lines[2]
    async with db_sessions() as s:
        assert {i.kind for i in await outbox_items(s)} == {"new", "edit"}


async def test_a_per_post_alert_from_before_events_is_delivered_as_it_was(
    db_sessions: Sessions,
) -> None:
    from storage.queries.alerts import config_routes
    from tests.storage.test_outbox import queue_post_alert

    async with db_sessions.begin() as s:
        await sync_config_routes(s, [], console=True)
        [route] = await config_routes(s)
        pid = await add_post(s, "t3_before", title="queued before the upgrade",
                             decision=Decision())
        await queue_post_alert(s, pid, route.id)
    stream = LineStream()
    worker = OutboxWorker(db_sessions, {"console": ConsoleSink(stream, REGISTRY)})
    assert await worker.run_once(utcnow() + timedelta(days=400)) == 1
    [line] = stream.lines()
    assert "Pay cut [Outlier] score 80" in line and "queued before the upgrade" in line
