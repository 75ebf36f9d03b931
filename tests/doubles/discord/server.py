"""``DiscordDouble``: the one object tests create, start and talk to."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from types import TracebackType
from typing import Any, Self, TypeVar

from aiohttp import web

from .commands import CommandRegistry, CommandSync
from .faults import FaultRule, Faults
from .gateway import Gateway
from .interactions import InteractionDesk
from .invoke import InteractionBuilder
from .models import Channel, Guild, Member, Webhook
from .records import RecordedMessage, RecordedRequest
from .rest import RestContext, core_routes, install
from .rest_channels import channel_routes, guild_routes
from .rest_webhooks import webhook_routes
from .state import ChannelSpec, DiscordState, RoleSpec
from .user_actions import UserActions

T = TypeVar("T")
DEFAULT_TOKEN = "labelwatch-test-token.double.0123456789abcdef"
MAX_REQUEST = 64 * 1024 * 1024  # room for any upload; Discord's own limits are checked


class DiscordDouble(UserActions):
    """Discord's REST API v10 and gateway on 127.0.0.1, for the real discord.py.

    Start it (``async with DiscordDouble() as double``), add a guild, point
    discord.py at it with ``route_discord(double.api_base, double.gateway_url)``
    and run a real client with ``double.token``. See the package docstring.
    """

    def __init__(
        self,
        *,
        token: str = DEFAULT_TOKEN,
        bot_name: str = "labelwatch",
        heartbeat_interval_ms: int = 41_250,
    ) -> None:
        self._state = DiscordState(token=token, bot_name=bot_name)
        self._faults = Faults()
        self._registry = CommandRegistry(self._state.application_id, self._state.ids)
        self._desk = InteractionDesk(self._state)
        self._builder = InteractionBuilder(self._state, self._registry)
        self._gateway = Gateway(self._state, self._faults, heartbeat_interval_ms)
        self._runner: web.AppRunner | None = None
        self.port = 0

    # -- lifecycle ----------------------------------------------------------------

    async def start(self) -> Self:
        app = web.Application(client_max_size=MAX_REQUEST)
        app.router.add_get("/gateway", self._gateway.handle)
        app.router.add_get("/gateway/", self._gateway.handle)
        ctx = RestContext(
            self._state, self._registry, self._desk, self._faults, lambda: self.gateway_url
        )
        install(
            app,
            ctx,
            core_routes(ctx) + channel_routes(ctx) + guild_routes(ctx) + webhook_routes(ctx),
        )
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = int(self._runner.addresses[0][1])
        self._state.api_base = self.api_base
        self._gateway.url = self.gateway_url
        return self

    async def stop(self) -> None:
        await self._gateway.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        return await self.start()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    # -- identity -----------------------------------------------------------------

    @property
    def api_base(self) -> str:
        """E.g. ``http://127.0.0.1:PORT/api/v10`` (what ``Route.BASE`` must become)."""
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    @property
    def token(self) -> str:
        return self._state.token

    @property
    def application_id(self) -> int:
        return self._state.application_id

    @property
    def bot_user_id(self) -> int:
        return self._state.bot_user.id

    @property
    def owner_id(self) -> int:
        return self._state.owner.id

    # -- fixtures -----------------------------------------------------------------

    def add_guild(
        self,
        guild_id: int | None = None,
        name: str = "Test Guild",
        channels: Iterable[ChannelSpec] | None = None,
        roles: Iterable[RoleSpec] | None = None,
        **permissions: int,
    ) -> Guild:
        """Add a guild (default one text channel, ``general``); announced with
        GUILD_CREATE if a client is connected. ``everyone_permissions`` and
        ``bot_permissions`` keywords override the role permission bits."""
        return self._state.add_guild(guild_id, name, channels, roles, **permissions)

    def add_channel(self, guild_id: int, spec: ChannelSpec) -> Channel:
        return self._state.add_channel(guild_id, spec)

    def delete_channel(self, channel_id: int) -> None:
        self._state.delete_channel(channel_id)

    def forbid_channel(self, channel_id: int, *, view: bool = False) -> None:
        self._state.forbid_channel(channel_id, view=view)

    def allow_channel(self, channel_id: int) -> None:
        self._state.allow_channel(channel_id)

    def add_member(
        self,
        guild_id: int,
        user_id: int | None = None,
        name: str | None = None,
        roles: Iterable[int | str] = (),
    ) -> Member:
        return self._state.add_member(guild_id, user_id, name, roles)

    def create_webhook(self, channel_id: int, name: str = "labelwatch") -> Webhook:
        return self._state.create_webhook(channel_id, name)

    def delete_message(self, message_id: int) -> None:
        """As a moderator would: later edits get 404 10008, replies 400 50035."""
        self._state.delete_message(self._state.messages[message_id])

    def guild(self, guild_id: int | None = None) -> Guild:
        return self._state.guild(guild_id) if guild_id else self._state.default_guild()

    def on_message_created(self, callback: Callable[[RecordedMessage], object] | None) -> None:
        """Run ``callback`` on each new message before its request is answered."""
        self._state.on_create = callback

    # -- recordings ---------------------------------------------------------------

    @property
    def requests(self) -> list[RecordedRequest]:
        return self._state.requests

    def unknown_requests(self) -> list[RecordedRequest]:
        """Requests to routes the double does not implement."""
        return [r for r in self._state.requests if r.route is None and r.fault is None]

    def sent_messages(
        self, channel_id: int | None = None, *, include_deleted: bool = False
    ) -> list[RecordedMessage]:
        """Messages the bot posted with ``POST /channels/{id}/messages``."""
        return self._state.find_messages(
            source="channel", channel_id=channel_id, include_deleted=include_deleted
        )

    def webhook_messages(
        self, webhook_id: int | None = None, *, include_deleted: bool = False
    ) -> list[RecordedMessage]:
        """Messages posted through incoming webhooks."""
        return self._state.find_messages(
            source="webhook", webhook_id=webhook_id, include_deleted=include_deleted
        )

    def messages(
        self, channel_id: int | None = None, *, include_deleted: bool = False
    ) -> list[RecordedMessage]:
        """Every message of any source (bot, webhook, interaction, followup)."""
        return self._state.find_messages(channel_id=channel_id, include_deleted=include_deleted)

    def registered_commands(self, guild_id: int | None = None) -> list[dict[str, Any]]:
        """Current commands of a scope (None = global), as stored with ids."""
        return self._registry.in_scope(guild_id)

    @property
    def command_syncs(self) -> list[CommandSync]:
        """Every bulk overwrite (``tree.sync()``) in order, payload as sent."""
        return self._registry.syncs

    async def wait_for(self, predicate: Callable[[], T | None], timeout: float = 5.0) -> T:  # noqa: ASYNC109
        """Await the first truthy ``predicate()``, re-checked on every change."""
        return await self._state.notifier.wait_for(predicate, timeout)

    async def wait_for_messages(
        self,
        count: int = 1,
        *,
        channel_id: int | None = None,
        source: str | None = "channel",
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> list[RecordedMessage]:
        """At least ``count`` live messages of ``source`` (None = any) in ``channel_id``."""

        def enough() -> list[RecordedMessage] | None:
            found = self._state.find_messages(source=source, channel_id=channel_id)
            return found if len(found) >= count else None

        return await self.wait_for(enough, timeout)

    # -- gateway ------------------------------------------------------------------

    @property
    def identifies(self) -> int:
        return self._gateway.identifies

    @property
    def resumes(self) -> int:
        return self._gateway.resumes

    @property
    def gateway_received(self) -> list[dict[str, Any]]:
        """Every payload clients sent on the gateway (heartbeats included)."""
        return self._gateway.received

    def is_connected(self) -> bool:
        return self._gateway.connected()

    async def wait_connected(self, timeout: float = 5.0) -> None:  # noqa: ASYNC109
        await self.wait_for(self._gateway.connected, timeout)

    def dispatch(self, event: str, data: Any) -> int:
        """Push a dispatch event (e.g. ``"MESSAGE_CREATE"``); returns sessions reached."""
        return self._gateway.dispatch(event, data)

    async def drop_gateway(self, code: int = 4000, *, abrupt: bool = False) -> None:
        """Close every gateway connection; discord.py then RESUMEs at once."""
        await self._gateway.drop(code, abrupt=abrupt)

    def invalidate_session(self, *, resumable: bool = False) -> None:
        self._gateway.invalidate(resumable=resumable)

    def request_reconnect(self) -> None:
        self._gateway.request_reconnect()

    # -- faults -------------------------------------------------------------------

    def fail_next(
        self,
        n: int = 1,
        status: int = 500,
        *,
        method: str | None = None,
        path: str | None = None,
        message: str | None = None,
    ) -> FaultRule:
        """Answer the next ``n`` matching REST requests with ``status``.

        discord.py retries 500/502/504 with sleeps of 1, 3, 5 ... seconds;
        use 503 (not retried) to fail fast."""
        return self._faults.add(FaultRule(status, n, method, path, message=message))

    def rate_limit_next(
        self,
        n: int = 1,
        retry_after: float = 0.05,
        global_: bool = False,
        *,
        method: str | None = None,
        path: str | None = None,
    ) -> FaultRule:
        """Answer the next ``n`` matching requests with 429 (Via, retry_after, X-RateLimit-*)."""
        return self._faults.add(
            FaultRule(429, n, method, path, retry_after=retry_after, global_=global_)
        )

    def answer_slowly(
        self, seconds: float, *, method: str | None = None, path: str | None = None
    ) -> FaultRule:
        """Handle matching requests at once, answer them ``seconds`` later (until cleared)."""
        rule = FaultRule(200, 1, method, path, retry_after=seconds)
        self._faults.slow.append(rule)
        return rule

    def set_down(self, down: bool, mode: str = "disconnect") -> None:
        """An outage: REST requests are cut (``mode="disconnect"``: the client
        sees ServerDisconnectedError at once) or answered 502 (``"502"``: which
        discord.py retries for ~25 s); live gateway connections are cut and
        new handshakes fail with 502 until ``set_down(False)``."""
        self._faults.set_down(down, mode)
        if down:
            self._gateway.abort_all()

    def clear_faults(self) -> None:
        self._faults.clear()
