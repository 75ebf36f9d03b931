"""Recall on news a worker tells by its consequences: a crowded onboarding call, a rate
"knocked" down by an amount, a pause that "stays on hold", and the platform's email told
in words under a title that is only a feeling; and the everyday sentences of the same
shape (a meeting "with 2025 goals", a shop's discount, an app that stays paused) that
are not news."""

from __future__ import annotations

from tests.bot.scoring._posts import post, rules, rules_scorer, score


def test_a_crowded_onboarding_call_is_hiring() -> None:
    """Hundreds of new people on one onboarding call means the platform is taking many."""
    d = rules("they really are taking everyone",
              "Quillbase let me in on Monday and I sat through orientation. That orientation "
              "zoom had about 400 new annotators, so bring coffee.", source="reddit")
    assert d.is_signal and d.event_type == "hiring_expansion"
    assert not rules("onboarding was fine",
                     "Quillbase let me in on Monday. That orientation zoom had 45 minutes of "
                     "slides.", source="reddit").is_signal


def test_a_meeting_with_a_year_or_a_small_call_is_not_a_crowd() -> None:
    """A number after "with" or "of" is a year or a small group, not an intake of workers."""
    assert not score("Our Outlier kickoff meeting with 2025 goals was long.").is_signal
    assert not score("Our intro call with 15 other new folks on Prolific was fun.").is_signal


def test_a_rate_knocked_down_by_an_amount_is_a_pay_cut() -> None:
    """An amount knocked off the per-task rate is a cut to pay."""
    d = rules("ugh", "Overnight and for everybody on the project, Remotasks knocked 25% off "
              "the per-task rate.", source="reddit")
    assert d.is_signal and d.event_type == "pay_cut"
    assert not rules("ugh", "I took 2 weeks off from Remotasks and feel better.",
                     source="reddit").is_signal


def test_an_amount_off_something_other_than_pay_is_not_a_pay_cut() -> None:
    """A discount or hours taken off are amounts "off" too, but not off anyone's pay."""
    assert not score("The shop knocked 30% off everything",
                     "Unrelated, but Outlier pay is still the same for me.").is_signal
    assert not score("Outlier is slow", "I took 20% off my hours this week").is_signal


def test_a_rival_cut_to_some_tasks_in_a_raise_post_is_not_a_pay_cut() -> None:
    """A quarter "shaved off basic labelling tasks" cuts tasks, not pay: the comparison
    clause of a raise post must not give it a pay-cut cue to lead with."""
    raise_post = post("Good news from Clickworker",
                      "Clickworker raised the per-task rate for search evaluation from $0.04 "
                      "to $0.05 this week. That stands out against last spring, when rival "
                      "sites shaved a quarter off basic labelling tasks.")
    assert "pay_cut.knocked_off" not in rules_scorer().rules.run(raise_post).cues
    assert rules_scorer().score(raise_post).event_type == "pay_raise"


def test_a_pause_that_stays_on_hold_is_a_pause() -> None:
    """A project said to stay on hold is an extended pause."""
    d = rules("EDIT: still nothing", "The Owl queue at Outlier stays on hold until August, "
              "and that covers every tasker on it.", source="reddit")
    assert d.is_signal and d.event_type == "project_pause"


def test_an_app_or_forum_that_stays_paused_is_not_a_project_pause() -> None:
    """Staying frozen or paused says nothing about work when the subject is an app, a
    forum or an office."""
    assert not score("Toloka's forum stays frozen until the mods fix the spam bot.").is_signal
    assert not score("Appen update", "The office remains closed; the team won't come back "
                     "before Monday.").is_signal


def test_the_email_told_in_words_is_the_platform_speaking() -> None:
    """A screenshot of the platform's email, quoted in the post, is the platform speaking."""
    d = rules("welp", "Appen's email, pasted below, is short. The email says: \"Work on Kestrel "
              "is paused from today by the client.\" [img]", source="reddit")
    assert d.is_signal and d.event_type == "project_pause"
