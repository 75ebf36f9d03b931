"""The Discord double against the real discord.py client: login, REST
messages, command registration, webhooks, errors and injected faults.

Interactions and gateway behaviour are tested in tests/doubles/discord/.
"""

from __future__ import annotations

import io
import time

import aiohttp
import discord
import pytest
from discord.ext import commands
from discord.gateway import DiscordWebSocket
from discord.http import Route

from bot.discord_routing import route_discord
from tests.doubles.discord import DiscordDouble, fixtures, routed, running
from tests.doubles.discord.fixtures import make_bot

discord_double = fixtures.discord_double
ready_bot = fixtures.ready_bot


async def test_route_discord_sets_rest_base_and_gateway() -> None:
    saved = (Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY)
    try:
        route_discord("http://127.0.0.1:9/api/v10/", "ws://127.0.0.1:9/gateway")
        assert Route.BASE == "http://127.0.0.1:9/api/v10"
        assert Route("GET", "/users/@me").url == "http://127.0.0.1:9/api/v10/users/@me"
        assert str(DiscordWebSocket.DEFAULT_GATEWAY) == "ws://127.0.0.1:9/gateway"
        route_discord("http://127.0.0.1:8/api/v10", None)
        assert Route.BASE == "http://127.0.0.1:8/api/v10"
        assert str(DiscordWebSocket.DEFAULT_GATEWAY) == "ws://127.0.0.1:9/gateway"
    finally:
        Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = saved


@pytest.mark.parametrize(
    ("api_base", "gateway"),
    [
        ("127.0.0.1:9/api", None),
        ("ws://127.0.0.1/api", None),
        ("http://127.0.0.1/api", "http://x/"),
    ],
)
async def test_route_discord_rejects_unusable_urls_and_changes_nothing(
    api_base: str, gateway: str | None
) -> None:
    before = (Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY)
    with pytest.raises(ValueError, match="must be an absolute"):
        route_discord(api_base, gateway)
    assert before == (Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY)


async def test_client_logs_in_and_sees_guild_and_channels(
    discord_double: DiscordDouble,
) -> None:
    guild_fixture = discord_double.guild()
    ready_seen: list[bool] = []
    bot = make_bot()

    @bot.event
    async def on_ready() -> None:
        ready_seen.append(True)

    async with running(bot, discord_double):
        assert ready_seen == [True]
        assert bot.user is not None and bot.user.id == discord_double.bot_user_id
        assert bot.application_id == discord_double.application_id
        guild = bot.get_guild(guild_fixture.id)
        assert guild is not None and guild.name == "Annotators"
        assert [c.name for c in guild.text_channels] == ["alerts", "general"]
        assert guild.me is not None and guild.me.id == discord_double.bot_user_id
        alerts = guild.get_channel(guild_fixture.channel_id("alerts"))
        assert isinstance(alerts, discord.TextChannel)
        assert alerts.permissions_for(guild.me).send_messages
        assert {r.name for r in guild.roles} >= {"@everyone", "moderator"}
    login = [r for r in discord_double.requests if r.path == "/users/@me"]
    assert login and login[0].headers["Authorization"] == f"Bot {discord_double.token}"
    assert discord_double.identifies == 1
    assert discord_double.unknown_requests() == []


async def test_wrong_token_is_a_login_failure(discord_double: DiscordDouble) -> None:
    bot = make_bot()
    with pytest.raises(discord.LoginFailure):
        await bot.login("not-the-token")
    await bot.close()
    assert discord_double.requests[-1].status == 401


async def test_channel_send_records_embed_and_allowed_mentions_exactly(
    discord_double: DiscordDouble, ready_bot: commands.Bot
) -> None:
    channel_id = discord_double.guild().channel_id("alerts")
    channel = ready_bot.get_channel(channel_id)
    assert isinstance(channel, discord.TextChannel)
    embed = discord.Embed(title="Outlier pay cut", description="Rates down 20%", color=0xE74C3C)
    embed.add_field(name="Platform", value="outlier")
    sent = await channel.send(
        "@everyone heads up", embed=embed, allowed_mentions=discord.AllowedMentions.none()
    )
    [recorded] = discord_double.sent_messages(channel_id)
    assert sent.id == recorded.id and sent.channel.id == channel_id
    assert recorded.payload["content"] == "@everyone heads up"
    assert recorded.payload["embeds"] == [embed.to_dict()]
    assert recorded.allowed_mentions == {"parse": []}
    assert recorded.embeds[0]["fields"] == [
        {"name": "Platform", "value": "outlier", "inline": True}
    ]
    assert sent.embeds[0].title == "Outlier pay cut"
    assert sent.author.id == discord_double.bot_user_id

    edited = await sent.edit(content="edited")
    assert edited.content == "edited" and recorded.content == "edited"
    await sent.delete()
    assert discord_double.sent_messages(channel_id) == []
    assert discord_double.sent_messages(channel_id, include_deleted=True) == [recorded]


