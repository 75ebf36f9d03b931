"""Page arithmetic and when the next digest goes out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.commands.periods import (
    clamp_page,
    digest_days,
    next_digest_at,
    page_count,
    page_offset,
    since,
)
from storage.queries.guilds import DigestView, period_of


def test_pages() -> None:
    assert [page_count(n) for n in (0, 1, 5, 6, 10, 11)] == [1, 1, 1, 2, 2, 3]
    assert page_count(7, per_page=3) == 3
    assert (clamp_page(0, 3), clamp_page(2, 3), clamp_page(9, 3), clamp_page(4, 0)) == (1, 2, 3, 1)
    assert (page_offset(1), page_offset(3), page_offset(0)) == (0, 10, 0)


def test_periods() -> None:
    now = datetime(2026, 5, 6, 12, tzinfo=UTC)
    assert since(now, 7) == datetime(2026, 4, 29, 12, tzinfo=UTC)
    assert (digest_days("daily"), digest_days("weekly")) == (1, 7)
    with pytest.raises(ValueError, match="cadence"):
        digest_days("monthly")


def view(cadence: str, hour: int, last: str | None, now: datetime) -> DigestView:
    period, start = period_of(cadence, now)
    return DigestView(1, 2, cadence, hour, last, period, start + timedelta(hours=hour))


def test_next_digest() -> None:
    wednesday = datetime(2026, 5, 6, 12, tzinfo=UTC)
    # Due this period and not sent: at its hour, or now if the hour has passed.
    assert next_digest_at(view("daily", 15, None, wednesday), wednesday) == \
        datetime(2026, 5, 6, 15, tzinfo=UTC)
    assert next_digest_at(view("daily", 9, "2026-05-05", wednesday), wednesday) == wednesday
    # This period's is done: the next period's hour.
    assert next_digest_at(view("daily", 9, "2026-05-06", wednesday), wednesday) == \
        datetime(2026, 5, 7, 9, tzinfo=UTC)
    assert next_digest_at(view("weekly", 7, "2026-W19", wednesday), wednesday) == \
        datetime(2026, 5, 11, 7, tzinfo=UTC)
