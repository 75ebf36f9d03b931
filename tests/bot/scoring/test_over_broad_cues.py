"""Cue rows kept to what they mean: "half the lab" is a group but "half the labels" is
not, and a list of countries dropped from a sports or travel schedule is no platform
pulling its service."""

from __future__ import annotations

from tests.bot.scoring._posts import run_rules, score


def test_half_the_labels_is_no_group() -> None:
    """The group nouns after "half the" are whole words: "labels", "classification" and
    "programming" are not "lab", "class" and "program"."""
    r = run_rules("Prolific rate", "Prolific lowered my study rate by 15% today. Half the "
                  "labelling tasks in my list are gone as well.")
    assert "group" not in r.cues
    r = run_rules("Prolific rate", "Prolific lowered the study rate by 15% today. Half of "
                  "our lab got the same message.")
    assert "group" in r.cues


def test_countries_dropped_from_a_sports_schedule_are_no_service_pulled() -> None:
    """A post that names a platform in passing must not score into the follow-up band."""
    d = score("Totally unrelated", "Not about work: the federation cut Ghana, Kenya and Egypt "
              "from its summer fixtures, and the TELUS crowd in Accra is furious.")
    assert not d.is_signal and d.borderline is None
