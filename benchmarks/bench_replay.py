"""Replay throughput with 10,000 and 200,000 posts already stored, SQLite and PostgreSQL.

Posts are generated from the scorer's test sets with variations (as in
``bench_scorer.py``: mostly everyday chatter, some event reports), spread
over time at a busy watch's pace (about 300 posts a day) with a few
thousand authors. A database is first loaded with N posts through replay;
then the next 20,000 posts (``--measure``; long enough that a replay's first page,
scored before anything can be stored, and its last, stored after scoring is done, weigh
little) are replayed into it and timed: reading the lines,
scoring (in processes of their own, ``scoring.processes`` or
``--scoring-processes``, overlapped with storing the page before),
storing, grouping, deciding alerts. Start-up (forking the scoring processes,
building their scorers, opening the database) is timed by replaying one post,
and the throughput is printed with it and after it. The scoring processes are
forked from this one, which has read the cue table by then (the loading replay
did), so they build their scorers faster than a fresh ``labelwatch replay``'s do.
On a shared machine wall-clock time also counts other programs, so CPU time is printed beside
it: of the main process (all its threads; on PostgreSQL the server's own
work is not in it) and of the scoring processes together. Scoring alone is timed on
the same posts in one process.
The time grouping takes (reading candidate events, placing, writing) is
printed on its own: if placing a post grew with history, it would be well
above at 200,000 what it is at 10,000. So is the number of statements sent
to the database per page of posts.

Usage: python benchmarks/bench_replay.py [--stored 10000,200000] [--measure 20000]
[--backend sqlite|postgresql|both]   (PostgreSQL needs LABELWATCH_TEST_POSTGRES_URL)
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import os
import random
import resource
import sys
import tempfile
import time
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, event
from sqlalchemy.ext.asyncio import AsyncSession

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_scorer import generate  # noqa: E402
from bot.config import ScoringSettings, Settings  # noqa: E402
from bot.events.features import Incoming  # noqa: E402
from bot.events.grouping import Grouped, Grouper  # noqa: E402
from bot.events.replay import PAGE, page_bounds, replay_text  # noqa: E402
from bot.platforms import PlatformRegistry  # noqa: E402
from bot.scoring import Scorer  # noqa: E402
from bot.scoring.cli import read_jsonl_post  # noqa: E402
from storage.engine import create_engine  # noqa: E402

POSTS_PER_DAY = 300
START = datetime(2024, 1, 1, tzinfo=UTC)


def lines(count: int, offset: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for i, row in enumerate(generate(count, seed=seed)):
        n = offset + i
        at = START + timedelta(days=n / POSTS_PER_DAY, seconds=rng.randrange(60))
        row = {**row, "id": f"b{n}", "created_utc": at.isoformat().replace("+00:00", "Z"),
               "author": f"user{rng.randrange(4000)}"}
        if row.get("source") == "feed":
            row["url"] = f"https://news.example/{n}"
        row.pop("labels", None)
        out.append(json.dumps(row))
    return out


class TimedGrouper(Grouper):
    """The real grouper, timing each page it places (reads and writes included)."""

    def __init__(self) -> None:
        super().__init__(PlatformRegistry())
        self.seconds = 0.0
        self.signals = 0

    async def place(self, session: AsyncSession, items: Sequence[Incoming],
                    now: datetime) -> Grouped:
        started = time.perf_counter()
        try:
            return await super().place(session, items, now)
        finally:
            self.seconds += time.perf_counter() - started
            self.signals += sum(i.verdict.is_signal for i in items)


class Statements:
    """Counts the statements sent to any database while it is on (executemany pages included)."""

    def __init__(self) -> None:
        self.count = 0
        self.on = False
        event.listen(Engine, "before_cursor_execute", self._seen)

    def _seen(self, *_: object) -> None:
        if self.on:
            self.count += 1


STATEMENTS = Statements()


async def _replay(url: str, text: list[str], settings: Settings,
                  grouper: Grouper | None = None) -> tuple[float, float, float]:
    """Wall-clock seconds of one replay, and CPU seconds of this process and of its children.

    Scoring runs in forked children, whose CPU time is counted once they have ended.
    """
    started, cpu = time.perf_counter(), time.process_time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    await replay_text(text, settings, url, io.StringIO(), sys.stderr, grouper)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    child_cpu = (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime)
    return time.perf_counter() - started, time.process_time() - cpu, child_cpu


def _scoring_seconds(text: list[str]) -> float:
    """CPU seconds the scorer alone takes on these posts."""
    scorer = Scorer()
    posts = [read_jsonl_post(json.loads(line)) for line in text]
    started = time.process_time()
    for post in posts:
        scorer.score(post)
    return time.process_time() - started


async def _postgres_database() -> tuple[str, str] | None:
    base = os.environ.get("LABELWATCH_TEST_POSTGRES_URL")
    if not base:
        return None
    from sqlalchemy import text

    name = f"lw_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.execute(text(f'CREATE DATABASE "{name}"'))
    await admin.dispose()
    return base.rsplit("/", 1)[0] + f"/{name}", name


async def _drop_postgres(name: str) -> None:
    from sqlalchemy import text

    admin = create_engine(os.environ["LABELWATCH_TEST_POSTGRES_URL"],
                          isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    await admin.dispose()


async def run(backend: str, stored: int, measure: int, processes: int | None) -> None:
    history = lines(stored, 0, seed=11)
    one = lines(1, stored, seed=13)
    fresh = lines(measure, stored + 1, seed=12)
    settings = Settings() if processes is None else \
        Settings(scoring=ScoringSettings(processes=processes))
    with tempfile.TemporaryDirectory() as tmp:
        pg_name = None
        if backend == "sqlite":
            url = f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}"
        else:
            made = await _postgres_database()
            if made is None:
                print("postgresql: skipped (set LABELWATCH_TEST_POSTGRES_URL)")
                return
            url, pg_name = made
        try:
            load, _, _ = await _replay(url, history, settings)
            startup, _, startup_child = await _replay(url, one, settings)
            timed = TimedGrouper()
            STATEMENTS.count, STATEMENTS.on = 0, True
            seconds, cpu, child_cpu = await _replay(url, fresh, settings, timed)
            STATEMENTS.on = False
        finally:
            if pg_name is not None:
                await _drop_postgres(pg_name)
    scoring = _scoring_seconds(fresh)
    steady = max(seconds - startup, 1e-9)
    print(f"{backend:<10} {stored:>7,} stored (loaded at {stored / load:,.0f}/s): replayed "
          f"{measure:,} more in {seconds:.2f}s: {measure / seconds:,.0f} posts/s wall clock "
          f"with start-up, {measure / steady:,.0f} posts/s after it (start-up, replaying "
          f"one post: {startup:.2f}s)")
    main_rate = measure / cpu
    workers = settings.scoring.processes if measure > PAGE else 1
    # Replaying one post starts one scoring process; the measured replay starts them all.
    scoring_rate = measure / max(child_cpu - workers * startup_child, 1e-9)
    # The main process runs on one core, each scoring process on one; together on two.
    ceiling = min(main_rate, workers * scoring_rate, 2 / (1 / main_rate + 1 / scoring_rate))
    print(f"{'':<10} CPU: {main_rate:,.0f} posts/s in the main process (reading, storing, "
          f"grouping, deciding alerts), {scoring_rate:,.0f}/s in the {workers} scoring "
          f"process{'es' if workers > 1 else ''} together (after their start-up, "
          f"{startup_child:.2f}s of CPU each); scoring alone in one process "
          f"{measure / scoring:,.0f}/s; so on two free cores at most "
          f"{ceiling:,.0f} posts/s after start-up")
    pages = len(page_bounds(measure))
    print(f"{'':<10} statements: {STATEMENTS.count / pages:.1f} per page ({STATEMENTS.count} "
          f"for {pages} pages of at most {PAGE:,} posts, start-up included)")
    print(f"{'':<10} grouping (wall clock, its reads and writes included): "
          f"{timed.seconds * 1000 / max(timed.signals, 1):.2f} ms per signal post, "
          f"{measure / timed.seconds:,.0f} posts/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stored", default="10000,200000")
    parser.add_argument("--measure", type=int, default=20000)
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--scoring-processes", type=int, metavar="N",
                        help="scoring processes (default: the setting's, scoring.processes)")
    args = parser.parse_args()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{os.cpu_count()} CPU cores; load average before the run {load} "
          "(other programs share the cores: wall-clock figures count their time too)")
    backends = ("sqlite", "postgresql") if args.backend == "both" else (args.backend,)
    for backend in backends:
        for stored in (int(s) for s in args.stored.split(",")):
            asyncio.run(run(backend, stored, args.measure, args.scoring_processes))


if __name__ == "__main__":
    main()
