"""A programme's end told as the workers' loss is a layoff, not a pause or a lost client:
a project ended "for about 2,000 raters", a notice that "engagements under the programme
have been concluded", raters who "lose contract with" the vendor. A client that ends its
deal, or a project paused for everyone, keeps its own type."""

from __future__ import annotations

import pytest

from tests.bot.scoring._posts import rules, run_rules


@pytest.mark.parametrize(("title", "body", "source"), [
    ("Appen ends Kestrel project for about 1,800 contractors",
     "Appen has ended the Kestrel search-rating project, according to notices seen by this "
     "paper. Some raters were offered other work.", "feed"),
    ("Bad morning",
     "Appen closed its Kestrel programme for roughly two thousand raters this morning, "
     "the email says.", "reddit"),
])
def test_a_project_ended_for_a_counted_crowd_is_a_layoff(title: str, body: str,
                                                          source: str) -> None:
    d = rules(title, body, source)
    assert d.is_signal and d.event_type == "layoff"


def test_a_pod_handed_the_engagement_concluded_email_is_a_layoff() -> None:
    d = rules("Our whole QA crew got the 'engagement concluded' email",
              "All 30 of us on the Invisible ops team got the same email at noon. Nobody knew.",
              "reddit")
    assert d.is_signal and d.event_type == "layoff"


def test_engagements_concluded_under_a_programme_lead_as_a_layoff() -> None:
    """The notice alone may score under the bar (the model lifts it); the event it leads
    with is the workers' layoff either way."""
    r = run_rules(
        "Mercor notice, pasted",
        "Mercor sent this to everyone on Heron: \"Engagements under the Heron program have "
        "been concluded as of May 2. Affected contributors will be paid for approved "
        "work.\" So we are all out.")
    assert r.lead is not None and r.lead.event_type == "layoff"


@pytest.mark.parametrize(("title", "body"), [
    ("Hundreds of Kenyan raters lose contract with Appen",
     "Hundreds of home-based raters in Nairobi will lose their contract at the end of "
     "May, workers told this paper. Appen told them by email that the programme ends."),
    ("Eighty ad evaluators to lose work at TELUS site",
     "About eighty people who rated ads from home for TELUS International in Sofia will "
     "lose work at the end of July, the company confirmed."),
])
def test_workers_losing_their_contract_is_a_layoff(title: str, body: str) -> None:
    d = rules(title, body, "feed")
    assert d.is_signal and d.event_type == "layoff"


def test_a_platform_losing_its_contract_stays_a_client_loss() -> None:
    d = rules("Appen loses its contract with a major search client",
              "Appen said a major search customer will not renew, about 9% of revenue.",
              "feed")
    assert d.is_signal and d.event_type == "client_loss"


def test_a_project_paused_for_everyone_stays_a_pause() -> None:
    d = rules("Heron paused for all contributors",
              "Outlier paused the Heron project for all contributors while the client "
              "reviews the data. No tasks for now.", "reddit")
    assert d.is_signal and d.event_type == "project_pause"


def test_workers_let_go_told_in_tagalog_are_a_layoff() -> None:
    d = rules("Appen Davao: lahat ng taggers tatanggalin",
              "Nakuha niyo ba yung email? Lahat ng taggers sa Appen Davao site ay tatanggalin "
              "sa katapusan ng Hunyo. 150 kami sa team.", "reddit")
    assert d.is_signal and d.event_type == "layoff"


def test_contracts_ending_soon_lead_over_the_project_pulled() -> None:
    d = rules("Rough week",
              "My brother and his whole team at Sama were told their contracts end next week "
              "because the client pulled the project.", "reddit")
    assert d.is_signal and d.event_type == "layoff"


@pytest.mark.parametrize(("title", "body"), [
    # The project ended and everyone on it taken off, in one breath: the people lead.
    ("Appen ended Wrenfield and dropped pretty much everyone on it",
     "Our group alone is about 300 raters in Cebu, the Manila side says the same."),
    ("Rough week for the Cebu group",
     "Yesterday Appen ended Wrenfield and removed every rater from it, about 300 of us in "
     "Cebu alone. No other project offered."),
    # The notice's own words: the project ends and access ends for the whole group.
    ("Wrenfield survey: where did the 80 of us land?",
     "Only 9 got another Appen project. The project is over and access still ends Friday "
     "for everyone."),
])
def test_a_project_ended_with_everyone_taken_off_it_is_a_layoff(title: str,
                                                                 body: str) -> None:
    d = rules(title, body, "reddit")
    assert d.is_signal and d.event_type == "layoff"
