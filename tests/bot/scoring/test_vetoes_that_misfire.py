"""Vetoes and mark-downs that must not fire on a post that tells the news: CVs are not work
resuming, a referral link that lands on a closed page reports the closure, a rival that is
"still fine for me" is a comparison, and a question opening gives way to a body that states
the news with its reach."""

from __future__ import annotations

from tests.bot.scoring._posts import rules


def test_polishing_resumes_is_not_work_resuming() -> None:
    d = rules("so that's it then", "Our team lead says the Kestrel search queue at Appen ends on "
              "May 2 for everyone on it. Time to dust off your resumes, all.", source="reddit")
    assert d.is_signal and not d.denial
    d = rules("false alarm", "The Kestrel search queue at Appen was paused yesterday for "
              "everyone on it. It resumes tomorrow per the coordinator.", source="reddit")
    assert not d.is_signal


def test_referral_links_landing_on_a_closed_page_report_the_closure() -> None:
    d = rules("Appen stopped taking new people?",
              "Every referral link people shared in this sub during the past week now lands "
              "on a waitlist page. The Appen careers page says sign-ups are closed for "
              "everyone in the US and UK.", source="reddit")
    assert d.is_signal and d.event_type == "hiring_freeze"
    assert not rules("Appen is hiring!", "Appen is hiring hundreds of raters for everyone "
                     "in the US. Grab my referral link below, $50 each.",
                     source="reddit").is_signal


def test_a_rival_still_fine_for_me_is_a_comparison_not_my_own_story() -> None:
    d = rules("Quillbase dried up, Clickworker still fine for me",
              "Quillbase has had no tasks for most taskers since Friday. Clickworker is "
              "still fine for me, so spread out.",
              source="reddit")
    assert d.is_signal and d.event_type == "project_pause"
    assert not rules("Quillbase dried up for me",
                     "Quillbase has had no tasks for me since Friday.",
                     source="reddit").is_signal


def test_a_question_opening_gives_way_to_a_body_that_states_the_reach() -> None:
    d = rules("Anyone else getting messages from Quillbase?",
              "Three recruiter emails this week about physics tutoring at $45/hr. Half of "
              "my lab got them as well. Seems they're hiring hundreds of PhD students "
              "right now.", source="reddit")
    assert d.is_signal and d.event_type == "hiring_expansion"
