"""/platforms list, watch and unwatch through the Discord double."""

from __future__ import annotations

import socket

from sqlalchemy import select, text

from bot.app import Services
from bot.discord_bot import LabelwatchBot
from bot.sources.addresses import REFUSED
from storage.models import Post
from storage.queries.guilds import guild_sources
from tests.cogs.conftest import Server
from tests.cogs.harness import CONFIGURED_FEED, answer
from tests.doubles.discord import DiscordDouble
from tests.doubles.feeds import Fault, FeedDouble
from tests.doubles.reddit import RedditDouble


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def watched(services: Services) -> tuple[set[str], set[str]]:
    """Subreddits and feed URLs of the live poll plan."""
    plan = services.poller.plan
    return ({s.lower() for job in plan.reddit for s in job.batch}, {f.url for f in plan.feeds})


async def own_sources(services: Services, guild_id: int) -> list[tuple[str, str, str]]:
    async with services.sessions() as session:
        return [(g.kind, g.target, g.platform) for g in await guild_sources(session, guild_id)]


async def test_list_shows_sources_and_their_health(
    services: Services, double: DiscordDouble, bot: LabelwatchBot, server_a: Server,
    feeds: FeedDouble,
) -> None:
    feeds.fail_next(CONFIGURED_FEED, Fault("html"))
    await services.poller.poll_all()
    message = await answer(double.invoke("platforms list", {}, guild_id=server_a.id))
    assert not message.ephemeral
    [embed] = message.embeds
    lines = {line.split("`")[1]: line for line in embed["description"].splitlines()}
    assert "r/outlier\\_ai ✅ <t:" in lines["outlier"]
    assert "⚠️ failing (" in lines["appen"]
    assert "no source of its own" in lines["mercor"]
    assert embed["footer"]["text"] == "2 sources, 1 failing"


async def test_watch_checks_saves_and_polls_new_sources(
    services: Services, double: DiscordDouble, bot: LabelwatchBot, server_a: Server,
    server_b: Server, feeds: FeedDouble,
) -> None:
    extra = feeds.url_for("extra")
    handle = double.invoke("platforms watch", {"platform": "Mercor", "subreddit": "r/NewSub",
                                               "feed": extra},
                           guild_id=server_a.id, user_id=server_a.admin_id)
    message = await answer(handle)
    assert message.ephemeral
    assert "Now watching `r/newsub` for **Mercor**" in message.content
    assert f"Now watching `{extra}` for **Mercor**" in message.content
    subreddits, feed_urls = watched(services)
    assert "newsub" in subreddits and extra in feed_urls
    assert await own_sources(services, server_a.id) == [("reddit", "newsub", "mercor"),
                                                        ("feed", extra, "mercor")]
    assert await own_sources(services, server_b.id) == []

    listed = await answer(double.invoke("platforms list", {}, guild_id=server_a.id))
    [own] = [f for f in listed.embeds[0]["fields"] if f["name"] == "Added by this server"]
    assert "r/newsub → Mercor" in own["value"]
    other = await answer(double.invoke("platforms list", {}, guild_id=server_b.id))
    assert all(f["name"] != "Added by this server" for f in other.embeds[0].get("fields", []))
    assert "newsub" not in str(other.embeds)


async def test_watch_answers_in_time_while_a_slow_feed_is_checked(
    services: Services, double: DiscordDouble, bot: LabelwatchBot, server_a: Server,
    feeds: FeedDouble,
) -> None:
    # The check outlasts the deadline, so only a deferred answer can arrive in time.
    feeds.fail_next("extra", Fault("slow", delay=0.8))
    double.ack_deadline = 0.4
    handle = double.invoke("platforms watch", {"platform": "appen",
                                               "feed": feeds.url_for("extra")},
                           guild_id=server_a.id, user_id=server_a.admin_id)
    assert (await handle.wait_response()).type == 5
    message = await answer(handle)
    assert message.ephemeral and "Now watching" in message.content
    assert feeds.url_for("extra") in watched(services)[1]


