"""``labelwatch doctor``: every outside dependency checked once, each with what to do.

Config, database (reachable, schema current), the Discord token (a real
``GET /users/@me``), the Reddit app (a real token request), each webhook (a
``GET`` of it, never a post) and each source (fetched once, counted,
compared with what the service last saw). Nothing is written anywhere.

It builds its own engine and HTTP session rather than calling
``build_services``: that function refuses an outdated schema and creates
one in an empty database, and the doctor must diagnose both without
changing either.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import aiohttp
from sqlalchemy.engine import make_url

from bot.app import make_reddit
from bot.config import Settings
from bot.delivery.labels import redact_webhook, webhook_parts
from bot.doctor_check import FAIL, OK, SKIP, WARN, Check
from bot.doctor_sources import source_checks
from bot.records import SourceState
from bot.source_report import source_rows
from bot.sources.feeds import FeedFetcher
from storage.engine import create_engine, current_revision, head_revision, session_factory
from storage.queries.guilds import GuildSourceView, all_guild_sources
from storage.queries.sources import all_states

HTTP_TIMEOUT = aiohttp.ClientTimeout(total=15)
DATABASE_TIMEOUT = 15.0


def config_check(settings: Settings, where: str) -> Check:
    rows = source_rows(settings, (), ())
    feeds = sum(r.kind == "feed" for r in rows)
    hooks = len(settings.alerts.webhooks)
    alerts = ("the bot" if settings.discord.token else
              f"{hooks} webhook(s)" if hooks else "the console")
    metrics = (f"metrics on {settings.metrics.listen}" if settings.metrics.enabled
               else "metrics off")
    return Check("config", OK, f"{where}: {len(rows) - feeds} subreddits, {feeds} feeds; "
                 f"alerts via {alerts}; {metrics}")


def _missing_sqlite_file(database_url: str) -> str | None:
    """The SQLite file's path when it does not exist: connecting would create it."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return None if Path(url.database).exists() else url.database


async def database_check(
    settings: Settings,
) -> tuple[Check, list[SourceState], list[GuildSourceView]]:
    """Reachable and at this version's schema; with the source states it holds, if any."""
    shown = settings.database.shown_url
    if missing := _missing_sqlite_file(settings.database.url):
        return Check("database", WARN, f"{missing} does not exist yet",
                     "`labelwatch run` creates it (or `labelwatch db upgrade`)"), [], []
    engine = create_engine(settings.database.url)
    try:
        try:
            async with asyncio.timeout(DATABASE_TIMEOUT):
                current = await current_revision(engine)
        except Exception as exc:
            reason = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}"
            return Check(
                "database", FAIL, f"cannot reach {shown} ({reason})",
                "check [database] url (or LABELWATCH_DATABASE_URL) and that the server runs",
            ), [], []
        head = head_revision()
        states: list[SourceState] = []
        guilds: list[GuildSourceView] = []
        if current is not None:
            try:
                async with session_factory(engine)() as session, \
                        asyncio.timeout(DATABASE_TIMEOUT):
                    states = await all_states(session)
                    guilds = await all_guild_sources(session)
            except Exception:  # an old or odd schema: the revision check says what to do
                states, guilds = [], []
    finally:
        await engine.dispose()
    if current is None:
        return Check("database", WARN, f"{shown} is reachable but empty (no schema yet)",
                     "run `labelwatch db upgrade` (or `labelwatch run`, which creates it)"
                     ), states, guilds
    if current != head:
        return Check("database", FAIL,
                     f"{shown}: the schema is at revision {current}, this version needs {head}",
                     "back the database up, then run `labelwatch db upgrade`"), states, guilds
    return Check("database", OK, f"{shown}: reachable, schema at revision {head} (current)"
                 ), states, guilds


async def discord_check(http: aiohttp.ClientSession, settings: Settings) -> Check:
    token = settings.discord.token
    if token is None:
        return Check("discord token", SKIP, "DISCORD_TOKEN is not set: no bot, no slash commands")
    url = f"{settings.discord.api_base}/users/@me"
    started = time.perf_counter()
    try:
        async with http.get(url, headers={"Authorization": f"Bot {token.value}"},
                            timeout=HTTP_TIMEOUT) as resp:
            status = resp.status
            data = await resp.json(content_type=None) if status == 200 else None
    except (aiohttp.ClientError, OSError, TimeoutError, ValueError) as exc:
        return Check("discord token", FAIL,
                     f"cannot reach {settings.discord.api_base} ({type(exc).__name__})",
                     "check this machine's network, or [discord] api_base if you changed it")
    took = (time.perf_counter() - started) * 1000
    if status == 401:
        return Check("discord token", FAIL, "Discord rejected DISCORD_TOKEN (HTTP 401)",
                     "copy a new token (Developer Portal → your app → Bot → Reset Token) "
                     "into DISCORD_TOKEN")
    if status != 200 or not isinstance(data, dict):
        return Check("discord token", FAIL, f"Discord answered HTTP {status} to the token check",
                     "try again later; see https://discordstatus.com")
    name = data.get("username", "?")
    return Check("discord token", OK, f"token accepted: the bot is {name} (id {data.get('id')}), "
                 f"{took:.0f} ms")


