"""Listing requests per poll cycle for 30 subreddits, against the Reddit double.

Run from the repository root: ``python -m benchmarks.bench_poll_requests``.
Each cycle injects some new posts spread over the 30 subreddits, then polls
every batch once through praw (RedditSource) and once through the public
Atom feed (RedditAtomSource), and prints how many requests that took and
whether every new post came back.
"""

from __future__ import annotations

import argparse
import asyncio
import time

import aiohttp

from bot.config import FeedSettings
from bot.records import SourceState
from bot.sources.feeds import FeedFetcher
from bot.sources.reddit import RedditAtomSource, RedditSource, batch_key, batch_subreddits
from tests.doubles.reddit import RedditDouble

SUBREDDITS = [f"annotation{i:02d}" for i in range(30)]
DEFAULT_BURSTS = (40, 0, 12, 250, 3, 120)


async def run(bursts: tuple[int, ...], batch_size: int) -> None:
    policy = FeedSettings(timeout_seconds=5)
    async with RedditDouble() as double, aiohttp.ClientSession() as http:
        settings = double.reddit_settings(batch_size=batch_size)
        api = RedditSource(settings, policy=policy)
        atom = RedditAtomSource(FeedFetcher(http, policy, settings.user_agent), settings)
        batches = batch_subreddits(SUBREDDITS, settings.batch_size)
        api_states = {batch_key(b): SourceState(batch_key(b)) for b in batches}
        atom_states = dict(api_states)
        print(f"{len(SUBREDDITS)} subreddits in {len(batches)} batches of <= {batch_size}")
        print("cycle  new  api_req  api_got  atom_req  atom_got  api_ms")
        try:
            for cycle, burst in enumerate(bursts, 1):
                fresh = set(double.add_posts(burst, SUBREDDITS)) if burst else set()
                api_got: set[str] = set()
                atom_got: set[str] = set()
                api_req = atom_req = 0
                started = time.perf_counter()
                for batch in batches:
                    key = batch_key(batch)
                    result = await api.fetch_batch(batch, api_states[key])
                    assert result.state is not None and not result.state.failures
                    api_states[key] = result.state
                    api_req += result.requests
                    api_got |= {p.external_id for p in result.posts}
                elapsed = (time.perf_counter() - started) * 1000
                for batch in batches:
                    key = batch_key(batch)
                    result = await atom.fetch_batch(batch, atom_states[key])
                    assert result.state is not None and not result.state.failures
                    atom_states[key] = result.state
                    atom_req += result.requests
                    atom_got |= {p.external_id for p in result.posts}
                print(f"{cycle:5d} {burst:4d} {api_req:8d} {len(api_got):8d} "
                      f"{atom_req:9d} {len(atom_got):9d} {elapsed:7.1f}"
                      + ("" if api_got == fresh else "  API MISSED POSTS"))
            print(f"listing requests seen by the double: {double.listing_requests}, "
                  f"token requests: {double.count('token')}")
        finally:
            await api.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch-size", type=int, default=25)
    parser.add_argument("--bursts", type=int, nargs="*", default=list(DEFAULT_BURSTS),
                        help="new posts injected before each cycle")
    args = parser.parse_args()
    asyncio.run(run(tuple(args.bursts), args.batch_size))


if __name__ == "__main__":
    main()
