"""Recall on news a worker tells by its consequences: a crowded onboarding call, a rate
"knocked" down by an amount, a pause that "stays on hold", and the platform's email told
in words under a title that is only a feeling."""

from __future__ import annotations

from tests.bot.scoring._posts import rules


def test_a_crowded_onboarding_call_is_hiring() -> None:
    d = rules("they really are taking everyone",
              "Started Quillbase onboarding on Monday. The onboarding call had 250+ people on "
              "it. Assessments are long.", source="reddit")
    assert d.is_signal and d.event_type == "hiring_expansion"
    assert not rules("onboarding was fine",
                     "Started Quillbase onboarding on Monday. The onboarding call had 45 "
                     "minutes of slides.", source="reddit").is_signal


def test_a_rate_knocked_down_by_an_amount_is_a_pay_cut() -> None:
    d = rules("ugh", "Remotasks knocked 25% off the per-task rate overnight for everybody on "
              "the project.", source="reddit")
    assert d.is_signal and d.event_type == "pay_cut"
    assert not rules("ugh", "I took 2 weeks off from Remotasks and feel better.",
                     source="reddit").is_signal


def test_a_pause_that_stays_on_hold_is_a_pause() -> None:
    d = rules("EDIT: still nothing", "Coordinators say Owl stays on hold until August for "
              "everyone on the project at Outlier.", source="reddit")
    assert d.is_signal and d.event_type == "project_pause"


def test_the_email_told_in_words_is_the_platform_speaking() -> None:
    d = rules("welp", "[img] email from Appen about Kestrel. The email says: \"The client has "
              "paused Project Kestrel effective immediately.\"", source="reddit")
    assert d.is_signal and d.event_type == "project_pause"
