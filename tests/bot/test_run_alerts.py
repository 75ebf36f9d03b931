"""``labelwatch run`` without a bot: alerts through a webhook, or to the console."""

from __future__ import annotations

import json
import signal
from pathlib import Path
from typing import Any

from tests.doubles.discord import DiscordDouble
from tests.doubles.reddit import RedditDouble
from tests.support.service import Service, sqlite_rows, wait_until, write_config

SIGNAL_TITLE = "Outlier cut generalist rates from $25/hr to $16/hr today"
SIGNAL_BODY = ("Everyone on the generalist projects got the email this morning. "
               "@everyone <@&4242> <@1234> check your dashboards.")
ORDINARY_TITLE = "Tips for passing the writing assessment?"


def config(tmp_path: Path, reddit: RedditDouble, **tables: Any) -> Path:
    return write_config(
        tmp_path / "config.toml",
        {"builtin_sources": False},
        {
            "database": {"url": f"sqlite+aiosqlite:///{tmp_path / 'lw.db'}"},
            "reddit": {"api_url": reddit.url, "www_url": reddit.url, "poll_seconds": 1},
            **tables.pop("tables", {}),
        },
        {"sources": [{"kind": "reddit", "target": "outlier_ai"}], **tables},
    )


def creds(reddit: RedditDouble) -> dict[str, str]:
    return {"REDDIT_CLIENT_ID": reddit.client_id, "REDDIT_CLIENT_SECRET": reddit.client_secret}


def scored(db: Path) -> int:
    return len(sqlite_rows(db, "SELECT id FROM posts WHERE scored_at IS NOT NULL"))


async def test_webhook_gets_the_signal_and_pings_nobody(tmp_path: Path) -> None:
    async with RedditDouble() as reddit, DiscordDouble() as discord_double:
        guild = discord_double.add_guild(name="Analysts", channels=["alerts"])
        hook = discord_double.create_webhook(guild.channel_id("alerts"))
        cfg = config(
            tmp_path, reddit,
            tables={"discord": {"api_base": discord_double.api_base}},
            **{"alerts.webhooks": [{"url": hook.url}]},
        )
        reddit.add_post("outlier_ai", ORDINARY_TITLE, "I keep failing it. Any advice?")
        fullname = reddit.add_post("outlier_ai", SIGNAL_TITLE, SIGNAL_BODY)
        service = await Service(cfg, creds(reddit), tmp_path / "run.log").start("run")
        try:
            [message] = await discord_double.wait_for_messages(1, source="webhook", timeout=30)
            await wait_until(lambda: scored(tmp_path / "lw.db") == 2, what="both posts scored")
        finally:
            assert await service.stop() == 0
    payload = message.payload
    assert payload["allowed_mentions"] == {"parse": []}
    [embed] = payload["embeds"]
    text = json.dumps(embed)
    assert "Outlier" in embed["title"] or "Outlier" in text
    assert fullname.removeprefix("t3_") in embed["url"]
    assert "@everyone" not in text.replace("@\\u200beveryone", "")
    assert "<@&4242>" not in text and "<@1234>" not in text
    assert "content" not in payload or "@everyone" not in (payload.get("content") or "")
    assert len(discord_double.webhook_messages(hook.id)) == 1
    assert hook.token not in service.output()


async def test_console_prints_each_alert_once_when_nothing_else_is_set(tmp_path: Path) -> None:
    async with RedditDouble() as reddit:
        cfg = config(tmp_path, reddit)
        reddit.add_post("outlier_ai", ORDINARY_TITLE, "Any advice?")
        reddit.add_post("outlier_ai", SIGNAL_TITLE, SIGNAL_BODY)
        service = await Service(cfg, creds(reddit), tmp_path / "run.log").start("run")
        try:
            await wait_until(
                lambda: sqlite_rows(tmp_path / "lw.db",
                                    "SELECT id FROM outbox WHERE status = 'sent'") != [],
                what="the console alert",
            )
        finally:
            assert await service.stop(signal.SIGINT) == 0
    out = service.output()
    alert_lines = [line for line in out.splitlines() if "pay" in line.lower()
                   and "Outlier" in line and "INFO" not in line and "WARNING" not in line]
    assert len(alert_lines) == 1, out
    assert ORDINARY_TITLE not in "\n".join(alert_lines)


async def test_a_rejected_token_stops_the_service_with_a_clear_message(tmp_path: Path) -> None:
    async with RedditDouble() as reddit, DiscordDouble() as discord_double:
        cfg = config(tmp_path, reddit, tables={"discord": {
            "api_base": discord_double.api_base, "gateway_url": discord_double.gateway_url}})
        env = {**creds(reddit), "DISCORD_TOKEN": "not-the-bot-token-xyz"}
        service = await Service(cfg, env, tmp_path / "run.log").start("run")
        try:
            assert await service.wait(within=30) == 2
        finally:
            if service.running:
                await service.kill()
    out = service.output()
    assert "Discord rejected DISCORD_TOKEN" in out
    assert "not-the-bot-token-xyz" not in out
    assert "Traceback" not in out
