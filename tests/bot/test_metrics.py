"""Health and metrics in-process: real polls through the doubles, a clock the test moves."""

from __future__ import annotations

import math
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import aiohttp
import pytest
from prometheus_client import CollectorRegistry
from prometheus_client.parser import text_string_to_metric_families

from bot.app import Services, build_services
from bot.config import FeedSettings, SourceSettings, parse_settings
from bot.metrics import Health, Metrics, build_metrics
from bot.ops_server import start_ops_server
from tests.doubles.feeds import Fault, FeedDouble

WINDOW = 60.0


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def sample(text: str, name: str, **labels: str) -> float:
    """The value of one sample in an exposition, 0 when the series does not exist yet."""
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            if s.name == name and all(s.labels.get(k) == v for k, v in labels.items()):
                return float(s.value)
    return 0.0


def test_health_follows_the_last_successful_poll() -> None:
    clock = Clock()
    health = Health(WINDOW, clock=clock)
    assert health.check() == (False, "not running: starting up or shutting down")
    health.running = True
    assert health.check()[0]  # a new service has one window to make its first poll
    clock.now += WINDOW + 1
    healthy, why = health.check()
    assert not healthy and "no poll has succeeded in the 61s since start" in why
    health.poll_succeeded()
    assert health.check() == (True, "last successful poll 0s ago")
    clock.now += WINDOW
    assert health.check()[0]
    clock.now += 1
    assert health.check() == (False, "every poll has failed for 61s (window 60s); "
                                     "see `labelwatch sources`")


def test_a_standby_instance_is_healthy_and_gets_a_fresh_window_when_it_polls() -> None:
    from bot.metrics import Health

    now = [0.0]
    health = Health(60, clock=lambda: now[0])
    health.running = True
    health.set_polling(False)
    now[0] = 500.0
    ok, why = health.check()
    assert ok and why.startswith("standby")
    health.set_polling(True)
    now[0] = 550.0
    assert health.check()[0]
    now[0] = 561.0
    assert not health.check()[0]


def test_each_service_has_its_own_registry() -> None:
    first, second = build_metrics(WINDOW), build_metrics(WINDOW)
    assert first.registry is not second.registry
    first.alerts_sent.labels("webhook").inc()
    assert second.registry.get_sample_value("labelwatch_alerts_sent_total",
                                            {"sink": "webhook"}) is None


@pytest.fixture
async def feeds() -> AsyncIterator[FeedDouble]:
    async with FeedDouble() as double:
        yield double


@pytest.fixture
async def services(tmp_path: Path, feeds: FeedDouble) -> AsyncIterator[Services]:
    base = parse_settings({"builtin_sources": False}, env={})
    settings = replace(
        base,
        database=replace(base.database, url=f"sqlite+aiosqlite:///{tmp_path / 'lw.db'}"),
        feeds=FeedSettings(timeout_seconds=1.0, allow_private=True),
        sources=(SourceSettings("feed", feeds.url_for("news"), "appen"),),
    )
    async with build_services(settings) as built:
        yield built


async def test_healthz_turns_503_once_every_poll_failed_for_longer_than_the_window(
    services: Services, feeds: FeedDouble
) -> None:
    clock = Clock()
    metrics = Metrics(CollectorRegistry(), Health(WINDOW, clock=clock))
    services.poller.on_outcome = metrics.observe_poll
    metrics.health.running = True
    feeds.feed("news").add("Appen trims its rater pool", guid="a1")
    [job] = services.poller.plan.feeds
    runner = await start_ops_server(metrics, services.sessions, "127.0.0.1", 0)
    base = "http://{}:{}".format(*runner.addresses[0][:2])
    try:
        async with aiohttp.ClientSession() as http:

            async def healthz() -> tuple[int, str]:
                async with http.get(f"{base}/healthz") as resp:
                    return resp.status, await resp.text()

            assert (await services.poller.poll(job, force=True)).error is None
            assert await healthz() == (200, "ok: last successful poll 0s ago\n")
            feeds.fail_next("news", Fault("status", status=503), count=5)
            clock.now += 30
            assert (await services.poller.poll(job, force=True)).error == "HTTP 503"
            assert (await healthz())[0] == 200  # failing, but not yet for a whole window
            clock.now += 31
            assert (await services.poller.poll(job, force=True)).error == "HTTP 503"
            status, body = await healthz()
            assert status == 503
            assert body == ("unhealthy: every poll has failed for 61s (window 60s); "
                            "see `labelwatch sources`\n")
            async with http.get(f"{base}/metrics") as resp:
                assert resp.status == 200
                assert resp.headers["Content-Type"].startswith("text/plain; version=")
                text = await resp.text()
    finally:
        await runner.cleanup()
    assert sample(text, "labelwatch_polls_total", source=job.name) == 3
    assert sample(text, "labelwatch_poll_failures_total", source=job.name) == 2
    assert sample(text, "labelwatch_posts_stored_total", kind="feed") == 1
    assert sample(text, "labelwatch_healthy") == 0
    assert sample(text, "labelwatch_database_up") == 1
    assert sample(text, "labelwatch_outbox_pending") == 0
    assert sample(text, "labelwatch_events", status="confirmed") == 0
    assert math.isnan(sample(text, "labelwatch_discord_gateway_latency_seconds"))
