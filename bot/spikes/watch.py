"""Checking for spikes as individual reports are stored, in the transaction that stores them.

The pipeline hands ``SpikeWatcher.check`` each page's new posts with their
verdicts; for each (community, report kind, day) the page touched, it counts
that day's reports and holds the count against the community's trailing
daily counts (``baseline``). A spike is recorded once per community, kind
and day (``spikes``), and becomes an event: it joins the open event of the
same platform (the latest one, when there are several), else opens one with
``origin: spike``. Later reports of a spiked day join the spike's event. The
changes come back as ``EventChange`` records, so the caller queues alerts for
them as for any event. The clock is the caller's (a replay's post times).
Spikes count the posts stored with a report kind (events.md: every worker's own
account of that kind in the community that day). A post that joined an event as a
follow-up report (``bot.pipeline``) keeps its kind and is counted too, so a day's
count does not depend on whether an event happened to be open; a spike places no
post that has a place already, so it stays one report of its event.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.events.record import EventState
from bot.events.rows import to_row, to_state
from bot.events.settings import EventSettings
from bot.platforms import PlatformRegistry
from bot.records import PostRecord, feed_key_of
from bot.spikes.baseline import Judgement, SpikeSettings, daily_history, judge
from bot.spikes.events import SpikeFacts, fold_spike, open_spike_event, spike_title
from storage.queries.event_changes import EventChange, Placement
from storage.queries.events import (
    CLOSED,
    EventRow,
    PlatformRow,
    ReportRow,
    candidate_events,
    get_event,
    insert_events,
    lock_companies,
    save_event_platforms,
    save_event_reports,
    update_events,
)
from storage.queries.spikes import (
    Community,
    ReportPost,
    SpikeRecord,
    first_posts,
    placed_posts,
    reports_of,
    save_spike,
    spikes_on,
    update_spike,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class NewReport:
    """A stored post the scorer marked as an individual report of ``kind``."""

    post_id: int
    record: PostRecord
    kind: str


def community_of(record: PostRecord) -> Community | None:
    """The community a post speaks in; None for a guild's private sources."""
    if record.guild_id is not None:
        return None
    if record.source_kind == "feed":
        return Community(feed_key=feed_key_of(record.feed)) if record.feed else None
    return Community(subreddit=record.subreddit) if record.subreddit else None


def with_spikes(placements: Sequence[Placement],
                changes: Sequence[EventChange]) -> list[Placement]:
    """Placements with the posts spikes put in events; of a page's posts in one spike
    event, the last one counts as the one that opened (or changed) it."""
    last: dict[int, int] = {}
    for change in changes:
        ids = set(change.post_ids)
        mine = [p.post_id for p in placements if p.post_id in ids and p.event_id is None]
        if mine:
            last[max(mine)] = change.event_id
    opened = {c.event_id for c in changes if c.opened}
    places = {pid: c.event_id for c in changes for pid in c.post_ids}
    out = []
    for p in placements:
        if p.event_id is not None or p.post_id not in places:
            out.append(p)
            continue
        event_id = places[p.post_id]
        lead = last.get(p.post_id) == event_id
        out.append(Placement(p.post_id, event_id, lead and event_id in opened, lead))
    return out


