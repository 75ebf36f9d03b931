"""``labelwatch doctor`` as an operator runs it, against the doubles.

A healthy setup is all green; a wrong token, a dead webhook, an unreachable
feed and an old schema are each named with what to do, and the exit code
is 1. Nothing is posted and no secret is printed.
"""

from __future__ import annotations

import json
import socket
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.engine import create_engine, head_revision, upgrade
from tests.doubles.discord import DiscordDouble
from tests.doubles.discord.models import Webhook
from tests.doubles.feeds import FeedDouble
from tests.doubles.reddit import RedditDouble
from tests.storage.test_migration_0002 import _run
from tests.support.service import Service, write_config


@dataclass
class Setup:
    tmp_path: Path
    reddit: RedditDouble
    discord: DiscordDouble
    feeds: FeedDouble
    hook: Webhook
    alerts_channel: int

    @property
    def db(self) -> Path:
        return self.tmp_path / "lw.db"

    def config(self, feed_url: str | None = None) -> Path:
        return write_config(
            self.tmp_path / "config.toml", {"builtin_sources": False},
            {"database": {"url": f"sqlite+aiosqlite:///{self.db}"},
             "reddit": {"api_url": self.reddit.url, "www_url": self.reddit.url},
             "feeds": {"timeout_seconds": 2.0},
             "discord": {"api_base": self.discord.api_base}},
            {"sources": [{"kind": "reddit", "target": "outlier_ai", "platform": "outlier"},
                         {"kind": "feed", "target": feed_url or self.feeds.url_for("news"),
                          "platform": "appen"}],
             "alerts.webhooks": [{"url": self.hook.url}]},
        )

    def env(self, token: str | None = None) -> dict[str, str]:
        return {"DISCORD_TOKEN": token or self.discord.token,
                "REDDIT_CLIENT_ID": self.reddit.client_id,
                "REDDIT_CLIENT_SECRET": self.reddit.client_secret}

    async def doctor(self, cfg: Path, env: dict[str, str], *args: str) -> tuple[int, str]:
        log = self.tmp_path / f"doctor-{len(args)}.log"
        service = await Service(cfg, env, log).start("doctor", *args)
        code = await service.wait(within=60)
        return code, service.output()


@pytest.fixture
async def setup(tmp_path: Path) -> Setup:  # type: ignore[misc]
    async with RedditDouble() as reddit, DiscordDouble() as discord_double, \
            FeedDouble() as feeds:
        reddit.add_post("outlier_ai", "Tips for the writing assessment?", "Any advice?")
        reddit.add_post("outlier_ai", "Is anyone else's queue empty?", "Since Monday.")
        feeds.feed("news").add("Appen trims its rater pool", guid="a1")
        guild = discord_double.add_guild(name="Analysts", channels=["general", "alerts"])
        hook = discord_double.create_webhook(guild.channel_id("alerts"), name="labelwatch")
        engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'lw.db'}")
        await upgrade(engine)
        await engine.dispose()
        yield Setup(tmp_path, reddit, discord_double, feeds, hook, guild.channel_id("alerts"))


def verdicts(text: str) -> dict[str, str]:
    """check name -> its whole verdict line (the lines doctor prints on stdout)."""
    out = {}
    for line in text.splitlines():
        if line[:4].strip() in ("ok", "WARN", "FAIL", "skip"):
            out[line[6:].split(": ", 1)[0]] = line
    return out


