"""Breadth and crossings from counted events: windows, brands, disputes, repeats."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.index.breadth import (
    breadth_on,
    crossings,
    daily_breadth,
    end_of,
    iso_week,
    span,
)
from storage.queries.index import ParentEvent

D0 = date(2025, 3, 1)


def ev(event_id: int, parent: str, day: int, *, tier: str = "expert",
       direction: str = "contraction", disputed_day: int | None = None,
       hour: int = 12) -> ParentEvent:
    seen = datetime.combine(D0 + timedelta(days=day), datetime.min.time(), UTC)
    disputed = None
    if disputed_day is not None:
        disputed = seen + timedelta(days=disputed_day - day, hours=hour)
    return ParentEvent(event_id, parent, tier, direction, seen + timedelta(hours=hour),
                       disputed)


def test_window_is_thirty_days_ending_with_the_day() -> None:
    row = ev(1, "mercor", 0)
    assert span(row) == (D0, D0 + timedelta(days=29))
    assert breadth_on([row], "expert", D0 + timedelta(days=29)).value == 1
    assert breadth_on([row], "expert", D0 + timedelta(days=30)).value == 0
    assert breadth_on([row], "expert", D0 - timedelta(days=1)).value == 0


def test_disputed_events_stop_counting_from_the_day_of_the_dispute() -> None:
    row = ev(1, "mercor", 0, disputed_day=5)
    assert breadth_on([row], "expert", D0 + timedelta(days=4)).value == 1
    assert breadth_on([row], "expert", D0 + timedelta(days=5)).value == 0
    assert span(ev(2, "mercor", 3, disputed_day=3)) is None


def test_brands_count_once_under_their_parent_and_other_tiers_do_not_count() -> None:
    rows = [ev(1, "scale_ai", 0), ev(2, "scale_ai", 2), ev(3, "scale_ai", 4),
            ev(4, "mercor", 5, tier="generalist"), ev(5, "turing", 5, direction="expansion"),
            ev(6, "appen", 5, tier="all")]
    on = breadth_on(rows, "expert", D0 + timedelta(days=6))
    assert on.parents == ("scale_ai",) and on.events == (1, 2, 3)
    assert breadth_on(rows, "generalist", D0 + timedelta(days=6)).parents == ("mercor",)
    assert crossings(rows, "expert", 3, until=D0 + timedelta(days=60)) == []


def test_one_crossing_and_a_fourth_parent_does_not_cross_again() -> None:
    rows = [ev(4, "mercor", 0), ev(9, "scale_ai", 10), ev(12, "surge_ai", 13),
            ev(15, "turing", 20)]
    [crossing] = crossings(rows, "expert", 3, until=D0 + timedelta(days=90))
    assert crossing.at == D0 + timedelta(days=13)
    assert crossing.parents == ("mercor", "scale_ai", "surge_ai")
    assert crossing.events == (4, 9, 12)
    assert crossing.tier == "expert" and crossing.level == 3
    # Before the third parent arrives, nothing has crossed.
    assert crossings(rows, "expert", 3, until=D0 + timedelta(days=12)) == []


def test_falling_below_the_level_and_rising_again_is_a_new_crossing() -> None:
    first = [ev(1, "mercor", 0), ev(2, "scale_ai", 1), ev(3, "surge_ai", 2)]
    later = [ev(4, "mercor", 50), ev(5, "scale_ai", 51), ev(6, "turing", 52)]
    found = crossings(first + later, "expert", 3, until=D0 + timedelta(days=100))
    assert [c.at for c in found] == [D0 + timedelta(days=2), D0 + timedelta(days=52)]
    assert found[1].events == (4, 5, 6)
    # A parent staying in the window (a second event) keeps breadth up: no repeat.
    bridged = [*first, ev(7, "mercor", 25), ev(8, "scale_ai", 26), ev(9, "surge_ai", 27)]
    assert len(crossings(bridged, "expert", 3, until=D0 + timedelta(days=100))) == 1


def test_daily_breadth_matches_breadth_on_each_day() -> None:
    rows = [ev(1, "mercor", 0), ev(2, "mercor", 20), ev(3, "scale_ai", 10, disputed_day=15),
            ev(4, "surge_ai", 40)]
    first, last = D0 - timedelta(days=3), D0 + timedelta(days=80)
    series = daily_breadth(rows, "expert", first, last)
    expected = [breadth_on(rows, "expert", first + timedelta(days=i)).value
                for i in range(len(series))]
    assert series == expected
    assert max(series) == 2 and series[0] == 0 and series[-1] == 0


def test_iso_weeks_and_day_ends() -> None:
    assert iso_week(date(2025, 9, 15)) == "2025-W38"
    assert iso_week(date(2024, 12, 30)) == "2025-W01"
    assert end_of(D0) == datetime(2025, 3, 1, 23, 59, 59, 999999, tzinfo=UTC)
