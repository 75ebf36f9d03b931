"""Follow-ups: a post scored just short of a signal joins an open event it matches strongly.

Run through ``labelwatch replay`` into a database, so the scorer, the pipeline,
grouping and storage all take their real path; ``events show`` then reads why
each post is in its event, as an operator would.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bot.scoring import Scorer
from tests.bot.events.replaying import record, replay_rows, shown_reports
from tests.bot.test_cli import run_cli

OPENER = {"source": "reddit", "subreddit": "outlier_ai", "author": "ann",
          "title": "Outlier pauses the Kestrel project for every generalist on it",
          "body": "Email to all Kestrel contributors: the project is on hold from today.",
          "created_utc": "2025-09-01T09:00:00Z"}
FOLLOW_UP = {"source": "reddit", "subreddit": "outlier_ai", "author": "bo",
             "title": "Apparently the Kestrel project is paused", "body": "",
             "created_utc": "2025-09-01T15:00:00Z"}
DENIAL = {"source": "feed", "feed": "https://news.example/rss", "author": "desk",
          "title": "Outlier denies it paused Kestrel, says 500 contractors still work on it",
          "body": "Outlier said reports that it paused the Kestrel project for all 500 "
                  "contractors are false.",
          "created_utc": "2025-09-01T18:00:00Z"}


def _band() -> float:
    """A threshold 5 points above the follow-up's own score, so that it sits inside the
    30-point band below it whatever the packaged model makes of its headline."""
    return Scorer().score(record({**FOLLOW_UP, "id": "f"})).score + 5.0


def test_the_follow_up_is_scored_just_short_of_a_signal() -> None:
    """The premise of the tests below: on its own the follow-up is not a signal (so with
    the threshold above its score); what is tested is that the scorer hands it on as
    borderline, with the platform it would join at."""
    decision = Scorer(threshold=_band()).score(record({**FOLLOW_UP, "id": "f"}))
    assert not decision.is_signal and decision.borderline is not None
    assert decision.borderline.platforms == ("outlier",)


def test_a_borderline_follow_up_joins_the_open_event_it_matches(tmp_path: Path) -> None:
    out, config = replay_rows(tmp_path, [{**OPENER, "id": "open"}, {**FOLLOW_UP, "id": "f"}],
                          _band())
    opened, follow = out["open"], out["f"]
    assert opened["is_signal"] and opened["alert"] == "new"
    assert follow["is_signal"] and follow["event_id"] == opened["event_id"]
    assert follow["alert"] == "update"
    reports = shown_reports(config, opened["event_id"])
    assert [r["role"] for r in reports] == ["report", "report"]
    why = reports[1]["reason"]
    assert why.startswith(f"joined open event {opened['event_id']} as a follow-up")
    assert "shared project 'kestrel'" in why and "same platform (outlier)" in why


def test_a_rebuilt_event_keeps_its_follow_up(tmp_path: Path) -> None:
    out, config = replay_rows(tmp_path, [{**OPENER, "id": "open"}, {**FOLLOW_UP, "id": "f"}],
                          _band())
    assert out["f"]["event_id"] == out["open"]["event_id"]
    code, printed, err = run_cli("--config", str(config), "events", "rebuild")
    assert code == 0, err
    assert "done: 2 signal posts in 1 events" in printed
    code, listed, err = run_cli("--config", str(config), "events", "list", "--json")
    assert code == 0, err
    [event] = [json.loads(line)["id"] for line in listed.splitlines()]
    reports = shown_reports(config, event)
    assert len(reports) == 2 and "as a follow-up" in reports[1]["reason"]


@pytest.mark.parametrize("rows", [
    pytest.param([{**FOLLOW_UP, "id": "f"}], id="no-event"),
    pytest.param([{**FOLLOW_UP, "id": "f", "created_utc": "2025-08-31T15:00:00Z"},
                  {**OPENER, "id": "open"}], id="before-the-event"),
    pytest.param([{**OPENER, "id": "open"},
                  {**FOLLOW_UP, "id": "f", "created_utc": "2025-09-20T15:00:00Z"}],
                 id="event-gone-quiet"),
    # still open, and the headline's project ties it back, but past the join window: a
    # signal would join on that tie, a follow-up does not (scoring.toml [follow_up])
    pytest.param([{**OPENER, "id": "open"},
                  {**FOLLOW_UP, "id": "f", "created_utc": "2025-09-09T15:00:00Z"}],
                 id="past-the-join-window"),
])
def test_the_same_post_with_no_open_event_stays_out(
    tmp_path: Path, rows: list[dict[str, Any]]
) -> None:
    out, _ = replay_rows(tmp_path, rows, _band())
    assert out["f"] == {"id": "f", "is_signal": False, "event_id": None, "alert": None}


def test_a_borderline_post_about_another_project_does_not_join(tmp_path: Path) -> None:
    other = {**FOLLOW_UP, "id": "f", "title": "Apparently the Zephyr project is paused"}
    assert Scorer(threshold=_band()).score(record(other)).borderline is not None
    out, _ = replay_rows(tmp_path, [{**OPENER, "id": "open"}, other], _band())
    assert out["open"]["is_signal"]
    assert out["f"] == {"id": "f", "is_signal": False, "event_id": None, "alert": None}


def test_a_borderline_post_at_another_platform_does_not_join(tmp_path: Path) -> None:
    elsewhere = {**FOLLOW_UP, "id": "f", "subreddit": "mercor_ai"}
    decision = Scorer(threshold=_band()).score(record(elsewhere))
    assert decision.borderline is not None and decision.borderline.platforms == ("mercor",)
    out, _ = replay_rows(tmp_path, [{**OPENER, "id": "open"}, elsewhere], _band())
    assert out["open"]["is_signal"]
    assert out["f"] == {"id": "f", "is_signal": False, "event_id": None, "alert": None}


@pytest.mark.parametrize("threshold", [50.0, 40.0])
def test_a_vetoed_denial_never_joins_as_a_follow_up(tmp_path: Path, threshold: float) -> None:
    """At 40 the denial's score (27) sits inside the band below the threshold: the veto
    alone keeps it from joining, though it shares the project and the headcount."""
    denial = {**DENIAL, "id": "d"}
    decision = Scorer(threshold=threshold).score(record(denial))
    assert decision.denial and not decision.is_signal and decision.borderline is None
    assert threshold - 15 <= decision.score < threshold or threshold == 50.0
    out, config = replay_rows(tmp_path, [{**OPENER, "id": "open"}, denial], threshold)
    assert not out["d"]["is_signal"]
    reports = shown_reports(config, out["open"]["event_id"])
    assert [r["role"] for r in reports] == ["report", "denial"]
    assert "follow-up" not in reports[1]["reason"]


def test_a_post_scored_25_below_the_threshold_still_joins(tmp_path: Path) -> None:
    """The band is 30 points: a post the scorer puts 25 below the threshold (a press item
    scored in the low twenties after its event's news) is still a follow-up and joins the
    event it matches (here the follow-up itself, with the threshold raised by 25)."""
    threshold = Scorer().score(record({**FOLLOW_UP, "id": "f"})).score + 25.0
    decision = Scorer(threshold=threshold).score(record({**FOLLOW_UP, "id": "f"}))
    assert not decision.is_signal and decision.borderline is not None
    out, _ = replay_rows(tmp_path, [{**OPENER, "id": "open"}, {**FOLLOW_UP, "id": "f"}],
                         threshold)
    assert out["open"]["is_signal"]
    assert out["f"]["event_id"] == out["open"]["event_id"]


def test_a_post_scored_further_below_than_the_band_stays_out(tmp_path: Path) -> None:
    """The band is 30 points: a post the scorer puts 35 or more below the threshold is no
    follow-up, however well it matches (here the follow-up itself, with the threshold
    raised so that its score falls 35.5 short)."""
    threshold = Scorer().score(record({**FOLLOW_UP, "id": "f"})).score + 35.5
    decision = Scorer(threshold=threshold).score(record({**FOLLOW_UP, "id": "f"}))
    assert decision.score < threshold - 30.0 and decision.borderline is None
    out, _ = replay_rows(tmp_path, [{**OPENER, "id": "open"}, {**FOLLOW_UP, "id": "f"}],
                         threshold)
    assert out["open"]["is_signal"]
    assert out["f"] == {"id": "f", "is_signal": False, "event_id": None, "alert": None}
