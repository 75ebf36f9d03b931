"""Spike detection on a synthetic year: precision and recall against planted spike days.

Twenty communities, each with its own rate of individual reports (0.2 to 8
a day), a weekend lull, day-to-day swings wider than Poisson (a gamma-mixed
rate), one-off bursts of three or four reports, and a few communities that
start mid-year (a new subreddit). Into each, spike days are planted: a
mass offboarding of three to eight times the usual rate, at least ten
reports. Every day of every community is then judged as the live service
judges it (``bot.spikes.baseline``: same window, history and floors) and
the days it calls spikes are compared with the planted ones.

    python benchmarks/bench_spikes.py [--seed N] [--communities N] [--days N]
    python benchmarks/bench_spikes.py --storage [--database URL]

``--storage`` replays the same year through the database and the service's
own ``SpikeWatcher`` (each day's reports stored, then checked, as the
pipeline does), on a temporary SQLite file unless ``--database`` names one,
and compares the recorded spikes with the planted days as well.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.platforms import PlatformRegistry
from bot.records import PostRecord
from bot.spikes.baseline import SpikeSettings, daily_history, judge
from bot.spikes.watch import NewReport, SpikeWatcher
from storage.engine import create_engine, session_factory, upgrade
from storage.queries.posts import insert_posts
from storage.queries.spikes import spikes_between

START = datetime(2025, 1, 6, tzinfo=UTC)


@dataclass
class Community:
    rate: float
    start: int
    counts: dict[int, int]
    planted: set[int]


def _poisson(rng: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    if lam > 50:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def make_year(rng: random.Random, communities: int, days: int, settings: SpikeSettings
              ) -> list[Community]:
    out = []
    for i in range(communities):
        rate = math.exp(rng.uniform(math.log(0.2), math.log(8.0)))
        start = 0 if i % 4 else rng.randint(30, days // 2)  # every fourth one is new mid-year
        counts: dict[int, int] = {}
        planted: set[int] = set()
        first_judged = start + settings.min_history_days + settings.window_days // 2
        candidates = list(range(first_judged, days))
        for day in rng.sample(candidates, k=min(3, len(candidates))):
            planted.add(day)
        for day in range(start, days):
            weekday = day % 7 not in (5, 6)
            lam = rate * (1.0 if weekday else 0.4) * rng.gammavariate(5.0, 1 / 5.0)
            n = _poisson(rng, lam)
            if rng.random() < 0.05:
                n += rng.randint(3, 4)  # a one-off burst
            if day in planted:
                n = max(10, round(rate * rng.uniform(3.0, 8.0)))
            if n:
                counts[day] = n
        out.append(Community(rate, start, counts, planted))
    return out


def run(seed: int, communities: int, days: int) -> None:
    settings = SpikeSettings()
    rng = random.Random(seed)
    year = make_year(rng, communities, days, settings)
    began = time.perf_counter()
    tp = fp = fn = judged = 0
    missed: list[str] = []
    false: list[str] = []
    for index, c in enumerate(year):
        for day in range(c.start, days):
            history = daily_history(c.counts, day, c.start, settings.window_days)
            if len(history) < settings.min_history_days:
                continue
            judged += 1
            hit = judge(c.counts.get(day, 0), history, settings).spike
            if hit and day in c.planted:
                tp += 1
            elif hit:
                fp += 1
                false.append(f"c{index} day {day}: {c.counts.get(day, 0)} at rate {c.rate:.1f}")
            elif day in c.planted:
                fn += 1
                missed.append(f"c{index} day {day}: {c.counts.get(day, 0)} at rate "
                              f"{c.rate:.1f}")
    elapsed = time.perf_counter() - began
    planted = sum(len(c.planted) for c in year)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print(f"communities {communities}, days {days}, community-days judged {judged}, "
          f"planted spikes {planted}")
    print(f"detected {tp + fp}: true {tp}, false {fp}; missed {fn}")
    print(f"precision {precision:.3f}  recall {recall:.3f}  "
          f"({elapsed * 1000:.0f} ms, {elapsed / max(judged, 1) * 1e6:.1f} us a judgement)")
    for line in false[:5]:
        print("  false alarm:", line)
    for line in missed[:5]:
        print("  missed:", line)


async def through_storage(seed: int, communities: int, days: int, url: str | None) -> None:
    """The same year, stored a day at a time and checked by the service's watcher."""
    settings = SpikeSettings()
    year = make_year(random.Random(seed), communities, days, settings)
    registry = PlatformRegistry()
    platforms = [p.id for p in registry][:communities]
    with tempfile.TemporaryDirectory() as tmp:
        engine = create_engine(url or f"sqlite+aiosqlite:///{Path(tmp) / 'spikes.db'}")
        await upgrade(engine)
        sessions = session_factory(engine)
        watcher = SpikeWatcher(registry, settings)
        began, n = time.perf_counter(), 0
        for day in range(days):
            at = START + timedelta(days=day, hours=8)
            records: list[PostRecord] = []
            for i, c in enumerate(year):
                if day == c.start:  # a community's first post: its history starts here
                    records.append(PostRecord("reddit", f"t3_c{i}d{day}", "hello",
                                              subreddit=f"bench{i}", created_utc=at))
                for k in range(c.counts.get(day, 0)):
                    records.append(PostRecord(
                        "reddit", f"t3_c{i}d{day}k{k}", "I got removed from the project",
                        author=f"w{i}_{day}_{k}", subreddit=f"bench{i}",
                        platform_hint=platforms[i % len(platforms)],
                        created_utc=at + timedelta(minutes=k)))
            async with sessions.begin() as session:
                stored = await insert_posts(session, records, lambda r: {
                    "report_kind": "removed" if r.title.startswith("I got") else None,
                    "platforms": [r.platform_hint] if r.platform_hint else []})
                await watcher.check(session, [NewReport(p.id, p.record, "removed")
                                              for p in stored if p.record.author], at)
            n += len(records)
        elapsed = time.perf_counter() - began
        async with sessions() as session:
            found = await spikes_between(session, "0000-01-01", "9999-12-31")
        await engine.dispose()
    planted = {(f"r/bench{i}", (START + timedelta(days=d)).date().isoformat())
               for i, c in enumerate(year) for d in c.planted}
    got = {(s.community, s.day) for s in found}
    tp = len(planted & got)
    precision = tp / len(got) if got else 1.0
    recall = tp / len(planted) if planted else 1.0
    print(f"through storage: {n:,} posts over {days} days, {len(got)} spikes recorded, "
          f"{tp} planted; precision {precision:.3f}  recall {recall:.3f}  "
          f"({elapsed:.1f} s, {elapsed / days * 1000:.0f} ms a day)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--communities", type=int, default=20)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--storage", action="store_true")
    parser.add_argument("--database", metavar="URL")
    args = parser.parse_args()
    run(args.seed, args.communities, args.days)
    if args.storage:
        asyncio.run(through_storage(args.seed, args.communities, args.days, args.database))


if __name__ == "__main__":
    main()
