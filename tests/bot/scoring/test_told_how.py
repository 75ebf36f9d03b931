"""How the news is told: a question tagged on after it, an aside after it, an absence that
is itself the news, a group left out of a cut, and a platform's own notice pages."""

from __future__ import annotations

from bot.scoring.text import feed_owner
from tests.bot.scoring._posts import run_rules

_run = run_rules


def test_a_question_tagged_on_after_the_news_leaves_the_news_told() -> None:
    tagged = _run("Outlier cut 400 raters today, anyone affected?", "", "WorkOnline")
    asked = _run("Did Outlier cut 400 raters today?", "", "WorkOnline")
    assert tagged.lead is not None and tagged.lead.event_type == "layoff"
    assert tagged.score >= 50.0
    assert asked.lead is None or asked.lead.weight < tagged.lead.weight


def test_an_aside_after_the_news_is_no_other_sense() -> None:
    news = ("Everyone on the Hollyhock rating project got the end-of-programme email on "
            "Monday, last day is March 3. Also, the 'transfer' offers on Telegram are a "
            "scam, ignore them.")
    told = _run("Hollyhock is over", news, "Appen")
    assert "other_sense" not in told.vetoes
    warned = _run("PSA: the 'Appen pay cut' email is a phishing scam",
                  "It says every project is cut to $5 an hour. Do not click it.", "Appen")
    assert "other_sense" in warned.vetoes


def test_an_absence_told_as_news_is_no_denial() -> None:
    closed = _run("Signups closed?", "The join page now says we are not accepting new "
                  "applications at this time, join the waitlist.", "outlier_ai")
    assert not closed.denied
    denied = _run("Signups closed?", "Support says that's fake, the page was just down "
                  "for an hour.", "outlier_ai")
    assert denied.denied


def test_a_group_left_out_of_a_cut_does_not_deny_it() -> None:
    r = _run("Vendor lays off 15% of staff", "The company cut about 90 employees on Monday. "
             "Contract raters are not part of the reduction, it said.", source="feed",
             feed="techcrunch")
    assert not r.denied


def test_a_platforms_notice_pages_speak_for_it() -> None:
    assert feed_owner("OneForma status") == "OneForma"
    assert feed_owner("Prolific researcher help") == "Prolific"
    assert feed_owner("Clickworker support") == "Clickworker"
    assert feed_owner("The Register forums") == "The Register"


def test_a_notice_laid_out_in_fields_is_not_news_told_in_passing() -> None:
    fields = ("Employer: Brightfold Data Services LLC. Site: Tucson, AZ. Received: "
              "03/02/2026. Separation date: 05/01/2026. Reason: layoff of a rating team. "
              "Workers affected: 85.")
    notice = _run("Plant closing and layoff notice: Brightfold Data Services LLC", fields,
                  source="feed", feed="Arizona WARN notices")
    assert not any("first named in body sentence" in r for r in notice.reasons)
    story = ("The city council met on Tuesday. It approved a new bus route. It delayed a "
             "vote on parking. It heard from residents about noise. It also noted that "
             "Brightfold Data Services laid off 85 raters last month.")
    told = _run("Council roundup", story, source="feed", feed="Tucson Sentinel")
    assert any("first named in body sentence" in r for r in told.reasons)


def test_pay_that_falls_from_one_figure_to_a_lower_one_is_a_cut_not_a_range() -> None:
    cut = _run("new rate on Birchline", "they moved our review rate from $40 to $29/hr from "
               "next week, no explanation", "WorkOnline")
    assert cut.lead is not None and cut.lead.event_type == "pay_cut"
    ranged = _run("Birchline rates", "the listing offers rates of $15 to $20/hr for "
                  "reviewers", "WorkOnline")
    assert ranged.lead is None or ranged.lead.cue != "pay_pair"


def test_a_job_ad_recruiting_hundreds_is_a_hiring_drive_not_one_opening() -> None:
    drive = _run("Outlier: Hiring 400 Search Raters (Remote, Kenya)",
                 "We're hiring 400 raters across Kenya for a new long-term project. No "
                 "experience needed, training provided. Apply now!", source="feed",
                 feed="Jobs board")
    assert "other_sense" not in drive.cues
    assert drive.lead is not None and drive.lead.event_type == "hiring_expansion"
    one = _run("Outlier: Data Annotator (Remote)",
               "Apply now: label images for our AI projects, flexible hours.", source="feed",
               feed="Jobs board")
    assert "other_sense" in one.vetoes or one.lead is None
