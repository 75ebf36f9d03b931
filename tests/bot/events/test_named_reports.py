"""A post that names no known platform meets the open events carrying its project's name."""

from __future__ import annotations

import io
import json

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.events.features import Verdict
from bot.events.grouping import Grouper
from bot.events.rebuild import regroup
from bot.events.settings import EventSettings
from bot.platforms import PlatformRegistry
from bot.records import PostRecord
from storage.queries.events import event_of_posts, event_reports, get_event
from tests.bot.events.support import at, one_by_one, place, reddit, verdict

Sessions = async_sessionmaker[AsyncSession]
Post = tuple[PostRecord, Verdict]


def mercor_halyard() -> list[Post]:
    return [
        (reddit("m1", "Mercor cuts Halyard pay from $21 to $17 an hour",
                "Everyone on Halyard got the email this morning, the rate drops on Monday.",
                sub="mercor_ai"), verdict("pay_cut", ["mercor"])),
        (reddit("m2", "Halyard rate cut confirmed in the Mercor dashboard", sub="mercor_ai",
                when=at(hours=6)), verdict("pay_cut", ["mercor"])),
    ]


def wfh(ext: str, title: str, kind: str, days: float, body: str = "") -> Post:
    """A post in a general subreddit: the scorer names no known platform."""
    return (reddit(ext, title, body, sub="WFHJobs", when=at(days=days)),
            verdict(kind, ["other"]))


HALYARD = ("w1", "Halyard folks: the new project pays $17 now", "pay_cut")


@pytest.mark.parametrize("pages", ["one page", "a page each"])
async def test_a_post_at_other_naming_the_project_joins_the_event_at_its_platform(
    db_sessions: Sessions, grouper: Grouper, pages: str
) -> None:
    posts = [*mercor_halyard(), wfh(*HALYARD, days=1)]
    if pages == "one page":
        ids = [p.event_id for p in (await place(db_sessions, grouper, posts)).placements]
    else:
        ids = await one_by_one(db_sessions, grouper, posts)
    assert ids[0] is not None and len(set(ids)) == 1
    async with db_sessions() as session:
        event = await get_event(session, ids[0])
        reports = await event_reports(session, ids[0])
    assert event is not None and event.post_count == 3
    assert event.platforms == ["mercor"] and event.parents == ["mercor"]
    assert "shared project 'halyard'" in reports[-1].reason
    assert "no platform named" in reports[-1].reason


async def test_a_post_at_other_naming_a_project_no_event_has_opens_its_own(
    db_sessions: Sessions, grouper: Grouper
) -> None:
    ids = await one_by_one(db_sessions, grouper, [
        *mercor_halyard(),
        wfh("z1", "Zephyr tasks gone? Dashboard says the project is paused", "project_pause", 1),
        wfh("z2", "Zephyr paused for everyone on my team", "project_pause", 1.2),
        wfh(*HALYARD, days=1.5),
    ])
    assert ids[2] not in (None, ids[0]) and ids[3] == ids[2]
    assert ids[4] == ids[0]
    async with db_sessions() as session:
        own = await get_event(session, ids[2] or 0)
    assert own is not None and own.platforms == ["other"] and own.post_count == 2


async def test_a_post_at_other_naming_a_common_word_does_not_join(
    db_sessions: Sessions, grouper: Grouper
) -> None:
    # "Beacon" is an ordinary English word: a project's name only next to a project word.
    ids = await one_by_one(db_sessions, grouper, [
        (reddit("b1", "Mercor pauses the Beacon project for generalists", sub="mercor_ai"),
         verdict("project_pause", ["mercor"])),
        wfh("b2", "Beacon is paused, no tasks since this morning", "project_pause", 1),
        wfh("b3", "Beacon project paused for everyone, no tasks since this morning",
            "project_pause", 1.5),
    ])
    assert ids[1] not in (None, ids[0])
    assert ids[2] == ids[0]


async def test_the_same_project_long_after_the_join_window_is_another_event(
    db_sessions: Sessions, grouper: Grouper
) -> None:
    ids = await one_by_one(db_sessions, grouper, [
        *mercor_halyard(),
        wfh(*HALYARD, days=2),
        wfh("w2", "Halyard folks: pay dropped again, $15 now", "pay_cut", 12),
        wfh("w3", "Halyard is hiring again at $20 an hour", "hiring_expansion", 40),
    ])
    assert ids[2] == ids[0]
    assert None not in ids[3:] and ids[3] != ids[0] and ids[4] not in (ids[0], ids[3])


async def test_events_keep_the_names_their_reports_gave(
    db_sessions: Sessions, grouper: Grouper
) -> None:
    ids = await one_by_one(db_sessions, grouper, mercor_halyard())
    async with db_sessions() as session:
        rows = (await session.execute(text(
            "SELECT event_id, name FROM event_names ORDER BY name"))).all()
    assert (ids[0], "halyard") in [tuple(r) for r in rows]


