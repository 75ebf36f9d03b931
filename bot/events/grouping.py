"""Placing a page of posts into events, inside the transaction that stores them.

``Grouper.place`` reads the open events the page's posts could join (one
query, through ``event_platforms``), places the posts one by one in time
order in memory, then writes every new and revised event, its platforms and
the posts' places in a few statements, and closes events that went quiet.
It takes the clock as ``now``: the wall clock live, the posts' own times in a
replay, so both take the same path. Windows are measured from each post's own
time, so a backfilled post from last month meets last month's events.

A post that names no known platform (its platform is ``other``: "Halyard folks:
the new project pays $17 now" in r/WFHJobs) is also offered the open events
whose reports gave one of its names (``names.NameFinder``: project names and
rare capitalised words, never ordinary English words), within the join window,
or the tie window for a name its headline gives ("Halyard aftermath: ..." a week
on), found through ``event_names``; it joins one only by the usual matching rules
(``matching.match``: late, only the event's main name in the headline ties, and not
in a headline telling of a repeat), and never opens an event because of a name alone.
The other way round, a post at a known platform is offered the open events that
named no platform but one of its names ("Tansy paused for everyone", then "micro1
paused Tansy"), within the join window.

A post the scorer passed over (or a follow-up) that is an exact copy of a report of
an open event joins it as a syndicated copy, whatever it scored (``copies``); the
page loads the events at the platforms such posts are about, so the same page
statements find them.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.events.copies import Candidate, CopyIndex, as_copy, candidates
from bot.events.evidence import profile
from bot.events.features import FeatureReader, Incoming, Report
from bot.events.matching import (
    JOIN_AT,
    FollowUpRule,
    Match,
    copy_match,
    joins,
    match,
    rank,
)
from bot.events.record import EventState
from bot.events.rows import to_row, to_state
from bot.events.settings import EventSettings
from bot.events.sources import COMMUNITY
from bot.platforms import OTHER, PlatformRegistry
from storage.queries.event_changes import Copied, EventChange, Placement
from storage.queries.event_names import NameRow, save_event_names
from storage.queries.events import (
    CLOSED,
    Closed,
    PlatformRow,
    ReportRow,
    candidate_events,
    close_quiet_events,
    insert_events,
    lock_companies,
    save_event_platforms,
    save_event_reports,
    update_events,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Grouped:
    """What one page did: each post's place (in the order given) and each event's change."""

    placements: list[Placement]
    changes: list[EventChange]


@dataclass
class _Joined:
    report: Report
    state: EventState
    role: str
    match: Match | None
    independent: bool
    syndicated_of: int | None
    opened: bool
    changed: bool
    copied: bool = False
    """Joined as a copy of one of the event's reports, short of a signal (``copies``)."""


@dataclass
class _Page:
    states: dict[int, EventState] = field(default_factory=dict)
    by_platform: dict[str, list[EventState]] = field(default_factory=dict)
    by_name: dict[str, dict[int, EventState]] | None = None
    """Events by the names their reports gave; kept only when a post of the page
    names no known platform but names something (``_named``)."""
    copies: CopyIndex | None = None
    """Events by their reports' fingerprints and links; kept only when a post of the page
    may be a copy (``copies``)."""
    status_before: dict[int, str] = field(default_factory=dict)
    revision_before: dict[int, int] = field(default_factory=dict)
    joined: list[_Joined] = field(default_factory=list)
    next_temp: int = -1

    def add(self, state: EventState) -> None:
        self.states[state.id] = state
        for p in state.platforms:
            bucket = self.by_platform.setdefault(p, [])
            if state not in bucket:
                bucket.append(state)
        if self.by_name is not None:
            for name in profile(state).names:
                self.by_name.setdefault(name, {})[state.id] = state
        if self.copies is not None:
            self.copies.add(state)


