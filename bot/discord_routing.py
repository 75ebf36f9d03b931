"""Point discord.py at a Discord-compatible endpoint other than discord.com.

discord.py has no per-client setting for where it connects. It builds every
REST URL from the class attribute ``discord.http.Route.BASE`` (interaction
callbacks and webhooks included: ``Webhook.from_url`` only parses the id and
token out of the URL and then sends to ``Route.BASE``), and the plain
``Client`` opens the gateway at the class attribute
``DiscordWebSocket.DEFAULT_GATEWAY``; it asks ``GET /gateway/bot`` only when
sharding automatically (``AutoShardedClient``), and after READY it resumes at
READY's ``resume_gateway_url``, which the server controls. Routing therefore
has to change those two class attributes, which makes it process-wide: call
it once at start-up, before any client logs in, never per client.

Useful behind an API proxy, and it is how tests run the real client against
a local Discord double.
"""

from __future__ import annotations

import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route

DISCORD_API_BASE = "https://discord.com/api/v10"
DISCORD_GATEWAY = "wss://gateway.discord.gg/"
_HTTP_SCHEMES = ("http", "https")
_WS_SCHEMES = ("ws", "wss")


def route_discord(api_base: str, gateway_url: str | None) -> None:
    """Send discord.py's REST calls to ``api_base`` and, when given, its
    gateway connection to ``gateway_url``.

    ``api_base`` includes the version path, e.g. ``http://127.0.0.1:8080/api/v10``
    (a trailing slash is dropped). ``gateway_url=None`` leaves the gateway as
    it is. Raises ValueError for URLs discord.py could not use, before
    changing anything.
    """
    base = _checked(api_base, _HTTP_SCHEMES, "api_base").rstrip("/")
    gateway = (
        None if gateway_url is None else yarl.URL(_checked(gateway_url, _WS_SCHEMES, "gateway_url"))
    )
    Route.BASE = base
    if gateway is not None:
        DiscordWebSocket.DEFAULT_GATEWAY = gateway


def _checked(url: str, schemes: tuple[str, ...], name: str) -> str:
    parsed = yarl.URL(url)
    if parsed.scheme not in schemes or not parsed.host:
        raise ValueError(f"{name} must be an absolute {'/'.join(schemes)} URL, got {url!r}")
    return url
