"""Scoring in a process of its own gives the same decisions, and survives the process ending."""

from __future__ import annotations

import asyncio
import os
import signal
from datetime import UTC, datetime

from bot.records import PostRecord
from bot.scoring import Scorer
from bot.scoring_process import ScoringProcess

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
