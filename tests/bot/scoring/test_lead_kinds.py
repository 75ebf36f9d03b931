"""Which event a press item leads with when it names two, as the rules alone decide it
(the model's type blend is checked out of fold by ``labelwatch crossval``)."""

from __future__ import annotations

import pytest

from tests.bot.scoring._posts import post, rules, rules_scorer


@pytest.mark.parametrize(("title", "body"), [
    ("Alignerr pauses new expert onboarding as client projects wind down",
     "The company told applicants it has enough contributors for now."),
    ("Remotasks halts sign-ups in three countries amid a slowdown in projects",
     "New applicants are told to check back later."),
])
def test_a_paused_intake_is_a_hiring_freeze_whatever_projects_follow(title: str,
                                                                      body: str) -> None:
    d = rules(title, body)
    assert d.is_signal and d.event_type == "hiring_freeze"


def test_a_lab_cutting_rater_jobs_as_it_drops_a_vendor_leads_with_the_jobs() -> None:
    d = rules("Alphabet is cutting 1,500 jobs after ending its rating contract with Appen",
              "Appen said the contract ends in June.")
    assert d.is_signal and d.event_type == "layoff" and d.platforms == ("appen",)


@pytest.mark.parametrize(("title", "body", "kind"), [
    ("CloudFactory shuts down its Kathmandu office",
     "The company is consolidating its operations in two other cities.", "restructuring"),
    ("Appen to shut its Manila delivery centre, 300 jobs lost",
     "Staff were told on Monday.", "layoff"),
    ("Memo from Appen ops leadership",
     "Appen will close the Cebu operations office at the end of June; support moves to the "
     "remote team.", "restructuring"),
])
def test_a_closed_site_is_not_the_platform_shut_down(title: str, body: str,
                                                     kind: str) -> None:
    d = rules(title, body)
    assert d.is_signal and d.event_type == kind


@pytest.mark.parametrize(("title", "body"), [
    ("TELUS Digital closes its Manila office for the holidays",
     "Staff will work from home until the fifth of January."),
    ("Appen shut its Cebu office on Monday for the storm",
     "Everyone was sent home and the queues stay open."),
    ("Sama closes its Nairobi office temporarily after the flooding", "Work goes on from home."),
])
def test_a_site_closed_for_a_while_is_no_restructuring(title: str, body: str) -> None:
    assert not rules(title, body).is_signal


def test_a_closed_site_is_the_platform_s_news_when_a_client_is_named_first() -> None:
    d = rules("Vendor exits moderation work",
              "Sama, a major vendor for Meta in Kenya, will shut down its moderation centre "
              "in Nairobi.")
    assert d.platforms == ("sama",)
    assert "another company" not in " ".join(rules_scorer().analyse(post(
        "Vendor exits moderation work",
        "Sama, a major vendor for Meta in Kenya, will shut down its moderation centre "
        "in Nairobi.", source="feed", feed="reuters")).reasons)


@pytest.mark.parametrize(("title", "body"), [
    ("Lab's exit leaves 900 Sama annotators without work",
     "The lab ended its contract with Sama last month."),
    ("Contract loss leaves hundreds of TELUS raters jobless",
     "The client ended its agreement with TELUS Digital in March."),
])
def test_a_headline_counting_the_people_left_without_work_leads_with_the_layoff(
        title: str, body: str) -> None:
    d = rules(title, body)
    assert d.is_signal and d.event_type == "layoff"


def test_firing_workers_is_a_layoff_but_the_fired_workers_are_not_an_event() -> None:
    assert rules("Mercor is firing contractors on two projects",
                 "Hundreds got the email.").event_type == "layoff"
    assert not rules("The fired annotators speak about their work",
                     "Interviews with people who trained chatbots.").is_signal


@pytest.mark.parametrize("body", [
    "After the 300 redundancies in June, Appen is merging its two delivery units into one.",
    "The memo follows this month's redundancies: Appen is merging its two delivery units.",
])
def test_redundancies_told_as_the_setting_do_not_lead(body: str) -> None:
    d = rules("Appen memo to Kenya staff", body)
    assert d.is_signal and d.event_type == "restructuring"


def test_a_contributor_base_is_people_not_base_pay() -> None:
    d = rules("Vendor is 'resizing its contributor base', 400 raters cut",
              "The contributor base cut came in one email on Monday.")
    assert d.event_type != "pay_cut"


def test_jobs_told_they_are_ending_is_a_layoff_not_a_shutdown() -> None:
    d = rules("Appen raters in Ohio told their jobs are ending",
              "About 150 workers were told their positions will end next month.")
    assert d.is_signal and d.event_type == "layoff"


@pytest.mark.parametrize(("title", "body"), [
    ("The great Outlier drought",
     "Outlier's project list emptied out on Monday for most workers. A few saw work come back "
     "on Thursday at a lower rate."),
    ("Remotasks taskers say three projects went dark on Monday, the day Scale lost a client",
     "Hundreds of taskers were on them."),
])
def test_work_gone_dark_or_emptied_leads_as_a_pause(title: str, body: str) -> None:
    d = rules(title, body)
    assert d.is_signal and d.event_type == "project_pause"


def test_workers_released_as_their_project_ends_are_a_layoff() -> None:
    # The events README's convention: a project's end told as the workers released from it.
    d = rules("Appen ending the maps rating project - everybody out by June 2",
              "About 200 raters got the email today.")
    assert d.is_signal and d.event_type == "layoff"
    d = rules("Appen ended the maps rating project for everyone",
              "About 200 raters got the email today.")
    assert d.is_signal and d.event_type == "project_pause"


@pytest.mark.parametrize(("title", "body"), [
    # A headline naming the client's exit leads over the programme the body says closes.
    ("Toloka shares tumble as autonomy client walks",
     "Shares fell on Monday. The programme will close on June 30, according to an email "
     "sent to about 900 annotators."),
    ("Toloka contract loss to hit 900 annotators",
     "The programme will close on June 30, according to an email sent to annotators."),
])
def test_a_headline_of_the_client_walking_leads_with_the_lost_client(title: str,
                                                                      body: str) -> None:
    d = rules(title, body)
    assert d.is_signal and d.event_type == "client_loss"
