"""/alerts set, off and show through the Discord double."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.app import Services
from bot.discord_bot import LabelwatchBot
from storage.queries.alerts import disable_route, routes_for_guild
from tests.cogs.conftest import Server
from tests.cogs.harness import HIRING, LAYOFF, MANAGE_GUILD, answer, pay_cuts, record, seed
from tests.doubles.discord import DiscordDouble


async def routes(services: Services, guild_id: int) -> list[Any]:
    async with services.sessions() as session:
        return await routes_for_guild(session, guild_id)


async def test_set_saves_every_filter_and_confirms(
    services: Services, double: DiscordDouble, bot: LabelwatchBot, server_a: Server,
    server_b: Server,
) -> None:
    role = server_a.guild.role_id("pinged")
    handle = double.invoke("alerts set", {
        "channel": server_a.channel("alerts"), "min_score": 60, "platforms": "outlier, Mercor",
        "event_types": "pay_cut,Layoff", "tiers": "generalist", "ping_role": role,
    }, guild_id=server_a.id, user_id=server_a.admin_id)
    message = await answer(handle)
    assert message.ephemeral
    assert message.content == f"Alerts will be posted in <#{server_a.channel('alerts')}>."
    [embed] = message.embeds
    assert embed["title"] == "Alert route saved"
    value = embed["fields"][0]["value"]
    assert "score ≥ 60 · Mercor, Outlier" in value
    assert "Layoff, Pay cut · Generalists" in value
    assert f"Pings <@&{role}>" in value
    # The confirmation names the role but must not ping it.
    assert message.allowed_mentions == {"parse": []}
    [route] = await routes(services, server_a.id)
    assert (route.channel_id, route.min_score, route.platforms, route.event_types, route.tiers,
            route.ping_role_id) == (server_a.channel("alerts"), 60, ("mercor", "outlier"),
                                    ("layoff", "pay_cut"), ("generalist",), role)
    assert await routes(services, server_b.id) == []


async def test_set_without_filters_takes_every_signal(
    services: Services, double: DiscordDouble, bot: LabelwatchBot, server_a: Server
) -> None:
    message = await answer(double.invoke("alerts set", {"channel": server_a.channel("alerts")},
                                         guild_id=server_a.id, user_id=server_a.admin_id))
    value = message.embeds[0]["fields"][0]["value"]
    assert "every signal · all platforms" in value and "all events · all tiers" in value
    # Two events (Outlier's pay cut, reported twice, and a Mercor layoff): two messages.
    await seed(services, *pay_cuts(2), record(LAYOFF.format(n=200), "t3_lay1", hours_ago=2))
    [route] = await routes(services, server_a.id)
    assert route.pending == 2


async def test_set_refuses_bad_options_and_saves_nothing(
    services: Services, double: DiscordDouble, bot: LabelwatchBot, server_a: Server
) -> None:
    channel = server_a.channel("alerts")
    cases: list[tuple[dict[str, Any], str]] = [
        ({"min_score": 150}, "`min_score` must be from 0 to 100; you gave 150"),
        ({"min_score": -1}, "`min_score` must be from 0 to 100"),
        ({"platforms": "outlier,nosuch,zzz"}, "Unknown platform(s) `nosuch`, `zzz`"),
        ({"event_types": "pay_cut,bankrupt"}, "Unknown event type(s) `bankrupt`"),
        ({"tiers": "novice"}, "Accepted (comma-separated): generalist, expert, all, unknown"),
        ({"ping_role": server_a.id}, "cannot ping @everyone"),
        ({"platforms": "outlier", "min_score": 101}, "`min_score`"),
    ]
    for options, expected in cases:
        reply = await double.invoke("alerts set", {"channel": channel, **options},
                                    guild_id=server_a.id,
                                    user_id=server_a.admin_id).wait_response()
        assert reply.type == 4 and reply.ephemeral, options
        assert expected in (reply.content or ""), (options, reply.content)
    assert await routes(services, server_a.id) == []


async def test_set_refuses_a_channel_the_bot_cannot_post_in(
    services: Services, double: DiscordDouble, bot: LabelwatchBot, server_a: Server
) -> None:
    channel = server_a.channel("general")
    updated = asyncio.ensure_future(bot.wait_for(
        "guild_channel_update", check=lambda before, after: after.id == channel, timeout=5))
    double.forbid_channel(channel)
    await updated  # the bot's cache now holds the overwrite that denies it
    reply = await double.invoke("alerts set", {"channel": channel}, guild_id=server_a.id,
                                user_id=server_a.admin_id).wait_response()
    assert reply.ephemeral and "lacks Send Messages" in (reply.content or "")
    assert await routes(services, server_a.id) == []


async def test_members_without_manage_server_cannot_change_routes(
    services: Services, double: DiscordDouble, bot: LabelwatchBot, server_a: Server
) -> None:
    channel = server_a.channel("alerts")
    await answer(double.invoke("alerts set", {"channel": channel}, guild_id=server_a.id,
                               user_id=server_a.admin_id))
    plain = double.add_member(server_a.id, name="member").user.id
    for command, options in (("alerts set", {"channel": channel, "min_score": 90}),
                             ("alerts off", {"channel": channel})):
        reply = await double.invoke(command, options, guild_id=server_a.id,
                                    user_id=plain).wait_response()
        assert reply.type == 4 and reply.ephemeral
        assert "Manage Server" in (reply.content or "")
    [route] = await routes(services, server_a.id)
    assert route.min_score is None
    [registered] = [c for c in double.registered_commands() if c["name"] == "alerts"]
    assert int(registered["default_member_permissions"]) == MANAGE_GUILD
    assert registered["contexts"] == [0]


async def test_off_removes_the_route_and_says_when_there_is_none(
    services: Services, double: DiscordDouble, bot: LabelwatchBot, server_a: Server
) -> None:
    channel = server_a.channel("alerts")
    await answer(double.invoke("alerts set", {"channel": channel}, guild_id=server_a.id,
                               user_id=server_a.admin_id))
    message = await answer(double.invoke("alerts off", {"channel": channel},
                                         guild_id=server_a.id, user_id=server_a.admin_id))
    assert message.ephemeral and message.content.startswith("Alerts are no longer posted in")
    assert await routes(services, server_a.id) == []
    again = await answer(double.invoke("alerts off", {"channel": channel},
                                       guild_id=server_a.id, user_id=server_a.admin_id))
    assert again.ephemeral and "gets no alerts from labelwatch" in again.content


async def test_show_lists_this_servers_routes_with_their_health(
    services: Services, double: DiscordDouble, bot: LabelwatchBot, server_a: Server,
    server_b: Server,
) -> None:
    for name in ("alerts", "general"):
        await answer(double.invoke("alerts set", {"channel": server_a.channel(name)},
                                   guild_id=server_a.id, user_id=server_a.admin_id))
    await seed(services, *pay_cuts(1), record(LAYOFF.format(n=200), "t3_lay1", hours_ago=2),
               record(HIRING.format(pay=60), "t3_hire1", hours_ago=3))  # three events
    _, second = await routes(services, server_a.id)
    async with services.sessions.begin() as session:
        await disable_route(session, second.id, "HTTP 404: Unknown Channel (code 10003)")

    message = await answer(double.invoke("alerts show", {}, guild_id=server_a.id,
                                         user_id=server_a.admin_id))
    assert message.ephemeral
    fields = message.embeds[0]["fields"]
    assert f"<#{server_a.channel('alerts')}>" in fields[0]["value"]
    assert "✅ active · 3 pending · 0 sent" in fields[0]["value"]
    assert "⛔ disabled: HTTP 404: Unknown Channel (code 10003) · 3 failed" in fields[1]["value"]

    other = await answer(double.invoke("alerts show", {}, guild_id=server_b.id,
                                       user_id=server_b.admin_id))
    assert other.embeds[0]["description"].startswith("No alert routes yet")
    assert "fields" not in other.embeds[0] or other.embeds[0]["fields"] == []


async def test_autocomplete_completes_the_last_item_of_a_list(
    double: DiscordDouble, bot: LabelwatchBot, server_a: Server
) -> None:
    async def choices(options: dict[str, Any], focused: str) -> list[str]:
        reply = await double.invoke("alerts set", {"channel": server_a.channel("alerts"),
                                                   **options},
                                    guild_id=server_a.id, user_id=server_a.admin_id,
                                    autocomplete=True, focused=focused).wait_response()
        assert reply.type == 8
        return [c["value"] for c in reply.choices]

    assert (await choices({"platforms": "mercor, outl"}, "platforms"))[0] == "mercor,outlier"
    assert "mercor,mercor" not in await choices({"platforms": "mercor,"}, "platforms")
    assert await choices({"event_types": "layoff,pay"}, "event_types") == [
        "layoff,pay_cut", "layoff,pay_raise"]
    assert await choices({"tiers": "gen"}, "tiers") == ["generalist"]


async def test_set_with_index_opts_the_channel_in_to_convergence_alerts(
    services: Services, double: DiscordDouble, bot: LabelwatchBot, server_a: Server
) -> None:
    message = await answer(double.invoke("alerts set", {
        "channel": server_a.channel("alerts"), "index": True,
    }, guild_id=server_a.id, user_id=server_a.admin_id))
    assert "convergence alerts" in message.embeds[0]["fields"][0]["value"]
    [route] = await routes(services, server_a.id)
    assert route.index_alerts
    # Setting the channel again without the option turns them off.
    await answer(double.invoke("alerts set", {"channel": server_a.channel("alerts")},
                               guild_id=server_a.id, user_id=server_a.admin_id))
    [route] = await routes(services, server_a.id)
    assert not route.index_alerts
