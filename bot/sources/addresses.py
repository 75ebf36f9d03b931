"""Keeping fetched feeds off the bot's own network.

Any server admin can ask the bot to fetch a URL with ``/platforms watch``.
Checking the typed host once is not enough: a public host can redirect to a
local port, and a name can resolve to 127.0.0.1 when it is fetched. So the
check sits where the connection is made, after DNS and on every hop: the
aiohttp session for public-only fetches resolves names through
``GuardedResolver`` and refuses address literals before any request. The
refusal is one text whatever lies behind the address, so it tells nothing
about which local ports answer.

Feeds in the config file may reach private hosts only when the operator says
so (``[feeds] allow_private = true``); feeds a guild adds never may.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass, field
from types import SimpleNamespace

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import DefaultResolver

REFUSED = "refused: not a public network address"
"""The one answer for every address the bot will not fetch from."""

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")


class AddressRefused(OSError):
    """A connection the guard would not open (an OSError, as aiohttp expects of resolvers)."""

    def __init__(self) -> None:
        super().__init__(REFUSED)


def _embedded_v4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 form carries (mapped, NAT64 or 6to4), if any."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return ip.sixtofour


def is_public(address: str | IPAddress) -> bool:
    """Whether ``address`` is a public unicast address, IPv4 forms inside IPv6 included.

    Refused: loopback, private, link-local, shared (CGNAT), multicast,
    reserved and unspecified addresses; the deprecated IPv4-compatible
    ``::a.b.c.d``; and any IPv4-mapped, NAT64 (``64:ff9b::/96``), 6to4
    (``2002::/16``) or Teredo address whose IPv4 part is one of those.
    """
    try:
        ip = ipaddress.ip_address(str(address).split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        if ip in _IPV4_COMPATIBLE or ip in _NAT64_LOCAL or ip.is_site_local:
            return False
        inner = _embedded_v4(ip)
        if inner is not None:
            return is_public(inner)
        if ip.teredo is not None:
            return all(is_public(part) for part in ip.teredo)
    if (ip.is_multicast or ip.is_private or ip.is_loopback or ip.is_link_local
            or ip.is_reserved or ip.is_unspecified):
        return False
    return ip.is_global


@dataclass(frozen=True)
class AddressGuard:
    """Which addresses public-only fetches may connect to.

    ``exempt`` lists exact (address, port) pairs that are let through anyway.
    Only the start-up function's caller can set it (tests reach their doubles
    on 127.0.0.1 this way); no setting or command can.
    """

    exempt: frozenset[tuple[str, int]] = field(default_factory=frozenset)

    @classmethod
    def exempting(cls, pairs: Iterable[tuple[str, int]]) -> AddressGuard:
        return cls(frozenset((str(ipaddress.ip_address(a)), int(p)) for a, p in pairs))

    def allows(self, address: str, port: int) -> bool:
        if is_public(address):
            return True
        try:
            canonical = str(ipaddress.ip_address(address.split("%", 1)[0]))
        except ValueError:
            return False
        return (canonical, port) in self.exempt


class GuardedResolver(AbstractResolver):
    """Resolves through ``inner`` and refuses the name if any address it gives is refused.

    Checking what the connector is about to connect to (not what an earlier
    lookup said) leaves no gap for a name that resolves differently the
    second time.
    """

    def __init__(self, guard: AddressGuard, inner: AbstractResolver | None = None) -> None:
        self.guard = guard
        self.inner = inner if inner is not None else DefaultResolver()

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        results = await self.inner.resolve(host, port, family)
        if not results or not all(self.guard.allows(r["host"], r["port"] or port)
                                  for r in results):
            raise AddressRefused()
        return results

    async def close(self) -> None:
        await self.inner.close()


def _literal_check(guard: AddressGuard) -> aiohttp.TraceConfig:
    """Refuse a request to an address literal, which aiohttp never hands to the resolver."""

    async def on_request_start(
        _session: aiohttp.ClientSession, _context: SimpleNamespace,
        params: aiohttp.TraceRequestStartParams,
    ) -> None:
        host = (params.url.host or "").strip("[]")
        try:
            ipaddress.ip_address(host.split("%", 1)[0])
        except ValueError:
            return  # a name: the resolver checks what it resolves to
        port = params.url.port or (443 if params.url.scheme == "https" else 80)
        if not guard.allows(host, port):
            raise AddressRefused()

    trace = aiohttp.TraceConfig()
    trace.on_request_start.append(on_request_start)
    return trace


def public_session(
    guard: AddressGuard | None = None, resolver: AbstractResolver | None = None
) -> aiohttp.ClientSession:
    """An aiohttp session that connects only where ``guard`` allows.

    ``resolver`` is the DNS lookup underneath the check (the system's by
    default). Environment proxies are ignored: a proxy would connect for us.
    """
    guard = guard or AddressGuard()
    connector = aiohttp.TCPConnector(resolver=GuardedResolver(guard, resolver))
    return aiohttp.ClientSession(connector=connector, trace_configs=[_literal_check(guard)],
                                 trust_env=False)


def refused(exc: BaseException) -> bool:
    """Whether an aiohttp error is the guard's refusal."""
    if isinstance(exc, AddressRefused):
        return True
    return isinstance(getattr(exc, "os_error", None), AddressRefused)
