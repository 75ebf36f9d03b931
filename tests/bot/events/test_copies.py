"""Syndicated copies the scorer passed over join the event of the report they copy.

A Google News copy of an outlet's story carries only its headline and the outlet's
name, and this headline gives the scorer nothing: the copy scores far below a signal
while the outlet's own item (full text) is one. Replayed through ``labelwatch replay``
(scorer, pipeline, grouping, storage), then through ``rescore`` and ``events
rebuild``; the rules on closed events and short texts on the grouper itself.
"""

from __future__ import annotations

import io
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.events.grouping import Grouper
from bot.events.rebuild import regroup
from bot.events.settings import EventSettings
from bot.pipeline import Pipeline
from bot.platforms import PlatformRegistry
from bot.records import FetchResult, PostRecord
from bot.rescoring import rescore_stored
from bot.scoring import Scorer
from storage.models import Event, Post
from storage.queries.events import event_of_posts
from tests.bot.events.replaying import record, replay_rows, shown_reports
from tests.bot.events.support import MONDAY, at, place, press, verdict
from tests.bot.test_cli import run_cli

Sessions = async_sessionmaker[AsyncSession]
REGISTRY = PlatformRegistry()
HEADLINE = "What happened to Outlier's Kestrel contributors"
ORIGINAL = {"source": "feed", "feed": "https://www.reuters.com/rss", "author": "desk",
            "title": HEADLINE, "url": "https://www.reuters.com/tech/outlier-kestrel",
            "body": "Scale AI's Outlier laid off about 400 generalist contributors on its "
                    "Kestrel project this week, ending their contracts with two days' "
                    "notice, according to emails seen by reporters.",
            "created_utc": "2025-09-01T09:00:00Z"}
COPY = {"source": "feed", "feed": "https://news.google.com/rss/search?q=outlier",
        "title": f"{HEADLINE} - Reuters", "body": f"{HEADLINE}  Reuters",
        "url": "https://news.google.com/rss/articles/CBMiQk9rZXN0cmVs?oc=5",
        "created_utc": "2025-09-01T11:30:00Z"}


def test_the_copy_alone_is_far_below_a_signal() -> None:
    """The premise: the copy's headline carries no cue, and it is no follow-up either."""
    scorer = Scorer()
    assert scorer.score(record({**ORIGINAL, "id": "o"})).is_signal
    copy = scorer.score(record({**COPY, "id": "c"}))
    assert not copy.is_signal and copy.borderline is None and copy.score < 20


def test_a_copy_joins_the_event_of_its_original_as_a_copy(tmp_path: Path) -> None:
    out, config = replay_rows(tmp_path, [{**ORIGINAL, "id": "o"}, {**COPY, "id": "c"}])
    assert out["o"]["is_signal"] and out["o"]["alert"] == "new"
    # a report of the event: it edits the event's message like any report
    assert out["c"] == {"id": "c", "is_signal": True, "event_id": out["o"]["event_id"],
                        "alert": "update"}
    original, copy = shown_reports(config, out["o"]["event_id"])
    assert copy["source"] != original["source"]  # the extra outlet is listed
    assert copy["syndicated_of"] is not None and not copy["independent"]
    assert copy["reason"].startswith(
        f"joined open event {out['o']['event_id']} as a syndicated copy of post "
        f"{copy['syndicated_of']} (scored ")
    assert "short of a signal on its own; not independent corroboration" in copy["reason"]
    _, printed, _ = _run("events", "list", "--json", config=config)
    [event] = [json.loads(line) for line in printed.splitlines()]
    # counted as a post, not as a second outlet: a copy confirms nothing
    assert (event["posts"], event["sources"], event["status"]) == (2, 1, "reported")


def test_a_copy_of_nothing_stays_a_non_signal(tmp_path: Path) -> None:
    out, _ = replay_rows(tmp_path, [{**COPY, "id": "c"}])
    assert out["c"] == {"id": "c", "is_signal": False, "event_id": None, "alert": None}


def test_a_copy_after_its_event_went_quiet_stays_out(tmp_path: Path) -> None:
    late = {**COPY, "id": "c", "created_utc": "2025-09-20T11:30:00Z"}
    out, _ = replay_rows(tmp_path, [{**ORIGINAL, "id": "o"}, late])
    assert out["c"] == {"id": "c", "is_signal": False, "event_id": None, "alert": None}


