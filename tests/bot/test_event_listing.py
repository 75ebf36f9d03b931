"""``labelwatch events list`` and ``events show``: the operator's view, as text and JSON."""

from __future__ import annotations

import argparse
import asyncio
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.config import Settings, parse_settings
from bot.event_listing import event_id, list_events, show_event, since_date
from storage.engine import create_engine, session_factory, upgrade
from tests.bot.test_cli import run_cli
from tests.storage.event_data import join_event, open_event
from tests.storage.signal_data import T0, Decision, add_post
from tests.support.service import write_config


async def _database(tmp_path: Path) -> Settings:
    url = f"sqlite+aiosqlite:///{tmp_path / 'events.db'}"
    engine = create_engine(url)
    await upgrade(engine)
    async with session_factory(engine).begin() as s:
        cut = await open_event(
            s, await add_post(s, "t3_l1", title="Outlier cut rates\x1b[2J", decision=Decision(),
                              url="https://www.reddit.com/r/outlier_ai/comments/l1/x/"),
            magnitude={"pay_before": 40, "pay_after": 26, "pay_unit": "hr", "currency": "USD"})
        for n in (2, 3):
            pid = await add_post(s, f"t3_l{n}", title=f"press {n}", decision=Decision(),
                                 source_kind="feed", feed=f"Outlet {n}",
                                 url=f"https://news{n}.example/story",
                                 created=T0 + timedelta(hours=n))
            await join_event(s, cut.event_id, pid, reason=f"same figures, outlet {n}",
                             status="confirmed" if n == 3 else "corroborated")
        await open_event(s, await add_post(s, "t3_l4", title="Mercor layoffs",
                                           created=T0 + timedelta(days=3), decision=Decision()),
                         platforms=("mercor",), event_type="layoff", guild_id=42)
    await engine.dispose()
    return parse_settings({"database": {"url": url}}, env={})


async def test_list_prints_every_event_oldest_first_and_json_per_line(tmp_path: Path) -> None:
    settings = await _database(tmp_path)
    out = io.StringIO()
    assert await list_events(settings, None, False, out) == 0
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("event   latest report")
    assert lines[1].startswith("e1      2026-05-04 15:00Z  confirmed     80  pay_cut")
    assert "3 posts,   3 sources  Outlier cut rates[2J" in lines[1] and "\x1b" not in lines[1]
    assert lines[2].startswith("e2      2026-05-07 12:00Z  reported")
    assert lines[-1] == "2 events"

    out = io.StringIO()
    await list_events(settings, T0 + timedelta(days=1), True, out)
    [only] = [json.loads(line) for line in out.getvalue().splitlines()]
    assert only["id"] == "e2" and only["guild_id"] == 42 and only["platforms"] == ["mercor"]
    out = io.StringIO()
    await list_events(settings, None, True, out)
    first = json.loads(out.getvalue().splitlines()[0])
    assert (first["status"], first["posts"], first["sources"]) == ("confirmed", 3, 3)
    assert first["links"][0] == "https://www.reddit.com/r/outlier_ai/comments/l1/x/"
    assert len(first["links"]) == 3


async def test_show_gives_each_report_its_link_and_reason(tmp_path: Path) -> None:
    settings = await _database(tmp_path)
    out, err = io.StringIO(), io.StringIO()
    assert await show_event(settings, 1, False, out, err) == 0
    text = out.getvalue()
    assert text.startswith("e1  ▼ Pay cut: Outlier  (confirmed, score 80, tier generalist)")
    assert "figures: $40/hr → $26/hr (-35%)" in text
    assert "   1. 2026-05-04 12:00Z  report  r/outlier_ai  score 80  Outlier cut rates" in text
    assert "      https://news3.example/story\n      why: same figures, outlet 3" in text
    out = io.StringIO()
    await show_event(settings, 1, True, out, err)
    data = json.loads(out.getvalue())
    assert [r["reason"] for r in data["reports"]] == [
        "opened the event", "same figures, outlet 2", "same figures, outlet 3"]
    assert await show_event(settings, 99, False, io.StringIO(), err) == 1
    assert "no event e99" in err.getvalue()


def test_arguments_are_checked_with_clear_errors() -> None:
    assert since_date("2026-05-01") == datetime(2026, 5, 1, tzinfo=UTC)
    assert since_date("2026-05-01T12:00Z") == datetime(2026, 5, 1, 12, tzinfo=UTC)
    assert event_id("e17") == 17 and event_id("17") == 17
    with pytest.raises(argparse.ArgumentTypeError, match="expected a date like"):
        since_date("last week")
    with pytest.raises(argparse.ArgumentTypeError, match="expected an event id like e17"):
        event_id("seventeen")


async def test_the_command_line_lists_and_shows_and_refuses_bad_arguments(
    tmp_path: Path,
) -> None:
    settings = await _database(tmp_path)
    cfg = write_config(tmp_path / "c.toml", {"builtin_sources": False},
                       {"database": {"url": settings.database.url}})

    def cli(*argv: str) -> tuple[int, str, str]:
        return run_cli("--config", str(cfg), "events", *argv)

    code, out, _ = await asyncio.to_thread(cli, "list", "--since", "2026-05-05")
    assert code == 0 and out.splitlines()[1].startswith("e2 ")
    code, out, _ = await asyncio.to_thread(cli, "show", "e1", "--json")
    assert code == 0 and json.loads(out)["id"] == "e1"
    code, _, err = await asyncio.to_thread(cli, "show", "e77")
    assert code == 1 and "no event e77" in err
    code, _, err = await asyncio.to_thread(cli, "list", "--since", "yesterday")
    assert code == 2 and "expected a date like 2026-05-01" in err
    code, _, err = await asyncio.to_thread(cli, "show", "latest")
    assert code == 2 and "expected an event id like e17 or 17" in err
    for action in ("list", "show"):
        code, out, _ = await asyncio.to_thread(cli, action, "--help")
        assert code == 0 and f"usage: labelwatch events {action}" in out
