"""Many feeds and one huge one: polls per second, peak memory, health, and stopping.

The real service runs as a separate process (``python -m bot run``) on 260
ordinary ten-item feeds plus one 20,000-item feed of about 4.9 MB (under the
5 MB cap), all served by the feed double in this process on 127.0.0.1. After
``--seconds`` it gets SIGTERM. Prints the polls answered per second, the peak
memory of the service and of its parser process, how many healthy feeds ever
failed or were marked failing, how many of the big feed's items were stored,
and how long the service took to exit after SIGTERM.

Usage: python benchmarks/bench_big_feed.py [--backend sqlite|postgresql] [--seconds 120]
PostgreSQL uses ``LABELWATCH_TEST_POSTGRES_URL`` and a database of its own.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import text
from sqlalchemy.engine import make_url

from storage.engine import create_engine
from tests.doubles.feeds import FeedDouble
from tests.support.big_feeds import BIG, populate
from tests.support.service import Service, write_config


def _kib(pid: int, field: str = "VmHWM") -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in
                Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


@asynccontextmanager
async def database(backend: str, tmp: Path) -> AsyncIterator[str]:
    os.makedirs(tmp, exist_ok=True)
    if backend == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp / 'lw.db'}"
        return
    base = os.environ.get("LABELWATCH_TEST_POSTGRES_URL")
    if not base:
        raise SystemExit("set LABELWATCH_TEST_POSTGRES_URL for --backend postgresql")
    name = f"lw_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        async with admin.connect() as conn:
            await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await admin.dispose()


async def health(url: str, big_url: str) -> tuple[int, int, int, int]:
    """(healthy feeds that ever failed now, marked failing, big feed items stored, posts)."""
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            rows = (await conn.execute(text(
                "SELECT key, failures, failing FROM source_state"))).all()
            big = (await conn.execute(text("SELECT count(*) FROM posts WHERE feed = :f"),
                                      {"f": big_url})).scalar_one()
            posts = (await conn.execute(text("SELECT count(*) FROM posts"))).scalar_one()
    finally:
        await engine.dispose()
    ordinary = [r for r in rows if r[0] != f"feed:{big_url}"]
    return (sum(1 for r in ordinary if r[1]), sum(1 for r in ordinary if r[2]), big, posts)


def _config(tmp: Path, url: str, urls: list[str], poll_seconds: int) -> Path:
    return write_config(tmp / "config.toml", {"builtin_sources": False}, {
        "database": {"url": url},
        "feeds": {"poll_seconds": poll_seconds, "timeout_seconds": 5.0,
                  "allow_private": True},
        "alerts": {"console": False},
    }, {"sources": [{"kind": "feed", "target": u} for u in urls]})


async def _stop(service: Service) -> tuple[float, int]:
    assert service.proc is not None
    started = time.monotonic()
    service.proc.send_signal(signal.SIGTERM)
    code = await asyncio.wait_for(service.proc.wait(), 300)
    return time.monotonic() - started, code


async def throughput(args: argparse.Namespace, feeds: FeedDouble, urls: list[str],
                     tmp: Path) -> None:
    """Run for ``--seconds``: polls answered, peak memory, healthy feeds' failures."""
    big_url = feeds.url_for(BIG)
    async with database(args.backend, tmp) as url:
        cfg = _config(tmp, url, urls, args.poll_seconds)
        service = await Service(cfg, {}, tmp / "run.log").start("run")
        assert service.proc is not None
        pid = service.proc.pid
        peak_main = peak_parser = 0
        before = feeds.count("feed")
        started = time.monotonic()
        while time.monotonic() - started < args.seconds:
            await asyncio.sleep(0.5)
            if not service.running:
                raise SystemExit("the service exited:\n" + service.output()[-3000:])
            peak_main = max(peak_main, _kib(pid))
            for child in _children(pid):
                peak_parser = max(peak_parser, _kib(child))
        elapsed = time.monotonic() - started
        polls = feeds.count("feed") - before
        stop_seconds, code = await _stop(service)
        failed, failing, big_stored, posts = await health(url, big_url)
        log = service.output()
    failures = [line for line in log.splitlines()
                if ("failed (" in line or "poll failed" in line) and "/feeds/ordinary-" in line]
    print(f"polls answered        {polls} in {elapsed:.0f}s ({polls / elapsed:.1f} per second)")
    print(f"peak memory           service {peak_main / 1024:.0f} MB, "
          f"parser {peak_parser / 1024:.0f} MB")
    print(f"healthy feeds         {len(failures)} failed polls; {failed} of {args.feeds} "
          f"failing at the end, {failing} marked failing")
    print(f"big feed              {big_stored} of {args.items} items stored "
          f"({posts} posts in all)")
    print(f"SIGTERM when idle     exited in {stop_seconds:.1f}s (exit code {code})")


async def stop_during_work(args: argparse.Namespace, feeds: FeedDouble, urls: list[str],
                           tmp: Path) -> None:
    """SIGTERM while the big feed's first poll is being stored; then start again."""
    big_url = feeds.url_for(BIG)
    async with database(args.backend, tmp) as url:
        cfg = _config(tmp, url, urls, args.poll_seconds)
        service = await Service(cfg, {}, tmp / "stop.log").start("run")
        requested = feeds.count("feed", path=f"/feeds/{BIG}")
        deadline = time.monotonic() + 120
        while feeds.count("feed", path=f"/feeds/{BIG}") == requested:
            if time.monotonic() > deadline or not service.running:
                raise SystemExit("the big feed was never polled:\n" + service.output()[-3000:])
            await asyncio.sleep(0.1)
        # Mid-work: its first items are stored, most are still to come.
        while (await health(url, big_url))[2] == 0:
            if time.monotonic() > deadline or not service.running:
                raise SystemExit("the big feed was never stored:\n" + service.output()[-3000:])
            await asyncio.sleep(0.2)
        await asyncio.sleep(args.term_after)
        stop_seconds, code = await _stop(service)
        _, _, at_stop, _ = await health(url, big_url)
        again = await Service(cfg, {}, tmp / "again.log").start("run")
        deadline = time.monotonic() + 180
        stored = at_stop
        while stored < args.items and time.monotonic() < deadline:
            await asyncio.sleep(1)
            stored = (await health(url, big_url))[2]
        await _stop(again)
    print(f"SIGTERM during work   exited in {stop_seconds:.1f}s (exit code {code}) while "
          f"the big feed was being stored; {at_stop} of its items were stored by then")
    print(f"after a restart       {stored} of {args.items} stored, each once")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--feeds", type=int, default=260)
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument("--poll-seconds", type=int, default=30)
    parser.add_argument("--term-after", type=float, default=0.5,
                        help="seconds after the big feed's first items are stored to send "
                             "SIGTERM")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(tmp_dir)
        async with FeedDouble() as feeds:
            urls = populate(feeds, args.feeds, args.items)
            size = len(feeds.feed(BIG).body(feeds.url))
            print(f"backend {args.backend}: {args.feeds} feeds + one {args.items}-item feed "
                  f"({size / 1e6:.1f} MB, no validators), polled every {args.poll_seconds}s")
            await throughput(args, feeds, urls, tmp / "throughput")
            await stop_during_work(args, feeds, urls, tmp / "stop")


if __name__ == "__main__":
    asyncio.run(main())
