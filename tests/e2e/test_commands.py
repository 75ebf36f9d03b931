"""Every slash command, played through the Discord double against the running service."""

from __future__ import annotations

from typing import Any

from tests.doubles.discord import RecordedMessage
from tests.e2e.live import (
    MANAGE_GUILD,
    ORDINARY_TITLE,
    SIGNAL_BODY,
    SIGNAL_TITLE,
    SUBREDDIT,
    Stack,
    fields_of,
    live,
)
from tests.support.service import sqlite_rows, wait_until

FEED = "appen-jobs"
FEED_TITLE = "Appen ends contracts with all generalist raters on the search project"
NEEDS_MANAGE = "You need the Manage Server permission to change labelwatch's settings."


def guild_sources(stack: Stack) -> list[tuple[str, str, str]]:
    return sqlite_rows(stack.db, "SELECT kind, target, platform FROM guild_sources "
                                 "WHERE guild_id = ?", stack.guild.id)


def routes(stack: Stack) -> list[tuple[str, int]]:
    return sqlite_rows(stack.db, "SELECT sink_id, enabled FROM alert_routes")


def digests(stack: Stack) -> list[tuple[int, int, str, int]]:
    return sqlite_rows(stack.db, "SELECT guild_id, channel_id, cadence, hour_utc FROM digests")


def only_embed(message: RecordedMessage) -> dict[str, Any]:
    [embed] = message.embeds
    return embed


async def test_signals_commands_read_back_what_the_service_found(stack: Stack) -> None:
    async with live(stack):
        signal = stack.reddit.add_post(SUBREDDIT, SIGNAL_TITLE, SIGNAL_BODY)
        ordinary = stack.reddit.add_post(SUBREDDIT, ORDINARY_TITLE, "Any advice?")
        await wait_until(lambda: len(sqlite_rows(stack.db, "SELECT id FROM posts WHERE "
                                                           "scored_at IS NOT NULL")) == 2,
                         what="both posts scored")
        [(score,)] = sqlite_rows(stack.db, "SELECT score FROM posts WHERE is_signal")

        recent = await stack.admin_says("signals recent")
        summary = await stack.admin_says("signals summary", {"days": 7})
        events = await stack.admin_says("events recent")
        shown = await stack.admin_says("events show", {"event": "e1"})
        link = f"https://www.reddit.com/r/{SUBREDDIT}/comments/{signal[3:]}/outlier_cut/"
        explained = await stack.admin_says("signals explain", {"post": link})
        not_signal = await stack.admin_says("signals explain", {"post": ordinary})
        unknown = await stack.as_admin("signals explain", {"post": "t3_zzzzzz"}).wait_response()

    assert not recent.ephemeral
    page = only_embed(recent)
    assert page["title"] == "Recent signals"
    [row] = page["fields"]
    assert row["name"] == f"▼ Pay cut · Outlier · {score:.0f}"
    assert signal[3:] in row["value"] and "Outlier cut generalist rates" in row["value"]
    assert ORDINARY_TITLE not in str(page)

    counts = only_embed(summary)
    assert counts["title"] == "Events in the last 7 days"
    assert str(counts["description"]).startswith("**1 event** (1 post) · ▼ 1 contraction")
    assert [f["name"] for f in counts["fields"]] == [
        "Outlier: 1 event (1 post) +1"]

    listed = only_embed(events)
    [row] = listed["fields"]
    assert row["name"] == f"▼ Pay cut · Outlier · 🟡 Reported · {score:.0f}"
    assert row["value"].startswith("**e1** [Outlier cut generalist rates")
    timeline = only_embed(shown)
    assert str(timeline["title"]) == "e1 · ▼ Pay cut: Outlier"
    [first] = timeline["fields"]
    assert first["name"] == "1. Report · r/outlier\\_ai" and signal[3:] in first["value"]
    assert "Why: " in first["value"]

    why = only_embed(explained)
    assert why["title"] == "Why this post scored as it did"
    verdict = fields_of(why)
    assert verdict["Verdict"] == f"Signal: {score:.0f}/100 (threshold 50)"
    assert verdict["Event"] == "Pay cut" and verdict["Tier"] == "Generalists"
    assert verdict["Evidence"].startswith("> “")
    assert signal[3:] in str(why["url"])
    assert fields_of(only_embed(not_signal))["Verdict"].startswith("Not a signal: ")
    assert unknown.ephemeral and "No stored post matches" in (unknown.content or "")


