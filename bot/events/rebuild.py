"""``labelwatch events rebuild``: group every stored signal post again.

After an upgrade (posts stored before events existed) or after the scorer
changed (``labelwatch rescore`` first), events built from reports are
dropped and rebuilt from the stored verdicts, in ``created_utc`` order, a
page at a time, each page clocked by its last post's time as in a replay.
Posts that were placed as denials are placed again as denials (the verdict
stored with a post does not say "denial", so only placements remember it).
A stored signal scored under the threshold joined its event as a follow-up
(``Grouper`` and ``[follow_up]`` of ``cues/scoring.toml``), and is placed again
as one: it joins an open event it matches strongly, and never opens one. One that
joins no event any more is stored as a non-signal again, with the individual report
kind the scorer gives it (``storage.queries.scores.demote_signals``, a page's in a
few statements), as it would have been had it arrived with no event to join.
No alert is queued: events rebuilt from old posts are history, not news.
Alerts already sent are kept: each route's message (with its edits and
replies) moves to the rebuilt event holding most of its old event's posts,
so it is not posted again and the next report edits it
(``storage.queries.event_alert_history``). It all runs in one transaction:
stop the service while it runs; one that fails changes nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.app import prepare_database
from bot.config import Settings, scorer_for
from bot.events.features import Incoming, Verdict
from bot.events.grouping import Grouper
from bot.events.settings import EventSettings
from bot.platforms import PlatformRegistry
from bot.progress import progress
from bot.records import PostRecord
from bot.scoring import Decision, Scorer
from storage.engine import create_engine, session_factory
from storage.queries.event_alert_history import carry_event_alerts, hold_event_alerts
from storage.queries.events import (
    StoredVerdict,
    close_quiet_events,
    count_events,
    count_signal_posts,
    delete_report_events,
    denial_post_ids,
    verdicts_after,
)
from storage.queries.scores import demote_signals
from storage.types import utcnow


def _incoming(v: StoredVerdict, denials: set[int], follow_up_below: float | None) -> Incoming:
    record = PostRecord(
        source_kind="feed" if v.source_kind == "feed" else "reddit",
        external_id=v.external_id, title=v.title, body=v.body, url=v.url, author=v.author,
        created_utc=v.created_utc, subreddit=v.subreddit, feed=v.feed, guild_id=v.guild_id,
    )
    follow_up = v.is_signal and follow_up_below is not None and v.score < follow_up_below
    verdict = Verdict(v.is_signal and not follow_up, v.score, v.event_type, v.tier,
                      tuple(v.platforms), v.magnitude,
                      denial=v.post_id in denials and not v.is_signal, follow_up=follow_up)
    return Incoming(v.post_id, record, v.created_utc, verdict, v.guild_id)


async def rebuild(settings: Settings, out: TextIO, err: TextIO, page_size: int = 2000) -> int:
    """``labelwatch events rebuild`` on the configured database."""
    engine = create_engine(settings.database.url)
    try:
        await prepare_database(engine)
        scorer: list[Scorer] = []

        def score(post: PostRecord) -> Decision:
            if not scorer:  # built only when a follow-up joins no event
                scorer.append(scorer_for(settings))
            return scorer[0].score(post)

        await regroup(session_factory(engine), settings.events, settings.registry, out, err,
                      page_size, follow_up_below=settings.scoring.threshold, score=score)
    finally:
        await engine.dispose()
    return 0


async def regroup(sessions: async_sessionmaker[AsyncSession], events: EventSettings,
                  registry: PlatformRegistry, out: TextIO, err: TextIO,
                  page_size: int = 2000, grouper: Grouper | None = None,
                  follow_up_below: float | None = None,
                  score: Callable[[PostRecord], Decision] | None = None) -> int:
    """Drop the events built from reports and group every stored signal post again.

    Returns how many events there are afterwards. ``grouper`` replaces the
    one built from ``events`` and ``registry``. Stored signals scored under
    ``follow_up_below`` (the scoring threshold) are placed as follow-ups; those
    that join no event become non-signals, with the report kind ``score`` gives.
    """
    grouper = grouper or Grouper(registry, events)
    started = time.perf_counter()
    # One transaction: a rebuild that fails or is stopped leaves the database as it was.
    async with sessions.begin() as session:
        denials = await denial_post_ids(session)
        held = await hold_event_alerts(session)
        dropped = await delete_report_events(session)
        total = await count_signal_posts(session)
        print(f"dropped {dropped} events; grouping {total} signal posts", file=err, flush=True)
        after = None
        done = opened = demoted = 0
        with progress("events rebuild", total, unit="posts", stream=err) as bar:
            while True:
                page = await verdicts_after(session, after, page_size, also=denials)
                if not page:
                    break
                items = [_incoming(v, denials, follow_up_below) for v in page]
                grouped = await grouper.place(session, items, page[-1].created_utc)
                after = (page[-1].created_utc, page[-1].post_id)
                signals = sum(v.is_signal for v in page)
                loose = [(item.post_id, score(item.record).report if score is not None else None)
                         for item, placed in zip(items, grouped.placements, strict=True)
                         if item.verdict.follow_up and placed.event_id is None]
                await demote_signals(session, loose)
                demoted += len(loose)
                done += signals
                opened += sum(p.opened for p in grouped.placements)
                bar.advance(signals, note=f"{opened} events")
        now = utcnow()
        await close_quiet_events(session, now - events.quiet, now)
        carried = await carry_event_alerts(session, held)
        count = await count_events(session)
    print(f"done: {done - demoted} signal posts in {count} events "
          f"({time.perf_counter() - started:.1f}s)", file=out)
    if demoted:
        print(f"{demoted} follow-up reports joined no event and are non-signals again",
              file=out)
    if carried.rows or carried.dropped:
        print(f"alert messages kept: {carried.events} events keep their messages "
              f"({carried.rows} outbox rows); {carried.dropped} rows of events whose posts "
              "are no longer grouped together were dropped", file=out)
    return count
