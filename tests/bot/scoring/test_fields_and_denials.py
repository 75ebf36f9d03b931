"""Fields of flagged posts and denials from the press: a numbered newsletter leads with its
first item, newcomers kept out is a hiring freeze (not a paused project), and a company
pushing back on reports is a denial, not news of the cut."""

from __future__ import annotations

from tests.bot.scoring._posts import rules, score


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
    d = rules("TELUS new-hire chat is very quiet today",
              "Email this morning: onboarding for new Heron raters in the United Kingdom is "
              "on hold until further notice. About 40 of us in the new-hire chat got it.", "reddit")
    assert d.is_signal and d.event_type == "hiring_freeze"


def test_a_company_pushing_back_on_layoff_reports_is_no_alert() -> None:
    d = score("Scale AI says its contributor base is 'bigger than ever'",
              "Scale AI pushed back on Thursday on reports that it had let go of hundreds of "
              "Outlier contributors. In a statement, the company said that reports of mass "
              "layoffs misrepresent a normal change in project staffing.",
              source="feed", feed="The Verge")
    assert not d.is_signal


def test_the_client_ending_the_programme_is_a_client_loss() -> None:
    d = rules("bad news for the Heron crew",
              "Email from TELUS: we regret to inform you that our client has decided to end the "
              "Heron program. Our whole team got it at the same time.", "reddit")
    assert d.is_signal and d.event_type == "client_loss"