async def test_replies_and_edits_of_deleted_messages_fail_like_discord(
    discord_double: DiscordDouble, ready_bot: commands.Bot
) -> None:
    guild = discord_double.guild()
    channel = ready_bot.get_channel(guild.channel_id("alerts"))
    other = ready_bot.get_channel(guild.channel_id("general"))
    assert isinstance(channel, discord.TextChannel) and isinstance(other, discord.TextChannel)
    original = await channel.send("the alert")
    answer = await original.reply("confirmed", mention_author=False)
    [_, recorded] = discord_double.sent_messages(channel.id)
    assert recorded.replies_to == original.id and recorded.message["type"] == 19
    assert answer.reference is not None and answer.reference.message_id == original.id
    assert recorded.message["referenced_message"]["id"] == str(original.id)
    with pytest.raises(discord.HTTPException) as elsewhere:
        await other.send("misplaced", reference=original)
    assert elsewhere.value.status == 400 and elsewhere.value.code == 50035
    assert "message_reference" in elsewhere.value.text

    discord_double.delete_message(original.id)
    with pytest.raises(discord.NotFound) as edit:
        await original.edit(content="too late")
    assert edit.value.code == 10008 and edit.value.text == "Unknown Message"
    with pytest.raises(discord.HTTPException) as late:
        await channel.send("late reply", reference=original)
    assert late.value.code == 50035 and "Unknown message" in late.value.text
    loose = await channel.send("no reply then", reference=original.to_reference(
        fail_if_not_exists=False))
    assert loose.reference is None
    assert discord_double.sent_messages(channel.id)[-1].replies_to is None


async def test_tree_sync_registers_global_and_guild_commands(
    discord_double: DiscordDouble, ready_bot: commands.Bot
) -> None:
    guild_id = discord_double.guild().id
    signals = discord.app_commands.Group(name="signals", description="Signals")

    @signals.command(description="Recent signals")
    async def recent(interaction: discord.Interaction, platform: str, limit: int = 5) -> None:
        raise AssertionError("not invoked here")

    ready_bot.tree.add_command(signals)
    synced = await ready_bot.tree.sync()
    [stored] = discord_double.registered_commands()
    assert [c.id for c in synced] == [int(stored["id"])]
    assert stored["name"] == "signals"
    [sub] = stored["options"]
    assert sub["name"] == "recent" and sub["type"] == 1
    assert [(o["name"], o["type"], o.get("required", False)) for o in sub["options"]] == [
        ("platform", 3, True),
        ("limit", 4, False),
    ]
    resynced = await ready_bot.tree.sync()
    assert resynced[0].id == synced[0].id, "Discord keeps ids of re-registered commands"

    ready_bot.tree.copy_global_to(guild=discord.Object(guild_id))
    await ready_bot.tree.sync(guild=discord.Object(guild_id))
    assert [c["name"] for c in discord_double.registered_commands(guild_id)] == ["signals"]
    assert [s.guild_id for s in discord_double.command_syncs] == [None, None, guild_id]
    fetched = await ready_bot.tree.fetch_commands()
    assert [c.name for c in fetched] == ["signals"]


async def test_invalid_command_registration_is_rejected(
    discord_double: DiscordDouble, ready_bot: commands.Bot
) -> None:
    with pytest.raises(discord.HTTPException) as info:
        await ready_bot.http.bulk_upsert_global_commands(
            discord_double.application_id, [{"name": "Bad Name", "description": "x"}]
        )
    assert info.value.status == 400 and info.value.code == 50035


