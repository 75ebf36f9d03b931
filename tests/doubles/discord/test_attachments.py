"""Files on messages as Discord takes them: interaction answers, deferred followups,
edits that keep or drop attachments, alt text, and the count and size limits."""

from __future__ import annotations

import io

import discord
import pytest
from discord import app_commands
from discord.ext import commands

from tests.doubles.discord import LOADING, DiscordDouble, fixtures

discord_double = fixtures.discord_double
ready_bot = fixtures.ready_bot

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _file(name: str, data: bytes = PNG, description: str | None = None) -> discord.File:
    return discord.File(io.BytesIO(data), filename=name, description=description)


async def _command(bot: commands.Bot, name: str, callback: object) -> None:
    bot.tree.add_command(app_commands.Command(name=name, description=name,
                                              callback=callback))  # type: ignore[arg-type]
    await bot.tree.sync()


async def test_an_interaction_answer_carries_its_file_and_alt_text(
    discord_double: DiscordDouble, ready_bot: commands.Bot
) -> None:
    async def chart(interaction: discord.Interaction) -> None:
        await interaction.response.send_message(
            "here", file=_file("chart.png", description="A bar chart"))

    await _command(ready_bot, "chart", chart)
    handle = discord_double.invoke("chart", {})
    message = await handle.wait_original()
    [upload] = message.files
    assert upload.field_name == "files[0]" and upload.data == PNG
    [attachment] = message.attachments
    assert attachment["filename"] == "chart.png" and attachment["size"] == len(PNG)
    assert attachment["description"] == "A bar chart"
    assert message.content == "here"


async def test_a_deferred_answer_gets_its_file_from_the_followup(
    discord_double: DiscordDouble, ready_bot: commands.Bot
) -> None:
    async def export(interaction: discord.Interaction) -> None:
        await interaction.response.defer(thinking=True)
        sent = await interaction.followup.send(file=_file("events.csv", b"key\r\n"), wait=True)
        assert sent.attachments[0].filename == "events.csv"

    await _command(ready_bot, "export", export)
    handle = discord_double.invoke("export", {})
    message = await handle.wait_original(lambda m: not m.flags & LOADING)
    assert [a["filename"] for a in message.attachments] == ["events.csv"]
    assert message.files[0].data == b"key\r\n"


async def test_edits_keep_listed_attachments_and_drop_the_rest(
    discord_double: DiscordDouble, ready_bot: commands.Bot
) -> None:
    channel = ready_bot.get_channel(discord_double.guild().channel_id("alerts"))
    assert isinstance(channel, discord.TextChannel)
    sent = await channel.send(files=[_file("a.png"), _file("b.png")])
    [recorded] = discord_double.sent_messages()
    assert [a["filename"] for a in recorded.attachments] == ["a.png", "b.png"]
    edited = await sent.edit(attachments=[sent.attachments[1], _file("c.png")])
    assert [a.filename for a in edited.attachments] == ["b.png", "c.png"]
    assert [a["filename"] for a in recorded.attachments] == ["b.png", "c.png"]
    await sent.edit(content="text only", attachments=[])
    assert recorded.attachments == []


async def test_too_large_and_too_many_files_are_refused_as_discord_does(
    discord_double: DiscordDouble, ready_bot: commands.Bot
) -> None:
    channel = ready_bot.get_channel(discord_double.guild().channel_id("alerts"))
    assert isinstance(channel, discord.TextChannel)
    discord_double.upload_limit = 1000
    with pytest.raises(discord.HTTPException) as big:
        await channel.send(file=_file("big.csv", b"x" * 1001))
    assert big.value.status == 413 and big.value.code == 40005
    await channel.send(file=_file("fits.csv", b"x" * 1000))
    with pytest.raises(discord.HTTPException) as many:
        await channel.send(files=[_file(f"{i}.png") for i in range(11)])
    assert many.value.status == 400 and many.value.code == 50035
    assert [m.attachments[0]["filename"] for m in discord_double.sent_messages()] == ["fits.csv"]
