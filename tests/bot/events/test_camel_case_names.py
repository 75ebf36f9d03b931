"""A vendor written in camel case ("TaskNest", "PaidHive") is a name like any rare
capitalised word: reports naming no known platform meet through it. The outlet a press
listing ends with names who reported it, never what it tells of."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.events.features import FeatureReader, Incoming
from bot.events.grouping import Grouper
from bot.events.names import NameFinder
from bot.platforms import PlatformRegistry
from storage.queries.events import get_event
from tests.bot.events.support import at, one_by_one, press, reddit, verdict

Sessions = async_sessionmaker[AsyncSession]
FINDER = NameFinder(["outlier", "scale", "ai"])


def test_a_camel_case_vendor_is_a_weak_name() -> None:
    assert FINDER.find("TaskNest cut off nine partner sites", "").weak == {"tasknest"}
    assert FINDER.find("lost my PaidHive and CoinLoop access", "").weak == {"paidhive",
                                                                          "coinloop"}
    # an acronym, a lower-case start or a short head is no camel-case name
    assert FINDER.find("NASA and iPhone and McJob", "").all == frozenset()


def test_the_outlet_a_listing_ends_with_is_no_name() -> None:
    reader = FeatureReader(PlatformRegistry())
    post = press("p1", "TaskNest workers lose access to partner sites - TechLedger",
                 "TaskNest workers lose access to partner sites  TechLedger")
    report = reader.read(Incoming(1, post, at(), verdict("layoff", ["other"])))
    assert report.names.all == {"tasknest"}


async def test_reports_naming_a_camel_case_vendor_at_no_platform_make_one_event(
    db_sessions: Sessions, grouper: Grouper
) -> None:
    ids = await one_by_one(db_sessions, grouper, [
        (reddit("t1", "TaskNest offers vanished from my rewards site, says partner closed",
                "Logged in to do my usual TaskNest jobs and the partner page says closed.",
                sub="beermoney"), verdict("layoff", ["other"])),
        (reddit("t2", "TaskNest dropped 9 partner sites, PaidHive among them",
                "Admin post: TaskNest ended the partnership with nine sites as of today.",
                sub="WorkOnline", when=at(hours=16)), verdict("layoff", ["other"])),
        (press("t3", "TaskNest trims its partner network, crowd workers lose access - TechLedger",
               when=at(days=1, hours=4)), verdict("layoff", ["other"])),
        (press("d1", "TaskNest denies cutting off workers, says work stays open elsewhere "
               "- TechLedger", when=at(days=2, hours=6)),
         verdict("none", ["other"], denial=True)),
    ])
    assert ids[0] is not None and len(set(ids)) == 1
    async with db_sessions() as session:
        event = await get_event(session, ids[0])
    assert event is not None and event.status == "disputed"
