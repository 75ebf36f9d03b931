"""Replaying rows through ``labelwatch replay`` and reading back what ``events show`` says.

Shared by the follow-up and syndicated-copy tests, which both check a decision the way
an operator sees it: the real command line into a database of the test's own.
"""

from __future__ import annotations

import asyncio
import io
import json
from pathlib import Path
from typing import Any

from bot.config import load_settings
from bot.event_listing import show_event
from bot.records import PostRecord
from tests.bot.test_cli import run_cli
from tests.support.service import write_config


def record(row: dict[str, Any]) -> PostRecord:
    """A JSONL row as the scorer reads it, for scoring a row outside a replay."""
    return PostRecord(row["source"], row["id"], row["title"], row["body"],
                      subreddit=row.get("subreddit"), feed=row.get("feed"))


def replay_rows(tmp_path: Path, rows: list[dict[str, Any]], threshold: float = 50.0
            ) -> tuple[dict[str, dict[str, Any]], Path]:
    """Replay ``rows`` into a database of their own; each post's output line, and the config."""
    data = tmp_path / "in.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    url = f"sqlite+aiosqlite:///{tmp_path / 'replay.db'}"
    config = write_config(tmp_path / "c.toml", {"builtin_sources": False}, {
        "database": {"url": url}, "scoring": {"threshold": threshold}})
    code, out, err = run_cli("--config", str(config), "replay", "--input", str(data),
                             "--database", url)
    assert code == 0, err
    return {o["id"]: o for o in map(json.loads, out.splitlines())}, config


def shown_reports(config: Path, event: str) -> list[dict[str, Any]]:
    """The event's reports as ``labelwatch events show --json`` lists them."""
    out, err = io.StringIO(), io.StringIO()
    code = asyncio.run(show_event(load_settings(config, {}), int(event[1:]), True, out, err))
    assert code == 0, err.getvalue()
    reports: list[dict[str, Any]] = json.loads(out.getvalue())["reports"]
    return reports
