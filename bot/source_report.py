"""Every source and how it is doing, for ``labelwatch sources`` and ``labelwatch doctor``.

The same health ``/platforms list`` shows in Discord, on the command line
and for every guild at once: who watches the source (built in, the config
file, or which guild), when it last worked, how many polls in a row failed
and why, and when it will be tried next.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.commands.sources import state_key
from bot.config import Settings
from bot.poller import SourcePlan, SourceRef, build_plan, configured_sources
from bot.records import SourceState
from bot.sources.names import source_name
from storage.engine import create_engine, current_revision, session_factory
from storage.queries.guilds import GuildSourceView, all_guild_sources
from storage.queries.sources import all_states


@dataclass
class SourceRow:
    kind: str
    target: str
    platform: str | None
    key: str
    """The ``source_state`` key: the batch's for a subreddit, ``feed:URL`` for a feed."""
    poll_seconds: int
    owners: list[str] = field(default_factory=list)
    """``built-in``, ``config`` and ``guild <id>``, in that order."""
    state: SourceState | None = None

    @property
    def name(self) -> str:
        """``reddit: r/outlier_ai``, ``feed: Google News "Outlier AI"`` (platform apart)."""
        return source_name(self.kind, self.target)

    @property
    def status(self) -> str:
        """``ok``, ``failing``, ``retrying`` (failed, below the failing mark) or ``new``."""
        s = self.state
        if s is None or (s.last_attempt is None and s.last_success is None):
            return "new"
        if s.failing:
            return "failing"
        return "retrying" if s.failures else "ok"

    def next_try(self, now: datetime) -> datetime:
        """A backoff's end when one is pending, else the last attempt plus the interval.

        Never earlier than ``now``: a source that is due is tried at once.
        """
        s = self.state
        if s is None or s.last_attempt is None:
            return now
        due = s.next_attempt or s.last_attempt + timedelta(seconds=self.poll_seconds)
        return max(due, now)


def _interval(plan: SourcePlan, kind: str, target: str) -> int:
    if kind == "feed":
        for feed in plan.feeds:
            if feed.url == target:
                return feed.poll_seconds
        return 0
    name = target.lower()
    for job in plan.reddit:
        if name in (b.lower() for b in job.batch):
            return job.poll_seconds
    return 0


def source_rows(
    settings: Settings, guild_sources: Iterable[GuildSourceView], states: Sequence[SourceState]
) -> list[SourceRow]:
    """One row per distinct source, config and built-in ones first, then the guilds'."""
    configured = configured_sources(settings)
    n_config = len(settings.sources)
    refs: list[tuple[SourceRef, str]] = [
        (ref, "config" if i >= len(configured) - n_config else "built-in")
        for i, ref in enumerate(configured)
    ]
    refs += [(SourceRef(g.kind, g.target, g.platform), f"guild {g.guild_id}")
             for g in guild_sources]
    plan = build_plan(settings, [ref for ref, _ in refs])
    by_key = {s.key: s for s in states}
    rows: dict[tuple[str, str], SourceRow] = {}
    for ref, owner in refs:
        ident = (ref.kind, ref.target.lower() if ref.kind == "reddit" else ref.target)
        row = rows.get(ident)
        if row is None:
            key = state_key(plan, ref.kind, ref.target)
            row = rows[ident] = SourceRow(ref.kind, ref.target, ref.platform, key,
                                          _interval(plan, ref.kind, ref.target),
                                          state=by_key.get(key))
        if owner not in row.owners:
            row.owners.append(owner)
    return list(rows.values())


def ago(when: datetime | None, now: datetime) -> str:
    """``3m ago``, ``2h ago``, ``never``."""
    if when is None:
        return "never"
    return f"{_span((now - when).total_seconds())} ago"


def until(when: datetime, now: datetime) -> str:
    seconds = (when - now).total_seconds()
    return "now" if seconds < 1 else f"in {_span(seconds)}"


def _span(seconds: float) -> str:
    seconds = max(0, int(seconds))
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def row_json(row: SourceRow, now: datetime) -> dict[str, object]:
    s = row.state
    return {
        "source": row.name,
        "kind": row.kind,
        "target": row.target,
        "platform": row.platform,
        "owners": row.owners,
        "status": row.status,
        "last_success": s.last_success.isoformat() if s and s.last_success else None,
        "failures": s.failures if s else 0,
        "reason": s.last_error if s else None,
        "next_try": row.next_try(now).isoformat(),
        "poll_seconds": row.poll_seconds,
    }


def render_table(rows: Sequence[SourceRow], now: datetime) -> list[str]:
    """Aligned columns; the reason comes last because it is the long one."""
    header = ("SOURCE", "PLATFORM", "WATCHED BY", "STATUS", "LAST SUCCESS", "FAILS",
              "NEXT TRY", "REASON")
    cells = [header]
    for row in rows:
        s = row.state
        cells.append((
            row.name, row.platform or "-", ", ".join(row.owners), row.status,
            ago(s.last_success if s else None, now), str(s.failures if s else 0),
            until(row.next_try(now), now), (s.last_error or "") if s else "",
        ))
    widths = [max(len(c[i]) for c in cells) for i in range(len(header) - 1)]
    return ["  ".join([*(c.ljust(w) for c, w in zip(cols, widths, strict=False)),
                       cols[-1]]).rstrip() for cols in cells]


async def load_source_rows(settings: Settings) -> tuple[list[SourceRow], str | None]:
    """The rows with the database's states, and a note when the database has none yet."""
    engine = create_engine(settings.database.url)
    try:
        if await current_revision(engine) is None:
            return source_rows(settings, (), ()), "the database is empty: nothing polled yet"
        async with session_factory(engine)() as session:
            states = await all_states(session)
            guilds = await all_guild_sources(session)
    finally:
        await engine.dispose()
    return source_rows(settings, guilds, states), None
