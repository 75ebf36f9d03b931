"""``/healthz`` and ``/metrics`` over HTTP, served by aiohttp on the bot's own event loop.

Nothing here blocks: the health check reads two numbers, and a scrape reads
two aggregates from the database and renders a small registry. Started by
``labelwatch run`` only when ``[metrics] listen`` is set.
"""

from __future__ import annotations

import logging

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.metrics import Metrics

log = logging.getLogger(__name__)


def ops_app(metrics: Metrics, sessions: async_sessionmaker[AsyncSession]) -> web.Application:
    """The two routes, bound to the service's metrics and database."""

    async def healthz(request: web.Request) -> web.Response:
        healthy, why = metrics.health.check()
        return web.Response(status=200 if healthy else 503,
                            text=("ok: " if healthy else "unhealthy: ") + why + "\n")

    async def scrape(request: web.Request) -> web.Response:
        await metrics.refresh(sessions)
        return web.Response(body=generate_latest(metrics.registry),
                            headers={"Content-Type": CONTENT_TYPE_LATEST})

    app = web.Application()
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/metrics", scrape)
    return app


async def start_ops_server(
    metrics: Metrics, sessions: async_sessionmaker[AsyncSession], host: str, port: int
) -> web.AppRunner:
    """Listen on ``host:port`` (port 0: any free port, logged); the caller cleans it up."""
    runner = web.AppRunner(ops_app(metrics, sessions), access_log=None, handle_signals=False)
    await runner.setup()
    try:
        await web.TCPSite(runner, host, port).start()
    except OSError:
        await runner.cleanup()
        raise
    for address in runner.addresses:
        bound_host, bound_port = address[0], address[1]
        shown = f"[{bound_host}]" if ":" in str(bound_host) else bound_host
        log.info("metrics: serving /healthz and /metrics on http://%s:%s", shown, bound_port)
    return runner
