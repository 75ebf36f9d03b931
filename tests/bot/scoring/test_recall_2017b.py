"""Recall on wordings the rules passed by: a fellowship or cohort opened for a number of
people, a drive told as the people to be welcomed, a customer that pulls its work, the
others asked all at zero, a headcount of doctors written "docs", a feeling about the news
denied rather than the news, and a company's own social account named with its kind."""

from __future__ import annotations

from bot.scoring.text import feed_owner
from tests.bot.scoring._posts import rules, run_rules


def test_a_fellowship_opened_for_a_number_of_students_is_a_hiring_drive() -> None:
    d = rules("Handshake AI opens its Larkspur fellowship for 2,500 graduate students")
    assert d.is_signal and d.event_type == "hiring_expansion"
    assert not rules("Handshake AI opens its fellowship page for my students").is_signal


def test_people_to_be_welcomed_are_a_hiring_drive() -> None:
    d = rules("Handshake AI fellowship update",
              "Handshake AI says it plans to welcome over 4,000 fellows this autumn.")
    assert d.is_signal and d.event_type == "hiring_expansion"


def test_a_customer_pulling_its_work_is_a_client_loss() -> None:
    d = rules("Appen slides after customer pulls speech tagging work")
    assert d.is_signal and d.event_type == "client_loss"
    assert not rules("Appen customer pulled a muscle at work").is_signal


def test_the_others_asked_all_at_zero_is_an_empty_board() -> None:
    r = run_rules("DataAnnotation dashboard empty?",
                  "Normally 15 projects, now none. I asked four friends on DA and every one of "
                  "them is at zero too.", subreddit="DataAnnotationTech")
    assert r.lead is not None and r.lead.event_type == "project_pause"


def test_a_headcount_of_docs_counts_as_many() -> None:
    r = run_rules("Mercor recruiters again", "They say they're onboarding hundreds of "
                  "board-certified docs for a project called Kestrel, $110/hr.",
                  subreddit="medicine")
    assert "group_weak" in r.cues
    assert "group_weak" not in run_rules("shared folder", "85 Google Docs were left open.").cues


def test_a_feeling_about_the_news_does_not_deny_it() -> None:
    r = run_rules("GlobalLogic contract over", "I'm not bitter about the project ending, I'm "
                  "bitter that nobody told us.", subreddit="ukraine")
    assert r.lead is not None and not r.denied


def test_a_social_account_named_with_its_kind_speaks_for_its_owner() -> None:
    assert feed_owner("xAI (X account)") == "xAI"
    assert feed_owner("Mercor (LinkedIn page)") == "Mercor"
    assert feed_owner("The Star (Kenya)") == "The Star (Kenya)"
    d = run_rules("We're hiring", "We are growing our specialist tutor team tenfold.",
                  source="feed", feed="xAI (X account)")
    assert d.platforms == ("xai",)


def test_a_notice_that_the_platform_will_no_longer_be_in_your_region_is_a_shutdown() -> None:
    r = run_rules("Closure email", "We are writing to let you know that Remotasks will no "
                  "longer be operating in your country as of June 3.", subreddit="remotasks")
    assert r.lead is not None and r.lead.event_type == "shutdown"
    r = run_rules("Bonus gone", "The Remotasks referral bonus will no longer be available in "
                  "the app.", subreddit="remotasks")
    assert r.lead is None or r.lead.event_type != "shutdown"


def test_a_rate_going_up_by_an_hourly_step_is_a_raise() -> None:
    r = run_rules("PSA Lionbridge raters: Brackenby going up $1.25/hr",
                  "Same newsletter for everyone on Brackenby.", subreddit="Lionbridge")
    assert r.lead is not None and r.lead.event_type == "pay_raise"
    other = run_rules("small win", "rent is going up $50 a month").lead
    assert other is None or other.cue != "pay_raise.up_by_hourly"


def test_ending_a_project_with_no_notice_names_no_client() -> None:
    r = run_rules("Appen just ended a whole project with zero notice (Kestrel)",
                  "Everyone on Kestrel got the same email today.", subreddit="Appen")
    assert r.lead is not None and r.lead.event_type != "client_loss"


def test_platforms_asked_about_are_not_the_events_when_another_is_told() -> None:
    r = run_rules("Looking for online work", "I was on an image tagging team at TELUS "
                  "International for a year. Last week they told us the client project is "
                  "finished and our contracts end on March 3, about 120 of us. Are Clickworker "
                  "or Appen worth it from here?", subreddit="BeerMoneyPH")
    assert r.platforms == ("telus_digital",)
