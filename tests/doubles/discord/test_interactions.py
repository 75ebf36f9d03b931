"""Playing a Discord user against the real discord.py app-command tree:
slash commands, subcommands, resolved options, deferrals, followups,
autocomplete and buttons."""

from __future__ import annotations

import discord
import pytest
from discord import app_commands
from discord.ext import commands

from tests.doubles.discord import LOADING, DiscordDouble, fixtures

discord_double = fixtures.discord_double
ready_bot = fixtures.ready_bot


def signals_group(seen: list[dict[str, object]]) -> app_commands.Group:
    signals = app_commands.Group(name="signals", description="Signals")

    @signals.command(description="Recent signals")
    @app_commands.describe(platform="Platform id")
    async def recent(
        interaction: discord.Interaction,
        platform: str,
        channel: discord.TextChannel,
        limit: int = 5,
        role: discord.Role | None = None,
    ) -> None:
        seen.append(
            {
                "platform": platform,
                "channel": (channel.id, channel.name),
                "limit": limit,
                "role": role.name if role else None,
                "user": interaction.user.name,
                "admin": interaction.permissions.administrator,
                "bot_can_send": interaction.app_permissions.send_messages,
            }
        )
        await interaction.response.send_message(f"{limit} signals for {platform}", ephemeral=True)
        await interaction.followup.send("details follow", embed=discord.Embed(title=platform))

    @recent.autocomplete("platform")
    async def complete(
        interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        names = ["mercor", "outlier", "appen"]
        return [
            app_commands.Choice(name=n.title(), value=n) for n in names if n.startswith(current)
        ]

    return signals


async def test_slash_subcommand_gets_options_and_response_and_followup_are_recorded(
    discord_double: DiscordDouble, ready_bot: commands.Bot
) -> None:
    seen: list[dict[str, object]] = []
    ready_bot.tree.add_command(signals_group(seen))
    await ready_bot.tree.sync()
    guild = discord_double.guild()
    alerts = guild.channel_id("alerts")

    handle = discord_double.invoke(
        "signals recent",
        {"platform": "outlier", "channel": "alerts", "limit": 3, "role": "moderator"},
        channel_id=guild.channel_id("general"),
    )
    reply = await handle.wait_response()
    assert seen == [
        {
            "platform": "outlier",
            "channel": (alerts, "alerts"),
            "limit": 3,
            "role": "moderator",
            "user": "tester",
            "admin": False,
            "bot_can_send": True,
        }
    ]
    assert (reply.type, reply.content, reply.ephemeral) == (4, "3 signals for outlier", True)
    assert handle.original is not None and handle.original.ephemeral
    [followup] = await handle.wait_followups(1)
    assert followup.content == "details follow" and not followup.ephemeral
    assert followup.embeds[0]["title"] == "outlier"
    assert followup.channel_id == guild.channel_id("general")
    sent = handle.payload["data"]["options"][0]
    assert (sent["type"], sent["name"]) == (1, "recent")
    assert handle.payload["data"]["resolved"]["channels"][str(alerts)]["name"] == "alerts"


async def test_member_permissions_can_be_overridden(
    discord_double: DiscordDouble, ready_bot: commands.Bot
) -> None:
    seen: list[dict[str, object]] = []
    ready_bot.tree.add_command(signals_group(seen))
    await ready_bot.tree.sync()
    admin = discord.Permissions.all().value
    handle = discord_double.invoke(
        "signals recent", {"platform": "appen", "channel": "alerts"}, permissions=admin
    )
    await handle.wait_response()
    assert seen[0]["admin"] is True and seen[0]["limit"] == 5


async def test_autocomplete_round_trip(
    discord_double: DiscordDouble, ready_bot: commands.Bot
) -> None:
    ready_bot.tree.add_command(signals_group([]))
    await ready_bot.tree.sync()
    handle = discord_double.invoke(
        "signals recent",
        {"platform": "o", "channel": "alerts"},
        autocomplete=True,
        focused="platform",
    )
    reply = await handle.wait_response()
    assert reply.type == 8
    assert reply.choices == [{"name": "Outlier", "value": "outlier"}]
    assert handle.payload["type"] == 4
    assert handle.original is None


async def test_deferred_response_is_filled_by_the_first_followup_then_edited(
    discord_double: DiscordDouble, ready_bot: commands.Bot
) -> None:
    @ready_bot.tree.command(description="Weekly digest")
    async def digest(interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        await interaction.followup.send("digest ready")
        await interaction.edit_original_response(content="digest ready (edited)")

    await ready_bot.tree.sync()
    handle = discord_double.invoke("digest")
    reply = await handle.wait_response()
    assert (reply.type, reply.ephemeral) == (5, True)
    original = await handle.wait_original(lambda m: len(m.edits) == 2)
    assert original.content == "digest ready (edited)"
    assert original.ephemeral and not original.flags & LOADING
    assert handle.followups == [original]


async def test_button_presses_update_the_message(
    discord_double: DiscordDouble, ready_bot: commands.Bot
) -> None:
    class Pager(discord.ui.View):
        def __init__(self) -> None:
            super().__init__(timeout=30)
            self.page = 1

        @discord.ui.button(label="Next", custom_id="page:next")
        async def next_page(
            self, interaction: discord.Interaction, _: discord.ui.Button[Pager]
        ) -> None:
            self.page += 1
            await interaction.response.edit_message(content=f"page {self.page}", view=self)

    @ready_bot.tree.command(description="Paged list")
    async def pages(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("page 1", view=Pager())

    await ready_bot.tree.sync()
    command = discord_double.invoke("pages")
    await command.wait_response()
    message = command.original
    assert message is not None and message.custom_ids() == ["page:next"]

    for expected in ("page 2", "page 3"):
        press = discord_double.press_button(message, "page:next")
        reply = await press.wait_response()
        assert (reply.type, reply.content) == (7, expected)
        assert press.original is message and message.content == expected
    assert press.payload["message"]["id"] == str(message.id)
    with pytest.raises(ValueError, match="no component"):
        discord_double.press_button(message, "page:prev")


async def test_button_on_a_channel_message(
    discord_double: DiscordDouble, ready_bot: commands.Bot
) -> None:
    clicked: list[str] = []

    class Ack(discord.ui.View):
        @discord.ui.button(label="Ack", custom_id="ack")
        async def ack(self, interaction: discord.Interaction, _: discord.ui.Button[Ack]) -> None:
            clicked.append(interaction.user.name)
            await interaction.response.defer()

    channel = ready_bot.get_channel(discord_double.guild().channel_id("alerts"))
    assert isinstance(channel, discord.TextChannel)
    await channel.send("alert", view=Ack())
    [message] = discord_double.sent_messages()
    press = discord_double.press_button(message, "ack")
    reply = await press.wait_response()
    assert reply.type == 6 and clicked == ["tester"]


async def test_slow_handler_misses_the_ack_deadline(
    discord_double: DiscordDouble, ready_bot: commands.Bot
) -> None:
    errors: list[int] = []

    @ready_bot.tree.command(description="Too slow")
    async def slow(interaction: discord.Interaction) -> None:
        try:
            await interaction.response.send_message("late")
        except discord.NotFound as exc:
            errors.append(exc.code)

    await ready_bot.tree.sync()
    discord_double.ack_deadline = 0.0
    handle = discord_double.invoke("slow")
    await discord_double.wait_for(lambda: errors)
    assert errors == [10062] and handle.response is None


async def test_invoke_refuses_what_discord_would_never_send(
    discord_double: DiscordDouble, ready_bot: commands.Bot
) -> None:
    ready_bot.tree.add_command(signals_group([]))
    await ready_bot.tree.sync()
    with pytest.raises(LookupError, match="not registered"):
        discord_double.invoke("nosuch")
    with pytest.raises(ValueError, match="not registered"):
        discord_double.invoke("signals recent", {"platform": "x", "channel": "alerts", "bogus": 1})
    with pytest.raises(ValueError, match="required"):
        discord_double.invoke("signals recent", {"platform": "x"})
    with pytest.raises(LookupError, match="no subcommand"):
        discord_double.invoke("signals old", {})


async def test_invoke_without_registration_infers_option_types(
    discord_double: DiscordDouble, ready_bot: commands.Bot
) -> None:
    got: list[tuple[int, bool]] = []

    @ready_bot.tree.command(description="Unsynced")
    async def unsynced(interaction: discord.Interaction, count: int, loud: bool) -> None:
        got.append((count, loud))
        await interaction.response.send_message("ok")

    handle = discord_double.invoke("unsynced", {"count": 2, "loud": True})
    await handle.wait_response()
    assert got == [(2, True)]


async def test_nested_subcommand_group_and_original_response_routes(
    discord_double: DiscordDouble, ready_bot: commands.Bot
) -> None:
    admin = app_commands.Group(name="admin", description="Admin")
    feeds = app_commands.Group(name="feeds", description="Feeds", parent=admin)
    fetched: list[str] = []

    @feeds.command(description="Add a feed")
    async def add(interaction: discord.Interaction, url: str) -> None:
        await interaction.response.send_message(f"added {url}")
        fetched.append((await interaction.original_response()).content)
        await interaction.delete_original_response()

    ready_bot.tree.add_command(admin)
    await ready_bot.tree.sync()
    handle = discord_double.invoke("admin feeds add", {"url": "https://example.org/rss"})
    await handle.wait_response()
    await discord_double.wait_for(lambda: handle.original is not None and handle.original.deleted)
    assert fetched == ["added https://example.org/rss"]
    [group] = handle.payload["data"]["options"]
    assert (group["type"], group["name"]) == (2, "feeds")
    assert (group["options"][0]["type"], group["options"][0]["name"]) == (1, "add")


async def test_followup_before_acknowledging_is_unknown_webhook(
    discord_double: DiscordDouble, ready_bot: commands.Bot
) -> None:
    codes: list[int] = []

    @ready_bot.tree.command(description="Wrong order")
    async def wrong(interaction: discord.Interaction) -> None:
        try:
            await interaction.followup.send("too early")
        except discord.NotFound as exc:
            codes.append(exc.code)
        await interaction.response.send_message("now", ephemeral=True)

    await ready_bot.tree.sync()
    handle = discord_double.invoke("wrong")
    reply = await handle.wait_response()
    assert codes == [10015] and reply.content == "now" and handle.followups == []
