"""Events CSV: export, import into an empty database, round trip, idempotence, refusals."""

from __future__ import annotations

import csv
import io
from dataclasses import asdict
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.exchange.events import COLUMNS, events_csv_bytes, read_events_csv
from bot.index.report import build_report
from bot.index.settings import IndexSettings
from bot.platforms import PlatformRegistry
from storage.models import Event, EventPlatform
from storage.queries.audience import PUBLIC
from storage.queries.exchange import ImportCounts, export_events, import_events
from tests.support.events import add_event, add_reports

REGISTRY = PlatformRegistry()
T0 = datetime(2025, 9, 1, 8, 15, 30, 123456, tzinfo=UTC)
SINCE = datetime(2020, 1, 1, tzinfo=UTC)


async def _history(session: AsyncSession) -> list[int]:
    """Events with every field set, awkward titles, and reports with links."""
    rich = await add_event(
        session, ["outlier", "remotasks"], T0, last_seen=T0 + timedelta(days=2),
        title='=HYPERLINK("x") Outlier pauses "Aether",\nand cuts rates', event_type="pay_cut",
        tier="generalist", status="confirmed", status_changed_at=T0 + timedelta(days=1),
        confirmed_at=T0 + timedelta(days=1), magnitude={"pay_before": 25.0, "pay_after": 16.5,
                                                        "percent": None},
        score=87.25, post_count=3, source_count=2, author_count=3, revision=4,
        features={"projects": ["aether"], "figures": [25, 16.5], "terms": "rates; cut"},
        created_at=T0 + timedelta(minutes=5), updated_at=T0 + timedelta(days=2))
    await add_reports(session, rich, [T0, T0 + timedelta(days=1), T0 + timedelta(days=2)])
    await add_reports(session, rich, [T0 + timedelta(days=3)], role="denial", prefix="d")
    private = await add_event(session, ["mercor"], T0 + timedelta(days=3), guild_id=4242,
                              origin="spike", title="'quoted' and -minus", score=50.0)
    hiring = await add_event(session, ["dataannotation"], T0 + timedelta(days=4),
                             event_type="hiring_expansion", direction="expansion",
                             tier="expert", title="")
    return [rich, private, hiring]


def _rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


async def _export(sessions: async_sessionmaker[AsyncSession]) -> bytes:
    async with sessions() as session:
        return events_csv_bytes(await export_events(session, since=SINCE))


async def _import(sessions: async_sessionmaker[AsyncSession], data: bytes) -> ImportCounts:
    parsed = read_events_csv(io.StringIO(data.decode("utf-8"), newline=""), REGISTRY)
    assert parsed.errors == ()
    async with sessions.begin() as session:
        return await import_events(session, parsed.items)


async def test_export_then_import_into_an_empty_database_round_trips_every_field(
    db_sessions: async_sessionmaker[AsyncSession],
    other_sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with db_sessions.begin() as session:
        ids = await _history(session)
    exported = await _export(db_sessions)
    rows = _rows(exported)
    assert list(rows[0]) == list(COLUMNS)
    assert [r["id"] for r in rows] == [f"e{i}" for i in ids]
    rich = rows[0]
    assert rich["title"].startswith("'=HYPERLINK") and "\n" in rich["title"]
    assert rich["first_report"].endswith(f"/comments/r{ids[0]}x0/")
    assert rich["latest_report"].endswith(f"/comments/r{ids[0]}x2/")  # not the denial
    assert rich["reports"] == "3" and rich["sources"] == "2" and rich["parents"] == "scale_ai"
    assert rich["first_seen"] == "2025-09-01T08:15:30.123456Z"
    assert rows[1]["guild_id"] == "4242" and rows[1]["title"] == "''quoted' and -minus"

    assert await _import(other_sessions, exported) == ImportCounts(added=3)
    again = _rows(await _export(other_sessions))
    for before, after in zip(rows, again, strict=True):
        assert {k: v for k, v in before.items() if k != "id"} == \
               {k: v for k, v in after.items() if k != "id"}

    async with db_sessions() as a, other_sessions() as b:
        originals = await export_events(a, since=SINCE)
        copies = await export_events(b, since=SINCE)
        platforms = (await b.execute(select(EventPlatform.platform, EventPlatform.parent)
                                     .order_by(EventPlatform.platform))).all()
    for original, copy in zip(originals, copies, strict=True):
        assert {k: v for k, v in asdict(original).items() if k != "id"} == \
               {k: v for k, v in asdict(copy).items() if k != "id"}
    assert copies[0].title == '=HYPERLINK("x") Outlier pauses "Aether",\nand cuts rates'
    assert [tuple(p) for p in platforms] == [("dataannotation", "surge_ai"),
                                             ("mercor", "mercor"), ("outlier", "scale_ai"),
                                             ("remotasks", "scale_ai")]


async def test_a_second_import_changes_nothing_and_a_revision_updates(
    db_sessions: async_sessionmaker[AsyncSession],
    other_sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with db_sessions.begin() as session:
        await _history(session)
    exported = await _export(db_sessions)
    assert await _import(other_sessions, exported) == ImportCounts(added=3)
    snapshot = await _export(other_sessions)
    assert await _import(other_sessions, exported) == ImportCounts(unchanged=3)
    assert await _export(other_sessions) == snapshot
    # Importing a database's own export into itself changes nothing either.
    assert await _import(db_sessions, exported) == ImportCounts(unchanged=3)
    async with db_sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Event)) == 3

    rows = _rows(exported)
    rows[2]["status"] = "corroborated"
    rows[2]["sources"] = "2"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    assert await _import(other_sessions, out.getvalue().encode()) == ImportCounts(
        updated=1, unchanged=2)
    async with other_sessions() as session:
        revised = (await export_events(session, since=SINCE))[2]
        count = await session.scalar(select(func.count()).select_from(Event))
    assert revised.status == "corroborated" and revised.source_count == 2 and count == 3


