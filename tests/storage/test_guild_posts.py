"""A guild's own sources' posts: stored as that guild's, read only by it."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.records import PostRecord
from storage.models import Post
from storage.queries.audience import EVERYTHING, PUBLIC, guild_audience
from storage.queries.lookup import find_post
from storage.queries.posts import insert_posts, known_keys
from storage.queries.signals import count_signals, recent_signals
from tests.storage.signal_data import T0, Decision, add_post

Sessions = async_sessionmaker[AsyncSession]
A, B = 111_111_111_111_111_111, 222_222_222_222_222_222
FEED = "https://news.example/feed.xml"
LINK = "https://news.example/mercor-layoffs"
SINCE = T0 - timedelta(days=7)


async def _posts(s: AsyncSession) -> None:
    """A public signal, one of each guild's subreddits, and one feed item both guilds watch."""
    mercor = Decision(event_type="layoff", tier="all", platforms=("mercor",))
    await add_post(s, "t3_pub", title="public", created=T0 - timedelta(hours=4),
                   decision=Decision())
    await add_post(s, "t3_aaa", title="a's own", subreddit="a_only", guild_id=A,
                   created=T0 - timedelta(hours=3), decision=mercor)
    await add_post(s, "t3_bbb", title="b's own", subreddit="b_only", guild_id=B,
                   created=T0 - timedelta(hours=2), decision=mercor)
    for guild, hours in ((A, 1), (B, 0)):
        await add_post(s, "mercor-1", title=f"feed item for {guild}", source_kind="feed",
                       feed=FEED, url=LINK, guild_id=guild,
                       created=T0 - timedelta(hours=hours), decision=mercor)


async def test_each_guild_reads_public_posts_and_its_own(db_sessions: Sessions) -> None:
    async with db_sessions.begin() as s:
        await _posts(s)
    seen = {}
    async with db_sessions() as s:
        for name, audience in (("a", guild_audience(A)), ("b", guild_audience(B)),
                               ("public", PUBLIC), ("all", EVERYTHING)):
            posts = await recent_signals(s, None, None, SINCE, limit=10, audience=audience)
            total = await count_signals(s, None, None, SINCE, audience=audience)
            mercor = await count_signals(s, {"mercor"}, "layoff", SINCE, audience=audience)
            seen[name] = ([p.title for p in posts], total, mercor)
    assert seen["a"] == ([f"feed item for {A}", "a's own", "public"], 3, 2)
    assert seen["b"] == ([f"feed item for {B}", "b's own", "public"], 3, 2)
    assert seen["public"] == (["public"], 1, 0)
    assert seen["all"][1:] == (5, 4)


async def test_explain_finds_only_what_the_guild_may_see(db_sessions: Sessions) -> None:
    async with db_sessions.begin() as s:
        await _posts(s)
    async with db_sessions() as s:
        a_own = await find_post(s, "t3_aaa", guild_audience(A))
        b_on_a = await find_post(s, "https://www.reddit.com/r/a_only/comments/aaa/x/",
                                 guild_audience(B))
        public_on_b = await find_post(s, "t3_pub", guild_audience(B))
        a_link = await find_post(s, LINK, guild_audience(A))
        b_guid = await find_post(s, "mercor-1", guild_audience(B))
        nobody = await find_post(s, LINK, PUBLIC)
    assert a_own is not None and a_own.title == "a's own"
    assert b_on_a is None
    assert public_on_b is not None and public_on_b.title == "public"
    assert a_link is not None and a_link.title == f"feed item for {A}"
    assert b_guid is not None and b_guid.title == f"feed item for {B}"
    assert nobody is None


async def test_a_guilds_copy_is_its_own_row_and_a_public_copy_counts_as_stored(
    db_sessions: Sessions,
) -> None:
    def item(guild: int | None, guid: str = "g-1") -> PostRecord:
        return PostRecord(source_kind="feed", external_id=guid, title="t", feed=FEED,
                          created_utc=T0, guild_id=guild)

    async with db_sessions.begin() as s:
        stored = await insert_posts(s, [item(A), item(B), item(A)])
        await insert_posts(s, [item(None, "g-2")])
    async with db_sessions() as s:
        rows = (await s.execute(select(Post.external_id, Post.guild_id)
                                .order_by(Post.id))).all()
        known = await known_keys(s, [item(A), item(B, "g-2"), item(A, "g-3"), item(None)])
    assert len(stored) == 2
    assert [tuple(r) for r in rows] == [("g-1", A), ("g-1", B), ("g-2", None)]
    # g-2 is stored publicly, so B's copy would be a repeat; nobody stored g-3 or a
    # public g-1.
    assert known == {item(A).key, item(B, "g-2").key}
