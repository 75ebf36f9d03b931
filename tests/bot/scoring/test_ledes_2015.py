"""Press ledes and worker posts that tell the news in words the older cues did not read:
two brands named between the count and the people cut, a contractor's "assignment" ended,
roles moved to another city, a partner centre in a town closing, days without work, and a
marketplace that stops taking most sign-ups (cues/events_ledes_2015.toml)."""

from __future__ import annotations

import pytest

from tests.bot.scoring._posts import rules, score


@pytest.mark.parametrize(("title", "body", "kind", "platforms"), [
    ("Appen cuts about 900 Kestrel and Tern contractors - Wire", "", "layoff", ("appen",)),
    ("What the search raters heard on Tuesday",
     "Raters say Appen sent the notice on Tuesday. About 300 evaluators whose assignments "
     "with the vendor are being ended will be paid through May.", "layoff", ("appen",)),
    ("Half our chat got the notice today",
     "Appen notice this morning: my assignment is ending with the quarter, same for twenty others.",
     "layoff", ("appen",)),
    ("Appen to move 120 Cebu roles to Manila - Daily", "", "restructuring", ("appen",)),
    ("Staff unsure as Sama's Lira digital work centre closure nears", "", "shutdown", ("sama",)),
    ("Clickworker forum is on fire", "Nothing for anyone, anywhere: my log says day four "
     "of zero transcription batches.", "project_pause", ("clickworker",)),
    ("From June, Remotasks no longer accepts any foreign taskers - Wire", "", "hiring_freeze",
     ("remotasks",)),
])
def test_the_news_a_lede_tells(title: str, body: str, kind: str,
                               platforms: tuple[str, ...]) -> None:
    d = rules(title, body)
    assert d.is_signal and d.event_type == kind and d.platforms == platforms


@pytest.mark.parametrize(("title", "body"), [
    ("Appen interns: my assignment is due Friday", "Any tips for the write-up?"),
    ("Outlier moved 150 positions up the app ranking", ""),
    ("Sama staff: the shopping centre in town to close for the holiday", ""),
    ("Clickworker tips", "Day 3 of no coffee and I still finished my tasks."),
])
def test_homework_rankings_shops_and_coffee_stay_quiet(title: str, body: str) -> None:
    assert not rules(title, body).is_signal


@pytest.mark.parametrize("title", [
    "Day 3 of no hours at the warehouse, I'm going broke",
    "Day five of zero work since the restaurant closed",
])
def test_days_without_a_shift_jobs_hours_are_no_pause(title: str) -> None:
    assert not score(title).is_signal