def test_a_rebuilt_event_keeps_its_copy(tmp_path: Path) -> None:
    out, config = replay_rows(tmp_path, [{**ORIGINAL, "id": "o"}, {**COPY, "id": "c"}])
    assert out["c"]["event_id"] == out["o"]["event_id"]
    code, printed, err = _run("events", "rebuild", config=config)
    assert code == 0, err
    assert "done: 2 signal posts in 1 events" in printed and "joined no event" not in printed
    _, listed, _ = _run("events", "list", "--json", config=config)
    [event] = [json.loads(line)["id"] for line in listed.splitlines()]
    reports = shown_reports(config, event)
    assert "as a syndicated copy of post" in reports[1]["reason"]


def _run(*args: str, config: Path) -> tuple[int, str, str]:
    return run_cli("--config", str(config), *args)


def _posts() -> list[PostRecord]:
    def record(row: dict[str, Any], ext: str) -> PostRecord:
        return PostRecord("feed", ext, row["title"], row["body"], url=row["url"],
                          feed=row["feed"], created_utc=MONDAY + timedelta(
                              hours=0 if ext == "o" else 2))
    return [record(ORIGINAL, "o"), record(COPY, "c")]


async def test_a_rescore_and_a_rebuild_keep_the_copy(db_sessions: Sessions) -> None:
    """``labelwatch run`` (one poll each), ``rescore`` and ``events rebuild`` agree."""
    scorer = Scorer(REGISTRY)
    pipeline = Pipeline(db_sessions, scorer, alerts=False, grouper=Grouper(REGISTRY))
    original, copy = _posts()
    await pipeline.ingest_batch(FetchResult([original]), now=at(hours=1))
    [placed] = (await pipeline.ingest_batch(FetchResult([copy]), now=at(hours=3))).new
    assert placed.decision.is_signal and placed.placement is not None
    assert placed.placement.copy is not None and placed.decision.event_type == "layoff"

    async def stored() -> dict[str, tuple[bool, int | None]]:
        async with db_sessions() as session:
            rows = (await session.execute(select(Post.external_id, Post.id, Post.is_signal))
                    ).all()
            events = await event_of_posts(session, [r[1] for r in rows])
        return {r[0]: (bool(r[2]), events.get(r[1])) for r in rows}

    before = await stored()
    assert before["c"] == (True, before["o"][1]) and before["o"][1] is not None
    done = await rescore_stored(db_sessions, pipeline.score_all, batch=10)
    assert (done.posts, done.signals) == (2, 2)
    assert await stored() == before
    out = io.StringIO()
    await regroup(db_sessions, EventSettings(), REGISTRY, out, io.StringIO(),
                  follow_up_below=scorer.threshold, score=scorer.score)
    assert "done: 2 signal posts in 1 events" in out.getvalue()
    after = await stored()
    assert after["c"][0] and after["c"][1] == after["o"][1] is not None


async def test_a_copy_does_not_reopen_a_closed_event(db_sessions: Sessions) -> None:
    grouper = Grouper(REGISTRY)
    title = "Outlier quietly ends the Kestrel project for its generalists"
    grouped = await place(db_sessions, grouper, [
        (press("o", title, "full story", url="https://example.com/kestrel"),
         verdict("project_pause", ["outlier"]))])
    event = grouped.placements[0].event_id
    # a later page, a month on, closes the quiet event
    await place(db_sessions, grouper, [(press("x", "Mercor cuts writing rates by a third",
                                              when=at(days=30)),
                                        verdict("pay_cut", ["mercor"]))])
    async with db_sessions() as session:
        assert (await session.get(Event, event)).status == "closed"  # type: ignore[union-attr]
    # a copy found late (backfilled, a day after the story): it joins no closed event
    late = await place(db_sessions, grouper, [
        (press("c", f"{title} - Reuters", f"{title}  Reuters", when=at(days=1)),
         verdict("none", [], score=5.0, signal=False))], now=at(days=31))
    assert late.placements[0].event_id is None and late.changes == []


async def test_a_short_text_is_not_a_copy_by_its_fingerprint(db_sessions: Sessions) -> None:
    """"Outlier layoffs?" with no body fingerprints alike for unrelated posts."""
    grouper = Grouper(REGISTRY)
    first = await place(db_sessions, grouper, [
        (press("o", "Outlier layoffs?"), verdict("layoff", ["outlier"]))])
    assert first.placements[0].event_id is not None
    again = await place(db_sessions, grouper, [
        (press("c", "Outlier layoffs?", when=at(hours=2)),
         verdict("none", [], score=5.0, signal=False))])
    assert again.placements[0].event_id is None
    # the same story under its own link (another item of one feed) is still a copy
    linked = await place(db_sessions, grouper, [
        (press("l", "Outlier layoffs? - Reuters", when=at(hours=3),
               url="https://news.google.com/rss/articles/o"),
         verdict("none", [], score=5.0, signal=False))])
    assert linked.placements[0].event_id == first.placements[0].event_id
    assert linked.placements[0].copy is not None
