"""/digest set and off through the Discord double."""

from __future__ import annotations

import re
from typing import Any

from bot.app import Services
from bot.discord_bot import LabelwatchBot
from storage.queries.guilds import DigestView, get_digest
from storage.types import utcnow
from tests.cogs.conftest import Server
from tests.cogs.harness import MANAGE_GUILD, answer
from tests.doubles.discord import DiscordDouble


async def digest_of(services: Services, guild_id: int) -> DigestView | None:
    async with services.sessions() as session:
        return await get_digest(session, guild_id)


async def test_set_schedules_this_servers_digest_only(
    services: Services, double: DiscordDouble, bot: LabelwatchBot, server_a: Server,
    server_b: Server,
) -> None:
    channel = server_a.channel("digest")
    message = await answer(double.invoke(
        "digest set", {"channel": channel, "cadence": "weekly", "hour_utc": 7},
        guild_id=server_a.id, user_id=server_a.admin_id))
    assert message.ephemeral
    assert message.content.startswith(
        f"A weekly digest will be posted in <#{channel}> every Monday at 07:00 UTC")
    when = int(re.search(r"<t:(\d+):R>", message.content).group(1))  # type: ignore[union-attr]
    assert when >= utcnow().timestamp() - 60
    digest = await digest_of(services, server_a.id)
    assert digest is not None
    assert (digest.channel_id, digest.cadence, digest.hour_utc) == (channel, "weekly", 7)
    assert await digest_of(services, server_b.id) is None

    daily = await answer(double.invoke("digest set", {"channel": channel, "cadence": "daily"},
                                       guild_id=server_a.id, user_id=server_a.admin_id))
    assert "every day at 09:00 UTC" in daily.content
    digest = await digest_of(services, server_a.id)
    assert digest is not None and (digest.cadence, digest.hour_utc) == ("daily", 9)


async def test_set_refuses_bad_options(
    services: Services, double: DiscordDouble, bot: LabelwatchBot, server_a: Server
) -> None:
    channel = server_a.channel("digest")
    cases: list[tuple[dict[str, Any], str]] = [
        ({"cadence": "daily", "hour_utc": 24}, "`hour_utc` must be an hour from 0 to 23"),
        ({"cadence": "daily", "hour_utc": -1}, "`hour_utc` must be an hour from 0 to 23"),
        ({"cadence": "monthly"}, "monthly"),
    ]
    for options, expected in cases:
        reply = await double.invoke("digest set", {"channel": channel, **options},
                                    guild_id=server_a.id,
                                    user_id=server_a.admin_id).wait_response()
        assert reply.type == 4 and reply.ephemeral, options
        assert expected in (reply.content or ""), (options, reply.content)
    assert await digest_of(services, server_a.id) is None


async def test_off_stops_the_digest_and_says_when_there_is_none(
    services: Services, double: DiscordDouble, bot: LabelwatchBot, server_a: Server,
    server_b: Server,
) -> None:
    await answer(double.invoke("digest set", {"channel": server_a.channel("digest"),
                                              "cadence": "daily"},
                               guild_id=server_a.id, user_id=server_a.admin_id))
    elsewhere = await answer(double.invoke("digest off", {}, guild_id=server_b.id,
                                           user_id=server_b.admin_id))
    assert elsewhere.ephemeral and "no digest to turn off" in elsewhere.content
    assert await digest_of(services, server_a.id) is not None

    message = await answer(double.invoke("digest off", {}, guild_id=server_a.id,
                                         user_id=server_a.admin_id))
    assert message.ephemeral and message.content == "The digest is off."
    assert await digest_of(services, server_a.id) is None


async def test_members_without_manage_server_cannot_change_the_digest(
    services: Services, double: DiscordDouble, bot: LabelwatchBot, server_a: Server
) -> None:
    for command, options in (("digest set", {"channel": server_a.channel("digest"),
                                             "cadence": "daily"}),
                             ("digest off", {})):
        reply = await double.invoke(command, options, guild_id=server_a.id).wait_response()
        assert reply.type == 4 and reply.ephemeral
        assert "Manage Server" in (reply.content or "")
    assert await digest_of(services, server_a.id) is None
    [registered] = [c for c in double.registered_commands() if c["name"] == "digest"]
    assert int(registered["default_member_permissions"]) == MANAGE_GUILD
