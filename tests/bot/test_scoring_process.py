"""Scoring in processes of their own gives the same decisions, in order, and survives them
ending."""

from __future__ import annotations

import asyncio
import os
import signal
from datetime import UTC, datetime

from bot.records import PostRecord
from bot.scoring import Scorer
from bot.scoring_process import NICENESS, PIECE, ScoringProcess

T = datetime(2025, 9, 1, 9, tzinfo=UTC)
POSTS = [
    PostRecord("reddit", "t3_1", "Outlier cut generalist rates from $25/hr to $16/hr today",
               "Everyone on the project got the email.", subreddit="outlier_ai", created_utc=T),
    PostRecord("feed", "f1", "Mercor lays off 500 contractors - Example News", "",
               feed="https://news.example/rss", created_utc=T),
    PostRecord("reddit", "t3_3", "how do I withdraw to paypal", "", subreddit="outlier_ai",
               created_utc=T),
]


async def test_decisions_are_the_scorers_own_in_order() -> None:
    scoring = ScoringProcess(Scorer)
    try:
        assert await scoring.score(POSTS) == [Scorer().score(p) for p in POSTS]
        assert await scoring.score([]) == []
    finally:
        scoring.close()
    assert not scoring.alive


async def test_a_stopped_process_falls_back_to_scoring_here() -> None:
    scoring = ScoringProcess(Scorer)
    try:
        first = await scoring.score(POSTS[:1])
        pid = scoring._process.pid
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        scoring._process.join(10)
        assert await scoring.score(POSTS) == [first[0], *[Scorer().score(p) for p in POSTS[1:]]]
        assert not scoring.alive
    finally:
        scoring.close()


async def test_closing_with_a_batch_in_flight_still_answers_it() -> None:
    scoring = ScoringProcess(Scorer)
    batch = POSTS * 100
    pending = asyncio.ensure_future(scoring.score(batch))
    await asyncio.sleep(0)  # one turn of the loop: the batch is sent, its answer awaited
    assert scoring._turn.locked()
    scoring.close()
    assert not scoring.alive
    scorer = Scorer()
    assert await pending == [scorer.score(p) for p in batch]


def _many(count: int) -> list[PostRecord]:
    """Posts whose decisions differ from one to the next, so any reordering shows."""
    kinds = [
        ("Outlier cut generalist rates from ${n}/hr to $16/hr today", "outlier_ai"),
        ("how do I withdraw to paypal (try {n})", "outlier_ai"),
        ("Mercor lays off {n} contractors", "mercor_ai"),
        ("DataAnnotation paused all projects for {n} days", "dataannotation"),
        ("qualification test {n} passed, when do tasks show up?", "dataannotation"),
    ]
    out = []
    for i in range(count):
        title, sub = kinds[i % len(kinds)]
        out.append(PostRecord("reddit", f"t3_m{i}", title.format(n=10 + i % 37), "",
                              subreddit=sub, created_utc=T))
    return out


async def test_more_children_start_only_up_to_the_number_asked() -> None:
    scoring = ScoringProcess(Scorer)
    try:
        scoring.widen(2)
        scoring.widen(2)
        assert len(scoring.processes) == 2
        batch = _many(2 * PIECE)
        scorer = Scorer()
        assert await scoring.score(batch) == [scorer.score(p) for p in batch]
    finally:
        scoring.close()
    scoring.widen(3)  # closed: starts none
    assert len(scoring.processes) == 2
    assert [p.exitcode for p in scoring.processes] == [0, 0]


async def test_two_processes_share_a_large_batch_and_keep_its_order() -> None:
    scoring = ScoringProcess(Scorer, processes=2)
    batch = _many(2 * PIECE + 137)
    scorer = Scorer()
    try:
        assert len({p.pid for p in scoring.processes}) == 2
        assert await scoring.score(batch) == [scorer.score(p) for p in batch]
        assert all(c.used for c in scoring._children)  # each child scored a piece of it
        assert await scoring.score(POSTS) == [scorer.score(p) for p in POSTS]
    finally:
        scoring.close()
    assert not scoring.alive
    assert [p.exitcode for p in scoring.processes] == [0, 0]  # both told to finish, both did


async def test_a_child_never_handed_a_batch_is_ended_on_close() -> None:
    scoring = ScoringProcess(Scorer, processes=2)
    try:
        scorer = Scorer()
        assert await scoring.score(POSTS) == [scorer.score(p) for p in POSTS]
    finally:
        scoring.close()
    assert [p.is_alive() for p in scoring.processes] == [False, False]
    assert scoring.processes[0].exitcode == 0


async def test_the_children_left_score_when_one_stops() -> None:
    scoring = ScoringProcess(Scorer, processes=2)
    batch = _many(4 * PIECE)
    scorer = Scorer()
    try:
        second = scoring.processes[1]
        assert second.pid is not None
        pending = asyncio.ensure_future(scoring.score(batch))
        await asyncio.sleep(0)
        os.kill(second.pid, signal.SIGKILL)  # while the batch is being shared out
        second.join(10)
        assert await pending == [scorer.score(p) for p in batch]
        assert scoring.alive
        assert scoring.processes[0].is_alive()
        again = batch[:2 * PIECE]
        assert await scoring.score(again) == [scorer.score(p) for p in again]
    finally:
        scoring.close()
    assert not scoring.alive


async def test_closing_two_with_a_batch_in_flight_still_answers_it() -> None:
    scoring = ScoringProcess(Scorer, processes=2)
    batch = _many(4 * PIECE)
    pending = asyncio.ensure_future(scoring.score(batch))
    await asyncio.sleep(0)
    assert scoring._turn.locked()
    scoring.close()
    assert not scoring.alive
    assert [p.is_alive() for p in scoring.processes] == [False, False]
    scorer = Scorer()
    assert await pending == [scorer.score(p) for p in batch]


async def test_children_run_behind_the_parent() -> None:
    """The parent's loop stores what they score and answers users: it goes first."""
    scoring = ScoringProcess(Scorer, processes=2)
    try:
        await scoring.score(POSTS)
        mine = os.getpriority(os.PRIO_PROCESS, 0)
        theirs = {os.getpriority(os.PRIO_PROCESS, p.pid or 0) for p in scoring.processes}
    finally:
        scoring.close()
    assert theirs == {min(mine + NICENESS, 19)}
