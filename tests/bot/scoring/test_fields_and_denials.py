"""Fields of flagged posts and denials from the press: a numbered newsletter leads with its
first item, newcomers kept out is a hiring freeze (not a paused project), and a company
pushing back on reports is a denial, not news of the cut; workers pushing back on them are
not."""

from __future__ import annotations

from tests.bot.scoring._posts import rules, run_rules, score


def test_a_numbered_newsletter_leads_with_its_first_item() -> None:
    d = rules("Rater Notes Weekly #9: Appen's linguist drive, a pause at Toloka",
              "Top of the list: Appen is tripling its rater programme, aiming for 2,000 "
              "paid raters by spring at $22 an hour.\n\nAlso: Toloka put its Larkspur project "
              "on hold on Monday for everyone, with no restart date.")
    assert d.is_signal and d.event_type == "hiring_expansion"


def test_access_stopped_for_new_people_is_a_hiring_freeze() -> None:
    d = rules("No more new accounts on Clickworker?",
              "Support wrote: because of lower project demand we have stopped granting new "
              "members access to the task market for now.", "reddit")
    assert d.is_signal and d.event_type == "hiring_freeze"


def test_onboarding_on_hold_for_new_raters_somewhere_is_a_hiring_freeze() -> None:
    d = rules("Osprey applicants: onboarding paused",
              "TELUS has put onboarding of new raters in Canada on hold, no restart date "
              "given, says our recruiter. Around 25 people in the Osprey applicants group "
              "got the same message.", "reddit")
    assert d.is_signal and d.event_type == "hiring_freeze"


def test_a_company_pushing_back_on_layoff_reports_is_no_alert() -> None:
    d = score("Outlier cuts were 'routine', Scale AI says",
              "Reports this week said Scale AI had let go of hundreds of Outlier contributors. "
              "A Scale AI spokesperson pushed back against those reports on Tuesday, calling "
              "the change to staffing routine.", source="feed", feed="Rest of World")
    assert not d.is_signal


def test_workers_pushing_back_on_reports_confirm_the_news() -> None:
    """Workers disputing how small the cut was, or calling the company's reports false, are
    telling the news: only the company as subject makes "pushed back" or "misrepresent" a
    denial."""
    d = score("Appen layoffs were not small",
              "Appen raters pushed back on claims the layoffs were small: all 80 of us in the "
              "Lisbon pod were let go on Monday.")
    assert d.is_signal and not d.denial
    d = score("Appen pay cut", "Raters say Appen's reports misrepresent the cut: the whole "
              "Cebu pod lost 25% of its pay on Friday.")
    assert d.is_signal and not d.denial


def test_the_client_ending_the_programme_is_a_client_loss() -> None:
    d = rules("Heron pod told on Friday",
              "Friday call from TELUS: the work we all do is finished, because the client has "
              "decided to end the Heron engagement. Everyone in our pod heard it at once.",
              "reddit")
    assert d.is_signal and d.event_type == "client_loss"


def test_a_client_ending_a_meeting_is_no_client_loss() -> None:
    """A name plus "on" and a number is not a programme ended on a date: the client ending
    a meeting "on 3 pm" does not fire the client-loss row."""
    r = run_rules("Team call moved", "Per the TELUS lead, our client will end the meeting "
                  "on 3 pm sharp, so log off early.")
    assert "client_loss.client_ends_programme" not in r.cues
    r = run_rules("Arrowhead is done", "Heads up: the client is ending Arrowhead on 31 Oct "
                  "for everyone.")
    assert "client_loss.client_ends_programme" in r.cues
