"""Keeping guild-added feeds off the bot's own network.

Any server admin can ask the bot to fetch a URL with ``/platforms watch``.
Without this check that is a way to make the bot probe loopback or private
hosts and report back what answered. Feeds in the config file are the
operator's own choice and are not checked.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit

from bot.config import FeedSettings


def _blocked(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    return not ip.is_global or ip.is_multicast


async def public_feed_problem(url: str, settings: FeedSettings) -> str | None:
    """Why ``url`` may not be watched by a guild, or None when its host is public."""
    if settings.allow_private_hosts:
        return None
    host = urlsplit(url).hostname
    if not host:
        return "the URL has no host"
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(
            host, None, type=socket.SOCK_STREAM
        )
    except socket.gaierror:
        return f"the host {host} does not resolve"
    if any(_blocked(str(info[4][0])) for info in infos):
        return f"the host {host} is a private or local address"
    return None
