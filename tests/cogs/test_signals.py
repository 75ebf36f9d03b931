"""/signals recent, summary and explain through the Discord double."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.app import Services
from bot.discord_bot import LabelwatchBot
from storage.types import utcnow
from tests.cogs.conftest import Server
from tests.cogs.harness import (
    LAYOFF,
    PAY_CUT,
    answer,
    feed_record,
    pay_cuts,
    record,
    seed,
)
from tests.doubles.discord import DiscordDouble
from tests.storage.event_data import join_event, open_event
from tests.storage.signal_data import Decision, add_post


def field_titles(embed: dict) -> list[str]:
    return [f["value"].split("](", 1)[0].removeprefix("[") for f in embed["fields"]]


async def test_recent_pages_newest_first_and_only_the_invoker_turns_pages(
    services: Services, double: DiscordDouble, bot: LabelwatchBot, server_a: Server
) -> None:
    stored = await seed(services, *pay_cuts(7))
    titles = [i.post.record.title for i in stored]  # newest first
    handle = double.invoke("signals recent", {}, guild_id=server_a.id)
    message = await answer(handle)
    assert not message.ephemeral
    [embed] = message.embeds
    assert embed["footer"]["text"] == "Page 1 of 2"
    assert len(embed["fields"]) == 5
    assert [t.replace("\\", "") for t in field_titles(embed)] == titles[:5]
    assert "Pay cut" in embed["fields"][0]["name"] and "Outlier" in embed["fields"][0]["name"]
    assert message.custom_ids() == ["pager:previous", "pager:next"]
    assert message.components[0]["components"][0]["disabled"] is True

    stranger = double.add_member(server_a.id, name="stranger").user.id
    refused = double.press_button(message, "pager:next", user_id=stranger)
    reply = await refused.wait_response()
    assert reply.type == 4 and reply.ephemeral and "Only the person" in (reply.content or "")
    assert message.embeds[0]["footer"]["text"] == "Page 1 of 2"

    turned = double.press_button(message, "pager:next")
    assert (await turned.wait_response()).type == 7
    [embed] = message.embeds
    assert embed["footer"]["text"] == "Page 2 of 2"
    assert [t.replace("\\", "") for t in field_titles(embed)] == titles[5:]
    buttons = message.components[0]["components"]
    assert [b["disabled"] for b in buttons] == [False, True]

    back = double.press_button(message, "pager:previous")
    await back.wait_response()
    assert message.embeds[0]["footer"]["text"] == "Page 1 of 2"


async def test_page_buttons_go_away_when_the_view_times_out(
    services: Services, double: DiscordDouble, bot: LabelwatchBot, server_a: Server
) -> None:
    await seed(services, *pay_cuts(6))
    # The extension loader imports cogs.signals afresh, so compare by name, not class.
    cog = bot.get_cog("signals")
    assert type(cog).__name__ == "SignalsCog"
    cog.page_timeout = 0.2  # type: ignore[union-attr]
    message = await answer(double.invoke("signals recent", {}, guild_id=server_a.id))
    assert message.custom_ids()
    await double.wait_for(lambda: not message.custom_ids())
    assert message.embeds[0]["footer"]["text"] == "Page 1 of 2"


async def test_recent_filters_by_platform_event_type_and_days(
    services: Services, double: DiscordDouble, bot: LabelwatchBot, server_a: Server
) -> None:
    await seed(services, *pay_cuts(2),
               record(LAYOFF.format(n=200), "t3_lay1", hours_ago=3),
               record(LAYOFF.format(n=300), "t3_lay2", hours_ago=24 * 10))
    message = await answer(double.invoke(
        "signals recent", {"platform": "Mercor AI", "event_type": "layoff"},
        guild_id=server_a.id))
    [embed] = message.embeds
    assert embed["title"] == "Recent signals: Mercor · Layoff"
    assert [t for t in field_titles(embed)] == [LAYOFF.format(n=200)]
    assert message.custom_ids() == []  # one page: no buttons

    month = await answer(double.invoke("signals recent", {"platform": "mercor", "days": 30},
                                       guild_id=server_a.id))
    assert len(month.embeds[0]["fields"]) == 2

    none = await answer(double.invoke("signals recent", {"event_type": "pay_raise"},
                                      guild_id=server_a.id))
    assert none.embeds[0]["description"] == "No signals match in this period."


async def test_recent_refuses_bad_options_with_what_is_accepted(
    double: DiscordDouble, bot: LabelwatchBot, server_a: Server
) -> None:
    cases: list[tuple[dict[str, Any], str]] = [
        ({"days": 400}, "`days` must be from 1 to 365"),
        ({"days": 0}, "`days` must be from 1 to 365"),
        ({"platform": "nosuch"}, "Unknown platform `nosuch`"),
        ({"event_type": "bankrupt"}, "Accepted (comma-separated): layoff, pay_cut"),
    ]
    for options, expected in cases:
        handle = double.invoke("signals recent", options, guild_id=server_a.id)
        reply = await handle.wait_response()
        assert reply.type == 4 and reply.ephemeral, options
        assert expected in (reply.content or ""), (options, reply.content)


async def _events(services: Services, server_b: Server) -> None:
    """Three Outlier pay-cut posts as one event, a Mercor layoff, an older DataAnnotation
    hiring drive, and an event of server B's own sources."""
    now = utcnow()
    async with services.sessions.begin() as s:
        def post(n: int, hours_ago: float) -> Any:
            return add_post(s, f"t3_sum{n}", title=f"report {n}", decision=Decision(),
                            created=now - timedelta(hours=hours_ago))

        cut = await open_event(s, await post(1, 3))
        for n in (2, 3):
            await join_event(s, cut.event_id, await post(n, 3 - n / 2), source_key=f"s{n}")
        await open_event(s, await post(4, 2), platforms=("mercor",), event_type="layoff")
        await open_event(s, await post(5, 24 * 9), platforms=("dataannotation",),
                         event_type="hiring_expansion", direction="expansion")
        await open_event(s, await post(6, 1), guild_id=server_b.id)


