"""The event a post leads with when another is told only as its setting or cause, and
the platforms such a post names, as the rules alone decide them."""

from __future__ import annotations

import pytest

from tests.bot.scoring._posts import rules


@pytest.mark.parametrize(("title", "body", "kind"), [
    ("Scale AI trims costs after losing a key mapping client, freezes Remotasks sign-ups",
     "New applicants in three countries are told to check back later, the memo said.",
     "hiring_freeze"),
    ("When a robotics client walked away, 600 Remotasks taskers lost their work overnight",
     "Workers on the project said the queue closed on Monday.", "layoff"),
    ("Remotasks ends work for 500 contract raters",
     "Remotasks has told 500 raters working for a search client that their engagements will "
     "end this month, people familiar with the matter said.", "layoff"),
    ("Invisible Technologies: a lab walked away, and Nairobi contractors paid the price",
     "About 300 contractors who trained a lab's chatbot through Invisible Technologies were "
     "told this week their work ends on Friday, three of them said.", "layoff"),
    ("Turing restructures around agent services, trims headcount",
     "The company did not say how many roles were affected.", "restructuring"),
    ("Turing restructures, lays off 150 employees",
     "The company said the changes were final.", "layoff"),
])
def test_the_main_clause_leads_over_its_setting(title: str, body: str, kind: str) -> None:
    d = rules(title, body)
    assert d.is_signal and d.event_type == kind


@pytest.mark.parametrize(("title", "body"), [
    ("Fwd: the removal email everyone on the Falcon project got",
     "From: Remotasks Support. Following the end of our engagement with a mapping customer, "
     "the Falcon project has ended. Your access has been removed. About 700 of us got it."),
    ("Everyone in my rater market just got the 'engagement ending' email",
     "TELUS Digital says the search rating programme will end on 30 June. We were 400."),
])
def test_a_notice_everyone_got_is_a_layoff(title: str, body: str) -> None:
    d = rules(title, body, source="reddit")
    assert d.is_signal and d.event_type == "layoff"


def test_a_team_dissolved_told_after_this_week_is_not_a_roundup() -> None:
    d = rules("Vendor note: our iMerit radiology annotation team was dissolved",
              "Got the call this week: the whole radiology pod in Chennai is being wound down "
              "(about 200 people).", source="reddit")
    assert d.is_signal and d.event_type == "layoff"


def test_a_title_that_tells_news_then_asks_what_next_keeps_its_news() -> None:
    d = rules("Labelbox is shutting down its managed labelling workforce - what are people "
              "switching to?",
              "We got the customer email today; the whole service closes in March.",
              source="reddit")
    assert d.is_signal and d.event_type == "shutdown"


@pytest.mark.parametrize(("title", "body", "platforms"), [
    ("Playment cuts payouts for its community annotators by 30%",
     "Playment, the data-labelling startup bought by TELUS International, cut per-task rates "
     "for its crowd workforce, according to a notice seen by workers.", ("other",)),
    ("Surge AI is hiring 800 writers and linguists",
     "Surge AI is recruiting 800 writers and domain specialists this quarter. It pays workers "
     "hourly through its DataAnnotation platform.", ("dataannotation", "surge_ai")),
])
def test_platforms_of_a_brand_and_its_parent(title: str, body: str,
                                             platforms: tuple[str, ...]) -> None:
    d = rules(title, body)
    assert d.is_signal and d.platforms == platforms