async def test_events_rebuild_fills_the_names_again(
    db_sessions: Sessions, grouper: Grouper
) -> None:
    posts = [*mercor_halyard(), wfh(*HALYARD, days=1)]
    await one_by_one(db_sessions, grouper, posts)
    async with db_sessions.begin() as session:
        for record, v in posts:  # the verdicts the scorer stored with the posts
            await session.execute(text(
                "UPDATE posts SET is_signal = :signal, score = :score, event_type = :kind, "
                "tier = 'unknown', platforms = :platforms WHERE external_id = :ext"),
                {"signal": True, "score": v.score, "kind": v.event_type,
                 "platforms": json.dumps(list(v.platforms)), "ext": record.external_id})
        await session.execute(text("DELETE FROM event_names"))
    await regroup(db_sessions, EventSettings(), PlatformRegistry(), io.StringIO(),
                  io.StringIO(), grouper=grouper)
    async with db_sessions() as session:
        names = set((await session.execute(text("SELECT name FROM event_names"))).scalars())
        ids = list((await session.execute(text("SELECT id FROM posts"))).scalars())
        placed = await event_of_posts(session, ids)
    assert "halyard" in names
    assert len(set(placed.values())) == 1 and len(placed) == 3


async def test_a_late_headline_naming_the_project_ties_back_past_the_join_window(
    db_sessions: Sessions, grouper: Grouper
) -> None:
    """"Halyard aftermath" eight days after the cuts names no platform, but its headline
    gives the event's own project: a late report of it."""
    ids = await one_by_one(db_sessions, grouper, [
        (reddit("h1", "Halyard just ended for everyone", "Mercor emailed: Halyard has ended.",
                sub="mercor_ai"), verdict("layoff", ["mercor"])),
        (reddit("h2", "About 900 of us cut from Halyard", sub="mercor_ai", when=at(hours=8)),
         verdict("layoff", ["mercor"])),
        wfh("h3", "Halyard aftermath: most of us still have no work", "layoff", 8.5,
            "A week later, a poll of the people released from Halyard: few found work."),
    ])
    assert ids[0] == ids[1] == ids[2]


async def test_a_tied_report_late_in_the_join_window_costs_no_more_than_a_late_one(
    db_sessions: Sessions, grouper: Grouper
) -> None:
    """Six days on, "the ex-Halyard crowd" names the event's project: the name ties it, and
    six days cost it no more than eight would (a late report with the tie joins)."""
    ids = await one_by_one(db_sessions, grouper, [
        (reddit("h1", "Halyard contributors all removed??", sub="mercor_ai"),
         verdict("layoff", ["mercor"])),
        (reddit("h2", "It's everyone on Halyard, about 900 people", sub="mercor_ai",
                when=at(hours=8)), verdict("layoff", ["mercor"])),
        wfh("h3", "PSA for the ex-Halyard crowd: it's not coming back", "project_pause", 6.3,
            "Final email today, nobody from the 900 is being moved. Don't wait it out."),
    ])
    assert ids[0] == ids[1] == ids[2]


async def test_a_report_at_a_platform_joins_the_event_that_named_none_but_its_project(
    db_sessions: Sessions, grouper: Grouper
) -> None:
    """"Tansy paused for everyone" in a general subreddit opens an event naming no platform;
    "micro1 paused Tansy today" hours later is that pause, and names its platform."""
    ids = await one_by_one(db_sessions, grouper, [
        wfh("t1", "Tansy (radiology annotation) paused for everyone", "project_pause", 0,
            "If anyone here was on Tansy: paused as of this morning, no date to resume."),
        (reddit("t2", "micro1 paused its radiology project",
                "micro1 paused Tansy today, the radiology labeling one.",
                sub="DataAnnotationJobs", when=at(hours=5)),
         verdict("project_pause", ["micro1"])),
    ])
    assert ids[0] is not None and ids[1] == ids[0]
    async with db_sessions() as session:
        event = await get_event(session, ids[0])
    assert event is not None and "micro1" in event.platforms


async def test_a_post_at_other_writing_the_project_in_lower_case_joins_its_event(
    db_sessions: Sessions, grouper: Grouper
) -> None:
    """"halyard cut rates. figures": the project's name written small, in a general
    subreddit; it meets the event whose reports gave the name, as a capitalised one does.
    A rare word the event never gave as a name ("quorvex") finds nothing there."""
    ids = await one_by_one(db_sessions, grouper, [
        *mercor_halyard(),
        wfh("w5", "halyard cut rates. figures", "pay_cut", 1, "4 less an hour for everyone"),
        wfh("w6", "quorvex cut rates. figures", "pay_cut", 1, "4 less an hour for everyone"),
    ])
    assert ids[0] is not None and ids[2] == ids[0]
    assert ids[3] not in (None, ids[0])
