"""Two servers on one labelwatch: what one server watches is that server's alone.

Server A adds a feed with ``/platforms watch``; its signal alerts A's channel
only, and server B sees it nowhere (``/signals``, ``/events``, ``/platforms``)
and cannot remove it. The config file's subreddit still alerts both.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from tests.cogs.harness import answer
from tests.doubles.discord import Guild, RecordedMessage
from tests.e2e.live import MANAGE_GUILD, SIGNAL_BODY, SIGNAL_TITLE, SUBREDDIT, Stack, live
from tests.support.service import sqlite_rows

OWN_FEED = "mercor-watch"
OWN_TITLE = "Mercor laid off about 300 contractors on its physics project, everyone got the email"
OWN_LINK = "https://news.example/mercor-physics-layoffs"


def add_server(stack: Stack) -> tuple[Guild, int]:
    """A second server with an alerts channel and an admin who holds Manage Server."""
    guild = stack.discord.add_guild(
        name="Raters", channels=["general", "alerts"],
        roles=[{"name": "settings", "permissions": MANAGE_GUILD}])
    admin = stack.discord.add_member(guild.id, name="other-admin",
                                     roles=[guild.role_id("settings")])
    stack.more_guilds.append(guild)
    return guild, admin.user.id


async def says(stack: Stack, guild: Guild, user_id: int, name: str,
               options: dict[str, Any] | None = None) -> RecordedMessage:
    return await answer(stack.discord.invoke(name, options or {}, guild_id=guild.id,
                                             channel_id=guild.channel_id("general"),
                                             user_id=user_id), timeout=10)


def text(message: RecordedMessage) -> str:
    return f"{message.content} {message.embeds}"


async def test_a_servers_own_feed_alerts_and_shows_only_there(stack: Stack) -> None:
    other, other_admin = add_server(stack)
    own_url = stack.feeds.url_for(OWN_FEED)
    stack.feeds.feed(OWN_FEED, title="Mercor watch").add(
        OWN_TITLE, guid="mercor-1", link=OWN_LINK,
        summary="The whole physics team got the email this morning.",
        published=datetime.now(UTC).replace(microsecond=0))
    async with live(stack, feeds_public=True):
        await stack.route_to("alerts")
        set_b = await says(stack, other, other_admin, "alerts set",
                           {"channel": other.channel_id("alerts")})
        assert set_b.content.startswith("Alerts will be posted"), set_b.content
        watched = await stack.admin_says("platforms watch", {"platform": "mercor",
                                                             "feed": own_url})
        assert watched.content.startswith("Now watching"), watched.content
        [own_alert] = await stack.wait_for_alerts("alerts", 1)
        await stack.wait_all_sent(1)

        public = stack.reddit.add_post(SUBREDDIT, SIGNAL_TITLE, SIGNAL_BODY)
        await stack.wait_for_alerts("alerts", 2)
        [public_alert_b] = await stack.discord.wait_for_messages(
            1, channel_id=other.channel_id("alerts"), timeout=30)
        await stack.wait_all_sent(3)
        [(own_event,)] = sqlite_rows(stack.db, "SELECT id FROM events WHERE guild_id = ?",
                                     stack.guild.id)
        [(public_event,)] = sqlite_rows(stack.db, "SELECT id FROM events WHERE guild_id "
                                                  "IS NULL")

        b = {name: await says(stack, other, other_admin, name, options) for name, options in [
            ("signals recent", {}), ("events recent", {}), ("signals summary", {"days": 7}),
            ("platforms list", {}),
        ]}
        b_show = await stack.discord.invoke(
            "events show", {"event": f"e{own_event}"}, guild_id=other.id,
            channel_id=other.channel_id("general"), user_id=other_admin).wait_response()
        b_public_show = await says(stack, other, other_admin, "events show",
                                   {"event": f"e{public_event}"})
        b_explain = await stack.discord.invoke(
            "signals explain", {"post": OWN_LINK}, guild_id=other.id,
            channel_id=other.channel_id("general"), user_id=other_admin).wait_response()
        b_unwatch = await says(stack, other, other_admin, "platforms unwatch",
                               {"platform": "mercor", "feed": own_url})
        a_recent = await stack.admin_says("signals recent")
        a_show = await stack.admin_says("events show", {"event": f"e{own_event}"})
        a_list = await stack.admin_says("platforms list")
        own_rows = sqlite_rows(stack.db, "SELECT guild_id FROM posts WHERE external_id = ?",
                               "mercor-1")

    # The alert went to server A's channel, and server B got only the public one.
    assert "Mercor" in own_alert.embeds[0]["title"]
    assert [m.id for m in stack.discord.sent_messages(other.channel_id("alerts"))] \
        == [public_alert_b.id]
    assert public[3:] in public_alert_b.embeds[0]["url"]
    assert [m.embeds[0]["url"] for m in stack.alert_messages("alerts")][1] \
        == public_alert_b.embeds[0]["url"]
    assert own_rows == [(stack.guild.id,)]

    # Server B reads only public posts and events.
    for name in ("signals recent", "events recent", "signals summary"):
        assert "Mercor" not in text(b[name]) and OWN_FEED not in text(b[name]), name
    # The catalogue names every platform, Mercor too, but not A's feed.
    assert OWN_FEED not in text(b["platforms list"])
    assert "Added by this server" not in text(b["platforms list"])
    assert "Outlier" in text(b["signals recent"]) and "Outlier" in text(b["events recent"])
    assert str(b["signals summary"].embeds[0]["description"]).startswith("**1 event** (1 post)")
    assert b_show.ephemeral and f"e{own_event}" in (b_show.content or "")
    assert "Outlier" in text(b_public_show)
    assert b_explain.ephemeral and "No stored post matches" in (b_explain.content or "")
    assert "not one of this server's own sources" in b_unwatch.content
    assert sqlite_rows(stack.db, "SELECT guild_id, target FROM guild_sources") \
        == [(stack.guild.id, own_url)]

    # Server A sees its own and the public ones.
    assert "Mercor" in text(a_recent) and "Outlier" in text(a_recent)
    assert "Mercor" in text(a_show)
    assert "Added by this server" in text(a_list) and OWN_FEED in text(a_list)
