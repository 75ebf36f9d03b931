"""Hiring drives, intake freezes and trimmed crews told in headline or recruiter words,
read by the rules alone (the model is left out so a rule is what these tests check)."""

from __future__ import annotations

import pytest

from tests.bot.scoring._posts import post, rules_scorer


def _lead(title: str, body: str = "", source: str = "feed") -> str | None:
    r = rules_scorer().rules.run(
        post(title, body, None, source, "Google News: platforms" if source == "feed" else None))
    return r.lead.event_type if r.lead is not None else None


@pytest.mark.parametrize("title", [
    "Mercor ramps up hiring of chemistry tutors for AI labs - Wired",
    "Outlier opens hundreds of remote roles for physicians to grade answers - Axios",
    "We're hiring: 400+ Hindi and Bengali raters",
])
def test_roles_by_the_hundred_and_ramping_up_are_a_hiring_drive(title: str) -> None:
    assert _lead(title) == "hiring_expansion"


@pytest.mark.parametrize("title", [
    "Kenya's outsourcing boom is creating thousands of jobs",
])
def test_economy_talk_is_no_hiring_drive(title: str) -> None:
    assert _lead(title) != "hiring_expansion"


def test_a_recruiter_seeking_hundreds_is_not_a_job_ad() -> None:
    decision = rules_scorer().score(post(
        "Recruiting radiologists for annotation work",
        "Alignerr is building a medical panel. We are looking for about 300 radiologists "
        "across Europe, paid hourly.", None, "feed", "LinkedIn"))
    assert decision.is_signal and decision.event_type == "hiring_expansion"


@pytest.mark.parametrize(("title", "body"), [
    ("Sign-up of new Clickworker accounts temporarily unavailable",
     "New worker registration is temporarily unavailable in 12 countries."),
    ("Remotasks suspend le recrutement de nouveaux taskers au Kenya", ""),
    ("Toloka a gelé les nouvelles inscriptions en Inde", ""),
])
def test_closed_registration_is_a_hiring_freeze(title: str, body: str) -> None:
    assert _lead(title, body) == "hiring_freeze"


def test_trimming_contractors_is_a_layoff() -> None:
    assert _lead("Vendor unit trims Google search-rating contractors - Reuters") == "layoff"


def test_trimming_their_pay_is_no_layoff() -> None:
    assert _lead("Vendor trims pay for search-rating contractors - Reuters") != "layoff"


@pytest.mark.parametrize("title", [
    "Outlier dry spell isn't just you",
    "the Remotasks drought is across the board since Friday",
])
def test_a_drought_said_to_be_everyones_is_a_pause(title: str) -> None:
    assert _lead(title, source="reddit") == "project_pause"


def test_a_role_ended_with_the_team_is_a_layoff() -> None:
    assert _lead("Some news", "After two years at Alignerr my role and most of my team's were "
                 "eliminated on Friday. #OpenToWork", source="reddit") == "layoff"


@pytest.mark.parametrize("title", [
    "A los de Perú nos bajaron la tarifa de nuevo",
    "Anotadores en Lima denuncian recorte de pagos",
])
def test_a_pay_cut_told_in_spanish_is_a_pay_cut(title: str) -> None:
    assert _lead(title, source="reddit") == "pay_cut"


def test_the_end_of_engagement_email_to_many_is_a_layoff() -> None:
    body = "About 250 raters got the 'end of engagement' email today."
    assert _lead("well, that was the audio team", body, source="reddit") == "layoff"