@pytest.mark.parametrize("global_", [False, True])
async def test_rate_limited_send_is_retried_and_recorded_once(
    discord_double: DiscordDouble, ready_bot: commands.Bot, global_: bool
) -> None:
    channel = ready_bot.get_channel(discord_double.guild().channel_id("alerts"))
    assert isinstance(channel, discord.TextChannel)
    discord_double.rate_limit_next(
        1, retry_after=0.05, global_=global_, method="POST", path="/channels/*/messages"
    )
    await channel.send("after the limit")
    attempts = [r for r in discord_double.requests if r.method == "POST"]
    assert [(r.status, r.fault) for r in attempts] == [(429, "rate_limited"), (200, None)]
    assert [m.content for m in discord_double.sent_messages()] == ["after the limit"]


async def test_files_are_recorded_and_messages_can_be_fetched(
    discord_double: DiscordDouble, ready_bot: commands.Bot
) -> None:
    channel = ready_bot.get_channel(discord_double.guild().channel_id("alerts"))
    assert isinstance(channel, discord.TextChannel)
    sent = await channel.send("report", file=discord.File(io.BytesIO(b"a,b\n1,2\n"), "report.csv"))
    [recorded] = discord_double.sent_messages()
    [upload] = recorded.files
    assert (upload.filename, upload.data) == ("report.csv", b"a,b\n1,2\n")
    assert recorded.payload["content"] == "report"
    assert sent.attachments[0].filename == "report.csv"
    fetched = await channel.fetch_message(sent.id)
    assert fetched.content == "report"
    with pytest.raises(discord.NotFound) as info:
        await channel.fetch_message(sent.id + 1)
    assert info.value.code == 10008


async def test_server_error_then_success(
    discord_double: DiscordDouble, ready_bot: commands.Bot
) -> None:
    channel = ready_bot.get_channel(discord_double.guild().channel_id("alerts"))
    assert isinstance(channel, discord.TextChannel)
    discord_double.fail_next(1, status=500, path="/channels/")
    await channel.send("survived")  # discord.py sleeps 1 s before its retry
    assert [r.status for r in discord_double.requests if r.method == "POST"] == [500, 200]
    assert len(discord_double.sent_messages()) == 1


async def test_unretried_server_error_reaches_the_caller(
    discord_double: DiscordDouble, ready_bot: commands.Bot
) -> None:
    channel = ready_bot.get_channel(discord_double.guild().channel_id("alerts"))
    assert isinstance(channel, discord.TextChannel)
    discord_double.fail_next(1, status=503)
    with pytest.raises(discord.DiscordServerError):
        await channel.send("lost")
    assert discord_double.sent_messages() == []


async def test_outage_cuts_requests_until_it_ends(
    discord_double: DiscordDouble, ready_bot: commands.Bot
) -> None:
    channel = ready_bot.get_channel(discord_double.guild().channel_id("alerts"))
    assert isinstance(channel, discord.TextChannel)
    discord_double.set_down(True)
    started = time.monotonic()
    with pytest.raises(aiohttp.ClientConnectionError):
        await channel.send("during the outage")
    assert time.monotonic() - started < 1.0
    discord_double.set_down(False)
    await channel.send("after the outage")
    assert [m.content for m in discord_double.sent_messages()] == ["after the outage"]


async def test_deleted_and_forbidden_channels_raise_discord_errors(
    discord_double: DiscordDouble, ready_bot: commands.Bot
) -> None:
    guild = discord_double.guild()
    gone = ready_bot.get_channel(guild.channel_id("alerts"))
    closed = ready_bot.get_channel(guild.channel_id("general"))
    assert isinstance(gone, discord.TextChannel) and isinstance(closed, discord.TextChannel)
    discord_double.delete_channel(gone.id)
    discord_double.forbid_channel(closed.id)
    with pytest.raises(discord.NotFound) as not_found:
        await gone.send("x")
    assert not_found.value.code == 10003 and not_found.value.text == "Unknown Channel"
    with pytest.raises(discord.Forbidden) as forbidden:
        await closed.send("x")
    assert forbidden.value.code == 50013 and forbidden.value.text == "Missing Permissions"
    discord_double.allow_channel(closed.id)
    await closed.send("allowed again")
    assert [m.content for m in discord_double.sent_messages()] == ["allowed again"]


