"""260 ordinary feeds and one 20,000-item feed: the others stay healthy, SIGTERM is quick.

Before, on SQLite, the big feed held the database for its whole poll: other
feeds failed with pool timeouts and "database is locked", and SIGTERM during
that work never ended the process.
"""

from __future__ import annotations

import signal
import time
from pathlib import Path

from tests.doubles.feeds import FeedDouble
from tests.support.big_feeds import BIG, populate
from tests.support.service import Service, sqlite_rows, wait_until, write_config

ORDINARY = 260
ITEMS = 20_000


def big_stored(db: Path, url: str) -> int:
    rows = sqlite_rows(db, "SELECT count(*) FROM posts WHERE feed = ?", url)
    return int(rows[0][0]) if rows else 0


def ordinary_polled(db: Path, big_url: str) -> int:
    rows = sqlite_rows(db, "SELECT count(*) FROM source_state WHERE key != ?",
                       f"feed:{big_url}")
    return int(rows[0][0]) if rows else 0


async def test_a_huge_feed_starves_no_other_and_sigterm_ends_the_run(tmp_path: Path) -> None:
    async with FeedDouble() as feeds:
        urls = populate(feeds, ORDINARY, ITEMS)
        big_url = feeds.url_for(BIG)
        db = tmp_path / "lw.db"
        config = write_config(tmp_path / "config.toml", {"builtin_sources": False}, {
            "database": {"url": f"sqlite+aiosqlite:///{db}"},
            "feeds": {"poll_seconds": 30, "timeout_seconds": 5.0, "allow_private": True},
            "alerts": {"console": False},
        }, {"sources": [{"kind": "feed", "target": u} for u in urls]})
        service = await Service(config, {}, tmp_path / "run.log").start("run")
        try:
            # Wait for the ordinary feeds' first polls and for the big feed to be
            # under way (its first items stored), then stop mid-work.
            await wait_until(lambda: ordinary_polled(db, big_url) >= ORDINARY * 0.9,
                             within=180, what="the ordinary feeds' first polls")
            await wait_until(lambda: big_stored(db, big_url) > 0, within=180,
                             what="the big feed's first items stored")
            stopped_at = time.monotonic()
            code = await service.stop(signal.SIGTERM, within=30)
            took = time.monotonic() - stopped_at
        finally:
            if service.running:
                await service.kill()
        at_stop = big_stored(db, big_url)
        log = service.output()
        states = sqlite_rows(db, "SELECT key, failures, last_error FROM source_state")

        # Started again, it stores the rest, each item once.
        again = await Service(config, {}, tmp_path / "again.log").start("run")
        try:
            await wait_until(lambda: big_stored(db, big_url) == ITEMS, within=180,
                             what="every item of the big feed stored")
        finally:
            await again.stop(signal.SIGTERM, within=30)
    assert code == 0 and took < 10, (code, took)
    assert "stopping" in log and "Traceback" not in log
    ordinary = [s for s in states if s[0] != f"feed:{big_url}"]
    assert len(ordinary) >= ORDINARY * 0.9
    assert [s for s in ordinary if s[1]] == []
    assert not [line for line in log.splitlines()
                if "/feeds/ordinary-" in line and ("failed" in line or "ERROR" in line)]
    assert at_stop > 0
    ids = sqlite_rows(db, "SELECT count(*), count(DISTINCT external_id) FROM posts "
                          "WHERE feed = ?", big_url)
    assert ids == [(ITEMS, ITEMS)]