async def test_watch_refuses_a_page_that_is_not_a_feed_and_saves_nothing(
    services: Services, double: DiscordDouble, bot: LabelwatchBot, server_a: Server,
    feeds: FeedDouble,
) -> None:
    feeds.fail_next("extra", Fault("html"))
    before = watched(services)
    handle = double.invoke("platforms watch", {"platform": "mercor", "subreddit": "newsub",
                                               "feed": feeds.url_for("extra")},
                           guild_id=server_a.id, user_id=server_a.admin_id)
    message = await answer(handle)
    assert message.ephemeral
    assert message.content.startswith("Nothing was added.")
    assert f"`{feeds.url_for('extra')}` cannot be watched: not a feed" in message.content
    assert await own_sources(services, server_a.id) == []
    assert watched(services) == before


async def test_watch_refuses_feeds_on_private_hosts(
    services: Services, double: DiscordDouble, bot: LabelwatchBot, server_a: Server,
    feeds: FeedDouble,
) -> None:
    """Typed, behind a redirect, open port or closed: one refusal, and no request inside."""
    async with FeedDouble() as inside:
        inside.feed("local").add("Mercor item", guid="m1")
        shut = closed_port()
        urls = [inside.url_for("local"),
                feeds.redirect_away("open", inside.url_for("local")),
                feeds.redirect_away("closed", f"http://127.0.0.1:{shut}/feeds/local"),
                f"http://[::ffff:127.0.0.1]:{inside.port}/feeds/local"]
        answers = []
        for url in urls:
            handle = double.invoke("platforms watch", {"platform": "mercor", "feed": url},
                                   guild_id=server_a.id, user_id=server_a.admin_id)
            answers.append((url, (await answer(handle)).content))
        assert inside.count() == 0
    for url, content in answers:
        assert content == f"Nothing was added. `{url}` cannot be watched: {REFUSED}."
    assert await own_sources(services, server_a.id) == []


async def test_a_watched_feed_that_later_redirects_inward_is_refused_at_poll_time(
    services: Services, double: DiscordDouble, bot: LabelwatchBot, server_a: Server,
    feeds: FeedDouble,
) -> None:
    async with FeedDouble() as inside:
        inside.feed("local").add("Mercor laid off everyone", guid="inside-1")
        feeds.feed("turns").add("Mercor news", guid="turns-1")
        url = feeds.redirect_away("turning", feeds.url_for("turns"))
        handle = double.invoke("platforms watch", {"platform": "mercor", "feed": url},
                               guild_id=server_a.id, user_id=server_a.admin_id)
        assert "Now watching" in (await answer(handle)).content
        feeds.away["turning"] = inside.url_for("local")
        [job] = [j for j in services.poller.plan.feeds if j.url == url]
        outcome = await services.poller.poll(job, force=True)
        assert inside.count() == 0
    assert job.public_only and outcome.error == REFUSED
    async with services.sessions() as session:
        stored = set((await session.execute(select(Post.external_id))).scalars())
    assert "inside-1" not in stored


async def test_watch_refuses_unreadable_subreddits(
    services: Services, double: DiscordDouble, bot: LabelwatchBot, server_a: Server,
    reddit: RedditDouble,
) -> None:
    cases = {"secretclub": "r/secretclub is private", "closedsub": "r/closedsub is banned",
             "nosuchsub": "r/nosuchsub does not exist"}
    for name, reason in cases.items():
        message = await answer(double.invoke(
            "platforms watch", {"platform": "outlier", "subreddit": name},
            guild_id=server_a.id, user_id=server_a.admin_id))
        assert message.ephemeral and reason in message.content, message.content
    assert await own_sources(services, server_a.id) == []
    assert reddit.count("about") == 3


async def test_watch_refuses_malformed_options_without_asking_anyone(
    services: Services, double: DiscordDouble, bot: LabelwatchBot, server_a: Server,
    reddit: RedditDouble, feeds: FeedDouble,
) -> None:
    cases = [
        ({"platform": "mercor"}, "Give a `subreddit`"),
        ({"platform": "mercor", "subreddit": "two words"}, "is not a subreddit name"),
        ({"platform": "mercor", "subreddit": "_underscore"}, "is not a subreddit name"),
        ({"platform": "mercor", "feed": "ftp://example.org/rss"}, "is not a feed URL"),
        ({"platform": "mercor", "feed": "example.org/rss"}, "is not a feed URL"),
        ({"platform": "mercor", "feed": "https://user:pw@example.org/rss"}, "user name or"),
        ({"platform": "Fakeplatform", "subreddit": "newsub"}, "Unknown platform"),
    ]
    requests = (reddit.count(), feeds.count())
    for options, expected in cases:
        reply = await double.invoke("platforms watch", options, guild_id=server_a.id,
                                    user_id=server_a.admin_id).wait_response()
        assert reply.type == 4 and reply.ephemeral, options
        assert expected in (reply.content or ""), (options, reply.content)
    assert (reddit.count(), feeds.count()) == requests
    assert await own_sources(services, server_a.id) == []


