"""Which sources a guild watches and how each is doing, for /platforms list.

Subreddits are polled in batches, so a subreddit's health is its batch's:
its state key comes from the poll plan (the batch that holds it), and a
feed's from its URL. A source the plan does not hold yet reads as not
polled yet.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from bot.delivery.pages import SourceStatus
from bot.poller import SourcePlan, SourceRef
from bot.records import SourceState
from storage.queries.guilds import GuildSourceView
from storage.queries.quarantine import QuarantineCount

MAX_GUILD_SOURCES = 50
"""Sources one server may add: each costs polling for every server."""


def state_key(plan: SourcePlan, kind: str, target: str) -> str:
    if kind == "feed":
        return f"feed:{target}"
    name = target.lower()
    for job in plan.reddit:
        if name in (b.lower() for b in job.batch):
            return job.key
    return f"reddit:{name}"


def quarantine_key(kind: str, target: str) -> str:
    """The key items of a source are quarantined under (per subreddit, not per batch)."""
    return f"feed:{target}" if kind == "feed" else f"reddit:{target.lower()}"


def source_statuses(
    plan: SourcePlan, configured: Iterable[SourceRef], own: Iterable[GuildSourceView],
    states: Sequence[SourceState], quarantined: Mapping[str, QuarantineCount] | None = None,
) -> list[SourceStatus]:
    """The config and built-in sources (every guild's) and then this guild's own."""
    by_key = {s.key: s for s in states}
    quarantined = quarantined or {}

    def status(kind: str, target: str, platform: str | None, added: bool) -> SourceStatus:
        state = by_key.get(state_key(plan, kind, target))
        aside = quarantined.get(quarantine_key(kind, target))
        count, why = (aside.items, aside.latest_reason) if aside else (0, None)
        if state is None:
            return SourceStatus(kind, target, platform, guild_added=added, quarantined=count,
                                quarantine_reason=why)
        # A source retrying after a failure shows its reason too, not only one past
        # the failing threshold.
        failing = state.failing or (state.failures > 0 and bool(state.last_error))
        return SourceStatus(kind, target, platform, failing=failing,
                            last_success=state.last_success, last_error=state.last_error,
                            guild_added=added, quarantined=count, quarantine_reason=why)

    out: list[SourceStatus] = []
    seen: set[tuple[str, str]] = set()
    for ref in configured:
        key = (ref.kind, ref.target.lower() if ref.kind == "reddit" else ref.target)
        if key not in seen:
            seen.add(key)
            out.append(status(ref.kind, ref.target, ref.platform, False))
    out.extend(status(g.kind, g.target, g.platform, True) for g in own)
    return out


def describe_source(kind: str, target: str) -> str:
    return f"r/{target}" if kind == "reddit" else target
