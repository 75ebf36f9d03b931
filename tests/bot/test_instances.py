"""Who may run: one process per SQLite file, one poller per PostgreSQL database."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.instances import PollGate, single_instance
from bot.startup import StartupError


def test_a_second_process_on_one_sqlite_file_is_refused_in_one_line(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'lw.db'}"
    with single_instance(url):
        with pytest.raises(StartupError) as info, single_instance(url):
            pass
        message = str(info.value)
        assert "\n" not in message
        assert "another labelwatch" in message and str(tmp_path / "lw.db") in message
    with single_instance(url):  # free again once the first one ended
        pass


def test_postgresql_and_memory_databases_need_no_lock_file(tmp_path: Path) -> None:
    for url in ("postgresql+asyncpg://u@db/lw", "sqlite+aiosqlite:///:memory:"):
        with single_instance(url), single_instance(url):
            pass


async def test_one_gate_polls_and_another_takes_over_when_it_stops_renewing(
    db_sessions: async_sessionmaker[AsyncSession],
) -> None:
    switches: list[str] = []

    def gate(name: str) -> PollGate:
        return PollGate(db_sessions, name, resume=lambda: switches.append(f"{name} on"),
                        pause=lambda: switches.append(f"{name} off"), lease_seconds=2.0)

    first, second = gate("a"), gate("b")
    assert await first.check() and not await second.check()
    assert switches == ["a on", "b off"]
    # "a" stops renewing (killed): once its lease ran out, "b" polls, and "a" would stop.
    deadline = time.monotonic() + 10
    while not await second.check():
        assert time.monotonic() < deadline, "the lease was never taken over"
        await asyncio.sleep(0.02)
    assert not await first.check()
    assert switches == ["a on", "b off", "b on", "a off"]
