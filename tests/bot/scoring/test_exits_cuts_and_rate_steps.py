"""Exits, cuts and rate steps in everyday wordings: a platform that "will no longer operate"
somewhere, a headline's bare "to exit <country>", a price drop on a crowd platform's tasks,
a cut of "a big slice of" its people, a rate "adjusted to" a lower figure or going up by an
hourly step, a client that pulls its work or walks, and the others asked all at zero tasks.
Each comes with the chatter that looks like it and is no news."""

from __future__ import annotations

from tests.bot.scoring._posts import rules, run_rules, score


def test_a_platform_no_longer_operating_somewhere_is_a_shutdown() -> None:
    r = run_rules("Heads up Peru", "Per the support page, Clickworker would no longer be "
                  "operating in Peru after the 30th.", subreddit="clickworker")
    assert r.lead is not None and r.lead.event_type == "shutdown"
    r = run_rules("Promo gone", "The Clickworker welcome promo will no longer be available "
                  "in the app.", subreddit="clickworker")
    assert r.lead is None or r.lead.event_type != "shutdown"
    assert not rules("Notice to riders",
                     "The night bus will no longer be operating on Mondays.").is_signal


def test_a_brand_no_longer_available_in_a_country_is_not_a_signal() -> None:
    assert not score("Starbucks will no longer be available in Russia").is_signal


def test_a_headline_set_to_exit_countries_is_a_shutdown() -> None:
    d = rules("Toloka set to exit Uganda and Rwanda by spring")
    assert d.is_signal and d.event_type == "shutdown" and d.platforms == ("toloka",)
    assert not rules("Toloka guide: where to exit Uganda airport without a queue").is_signal


def test_a_price_drop_on_a_crowd_platforms_tasks_is_a_pay_cut() -> None:
    d = rules("Clickworker audio HITs got another price cut overnight", source="reddit")
    assert d.is_signal and d.event_type == "pay_cut"
    assert not rules("Ordered a blender after the price drop", source="reddit").is_signal


def test_a_shop_price_cut_beside_a_platform_name_is_not_a_signal() -> None:
    assert not score("The new price cut on the Pixel, Toloka money well spent").is_signal


def test_a_cut_of_a_big_slice_of_the_workers_is_a_layoff() -> None:
    d = rules("Appen dropped a big slice of its contract linguists this week")
    assert d.is_signal and d.event_type == "layoff"
    assert not rules("We dropped a big slice of the backlog on Monday", source="reddit").is_signal


def test_a_coach_cutting_part_of_the_team_is_not_a_layoff() -> None:
    r = run_rules("Coach cut a large part of the team before the cup run")
    assert r.lead is None or r.lead.cue != "layoff.cut_chunk_of"
    assert not score("Coach cut a large part of the team before the cup run").is_signal


def test_a_rate_adjusted_to_a_lower_figure_in_a_notice_is_a_pay_cut() -> None:
    d = rules("Rate notice",
              "From May 3, compensation on the Birch audio program at Lionbridge is being "
              "adjusted to $9/hr. The change covers every rater on Birch.")
    assert d.is_signal and d.event_type == "pay_cut"
    raised = rules("Rate notice", "Your Lionbridge rate will be adjusted to $15, up from $12.")
    assert raised.event_type != "pay_cut"


def test_a_salary_adjusted_to_a_yearly_figure_is_not_a_pay_cut() -> None:
    r = run_rules("Good news at work", "My salary will be adjusted to $60,000 next year.")
    assert r.lead is None or r.lead.cue != "pay_cut.rate_adjusted_to"
    assert not score("Good news at work", "My salary will be adjusted to $60,000 next year.",
                     subreddit="personalfinance").is_signal


def test_a_rate_going_up_by_an_hourly_step_is_a_raise() -> None:
    r = run_rules("Brindlemoor rating on Lionbridge jumped up 75 cents an hour",
                  "The newsletter went to all Brindlemoor raters.", subreddit="Lionbridge")
    assert r.lead is not None and r.lead.event_type == "pay_raise"


def test_parking_going_up_by_the_hour_is_not_a_raise() -> None:
    r = run_rules("ugh", "Parking went up $5 per hour downtown.")
    assert r.lead is None or r.lead.cue != "pay_raise.up_by_hourly"
    assert not score("ugh", "Parking went up $5 per hour downtown.").is_signal


def test_a_customer_pulling_its_work_from_a_vendor_is_a_client_loss() -> None:
    d = rules("TELUS stock slides as a client pulls its translation budget")
    assert d.is_signal and d.event_type == "client_loss"
    assert not rules("TELUS customer pulled a muscle at work").is_signal


def test_a_freelancers_own_client_pulling_a_project_is_no_client_loss() -> None:
    r = run_rules("Client pulled the whole project after the first draft", subreddit="freelance")
    assert r.lead is None or r.lead.cue != "client_loss.customer_pulls_work"


def test_a_largest_client_scaling_back_is_a_client_loss() -> None:
    r = run_rules("That explains the dead queue",
                  "A report says Scale AI's largest client has been scaling back since spring.",
                  subreddit="outlier_ai")
    assert r.lead is not None and r.lead.event_type == "client_loss"


def test_the_others_asked_all_at_zero_is_an_empty_board() -> None:
    r = run_rules("Is anyone on Outlier seeing tasks today?",
                  "Mine went from a dozen tasks to nothing. I polled my study group on Outlier "
                  "and all of them sit at 0 projects.", subreddit="outlier_ai")
    assert r.lead is not None and r.lead.event_type == "project_pause"


def test_devices_all_at_zero_battery_are_not_an_empty_board() -> None:
    assert not score("Checked my kids' tablets, they're all at zero battery").is_signal


def test_a_site_closing_with_a_cut_told_after_a_comma_is_not_a_break() -> None:
    r = run_rules("Lionbridge shuts its Cebu hub, 140 rater jobs lost during the holidays",
                  source="feed", feed="reuters")
    assert "restructuring.office" in r.cues
    r = run_rules("Lionbridge shuts its Cebu hub for the new year break", source="feed",
                  feed="reuters")
    assert "restructuring.office" not in r.cues
