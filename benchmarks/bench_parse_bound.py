"""A 4.8 MB deeply nested feed: what one poll costs, bounded and not, and the next poll.

The feed double serves the document (under the 5 MB cap). Parsed in a thread
as before, feedparser works through it for most of a minute and takes
hundreds of megabytes; the child-process parser stops it at its time or
memory bound, and the next poll of the same document only downloads it.
Prints seconds and peak memory for each.

Usage: python benchmarks/bench_parse_bound.py [--size BYTES] [--skip-unbounded]
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import aiohttp

from bot.config import FeedSettings
from bot.records import SourceState
from bot.sources.feeds import FeedFetcher
from bot.sources.parsing import ProcessParser, ThreadParser
from tests.doubles.feeds import Fault, FeedDouble


def nested(size: int) -> bytes:
    head = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>n</title>'
            b"<item><title>x</title><description>")
    return head + b"<a>" * ((size - len(head)) // 3)


def _hwm_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


async def bounded(fetcher: FeedFetcher, parser: ProcessParser, url: str) -> None:
    peak = 0

    async def watch() -> None:
        nonlocal peak
        while True:
            for worker in [*parser._idle, *parser._busy]:
                peak = max(peak, _hwm_kib(worker.proc.pid))
            await asyncio.sleep(0.05)

    watcher = asyncio.create_task(watch())
    started = time.monotonic()
    first = await fetcher.fetch(url, SourceState("feed:deep"))
    took = time.monotonic() - started
    assert first.state is not None
    started = time.monotonic()
    second = await fetcher.fetch(url, first.state)
    again = time.monotonic() - started
    watcher.cancel()
    assert second.state is not None
    print(f"bounded, first poll   {took:5.1f}s, parser peak {peak / 1024:.0f} MB: "
          f"{first.state.last_error}")
    print(f"bounded, next poll    {again:5.1f}s (same document: not parsed again): "
          f"{second.state.last_error}")


async def main() -> None:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--size", type=int, default=4_800_000)
    options.add_argument("--skip-unbounded", action="store_true")
    args = options.parse_args()
    body = nested(args.size)
    policy = FeedSettings(timeout_seconds=20.0)
    async with FeedDouble() as feeds, aiohttp.ClientSession() as http:
        feeds.feed("deep")
        feeds.fail_next("deep", Fault("body", body=body), count=4)
        url = feeds.url_for("deep")
        print(f"document: {len(body) / 1e6:.1f} MB of nested elements")
        parser = ProcessParser()
        try:
            await bounded(FeedFetcher(http, policy, "bench", parser=parser), parser, url)
        finally:
            await parser.close()
        if args.skip_unbounded:
            return
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        fetcher = FeedFetcher(http, policy, "bench", parser=ThreadParser())
        started = time.monotonic()
        result = await fetcher.fetch(url, SourceState("feed:deep"))
        took = time.monotonic() - started
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        assert result.state is not None
        print(f"unbounded (a thread)  {took:5.1f}s, peak grew {(after - before) / 1024:.0f} MB "
              f"to {after / 1024:.0f} MB: {result.state.last_error or 'parsed'}")


if __name__ == "__main__":
    asyncio.run(main())
