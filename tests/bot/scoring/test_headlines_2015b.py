"""Press headlines of platforms opened to new countries or groups, workers still without
work weeks after a cut, sign-ups stopped or put on hold, a listed platform's shares falling
on a client's cut, and a platform named only by its exchange ticker."""

from __future__ import annotations

import pytest

from tests.bot.scoring._posts import rules


@pytest.mark.parametrize(("title", "kind", "platforms"), [
    ("Prolific opens its participant platform to workers outside Britain",
     "hiring_expansion", ("prolific",)),
    ("Toloka is now open in the UK and Germany", "hiring_expansion", ("toloka",)),
    ("Three weeks after the client left, Appen's raters are still looking for work",
     "layoff", ("appen",)),
    ("Clickworker has quietly stopped approving new crowd workers", "hiring_freeze",
     ("clickworker",)),
    ("New rater applicants put on hold by Appen", "hiring_freeze", ("appen",)),
    ("Appen shares tumble 12% after client volume warning", "client_loss", ("appen",)),
    ("Appen cuts its outlook as a US client cuts rating work", "client_loss", ("appen",)),
    ("ASX: APX falls as contract cut hits its rater programme", "client_loss", ("appen",)),
    ("NASDAQ: LIOX - assessor pay cut by a fifth", "pay_cut", ("telus_digital",)),
])
def test_the_headline_shapes_are_read(title: str, kind: str,
                                      platforms: tuple[str, ...]) -> None:
    d = rules(title)
    assert d.is_signal and d.event_type == kind and d.platforms == platforms


@pytest.mark.parametrize("title", [
    "Toloka's help page is now open to everyone",
    "Appen's raters are still waiting for work after the weekend outage",
    "I stopped approving my own test tasks on Clickworker",
    "Appen shares slump after a profit warning",
    "ASX: APX slides on a weak quarter",
])
def test_near_shapes_stay_quiet(title: str) -> None:
    assert not rules(title).is_signal
