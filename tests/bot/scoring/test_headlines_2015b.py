"""Press headlines of platforms opened to new countries or groups, workers still without
work weeks after a cut, sign-ups stopped or put on hold, a listed platform's shares falling
on a client's cut, and a platform named only by its exchange ticker."""

from __future__ import annotations

import pytest

from tests.bot.scoring._posts import rules, run_rules


@pytest.mark.parametrize(("title", "kind", "platforms"), [
    ("For the first time, Prolific is opening its participant app to students in Kenya",
     "hiring_expansion", ("prolific",)),
    ("Signing up from Berlin? Toloka now open in the EU", "hiring_expansion", ("toloka",)),
    ("Cut in spring and months on, Appen's transcribers are still searching for other gigs",
     "layoff", ("appen",)),
    ("Labellers shut out: Clickworker stopped vetting new transcribers", "hiring_freeze",
     ("clickworker",)),
    ("Since June, Appen's linguist applications have been put on a waitlist",
     "hiring_freeze", ("appen",)),
    ("Appen shares tumble 12% after client volume warning", "client_loss", ("appen",)),
    ("With orders trimmed, a US client cuts rating work at Appen", "client_loss", ("appen",)),
    ("ASX: APX tumbled on the contract loss, wiping a third off the label firm",
     "client_loss", ("appen",)),
    ("Assessor pay cut by a fifth, NASDAQ: LIOX filing shows", "pay_cut", ("telus_digital",)),
])
def test_the_headline_shapes_are_read(title: str, kind: str,
                                      platforms: tuple[str, ...]) -> None:
    d = rules(title)
    assert d.is_signal and d.event_type == kind and d.platforms == platforms


@pytest.mark.parametrize(("title", "row"), [
    ("Clickworker has stopped approving new crowd workers", "hiring_freeze.no_longer_accepts"),
    ("Remotasks stopped vetting any new voice-over taskers", "hiring_freeze.no_longer_accepts"),
    ("Toloka, now open in India, pays weekly", "hiring_expansion.opens_to"),
    ("Appen opened up its search app to more Brazilian raters",
     "hiring_expansion.opens_platform_to"),
    ("Appen's rater sign-ups were placed on hold", "hiring_freeze.applicants_on_hold"),
])
def test_each_shape_is_read_by_one_row(title: str, row: str) -> None:
    """A sign-up shape is spelled in one row only, so each row is seen to do its own work."""
    rows = {"hiring_freeze.no_longer_accepts", "hiring_expansion.opens_to",
            "hiring_expansion.opens_platform_to", "hiring_freeze.applicants_on_hold"}
    assert [c for c in run_rules(title, source="feed").cues if c in rows] == [row]


@pytest.mark.parametrize("title", [
    "Toloka's help page is now open to everyone",
    "The outage is over but Appen's raters are still waiting for work from the queue",
    "I stopped approving my own test tasks on Clickworker",
    "Appen shares slump after a profit warning",
    "ASX: APX slides on a weak quarter",
])
def test_near_shapes_stay_quiet(title: str) -> None:
    assert not rules(title).is_signal
