"""Follow-up reports a rebuild lets go of are stored as non-signals again, a page at a time:
the same few statements for 3 posts as for 60, and the rows each one would get alone."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.records import PostRecord
from bot.scoring import SCORER_VERSION, Scorer
from storage.queries.posts import insert_posts
from storage.queries.scores import demote_signals, save_score
from tests.storage.signal_data import counting_statements, stored_rows

Sessions = async_sessionmaker[AsyncSession]
SIGNAL = "Outlier cut generalist rates from $25 to $16"


async def _signals(sessions: Sessions, count: int) -> list[int]:
    """``count`` stored signal posts with their platform rows."""
    records = [PostRecord("reddit", f"p{i}", SIGNAL, body="Everyone on the project got it.",
                          subreddit="outlier_ai", created_utc=datetime(2025, 1, 1, tzinfo=UTC))
               for i in range(count)]
    decision = Scorer().score(records[0])
    assert decision.is_signal and decision.magnitude is not None
    async with sessions.begin() as session:
        stored = await insert_posts(session, records)
        for post in stored:
            await save_score(session, post.id, decision, SCORER_VERSION)
    return [p.id for p in stored]


async def _demote(engine: AsyncEngine, sessions: Sessions,
                  demoted: list[tuple[int, str | None]]) -> int:
    """Demote in one transaction; how many statements reached the database."""
    with counting_statements(engine) as statements:
        async with sessions.begin() as session:
            await demote_signals(session, demoted)
    return statements.n


async def test_a_page_is_demoted_in_the_same_few_statements_however_many_posts(
    db_engine: AsyncEngine, db_sessions: Sessions
) -> None:
    ids = await _signals(db_sessions, 64)
    small = [(ids[0], "no_tasks"), (ids[1], None), (ids[2], "removed")]
    large = [(pid, ("no_tasks", None, "removed")[i % 3]) for i, pid in enumerate(ids[3:63])]
    assert await _demote(db_engine, db_sessions, small) == 3
    assert await _demote(db_engine, db_sessions, large) == 3
    assert await _demote(db_engine, db_sessions, []) == 0

    rows = await stored_rows(db_sessions)
    kept = rows[ids[63]]  # not demoted: untouched
    assert kept[0] is True and kept[4] == "generalist" and kept[-1] == 1
    score, evidence = kept[1], kept[6]
    for post_id, kind in small + large:
        # Score and evidence kept; platforms kept only with a report kind (spikes count it).
        assert rows[post_id] == (False, score, "none", "neutral", "unknown",
                                 ["outlier"] if kind else [], evidence, None, kind, 0)
