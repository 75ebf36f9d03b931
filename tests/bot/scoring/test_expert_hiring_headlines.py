"""Press headlines about a platform turning to experts: hiring "stepped up", a new expert
or specialist pool launched, a bet on human experts, and recruiting told as a flood of offers;
and a list of countries dropped at once."""

from __future__ import annotations

from tests.bot.scoring._posts import rules


def test_hiring_stepped_up_is_hiring() -> None:
    d = rules("Mercor stepped up recruiting of chemists for lab contracts - Wired")
    assert d.is_signal and d.event_type == "hiring_expansion"
    assert not rules("Mercor stepped up after the outage, says its founder - Wired").is_signal


def test_a_new_expert_pool_or_a_bet_on_experts_is_hiring() -> None:
    d = rules("Appen unveils a new specialist pool for medical AI work - TechCrunch")
    assert d.is_signal and d.event_type == "hiring_expansion"
    d = rules("Toloka doubles down on domain experts for model training - Sifted")
    assert d.is_signal and d.event_type == "hiring_expansion"
    assert not rules("Toloka moves into a new office in Amsterdam - Sifted").is_signal


def test_recruiting_told_as_a_flood_of_offers_is_hiring() -> None:
    d = rules("Mercor is flooding LinkedIn with offers to chemists - Business Insider")
    assert d.is_signal and d.event_type == "hiring_expansion"
    assert not rules("Mercor's forum is flooded with complaints about pay - Business Insider"
                     ).is_signal


def test_a_list_of_countries_dropped_at_once_is_a_shutdown() -> None:
    d = rules("Clickworker dropped Ghana, Egypt and Peru overnight - Rest of World")
    assert d.is_signal and d.event_type == "shutdown"
    d = rules("Clickworker cut Ghana and Peru rates by a third - Rest of World")
    assert d.event_type != "shutdown"