async def test_members_without_manage_server_cannot_change_sources(
    services: Services, double: DiscordDouble, bot: LabelwatchBot, server_a: Server,
    feeds: FeedDouble,
) -> None:
    for command in ("platforms watch", "platforms unwatch"):
        reply = await double.invoke(command, {"platform": "mercor", "subreddit": "newsub"},
                                    guild_id=server_a.id).wait_response()
        assert reply.type == 4 and reply.ephemeral
        assert "Manage Server" in (reply.content or "")
    assert await own_sources(services, server_a.id) == []
    [registered] = [c for c in double.registered_commands() if c["name"] == "platforms"]
    # /platforms list is for everyone, so the group itself stays visible to all.
    assert registered["default_member_permissions"] is None


async def test_unwatch_removes_only_this_servers_own_sources(
    services: Services, double: DiscordDouble, bot: LabelwatchBot, server_a: Server,
    server_b: Server, feeds: FeedDouble,
) -> None:
    await answer(double.invoke("platforms watch", {"platform": "mercor", "subreddit": "newsub"},
                               guild_id=server_a.id, user_id=server_a.admin_id))
    assert "newsub" in watched(services)[0]

    async def refused(server: Server, options: dict[str, str]) -> str:
        message = await answer(double.invoke("platforms unwatch", options, guild_id=server.id,
                                             user_id=server.admin_id))
        assert message.ephemeral and message.content.startswith("Nothing was removed.")
        return message.content

    assert "not one of this server's own sources" in await refused(
        server_b, {"platform": "mercor", "subreddit": "newsub"})
    assert "is watched for Mercor, not Appen" in await refused(
        server_a, {"platform": "appen", "subreddit": "newsub"})
    assert "labelwatch's configuration" in await refused(
        server_a, {"platform": "appen", "feed": feeds.url_for(CONFIGURED_FEED)})
    assert "newsub" in watched(services)[0]

    message = await answer(double.invoke("platforms unwatch",
                                         {"platform": "mercor", "subreddit": "NewSub"},
                                         guild_id=server_a.id, user_id=server_a.admin_id))
    assert message.content == "Stopped watching `r/newsub` for **Mercor**."
    assert "newsub" not in watched(services)[0]
    assert await own_sources(services, server_a.id) == []


async def test_autocomplete_for_watch_platform(
    double: DiscordDouble, bot: LabelwatchBot, server_a: Server
) -> None:
    handle = double.invoke("platforms watch", {"platform": "data ann"}, guild_id=server_a.id,
                           user_id=server_a.admin_id, autocomplete=True)
    reply = await handle.wait_response()
    assert reply.type == 8
    assert reply.choices[0] == {"name": "DataAnnotation (dataannotation)",
                                "value": "dataannotation"}


async def test_list_shows_quarantined_items_with_their_reason(
    services: Services, double: DiscordDouble, bot: LabelwatchBot, server_a: Server,
    feeds: FeedDouble,
) -> None:
    async with services.sessions.begin() as session:
        await session.execute(text(
            "CREATE TRIGGER refuse_poison BEFORE INSERT ON posts WHEN NEW.title LIKE "
            "'%poison%' BEGIN SELECT RAISE(ABORT, 'poison item refused'); END"))
    feeds.feed(CONFIGURED_FEED).add("A poison item", guid="appen-poison")
    feeds.feed(CONFIGURED_FEED).add("Appen follow-up", guid="appen-2")
    outcomes = await services.poller.poll_all()
    assert all(o.error is None for o in outcomes)
    message = await answer(double.invoke("platforms list", {}, guild_id=server_a.id))
    lines = {line.split("`")[1]: line for line in message.embeds[0]["description"].splitlines()}
    assert "✅" in lines["appen"]
    assert "🗄️ 1 quarantined: IntegrityError: poison item refused" in lines["appen"]
    async with services.sessions() as session:
        stored = set((await session.execute(select(Post.external_id))).scalars())
    assert {"appen-1", "appen-2"} <= stored and "appen-poison" not in stored
