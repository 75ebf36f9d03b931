"""The config file's sections that name sources and destinations: ``[[sources]]``,
``[[platforms]]``, ``[alerts]`` and ``[discord]``, and the secrets they carry.

``bot.config`` assembles them into ``Settings`` and re-exports every public name
here, so callers keep importing from ``bot.config``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.config_reader import ConfigError, TableReader, check_url, kind_of
from bot.platforms import PlatformRegistry
from bot.scoring.model import EVENT_TYPES as SCORED_TYPES

EVENT_TYPES = tuple(t for t in SCORED_TYPES if t != "none")
"""The scorer's event types (its one list is ``bot/scoring/cues/scoring.toml``)."""
TIERS = ("generalist", "expert", "all", "unknown")
_SUBREDDIT_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_]{1,20}$")


@dataclass(frozen=True)
class Secret:
    """A value that never shows itself in a repr, a log line or a traceback."""

    value: str

    def __repr__(self) -> str:
        return "Secret('***')"

    __str__ = __repr__


@dataclass(frozen=True)
class SourceSettings:
    kind: str
    target: str
    platform: str | None = None
    poll_seconds: int | None = None


@dataclass(frozen=True)
class WebhookSettings:
    url: str
    min_score: float | None = None
    platforms: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    tiers: tuple[str, ...] = ()
    index: bool = False
    """The webhook also gets the cross-platform index's convergence alerts."""


@dataclass(frozen=True)
class AlertSettings:
    webhooks: tuple[WebhookSettings, ...] = ()
    console: bool | None = None
    """None: print to the console only when no bot token and no webhook exist."""


@dataclass(frozen=True)
class DiscordSettings:
    api_base: str = "https://discord.com/api/v10"
    gateway_url: str | None = None
    guild_ids: tuple[int, ...] = ()
    token: Secret | None = None
    feedback_role: str | None = None
    """A role whose members may use an alert's feedback buttons, besides Manage Server."""
    shard_count: int | None = None
    shard_ids: tuple[int, ...] | None = None


def env_secret(env: Mapping[str, str], name: str) -> Secret | None:
    """The environment variable ``name`` as a ``Secret``; None when unset or blank."""
    value = env.get(name, "").strip()
    return Secret(value) if value else None


def read_platform_overrides(raw: Any) -> list[dict[str, Any]]:
    """``[[platforms]]``: entries that add platforms or change the packaged ones."""
    if not isinstance(raw, list):
        raise ConfigError(
            f"platforms: expected an array of tables [[platforms]], got {kind_of(raw)}"
        )
    out = []
    for i, item in enumerate(raw):
        r = TableReader(item, f"platforms[{i}]")
        entry: dict[str, Any] = {"id": r.string("id", required=True)}
        for key in ("name", "parent"):
            if (value := r.string(key)) is not None:
                entry[key] = value
        for key in ("aliases", "loose_aliases", "subreddits", "communities", "feeds"):
            if key in item:
                entry[key] = r.strings(key)
        for j, url in enumerate(entry.get("feeds", ())):
            check_url(f"platforms[{i}].feeds[{j}]", url, ("https", "http"))
        if (tiered := r.boolean("tiered", None)) is not None:
            entry["tiered"] = tiered
        r.finish()
        out.append(entry)
    return out


def read_sources(raw: Any, registry: PlatformRegistry) -> tuple[SourceSettings, ...]:
    """``[[sources]]``: extra subreddits and feeds, each checked before it is polled."""
    if not isinstance(raw, list):
        raise ConfigError(f"sources: expected an array of tables [[sources]], got {kind_of(raw)}")
    out = []
    for i, item in enumerate(raw):
        r = TableReader(item, f"sources[{i}]")
        kind = r.string("kind", required=True)
        if kind not in ("reddit", "feed"):
            raise ConfigError(f"sources[{i}].kind: expected \"reddit\" or \"feed\", got {kind!r}")
        target = r.string("target", required=True)
        if kind == "reddit":
            target = target.strip().removeprefix("/").removeprefix("r/")
            if not _SUBREDDIT_RE.match(target):
                raise ConfigError(
                    f"sources[{i}].target: expected a subreddit name (letters, digits, _; "
                    f"2-21 characters), got {target!r}"
                )
        else:
            check_url(f"sources[{i}].target", target, ("https", "http"))
        platform = r.string("platform")
        if platform is not None and platform not in registry and platform != "other":
            raise ConfigError(
                f"sources[{i}].platform: unknown platform {platform!r}; expected one of "
                + ", ".join(registry.ids)
            )
        poll = r.integer("poll_seconds", None, 1, 86400)
        r.finish()
        out.append(SourceSettings(kind, target, platform, poll))
    return tuple(out)


