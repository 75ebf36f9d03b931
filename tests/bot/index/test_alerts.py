"""Convergence alert formatting: names the parents, links the events, escapes titles."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.index.alerts import crossing_embed, crossing_line
from bot.index.crossings import detect_crossings
from bot.platforms import PlatformRegistry
from storage.queries.index import crossing_events
from tests.support.events import add_event, add_reports

T0 = datetime(2025, 3, 3, 9, 30, tzinfo=UTC)
REGISTRY = PlatformRegistry()


async def test_a_crossing_alert_names_parents_and_links_events(
    db_sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with db_sessions.begin() as session:
        mercor = await add_event(session, ["mercor"], T0, title="@everyone Mercor cuts *all* "
                                                               "expert coders")
        await add_reports(session, mercor, [T0], platform="mercor")
        await add_event(session, ["outlier"], T0 + timedelta(days=3), status="confirmed")
        await add_event(session, ["dataannotation"], T0 + timedelta(days=5),
                        first_report_url="https://news.example.com/da-cuts")
        [crossing] = await detect_crossings(session, T0 + timedelta(days=6), 3)
        events = await crossing_events(session, crossing.events)
    embed = crossing_embed(crossing, events, REGISTRY)
    assert embed["title"] == "Convergence: expert cuts at 3 companies in 30 days"
    assert embed["description"].startswith("Mercor, Scale AI and Surge AI each had an "
                                           "expert-tier contraction event")
    assert "2025-03-08" in embed["description"]
    names = [f["name"] for f in embed["fields"]]
    assert names == ["Layoff · Mercor (reported)", "Layoff · Outlier (confirmed)",
                     "Layoff · DataAnnotation (reported)"]
    first = embed["fields"][0]["value"]
    assert "@everyone" not in first and "\\*all\\*" in first
    assert f"/comments/r{mercor}x0/)" in first
    assert "(https://news.example.com/da-cuts)" in embed["fields"][2]["value"]
    assert crossing_line(crossing, REGISTRY) == (
        f"CONVERGENCE 2025-03-08 expert breadth 3 >= 3: Mercor, Scale AI, Surge AI "
        f"(e{mercor}, e{mercor + 1}, e{mercor + 2})")
