"""Reading typed values out of parsed TOML, naming the dotted key on every mistake."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlparse, urlsplit


class ConfigError(Exception):
    """A configuration mistake, worded for the person who made it."""


class StartupError(Exception):
    """Start-up could not go on; the message is the whole story (``bot.startup`` words it)."""


class TableReader:
    """Pulls typed values out of one TOML table, remembering the dotted path."""

    def __init__(self, table: Any, path: str) -> None:
        if not isinstance(table, Mapping):
            raise ConfigError(f"{path}: expected a table, got {kind_of(table)}")
        self.table = table
        self.path = path
        self.used: set[str] = set()

    def key(self, name: str) -> str:
        return f"{self.path}.{name}" if self.path else name

    def get(self, name: str, default: Any = None) -> Any:
        self.used.add(name)
        return self.table.get(name, default)

    def string(self, name: str, default: str | None = None, *, required: bool = False) -> Any:
        value = self.get(name, default)
        if value is None and required:
            raise ConfigError(f"{self.key(name)}: required, expected a string")
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise ConfigError(
                f"{self.key(name)}: expected a non-empty string, got {kind_of(value)}"
            )
        return value

    def integer(self, name: str, default: int | None, lo: int = 1, hi: int = 10**9) -> Any:
        value = self.get(name, default)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
            raise ConfigError(
                f"{self.key(name)}: expected a whole number from {lo} to {hi}, got {kind_of(value)}"
            )
        return value

    def number(self, name: str, default: float | None, lo: float, hi: float) -> Any:
        value = self.get(name, default)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or not lo <= value <= hi:
            raise ConfigError(
                f"{self.key(name)}: expected a number from {lo:g} to {hi:g}, got {kind_of(value)}"
            )
        return float(value)

    def boolean(self, name: str, default: bool | None) -> Any:
        value = self.get(name, default)
        if value is not None and not isinstance(value, bool):
            raise ConfigError(f"{self.key(name)}: expected true or false, got {kind_of(value)}")
        return value

    def url(self, name: str, default: str | None, schemes: tuple[str, ...]) -> Any:
        value = self.string(name, default)
        if value is not None:
            check_url(self.key(name), value, schemes)
        return value.rstrip("/") if isinstance(value, str) else value

    def strings(self, name: str, allowed: tuple[str, ...] | None = None) -> tuple[str, ...]:
        value = self.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{self.key(name)}: expected a list of strings, got {kind_of(value)}")
        if allowed is not None:
            for v in value:
                if v not in allowed:
                    raise ConfigError(
                        f"{self.key(name)}: unknown value {v!r}, expected one of "
                        + ", ".join(allowed)
                    )
        return tuple(value)

    def table_of(self, name: str) -> TableReader:
        return TableReader(self.get(name, {}), self.key(name))

    def finish(self) -> None:
        unknown = sorted(set(self.table) - self.used)
        if unknown:
            where = self.path or "top level"
            raise ConfigError(
                f"{self.key(unknown[0])}: unknown key in {where}; expected one of "
                + ", ".join(sorted(self.used))
            )


def kind_of(value: Any) -> str:
    if isinstance(value, Mapping):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return f"{type(value).__name__} {value!r}"


def shown_url(value: str) -> str:
    """A URL as an error message may show it: scheme, host and port only.

    Credentials (a database password), paths (a webhook's token) and queries
    (API keys) never appear; a value that is not a URL at all is described,
    not quoted, since it may be a secret pasted in the wrong place.
    """
    try:
        parts = urlsplit(value)
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        parts, port = urlsplit(""), ""
    if parts.scheme and parts.netloc:
        login = "***@" if "@" in parts.netloc else ""
        rest = "/***" if parts.path.strip("/") or parts.query or parts.fragment else ""
        return repr(f"{parts.scheme}://{login}{parts.hostname or ''}{port}{rest}")
    scheme, sep, _ = value.partition("://")
    if sep and scheme.replace("+", "").isalnum():
        return repr(f"{scheme}://***")
    return f"a value of {len(value)} characters that is not a URL"


def check_url(key: str, value: str, schemes: tuple[str, ...]) -> None:
    parsed = urlparse(value)
    if parsed.scheme not in schemes or not parsed.netloc:
        raise ConfigError(
            f"{key}: expected a URL starting with {' or '.join(s + '://' for s in schemes)}, "
            f"got {shown_url(value)}"
        )
