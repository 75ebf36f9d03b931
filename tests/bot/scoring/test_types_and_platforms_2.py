"""Lead types and platforms where a neighbouring row used to take them: a staff cut told
as a part of a reorganisation, the intake paused, workers cut off, a pay floor's start
date, a feed named for a platform's subsidiary, platforms named only to compare, a
company's clarification."""

from __future__ import annotations

import pytest

from bot.records import PostRecord
from bot.scoring.magnitude import extract_magnitude, pay_direction
from tests.bot.scoring._posts import rules, rules_scorer, score


@pytest.mark.parametrize(("title", "body"), [
    ("Labelbox to cut about 9% of staff in reorganisation",
     "Labelbox will cut roughly 9 percent of its staff under a reorganisation it calls "
     "Northway, the company said on Tuesday."),
    ("Mercor restructures its vetting arm, cuts about 10 percent of staff",
     "The San Francisco company is folding vetting into matching, people familiar said."),
    ("Invisible reorganises around lab clients, cutting some staff roles", ""),
])
def test_a_share_of_staff_cut_in_a_reorganisation_is_a_reorganisation(title: str,
                                                                        body: str) -> None:
    d = rules(title, body)
    assert d.is_signal and d.event_type == "restructuring"


def test_a_memo_cutting_the_team_while_merging_groups_is_a_reorganisation() -> None:
    d = rules("Mercor CEO memo, as sent",
              "> Team, under Northway we are reducing our team by roughly 10% and consolidating "
              "our vetting and matching groups. Those affected will hear from HR today.",
              "reddit")
    assert d.is_signal and d.event_type == "restructuring"


def test_a_counted_layoff_in_a_restructuring_stays_a_layoff() -> None:
    d = rules("Turing lays off 300 employees in restructuring", "")
    assert d.is_signal and d.event_type == "layoff"


@pytest.mark.parametrize(("title", "body"), [
    ("Temporary admission pause for Clickworker's rating projects",
     "Due to high demand, new applicants go on a waiting list for now."),
    ("Has Toloka stopped taking new people? Yes, in Europe",
     "The crowd-work marketplace Toloka has paused registrations in several countries and "
     "put applicants on a waitlist."),
])
def test_the_intake_paused_is_a_hiring_freeze(title: str, body: str) -> None:
    d = rules(title, body)
    assert d.is_signal and d.event_type == "hiring_freeze"


def test_workers_cut_off_by_the_thousand_are_a_layoff() -> None:
    d = rules("Remotasks cuts off thousands of Ghanaian taskers",
              "Remotasks has cut off thousands of annotators in Ghana after ending a mapping "
              "project, workers said.")
    assert d.is_signal and d.event_type == "layoff"


def test_a_date_after_from_is_no_old_amount() -> None:
    assert pay_direction(extract_magnitude("rates drop to $20/hr from the 1st")) == 0
    assert pay_direction(extract_magnitude("£7/hr minimum from the 23rd")) == 0
    assert pay_direction(extract_magnitude("the rate goes from $45 to $55/hr")) == 1


def test_a_pay_floor_with_its_start_date_is_a_raise() -> None:
    d = score("£7/hr minimum from the 14th!! About time",
              "Saw the blog this morning, the floor for all studies goes up.", "ProlificAc")
    assert d.is_signal and d.event_type == "pay_raise"


@pytest.mark.parametrize(("feed", "platform"), [
    ("Lionbridge AI rater community", "telus_digital"),
    ("Figure Eight Blog", "appen"),
    ("Google News: RWS Moravia", "rws_trainai"),
])
def test_a_feed_named_for_a_subsidiary_speaks_for_its_platform(feed: str, platform: str) -> None:
    post = PostRecord(source_kind="feed", external_id="t1", title="Oxbury (de-DE): rate update",
                      body="Good news: from 3 March the hourly rate for all de-DE Oxbury raters "
                           "increases from €14 to €16.", feed=feed)
    assert rules_scorer().score(post).platforms == (platform,)


def test_moravia_names_rws() -> None:
    assert rules("Moravia lays off 150 search raters", "").platforms == ("rws_trainai",)


def test_platforms_named_to_say_their_work_still_holds_are_not_hit() -> None:
    d = rules("Mercor just laid off 400 generalist writers, Outlier and Prolific still have "
              "generalist work", "", "reddit")
    assert d.is_signal and d.platforms == ("mercor",)


def test_a_company_clarifying_that_its_workers_are_not_hit_is_no_signal() -> None:
    post = PostRecord(source_kind="feed", external_id="t1",
                      title="Clarification: Northway reorganisation and our rater community",
                      body="Following press coverage, we wish to clarify that the Northway "
                           "reorganisation concerns internal roles only. There is no reduction "
                           "to our rater panels.", feed="Appen News")
    assert not rules_scorer().score(post).is_signal
