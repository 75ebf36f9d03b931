"""A real labelwatch bot on the Discord double, with Services on the Reddit and feed doubles.

Shared by the cog tests and the digest tests: settings on a temporary SQLite
file, signals seeded through the real pipeline and scorer, and helpers that
play a server admin or a plain member.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from bot.app import Services
from bot.config import FeedSettings, Settings, SourceSettings, parse_settings
from bot.discord_bot import LabelwatchBot
from bot.pipeline import Ingested
from bot.records import FetchResult, PostRecord
from storage.types import utcnow
from tests.doubles.discord import LOADING, DiscordDouble, InteractionHandle, RecordedMessage
from tests.doubles.discord.client import running
from tests.doubles.feeds import FeedDouble
from tests.doubles.reddit import RedditDouble

MANAGE_GUILD = 1 << 5
CONFIGURED_SUBREDDIT = "outlier_ai"
CONFIGURED_FEED = "appen-news"

PAY_CUT = ("Outlier cut rates for all generalist projects from ${before}/hr to $16/hr today, "
           "everyone on the project got the email")
LAYOFF = "Mercor laid off {n} contractors this morning, whole team gone"
HIRING = ("DataAnnotation is hiring: new expert coding projects at ${pay}/hr opened for "
          "everyone with a CS degree")


def settings_for(
    tmp_path: Path, reddit: RedditDouble | None = None, feeds: FeedDouble | None = None
) -> Settings:
    """No built-in sources: one configured subreddit (Outlier) and one feed (Appen)."""
    base = parse_settings({"builtin_sources": False}, env={})
    sources: list[SourceSettings] = []
    settings = replace(
        base,
        database=replace(base.database, url=f"sqlite+aiosqlite:///{tmp_path / 'lw.db'}"),
        feeds=FeedSettings(timeout_seconds=2.0, max_bytes=100_000, max_redirects=3,
                           allow_private=True),
    )
    if reddit is not None:
        sources.append(SourceSettings("reddit", CONFIGURED_SUBREDDIT, "outlier"))
        settings = replace(settings, reddit=reddit.reddit_settings())
    if feeds is not None:
        sources.append(SourceSettings("feed", feeds.url_for(CONFIGURED_FEED), "appen"))
    return replace(settings, sources=tuple(sources))


def record(
    text: str, external_id: str, *, hours_ago: float = 1, subreddit: str = "outlier_ai",
    now: datetime | None = None,
) -> PostRecord:
    post_id = external_id.removeprefix("t3_")
    return PostRecord(
        source_kind="reddit", external_id=external_id, title=text, body="",
        url=f"https://www.reddit.com/r/{subreddit}/comments/{post_id}/a_post/",
        author="poster", created_utc=(now or utcnow()) - timedelta(hours=hours_ago),
        subreddit=subreddit,
    )


async def seed(services: Services, *records: PostRecord) -> list[Ingested]:
    """Store and score posts through the real pipeline; every one must be a signal."""
    stored = await services.pipeline.ingest(FetchResult(posts=list(records)))
    assert len(stored) == len(records)
    not_signals = [i.post.record.title for i in stored if not i.decision.is_signal]
    assert not not_signals, f"the scorer does not call these signals: {not_signals}"
    return stored


def feed_record(text: str, guid: str, link: str, *, hours_ago: float = 1) -> PostRecord:
    return PostRecord(source_kind="feed", external_id=guid, title=text, url=link,
                      created_utc=utcnow() - timedelta(hours=hours_ago), feed="Example News")


def pay_cuts(count: int, *, first_hours_ago: float = 1) -> list[PostRecord]:
    """``count`` distinct pay-cut posts, the first the newest."""
    return [record(PAY_CUT.format(before=30 + i), f"t3_pc{i:03d}",
                   hours_ago=first_hours_ago + i) for i in range(count)]


@asynccontextmanager
async def connected(services: Services, double: DiscordDouble) -> AsyncIterator[LabelwatchBot]:
    """A LabelwatchBot with every cog, logged in to the double (which must be routed)."""
    bot = LabelwatchBot(services, guild_ready_timeout=0.1)
    async with running(bot, double):
        yield bot


async def answer(handle: InteractionHandle, timeout: float = 5.0) -> RecordedMessage:  # noqa: ASYNC109
    """The command's visible answer once it is complete (after a deferral too)."""
    return await handle.wait_original(lambda m: not m.flags & LOADING, timeout=timeout)


def admin(double: DiscordDouble, guild_id: int) -> int:
    """A member whose role has Manage Server (and nothing more) in ``guild_id``."""
    guild = double.guild(guild_id)
    role = next((r for r in guild.roles.values() if r.name == "settings"), None)
    if role is None:
        raise LookupError("the guild needs a 'settings' role with Manage Server")
    member = double.add_member(guild_id, name="server-admin", roles=[role.id])
    return member.user.id