def _start(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


def _spans(days: Iterable[date], window_days: int) -> list[tuple[datetime, datetime]]:
    """The times judging these days reads: each day and the window before it, overlaps merged."""
    spans: list[tuple[datetime, datetime]] = []
    for day in sorted(days):
        since, until = _start(day) - timedelta(days=window_days), _start(day) + timedelta(days=1)
        if spans and since <= spans[-1][1]:
            spans[-1] = (spans[-1][0], until)
        else:
            spans.append((since, until))
    return spans


@dataclass(frozen=True)
class _Reads:
    """What the spike checks of one page read: three statements for the page, not four a day.

    Judging a day writes only its own spike and event, never what another
    day of the page reads, so everything is read before the first is judged.
    """

    reports: dict[tuple[Community, str], list[ReportPost]]
    """Reports per (community, kind), oldest first, from the earliest baseline window on."""
    spikes: dict[tuple[str, str, str], SpikeRecord]
    """Spikes already recorded, by (community key, kind, day)."""
    firsts: dict[Community, datetime | None]
    """When each community's earliest stored post was written."""

    def posts(self, community: Community, kind: str, since: datetime,
              until: datetime) -> list[ReportPost]:
        """The community's reports of ``kind`` written in [since, until), oldest first."""
        return [p for p in self.reports.get((community, kind), ())
                if since <= p.created_utc < until]


class SpikeWatcher:
    """Built once at start-up; ``check`` runs inside the pipeline's transaction."""

    def __init__(self, registry: PlatformRegistry, settings: SpikeSettings | None = None,
                 events: EventSettings | None = None) -> None:
        self.settings = settings or SpikeSettings()
        self.events = events or EventSettings()
        self.registry = registry
        self._parent = {p.id: p.parent or p.id for p in registry}
        self._home = {s.lower(): p.id for p in registry for s in p.subreddits}

    def parent(self, platform: str) -> str:
        return self._parent.get(platform, platform)

    def family(self, platforms: Sequence[str]) -> list[str]:
        parents = {self.parent(p) for p in platforms}
        return sorted({p for p, parent in self._parent.items() if parent in parents}
                      | set(platforms))

    async def check(self, session: AsyncSession, reports: Sequence[NewReport],
                    now: datetime) -> list[EventChange]:
        """Judge every (community, kind, day) these reports touched; returns event changes."""
        if not self.settings.enabled:
            return []
        keys: dict[tuple[Community, str, date], None] = {}
        for r in reports:
            community = community_of(r.record)
            if community is not None and r.record.created_utc is not None:
                keys[(community, r.kind, r.record.created_utc.astimezone(UTC).date())] = None
        if not keys:
            return []
        communities = {c for c, _, _ in keys}
        reads = _Reads(
            await reports_of(session, communities, {k for _, k, _ in keys},
                             _spans({day for _, _, day in keys}, self.settings.window_days)),
            await spikes_on(session, {(c.key, k, d.isoformat()) for c, k, d in keys}),
            await first_posts(session, communities))
        changes: list[EventChange] = []
        for community, kind, day in keys:
            change = await self._day(session, reads, community, kind, day, now)
            if change is not None:
                changes.append(change)
        return changes

    async def _day(self, session: AsyncSession, reads: _Reads, community: Community, kind: str,
                   day: date, now: datetime) -> EventChange | None:
        s = self.settings
        day_start = _start(day)
        posts = reads.posts(community, kind, day_start, day_start + timedelta(days=1))
        known = reads.spikes.get((community.key, kind, day.isoformat()))
        if known is not None:
            if known.event_id is None or await get_event(session, known.event_id) is None:
                # Its event was removed since (``events rebuild`` regroups reports): place
                # the day's posts again.
                verdict = Judgement(len(posts), known.baseline, 0.0, True)
                return await self._attach(session, known.id, community, kind, day, posts,
                                          verdict, now)
            facts = SpikeFacts(community.key, kind, known.day, len(posts), known.baseline,
                               (), ())
            await update_spike(session, known.id, count=len(posts), event_id=known.event_id)
            return await self._join(session, known.event_id, facts, posts, now)
        first = reads.firsts[community]
        if first is None or (day - first.astimezone(UTC).date()).days < s.min_history_days:
            return None
        past = reads.posts(community, kind, day_start - timedelta(days=s.window_days), day_start)
        counts = Counter(p.created_utc.astimezone(UTC).date().toordinal() for p in past)
        history = daily_history(counts, day.toordinal(), first.astimezone(UTC).date()
                                .toordinal(), s.window_days)
        verdict = judge(len(posts), history, s)
        if not verdict.spike:
            return None
        return await self._spike(session, community, kind, day, posts, verdict, now)

    def _platforms(self, community: Community, posts: Sequence[ReportPost]) -> list[str]:
        """The platform(s) most of the day's posts name; else the community's own."""
        named = Counter(p for post in posts for p in post.platforms)
        if named:
            top = max(named.values())
            return sorted(p for p, n in named.items() if n == top)
        hints = Counter(post.platform_hint for post in posts if post.platform_hint)
        if hints:
            return [hints.most_common(1)[0][0]]
        home = self._home.get((community.subreddit or "").lower())
        return [home] if home else []

    async def _spike(self, session: AsyncSession, community: Community, kind: str, day: date,
                     posts: Sequence[ReportPost], verdict: Judgement,
                     now: datetime) -> EventChange | None:
        saved = await save_spike(session, community=community.key, kind=kind,
                                 day=day.isoformat(), count=verdict.count,
                                 baseline=verdict.rate, now=now)
        if saved is None:  # a concurrent writer recorded it first
            return None
        log.info("spike: %d %s reports in %s on %s (rate %.2f a day, p=%.1e)",
                 verdict.count, kind, community.key, day, verdict.rate, verdict.p_value)
        return await self._attach(session, saved.id, community, kind, day, posts, verdict, now)

    async def _attach(self, session: AsyncSession, spike_id: int, community: Community,
                      kind: str, day: date, posts: Sequence[ReportPost], verdict: Judgement,
                      now: datetime) -> EventChange | None:
        """Put a recorded spike's posts in the platform's open event, else in a new one."""
        platforms = self._platforms(community, posts)
        if not platforms:
            log.info("spike in %s on %s names no known platform: no event", community.key, day)
            return None
        parents = sorted({self.parent(p) for p in platforms})
        facts = SpikeFacts(community.key, kind, day.isoformat(), verdict.count, verdict.rate,
                           tuple(platforms), tuple(parents))
        await lock_companies(session, parents)
        open_event = await self._open_event(session, platforms, day)
        if open_event is not None:
            assert open_event.id is not None
            await update_spike(session, spike_id, count=verdict.count, event_id=open_event.id)
            return await self._join(session, open_event.id, facts, posts, now, open_event)
        names = ", ".join(self._name(p) for p in platforms)
        state = open_spike_event(-1, facts, spike_title(facts, names), posts, now)
        [event_id] = await insert_events(session, [to_row(state)])
        state.id = event_id
        await update_spike(session, spike_id, count=verdict.count, event_id=event_id)
        await self._write_places(session, state, posts, facts, now)
        return EventChange(event_id, True, state.revision, None, state.status,
                           tuple(p.id for p in posts))

    def _name(self, platform: str) -> str:
        found = self.registry.get(platform)
        return found.name if found is not None else platform

    async def _open_event(self, session: AsyncSession, platforms: Sequence[str],
                          day: date) -> EventRow | None:
        """The open public contraction event of these platforms with the latest report near
        the day (every report kind is of a cut: a hiring event is not what they report)."""
        since = _start(day) - self.events.join_window
        rows = [r for r in await candidate_events(session, self.family(platforms), since,
                                                  [None])
                if r.status != CLOSED and r.direction == "contraction"
                and r.first_seen < _start(day) + timedelta(days=1)]
        return max(rows, key=lambda r: (r.last_seen, r.id or 0), default=None)

    async def _join(self, session: AsyncSession, event_id: int, facts: SpikeFacts,
                    posts: Sequence[ReportPost], now: datetime,
                    row: EventRow | None = None) -> EventChange | None:
        row = row or await get_event(session, event_id)
        if row is None:
            return None
        placed = await placed_posts(session, [p.id for p in posts])
        fresh = [p for p in posts if p.id not in placed]
        if not fresh:
            return None
        state = to_state(row)
        status_before = state.status
        fold_spike(state, facts, fresh, now)
        await update_events(session, [to_row(state)], now)
        await self._write_places(session, state, fresh, facts, now)
        return EventChange(event_id, False, state.revision, status_before, state.status,
                           tuple(p.id for p in fresh))

    async def _write_places(self, session: AsyncSession, state: EventState,
                            posts: Sequence[ReportPost], facts: SpikeFacts,
                            now: datetime) -> None:
        firsts: dict[str, str] = state.features.get("platform_first", {})
        await save_event_platforms(session, [
            PlatformRow(state.id, p, self.parent(p),
                        datetime.fromisoformat(firsts[p]) if p in firsts else state.first_seen,
                        state.last_seen)
            for p in state.platforms])
        reason = (f"spike: {facts.count} {facts.kind} reports in {facts.community} on "
                  f"{facts.day}, against about {facts.rate:g} a day")
        await save_event_reports(session, [
            ReportRow(p.id, state.id, "spike", p.created_utc, now,
                      f"u/{p.author}" if p.author else f"post:{p.id}", True, None, None, reason)
            for p in posts])