async def test_platform_alert_and_digest_settings_round_trip(stack: Stack) -> None:
    stack.feeds.feed(FEED).add(FEED_TITLE, guid="appen-1")
    feed_url = stack.feeds.url_for(FEED)
    alerts, digest = stack.channel("alerts"), stack.channel("pay-news")
    async with live(stack, feeds_public=True) as service:
        listed = await stack.admin_says("platforms list")
        watch = await stack.admin_says("platforms watch", {"platform": "appen", "feed": feed_url})
        await wait_until(lambda: any(r[0] == "appen-1" for r in
                                     sqlite_rows(stack.db, "SELECT external_id FROM posts")),
                         what="the watched feed polled and its item stored")
        listed_with_feed = await stack.admin_says("platforms list")
        unwatch = await stack.admin_says("platforms unwatch",
                                         {"platform": "appen", "feed": feed_url})
        assert guild_sources(stack) == []
        # The poll plan follows at once: the feed's job is gone without a restart.
        await service.wait_for_output("poll jobs (0 added, 1 removed)", within=10)

        empty_show = await stack.admin_says("alerts show")
        await stack.route_to("alerts")
        show = await stack.admin_says("alerts show")
        off = await stack.admin_says("alerts off", {"channel": alerts})
        assert routes(stack) == []
        off_again = await stack.as_admin("alerts off", {"channel": alerts}).wait_response()

        digest_set = await stack.admin_says("digest set", {"channel": digest,
                                                           "cadence": "weekly", "hour_utc": 7})
        assert digests(stack) == [(stack.guild.id, digest, "weekly", 7)]
        digest_off = await stack.admin_says("digest off")
        assert digests(stack) == []
        digest_off_again = await stack.as_admin("digest off").wait_response()

    catalogue = only_embed(listed)
    assert str(catalogue["title"]).startswith("Watched platforms (")
    assert "r/outlier\\_ai ✅" in str(catalogue["description"])
    assert "Added by this server" not in str(catalogue)

    assert watch.ephemeral
    assert watch.content == (f"Now watching `{feed_url}` for **Appen**.\n"
                             "Polling includes it from now on.")
    own = fields_of(only_embed(listed_with_feed))["Added by this server"]
    assert own.startswith("127.0.0.1/feeds/appen-jobs → Appen ✅")
    assert stack.feeds.count("feed") >= 2  # the check before saving, then the polls
    assert unwatch.content == f"Stopped watching `{feed_url}` for **Appen**."

    assert only_embed(empty_show)["description"].startswith("No alert routes yet.")
    [route] = only_embed(show)["fields"]
    assert route["name"] == "Route 1"
    assert route["value"].startswith(f"<#{alerts}>\nevery signal · all platforms")
    assert "✅ active · 0 pending · 0 sent" in route["value"]
    assert off.content.startswith(f"Alerts are no longer posted in <#{alerts}>")
    assert off_again.ephemeral and "gets no alerts from labelwatch" in (off_again.content or "")

    assert digest_set.ephemeral
    assert digest_set.content.startswith(
        f"A weekly digest will be posted in <#{digest}> every Monday at 07:00 UTC")
    assert digest_off.content == "The digest is off."
    assert "no digest to turn off" in (digest_off_again.content or "")


async def test_refusals_change_nothing(stack: Stack) -> None:
    """A member without Manage Server, and a feed on a private host, are turned away."""
    stack.feeds.feed(FEED).add(FEED_TITLE, guid="appen-1")
    feed_url = stack.feeds.url_for(FEED)
    alerts = stack.channel("alerts")
    async with live(stack, feeds_public=False):
        await stack.route_to("alerts")
        before = routes(stack)
        member_actions: list[tuple[str, dict[str, Any]]] = [
            ("alerts set", {"channel": stack.channel("pay-news")}),
            ("alerts off", {"channel": alerts}),
            ("digest set", {"channel": alerts, "cadence": "daily"}),
            ("digest off", {}),
            ("platforms watch", {"platform": "appen", "feed": feed_url}),
            ("platforms unwatch", {"platform": "appen", "feed": feed_url}),
        ]
        refusals = [await stack.as_member(name, options).wait_response()
                    for name, options in member_actions]
        # Not even a role with every other bit set gets through without Manage Server.
        almost_admin = await stack.discord.invoke(
            "alerts off", {"channel": alerts}, guild_id=stack.guild.id,
            permissions=((1 << 41) - 1) & ~MANAGE_GUILD & ~(1 << 3),
        ).wait_response()
        member_show = await stack.as_member("alerts show").wait_response()

        private = await stack.admin_says("platforms watch", {"platform": "appen",
                                                             "feed": feed_url})
        after_routes, after_sources, after_digests = routes(stack), guild_sources(stack), \
            digests(stack)

    for (name, _), refusal in [*zip(member_actions, refusals, strict=True),
                               (("alerts off", {}), almost_admin)]:
        assert refusal.type == 4 and refusal.ephemeral, name
        assert refusal.content == NEEDS_MANAGE, (name, refusal.content)
    assert after_routes == before == [(str(alerts), 1)]
    assert after_sources == [] and after_digests == []
    assert member_show.type == 4 and member_show.ephemeral

    assert private.ephemeral
    assert private.content == (f"Nothing was added. `{feed_url}` cannot be watched: "
                               "refused: not a public network address.")
    assert stack.feeds.count("feed") == 0
    assert stack.feeds.count("feed") == 0  # refused before any request reached the host
