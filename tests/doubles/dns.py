"""A DNS double: an aiohttp resolver that answers from a table instead of the network."""

from __future__ import annotations

import socket
from collections.abc import Mapping

from aiohttp.abc import AbstractResolver, ResolveResult


class StaticResolver(AbstractResolver):
    """Resolves the names in ``table`` to their addresses; any other name does not exist."""

    def __init__(self, table: Mapping[str, str | list[str]]) -> None:
        self.table = {k: [v] if isinstance(v, str) else list(v) for k, v in table.items()}
        self.lookups: list[str] = []

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        self.lookups.append(host)
        if host not in self.table:
            raise OSError(socket.EAI_NONAME, f"{host}: Name or service not known")
        return [
            {"hostname": host, "host": address, "port": port,
             "family": socket.AF_INET6 if ":" in address else socket.AF_INET,
             "proto": 0, "flags": socket.AI_NUMERICHOST}
            for address in self.table[host]
        ]

    async def close(self) -> None:
        return None
