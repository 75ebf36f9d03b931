"""``labelwatch events rebuild`` groups a database stored before events existed."""

from __future__ import annotations

import asyncio
import io
import json
import logging
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.cli import main
from bot.events.rebuild import regroup
from bot.events.settings import EventSettings
from bot.platforms import PlatformRegistry
from storage.engine import create_engine, session_factory, upgrade
from storage.queries.events import event_of_posts
from tests.storage.test_migration_0002 import _run

POSTS = [  # id, title, verdict (is_signal, event type, platforms), created
    ("t3_a", "Outlier paused the Genesis project for everyone", True, "project_pause",
     ["outlier"], "2025-09-01 09:00:00"),
    ("t3_b", "Genesis project paused, whole pod got the email", True, "project_pause",
     ["outlier"], "2025-09-01 12:00:00"),
    ("t3_c", "how do I withdraw to paypal", False, "none", [], "2025-09-01 13:00:00"),
    ("t3_d", "Mercor laid off 500 contractors on its physics project", True, "layoff",
     ["mercor"], "2025-09-02 09:00:00"),
]


async def _store_at_0002(engine: AsyncEngine) -> None:
    """Posts written by the version before events: schema 0002, verdicts stored."""
    async with engine.begin() as conn:
        await conn.run_sync(_run, "downgrade", "0002")
        for ext, title, signal, kind, platforms, created in POSTS:
            await conn.execute(text(
                "INSERT INTO posts (source_kind, external_id, subreddit, title, body, author, "
                "created_utc, fetched_at, scored_at, scorer_version, is_signal, score, "
                "event_type, direction, tier, platforms, evidence) VALUES ('reddit', :ext, "
                "'outlier_ai', :title, '', :author, :t, :t, :t, 'rules-1.5', :signal, :score, "
                ":kind, 'contraction', 'unknown', :platforms, '[]')"),
                {"ext": ext, "title": title, "author": f"u_{ext}",
                 "t": datetime.fromisoformat(created), "signal": signal,
                 "score": 80.0 if signal else 5.0, "kind": kind,
                 "platforms": json.dumps(platforms)})
        await conn.run_sync(_run, "upgrade", "head")


async def _events_by_post(engine: AsyncEngine) -> dict[str, int | None]:
    async with session_factory(engine)() as session:
        rows = (await session.execute(text("SELECT external_id, id FROM posts"))).all()
        ids: dict[str, int] = dict(rows)
        placed = await event_of_posts(session, list(ids.values()))
    return {ext: placed.get(pid) for ext, pid in ids.items()}


async def test_rebuild_groups_posts_stored_before_events(
    db_engine: AsyncEngine, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="labelwatch.progress")
    await _store_at_0002(db_engine)
    out, err = io.StringIO(), io.StringIO()
    count = await regroup(session_factory(db_engine), EventSettings(), PlatformRegistry(), out,
                          err, page_size=2)
    placed = await _events_by_post(db_engine)
    assert count == 2
    assert placed["t3_a"] == placed["t3_b"] is not None
    assert placed["t3_c"] is None and placed["t3_d"] not in (None, placed["t3_a"])
    assert "grouping 3 signal posts" in err.getvalue()
    assert "events rebuild" in caplog.text and "3" in caplog.text  # progress, as it goes
    assert "done: 3 signal posts in 2 events" in out.getvalue()
    async with db_engine.connect() as conn:
        assert (await conn.execute(text("SELECT count(*) FROM outbox"))).scalar_one() == 0
    # Running it again starts over and comes to the same events.
    again = await regroup(session_factory(db_engine), EventSettings(), PlatformRegistry(),
                          io.StringIO(), io.StringIO())
    regrouped = await _events_by_post(db_engine)
    assert again == 2 and len({v for v in regrouped.values() if v}) == 2
    assert (regrouped["t3_a"] == regrouped["t3_b"]) and regrouped["t3_c"] is None


async def test_events_rebuild_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    await upgrade(engine)
    await _store_at_0002(engine)
    await engine.dispose()
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\nurl = "{url}"\n', encoding="utf-8")
    code = await asyncio.to_thread(main, ["--config", str(config), "events", "rebuild"])
    assert code == 0
    assert "done: 3 signal posts in 2 events" in capsys.readouterr().out
    engine = create_engine(url)
    placed = await _events_by_post(engine)
    await engine.dispose()
    assert placed["t3_a"] == placed["t3_b"] is not None


def test_a_database_not_yet_upgraded_is_refused(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'old.db'}"

    async def at_0002() -> None:
        engine = create_engine(url)
        await upgrade(engine)
        async with engine.begin() as conn:
            await conn.run_sync(_run, "downgrade", "0002")
        await engine.dispose()

    asyncio.run(at_0002())
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\nurl = "{url}"\n', encoding="utf-8")
    assert main(["--config", str(config), "events", "rebuild"]) == 2
    assert "run 'labelwatch db upgrade' first" in capsys.readouterr().err
