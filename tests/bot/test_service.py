"""``labelwatch run`` and ``poll --once`` as separate processes against the doubles."""

from __future__ import annotations

import signal
from pathlib import Path

from tests.doubles.feeds import FeedDouble
from tests.doubles.reddit import RedditDouble
from tests.support.service import Service, sqlite_rows, wait_until, write_config

SUBS = [f"watch{i}" for i in range(6)]


def config(tmp_path: Path, reddit: RedditDouble, feed_url: str | None = None) -> Path:
    sources = [{"kind": "reddit", "target": s} for s in SUBS]
    if feed_url:
        sources.append({"kind": "feed", "target": feed_url, "platform": "appen"})
    return write_config(
        tmp_path / "config.toml",
        {"builtin_sources": False},
        {
            "database": {"url": f"sqlite+aiosqlite:///{tmp_path / 'lw.db'}"},
            "reddit": {"api_url": reddit.url, "www_url": reddit.url, "poll_seconds": 1},
            "feeds": {"poll_seconds": 1, "timeout_seconds": 2.0, "allow_private": True},
        },
        {"sources": sources},
    )


def creds(reddit: RedditDouble) -> dict[str, str]:
    return {"REDDIT_CLIENT_ID": reddit.client_id, "REDDIT_CLIENT_SECRET": reddit.client_secret}


def stored(db: Path) -> list[str]:
    return [r[0] for r in sqlite_rows(db, "SELECT external_id FROM posts")]


async def test_killed_mid_stream_then_restarted_stores_each_post_once(tmp_path: Path) -> None:
    async with RedditDouble() as reddit:
        cfg = config(tmp_path, reddit)
        db = tmp_path / "lw.db"
        published = reddit.add_posts(50, SUBS)
        service = await Service(cfg, creds(reddit), tmp_path / "run.log").start("run")
        try:
            await wait_until(lambda: len(stored(db)) == 50, what="first 50 posts")
            published += reddit.add_posts(120, SUBS)
            seen = reddit.listing_requests
            await reddit.wait_for("listing", seen + 1, within=15)
            await service.kill()
            published += reddit.add_posts(30, SUBS)
            service = await Service(cfg, creds(reddit), tmp_path / "run.log").start("run")
            await wait_until(lambda: len(stored(db)) == 200, what="all 200 posts")
            assert await service.stop() == 0
        finally:
            if service.running:
                await service.kill()
    ids = stored(db)
    assert sorted(ids) == sorted(published)
    assert "stored" in service.output()


async def test_run_with_no_credentials_reads_public_feeds(tmp_path: Path) -> None:
    async with RedditDouble() as reddit, FeedDouble() as feeds:
        feeds.feed("news").add("Appen ends contracts", guid="n1")
        reddit.add_posts(4, SUBS)
        cfg = config(tmp_path, reddit, feeds.url_for("news"))
        service = await Service(cfg, {}, tmp_path / "run.log").start("run")
        try:
            await wait_until(lambda: len(stored(tmp_path / "lw.db")) == 5, what="5 posts")
        finally:
            assert await service.stop(signal.SIGINT) == 0
    out = service.output()
    assert "public Atom feeds" in out
    assert reddit.listing_requests == 0
    assert reddit.count("rss") >= 1


async def test_poll_once_prints_a_line_per_new_post(tmp_path: Path) -> None:
    async with RedditDouble() as reddit:
        names = reddit.add_posts(3, SUBS)
        cfg = config(tmp_path, reddit)
        service = await Service(cfg, creds(reddit), tmp_path / "poll.log").start("poll", "--once")
        assert await service.wait() == 0
    out = service.output()
    for name in names:
        assert name in out
    assert "3 new posts from 2 sources (0 failed)" in out or "3 new posts from 1 sources" in out


async def test_bad_config_stops_start_up_with_the_key(tmp_path: Path) -> None:
    cfg = tmp_path / "config.toml"
    cfg.write_text("[reddit]\npoll_seconds = 'often'\n", encoding="utf-8")
    service = await Service(cfg, {}, tmp_path / "bad.log").start("run")
    assert await service.wait() == 2
    assert "reddit.poll_seconds" in service.output()
    assert "Traceback" not in service.output()
