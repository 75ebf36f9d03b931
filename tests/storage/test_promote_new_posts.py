"""Follow-ups and copies that joined an event are stored as signals a page at a time: the
same two statements for 3 posts as for 60, and the rows ``save_score`` gives each alone."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.records import PostRecord
from bot.scoring import SCORER_VERSION, Decision, Scorer
from storage.queries.posts import insert_posts
from storage.queries.scores import promote_new_posts, save_score, score_columns
from tests.storage.signal_data import counting_statements, stored_rows

Sessions = async_sessionmaker[AsyncSession]
T = datetime(2025, 1, 1, tzinfo=UTC)
SIGNAL = "Outlier cut generalist rates from $25 to $16"


def _decisions() -> tuple[Decision, Decision]:
    """A signal's verdict, and a non-signal's."""
    scorer = Scorer()
    signal = scorer.score(PostRecord("reddit", "s", SIGNAL, "Everyone on the project got it.",
                                     subreddit="outlier_ai"))
    noise = scorer.score(PostRecord("feed", "n", "a headline", ""))
    assert signal.is_signal and signal.magnitude is not None and not noise.is_signal
    return signal, noise


async def _new(sessions: Sessions, noise: Decision, count: int, first: int = 0) -> list[int]:
    """``count`` posts stored as non-signals, as a page stores them before grouping."""
    records = [PostRecord("feed", f"p{first + i}", "a headline", "", created_utc=T)
               for i in range(count)]
    async with sessions.begin() as session:
        stored = await insert_posts(session, records,
                                    lambda _: score_columns(noise, SCORER_VERSION, T))
    return [p.id for p in stored]


async def test_a_page_is_promoted_in_two_statements_as_save_score_would_store_it(
    db_engine: AsyncEngine, db_sessions: Sessions
) -> None:
    decision, noise = _decisions()
    small, large, alone = (await _new(db_sessions, noise, 3),
                           await _new(db_sessions, noise, 60, 3),
                           await _new(db_sessions, noise, 1, 63))
    with counting_statements(db_engine) as statements:
        for ids in (small, large):
            before = statements.n
            async with db_sessions.begin() as session:
                await promote_new_posts(session, [(i, T, decision) for i in ids],
                                        SCORER_VERSION, T)
            assert statements.n - before == 2
        async with db_sessions.begin() as session:
            await promote_new_posts(session, [], SCORER_VERSION, T)
            await save_score(session, alone[0], decision, SCORER_VERSION, now=T)
    rows = await stored_rows(db_sessions)
    assert rows[alone[0]][0] is True and rows[alone[0]][-1] == 1
    assert all(rows[i] == rows[alone[0]] for i in small + large)
