"""Recall on everyday wordings the plainer rows set aside: a platform's notice that it will
"no longer be operating in your country", a headline's bare "to exit <country>", a crowd
platform's "price drop", a cut of "a big chunk of" its people, and "is it legit?" asked
about a drive for thousands (a question about the drive, not a review of the platform)."""

from __future__ import annotations

from bot.scoring import extract_magnitude
from tests.bot.scoring._posts import rules, run_rules


def test_no_longer_operating_in_your_country_is_a_shutdown() -> None:
    d = rules("Notice to taskers",
              "Remotasks will no longer be operating in your country as of June 3. "
              "Pending earnings will be paid out as usual.")
    assert d.is_signal and d.event_type == "shutdown"
    assert not rules("Notice to drivers",
                     "The old ferry will no longer be operating on Sundays.").is_signal


def test_a_headline_to_exit_countries_is_a_shutdown() -> None:
    d = rules("Remotasks to exit Kenya, Ghana and Nigeria")
    assert d.is_signal and d.event_type == "shutdown" and d.platforms == ("remotasks",)
    assert not rules("Appen denies report it will exit Kenya").is_signal


def test_a_price_drop_on_a_crowd_platform_is_a_pay_cut() -> None:
    d = rules("Toloka is basically dead after the price drop on image pools", source="reddit")
    assert d.is_signal and d.event_type == "pay_cut"
    assert not rules("Bought a new phone after the price drop", source="reddit").is_signal


def test_a_cut_of_a_big_chunk_of_the_workers_is_a_layoff() -> None:
    d = rules("xAI cut a huge chunk of the generalist tutors overnight")
    assert d.is_signal and d.event_type == "layoff"
    assert not rules("We cut a huge chunk of the backlog this week", source="reddit").is_signal


def test_is_it_legit_about_a_drive_for_thousands_is_not_a_review() -> None:
    asked = run_rules("DataAnnotation hiring coders?",
                      "Their ads say they need 'thousands' of programmers right now, $40+/hr. "
                      "Is it legit?", subreddit="cscareerquestions")
    assert "other_sense" not in asked.cues
    general = run_rules("DataAnnotation hiring coders?",
                        "Their ads say they are hiring coders right now, $40+/hr. Is it legit?",
                        subreddit="cscareerquestions")
    assert "other_sense" in general.cues


def test_a_recruiter_retold_wanting_hundreds_is_a_hiring_drive() -> None:
    found = run_rules("Mercor recruiters again",
                      "The recruiter on my call said they want 300 docs on the project by May.",
                      subreddit="mercor_ai")
    assert found.lead is not None and found.lead.cue == "hiring_expansion.they_want_many"
    assert run_rules("Mercor recruiters again", "They want 300 more answers by Friday.",
                     subreddit="mercor_ai").lead is None


def test_a_rate_adjusted_to_a_figure_in_a_notice_is_a_pay_cut() -> None:
    d = rules("Rate notice",
              "Effective August 1, the hourly rate for the Ads Quality program on Appen will "
              "be adjusted to $12.50. This change applies to all raters on the program.")
    assert d.is_signal and d.event_type == "pay_cut"
    raised = rules("Rate notice", "Your Appen rate will be adjusted to $15, up from $12.")
    assert raised.event_type != "pay_cut"


def test_the_client_pulling_its_work_is_a_client_loss() -> None:
    d = rules("Appen dives 25pc after customer pulls social media rating work")
    assert d.is_signal and d.event_type == "client_loss"
    assert rules("Appen shares flat as a customer pulled up the report").event_type != "client_loss"


def test_own_job_lost_elsewhere_asking_about_a_platform_is_not_news() -> None:
    asked = rules("Got laid off from my warehouse job, is Remotasks worth trying?",
                  "The logistics company I worked for cut about 200 of us last Friday.",
                  source="reddit")
    assert not asked.is_signal
    news = rules("Remotasks laid off 200 taskers, me included. Is it worth trying Outlier?",
                 source="reddit")
    assert news.is_signal and news.event_type == "layoff"


def test_a_negation_inside_a_who_clause_denies_nothing() -> None:
    told = run_rules("Whole Quarrystone generalist team cut tonight",
                     "Everyone on Quarrystone who isn't on a specialist team was let go, "
                     "the channel had ~500 people.", subreddit="outlier_ai")
    assert not told.denied
    denied = run_rules("Whole Quarrystone generalist team cut tonight?",
                       "Nobody was let go, the channel is fine.", subreddit="outlier_ai")
    assert denied.denied


def test_a_fellowship_opened_for_thousands_is_a_hiring_drive() -> None:
    d = rules("Handshake AI opens Moveterra fellowship for 3,000 graduate students")
    assert d.is_signal and d.event_type == "hiring_expansion"
    assert not rules("Handshake AI opens Moveterra fellowship to applicants").is_signal


def test_a_platform_expecting_to_welcome_thousands_is_a_hiring_drive() -> None:
    found = run_rules("Introducing the fellowship",
                      "We expect to welcome more than 3,000 fellows this summer.",
                      source="feed", feed="Handshake Blog")
    assert found.lead is not None and found.lead.event_type == "hiring_expansion"


def test_pay_ranges_from_in_a_drive_is_not_a_pay_guide() -> None:
    drive = run_rules("Handshake AI is recruiting 3,000 PhD students",
                      "Pay ranges from $30 to $100 an hour.", source="feed", feed="reuters")
    assert "other_sense" not in drive.cues
    guide = run_rules("Handshake AI is recruiting 3,000 PhD students: a pay range guide",
                      "Pay ranges differ by field.", source="feed", feed="reuters")
    assert "other_sense" in guide.cues


def test_clinicians_nurses_and_docs_are_a_headcount() -> None:
    m = extract_magnitude("they apparently want 2,000+ clinicians by January")
    assert m is not None and m.headcount == 2000
    m = extract_magnitude("the recruiter said they want 300 docs on the project")
    assert m is not None and m.headcount == 300
    assert extract_magnitude("I shared 85 Google Docs with the team") is None


def test_a_feeling_denied_does_not_deny_the_event() -> None:
    told = run_rules("Kestrel is over for all 60 of us",
                     "I'm not angry about the project ending, that happens. All 60 of us "
                     "finished on Friday.", subreddit="outlier_ai")
    assert not told.denied
    denied = run_rules("Kestrel is over for all 60 of us?",
                       "Nobody saw the project ending, it is a display bug.",
                       subreddit="outlier_ai")
    assert denied.denied
