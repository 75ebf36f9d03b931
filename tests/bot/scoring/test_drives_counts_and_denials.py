"""Hiring drives, headcounts and what denies nothing: a recruiter's or a posting's count
retold, a programme opened for a number of people, people "to be welcomed", a headcount of
doctors written "docs", a feeling about the news or a negation inside "who ..." (neither
denies the news), and a poster's own job lost elsewhere while asking about a platform."""

from __future__ import annotations

from bot.scoring import extract_magnitude
from bot.scoring.text import feed_owner
from tests.bot.scoring._posts import rules, run_rules, score


def test_is_it_legit_about_a_drive_for_thousands_is_not_a_review() -> None:
    asked = run_rules("Outlier wants lawyers?",
                      "The listing claims they need 'thousands' of lawyers, $55/hr. "
                      "Is this legit?", subreddit="LawSchool")
    assert "other_sense" not in asked.cues
    general = run_rules("Outlier wants lawyers?",
                        "The listing says they are hiring lawyers, $55/hr. Is it legit?",
                        subreddit="LawSchool")
    assert "other_sense" in general.cues


def test_a_recruiter_retold_needing_hundreds_is_a_hiring_drive() -> None:
    found = run_rules("Alignerr recruiter call",
                      "The hiring manager told me they need 250 nurses by March.",
                      subreddit="nursing")
    assert found.lead is not None and found.lead.cue == "hiring_expansion.they_want_many"
    assert run_rules("Alignerr recruiter call", "They need 600 more labels by Monday.",
                     subreddit="nursing").lead is None


def test_a_crowd_at_a_meetup_is_not_a_hiring_drive() -> None:
    r = run_rules("See you there", "They want 500 people at the meetup on Friday.")
    assert r.lead is None or r.lead.cue != "hiring_expansion.they_want_many"


def test_a_residency_opened_for_hundreds_is_a_hiring_drive() -> None:
    d = rules("Mercor unveils a paid residency for 1,200 doctoral candidates")
    assert d.is_signal and d.event_type == "hiring_expansion"
    assert not rules("Mercor unveils its residency brochure for my students").is_signal


def test_a_platform_hoping_to_welcome_thousands_is_a_hiring_drive() -> None:
    found = run_rules("Our next cohort",
                      "We hope to welcome more than 1,800 graduates this autumn.",
                      source="feed", feed="Handshake Blog")
    assert found.lead is not None and found.lead.event_type == "hiring_expansion"


def test_pay_ranges_from_in_a_drive_is_not_a_pay_guide() -> None:
    drive = run_rules("Mercor is recruiting 900 economists",
                      "Pay ranges from $38 to $85 an hour.", source="feed", feed="reuters")
    assert "other_sense" not in drive.cues
    guide = run_rules("Mercor is recruiting 900 economists: a pay range guide",
                      "Pay ranges differ by field.", source="feed", feed="reuters")
    assert "other_sense" in guide.cues


def test_docs_count_as_doctors_only_when_wanted_or_qualified() -> None:
    m = extract_magnitude("word is they need 1,500+ clinicians before summer")
    assert m is not None and m.headcount == 1500
    m = extract_magnitude("the agency says it is hiring 450 docs for a dermatology project")
    assert m is not None and m.headcount == 450
    assert extract_magnitude("We uploaded 40 Google Docs to the drive") is None
    assert extract_magnitude("I labelled 300 docs today") is None


def test_a_headcount_of_qualified_docs_counts_as_many() -> None:
    r = run_rules("Alignerr recruiters again", "Alignerr is onboarding about 350 licensed docs "
                  "for radiology review at $95/hr.", subreddit="medicine")
    assert "group_weak" in r.cues
    assert "group_weak" not in run_rules("my week", "I labelled 300 docs today.").cues


def test_a_feeling_about_the_news_does_not_deny_it() -> None:
    told = run_rules("Birch queue paused for all 40 of us",
                     "Frankly not shocked by the pause on the audio queue. All 40 of us "
                     "got the email on Tuesday.", subreddit="Lionbridge")
    assert not told.denied
    denied = run_rules("Birch queue paused for all 40 of us?",
                       "Nobody paused the queue, it is a login glitch.", subreddit="Lionbridge")
    assert denied.denied


def test_a_negation_inside_a_who_clause_denies_nothing() -> None:
    told = run_rules("Birch audio pod: most of us offboarded tonight",
                     "Any rater on Birch who wasn't in the new pod got offboarded, about 200 "
                     "people.", subreddit="Lionbridge")
    assert not told.denied
    denied = run_rules("Birch audio pod: most of us offboarded tonight?",
                       "Nobody got offboarded, the pod is fine.", subreddit="Lionbridge")
    assert denied.denied


def test_own_job_lost_elsewhere_asking_about_a_platform_is_not_news() -> None:
    asked = rules("Made redundant at my bank in June, is Toloka worth starting?",
                  "The bank I worked for closed 40 branches this spring.", source="reddit")
    assert not asked.is_signal
    news = rules("Toloka let 150 annotators go, me among them. Is it worth trying Appen?",
                 source="reddit")
    assert news.is_signal and news.event_type == "layoff"


def test_a_layoff_from_a_platform_project_is_that_platforms_news() -> None:
    title = "Was laid off from my TELUS rating project. Is Toloka worth starting now?"
    body = "On Friday TELUS cut 250 raters from the maps queue, me among them."
    assert "other_sense" not in run_rules(title, body, subreddit="WorkOnline").cues
    assert score(title, body, subreddit="WorkOnline").is_signal


def test_a_social_account_named_with_its_kind_speaks_for_its_owner() -> None:
    assert feed_owner("Outlier (X account)") == "Outlier"
    assert feed_owner("Toloka (LinkedIn page)") == "Toloka"
    assert feed_owner("Daily Nation (Kenya)") == "Daily Nation (Kenya)"
    d = run_rules("We're hiring", "We are hiring 400 more specialist tutors this quarter.",
                  source="feed", feed="xAI (X account)")
    assert d.platforms == ("xai",)


def test_ending_a_project_with_no_notice_names_no_client() -> None:
    r = run_rules("Lionbridge ended the entire Birch project with no notice at all",
                  "The same email reached the whole Birch roster at 9am.", subreddit="Lionbridge")
    assert r.lead is not None and r.lead.event_type != "client_loss"


def test_platforms_asked_about_are_not_the_events_when_another_is_told() -> None:
    r = run_rules("Need online work", "I was on a search rating team at TELUS International "
                  "for two years. On Monday they said the client project is done and our "
                  "contracts end on June 9, about 80 of us. Are Toloka or Appen worth it now?",
                  subreddit="BeerMoneyPH")
    assert r.platforms == ("telus_digital",)
