"""``labelwatch run`` with ``[metrics] listen``: /healthz and /metrics as a monitor sees them."""

from __future__ import annotations

import asyncio
import re
import socket
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import aiohttp

from tests.bot.test_metrics import sample
from tests.doubles.discord import DiscordDouble
from tests.doubles.feeds import Fault, FeedDouble
from tests.doubles.reddit import RedditDouble
from tests.support.service import Service, write_config

SIGNAL_TITLE = "Outlier cut generalist rates from $25/hr to $16/hr today"
SIGNAL_BODY = "Everyone on the generalist projects got the email this morning."
SERVING = re.compile(r"metrics: serving /healthz and /metrics on (http://127\.0\.0\.1:\d+)")


async def base_url(service: Service) -> str:
    await service.wait_for_output("metrics: serving")
    match = SERVING.search(service.output())
    assert match is not None, service.output()
    return match.group(1)


async def get(http: aiohttp.ClientSession, url: str) -> tuple[int, str]:
    async with http.get(url) as resp:
        return resp.status, await resp.text()


async def test_metrics_counters_move_when_a_post_is_alerted(tmp_path: Path) -> None:
    async with RedditDouble() as reddit, DiscordDouble() as discord_double, \
            aiohttp.ClientSession() as http:
        guild = discord_double.add_guild(name="Analysts", channels=["alerts"])
        hook = discord_double.create_webhook(guild.channel_id("alerts"))
        cfg = write_config(
            tmp_path / "config.toml", {"builtin_sources": False},
            {"database": {"url": f"sqlite+aiosqlite:///{tmp_path / 'lw.db'}"},
             "reddit": {"api_url": reddit.url, "www_url": reddit.url, "poll_seconds": 1},
             "discord": {"api_base": discord_double.api_base},
             "metrics": {"listen": "127.0.0.1:0", "healthy_within_seconds": 60}},
            {"sources": [{"kind": "reddit", "target": "outlier_ai", "platform": "outlier"}],
             "alerts.webhooks": [{"url": hook.url}]},
        )
        reddit.add_post("outlier_ai", "Tips for passing the writing assessment?", "Any advice?")
        env = {"REDDIT_CLIENT_ID": reddit.client_id,
               "REDDIT_CLIENT_SECRET": reddit.client_secret}
        service = await Service(cfg, env, tmp_path / "run.log").start("run")
        try:
            base = await base_url(service)
            source = "reddit: r/outlier_ai"
            before = ""

            async def polled_once() -> bool:
                nonlocal before
                before = (await get(http, f"{base}/metrics"))[1]
                return sample(before, "labelwatch_posts_stored_total", kind="reddit") == 1

            await _until(polled_once, "the first poll in /metrics")
            status, body = await get(http, f"{base}/healthz")
            assert status == 200 and body.startswith("ok: last successful poll "), body
            assert sample(before, "labelwatch_polls_total", source=source) >= 1
            assert sample(before, "labelwatch_alerts_sent_total", sink="webhook") == 0
            assert sample(before, "labelwatch_signals_total", event_type="pay_cut") == 0

            reddit.add_post("outlier_ai", SIGNAL_TITLE, SIGNAL_BODY)
            await discord_double.wait_for_messages(1, source="webhook", timeout=30)
            after = ""

            async def counted() -> bool:
                nonlocal after
                after = (await get(http, f"{base}/metrics"))[1]
                # Counted when Discord confirmed; the outbox row is marked sent just after.
                return (sample(after, "labelwatch_alerts_sent_total", sink="webhook") == 1
                        and sample(after, "labelwatch_outbox_pending") == 0)

            await _until(counted, "the alert in /metrics")
        finally:
            assert await service.stop() == 0
    assert sample(after, "labelwatch_signals_total", event_type="pay_cut") == 1
    assert sample(after, "labelwatch_posts_stored_total", kind="reddit") == 2
    assert sample(after, "labelwatch_alert_send_seconds_count", sink="webhook") == 1
    assert sample(after, "labelwatch_alert_failures_total", sink="webhook") == 0
    assert sample(after, "labelwatch_outbox_oldest_pending_age_seconds") == 0
    assert sample(after, "labelwatch_polls_total", source=source) > sample(
        before, "labelwatch_polls_total", source=source)
    assert sample(after, "labelwatch_healthy") == 1
    assert hook.token not in service.output()


async def test_healthz_turns_503_when_every_poll_fails_past_the_window(tmp_path: Path) -> None:
    async with FeedDouble() as feeds, aiohttp.ClientSession() as http:
        feeds.feed("news").add("Appen trims its rater pool", guid="a1")
        cfg = write_config(
            tmp_path / "config.toml", {"builtin_sources": False},
            {"database": {"url": f"sqlite+aiosqlite:///{tmp_path / 'lw.db'}"},
             "feeds": {"poll_seconds": 1, "timeout_seconds": 2.0, "allow_private": True},
             "metrics": {"listen": "127.0.0.1:0", "healthy_within_seconds": 2}},
            {"sources": [{"kind": "feed", "target": feeds.url_for("news"),
                          "platform": "appen"}]},
        )
        service = await Service(cfg, {}, tmp_path / "run.log").start("run")
        try:
            base = await base_url(service)

            async def status_is(wanted: int) -> bool:
                return (await get(http, f"{base}/healthz"))[0] == wanted

            await _until(lambda: status_is(200), "/healthz 200 after a good poll")
            await service.wait_for_output("stored 1 new posts")
            feeds.fail_next("news", Fault("status", status=503), count=1000)
            await _until(lambda: status_is(503), "/healthz 503", within=30)
            status, body = await get(http, f"{base}/healthz")
            assert status == 503
            assert "every poll has failed for" in body and "(window 2s)" in body
            text = (await get(http, f"{base}/metrics"))[1]
            assert sample(text, "labelwatch_healthy") == 0
            assert sample(text, "labelwatch_poll_failures_total",
                          source=f"feed appen: {feeds.url_for('news')}") >= 1
        finally:
            assert await service.stop() == 0


async def _until(
    check: Callable[[], Awaitable[bool]], what: str, within: float = 30.0
) -> None:
    """Re-ask an async condition until it holds (a deadline, never a fixed sleep)."""
    deadline = time.monotonic() + within
    while True:
        if await check():
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {within}s waiting for {what}")
        await asyncio.sleep(0.1)


async def test_a_taken_port_stops_start_up_with_one_line(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        cfg = write_config(
            tmp_path / "config.toml", {"builtin_sources": False},
            {"database": {"url": f"sqlite+aiosqlite:///{tmp_path / 'lw.db'}"},
             "metrics": {"listen": f"127.0.0.1:{port}"}},
        )
        service = await Service(cfg, {}, tmp_path / "run.log").start("run")
        assert await service.wait(within=30) == 2
    out = service.output()
    assert f"labelwatch: configuration error: metrics.listen: cannot listen on 127.0.0.1:{port}" \
        in out, out
    assert "Traceback" not in out
