"""An event a post tells as background (placed in the past) does not lead over the event
it reports as new, as the rules alone decide it. Posts are written for these tests."""

from __future__ import annotations

import pytest

from bot.scoring.cuetable import load_table
from bot.scoring.text import prepare
from bot.scoring.timeline import placed_past
from tests.bot.scoring._posts import rules


@pytest.mark.parametrize(("title", "body"), [
    ("Heads up, coders",
     "Back in February my cousin's QA pod was laid off. "
     "This week a recruiter says they want to hire 2,000 Python contractors by August."),
    ("Welp",
     "They let go of 400 of us three months ago, and now the careers page says they are "
     "hiring 500 raters for the same queue."),
    ("Funny timing",
     "Weeks of pay cut threads on here, and today Outlier emails that it is hiring 1,000 "
     "chemistry tutors."),
])
def test_the_news_leads_over_an_event_placed_in_the_past(title: str, body: str) -> None:
    d = rules(title, body, source="reddit")
    assert d.event_type == "hiring_expansion"


def test_an_event_with_no_other_news_still_leads_when_placed_in_the_past() -> None:
    d = rules("Remotasks laid off 300 taskers back in March",
              "Nobody on the team has found steady work since.", source="reddit")
    assert d.event_type == "layoff"


def test_a_date_ahead_is_no_background() -> None:
    d = rules("Appen to end its Nairobi rating programme in June",
              "The company is hiring 200 specialists for its new medical queue.")
    assert d.event_type != "hiring_expansion"


def test_which_events_are_placed_in_the_past() -> None:
    from bot.scoring.events import Hit

    text = prepare("x", "they cut our rates back in may and now they want 500 tutors.")
    sent = text.sentences[1]

    def hit(words: str) -> Hit:
        start = text.lower.index(words)
        return Hit("t", 1.0, start, start + len(words), sent)

    ctx = load_table().context
    assert placed_past(ctx, [hit("cut our rates"), hit("want 500 tutors")]) == [True, False]
    text = prepare("x", "mercor is ending the project it moved us to last month.")
    sent = text.sentences[1]
    assert placed_past(ctx, [hit("ending the project")]) == [False]