class Grouper:
    """Turns signal posts into events; built once at start-up and shared."""

    def __init__(self, registry: PlatformRegistry, settings: EventSettings | None = None,
                 follow_up: FollowUpRule | None = None) -> None:
        self.settings = settings or EventSettings()
        self.reader = FeatureReader(registry, self.settings.company_feeds)
        self.follow_up = follow_up or FollowUpRule.from_table()

    async def place(self, session: AsyncSession, items: Sequence[Incoming],
                    now: datetime) -> Grouped:
        """Place ``items`` (stored posts with verdicts) in time order, those of one time in
        the order given; ``now`` is the grouping clock."""
        reports = [self.reader.read(i) for i in items
                   if i.verdict.is_signal or i.verdict.denial or i.verdict.follow_up]
        copies = candidates(self.reader, items)
        page = _Page(copies=CopyIndex() if copies or any(r.follow_up for r in reports)
                     else None)
        if reports or copies:
            await self._load(session, page, reports, copies)
        # Posts of the same second go in the order given (the source's, or the replayed
        # file's), not by row id: the first of them opens the event and makes its message.
        order = {item.post_id: n for n, item in enumerate(items)}
        queue: list[Report | Candidate] = [*reports, *copies]
        for report in sorted(queue, key=lambda r: (r.at, order[r.post_id])):
            if isinstance(report, Candidate):
                self._copy(page, report, now)
            elif report.denial:
                self._dispute(page, report, now)
            elif report.follow_up:
                if not self._copy(page, report, now):
                    self._join_open(page, report, now)
            else:
                self._place(page, report, now)
        quiet_before = now - self.settings.quiet
        for state in page.states.values():
            if state.dirty and state.last_seen < quiet_before and state.status != CLOSED:
                state.status, state.status_changed_at = CLOSED, now
                state.revision += 1
        closed = await close_quiet_events(
            session, quiet_before, now, keep=[i for i, s in page.states.items() if s.dirty])
        return await self._write(session, page, items, closed, now)

    async def _load(self, session: AsyncSession, page: _Page, reports: list[Report],
                    copies: list[Candidate]) -> None:
        platforms: set[str] = set()
        for r in reports:
            platforms.update(self.reader.family(r.platforms))
            platforms.update(r.written)
            if r.names.all:
                platforms.add(OTHER)  # the events that named no platform may carry its names
        for c in copies:
            platforms.update(self.reader.family(c.platforms))
        since = min([r.at for r in reports] + [c.at for c in copies]) - self.settings.tie_window
        scopes = {r.guild_id for r in reports} | {c.item.guild_id for c in copies}
        named = [r for r in reports if _named(r)]
        names = {n for r in named for n in r.asked}
        names_since = min((r.at for r in named), default=None)
        if names_since is not None:
            names_since -= self.settings.tie_window
            page.by_name = {}
        await lock_companies(session, {self.reader.parent(p) for p in platforms},
                             names, names_since)
        for row in await candidate_events(session, platforms, since, scopes, names,
                                          names_since):
            state = to_state(row)
            page.status_before[state.id] = state.status
            page.revision_before[state.id] = state.revision
            page.add(state)

    def _candidates(self, page: _Page, report: Report) -> list[EventState]:
        seen: dict[int, EventState] = {}
        for p in self.reader.family(report.platforms):
            for state in page.by_platform.get(p, ()):
                seen[state.id] = state
        if report.names.all and not _named(report):
            # an event opened by posts naming no platform ("Tansy paused for everyone")
            # meets a report at a platform that gives its name ("micro1 paused Tansy")
            for state in page.by_platform.get(OTHER, ()):
                if state.platforms == [OTHER] and state.status != CLOSED \
                        and state.gap(report.at) <= self.settings.join_window \
                        and report.names.all & profile(state).names.keys():
                    seen[state.id] = state
        for p in report.written:  # "surge raised the phd rate": matched as at no platform
            for state in page.by_platform.get(p, ()):
                if state.status != CLOSED and state.gap(report.at) <= self.settings.join_window:
                    seen[state.id] = state
        if page.by_name is not None and _named(report):
            for name in sorted(report.asked):
                # a name its headline gives may tie back past the join window ("Halyard
                # aftermath: ..."), as matching decides; one in its body or written small
                # ("bramble cut rates") only within it
                window = self.settings.tie_window if name in report.title_words \
                    and name in report.names.all else self.settings.join_window
                for state in page.by_name.get(name, {}).values():
                    if state.status != CLOSED and state.gap(report.at) <= window:
                        seen[state.id] = state
        return list(seen.values())

    def _best(self, page: _Page, report: Report, *, denial: bool = False
              ) -> tuple[EventState, Match, int | None] | None:
        s = self.settings
        best: tuple[EventState, Match, int | None] | None = None
        looks_back = report.follow_up and self.follow_up.looks_back(report.title)
        for state in self._candidates(page, report):
            if (denial or report.follow_up) and state.status == CLOSED:
                continue
            copy_of = state.copy_of(report)
            m = match(report, state, s.join_window, s.tie_window, copy_of)
            if m is not None and log.isEnabledFor(logging.DEBUG):
                log.debug("post %d vs event %d: %.2f points%s: %s", report.post_id, state.id,
                          m.points, " (tie)" if m.tie else "", m.reason)
            if report.follow_up:
                if not self.follow_up.admits(m, s.join_window, looks_back):
                    continue
            elif denial:
                # as strong a match as a report needs, never late: a "denial" that shares
                # only the platform with an event (a question the scorer read as one)
                # must not mark it disputed
                if m is None or m.points < JOIN_AT or m.gap_days > s.join_window_days:
                    continue
            elif not joins(m, s.join_window):
                continue
            assert m is not None
            if best is None or rank(report, state, m) > rank(report, *best[:2]):
                best = (state, m, copy_of)
        return best

    def _join_open(self, page: _Page, report: Report, now: datetime) -> None:
        """A post short of a signal joins the open event it matches strongly, as a report
        of it ("Kestrel ended for my whole pod" after the Kestrel news); else it stays out."""
        found = self._best(page, report)
        if found is not None:
            self._place(page, report, now, found)

    def _copy(self, page: _Page, post: Candidate | Report, now: datetime) -> bool:
        """A post short of a signal that copies a report of an open event joins it as a
        syndicated copy (``copies``); whether it did."""
        if page.copies is None:
            return False
        guild, story = (post.item.guild_id, post.story) if isinstance(post, Candidate) \
            else (post.guild_id, True)
        found = page.copies.find(post.source, post.at, guild, story, self.settings.quiet)
        if found is None:
            return False
        state, of = found
        report = self.reader.read(as_copy(post, state)) if isinstance(post, Candidate) \
            else post
        self._place(page, report, now, (state, copy_match(report, state, of), of), True)
        return True

    def _place(self, page: _Page, report: Report, now: datetime,
               found: tuple[EventState, Match, int | None] | None = None,
               copied: bool = False) -> None:
        found = found or self._best(page, report)
        if found is None:
            state = EventState.open(page.next_temp, report, now)
            page.next_temp -= 1
            page.add(state)
            m, copy_of, opened = None, None, True
        else:
            state, m, copy_of = found
            opened = False
        before = state.view()
        independent = state.add_report(report, copy_of, now)
        state.settle_status(now)
        changed = state.view() != before
        if changed:
            state.revision += 1
            state.dirty = True
        page.add(state)  # a report may have brought a new platform
        page.joined.append(_Joined(report, state, "report", m, independent, copy_of, opened,
                                   changed, copied))

    def _dispute(self, page: _Page, report: Report, now: datetime) -> None:
        """A denial disputes the best-matching open event at its platforms, if credible:
        the company, the press or a moderator relaying the company's word
        (``Source.speaks_for``) any event; another community post only one that neither
        the company nor two outlets have confirmed."""
        found = self._best(page, report, denial=True)
        if found is None:
            return
        state, m, _ = found
        if report.source.kind == COMMUNITY and not report.source.speaks_for \
                and state.status == "confirmed":
            return
        before = state.view()
        state.add_denial(report)
        state.settle_status(now)
        changed = state.view() != before
        if changed:
            state.revision += 1
            state.dirty = True
        page.joined.append(_Joined(report, state, "denial", m, False, None, False, changed))

    async def _write(self, session: AsyncSession, page: _Page, items: Sequence[Incoming],
                     closed: list[Closed], now: datetime) -> Grouped:
        new = [s for s in page.states.values() if s.new]
        ids = await insert_events(session, [to_row(s) for s in new])
        for state, real in zip(new, ids, strict=True):
            state.id = real
        await update_events(session, [to_row(s) for s in page.states.values()
                                       if s.dirty and not s.new], now)
        await save_event_platforms(session, self._platform_rows(page))
        await save_event_names(session, [NameRow(j.state.id, name, j.report.at)
                                         for j in page.joined if j.role == "report"
                                         for name in j.report.names.all])
        await save_event_reports(session, [
            ReportRow(j.report.post_id, j.state.id, j.role, j.report.at, now,
                      j.report.source.key, j.independent, j.syndicated_of,
                      j.match.similarity if j.match else None, _reason(j))
            for j in page.joined
        ])
        return Grouped(self._placements(page, items), self._changes(page, closed))

    def _platform_rows(self, page: _Page) -> list[PlatformRow]:
        rows = []
        for state in page.states.values():
            if not state.dirty:
                continue
            firsts: dict[str, str] = state.features.get("platform_first", {})
            for p in state.platforms:
                first = datetime.fromisoformat(firsts[p]) if p in firsts else state.first_seen
                rows.append(PlatformRow(state.id, p, self.reader.parent(p), first,
                                        state.last_seen))
        return rows

    def _placements(self, page: _Page, items: Sequence[Incoming]) -> list[Placement]:
        by_post = {j.report.post_id: j for j in page.joined}
        out = []
        for item in items:
            j = by_post.get(item.post_id)
            copy = Copied(j.syndicated_of, j.report.event_type, j.report.tier,
                          j.report.platforms) \
                if j is not None and j.copied and j.syndicated_of is not None else None
            out.append(Placement(item.post_id, None) if j is None
                       else Placement(item.post_id, j.state.id, j.opened, j.changed,
                                      j.report.follow_up and copy is None, copy))
        return out

    def _changes(self, page: _Page, closed: list[Closed]) -> list[EventChange]:
        posts: dict[int, list[int]] = {}
        for j in page.joined:
            posts.setdefault(j.state.id, []).append(j.report.post_id)
        out = []
        for state in page.states.values():
            if not state.dirty:
                continue
            was_new = state.id not in page.status_before
            out.append(EventChange(
                state.id, was_new, state.revision,
                None if was_new else page.status_before[state.id], state.status,
                tuple(posts.get(state.id, ())),
            ))
        out.extend(EventChange(c.event_id, False, c.revision, c.status_before, CLOSED)
                   for c in closed)
        return out


def _named(report: Report) -> bool:
    """A report that names no known platform but names a project or rare name: it may
    join an open event at any platform that carries the name."""
    return report.platforms == (OTHER,) and bool(report.asked)


def _reason(j: _Joined) -> str:
    """Why the post is in its event, as ``events show`` lists it."""
    if j.match is None:
        return "opened the event"
    if j.copied:
        return (f"joined open event e{j.state.id} as a syndicated copy of post "
                f"{j.syndicated_of} (scored {j.report.score:.0f}, short of a signal on its "
                f"own; not independent corroboration): {j.match.reason}")
    if j.report.follow_up:
        return (f"joined open event e{j.state.id} as a follow-up (scored "
                f"{j.report.score:.0f}, short of a signal on its own): {j.match.reason}")
    return j.match.reason
