"""The ``[metrics]`` table: where ``/healthz`` and ``/metrics`` listen, and what healthy means.

Kept apart from ``bot/config.py`` so the settings of the operations
endpoints grow here without crowding the core configuration. Off by
default: a bot that nobody scrapes opens no port.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass

from bot.config_reader import ConfigError, TableReader

LISTEN_ENV = "LABELWATCH_METRICS_LISTEN"
DEFAULT_LISTEN = "127.0.0.1:9464"
"""The address the documentation suggests (9464 is Prometheus' usual exporter port)."""


@dataclass(frozen=True)
class MetricsSettings:
    listen: str | None = None
    """``host:port`` to serve ``/healthz`` and ``/metrics`` on; None: no server."""
    healthy_within_seconds: int = 900
    """``/healthz`` answers 503 once no poll has succeeded for this long."""

    @property
    def enabled(self) -> bool:
        return self.listen is not None

    @property
    def host(self) -> str:
        return split_listen(self.listen or DEFAULT_LISTEN)[0]

    @property
    def port(self) -> int:
        return split_listen(self.listen or DEFAULT_LISTEN)[1]


def split_listen(value: str) -> tuple[str, int]:
    """``("127.0.0.1", 9464)`` from ``127.0.0.1:9464``; ``[::1]:9464`` for IPv6."""
    host, sep, port = value.rpartition(":")
    if not sep or not host or not port.isdigit():
        raise ValueError("expected host:port")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            raise ValueError(f"{host!r} is not an IPv6 address") from None
    elif ":" in host:
        raise ValueError("write an IPv6 address in brackets, e.g. [::1]:9464")
    number = int(port)
    if not 0 <= number <= 65535:
        raise ValueError("the port must be from 0 to 65535")
    return host, number


def read_metrics(r: TableReader, env: Mapping[str, str]) -> MetricsSettings:
    """``[metrics]`` into settings; every mistake names its key.

    ``LABELWATCH_METRICS_LISTEN`` overrides ``listen``, so a container image
    can serve its health check whatever config file is mounted.
    """
    listen = r.string("listen")
    key = r.key("listen")
    if env_listen := env.get(LISTEN_ENV, "").strip():
        listen, key = env_listen, LISTEN_ENV
    if listen is not None:
        try:
            split_listen(listen.strip())
        except ValueError as exc:
            raise ConfigError(
                f"{key}: {exc}, like \"{DEFAULT_LISTEN}\" "
                f"(port 0 picks a free port), got {listen!r}"
            ) from None
        listen = listen.strip()
    settings = MetricsSettings(
        listen=listen,
        healthy_within_seconds=r.integer(
            "healthy_within_seconds", MetricsSettings.healthy_within_seconds, 1, 7 * 86400
        ),
    )
    r.finish()
    return settings
