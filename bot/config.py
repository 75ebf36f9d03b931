"""Typed settings, validated once at start-up.

Nothing here runs at import: ``load_settings`` reads the TOML file and the
environment when the command line asks for it, and every mistake becomes one
``ConfigError`` that names the key and what was expected, so a user never has
to read a traceback to fix a typo.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from bot.config_metrics import MetricsSettings, read_metrics
from bot.config_reader import ConfigError, TableReader, check_url, kind_of, shown_url
from bot.events.settings import EventSettings, read_event_settings
from bot.index.settings import IndexSettings, read_index
from bot.platforms import PlatformRegistry
from bot.scoring.model import EVENT_TYPES as SCORED_TYPES
from bot.spikes.baseline import SpikeSettings
from bot.spikes.settings import read_spikes

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///labelwatch.db"
DATABASE_URL_ENV = "LABELWATCH_DATABASE_URL"
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
class DatabaseSettings:
    url: str = field(default=DEFAULT_DATABASE_URL, repr=False)  # may hold a password

    @property
    def password(self) -> Secret | None:
        """The URL's password, for logging to mask; None when it has none."""
        password = make_url(self.url).password
        return Secret(str(password)) if password else None

    @property
    def shown_url(self) -> str:
        """The URL fit for output: the password replaced by ``***``."""
        return make_url(self.url).render_as_string(hide_password=True)


@dataclass(frozen=True)
class RedditSettings:
    user_agent: str = "labelwatch/0.1 (platform restructuring monitor)"
    poll_seconds: int = 60
    api_url: str = "https://oauth.reddit.com"
    www_url: str = "https://www.reddit.com"
    batch_size: int = 25
    client_id: Secret | None = None
    client_secret: Secret | None = None

    @property
    def has_credentials(self) -> bool:
        return self.client_id is not None and self.client_secret is not None


@dataclass(frozen=True)
class FeedSettings:
    poll_seconds: int = 300
    timeout_seconds: float = 20.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    failing_after: int = 3
    max_backoff_seconds: int = 3600
    allow_private: bool = False
    """Let the config file's feeds reach loopback or private hosts (guilds' feeds never may)."""


@dataclass(frozen=True)
class SourceSettings:
    kind: str
    target: str
    platform: str | None = None
    poll_seconds: int | None = None


@dataclass(frozen=True)
class ScoringSettings:
    threshold: float = 50.0
    model: Path | None = None
    """A model written by ``labelwatch train --output``; None: the packaged one."""


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


@dataclass(frozen=True)
class Settings:
    database: DatabaseSettings = field(default_factory=DatabaseSettings)
    reddit: RedditSettings = field(default_factory=RedditSettings)
    feeds: FeedSettings = field(default_factory=FeedSettings)
    sources: tuple[SourceSettings, ...] = ()
    builtin_sources: bool = True
    scoring: ScoringSettings = field(default_factory=ScoringSettings)
    alerts: AlertSettings = field(default_factory=AlertSettings)
    discord: DiscordSettings = field(default_factory=DiscordSettings)
    log_level: str = "INFO"
    registry: PlatformRegistry = field(default_factory=PlatformRegistry)
    events: EventSettings = field(default_factory=EventSettings)
    metrics: MetricsSettings = field(default_factory=MetricsSettings)
    index: IndexSettings = field(default_factory=IndexSettings)
    spikes: SpikeSettings = field(default_factory=SpikeSettings)


def _database_url(key: str, value: str) -> str:
    prefixes = ("sqlite+aiosqlite://", "postgresql+asyncpg://")
    if not value.startswith(prefixes):
        raise ConfigError(
            f"{key}: expected an async SQLAlchemy URL starting with sqlite+aiosqlite:// "
            f"or postgresql+asyncpg://, got {shown_url(value)}"
        )
    try:
        make_url(value)
    except (ArgumentError, ValueError):  # their text repeats the URL, password included
        raise ConfigError(
            f"{key}: not a valid database URL; expected "
            "postgresql+asyncpg://user:password@host:5432/database"
        ) from None
    return value


def _secret(env: Mapping[str, str], name: str) -> Secret | None:
    value = env.get(name, "").strip()
    return Secret(value) if value else None