async def test_summary_defers_then_counts_events_per_platform(
    services: Services, double: DiscordDouble, bot: LabelwatchBot, server_a: Server,
    server_b: Server,
) -> None:
    await _events(services, server_b)
    # Deferring first keeps the command alive however long the counting takes.
    double.ack_deadline = 0.5
    handle = double.invoke("signals summary", {"days": 7}, guild_id=server_a.id)
    assert (await handle.wait_response()).type == 5
    message = await answer(handle)
    [embed] = message.embeds
    assert embed["title"] == "Events in the last 7 days"
    assert embed["description"].startswith(
        "**2 events** (4 posts) · ▼ 2 contraction · ▲ 0 expansion")
    assert "Previous 7 days: 1 event (1 post) → +1" in embed["description"]
    names = [f["name"] for f in embed["fields"]]
    assert names == ["Outlier: 1 event (3 posts) +1", "Mercor: 1 event (1 post) +1",
                     "DataAnnotation: 0 events (0 posts) -1"]
    assert "Pay cut 1" in embed["fields"][0]["value"]
    assert "Generalists 1" in embed["fields"][0]["value"]
    assert "Reported 1" in embed["fields"][0]["value"]

    theirs = await answer(double.invoke("signals summary", {"days": 7}, guild_id=server_b.id))
    assert theirs.embeds[0]["description"].startswith("**3 events** (5 posts)")
    only = await answer(double.invoke("signals summary", {"platform": "dataannotation",
                                                          "days": 14}, guild_id=server_a.id))
    assert only.embeds[0]["title"] == "DataAnnotation: events in the last 14 days"
    assert only.embeds[0]["description"].startswith("**1 event** (1 post)")


