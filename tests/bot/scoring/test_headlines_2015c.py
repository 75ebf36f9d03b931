"""Press headlines that name the event as a noun phrase or an idiom rather than with an
event verb: a deal's end, a channel's plug pulled, workers earning less per task, the door
shut on new workers of a platform its owner names, a team shaken up."""

from __future__ import annotations

import pytest

from tests.bot.scoring._posts import rules


@pytest.mark.parametrize(("title", "kind", "platforms"), [
    ("Home raters idle: the abrupt end of Appen's search deal", "client_loss",
     ("appen",)),
    ("After ten years Toloka has pulled the plug on its partner network in Peru", "shutdown",
     ("toloka",)),
    ("Since the rubric change Appen transcribers make way less per clip", "pay_cut", ("appen",)),
    ("Until spring, Amazon Mechanical Turk shuts its doors to new annotators", "hiring_freeze",
     ("mturk",)),
    ("Appen's new chief plans on shaking up the whole labelling division", "restructuring",
     ("appen",)),
])
def test_the_event_named_as_a_noun_or_an_idiom(title: str, kind: str,
                                                platforms: tuple[str, ...]) -> None:
    d = rules(title)
    assert d.is_signal and d.event_type == kind and d.platforms == platforms


@pytest.mark.parametrize("title", [
    "Appen says its raters keep their pay until the end of the contract",
    "Time to pull the plug on a side hustle that never paid",
    "Most Appen raters earn less per hour than the minimum wage, a study finds",
    "Shake up your morning routine with these five habits",
    "The end of the trial: what comes next for the drug",
])
def test_other_senses_stay_quiet(title: str) -> None:
    assert not rules(title).is_signal