async def test_oversize_message_is_rejected_like_discord(
    discord_double: DiscordDouble, ready_bot: commands.Bot
) -> None:
    channel = ready_bot.get_channel(discord_double.guild().channel_id("alerts"))
    assert isinstance(channel, discord.TextChannel)
    with pytest.raises(discord.HTTPException) as info:
        await channel.send(embed=discord.Embed(title="t" * 300))
    assert info.value.status == 400 and info.value.code == 50035
    assert "embeds.0.title" in str(info.value)


async def test_webhook_from_url_posts_to_the_double(discord_double: DiscordDouble) -> None:
    channel_id = discord_double.guild().channel_id("alerts")
    hook = discord_double.create_webhook(channel_id, name="labelwatch alerts")
    async with aiohttp.ClientSession() as session:
        webhook = discord.Webhook.from_url(hook.url, session=session)
        sent = await webhook.send(
            "Mercor hiring freeze",
            embed=discord.Embed(title="Hiring frozen"),
            username="labelwatch",
            allowed_mentions=discord.AllowedMentions.none(),
            wait=True,
        )
        await webhook.send("fire and forget")
    first, second = discord_double.webhook_messages(hook.id)
    assert sent.id == first.id and first.channel_id == channel_id
    assert first.payload["username"] == "labelwatch"
    assert first.embeds[0]["title"] == "Hiring frozen"
    assert first.allowed_mentions == {"parse": []}
    assert second.content == "fire and forget"
    assert [r.query.get("wait") for r in discord_double.requests] == ["1", "0"]


async def test_webhook_direct_url_and_bad_token(discord_double: DiscordDouble) -> None:
    hook = discord_double.create_webhook(discord_double.guild().channel_id("alerts"))
    async with aiohttp.ClientSession() as session:
        async with session.post(hook.direct_url + "?wait=true", json={"content": "direct"}) as resp:
            assert resp.status == 200 and resp.headers["Content-Type"] == "application/json"
            assert (await resp.json())["content"] == "direct"
        async with session.post(hook.direct_url[:-3] + "xyz", json={"content": "x"}) as resp:
            assert resp.status == 401 and (await resp.json())["code"] == 50027
    assert [m.content for m in discord_double.webhook_messages()] == ["direct"]


async def test_unknown_routes_answer_404_and_are_recorded(
    discord_double: DiscordDouble, ready_bot: commands.Bot
) -> None:
    with pytest.raises(discord.NotFound):
        await ready_bot.http.request(Route("GET", "/stickers/{sticker_id}", sticker_id=1))
    [unknown] = discord_double.unknown_requests()
    assert (unknown.method, unknown.path, unknown.status) == ("GET", "/stickers/1", 404)


async def test_double_can_be_used_without_fixtures() -> None:
    async with DiscordDouble(token="another-token") as double:
        double.add_guild(channels=[{"name": "news", "topic": "feeds"}])
        with routed(double):
            async with running(make_bot(), double) as bot:
                [guild] = bot.guilds
                [news] = guild.text_channels
                assert (news.name, news.topic) == ("news", "feeds")
        assert Route.BASE == "https://discord.com/api/v10"


async def test_an_enforced_nonce_returns_the_first_message_like_discord(
    discord_double: DiscordDouble, ready_bot: commands.Bot
) -> None:
    alerts = discord_double.guild().channel_id("alerts")
    general = discord_double.guild().channel_id("general")
    http = ready_bot.http

    async def send(channel_id: int, body: dict[str, object]) -> str:
        route = Route("POST", "/channels/{channel_id}/messages", channel_id=channel_id)
        return str((await http.request(route, json=body))["id"])

    first = await send(alerts, {"content": "a", "nonce": "n1", "enforce_nonce": True})
    assert await send(alerts, {"content": "b", "nonce": "n1", "enforce_nonce": True}) == first
    # Another channel, or a nonce without enforce_nonce, creates a message as usual.
    assert await send(general, {"content": "c", "nonce": "n1", "enforce_nonce": True}) != first
    assert await send(alerts, {"content": "d", "nonce": "n1"}) != first
    assert [m.content for m in discord_double.sent_messages(alerts)] == ["a", "d"]
    with pytest.raises(discord.HTTPException) as info:
        await send(alerts, {"content": "e", "nonce": "x" * 26, "enforce_nonce": True})
    assert info.value.status == 400 and info.value.code == 50035
