"""Gateway behaviour with the real discord.py client: resume after a drop,
re-identify after an invalidated session, pushed events, heartbeats."""

from __future__ import annotations

import discord
from discord.ext import commands

from tests.doubles.discord import DiscordDouble, fixtures, running
from tests.doubles.discord.fixtures import make_bot

discord_double = fixtures.discord_double
ready_bot = fixtures.ready_bot


def add_echo(bot: commands.Bot, calls: list[str]) -> None:
    @bot.tree.command(description="Echo")
    async def echo(interaction: discord.Interaction, text: str) -> None:
        calls.append(text)
        await interaction.response.send_message(text)


async def test_dropped_gateway_resumes_and_commands_keep_working(
    discord_double: DiscordDouble, ready_bot: commands.Bot
) -> None:
    calls: list[str] = []
    add_echo(ready_bot, calls)
    await ready_bot.tree.sync()
    assert (
        await discord_double.invoke("echo", {"text": "before"}).wait_response()
    ).content == "before"

    await discord_double.drop_gateway()
    # Pushed while the client is reconnecting: delivered once, live or replayed on RESUME.
    during = discord_double.invoke("echo", {"text": "during"})
    assert (await during.wait_response()).content == "during"
    await discord_double.wait_for(lambda: discord_double.resumes == 1)
    after = discord_double.invoke("echo", {"text": "after"})
    assert (await after.wait_response()).content == "after"
    assert calls == ["before", "during", "after"]
    assert discord_double.identifies == 1
    resume = [p for p in discord_double.gateway_received if p["op"] == 6]
    assert resume and resume[0]["d"]["token"] == discord_double.token


async def test_abrupt_drop_and_reconnect_request_also_resume(
    discord_double: DiscordDouble, ready_bot: commands.Bot
) -> None:
    await discord_double.drop_gateway(abrupt=True)
    await discord_double.wait_for(
        lambda: discord_double.resumes == 1 and discord_double.is_connected()
    )
    discord_double.request_reconnect()
    await discord_double.wait_for(
        lambda: discord_double.resumes == 2 and discord_double.is_connected()
    )
    assert discord_double.identifies == 1


async def test_invalidated_session_makes_the_client_identify_again(
    discord_double: DiscordDouble, ready_bot: commands.Bot
) -> None:
    calls: list[str] = []
    add_echo(ready_bot, calls)
    await ready_bot.tree.sync()

    async def identify_at_once(shard_id: int | None, *, initial: bool = False) -> None:
        """discord.py's default waits 5 s before every re-IDENTIFY."""

    ready_bot.before_identify_hook = identify_at_once  # type: ignore[method-assign]
    discord_double.invalidate_session(resumable=False)
    await discord_double.wait_for(
        lambda: discord_double.identifies == 2 and discord_double.is_connected()
    )
    await ready_bot.wait_until_ready()
    assert (
        await discord_double.invoke("echo", {"text": "again"}).wait_response()
    ).content == "again"
    assert ready_bot.get_guild(discord_double.guild().id) is not None


async def test_fixture_changes_reach_a_connected_client(
    discord_double: DiscordDouble, ready_bot: commands.Bot
) -> None:
    guild = discord_double.guild()
    channel = discord_double.add_channel(guild.id, "digest")
    created = await ready_bot.wait_for("guild_channel_create", timeout=5)
    assert created.id == channel.id and created.name == "digest"

    alerts = ready_bot.get_channel(guild.channel_id("alerts"))
    assert isinstance(alerts, discord.TextChannel)
    discord_double.forbid_channel(alerts.id)
    _, updated = await ready_bot.wait_for("guild_channel_update", timeout=5)
    assert not updated.permissions_for(updated.guild.me).send_messages

    other = discord_double.add_guild(name="Second", channels=["feeds"])
    joined = await ready_bot.wait_for("guild_join", timeout=5)
    assert joined.id == other.id and [c.name for c in joined.text_channels] == ["feeds"]


async def test_bot_messages_are_echoed_and_user_messages_can_be_pushed(
    discord_double: DiscordDouble, ready_bot: commands.Bot
) -> None:
    guild = discord_double.guild()
    alerts = ready_bot.get_channel(guild.channel_id("alerts"))
    assert isinstance(alerts, discord.TextChannel)
    sent = await alerts.send("hello")
    echoed = await ready_bot.wait_for("message", timeout=5)
    assert echoed.id == sent.id

    user = discord_double.add_member(guild.id, name="annotator")
    reached = discord_double.dispatch(
        "MESSAGE_CREATE",
        {
            **discord_double.messages()[0].message,
            "id": "1",
            "content": "Outlier cut our pay",
            "author": user.user.payload(),
            "guild_id": str(guild.id),
        },
    )
    assert reached == 1
    pushed = await ready_bot.wait_for("message", timeout=5)
    assert (pushed.content, pushed.author.name) == ("Outlier cut our pay", "annotator")


async def test_heartbeats_are_acknowledged_and_members_can_be_chunked() -> None:
    async with DiscordDouble(heartbeat_interval_ms=50) as double:
        guild_fixture = double.add_guild()
        double.add_member(guild_fixture.id, name="annotator")
        intents = discord.Intents.default()
        intents.members = True
        with fixtures.routed(double):
            bot = make_bot(intents=intents, chunk_guilds_at_startup=False)
            async with running(bot, double):
                heartbeats = lambda: [p for p in double.gateway_received if p["op"] == 1]  # noqa: E731
                await double.wait_for(lambda: len(heartbeats()) >= 3)
                await double.wait_for(lambda: bot.latency != float("inf"))
                guild = bot.get_guild(guild_fixture.id)
                assert guild is not None
                members = await guild.chunk()
                assert {m.name for m in members} == {"labelwatch", "guild-owner", "annotator"}


async def test_auto_sharded_bot_finds_the_gateway_through_rest() -> None:
    """AutoShardedClient ignores DEFAULT_GATEWAY and asks GET /gateway/bot."""
    async with DiscordDouble() as double:
        double.add_guild()
        with fixtures.routed(double):
            bot = commands.AutoShardedBot(
                command_prefix="!", intents=discord.Intents.default(), guild_ready_timeout=0.1
            )
            async with running(bot, double):
                assert bot.shard_count == 1 and len(bot.guilds) == 1
    assert [r.path for r in double.requests if r.path.startswith("/gateway")] == ["/gateway/bot"]
