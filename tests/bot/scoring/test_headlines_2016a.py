"""Press headline shapes the rules set aside: the news told as the workers' reaction, a
passive count with no auxiliary, a recruiter's hunt sized in people, a premium ended, a
move away from generalists, roles dropped, earnings said to have fallen, sign-ups
"frozen", workers left without work (a layoff); a listicle about one platform's named move; a
platform of 2016 stories named under `other`."""

from __future__ import annotations

from tests.bot.scoring._posts import rules


def _signal(title: str, kind: str) -> None:
    d = rules(title)
    assert d.is_signal and d.event_type == kind, (title, d.event_type, d.score)


def test_the_workers_reaction_carries_the_cut_it_follows() -> None:
    _signal("Outlier taskers reel after mass offboarding - The Desk", "layoff")
    _signal("Remotasks annotators describe the vendor's cuts - Wire", "layoff")
    assert not rules("Outlier taskers reel after a long week of tasks - The Desk").is_signal


def test_a_count_let_go_without_an_auxiliary_is_a_layoff() -> None:
    _signal("Hundreds of Outlier tutors let go with a day's notice - Daily Wire", "layoff")
    assert not rules("Outlier tutors let go of old habits - Daily Wire").is_signal


def test_a_hunt_for_hundreds_of_people_is_a_drive() -> None:
    _signal("Mercor hunts for hundreds of pharmacists to grade AI answers - Wire",
            "hiring_expansion")
    assert not rules("Mercor hunts for new clients - Wire").is_signal


def test_an_ended_pay_premium_is_a_pay_cut() -> None:
    _signal("xAI ends weekend pay premium for its tutors - The Desk", "pay_cut")
    assert not rules("Mercor ends the premium plan for customers - The Desk").is_signal


def test_moving_away_from_generalists_is_a_tier_shift() -> None:
    _signal("Outlier moves away from generalist raters - Wire", "tier_shift")


def test_dropped_roles_are_a_layoff() -> None:
    _signal("Contractors wait as Outlier drops generalist rater roles - Wire", "layoff")


def test_workers_saying_their_earnings_fell_is_a_pay_cut() -> None:
    _signal("Toloka workers say their earnings have fallen by a third - Wire", "pay_cut")
    assert not rules("Analysts say Appen earnings fell last quarter - Wire").is_signal


def test_sign_ups_frozen_in_the_perfect_tense() -> None:
    _signal("Prolific has frozen sign-ups outside Europe - Wire", "hiring_freeze")


def test_workers_left_without_work_have_lost_it() -> None:
    _signal("Appen raters left without work - Wire", "layoff")
    assert not rules("Appen raters left without pay after the platform switch - Wire").is_signal


def test_things_to_know_about_a_named_move_still_reads_the_move() -> None:
    _signal("6 things to know about Appen's Cebu hiring spree - Wire", "hiring_expansion")
    assert not rules("6 reasons Appen lowers rater rates in winter - Wire").is_signal


def test_crowdflower_is_named_as_other() -> None:
    d = rules("CrowdFlower cuts contributor pay by 30% - Wire")
    assert d.is_signal and d.platforms == ("other",)


def test_a_capitalised_brand_before_its_workers_names_the_brand() -> None:
    d = rules("Outlier workers lose their projects as the client leaves - Wire")
    assert d.is_signal and "outlier" in d.platforms
    other = rules("Surge workers lose their projects as the client leaves")
    assert "surge_ai" not in other.platforms


def test_an_extra_ended_for_everyone_is_still_a_pay_cut() -> None:
    _signal("Outlier just killed the weekend differential for all raters - Wire", "pay_cut")