async def reddit_check(http: aiohttp.ClientSession, settings: Settings) -> Check:
    rd = settings.reddit
    if not rd.has_credentials:
        if rd.client_id or rd.client_secret:
            have, lack = (("REDDIT_CLIENT_ID", "REDDIT_CLIENT_SECRET") if rd.client_id
                          else ("REDDIT_CLIENT_SECRET", "REDDIT_CLIENT_ID"))
            return Check("reddit app", WARN, f"{have} is set but {lack} is not: reading the "
                         "public feeds instead of the API", f"set {lack} too, or neither")
        return Check("reddit app", SKIP, "no REDDIT_CLIENT_ID / REDDIT_CLIENT_SECRET: subreddits "
                     "are read from their public feeds (fewer posts per poll)")
    assert rd.client_id is not None and rd.client_secret is not None
    url = f"{rd.www_url}/api/v1/access_token"
    auth = aiohttp.BasicAuth(rd.client_id.value, rd.client_secret.value)
    try:
        async with http.post(url, auth=auth, data={"grant_type": "client_credentials"},
                             headers={"User-Agent": rd.user_agent}, timeout=HTTP_TIMEOUT,
                             allow_redirects=False) as resp:
            status = resp.status
            data = await resp.json(content_type=None) if status == 200 else None
    except (aiohttp.ClientError, OSError, TimeoutError, ValueError) as exc:
        return Check("reddit app", FAIL, f"cannot reach {rd.www_url} ({type(exc).__name__})",
                     "check this machine's network, or [reddit] www_url if you changed it")
    if status == 401:
        return Check("reddit app", FAIL, "Reddit rejected REDDIT_CLIENT_ID / REDDIT_CLIENT_SECRET "
                     "(HTTP 401)", "copy the id and secret of a \"script\" app from "
                     "https://www.reddit.com/prefs/apps")
    if status != 200 or not isinstance(data, dict) or not data.get("access_token"):
        detail = data.get("error") if isinstance(data, dict) else None
        return Check("reddit app", FAIL, f"Reddit's token request failed (HTTP {status}"
                     f"{', ' + str(detail) if detail else ''})",
                     "check the app at https://www.reddit.com/prefs/apps; try again later")
    return Check("reddit app", OK, "credentials accepted (read-only application token)")


async def webhook_checks(http: aiohttp.ClientSession, settings: Settings) -> list[Check]:
    """A ``GET`` of each webhook: Discord says whether it exists, nothing is posted."""
    checks = []
    for index, hook in enumerate(settings.alerts.webhooks, 1):
        name = f"webhook {index} ({redact_webhook(hook.url)})"
        where = f"[[alerts.webhooks]] number {index}"
        parts = webhook_parts(hook.url)
        if parts is None:
            checks.append(Check(name, FAIL, "not a Discord webhook URL",
                                f"use the URL Discord shows for the webhook in {where}"))
            continue
        url = f"{settings.discord.api_base}/webhooks/{parts[0]}/{parts[1]}"
        try:
            async with http.get(url, timeout=HTTP_TIMEOUT, allow_redirects=False) as resp:
                status = resp.status
                data = await resp.json(content_type=None) if status == 200 else None
        except (aiohttp.ClientError, OSError, TimeoutError, ValueError) as exc:
            checks.append(Check(name, FAIL, f"cannot reach Discord ({type(exc).__name__})",
                                "check this machine's network"))
            continue
        if status in (401, 403, 404):
            what = "no longer exists" if status == 404 else "has an invalid token"
            checks.append(Check(
                name, FAIL, f"Discord says the webhook {what} (HTTP {status})",
                "create a webhook (channel settings → Integrations → Webhooks) and put its "
                f"URL in {where}"))
        elif status != 200 or not isinstance(data, dict):
            checks.append(Check(name, FAIL, f"Discord answered HTTP {status}",
                                "try again later; see https://discordstatus.com"))
        else:
            checks.append(Check(name, OK, f"exists: \"{data.get('name')}\" in channel "
                                f"{data.get('channel_id')}"))
    return checks


async def diagnose(settings: Settings, where: str, *, sources: bool = True) -> list[Check]:
    """Every check, in order: config, database, Discord, Reddit, webhooks, sources."""
    checks = [config_check(settings, where)]
    db, states, guild_sources = await database_check(settings)
    checks.append(db)
    async with aiohttp.ClientSession() as http:
        checks.append(await discord_check(http, settings))
        checks.append(await reddit_check(http, settings))
        checks.extend(await webhook_checks(http, settings))
        if sources:
            rows = source_rows(settings, guild_sources, states)
            feeds = FeedFetcher(http, settings.feeds, settings.reddit.user_agent)
            reddit = make_reddit(settings, feeds)
            try:
                checks.extend(await source_checks(settings, rows, reddit, feeds))
            finally:
                close = getattr(reddit, "close", None)
                if close is not None:
                    await close()
    return checks
