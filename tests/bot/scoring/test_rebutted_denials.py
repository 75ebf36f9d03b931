"""A denial the post reports as someone else's claim and then contradicts with its own
evidence is no denial of the event; a denial that is only passed on, or the company's
own statement, still vetoes the post."""

from __future__ import annotations

from bot.scoring.rules import RuleResult
from tests.bot.scoring._posts import run_rules


def _run(title: str, body: str, subreddit: str = "outlier") -> RuleResult:
    return run_rules(title, body, subreddit)


def test_a_quoted_denial_mocked_with_figures_does_not_veto() -> None:
    mocked = _run("they can call it a 'rebalancing' all they want",
                  "my rate on Pinecrest goes from $18 to $14 on monday. that is a pay cut. "
                  "'no change to hourly rates' is a strange way to put it.")
    assert not mocked.denied
    assert any(r.startswith("denial reported") for r in mocked.reasons)


def test_a_denial_support_gave_then_rebutted_does_not_veto() -> None:
    update = _run("Support's reply about the Pinecrest rates doesn't add up",
                  "Pinecrest pay dropped from $18 to $14 an hour this week. Support replied "
                  "that rates are unchanged. Every tasker on the project sees $14 now.")
    assert not update.denied


def test_a_negated_removal_beside_a_pause_told_is_no_denial_of_the_pause() -> None:
    pause = _run("Pinecrest still paused, day six",
                 "Update for all of us on Pinecrest: still paused, no date to restart. "
                 "Nobody has been removed from the project, there is just no work.")
    assert not pause.denied


def test_a_denial_only_passed_on_or_stated_still_vetoes() -> None:
    pasted = _run("Support says Pinecrest rates are not being cut",
                  "Opened a ticket. Their reply: 'Pinecrest rates have not changed, the lower "
                  "figure was a display error.' So make of that what you will.")
    assert pasted.denied
    statement = _run("A note on Pinecrest rates",
                     "We have seen posts claiming a rate cut on Pinecrest. That isn't accurate. "
                     "Rates have not changed for any of our 400 contributors.")
    assert statement.denied
    asserted_inside = _run("Support reply about Pinecrest",
                           "Support replied: 'The claim that pay dropped from $18 to $14 is "
                           "false.' ok then")
    assert asserted_inside.denied
