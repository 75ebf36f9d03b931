"""The gateway websocket: HELLO, IDENTIFY -> READY + GUILD_CREATE, heartbeats,
RESUME with replay of missed events, and dispatch of arbitrary events.

Sessions outlive connections, as on Discord: events dispatched while the
client is disconnected are buffered and replayed when it RESUMEs, so an
interaction pushed during a reconnect is not lost.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import zlib
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from .faults import Faults
from .records import Notifier
from .state import DiscordState

HELLO, HEARTBEAT_ACK, INVALID_SESSION, RECONNECT = 10, 11, 9, 7
CLIENT_CLOSES = (1000, 1001)  # a client closing with these ends its session


class Connection:
    """One websocket; a writer task keeps frames (and the zlib stream) in order."""

    def __init__(self, request: web.Request, ws: web.WebSocketResponse, compress: bool) -> None:
        self.ws = ws
        self._transport = request.transport
        self._zlib = zlib.compressobj() if compress else None
        self._queue: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue()
        self._writer = asyncio.create_task(self._write())
        self.closed_by_server = False

    def send(self, payload: dict[str, Any]) -> None:
        self._queue.put_nowait(payload)

    def abort(self) -> None:
        """Cut the TCP connection without a close frame (client sees 1006)."""
        self.closed_by_server = True
        if self._transport is not None:
            self._transport.abort()

    async def close(self, code: int, *, abrupt: bool = False) -> None:
        if abrupt:
            self.abort()
            return
        self.closed_by_server = True
        await self.ws.close(code=code, message=b"closed by the test double")

    async def stop(self) -> None:
        self._queue.put_nowait(None)
        with contextlib.suppress(Exception):
            await self._writer

    async def _write(self) -> None:
        while (payload := await self._queue.get()) is not None:
            text = json.dumps(payload)
            try:
                if self._zlib is None:
                    await self.ws.send_str(text)
                else:
                    data = self._zlib.compress(text.encode()) + self._zlib.flush(zlib.Z_SYNC_FLUSH)
                    await self.ws.send_bytes(data)
            except (ConnectionError, RuntimeError):
                return


@dataclass
class GatewaySession:
    session_id: str
    intents: int
    shard: list[int]
    seq: int = 0
    connection: Connection | None = None
    ended: bool = False
    buffer: deque[dict[str, Any]] = field(default_factory=lambda: deque(maxlen=2000))

    def dispatch(self, event: str, data: Any) -> int:
        self.seq += 1
        payload = {"op": 0, "t": event, "s": self.seq, "d": data}
        self.buffer.append(payload)
        if self.connection is not None:
            self.connection.send(payload)
        return self.seq


class Gateway:
    def __init__(self, state: DiscordState, faults: Faults, heartbeat_interval_ms: int) -> None:
        self.state = state
        self.faults = faults
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self.url = ""
        self.sessions: dict[str, GatewaySession] = {}
        self.connections: set[Connection] = set()
        self.received: list[dict[str, Any]] = []
        self.identifies = 0
        self.resumes = 0
        self.notifier: Notifier = state.notifier
        state.emit = self.dispatch
        state.intents = self.intents

    # -- public operations ------------------------------------------------------

    def live_sessions(self) -> list[GatewaySession]:
        return [s for s in self.sessions.values() if not s.ended]

    def connected(self) -> bool:
        return any(s.connection is not None for s in self.live_sessions())

    def intents(self) -> int:
        value = 0
        for session in self.live_sessions():
            value |= session.intents
        return value

    def dispatch(self, event: str, data: Any) -> int:
        """Send a dispatch event to every live session; returns how many got it."""
        sessions = self.live_sessions()
        for session in sessions:
            session.dispatch(event, data)
        return len(sessions)

    async def drop(self, code: int = 4000, *, abrupt: bool = False) -> None:
        for conn in list(self.connections):
            await conn.close(code, abrupt=abrupt)

    def abort_all(self) -> None:
        for conn in list(self.connections):
            conn.abort()

    def invalidate(self, *, resumable: bool = False) -> None:
        """Send op 9; with ``resumable=False`` the sessions are forgotten."""
        for session in self.live_sessions():
            if session.connection is not None:
                session.connection.send(
                    {"op": INVALID_SESSION, "d": resumable, "s": None, "t": None}
                )
            if not resumable:
                session.ended = True

    def request_reconnect(self) -> None:
        """Send op 7 RECONNECT: discord.py closes and RESUMEs."""
        for session in self.live_sessions():
            if session.connection is not None:
                session.connection.send({"op": RECONNECT, "d": None, "s": None, "t": None})

    async def close(self) -> None:
        self.abort_all()
        for conn in list(self.connections):
            await conn.stop()

    # -- the websocket ----------------------------------------------------------

    async def handle(self, request: web.Request) -> web.StreamResponse:
        if self.faults.down:
            return web.Response(status=502, text="gateway is down")
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        conn = Connection(request, ws, compress=request.query.get("compress") == "zlib-stream")
        self.connections.add(conn)
        conn.send(
            {
                "op": HELLO,
                "d": {"heartbeat_interval": self.heartbeat_interval_ms},
                "s": None,
                "t": None,
            }
        )
        session: GatewaySession | None = None
        try:
            async for msg in ws:
                if msg.type is not WSMsgType.TEXT:
                    continue
                payload = json.loads(msg.data)
                self.received.append(payload)
                session = await self._on_op(conn, session, payload)
                self.notifier.notify()
        finally:
            self.connections.discard(conn)
            await conn.stop()
            if session is not None and session.connection is conn:
                session.connection = None
                if not conn.closed_by_server and ws.close_code in CLIENT_CLOSES:
                    session.ended = True
            self.notifier.notify()
        return ws

    async def _on_op(
        self, conn: Connection, session: GatewaySession | None, payload: dict[str, Any]
    ) -> GatewaySession | None:
        op = payload.get("op")
        raw = payload.get("d")
        data: dict[str, Any] = raw if isinstance(raw, dict) else {}
        if op == 1:
            conn.send({"op": HEARTBEAT_ACK, "d": None, "s": None, "t": None})
        elif op == 2:
            if session is not None:
                await conn.close(4005)
                return session
            return await self._identify(conn, data)
        elif op == 6:
            return self._resume(conn, data)
        elif op == 8 and session is not None:
            self._members_chunk(session, data)
        elif op not in (3, 4):
            await conn.close(4001)
        return session

    async def _identify(self, conn: Connection, data: dict[str, Any]) -> GatewaySession | None:
        if data.get("token") != self.state.token:
            await conn.close(4004)
            return None
        self.identifies += 1
        session = GatewaySession(
            session_id=f"session-{self.state.ids.next()}",
            intents=int(data.get("intents", 0)),
            shard=list(data.get("shard") or [0, 1]),
            connection=conn,
        )
        self.sessions[session.session_id] = session
        state = self.state
        session.dispatch(
            "READY",
            {
                "v": 10,
                "user": {**state.bot_user.payload(), "verified": True, "mfa_enabled": False},
                "guilds": [{"id": str(gid), "unavailable": True} for gid in state.guilds],
                "session_id": session.session_id,
                "session_type": "normal",
                "resume_gateway_url": self.url,
                "shard": session.shard,
                "application": {"id": str(state.application_id), "flags": 0},
                "private_channels": [],
                "relationships": [],
                "presences": [],
                "guild_join_requests": [],
                "geo_ordered_rtc_regions": [],
                "user_settings": {},
                "_trace": ["labelwatch-test-double"],
            },
        )
        for guild in state.guilds.values():
            session.dispatch("GUILD_CREATE", guild.payload(bot_user_id=state.bot_user.id))
        return session

    def _resume(self, conn: Connection, data: dict[str, Any]) -> GatewaySession | None:
        session = self.sessions.get(str(data.get("session_id")))
        if session is None or session.ended or data.get("token") != self.state.token:
            conn.send({"op": INVALID_SESSION, "d": False, "s": None, "t": None})
            return None
        if session.connection is not None and session.connection is not conn:
            session.connection.closed_by_server = True
        session.connection = conn
        self.resumes += 1
        last = int(data.get("seq") or 0)
        for payload in list(session.buffer):
            if payload["s"] > last:
                conn.send(payload)
        session.dispatch("RESUMED", {"_trace": ["labelwatch-test-double"]})
        return session

    def _members_chunk(self, session: GatewaySession, data: dict[str, Any]) -> None:
        guild = self.state.guilds.get(int(data.get("guild_id", 0)))
        members = [m.payload() for m in guild.members.values()] if guild else []
        chunk = {
            "guild_id": str(data.get("guild_id")),
            "members": members,
            "chunk_index": 0,
            "chunk_count": 1,
            "not_found": [],
        }
        if "nonce" in data:
            chunk["nonce"] = data["nonce"]
        session.dispatch("GUILD_MEMBERS_CHUNK", chunk)
