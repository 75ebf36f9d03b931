"""The command line, called in-process with real doubles behind it."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from tests.doubles.feeds import FeedDouble
from tests.doubles.reddit import RedditDouble
from tests.support.service import Service, sqlite_rows, write_config


def run_cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exc:
            code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("command", [
    [], ["run"], ["poll"], ["backfill"], ["db"], ["db", "upgrade"], ["platforms"], ["score"],
    ["eval"], ["rescore"], ["doctor"], ["sources"],
])
def test_every_command_has_help(command: list[str]) -> None:
    code, out, _ = run_cli(*command, "--help")
    assert code == 0
    assert "usage: labelwatch" in out


def test_help_lists_every_command() -> None:
    code, out, _ = run_cli("--help")
    assert code == 0
    for name in ("score", "replay", "doctor", "export", "train", "feedback", "events"):
        assert name in out
    code, _, err = run_cli("--config", "replay", "no-such-command")
    assert code == 2 and "invalid choice" in err and "replay" in err


def test_score_loads_neither_discord_nor_the_database_layer(tmp_path: Path) -> None:
    posts = tmp_path / "in.jsonl"
    posts.write_text('{"id": "a", "source": "reddit", "title": "Outlier cut rates", "body": ""}\n',
                     encoding="utf-8")
    program = ("import sys\nfrom bot.cli import main\n"
               "code = main(['score', '--input', sys.argv[1]])\n"
               "print(code, sorted({m.split('.')[0] for m in sys.modules} & "
               "{'discord', 'sqlalchemy', 'aiohttp'}))")
    done = subprocess.run([sys.executable, "-c", program, str(posts)], capture_output=True,
                          text=True, check=True, cwd=Path(__file__).resolve().parents[2])
    assert done.stdout.splitlines()[-1] == "0 []"


def test_platforms_prints_the_registry(tmp_path: Path) -> None:
    cfg = write_config(tmp_path / "c.toml", {}, {}, {"platforms": [{"id": "newco",
                                                                     "name": "NewCo"}]})
    code, out, _ = run_cli("--config", str(cfg), "platforms")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["id", "name", "parent"]
    rows = {line.split()[0]: line for line in lines[2:]}
    assert "scale_ai" in rows["outlier"] and "r/outlier_ai" in rows["outlier"]
    assert "newco" in rows
    assert len(rows) == 28


def test_bad_arguments_are_refused_clearly() -> None:
    code, _, err = run_cli("backfill", "--days", "0")
    assert code == 2 and "at least 1" in err
    code, _, err = run_cli("score", "--threshold", "150")
    assert code == 2 and "0 to 100" in err


def test_missing_config_file_is_one_clear_line(tmp_path: Path) -> None:
    code, _, err = run_cli("--config", str(tmp_path / "absent.toml"), "db", "upgrade")
    assert code == 2
    assert err.strip() == f"labelwatch: configuration error: config file not found: " \
                          f"{tmp_path / 'absent.toml'}"


def test_db_upgrade_then_again(tmp_path: Path) -> None:
    cfg = write_config(tmp_path / "c.toml", {}, {
        "database": {"url": f"sqlite+aiosqlite:///{tmp_path / 'x.db'}"}})
    code, out, _ = run_cli("--config", str(cfg), "db", "upgrade")
    assert code == 0 and "upgraded from empty" in out
    code, out, _ = run_cli("--config", str(cfg), "db", "upgrade")
    assert code == 0 and "already at revision" in out


async def test_backfill_stores_the_last_days_and_keeps_cursors(tmp_path: Path) -> None:
    import time

    async with RedditDouble() as reddit, FeedDouble() as feeds:
        now = time.time()
        old = reddit.add_post("outlier_ai", "old news", created_utc=now - 20 * 86400)
        recent = [reddit.add_post("outlier_ai", f"recent {i}", created_utc=now - 86400 + i)
                  for i in range(150)]
        feeds.feed("f").add("Appen item", guid="f1")
        db = tmp_path / "lw.db"
        cfg = write_config(tmp_path / "config.toml", {"builtin_sources": False}, {
            "database": {"url": f"sqlite+aiosqlite:///{db}"},
            "reddit": {"api_url": reddit.url, "www_url": reddit.url},
            "feeds": {"allow_private": True},
        }, {"sources": [{"kind": "reddit", "target": "outlier_ai"},
                       {"kind": "feed", "target": feeds.url_for("f")}]})
        env = {"REDDIT_CLIENT_ID": reddit.client_id,
               "REDDIT_CLIENT_SECRET": reddit.client_secret}
        service = await Service(cfg, env, tmp_path / "bf.log").start("backfill", "--days", "7")
        assert await service.wait(within=60) == 0
    ids = {r[0] for r in sqlite_rows(db, "SELECT external_id FROM posts")}
    assert set(recent) <= ids and old not in ids and "f1" in ids
    assert sqlite_rows(db, "SELECT cursor FROM source_state WHERE cursor IS NOT NULL") == []
    out = service.output()
    assert "151 new posts from the last 7 days (0 of 2 sources failed)" in out
    # Not a terminal: progress comes as log lines, the last one saying how it ended.
    assert "labelwatch.progress: backfill: 0/2 sources" in out
    assert "labelwatch.progress: backfill: 2/2 sources in " in out


async def test_rescore_scores_every_stored_post_without_alerting(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from bot.records import PostRecord
    from storage.engine import create_engine, session_factory, upgrade
    from storage.queries.posts import insert_posts

    db = tmp_path / "lw.db"
    engine = create_engine(f"sqlite+aiosqlite:///{db}")
    await upgrade(engine)
    when = datetime(2026, 1, 5, tzinfo=UTC)
    async with session_factory(engine).begin() as session:
        await insert_posts(session, [
            PostRecord("reddit", "t3_sig", "Outlier cut generalist rates from $25/hr to $16/hr",
                       body="Everyone on the project got the email today.",
                       subreddit="outlier_ai", created_utc=when),
            PostRecord("reddit", "t3_meh", "How do I file taxes for Outlier income?",
                       subreddit="outlier_ai", created_utc=when),
        ])
    await engine.dispose()
    cfg = write_config(tmp_path / "config.toml", {"builtin_sources": False},
                       {"database": {"url": f"sqlite+aiosqlite:///{db}"}})
    service = await Service(cfg, {}, tmp_path / "rescore.log").start("rescore", "--batch", "1")
    assert await service.wait(within=60) == 0
    rows = dict(sqlite_rows(db, "SELECT external_id, is_signal FROM posts"))
    assert rows == {"t3_sig": 1, "t3_meh": 0}
    assert sqlite_rows(db, "SELECT platform, event_type FROM post_platforms") == [
        ("outlier", "pay_cut")]
    assert sqlite_rows(db, "SELECT count(*) FROM outbox") == [(0,)]
    assert "done: 2 posts rescored" in service.output()
