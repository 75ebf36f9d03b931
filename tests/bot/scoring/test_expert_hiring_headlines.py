"""Press headlines about a platform turning to experts: hiring "stepped up", a new expert
or specialist pool launched, a bet on human experts, and recruiting told as a flood of offers;
and a list of countries dropped at once. Everyday uses of the same words ("stepped up our
team game", a feed flooded with offers for a premium tier) are not hiring."""

from __future__ import annotations

from tests.bot.scoring._posts import rules, score


def test_hiring_stepped_up_is_hiring() -> None:
    """Stepped-up recruiting names hiring itself as what grows."""
    d = rules("Mercor stepped up recruiting of chemists for lab contracts - Wired")
    assert d.is_signal and d.event_type == "hiring_expansion"
    assert not rules("Mercor stepped up after the outage, says its founder - Wired").is_signal


def test_stepping_up_a_team_game_is_not_hiring() -> None:
    """"Step up" without hiring as its object is everyday praise, not a hiring push."""
    assert not score("We stepped up our team game on Appen this week, 200 tasks each!"
                     ).is_signal


def test_a_new_expert_pool_or_a_bet_on_experts_is_hiring() -> None:
    """A launched specialist pool or a bet on domain experts means recruiting experts."""
    d = rules("Appen unveils a new specialist pool for medical AI work - TechCrunch")
    assert d.is_signal and d.event_type == "hiring_expansion"
    d = rules("Toloka doubles down on domain experts for model training - Sifted")
    assert d.is_signal and d.event_type == "hiring_expansion"
    assert not rules("Toloka moves into a new office in Amsterdam - Sifted").is_signal


def test_recruiting_told_as_a_flood_of_offers_is_hiring() -> None:
    """A flood of contract offers to a profession is recruiting at scale."""
    d = rules("Recruiters for Mercor flood chemistry students with contract offers, "
              "reports say - Wired")
    assert d.is_signal and d.event_type == "hiring_expansion"
    assert not rules("Mercor's forum is flooded with complaints about pay - Business Insider"
                     ).is_signal


def test_a_flood_of_offers_or_invites_not_for_work_is_not_hiring() -> None:
    """Offers for a product and invites to a webinar are marketing, not recruiting."""
    assert not score("Clickworker is flooding my feed with offers for its premium tier."
                     ).is_signal
    webinar = rules("My inbox is flooded with invites to Mercor's webinar", source="reddit")
    assert webinar.event_type != "hiring_expansion" and webinar.score < 20


def test_a_list_of_countries_dropped_at_once_is_a_shutdown() -> None:
    """Several countries dropped in one move is a platform pulling its service there."""
    d = rules("Clickworker dropped Ghana, Egypt and Peru overnight - Rest of World")
    assert d.is_signal and d.event_type == "shutdown"
    d = rules("Clickworker cut Ghana and Peru rates by a third - Rest of World")
    assert d.event_type != "shutdown"
