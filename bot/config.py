"""Typed settings, validated once at start-up.

Nothing here runs at import: ``load_settings`` reads the TOML file and the
environment when the command line asks for it, and every mistake becomes one
``ConfigError`` that names the key and what was expected, so a user never has
to read a traceback to fix a typo.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.config_metrics import MetricsSettings, read_metrics
from bot.config_reader import ConfigError, TableReader, kind_of, shown_url
from bot.config_sections import (
    EVENT_TYPES,
    TIERS,
    AlertSettings,
    DiscordSettings,
    Secret,
    SourceSettings,
    WebhookSettings,
    env_secret,
    read_alerts,
    read_discord,
    read_platform_overrides,
    read_sources,
)
from bot.events.settings import EventSettings, read_event_settings
from bot.index.settings import IndexSettings, read_index
from bot.platforms import PlatformRegistry
from bot.scoring.scorer import Scorer
from bot.spikes.baseline import SpikeSettings
from bot.spikes.settings import read_spikes

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///labelwatch.db"
DATABASE_URL_ENV = "LABELWATCH_DATABASE_URL"

__all__ = [
    "DATABASE_URL_ENV",
    "DEFAULT_DATABASE_URL",
    "EVENT_TYPES",
    "TIERS",
    "AlertSettings",
    "ConfigError",
    "DatabaseSettings",
    "DiscordSettings",
    "FeedSettings",
    "RedditSettings",
    "ScoringSettings",
    "Secret",
    "Settings",
    "SourceSettings",
    "WebhookSettings",
    "load_settings",
    "parse_settings",
    "scorer_for",
]


@dataclass(frozen=True)
class DatabaseSettings:
    url: str = field(default=DEFAULT_DATABASE_URL, repr=False)  # may hold a password

    @property
    def password(self) -> Secret | None:
        """The URL's password, for logging to mask; None when it has none."""
        from sqlalchemy.engine import make_url

        password = make_url(self.url).password
        return Secret(str(password)) if password else None

    @property
    def shown_url(self) -> str:
        """The URL fit for output: the password replaced by ``***``."""
        from sqlalchemy.engine import make_url

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


def auto_scoring_processes() -> int:
    """Two scoring processes where two cores are there to run them, else one.

    Two keep both cores busy beside the process that stores and groups
    (more would only queue for the same cores).
    """
    return min(2, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
               else os.cpu_count() or 1)


@dataclass(frozen=True)
class ScoringSettings:
    threshold: float = 50.0
    model: Path | None = None
    """A model written by ``labelwatch train --output``; None: the packaged one."""
    processes: int = field(default_factory=auto_scoring_processes)
    """Processes that score large batches (a replay's pages) side by side; 1: one."""


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


def scorer_for(settings: Settings, threshold: float | None = None) -> Scorer:
    """The scorer the settings describe: their platform registry, threshold and model file.

    Every command that scores builds its scorer here, so ``[scoring] model`` and
    ``threshold`` reach them all alike. ``threshold`` (``--threshold``) overrides the
    configured one.
    """
    return Scorer(settings.registry,
                  threshold=settings.scoring.threshold if threshold is None else threshold,
                  model_path=settings.scoring.model)


def _database_url(key: str, value: str, parse: bool = True) -> str:
    prefixes = ("sqlite+aiosqlite://", "postgresql+asyncpg://")
    if not value.startswith(prefixes):
        raise ConfigError(
            f"{key}: expected an async SQLAlchemy URL starting with sqlite+aiosqlite:// "
            f"or postgresql+asyncpg://, got {shown_url(value)}"
        )
    if not parse:
        return value
    # Imported here, not with the module: commands that open no database (score, eval)
    # then never load the database layer.
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        make_url(value)
    except (ArgumentError, ValueError):  # their text repeats the URL, password included
        raise ConfigError(
            f"{key}: not a valid database URL; expected "
            "postgresql+asyncpg://user:password@host:5432/database"
        ) from None
    return value


def _scoring_processes(sc: TableReader) -> int:
    """``scoring.processes``: a count from 1 to 64, or "auto" (the default)."""
    value = sc.get("processes", "auto")
    if value == "auto":
        return auto_scoring_processes()
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 64:
        raise ConfigError(f"scoring.processes: expected \"auto\" or a whole number from 1 to "
                          f"64, got {kind_of(value)}")
    return value


def parse_settings(data: Mapping[str, Any], env: Mapping[str, str], *,
                   parse_database_url: bool = True) -> Settings:
    """Validate a parsed TOML document and the environment into ``Settings``.

    ``parse_database_url``: False for commands that open no database (``score``,
    ``eval``): the URL's form is then checked without loading SQLAlchemy to parse it.
    """
    top = TableReader(data, "")

    db = top.table_of("database")
    url = db.string("url", DEFAULT_DATABASE_URL)
    # A URL holding a password is a secret: the environment may supply it instead.
    if env_url := env.get(DATABASE_URL_ENV, "").strip():
        database = DatabaseSettings(url=_database_url(DATABASE_URL_ENV, env_url,
                                                      parse_database_url))
    else:
        database = DatabaseSettings(url=_database_url("database.url", url, parse_database_url))
    db.finish()

    rd = top.table_of("reddit")
    defaults = RedditSettings()
    reddit = RedditSettings(
        user_agent=rd.string("user_agent", defaults.user_agent),
        poll_seconds=rd.integer("poll_seconds", defaults.poll_seconds, 1, 86400),
        api_url=rd.url("api_url", defaults.api_url, ("https", "http")),
        www_url=rd.url("www_url", defaults.www_url, ("https", "http")),
        batch_size=rd.integer("batch_size", defaults.batch_size, 1, 100),
        client_id=env_secret(env, "REDDIT_CLIENT_ID"),
        client_secret=env_secret(env, "REDDIT_CLIENT_SECRET"),
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

    overrides = read_platform_overrides(top.get("platforms", []))
    try:
        registry = PlatformRegistry().with_overrides(overrides)
    except (ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"platforms: {exc}") from None

    sources = read_sources(top.get("sources", []), registry)
    builtin_sources = top.boolean("builtin_sources", True)

    sc = top.table_of("scoring")
    model = sc.string("model")
    if model is not None and not Path(model).expanduser().is_file():
        raise ConfigError(f"scoring.model: no such file: {model}")
    scoring = ScoringSettings(threshold=sc.number("threshold", 50.0, 0, 100),
                              model=Path(model).expanduser() if model else None,
                              processes=_scoring_processes(sc))
    sc.finish()

    alerts = read_alerts(top.table_of("alerts"), registry)
    discord = read_discord(top.table_of("discord"), env)
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


def load_settings(path: Path | None, env: Mapping[str, str] | None = None, *,
                  parse_database_url: bool = True) -> Settings:
    """Read ``path`` (None: defaults only) and the environment into ``Settings``
    (``parse_database_url`` as for ``parse_settings``)."""
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
    return parse_settings(data, env, parse_database_url=parse_database_url)
