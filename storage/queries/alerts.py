"""Alert routes: where alerts go and which alerts each place wants.

A route is a sink (a guild's channel, a configured webhook, the console) plus
filters. Channel routes belong to one guild and every function that touches
them filters by ``guild_id``, so one server can never read or change another
server's settings. Config webhooks are disabled rather than deleted when they
leave the config file, so their delivery history stays readable.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import case, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from bot.config import WebhookSettings
from storage.models import AlertRoute, OutboxItem
from storage.types import utcnow

SINK_KINDS = ("channel", "webhook", "console")
CONSOLE_SINK_ID = "stdout"
REMOVED_FROM_CONFIG = "removed from the configuration"


class RouteConflictError(ValueError):
    """The channel already routes alerts for another guild."""


@dataclass(frozen=True)
class RouteView:
    """A route as commands show it, with how its deliveries are going."""

    id: int
    guild_id: int | None
    sink_kind: str
    sink_id: str = field(repr=False)  # a webhook URL holds its token: keep it out of logs
    min_score: float | None
    platforms: tuple[str, ...]
    event_types: tuple[str, ...]
    tiers: tuple[str, ...]
    ping_role_id: int | None
    enabled: bool
    disabled_reason: str | None
    created_at: datetime
    pending: int = 0
    failed: int = 0
    sent: int = 0
    index_alerts: bool = False
    """The route also gets convergence alerts of the cross-platform index."""

    @property
    def channel_id(self) -> int | None:
        return int(self.sink_id) if self.sink_kind == "channel" else None


def _clean(values: Sequence[str] | None) -> list[str]:
    """Filters are stored sorted and unique so equal settings compare equal."""
    return sorted({v for v in values or () if v})


async def set_channel_route(
    session: AsyncSession, guild_id: int, channel_id: int, min_score: float | None = None,
    platforms: Sequence[str] | None = None, event_types: Sequence[str] | None = None,
    tiers: Sequence[str] | None = None, ping_role_id: int | None = None,
    index_alerts: bool = False,
) -> RouteView:
    """Create or replace a channel's route; a disabled route comes back enabled.

    Raises ``RouteConflictError`` if the channel id is already routed for a
    different guild: channel ids are global, so this only happens when a
    caller passes a channel that is not in the guild it acts for.
    """
    if min_score is not None and not 0 <= min_score <= 100:
        raise ValueError(f"min_score must be from 0 to 100, got {min_score}")
    sink_id = str(int(channel_id))
    row = (await session.execute(
        select(AlertRoute).where(AlertRoute.sink_kind == "channel", AlertRoute.sink_id == sink_id)
    )).scalar_one_or_none()
    if row is not None and row.guild_id != guild_id:
        raise RouteConflictError(f"channel {channel_id} is routed by another guild")
    if row is None:
        row = AlertRoute(guild_id=guild_id, sink_kind="channel", sink_id=sink_id,
                         created_at=utcnow())
        session.add(row)
    row.min_score = min_score
    row.platforms = _clean(platforms)
    row.event_types = _clean(event_types)
    row.tiers = _clean(tiers)
    row.ping_role_id = ping_role_id
    row.index_alerts = index_alerts
    row.enabled = True
    row.disabled_reason = None
    await session.flush()
    return _view(row)


async def remove_channel_route(session: AsyncSession, guild_id: int, channel_id: int) -> bool:
    """Delete a guild's channel route and its queued alerts; False if it had none."""
    result = await session.execute(
        delete(AlertRoute).where(
            AlertRoute.guild_id == guild_id,
            AlertRoute.sink_kind == "channel",
            AlertRoute.sink_id == str(int(channel_id)),
        )
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def routes_for_guild(session: AsyncSession, guild_id: int) -> list[RouteView]:
    """The guild's channel routes, oldest first, with their outbox counts."""
    routes = (await session.execute(
        select(AlertRoute).where(AlertRoute.guild_id == guild_id).order_by(AlertRoute.id)
    )).scalars().all()
    counts = await _counts(session, [r.id for r in routes])
    return [_view(r, *counts.get(r.id, (0, 0, 0))) for r in routes]


async def route_by_id(session: AsyncSession, route_id: int) -> RouteView | None:
    row = await session.get(AlertRoute, route_id)
    if row is None:
        return None
    counts = await _counts(session, [row.id])
    return _view(row, *counts.get(row.id, (0, 0, 0)))


async def config_routes(session: AsyncSession) -> list[RouteView]:
    """Routes that belong to no guild (webhooks and the console), for the operator."""
    routes = (await session.execute(
        select(AlertRoute).where(AlertRoute.guild_id.is_(None)).order_by(AlertRoute.id)
    )).scalars().all()
    counts = await _counts(session, [r.id for r in routes])
    return [_view(r, *counts.get(r.id, (0, 0, 0))) for r in routes]


async def sync_config_routes(
    session: AsyncSession, webhooks: Sequence[WebhookSettings], console: bool
) -> None:
    """Make the config file's webhooks and console the guild-less routes.

    A webhook still in the config is (re-)enabled with the config's filters,
    so fixing a webhook and restarting is how an operator retries it. One no
    longer in the config is disabled and its queued alerts dropped.
    """
    wanted: dict[tuple[str, str], WebhookSettings | None] = {
        ("webhook", w.url.rstrip("/")): w for w in webhooks
    }
    if console:
        wanted[("console", CONSOLE_SINK_ID)] = None
    existing = {
        (r.sink_kind, r.sink_id): r
        for r in (await session.execute(
            select(AlertRoute).where(AlertRoute.sink_kind.in_(("webhook", "console")))
        )).scalars()
    }
    for key, hook in wanted.items():
        row = existing.get(key)
        if row is None:
            row = AlertRoute(guild_id=None, sink_kind=key[0], sink_id=key[1], created_at=utcnow())
            session.add(row)
        row.min_score = hook.min_score if hook else None
        row.platforms = _clean(hook.platforms if hook else ())
        row.event_types = _clean(hook.event_types if hook else ())
        row.tiers = _clean(hook.tiers if hook else ())
        row.ping_role_id = None
        row.index_alerts = bool(hook.index) if hook else False
        row.enabled = True
        row.disabled_reason = None
    await session.flush()
    for key, row in existing.items():
        if key not in wanted and row.enabled:
            await disable_route(session, row.id, REMOVED_FROM_CONFIG)


async def disable_route(session: AsyncSession, route_id: int, reason: str) -> int:
    """Stop a route and give up on its queued alerts; returns how many were dropped.

    A route is disabled when its sink is gone for good (deleted channel,
    revoked webhook), so retrying its backlog would only fail again.
    """
    await session.execute(
        update(AlertRoute).where(AlertRoute.id == route_id)
        .values(enabled=False, disabled_reason=reason)
    )
    result = await session.execute(
        update(OutboxItem)
        .where(OutboxItem.route_id == route_id, OutboxItem.status == "pending")
        .values(status="dead", last_error=f"route disabled: {reason}")
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


async def _counts(session: AsyncSession, route_ids: list[int]) -> dict[int, tuple[int, int, int]]:
    if not route_ids:
        return {}

    def count(*statuses: str) -> ColumnElement[Any]:
        return func.sum(case((OutboxItem.status.in_(statuses), 1), else_=0))

    # A message deleted in Discord since ("gone") was sent all the same.
    rows = await session.execute(
        select(OutboxItem.route_id, count("pending"), count("dead"), count("sent", "gone"))
        .where(OutboxItem.route_id.in_(route_ids))
        .group_by(OutboxItem.route_id)
    )
    return {rid: (int(p or 0), int(d or 0), int(s or 0)) for rid, p, d, s in rows.all()}


def _view(row: AlertRoute, pending: int = 0, failed: int = 0, sent: int = 0) -> RouteView:
    return RouteView(
        id=row.id, guild_id=row.guild_id, sink_kind=row.sink_kind, sink_id=row.sink_id,
        min_score=row.min_score, platforms=tuple(row.platforms or ()),
        event_types=tuple(row.event_types or ()), tiers=tuple(row.tiers or ()),
        ping_role_id=row.ping_role_id, enabled=row.enabled,
        disabled_reason=row.disabled_reason, created_at=row.created_at,
        pending=pending, failed=failed, sent=sent, index_alerts=bool(row.index_alerts),
    )
