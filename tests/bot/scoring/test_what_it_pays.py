"""A pay cut told as "what it pays", the wording of a press item or a newsletter roundup's
news. The rules alone read these (the model is left out so a rule is what these tests
check)."""

from __future__ import annotations

import pytest

from tests.bot.scoring._posts import rules


@pytest.mark.parametrize(("title", "body"), [
    ("Crowd Notes #12: three things this week",
     "First, a new tax form. Second, Remotasks cut what it pays for 3D boxes by about 30% "
     "this week, taskers say. Third, a survey on home offices."),
    ("Appen trims what it pays search raters in Kenya",
     "Raters in the Nairobi group all got the same notice on Monday, about 300 of us."),
])
def test_a_cut_in_what_it_pays_is_a_pay_cut(title: str, body: str) -> None:
    d = rules(title, body)
    assert d.is_signal and d.event_type == "pay_cut", d


def test_a_worker_cutting_what_they_pay_is_not_news() -> None:
    d = rules("Budget tips from a full-time tasker",
              "I cut what I pay for streaming and groceries since Appen work got slow.",
              source="reddit")
    assert not d.is_signal, d
