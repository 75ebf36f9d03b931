"""Recall on news told in a platform's own words as workers quote them ("we are reducing
the size of our contributor community", "bonuses are now half of their previous value",
"your contract for Project X will end"), on vetoes that misfired on such posts (a WARN
notice's "site not closing", "not a referral link"), on a rating market closed for its
raters, and on the everyday sentences of the same shape that are not news."""

from __future__ import annotations

from tests.bot.scoring._posts import rules, score


def test_a_quoted_community_reduction_under_a_question_is_a_layoff() -> None:
    """A question whose body pastes the platform's reduction email carries its news."""
    d = rules("did anybody else get this email from Outlier?",
              'Copied exactly: "We are reducing the size of our contributor community. Your '
              'account will be closed on March 3." Everyone in my writing group got it today.',
              source="reddit")
    assert d.is_signal and d.event_type == "layoff"
    assert not score("How do we grow our contributor community on Discord?").is_signal


def test_contracts_ended_for_a_team_are_a_layoff_not_a_pause() -> None:
    """The workers' contracts ending is a layoff (signals.md), even when a project ends."""
    d = rules("Turing ends over 200 AI evaluation contracts as a client project wraps up")
    assert d.is_signal and d.event_type == "layoff"


def test_a_rating_market_closed_is_a_layoff() -> None:
    """A rating program closing a country's market lets every rater in it go."""
    d = rules("TELUS Digital: Belgian market closing on our rating project Jan 31",
              "Got the email this morning along with the rest of the Belgian team, "
              "about 40 of us.", source="reddit")
    assert d.is_signal and d.event_type == "layoff"
    assert not score("the night market is closing for the season, sad").is_signal


def test_a_warn_notice_saying_the_site_stays_open_is_not_denied() -> None:
    """"Site not closing" in a WARN notice says the layoff is not a closure, not that
    nothing happened."""
    d = rules("WARN notice: GlobalLogic Inc., Denver - 120 employees",
              "Employees affected: 120. Type: permanent layoff, site not closing. "
              "Reason: end of client project.")
    assert d.is_signal and d.event_type == "layoff"


def test_not_a_referral_link_is_no_referral() -> None:
    """A poster saying the post is not a referral is not spamming one."""
    d = rules("Doctors: Mercor is doing a big clinician hiring push right now",
              "Not a referral link. They have about 300 openings for physicians to grade AI "
              "answers, posted this week.", source="reddit")
    assert d.is_signal and d.event_type == "hiring_expansion"
    assert not score("use my referral link and we both get $50 on Quillbase").is_signal


def test_a_pay_range_a_site_promises_is_not_a_raise() -> None:
    """"Promise $20 to $100 an hour" is a range of pay on offer, not a before and after."""
    assert not score("Are AI gigs worth it?",
                     "Quillbase and others promise $20 to $100 an hour for chatbot training.",
                     source="feed", feed="Lifehacker").is_signal


def test_a_new_minimum_with_its_figure_is_a_raise() -> None:
    """The new minimum told with its figure is a raise to the floor."""
    d = rules("the new £10/hr minimum is live",
              "Prolific updated its help page with the new £10/hr minimum for every study. "
              "Everyone gets it from Monday.",
              source="reddit")
    assert d.is_signal and d.event_type == "pay_raise"
