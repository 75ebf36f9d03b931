"""A count of people wanted at a gathering (a meetup's or webinar's audience) is no hiring
drive; a count wanted for work still is. Read by the rules alone: the rows are what these
tests check, while what the packaged model makes of such a sentence changes as it is
retrained."""

from __future__ import annotations

import pytest

from tests.bot.scoring._posts import rules, run_rules


@pytest.mark.parametrize("title", [
    "They want 500 people at the Outlier meetup",
    "Outlier wants 1,000 people to sign up for its webinar",
    "Hoping for 200 attendees at the Outlier community call",
    "Appen needs 300 contributors to join the AMA on Friday",
    "Remotasks wants hundreds of taskers at the Nairobi meetup",
    "Outlier is seeking 500 taskers to attend the livestream",
    "Outlier is looking for 500 people for its community call",
])
def test_people_wanted_at_a_gathering_are_no_hiring_drive(title: str) -> None:
    r = run_rules(title)
    assert r.lead is None or r.lead.event_type != "hiring_expansion", r.reasons
    assert not rules(title).is_signal


@pytest.mark.parametrize("title", [
    "Outlier wants 500 more annotators by March",
    "Outlier looking for 200 PhDs",
    "Appen needs 400 linguists for conference call transcription",
    "Outlier wants 800 writers for its event-detection project",
    "Appen is hunting for 300 linguists at the career fair",
    # a unit named after gatherings is part of the company that hires
    "Outlier wants 500 annotators for its events team",
    "Appen needs 300 raters for its conferences desk",
    "Outlier is seeking 400 writers for its streams vertical",
])
def test_a_count_wanted_for_work_is_still_a_hiring_drive(title: str) -> None:
    r = run_rules(title)
    assert r.lead is not None and r.lead.event_type == "hiring_expansion", r.reasons