def read_alerts(r: TableReader, registry: PlatformRegistry) -> AlertSettings:
    """``[alerts]``: configured webhooks with their filters, and the console switch."""
    raw = r.get("webhooks", [])
    if not isinstance(raw, list):
        raise ConfigError(
            f"alerts.webhooks: expected [[alerts.webhooks]] tables, got {kind_of(raw)}"
        )
    hooks = []
    for i, item in enumerate(raw):
        w = TableReader(item, f"alerts.webhooks[{i}]")
        hooks.append(WebhookSettings(
            url=w.url("url", None, ("https", "http")) or _missing(w.key("url"), "a webhook URL"),
            min_score=w.number("min_score", None, 0, 100),
            platforms=w.strings("platforms", (*registry.ids, "other")),
            event_types=w.strings("event_types", EVENT_TYPES),
            tiers=w.strings("tiers", TIERS),
            index=w.boolean("index", False),
        ))
        w.finish()
    console = r.boolean("console", None)
    r.finish()
    return AlertSettings(webhooks=tuple(hooks), console=console)


def read_discord(r: TableReader, env: Mapping[str, str]) -> DiscordSettings:
    """``[discord]``: where the bot connects, its guilds, feedback role and shards."""
    d = DiscordSettings()
    guild_ids = r.get("guild_ids", [])
    if not isinstance(guild_ids, list) or not all(
        isinstance(g, int) and not isinstance(g, bool) and g > 0 for g in guild_ids
    ):
        raise ConfigError(f"discord.guild_ids: expected a list of guild ids (numbers), got "
                          f"{kind_of(guild_ids)}")
    settings = DiscordSettings(
        api_base=r.url("api_base", d.api_base, ("https", "http")),
        gateway_url=r.url("gateway_url", None, ("wss", "ws")),
        guild_ids=tuple(guild_ids),
        token=env_secret(env, "DISCORD_TOKEN"),
        feedback_role=_role_name(r),
        **_shards(r),
    )
    r.finish()
    return settings


def _role_name(r: TableReader) -> str | None:
    """``feedback_role``: a role's name as Discord shows it (1 to 100 characters)."""
    name = r.string("feedback_role")
    if name is None:
        return None
    name = name.strip().removeprefix("@")
    if not 1 <= len(name) <= 100:
        raise ConfigError(f"{r.key('feedback_role')}: expected a role name of 1 to 100 "
                          f"characters, got {len(name)}")
    return str(name)


def _shards(r: TableReader) -> dict[str, Any]:
    """``shard_count`` and this instance's ``shard_ids`` (all of them when unset)."""
    count = r.integer("shard_count", None, 1, 65536)
    ids = r.get("shard_ids")
    if ids is None:
        return {"shard_count": count}
    if count is None:
        raise ConfigError("discord.shard_ids: needs discord.shard_count (the total number of "
                          "shards) too")
    if not isinstance(ids, list) or not ids or not all(
        isinstance(i, int) and not isinstance(i, bool) and 0 <= i < count for i in ids
    ) or len(set(ids)) != len(ids):
        shown = repr(ids)[:80] if isinstance(ids, list) else kind_of(ids)
        raise ConfigError(f"discord.shard_ids: expected distinct shard numbers from 0 to "
                          f"{count - 1}, got {shown}")
    return {"shard_count": count, "shard_ids": tuple(sorted(ids))}


def _missing(key: str, what: str) -> Any:
    raise ConfigError(f"{key}: required, expected {what}")
