"""Public-only fetching: checked at connect time, after DNS and on every redirect hop."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp import web

from bot.config import FeedSettings
from bot.records import SourceState
from bot.sources.addresses import REFUSED, AddressGuard, is_public, public_session
from bot.sources.feeds import FeedFetcher
from tests.doubles.dns import StaticResolver
from tests.doubles.feeds import FeedDouble, LocalServer

POLICY = FeedSettings(timeout_seconds=2.0, max_bytes=100_000, max_redirects=3)


@pytest.mark.parametrize("address", [
    "127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "192.168.0.10", "169.254.169.254",
    "100.64.0.1", "100.127.255.254", "0.0.0.0", "255.255.255.255", "224.0.0.1",
    "239.255.255.250", "198.18.0.1", "240.0.0.1",
    "::1", "::", "fe80::1", "fe80::1%eth0", "fc00::1", "fd12:3456::1", "ff02::1", "fec0::1",
    "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::127.0.0.1", "::7f00:1",
    "64:ff9b::7f00:1", "64:ff9b::a00:1", "64:ff9b:1::1", "2002:7f00:1::", "2002:a00:1::1",
    "2002:c0a8:1::", "2001:db8::1", "not an address",
])
def test_private_local_and_embedded_forms_are_not_public(address: str) -> None:
    assert not is_public(address)


@pytest.mark.parametrize("address", [
    "93.184.216.34", "1.1.1.1", "2606:4700:4700::1111", "::ffff:93.184.216.34",
    "64:ff9b::5db8:d822", "2002:5db8:d822::1",
])
def test_public_addresses_pass(address: str) -> None:
    assert is_public(address)


class Victim(LocalServer):
    """A local service that must never hear from the fetcher."""

    def __init__(self) -> None:
        super().__init__()
        self.app.router.add_route("*", "/{tail:.*}", self._any)

    async def _any(self, request: web.Request) -> web.Response:
        self.record(request, "victim")
        return web.Response(text="<rss version='2.0'><channel><title>inside</title>"
                                 "<item><title>secret</title><guid>s</guid></item>"
                                 "</channel></rss>", content_type="application/rss+xml")

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
async def feeds() -> AsyncIterator[FeedDouble]:
    async with FeedDouble() as double:
        double.feed("ok").add("An item", guid="ok-1")
        yield double


@pytest.fixture
async def victim() -> AsyncIterator[Victim]:
    async with Victim() as server:
        yield server


@pytest.fixture
def dns(feeds: FeedDouble) -> StaticResolver:
    return StaticResolver({"feeds.example": "127.0.0.1", "inside.example": "127.0.0.1",
                           "split.example": ["93.184.216.34", "127.0.0.1"]})


@pytest.fixture
async def fetcher(
    feeds: FeedDouble, dns: StaticResolver
) -> AsyncIterator[FeedFetcher]:
    # The feed double plays a public host: only its own port is let through.
    guard = AddressGuard.exempting([("127.0.0.1", feeds.port)])
    async with aiohttp.ClientSession() as http, public_session(guard, dns) as public:
        yield FeedFetcher(http, POLICY, "labelwatch-test", public_http=public)


async def fetch_error(fetcher: FeedFetcher, url: str, *, public_only: bool = True) -> str | None:
    result = await fetcher.fetch(url, SourceState(key=f"feed:{url}"), public_only=public_only)
    assert result.state is not None
    return result.state.last_error


async def test_the_exempt_double_is_reachable(fetcher: FeedFetcher, feeds: FeedDouble) -> None:
    assert await fetch_error(fetcher, feeds.url_for("ok")) is None
    assert await fetch_error(fetcher, f"http://feeds.example:{feeds.port}/feeds/ok") is None


async def test_a_redirect_to_a_local_port_is_refused_before_connecting(
    fetcher: FeedFetcher, feeds: FeedDouble, victim: Victim
) -> None:
    open_port = feeds.redirect_away("open", f"http://127.0.0.1:{victim.port}/admin")
    closed = feeds.redirect_away("closed", f"http://127.0.0.1:{closed_port()}/admin")
    by_name = feeds.redirect_away("named", f"http://inside.example:{victim.port}/admin")
    answers = {await fetch_error(fetcher, url) for url in (open_port, closed, by_name)}
    # One text whatever lies behind the port: no port-scan oracle.
    assert answers == {REFUSED}
    assert victim.count() == 0
    assert feeds.count("redirect") == 3


async def test_a_name_resolving_to_loopback_is_refused(
    fetcher: FeedFetcher, victim: Victim, dns: StaticResolver
) -> None:
    assert await fetch_error(fetcher, f"http://inside.example:{victim.port}/feed") == REFUSED
    # One private answer among public ones is enough to refuse the name.
    assert await fetch_error(fetcher, f"http://split.example:{victim.port}/feed") == REFUSED
    assert "inside.example" in dns.lookups
    assert victim.count() == 0


@pytest.mark.parametrize("host", [
    "[::127.0.0.1]", "[64:ff9b::7f00:1]", "[2002:7f00:1::]", "[::ffff:127.0.0.1]", "[::1]",
    "127.0.0.1", "10.0.0.1", "169.254.169.254", "0.0.0.0",
])
async def test_address_literals_are_refused(
    fetcher: FeedFetcher, victim: Victim, host: str
) -> None:
    assert await fetch_error(fetcher, f"http://{host}:{victim.port}/feed") == REFUSED
    assert victim.count() == 0


async def test_operator_fetches_may_reach_private_hosts(
    fetcher: FeedFetcher, victim: Victim
) -> None:
    url = f"http://127.0.0.1:{victim.port}/feed"
    assert await fetch_error(fetcher, url, public_only=False) is None
    assert victim.count() == 1