async def test_summary_refuses_bad_days_before_deferring(
    double: DiscordDouble, bot: LabelwatchBot, server_a: Server
) -> None:
    reply = await double.invoke("signals summary", {"days": 366},
                                guild_id=server_a.id).wait_response()
    assert reply.type == 4 and reply.ephemeral and "1 to 365" in (reply.content or "")


async def test_explain_accepts_every_form_of_reference(
    services: Services, double: DiscordDouble, bot: LabelwatchBot, server_a: Server
) -> None:
    [item] = await seed(services, record(LAYOFF.format(n=200), "t3_abc123"))
    refs = [
        "https://old.reddit.com/r/outlier_ai/comments/abc123/some_slug/?utm_source=share",
        "https://www.reddit.com/r/outlier_ai/comments/abc123/",
        "reddit.com/comments/abc123",
        "https://redd.it/abc123",
        "<https://np.reddit.com/r/outlier_ai/comments/abc123/x/>",
        "t3_abc123",
        "ABC123",
    ]
    for ref in refs:
        message = await answer(double.invoke("signals explain", {"post": ref},
                                             guild_id=server_a.id))
        [embed] = message.embeds
        assert embed["title"] == "Why this post scored as it did", ref
        fields = {f["name"]: f["value"] for f in embed["fields"]}
        assert fields["Verdict"] == (f"Signal: {item.decision.score:.0f}/100 "
                                     f"(threshold {services.settings.scoring.threshold:g})")
        assert fields["Event"] == "Layoff" and fields["Platforms"] == "Mercor"
        assert "200 workers" in fields["Magnitude"]
        assert not message.ephemeral


async def test_explain_finds_feed_items_by_link(
    services: Services, double: DiscordDouble, bot: LabelwatchBot, server_a: Server
) -> None:
    link = "https://news.example.org/2026/outlier-cuts"
    await seed(services, feed_record(PAY_CUT.format(before=25), "guid-77", link))
    message = await answer(double.invoke("signals explain", {"post": link},
                                         guild_id=server_a.id))
    [embed] = message.embeds
    assert embed["url"] == link
    assert {f["name"]: f["value"] for f in embed["fields"]}["Event"] == "Pay cut"


async def test_explain_unknown_post_is_a_bad_argument(
    services: Services, double: DiscordDouble, bot: LabelwatchBot, server_a: Server
) -> None:
    await seed(services, record(LAYOFF.format(n=200), "t3_abc123"))
    for ref in ("https://www.reddit.com/r/outlier_ai/comments/zzz999/", "not a post at all",
                "https://www.reddit.com/r/outlier_ai/s/AbCdEf"):
        reply = await double.invoke("signals explain", {"post": ref},
                                    guild_id=server_a.id).wait_response()
        assert reply.type == 4 and reply.ephemeral
        assert (reply.content or "").startswith("No stored post matches `"), ref


async def test_autocomplete_offers_platforms_and_event_types(
    double: DiscordDouble, bot: LabelwatchBot, server_a: Server
) -> None:
    async def choices(options: dict, focused: str) -> list[str]:
        handle = double.invoke("signals recent", options, guild_id=server_a.id,
                               autocomplete=True, focused=focused)
        reply = await handle.wait_response()
        assert reply.type == 8
        return [c["value"] for c in reply.choices]

    assert (await choices({"platform": "outl"}, "platform"))[0] == "outlier"
    assert (await choices({"platform": "Scale"}, "platform"))[0] == "scale_ai"
    assert "telus_digital" in await choices({"platform": "TELUS Intl"}, "platform")
    assert len(await choices({"platform": ""}, "platform")) == 25
    assert await choices({"event_type": "pay"}, "event_type") == ["pay_cut", "pay_raise"]
    assert (await choices({"event_type": "Hiring dr"}, "event_type")) == ["hiring_expansion"]
