"""Scoring every stored post again (``labelwatch rescore``), follow-up reports kept.

A post that joined an open event as a follow-up report is stored as a signal
scored under the threshold (``bot.events.grouping``). Scored again it comes out
short of a signal, as before; as long as it still qualifies (within
``[follow_up] band`` of ``cues/scoring.toml``, nothing the rules veto) and is a
report of an event, it keeps a signal's verdict with its new score, so a
rescore does not pull reports out of their events behind grouping's back. The
same holds for a signal that a new scorer puts just under the threshold: it is
in an event, so it is kept as a follow-up of it. Whether such a post still
joins is grouping's to say: ``labelwatch events rebuild`` places it again as a
follow-up and stores it as a non-signal if it joins no event. A post that no
longer qualifies becomes a non-signal at once, as any signal scored out; the
rebuild then takes it out of its event. A rescore places nothing, and a rebuild
places only stored signals: a post newly scored within the band stays a
non-signal, as one that arrived with no event to join. A syndicated copy of one of
its event's reports (``bot.events.copies``) stays a signal whatever it scores, with
the verdict it joined with; a rebuild places it again as a copy.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.records import PostRecord
from bot.scoring import SCORER_VERSION, Decision
from bot.scoring.model import direction_of
from storage.queries.event_changes import Copied
from storage.queries.events import report_post_ids
from storage.queries.posts import posts_after
from storage.queries.scores import save_score

ScoreAll = Callable[[Sequence[PostRecord]], Awaitable[list[Decision]]]


@dataclass
class Rescored:
    """How far a rescore has come."""

    posts: int = 0
    signals: int = 0
    follow_ups: int = 0
    """Posts short of a signal kept as signals: follow-up reports of their events."""


def kept(decision: Decision, in_event: bool, copy: Copied | None = None) -> Decision:
    """The verdict to store: a post short of a signal that qualifies as a follow-up and
    is a report of an event keeps the verdict it has as a signal, with its individual
    report kind (events.md: a spike counts every worker's own "no tasks", "removed" or
    "pay lowered" of a community's day, whatever event it is also a report of). A post
    that is a syndicated copy of a report of its event (``bot.events.copies``) is a signal
    whatever it scored: the verdict of ``copy`` (its event's kind and tier) with its own
    score."""
    if decision.is_signal:
        return decision
    if decision.borderline is not None and (in_event or copy is not None):
        return replace(decision.borderline, report=decision.report)
    if copy is not None:
        return replace(decision, is_signal=True, event_type=copy.event_type,
                       direction=direction_of(copy.event_type), tier=copy.tier,
                       platforms=copy.platforms, borderline=None)
    return decision


async def rescore_stored(sessions: async_sessionmaker[AsyncSession], score_all: ScoreAll,
                         batch: int, done: Callable[[Rescored, int], None] | None = None
                         ) -> Rescored:
    """Score every stored post again in id order, ``batch`` at a time, and store the
    verdicts; ``done`` hears of each page (the totals so far, the page's size)."""
    out, after = Rescored(), 0
    while True:
        async with sessions() as session:
            page = await posts_after(session, after, batch)
        if not page:
            return out
        decisions = await score_all([p.record for p in page])
        async with sessions.begin() as session:
            reports = await report_post_ids(session, [p.id for p in page])
            for post, fresh in zip(page, decisions, strict=True):
                decision = kept(fresh, post.id in reports, reports.get(post.id))
                out.follow_ups += decision is not fresh
                out.signals += decision.is_signal
                await save_score(session, post.id, decision, SCORER_VERSION)
        after = page[-1].id
        out.posts += len(page)
        if done is not None:
            done(out, len(page))
