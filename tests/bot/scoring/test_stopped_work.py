"""News told by what is missing or by bare figures: work stopped for many, a pay pair with
no sign, the intake shut, a platform leaving countries. The rules alone read these (the
model is left out so a rule is what these tests check)."""

from __future__ import annotations

from functools import lru_cache

import pytest

from bot.platforms import PlatformRegistry
from bot.scoring.cuetable import load_table
from bot.scoring.rules import RuleResult, Rules
from tests.bot.scoring._posts import post, score


@lru_cache(maxsize=1)
def _rules() -> Rules:
    return Rules(load_table(), PlatformRegistry())


def _run(title: str, body: str = "", subreddit: str | None = "outlier_ai",
         source: str = "reddit", feed: str | None = None) -> RuleResult:
    return _rules().run(post(title, body, subreddit, source, feed))


@pytest.mark.parametrize(("title", "body"), [
    ("UHRS is a ghost town", "The image hitapps got paused friday for everyone, support says "
                             "the requester pulled them."),
    ("Outlier has been dry for basically everyone since Monday", "Our discord is full of it."),
    ("no tasks in the queue for any of the Spanish raters since 9am", "English pools still full."),
])
def test_work_stopped_for_many_is_a_pause(title: str, body: str) -> None:
    r = _run(title, body)
    assert r.lead is not None and r.lead.event_type == "project_pause", r.reasons
    assert r.score >= 50.0, r.reasons


def test_press_note_that_a_group_has_had_no_work_is_a_pause() -> None:
    r = _run("Slow week", "Appen's Dutch search raters have had no work since Tuesday; the "
             "vendor gives no restart date.", subreddit=None, source="feed",
             feed="Newsletter: Crowd Notes")
    assert r.lead is not None and r.lead.event_type == "project_pause", r.reasons
    assert r.score >= 50.0, r.reasons


def test_one_persons_empty_queue_is_still_not_everyones() -> None:
    r = _run("is the site dry for everyone or just me?", "my dashboard has been empty since "
             "friday")
    assert r.score < 50.0, r.reasons


@pytest.mark.parametrize(("title", "body"), [
    ("UHRS judging hitapp 14c -> 10c", "everyone on the judging apps got the same new rates"),
    ("Appen search was 15 now 12.50", "the rate email went to the whole US team"),
])
def test_a_bare_pay_pair_for_many_is_a_pay_cut(title: str, body: str) -> None:
    r = _run(title, body, subreddit="WorkOnline")
    assert r.lead is not None and r.lead.event_type == "pay_cut", r.reasons
    assert r.score >= 50.0, r.reasons


@pytest.mark.parametrize(("title", "body"), [
    ("Prolific has shut the door on new participants", "The help page says so, and a dozen "
                                                       "people in the discord confirm it."),
    ("Outlier stopped letting in new Dutch writers", "Everyone who applied this week got the "
                                                     "same 'we'll be in touch' page."),
])
def test_the_intake_shut_in_other_words_is_a_freeze(title: str, body: str) -> None:
    r = _run(title, body, subreddit="WorkOnline")
    assert r.lead is not None and r.lead.event_type == "hiring_freeze", r.reasons


@pytest.mark.parametrize("title", [
    "Remotasks exits three Central American markets for its tasking work - Reuters",
    "Toloka will stop offering tasks to performers in Peru from May - Rest of World",
])
def test_a_platform_leaving_countries_is_a_shutdown(title: str) -> None:
    r = _run(title, "", subreddit=None, source="feed", feed="Google News: platforms")
    assert r.lead is not None and r.lead.event_type == "shutdown", r.reasons


def test_a_project_frozen_is_a_pause() -> None:
    r = _run("Outlier froze one of its largest audio projects on Friday",
             "Everyone on the roster got the same note.", subreddit="WorkOnline")
    assert r.lead is not None and r.lead.event_type == "project_pause", r.reasons


@pytest.mark.parametrize(("title", "body"), [
    ("UHRS: alle Aufgaben pausiert", "Seit Montag ist bei allen Kollegen die Liste komplett leer."),
    ("Appen: sem tarefas para todo mundo", "Desde ontem a fila está vazia para todos no Brasil."),
])
def test_a_pause_in_german_or_portuguese_is_a_pause(title: str, body: str) -> None:
    r = _run(title, body, subreddit="WorkOnline")
    assert r.lead is not None and r.lead.event_type == "project_pause", r.reasons


@pytest.mark.parametrize(("title", "body"), [
    ("The discord has been empty for everyone since the update", "mods are on vacation"),
    ("Giveaway: 100 spots for our beta app", "sign up below"),
    ("our engagement will end in a wedding lol", "off topic but happy"),
    ("They shut the door on new members of the study group", "oh well"),
    ("Tutorial: the update froze my screen on the project page", "fix inside"),
    ("people have no work-life balance here lol", "rant"),
    ("Outlier mock exam: 12 seats left for Saturday", "study group"),
])
def test_the_same_words_about_something_else_are_no_event(title: str, body: str) -> None:
    r = _run(title, body)
    assert r.lead is None or r.score < 50.0, r.reasons


@pytest.mark.parametrize(("title", "body"), [
    ("Party thread: the customer will cut the cake at 5", "bring snacks"),
    ("Onboarding tip: the client would end the call if you were late", "be on time"),
])
def test_a_customer_cutting_something_else_is_no_client_loss(title: str, body: str) -> None:
    assert not score(title, body, subreddit="outlier_ai").is_signal
