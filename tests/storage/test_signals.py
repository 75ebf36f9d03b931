from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.queries.signals import count_signals, recent_signals, summary
from tests.storage.signal_data import T0, Decision, add_post

Sessions = async_sessionmaker[AsyncSession]
NOW = T0 + timedelta(days=1)


async def _history(s: AsyncSession) -> None:
    """Signals this week and last week, plus noise that must never be counted."""
    plan = [
        # (days before NOW, event_type, tier, platforms)
        (1, "pay_cut", "generalist", ("outlier",)),
        (2, "pay_cut", "expert", ("outlier", "scale_ai")),
        (3, "layoff", "all", ("mercor",)),
        (4, "pay_raise", "expert", ("mercor",)),
        (9, "pay_cut", "generalist", ("outlier",)),
        (10, "hiring_expansion", "all", ("outlier",)),
        (20, "layoff", "all", ("outlier",)),
    ]
    for n, (days, event, tier, platforms) in enumerate(plan):
        await add_post(s, f"t3_s{n}", title=f"signal {n}", body="b" * 2000,
                       created=NOW - timedelta(days=days),
                       decision=Decision(event_type=event, tier=tier, platforms=platforms))
    for n in range(5):
        await add_post(s, f"t3_n{n}", created=NOW - timedelta(days=n),
                       decision=Decision(is_signal=False, event_type="none", score=10,
                                         platforms=("outlier",)))
    await add_post(s, "t3_unscored", created=NOW)


async def test_recent_signals_newest_first_with_filters(db_sessions: Sessions) -> None:
    async with db_sessions.begin() as s:
        await _history(s)
    since = NOW - timedelta(days=14)
    async with db_sessions() as s:
        everything = await recent_signals(s, None, None, since, limit=10)
        page2 = await recent_signals(s, None, None, since, limit=2, offset=2)
        mercor = await recent_signals(s, {"mercor"}, None, since)
        scale_cuts = await recent_signals(s, {"scale_ai", "appen"}, "pay_cut", since)
        total = await count_signals(s, None, None, since)
        outlier_total = await count_signals(s, {"outlier"}, None, since)
    assert [p.title for p in everything] == [f"signal {i}" for i in range(6)]
    assert [p.title for p in page2] == ["signal 2", "signal 3"]
    assert [p.title for p in mercor] == ["signal 2", "signal 3"]
    assert [p.title for p in scale_cuts] == ["signal 1"]
    assert scale_cuts[0].platforms == ("outlier", "scale_ai")
    assert 0 < len(everything[0].body) < 2000
    assert (total, outlier_total) == (6, 4)


async def test_summary_counts_per_platform_and_period(db_sessions: Sessions) -> None:
    async with db_sessions.begin() as s:
        await _history(s)
    async with db_sessions() as s:
        week = await summary(s, None, 7, NOW)
        only_mercor = await summary(s, {"mercor"}, 7, NOW)
    by = {p.platform: p for p in week.platforms}
    assert [p.platform for p in week.platforms] == ["outlier", "mercor", "scale_ai"]
    outlier = by["outlier"]
    assert outlier.current.total == 2 and outlier.previous.total == 2
    assert outlier.current.by_event == {"pay_cut": 2}
    assert outlier.current.by_tier == {"expert": 1, "generalist": 1}
    assert outlier.previous.by_event == {"hiring_expansion": 1, "pay_cut": 1}
    assert (outlier.previous.contraction, outlier.previous.expansion) == (1, 1)
    assert by["mercor"].current.by_event == {"layoff": 1, "pay_raise": 1}
    assert by["mercor"].change == 2
    assert by["scale_ai"].current.total == 1
    # The overall counts count the two-platform post once.
    assert (week.overall.total, week.overall.contraction, week.overall.expansion) == (4, 3, 1)
    assert week.overall_previous.total == 2
    assert week.start == NOW - timedelta(days=7)
    assert week.previous_start == NOW - timedelta(days=14)
    assert [p.platform for p in only_mercor.platforms] == ["mercor"]
    assert only_mercor.overall.total == 2


async def test_summary_rejects_empty_periods(db_sessions: Sessions) -> None:
    async with db_sessions() as s:
        with pytest.raises(ValueError, match="days"):
            await summary(s, None, 0, NOW)
