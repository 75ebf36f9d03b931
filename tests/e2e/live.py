"""The whole of labelwatch as its users run it: ``python -m bot run`` against the doubles.

A ``Stack`` holds the doubles a test talks to (Reddit, feeds, Discord with
one guild) and writes the service's config; ``live`` starts the service as
a separate process, waits until it has registered its commands and is
connected, and always kills it afterwards. Helpers read the service's
SQLite database from outside, as an operator would.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.cogs.harness import answer
from tests.doubles.discord import DiscordDouble, Guild, InteractionHandle, RecordedMessage
from tests.doubles.feeds import FeedDouble
from tests.doubles.reddit import RedditDouble
from tests.support.service import Service, sqlite_rows, wait_until, write_config

MANAGE_GUILD = 1 << 5
SUBREDDIT = "outlier_ai"
COMMANDS = {"alerts", "digest", "events", "platforms", "signals"}
READY_LINE = "connected to Discord as"

SIGNAL_TITLE = "Outlier cut generalist rates from $25/hr to $16/hr today"
SIGNAL_BODY = "Everyone on the generalist projects got the email. @everyone <@&4242> check"
ORDINARY_TITLE = "Tips for passing the writing assessment?"
SIGNAL_TEMPLATES = (
    "Outlier cut generalist rates from ${before}/hr to $16/hr today (batch {n})",
    "Mercor laid off about {n}00 contractors on its physics project, everyone got the email",
    "DataAnnotation paused all coding projects for everyone, queues empty platform-wide ({n})",
    "Appen cut rates for all raters on the search project by 20% ({n})",
    "Toloka laid off 300 annotators and moved the work to domain experts ({n})",
    "Turing to cut a tenth of its staff, memo says ({n})",
    "micro1 dropped the Kestrel people and offered $18 instead of $24 ({n})",
    "Prolific paused all studies for new participants, hiring frozen ({n})",
)


def signal_title(n: int) -> str:
    """A signal post about its own event: consecutive ``n`` cycle through eight platforms,
    so up to eight in a row are eight events (eight messages)."""
    return SIGNAL_TEMPLATES[n % len(SIGNAL_TEMPLATES)].format(n=n, before=20 + n)


@dataclass
class Stack:
    """The doubles of one test, the guild the service serves, and its files."""

    tmp_path: Path
    reddit: RedditDouble
    discord: DiscordDouble
    feeds: FeedDouble
    guild: Guild
    admin_id: int
    starts: int = field(default=0)
    feed_sources: dict[str, str] = field(default_factory=dict)
    """Feeds of the config file (name on the feed double -> platform)."""
    webhooks: list[str] = field(default_factory=list)
    """Webhook URLs of the config file."""
    more_guilds: list[Guild] = field(default_factory=list)
    """Other servers the bot is in, whose commands it registers too."""
    database_url: str | None = None
    """Another database than the SQLite file ``db`` (a PostgreSQL one)."""

    @property
    def db(self) -> Path:
        return self.tmp_path / "lw.db"

    def channel(self, name: str) -> int:
        return self.guild.channel_id(name)

    def role(self, name: str) -> int:
        return self.guild.role_id(name)

    def config(self) -> Path:
        sources: list[dict[str, Any]] = [
            {"kind": "reddit", "target": SUBREDDIT, "platform": "outlier"},
            *({"kind": "feed", "target": self.feeds.url_for(name), "platform": platform}
              for name, platform in self.feed_sources.items()),
        ]
        arrays: dict[str, list[dict[str, Any]]] = {"sources": sources}
        if self.webhooks:
            arrays["alerts.webhooks"] = [{"url": url} for url in self.webhooks]
        return write_config(
            self.tmp_path / "config.toml",
            {"builtin_sources": False},
            {
                "database": {"url": self.database_url or f"sqlite+aiosqlite:///{self.db}"},
                "reddit": {"api_url": self.reddit.url, "www_url": self.reddit.url,
                           "poll_seconds": 1},
                "feeds": {"poll_seconds": 1, "timeout_seconds": 2.0, "allow_private": True},
                "discord": {"api_base": self.discord.api_base,
                            "gateway_url": self.discord.gateway_url,
                            "guild_ids": [self.guild.id, *(g.id for g in self.more_guilds)]},
            },
            arrays,
        )

    def env(self) -> dict[str, str]:
        return {"DISCORD_TOKEN": self.discord.token,
                "REDDIT_CLIENT_ID": self.reddit.client_id,
                "REDDIT_CLIENT_SECRET": self.reddit.client_secret}

    # -- playing the server's people ------------------------------------------

    def as_admin(self, name: str, options: dict[str, Any] | None = None,
                 channel: str = "general") -> InteractionHandle:
        return self.discord.invoke(name, options or {}, guild_id=self.guild.id,
                                   channel_id=self.channel(channel), user_id=self.admin_id)

    def as_member(self, name: str, options: dict[str, Any] | None = None,
                  channel: str = "general") -> InteractionHandle:
        """A plain member: the double's default user, with only @everyone's permissions."""
        return self.discord.invoke(name, options or {}, guild_id=self.guild.id,
                                   channel_id=self.channel(channel))

    async def admin_says(self, name: str, options: dict[str, Any] | None = None,
                         timeout: float = 10.0) -> RecordedMessage:  # noqa: ASYNC109
        """Run a command as the admin; its complete answer (after a deferral too)."""
        return await answer(self.as_admin(name, options), timeout=timeout)

    async def route_to(self, *channels: str, ping_role: str | None = None) -> None:
        """``/alerts set`` for each channel, checking each confirmation."""
        for name in channels:
            options: dict[str, Any] = {"channel": self.channel(name)}
            if ping_role is not None:
                options["ping_role"] = self.role(ping_role)
            message = await self.admin_says("alerts set", options)
            assert message.content == f"Alerts will be posted in <#{self.channel(name)}>.", \
                message.content

    # -- what the service did -----------------------------------------------

    def outbox(self, kind: str | None = "new") -> list[tuple[Any, ...]]:
        """``(id, event, channel id, status, attempts, last_error)`` per outbox row of
        ``kind`` (new messages by default; None for every row), ``event`` as ``e17``."""
        return sqlite_rows(
            self.db,
            "SELECT o.id, 'e' || o.event_id, r.sink_id, o.status, o.attempts, o.last_error "
            "FROM outbox o JOIN alert_routes r ON r.id = o.route_id "
            "WHERE ? IS NULL OR o.kind = ? ORDER BY o.id", kind, kind,
        )

    def outbox_for(self, channel: str) -> list[tuple[Any, ...]]:
        return [row for row in self.outbox() if row[2] == str(self.channel(channel))]

    def stored(self) -> list[str]:
        return [r[0] for r in sqlite_rows(self.db, "SELECT external_id FROM posts")]

    def alert_messages(self, channel: str) -> list[RecordedMessage]:
        return self.discord.sent_messages(self.channel(channel))

    async def wait_for_alerts(self, channel: str, count: int,
                              timeout: float = 30.0) -> list[RecordedMessage]:  # noqa: ASYNC109
        return await self.discord.wait_for_messages(count, channel_id=self.channel(channel),
                                                    timeout=timeout)

    async def wait_all_sent(self, count: int, within: float = 30.0) -> None:
        """Every one of ``count`` new messages confirmed in the outbox: none is sent again."""
        await wait_until(lambda: [r[3] for r in self.outbox()] == ["sent"] * count, within,
                         what=f"{count} sent alerts in the outbox")


def post_id_of(message: RecordedMessage) -> str:
    """The Reddit id a recorded alert links to (its embed's url)."""
    [embed] = message.payload["embeds"]
    match = re.search(r"/comments/([0-9a-z]+)/", embed.get("url", ""))
    assert match, embed
    return match.group(1)


def post_ids(messages: Iterable[RecordedMessage]) -> list[str]:
    return [post_id_of(m) for m in messages]


def embed_text(message: RecordedMessage) -> str:
    return json.dumps(message.payload, ensure_ascii=False)


def fields_of(embed: dict[str, Any]) -> dict[str, str]:
    return {f["name"]: f["value"] for f in embed.get("fields", [])}


@asynccontextmanager
async def live(stack: Stack, *, feeds_public: bool = False,
               within: float = 30.0) -> AsyncIterator[Service]:
    """``python -m bot run`` on the stack: registered, connected, and killed at the end.

    With ``feeds_public`` the feed double plays a public host, so guilds may add
    its feeds; without it, it is what it is, a local server they may not reach.
    """
    stack.starts += 1
    syncs = len(stack.discord.command_syncs)
    entry = ("-m", "tests.support.exempt_run", f"127.0.0.1:{stack.feeds.port}") \
        if feeds_public else ("-m", "bot")
    service = Service(stack.config(), stack.env(), stack.tmp_path / f"run-{stack.starts}.log",
                      entry)
    await service.start("run")
    try:
        await stack.discord.wait_for(
            lambda: len(stack.discord.command_syncs) > syncs
            and all({c["name"] for c in stack.discord.registered_commands(g.id)} == COMMANDS
                    for g in (stack.guild, *stack.more_guilds)),
            timeout=within,
        )
        # on_ready: discord.py has the guild in its cache and handles interactions.
        await service.wait_for_output(READY_LINE, within)
        yield service
    finally:
        if service.running:
            await service.kill()
