"""Previous/Next buttons for paged command answers.

Only the member who ran the command can turn its pages (anyone else gets an
ephemeral note), and the buttons are removed when the view times out, so
nobody is left clicking buttons the bot no longer listens to.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable
from typing import Any

import discord

from cogs.common import to_embed

PageRenderer = Callable[[int], Awaitable[tuple[dict[str, Any], int, int]]]
"""``render(page) -> (embed, page, pages)``; the page is clamped to what exists now."""


class Pager(discord.ui.View):
    def __init__(
        self, *, owner_id: int, render: PageRenderer, page: int, pages: int, timeout: float,
        command: str,
    ) -> None:
        super().__init__(timeout=timeout)
        self.owner_id = owner_id
        self.render = render
        self.page = page
        self.pages = pages
        self.command = command
        self.origin: discord.Interaction | None = None
        """The command's interaction, whose token edits the paged message on timeout."""
        self._sync()

    def _sync(self) -> None:
        self.previous_page.disabled = self.page <= 1
        self.next_page.disabled = self.page >= self.pages

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message(
            f"Only the person who ran {self.command} can turn these pages; run it yourself "
            "to browse.", ephemeral=True)
        return False

    @discord.ui.button(label="Previous", style=discord.ButtonStyle.secondary,
                       custom_id="pager:previous")
    async def previous_page(
        self, interaction: discord.Interaction, _: discord.ui.Button[Pager]
    ) -> None:
        await self._turn(interaction, self.page - 1)

    @discord.ui.button(label="Next", style=discord.ButtonStyle.secondary, custom_id="pager:next")
    async def next_page(
        self, interaction: discord.Interaction, _: discord.ui.Button[Pager]
    ) -> None:
        await self._turn(interaction, self.page + 1)

    async def _turn(self, interaction: discord.Interaction, page: int) -> None:
        embed, self.page, self.pages = await self.render(page)
        self._sync()
        await interaction.response.edit_message(embed=to_embed(embed), view=self)

    async def on_timeout(self) -> None:
        if self.origin is None:
            return
        with contextlib.suppress(discord.HTTPException):
            await self.origin.edit_original_response(view=None)