async def test_a_healthy_setup_is_all_green(setup: Setup) -> None:
    code, text = await setup.doctor(setup.config(), setup.env())
    assert code == 0, text
    lines = verdicts(text)
    assert set(lines) == {"config", "database", "discord token", "reddit app",
                          "webhook 1 (webhook " + str(setup.hook.id)[:4] + "…)",
                          "reddit", "feed appen"}, text
    assert all(line.startswith("ok  ") for line in lines.values()), text
    assert f"schema at revision {head_revision()} (current)" in lines["database"]
    assert "token accepted: the bot is labelwatch" in lines["discord token"]
    assert "credentials accepted" in lines["reddit app"]
    assert f'exists: "labelwatch" in channel {setup.alerts_channel}' in text
    assert "reddit: r/outlier_ai: 2 posts; not polled by the service yet" in text
    assert "feed appen: " + setup.feeds.url_for("news") + ": 1 item;" in text
    assert text.rstrip().endswith("0 failed, 0 skipped: all good")
    # Nothing was posted, no secret was printed.
    assert setup.discord.webhook_messages(setup.hook.id) == []
    assert setup.discord.token not in text and setup.hook.token not in text
    assert setup.reddit.client_secret not in text


async def test_a_broken_setup_names_each_fault_with_what_to_do(setup: Setup) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        dead_port = probe.getsockname()[1]
    dead_feed = f"http://127.0.0.1:{dead_port}/news.rss?q=appen"
    setup.discord.delete_channel(setup.alerts_channel)  # its webhook goes with it
    engine: AsyncEngine = create_engine(f"sqlite+aiosqlite:///{setup.db}")
    async with engine.begin() as conn:
        await conn.run_sync(_run, "downgrade", "0002")
    await engine.dispose()

    code, text = await setup.doctor(setup.config(dead_feed), setup.env("wrong-token-123"))
    assert code == 1, text
    failed = [line for line in text.splitlines() if line.startswith("FAIL")]
    assert len(failed) == 4, text
    database, discord, webhook, feed = failed
    assert database.startswith("FAIL  database: ")
    assert f"the schema is at revision 0002, this version needs {head_revision()}" in database
    assert database.endswith("→ back the database up, then run `labelwatch db upgrade`")
    assert discord == ("FAIL  discord token: Discord rejected DISCORD_TOKEN (HTTP 401) → copy "
                       "a new token (Developer Portal → your app → Bot → Reset Token) into "
                       "DISCORD_TOKEN")
    assert webhook.startswith("FAIL  webhook 1 (webhook ")
    assert "Discord says the webhook no longer exists (HTTP 404)" in webhook
    assert "→ create a webhook (channel settings → Integrations → Webhooks)" in webhook
    assert feed.startswith(f"FAIL  feed appen: {dead_feed}: connection error")
    assert "→ the host cannot be reached" in feed and "[[sources]]" in feed
    assert "ok    reddit: r/outlier_ai: 2 posts" in text  # what works still says so
    assert text.rstrip().endswith("4 failed, 0 skipped: something needs fixing")
    assert "wrong-token-123" not in text and setup.hook.token not in text


async def test_json_for_scripts(setup: Setup) -> None:
    code, text = await setup.doctor(setup.config(), setup.env("wrong-token-123"), "--json",
                                    "--no-sources")
    assert code == 1
    report = json.loads(text[text.index("{"):])
    assert report["ok"] is False
    assert report["counts"] == {"ok": 4, "warn": 0, "fail": 1, "skip": 0}
    by_name = {c["name"]: c for c in report["checks"]}
    token = by_name["discord token"]
    assert token["status"] == "fail" and "Reset Token" in token["fix"]
    assert by_name["database"] == {"name": "database", "status": "ok", "fix": "",
                                   "detail": by_name["database"]["detail"]}
    assert not any(c["name"].startswith(("reddit:", "feed")) for c in report["checks"])


async def test_a_bad_config_is_a_failed_check(tmp_path: Path) -> None:
    cfg = tmp_path / "config.toml"
    cfg.write_text("[reddit]\npoll_seconds = 'often'\n", encoding="utf-8")
    service = await Service(cfg, {}, tmp_path / "doctor.log").start("doctor")
    assert await service.wait(within=60) == 1
    text = service.output()
    assert f"FAIL  config: reddit.poll_seconds: expected a whole number from 1 to 86400, got " \
           f"str 'often' → correct it in {cfg}" in text
