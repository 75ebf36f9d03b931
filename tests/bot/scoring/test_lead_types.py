"""Which type a post leads with where a vaguer or broader row used to take it, as the
rules alone decide it: a site closed (annex, building, campus) is a reorganisation, and
a worker among those a restructuring cut reports a layoff."""

from __future__ import annotations

import pytest

from tests.bot.scoring._posts import rules


@pytest.mark.parametrize(("title", "body", "source"), [
    ("CloudFactory to shut its Lalitpur annex",
     "CloudFactory will close its Lalitpur annex and move the teams there to its main "
     "Kathmandu campus, the company told staff.", "feed"),
    ("Appen closing the Cebu building",
     "Email to all staff from Appen: the annex closes next month and everyone there moves "
     "to the main site.", "reddit"),
])
def test_an_annex_or_building_closed_is_a_reorganisation(title: str, body: str,
                                                          source: str) -> None:
    d = rules(title, body, source)
    assert d.is_signal and d.event_type == "restructuring"


@pytest.mark.parametrize(("title", "body"), [
    ("Open to work after the Appen restructure",
     "Last Friday I was one of the ~80 people impacted by Appen's restructure. Three great "
     "years on the crowd team. #opentowork"),
    ("Some personal news",
     "After five years at Labelbox I am among the staff affected by this week's "
     "reorganisation, about a quarter of the company. Looking for ops roles."),
])
def test_one_of_those_a_restructuring_cut_reports_a_layoff(title: str, body: str) -> None:
    d = rules(title, body, "reddit")
    assert d.event_type == "layoff"


@pytest.mark.parametrize(("title", "body", "kind"), [
    ("Crowd Notes #12: Remotasks' tough month, a medical hiring drive, and more",
     "In this issue:\n- Remotasks cut generalist rates from $15 to $12.\n"
     "- Remotasks is also recruiting nurses at $35/hr.\n- Reader question: tax forms.", "pay_cut"),
    ("The Rater Weekly #8: new hiring at Appen, a pause on Larkspur",
     "This week in rating:\n1. Appen is hiring 200 search evaluators in Canada.\n"
     "2. Appen paused the Larkspur project for everyone.", "hiring_expansion"),
])
def test_a_roundup_leads_with_its_first_item(title: str, body: str, kind: str) -> None:
    d = rules(title, body)
    assert d.is_signal and d.event_type == kind


def test_a_new_rate_card_with_lower_figures_is_a_pay_cut() -> None:
    d = rules("Heads up: new rate card is live",
              "The new rate card is on the Alignerr dashboard for every expert project: "
              "physics $50 -> $42, biology $48 -> $40.", "reddit")
    assert d.is_signal and d.event_type == "pay_cut"


def test_a_client_leaving_leads_over_the_project_it_ends() -> None:
    d = rules("Sama Lidar: what the town hall said",
              "Town hall today: Lidar client leaving, project ends Oct 31, about 300 of us "
              "on it at Sama.", "reddit")
    assert d.is_signal and d.event_type == "client_loss"


@pytest.mark.parametrize(("title", "body"), [
    ("Kenyan 'annotators' of a US data firm let go after lab client walks away",
     "About 240 home-based annotators of Sama were told their contracts end this month, "
     "weeks after the company's biggest client left, three workers said."),
    ("400 Appen raters lose jobs as client switches to synthetic data",
     "Appen said 400 contract raters in Manila would finish on 30 June."),
])
def test_workers_let_go_after_a_client_left_lead_with_the_layoff(title: str, body: str) -> None:
    d = rules(title, body)
    assert d.is_signal and d.event_type == "layoff"


def test_job_cuts_told_as_a_reorganisations_consequence_leave_it_leading() -> None:
    d = rules("Mercor memo, shared by a friend on the ops team",
              "Pasting what went out this morning: \"Today we are restructuring Mercor into two "
              "units, expert networks and enterprise. As part of this we are eliminating about "
              "90 roles in matching and support.\" Not me, but half my old team.",
              source="reddit")
    assert d.is_signal and d.event_type == "restructuring"


@pytest.mark.parametrize(("title", "body"), [
    ("micro1 stopped vetting new engineers?",
     "Got a mail from micro1 today: 'We are pausing new engineer vetting for most roles while "
     "we place the people already in our pool.' Six people from my batch got the same. The "
     "layoffs last week probably explain it."),
    ("Appen memo: freeze till September",
     "Email from the recruiting team today: all hiring in Lagos, Accra and Abuja is frozen "
     "until September. Our whole cohort of 40 was postponed."),
])
def test_a_freeze_leads_over_a_layoff_named_in_passing(title: str, body: str) -> None:
    d = rules(title, body, "reddit")
    assert d.is_signal and d.event_type == "hiring_freeze"


def test_a_named_lab_halting_a_platforms_work_is_a_client_loss() -> None:
    d = rules("Anthropic halts Surge AI data work after leak",
              "The lab paused every project with the vendor on Tuesday, three workers said.")
    assert d.is_signal and d.event_type == "client_loss"


def test_a_programme_closed_with_everyones_contract_ended_is_a_layoff() -> None:
    d = rules("Welocalize ending the Dutch search eval program, everyone's contract done June 3",
              "Around 120 raters in the Netherlands got the email.")
    assert d.is_signal and d.event_type == "layoff"


@pytest.mark.parametrize("body", [
    # Teams combined into one organisation, then the cuts "as part of this".
    "Pasting it: \"Today we are combining Sourcing, Screening and Support into one People "
    "organisation. As part of this, we are parting ways with 35 colleagues.\"",
    # The operation reorganised into hubs, lead roles dissolved on the way.
    "Short version: they reorganised the whole rater floor into three regional hubs (US, EU, "
    "Asia), every team lead position was dissolved and leads have to reapply.",
])
def test_cuts_told_as_a_part_of_a_reorganisation_leave_it_leading(body: str) -> None:
    d = rules("Mercor memo, shared by a friend on the ops team", body, "reddit")
    assert d.event_type == "restructuring"
