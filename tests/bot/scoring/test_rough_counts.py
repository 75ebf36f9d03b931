"""A rough count of people ("40ish people", "60-ish ppl", "30-odd raters") tells that many
were hit, as a plain count does: an update that says so lifts a post whose title sounds
like one worker's trouble ("gone from my queue?"). The rules alone read these (the model
is left out so a rule is what these tests check)."""

from __future__ import annotations

import pytest

from tests.bot.scoring._posts import rules

_UPDATE = ("EDIT: maybe a glitch.\n\nUPDATE: not a glitch. Support says audio review is moving "
           "to the expert pool and you must pass a domain test to keep it. ")


@pytest.mark.parametrize("count", [
    "Every one of the 50ish people in our audio group lost it.",
    "All 70-ish ppl in the Telegram chat lost it too.",
    "Same for the 30-odd raters in our channel.",
])
def test_a_rough_count_of_people_hit_is_a_group(count: str) -> None:
    d = rules("Audio tasks gone from my queue?", _UPDATE + count, source="reddit")
    assert d.is_signal and d.event_type == "tier_shift", d
