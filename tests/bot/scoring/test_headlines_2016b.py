"""Press headlines that tell the news through what it did to the workers (left without
work, losing their hours, still hunting for work weeks on) or through the platform's act in
the press's own verbs; and CrowdFlower, a marketplace outside the canonical list."""

from __future__ import annotations

import pytest

from tests.bot.scoring._posts import rules


@pytest.mark.parametrize(("title", "kind", "platforms"), [
    ("'Nobody warned us': Appen search evaluators left without work", "layoff", ("appen",)),
    ("Remotasks taskers in Manila lose their income as the app closes", "layoff", ("remotasks",)),
    ("'It just stopped': Appen raters lose most of their weekly hours", "project_pause",
     ("appen",)),
    ("A month on, former Outlier writers still searching for new work", "layoff", ("outlier",)),
    ("CrowdFlower pulls the plug on its partner channels", "layoff", ("other",)),
    ("Sama opens Gulu delivery centre with 200 new annotation jobs", "hiring_expansion",
     ("sama",)),
    ("250 image tagging jobs headed to Lira as Sama expands", "hiring_expansion", ("sama",)),
    ("Mercor is hunting for hundreds of cardiologists to grade model answers",
     "hiring_expansion", ("mercor",)),
])
def test_the_news_told_as_what_it_did_to_the_workers(title: str, kind: str,
                                                     platforms: tuple[str, ...]) -> None:
    d = rules(title)
    assert d.is_signal and d.event_type == kind and d.platforms == platforms


@pytest.mark.parametrize("title", [
    "CrowdFlower raises $10 million for its crowd labelling marketplace",
    "Former Appen engineers launch an annotation start-up",
    "Sama opens a new office with 3 meeting rooms",
    "Mercor is hunting for a new office in Austin",
])
def test_funding_launches_and_offices_stay_quiet(title: str) -> None:
    assert not rules(title).is_signal


@pytest.mark.parametrize(("title", "body", "kind", "platforms"), [
    ("PSA: Prolific isn't accepting new participants right now",
     "Tried to sign up a friend and the page sends her to a waitlist.", "hiring_freeze",
     ("prolific",)),
    ("Mercor folks, anyone else?",
     "Offboarded from the Falcon project on Mercor with around 300 others today, and the "
     "Slack channel was archived before the shift ended.", "layoff", ("mercor",)),
    ("Outlier writers say the new rates leave them worse off", "", "pay_cut", ("outlier",)),
])
def test_posts_the_rules_set_aside(title: str, body: str, kind: str,
                                   platforms: tuple[str, ...]) -> None:
    d = rules(title, body, source="reddit" if body else "feed")
    assert d.is_signal and d.event_type == kind and d.platforms == platforms


def test_a_community_chat_closing_is_still_another_sense() -> None:
    assert not rules("Our Outlier Discord server is shutting down",
                     "The mods are moving on, thanks everyone.", source="reddit").is_signal


def test_toloka_named_only_as_yandex_s_crowdsourcing_platform() -> None:
    d = rules("Yandex's crowd work service lowers task rewards for its workers")
    assert d.is_signal and d.platforms == ("toloka",)
    assert "toloka" not in rules("Yandex lays off 200 search engineers").platforms


@pytest.mark.parametrize("title", [
    "xAI swaps generalist raters for domain experts on Grok",
    "Grok tutors out as xAI moves away from generalist work",
])
def test_generalists_dropped_for_specialists_is_a_tier_shift(title: str) -> None:
    d = rules(title)
    assert d.is_signal and d.event_type == "tier_shift"


def test_a_platform_opened_to_english_speakers_is_a_hiring_drive() -> None:
    d = rules("Toloka opens its task app to English-speaking contributors around the world")
    assert d.is_signal and d.event_type == "hiring_expansion"


def test_things_to_know_about_one_event_is_news_of_it_but_tips_stay_a_listicle() -> None:
    d = rules("5 things to know as Remotasks opens its app to English speakers")
    assert d.is_signal and d.event_type == "hiring_expansion"
    assert not rules("7 tips as Remotasks opens its app to English speakers").is_signal


@pytest.mark.parametrize(("title", "kind"), [
    ("Remotasks annotators reel after sudden mass deactivation", "layoff"),
    ("Outlier tutors scramble as cuts hit the writing pool", "layoff"),
    ("Raters scramble as the search client drops its work at Appen", "client_loss"),
    ("Prolific has quietly frozen new registrations in Canada", "hiring_freeze"),
    ("Around 200 Outlier writers let go on a Friday night", "layoff"),
])
def test_passive_perfect_and_reaction_headlines(title: str, kind: str) -> None:
    d = rules(title)
    assert d.is_signal and d.event_type == kind


def test_a_reaction_to_something_other_than_a_cut_stays_quiet() -> None:
    assert not rules("Outlier contractors scramble as the tax deadline nears").is_signal