def parse_settings(data: Mapping[str, Any], env: Mapping[str, str]) -> Settings:
    """Validate a parsed TOML document and the environment into ``Settings``."""
    top = TableReader(data, "")

    db = top.table_of("database")
    url = db.string("url", DEFAULT_DATABASE_URL)
    # A URL holding a password is a secret: the environment may supply it instead.
    if env_url := env.get(DATABASE_URL_ENV, "").strip():
        database = DatabaseSettings(url=_database_url(DATABASE_URL_ENV, env_url))
    else:
        database = DatabaseSettings(url=_database_url("database.url", url))
    db.finish()

    rd = top.table_of("reddit")
    defaults = RedditSettings()
    reddit = RedditSettings(
        user_agent=rd.string("user_agent", defaults.user_agent),
        poll_seconds=rd.integer("poll_seconds", defaults.poll_seconds, 1, 86400),
        api_url=rd.url("api_url", defaults.api_url, ("https", "http")),
        www_url=rd.url("www_url", defaults.www_url, ("https", "http")),
        batch_size=rd.integer("batch_size", defaults.batch_size, 1, 100),
        client_id=_secret(env, "REDDIT_CLIENT_ID"),
        client_secret=_secret(env, "REDDIT_CLIENT_SECRET"),
    )
    rd.finish()

    fd = top.table_of("feeds")
    fdef = FeedSettings()
    feeds = FeedSettings(
        poll_seconds=fd.integer("poll_seconds", fdef.poll_seconds, 1, 86400),
        timeout_seconds=fd.number("timeout_seconds", fdef.timeout_seconds, 0.1, 600),
        max_bytes=fd.integer("max_bytes", fdef.max_bytes, 1024, 10**9),
        max_redirects=fd.integer("max_redirects", fdef.max_redirects, 0, 20),
        failing_after=fd.integer("failing_after", fdef.failing_after, 1, 1000),
        max_backoff_seconds=fd.integer("max_backoff_seconds", fdef.max_backoff_seconds, 1, 86400),
        allow_private=fd.boolean("allow_private", False),
    )
    if "allow_private_hosts" in fd.table:
        raise ConfigError("feeds.allow_private_hosts: no longer exists; feeds a guild adds are "
                          "always fetched on public addresses only, and feeds.allow_private "
                          "= true lets this file's own feeds reach private hosts")
    fd.finish()

    overrides = _platform_overrides(top.get("platforms", []))
    try:
        registry = PlatformRegistry().with_overrides(overrides)
    except (ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"platforms: {exc}") from None

    sources = _sources(top.get("sources", []), registry)
    builtin_sources = top.boolean("builtin_sources", True)

    sc = top.table_of("scoring")
    model = sc.string("model")
    if model is not None and not Path(model).expanduser().is_file():
        raise ConfigError(f"scoring.model: no such file: {model}")
    scoring = ScoringSettings(threshold=sc.number("threshold", 50.0, 0, 100),
                              model=Path(model).expanduser() if model else None)
    sc.finish()

    alerts = _alerts(top.table_of("alerts"), registry)
    discord = _discord(top.table_of("discord"), env)
    events = read_event_settings(top.table_of("events"))
    index = read_index(top.table_of("index"))
    spikes = read_spikes(top.table_of("spikes"))

    log = top.table_of("logging")
    level = log.string("level", "INFO").upper()
    if level not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        raise ConfigError(
            f"logging.level: expected DEBUG, INFO, WARNING or ERROR, got {level!r}"
        )
    log.finish()
    metrics = read_metrics(top.table_of("metrics"), env)
    top.finish()

    return Settings(
        database=database, reddit=reddit, feeds=feeds, sources=sources,
        builtin_sources=builtin_sources, scoring=scoring, alerts=alerts, discord=discord,
        log_level=level, registry=registry, metrics=metrics, index=index, events=events,
        spikes=spikes,
    )


def _platform_overrides(raw: Any) -> list[dict[str, Any]]:
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
        for key in ("aliases", "loose_aliases", "subreddits", "feeds"):
            if key in item:
                entry[key] = r.strings(key)
        for j, url in enumerate(entry.get("feeds", ())):
            check_url(f"platforms[{i}].feeds[{j}]", url, ("https", "http"))
        if (tiered := r.boolean("tiered", None)) is not None:
            entry["tiered"] = tiered
        r.finish()
        out.append(entry)
    return out


def _sources(raw: Any, registry: PlatformRegistry) -> tuple[SourceSettings, ...]:
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


def _alerts(r: TableReader, registry: PlatformRegistry) -> AlertSettings:
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


def _discord(r: TableReader, env: Mapping[str, str]) -> DiscordSettings:
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
        token=_secret(env, "DISCORD_TOKEN"),
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


def load_settings(path: Path | None, env: Mapping[str, str] | None = None) -> Settings:
    """Read ``path`` (None: defaults only) and the environment into ``Settings``."""
    env = os.environ if env is None else env
    data: dict[str, Any] = {}
    if path is not None:
        try:
            with path.open("rb") as fh:
                data = tomllib.load(fh)
        except FileNotFoundError:
            raise ConfigError(f"config file not found: {path}") from None
        except IsADirectoryError:
            raise ConfigError(f"config file is a directory: {path}") from None
        except NotADirectoryError:
            raise ConfigError(f"config file not found: {path} (a folder on its path is a "
                              "file)") from None
        except OSError as exc:
            raise ConfigError(f"cannot read config file {path}: "
                              f"{exc.strerror or type(exc).__name__}") from None
        except UnicodeDecodeError as exc:
            raise ConfigError(f"{path}: not UTF-8 text (byte {exc.start + 1} is not valid "
                              "UTF-8); save the file as UTF-8") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    return parse_settings(data, env)
