"""A hiring drive told by the places it fills ("1,000 spots", "2,000 seats"), read by the
rules alone (the model is left out so a rule is what these tests check)."""

from __future__ import annotations

import pytest

from tests.bot.scoring._posts import post, rules_scorer


@pytest.mark.parametrize("title", [
    "Toloka expert track lists 1,500 spots for chemists - TechCrunch",
    "Outlier physics programme: 900 seats in the first wave - Wired",
])
def test_places_to_fill_are_a_hiring_drive(title: str) -> None:
    r = rules_scorer().rules.run(
        post(title, "", None, "feed", "Google News: platforms"))
    assert r.lead is not None and r.lead.event_type == "hiring_expansion", r.reasons


def test_seats_cut_by_a_number_are_no_hiring_drive() -> None:
    r = rules_scorer().rules.run(
        post("TELUS trims its rater bench by 600 seats - Inquirer", "", None, "feed",
             "Google News: platforms"))
    assert r.lead is None or r.lead.event_type != "hiring_expansion", r.reasons