async def test_imported_events_count_in_the_index(
    db_sessions: async_sessionmaker[AsyncSession],
) -> None:
    header = "key,platforms,event_type,direction,tier,first_seen,last_seen,status\r\n"
    lines = [f"k{i},{p},layoff,contraction,expert,2025-03-0{i + 1}T10:00:00Z,"
             f"2025-03-0{i + 1}T10:00:00Z,reported\r\n"
             for i, p in enumerate(["mercor", "outlier", "dataannotation"])]
    parsed = read_events_csv(io.StringIO(header + "".join(lines), newline=""), REGISTRY)
    async with db_sessions.begin() as session:
        assert await import_events(session, parsed.items) == ImportCounts(added=3)
        report = await build_report(session, at=date(2025, 3, 5), weeks=1,
                                    settings=IndexSettings(), audience=PUBLIC)
    assert report.expert.parents == ("mercor", "scale_ai", "surge_ai")
    assert [c.at for c in report.convergence] == [date(2025, 3, 3)]


BAD = (
    "key,platforms,event_type,direction,tier,first_seen,last_seen,status,title,score\r\n"
    "ok1,mercor,layoff,contraction,expert,2025-03-01T10:00:00Z,2025-03-01T10:00:00Z,reported,"
    "\"a title\nover two lines\",80\r\n"
    "bad2,mercor,layoff,expansion,expert,2025-03-01T10:00:00Z,2025-03-01T10:00:00Z,reported,"
    "x,80\r\n"
    "bad3,nowhere,layoff,contraction,experts,yesterday,2025-03-01T10:00:00Z,done,x,101\r\n"
    "ok1,mercor,layoff,contraction,expert,2025-03-01T10:00:00Z,2025-03-01T10:00:00Z,reported,"
    "x,80\r\n"
    "short,mercor\r\n"
)


def test_bad_rows_are_named_by_line_and_nothing_is_kept() -> None:
    parsed = read_events_csv(io.StringIO(BAD, newline=""), REGISTRY)
    assert parsed.items == ()
    messages = [str(e) for e in parsed.errors]
    assert messages[0] == "line 4: direction: layoff is a contraction, not a expansion"
    line5 = [m for m in messages if m.startswith("line 5:")]
    assert any("platforms: unknown platform 'nowhere'" in m for m in line5)
    assert any("tier: expected one of generalist, expert, all, unknown; got 'experts'" in m
               for m in line5)
    assert any("first_seen: expected a time" in m for m in line5)
    assert any("status: expected one of reported" in m for m in line5)
    assert any("score: expected a number from 0 to 100, got 101" in m for m in line5)
    assert "line 6: key: 'ok1' is already on line 2" in messages
    assert messages[-1] == "line 7: expected 10 cells, found 2"


def test_a_bad_header_is_line_one() -> None:
    [error] = read_events_csv(io.StringIO("key,platform,when\r\n", newline=""),
                              REGISTRY).errors
    assert error.line == 1
    assert "missing column(s) platforms, event_type" in error.message
    assert "unknown column(s) platform, when" in error.message
    [empty] = read_events_csv(io.StringIO(""), REGISTRY).errors
    assert str(empty) == "line 1: the file is empty; expected a header row"


def test_parents_must_be_the_platforms_parents() -> None:
    text = ("key,platforms,parents,event_type,direction,tier,first_seen,last_seen,status\r\n"
            "a,outlier,outlier,layoff,contraction,expert,2025-03-01,2025-03-01,reported\r\n")
    [error] = read_events_csv(io.StringIO(text, newline=""), REGISTRY).errors
    assert str(error) == ("line 2: parents: 'outlier' are not the parents of the platforms "
                          "('scale_ai')")
