"""A guild's list of signal posts leaves out the reports of events it rejected and the posts
it marked not a signal, in the query (pages and count agree), for that guild only; undoing the
rejection lists them again. Its /signals summary counts the events' posts the same way."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.queries.audience import EVERYTHING, PUBLIC, Audience, guild_audience
from storage.queries.event_summary import event_summary
from storage.queries.feedback import (
    NOT_SIGNAL,
    WRONG_DETAILS,
    add_feedback,
    close_if_rejected,
    report_posts,
)
from storage.queries.lookup import find_post
from storage.queries.rejections import remove_rejection, withdraw_not_signal
from storage.queries.signals import count_signals, recent_signals
from tests.storage.event_data import join_event, open_event, reject_event
from tests.storage.signal_data import T0, Decision, add_post

Sessions = async_sessionmaker[AsyncSession]
SINCE = T0 - timedelta(days=1)


async def _post(s: AsyncSession, n: int, guild_id: int | None = None) -> int:
    return await add_post(s, f"t3_rp{n}", title=f"post {n}", created=T0 + timedelta(hours=n),
                          decision=Decision(), guild_id=guild_id)


async def _mark(s: AsyncSession, guild_id: int, post_ids: list[int], verdict: str = NOT_SIGNAL,
                hours: int = 20) -> None:
    await add_feedback(s, guild_id=guild_id, post_ids=post_ids, user_id=7, verdict=verdict,
                       tier="expert" if verdict == WRONG_DETAILS else None,
                       now=T0 + timedelta(hours=hours))


async def _seed(db_sessions: Sessions) -> tuple[list[int], int, int]:
    """Eight posts: guild 1 rejects the event of posts 1 and 2, marks post 3 alone (its event
    with post 4 stays), takes back its mark on post 5, and rejects its own post 6's event;
    guild 2 rejects post 7's event. Returns the post ids, the first rejected event, the own."""
    async with db_sessions.begin() as s:
        p = [await _post(s, n, guild_id=1 if n == 6 else None) for n in range(8)]
        await open_event(s, p[0])
        rejected = (await open_event(s, p[1])).event_id
        await join_event(s, rejected, p[2])
        shared = (await open_event(s, p[3])).event_id
        await join_event(s, shared, p[4])
        await open_event(s, p[5])
        own = (await open_event(s, p[6], guild_id=1)).event_id
        elsewhere = (await open_event(s, p[7])).event_id
        await reject_event(s, rejected, 1, T0 + timedelta(hours=20))
        await _mark(s, 1, [p[3]])
        assert await close_if_rejected(s, shared, 1) is None
        await _mark(s, 1, [p[5]])
        await _mark(s, 1, [p[5]], WRONG_DETAILS, hours=21)
        await reject_event(s, own, 1, T0 + timedelta(hours=20))
        await reject_event(s, elsewhere, 2, T0 + timedelta(hours=20))
    return p, rejected, own


async def _listed(s: AsyncSession, audience: Audience, size: int = 2) -> tuple[list[int], int]:
    """Every page's post ids in order, and the count the pages are numbered from."""
    total = await count_signals(s, None, None, SINCE, audience=audience)
    ids: list[int] = []
    for offset in range(0, total + size, size):
        ids += [v.id for v in await recent_signals(s, None, None, SINCE, limit=size,
                                                   offset=offset, audience=audience)]
    return ids, total


async def test_a_guilds_recent_signals_leave_out_what_it_rejected_or_marked(
    db_sessions: Sessions,
) -> None:
    p, _, _ = await _seed(db_sessions)
    async with db_sessions() as s:
        first_page = [v.id for v in await recent_signals(s, None, None, SINCE, limit=2,
                                                         audience=guild_audience(1))]
        mine = await _listed(s, guild_audience(1))
        theirs = await _listed(s, guild_audience(2))
        public = await _listed(s, PUBLIC)
        everything = await _listed(s, EVERYTHING)
        pay_cuts = await count_signals(s, {"outlier"}, "pay_cut", SINCE,
                                       audience=guild_audience(1))
        # Asked for by id, a post it marked is still found (/signals explain).
        found = await find_post(s, "t3_rp1", guild_audience(1))
    # The page is full: the left-out posts are skipped by the query, not after it.
    assert first_page == [p[7], p[5]]
    assert mine == ([p[7], p[5], p[4], p[0]], 4) and pay_cuts == 4
    assert theirs == ([p[5], p[4], p[3], p[2], p[1], p[0]], 6)
    assert public == ([p[7], *theirs[0]], 7)
    assert everything == (p[::-1], 8)
    assert found is not None and found.id == p[1]


async def test_undoing_the_rejection_lists_its_posts_again(db_sessions: Sessions) -> None:
    p, rejected, own = await _seed(db_sessions)
    async with db_sessions.begin() as s:
        # The rejection alone gone, the posts' own "not a signal" still hides them.
        assert await remove_rejection(s, rejected, 1)
        assert (await _listed(s, guild_audience(1)))[1] == 4
        # /events restore also withdraws the verdicts, as it does for an own event.
        await withdraw_not_signal(s, 1, await report_posts(s, rejected))
        await withdraw_not_signal(s, 1, await report_posts(s, own))
    async with db_sessions() as s:
        mine = await _listed(s, guild_audience(1))
    assert mine == ([p[7], p[6], p[5], p[4], p[2], p[1], p[0]], 7)


async def test_a_guilds_summary_counts_only_the_posts_its_lists_show(
    db_sessions: Sessions,
) -> None:
    await _seed(db_sessions)
    async with db_sessions() as s:
        # Every event inside the week: counted from the events' stored totals.
        mine = await event_summary(s, guild_audience(1), None, 7, T0 + timedelta(days=1))
        theirs = await event_summary(s, guild_audience(2), None, 7, T0 + timedelta(days=1))
        # Posts 3 and 4's event straddles the edge between two days: its reports are counted.
        edge = T0 + timedelta(days=1, hours=3, minutes=30)
        mine_edge = await event_summary(s, guild_audience(1), None, 1, edge)
        theirs_edge = await event_summary(s, guild_audience(2), None, 1, edge)
        everything = await event_summary(s, EVERYTHING, None, 7, T0 + timedelta(days=1))
    # Guild 1 keeps posts 0, 4, 5 and 7 (post 3 is marked inside an event it kept, its own
    # event's post 6 is marked and closed), five events; guild 2 sees all six of its posts.
    assert (mine.overall.events, mine.overall.posts) == (5, 4)
    assert [(x.platform, x.current.posts) for x in mine.platforms] == [("outlier", 4)]
    assert (theirs.overall.events, theirs.overall.posts) == (4, 6)
    assert (everything.overall.events, everything.overall.posts) == (6, 8)
    assert (mine_edge.overall.posts, mine_edge.overall_previous.posts) == (3, 1)
    assert (theirs_edge.overall.posts, theirs_edge.overall_previous.posts) == (2, 4)
    assert [(x.platform, x.previous.posts) for x in mine_edge.platforms] == [("outlier", 1)]
