"""Helpers to run a real discord.py client against the double in a test.

``routed`` restores discord.py's global routing afterwards so one test's
double never leaks into the next; ``running`` starts a client, waits for
``on_ready`` (or the login error) and always closes it.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator

import discord
from discord.gateway import DiscordWebSocket
from discord.http import Route

from bot.discord_routing import route_discord

from .server import DiscordDouble


@contextlib.contextmanager
def routed(double: DiscordDouble) -> Iterator[None]:
    """``route_discord`` to the double, restoring the previous routing on exit."""
    saved = (Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY)
    route_discord(double.api_base, double.gateway_url)
    try:
        yield
    finally:
        Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = saved


@contextlib.asynccontextmanager
async def running(
    client: discord.Client,
    double: DiscordDouble,
    *,
    timeout: float = 10.0,  # noqa: ASYNC109
) -> AsyncIterator[discord.Client]:
    """Start ``client`` with the double's token and yield once it is ready.

    Construct the client with a small ``guild_ready_timeout`` (e.g. 0.1):
    discord.py waits that long after the last GUILD_CREATE before on_ready.
    If the client dies before becoming ready (bad token, routing mistake)
    its exception is raised here instead of a bare timeout.
    """
    task = asyncio.create_task(client.start(double.token))
    ready = asyncio.create_task(client.wait_until_ready())
    try:
        done, _ = await asyncio.wait(
            {task, ready}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
        )
        if task in done:
            task.result()
            raise RuntimeError("the client stopped before becoming ready")
        if ready not in done:
            raise TimeoutError(
                f"client not ready within {timeout}s; requests:\n"
                + "\n".join(f"  {r}" for r in double.requests[-10:])
            )
        yield client
    finally:
        ready.cancel()
        await client.close()
        # A client in its reconnect back-off would otherwise sleep up to minutes.
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await task
