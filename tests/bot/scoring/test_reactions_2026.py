"""News told as a reaction or through its consequences (2026 posts): a layoff headline
whose "as it shifts to specialists" is only its reason, a project's Discord channel
archived when its work ends, "no, it's not your account" (which confirms the news), a
client halving its spend, work paused for the client's review, and "rater cuts" or
"300 contractors cut" as a headline's noun; and the everyday sentences of the same shape
that are not news."""

from __future__ import annotations

from tests.bot.scoring._posts import rules, run_rules


def test_a_layoff_with_a_shift_as_its_reason_stays_a_layoff() -> None:
    """"Cuts 800 raters as it shifts to specialists": the cut is the news, the shift why."""
    d = rules("Appen cuts 800 raters as it shifts toward specialist tutors")
    assert d.is_signal and d.event_type == "layoff"
    d = rules("Toloka lays off about 300 annotators while it moves work to domain experts")
    assert d.is_signal and d.event_type == "layoff"


def test_the_work_moved_to_experts_still_leads_without_a_reason_clause() -> None:
    """Generalists taken off and the work given to experts in one breath: the move leads."""
    d = rules("Appen news", "All generalists were removed from the project and the work is "
              "moving to experts only.", source="reddit")
    assert d.is_signal and d.event_type == "tier_shift"


def test_a_headline_count_cut_after_an_ended_project_is_a_layoff() -> None:
    """"Ends its project, about 1,500 contractors cut": the people cut lead the ended work."""
    d = rules("Appen ends big coding project, about 1,500 contractors cut")
    assert d.is_signal and d.event_type == "layoff"


def test_a_project_discord_channel_archived_is_no_chat_group_closing() -> None:
    """The project's channel on the platform's Discord archived with the offboarding email
    is the work ending; the workers' own server deleted is their community."""
    r = run_rules("project discord channel archived + offboarding email",
                  "The Heron discord channel archived overnight and my account will be "
                  "deactivated Friday. Three people in my pod got the same.",
                  subreddit="outlier_ai")
    assert "other_sense" not in r.vetoes and r.lead is not None


def test_no_its_not_your_account_is_no_denial() -> None:
    """"So no, it's not your account": the pause is everyone's, which confirms it."""
    r = run_rules("pause update", "The QM says the audio queue is paused for all raters until "
                  "the client signs off. So no, it's not your account.", subreddit="outlier_ai")
    assert not r.denied and "denied" not in r.vetoes
    assert rules("pause update", "The Appen audio queue is paused pending client review, "
                 "every rater sees 0 tasks.", source="reddit").event_type == "project_pause"


def test_a_client_halving_its_spend_is_client_loss() -> None:
    """The platform's largest customer halving its data spending is the client's retreat."""
    d = rules("Outlier's largest customer to halve human-data spending, report says")
    assert d.is_signal and d.event_type == "client_loss"
    assert not rules("I cut my spending in half since Outlier clients stopped paying me",
                     source="reddit").is_signal


def test_worker_cuts_as_a_thread_title_is_a_layoff() -> None:
    """"Tutor cuts" named as the news in a thread title; the verb ("cuts corners") is not."""
    r = run_rules("[Megathread] Monday tutor cuts at Outlier — info, severance",
                  "Pinned. Emails went out Monday.")
    assert r.lead is not None and r.lead.event_type == "layoff"
    r = run_rules("my Outlier tutor cuts corners on every task")
    assert r.lead is None or r.lead.event_type != "layoff"
