"""``labelwatch sources``: every source's health on the command line, after real polls."""

from __future__ import annotations

import json
import re
from pathlib import Path

from storage.engine import create_engine, session_factory, upgrade
from storage.queries.guilds import add_guild_source
from tests.doubles.feeds import Fault, FeedDouble
from tests.doubles.reddit import RedditDouble
from tests.support.service import Service, write_config


async def run(cfg: Path, env: dict[str, str], log: Path, *command: str) -> tuple[int, str]:
    service = await Service(cfg, env, log).start(*command)
    code = await service.wait(within=60)
    return code, service.output()


async def test_sources_lists_health_reason_and_next_try(tmp_path: Path) -> None:
    db = tmp_path / "lw.db"
    engine = create_engine(f"sqlite+aiosqlite:///{db}")
    await upgrade(engine)
    async with session_factory(engine).begin() as session:
        await add_guild_source(session, 4242, "reddit", "DataAnnotationTech", "dataannotation")
    await engine.dispose()
    async with RedditDouble() as reddit, FeedDouble() as feeds:
        reddit.add_post("outlier_ai", "Queue empty again?", "Since Monday.")
        feeds.feed("down").add("never seen", guid="x")
        feeds.fail_next("down", Fault("status", status=503))
        cfg = write_config(
            tmp_path / "config.toml", {"builtin_sources": False},
            {"database": {"url": f"sqlite+aiosqlite:///{db}"},
             "reddit": {"api_url": reddit.url, "www_url": reddit.url, "poll_seconds": 120},
             "feeds": {"timeout_seconds": 2.0, "poll_seconds": 600, "allow_private": True}},
            {"sources": [{"kind": "reddit", "target": "outlier_ai", "platform": "outlier"},
                         {"kind": "feed", "target": feeds.url_for("down"),
                          "platform": "appen"}]},
        )
        env = {"REDDIT_CLIENT_ID": reddit.client_id,
               "REDDIT_CLIENT_SECRET": reddit.client_secret}
        code, _ = await run(cfg, env, tmp_path / "poll.log", "poll", "--once")
        assert code == 0
        code, text = await run(cfg, env, tmp_path / "sources.log", "sources")
        assert code == 0, text
        _, as_json = await run(cfg, env, tmp_path / "json.log", "sources", "--json")
        _, failing = await run(cfg, env, tmp_path / "failing.log", "sources", "--failing")

    lines = [line for line in text.splitlines() if " INFO " not in line]
    header = lines[0]
    assert header.split() == ["SOURCE", "PLATFORM", "WATCHED", "BY", "STATUS", "LAST", "SUCCESS",
                              "FAILS", "NEXT", "TRY", "REASON"]
    rows = {line.split()[1]: line for line in lines[1:-1]}
    ok = rows["r/outlier_ai"]
    assert ok.split()[2:5] == ["outlier", "config", "ok"]
    assert re.search(r" \d+s ago +0 +in 1m", ok), ok  # next regular poll: 120 s after the last
    down = rows[feeds.url_for("down")]
    assert down.split()[2:5] == ["appen", "config", "retrying"]
    assert re.search(r" never +1 +in [23]\ds +HTTP 503$", down), down  # backoff's first step
    # A guild's subreddit rides in the same batch as the config's, so it shares its health.
    guild = rows["r/dataannotationtech"]
    assert guild.split()[2:6] == ["dataannotation", "guild", "4242", "ok"]
    assert lines[-1] == "3 sources: 1 failing or retrying, 0 not polled yet"

    report = json.loads(as_json[as_json.index("{"):])
    by_target = {s["target"]: s for s in report["sources"]}
    assert by_target[feeds.url_for("down")]["failures"] == 1
    assert by_target[feeds.url_for("down")]["reason"] == "HTTP 503"
    assert by_target["outlier_ai"]["last_success"] is not None
    assert by_target["dataannotationtech"]["owners"] == ["guild 4242"]
    failing_rows = [line for line in failing.splitlines() if " INFO " not in line][1:-1]
    assert len(failing_rows) == 1 and "HTTP 503" in failing_rows[0]


async def test_an_empty_database_says_so(tmp_path: Path) -> None:
    cfg = write_config(tmp_path / "config.toml", {"builtin_sources": True},
                       {"database": {"url": f"sqlite+aiosqlite:///{tmp_path / 'lw.db'}"}})
    code, text = await run(cfg, {}, tmp_path / "sources.log", "sources")
    assert code == 0, text
    assert "44 sources: 0 failing or retrying, 44 not polled yet; the database is empty" in text
    assert 'feed: Google News "Outlier AI"' in text
