"""Press items, filings and relayed posts that tell an event in one clause: a recruitment
cohort, a customer ending its programme, a unit folded in, a savings drive, task pools closed."""

from __future__ import annotations

import pytest

from tests.bot.scoring._posts import _scorer, post, score


@pytest.mark.parametrize(("title", "body", "source", "feed", "subreddit", "kind"), [
    ("Surge AI recruits chemistry PhDs for model evaluation cohort - Inside Higher Ed",
     "", "feed", "google-news:surge ai", None, "hiring_expansion"),
    ("Summer option for nursing students?",
     "Saw a posting: Mercor is recruiting nursing students and new grads for a clinical "
     "annotation cohort, about 200 spots, remote. Has anyone done it?",
     "reddit", None, "nursing", "hiring_expansion"),
    ("Appen shares slide as a customer winds up an ads rating program - Market Index",
     "", "feed", "google-news:appen", None, "client_loss"),
    ("TELUS Digital folds its data divisions together in a cost-cutting drive",
     "", "feed", "google-news:telus digital", None, "restructuring"),
    # the pools workers draw tasks from, closed by language
    ("Toloka to close its Thai-language task pools, hundreds of taskers hit - Bangkok Tech",
     "", "feed", "google-news:toloka", None, "shutdown"),
])
def test_one_clause_press_news_is_a_signal(title: str, body: str, source: str,
                                           feed: str | None, subreddit: str | None,
                                           kind: str) -> None:
    d = score(title, body, source=source, feed=feed, subreddit=subreddit)
    assert d.is_signal and d.event_type == kind


@pytest.mark.parametrize(("title", "body"), [
    ("Recruiting grad students for my thesis survey on AI tools (Prolific)",
     "I'm recruiting graduate students for a 10 minute study on how they use LLMs."),
    ("How Mercor works",
     "The startup runs a marketplace: it recruits professionals to become AI trainers."),
])
def test_recruiting_for_a_study_or_a_description_is_not_a_signal(title: str,
                                                                 body: str) -> None:
    assert not score(title, body, subreddit="ProlificAc").is_signal


@pytest.mark.parametrize(("title", "body", "subreddit"), [
    ("Proyecto Colibrí en pausa para todos?",
     "En nuestro grupo nadie tiene tareas desde el lunes. El coordinador dice que el proyecto "
     "quedó en pausa hasta nuevo aviso para todos los taskers.", "outlier_ai"),
    ("Appen beendet Bewertungsprojekt - alle Rater betroffen",
     "Das Projekt Tannenweg wird Ende Mai eingestellt. Die Mail kam an alle im Projekt.",
     "de"),
])
def test_a_project_ended_for_everyone_told_in_another_language(title: str, body: str,
                                                               subreddit: str) -> None:
    d = score(title, body, subreddit=subreddit)
    assert d.is_signal and d.event_type == "project_pause"


def test_a_worker_post_naming_its_platform_only_in_the_title() -> None:
    """A body sentence of a worker's post is about the platform its title names; a press
    item's body sentence is not (it may be about any company the item names)."""
    title = "Heads up if you use Outlier for side cash"
    body = ("One of the bigger writing programs there (Kestrel) is closing at the end of May "
            "and everyone on it got notice yesterday.")
    d = score(title, body, subreddit="beermoney")
    assert d.is_signal and d.event_type == "shutdown" and d.platforms == ("outlier",)
    assert not score(title, body, source="feed", feed="some blog").is_signal


@pytest.mark.parametrize(("title", "body", "subreddit", "kind"), [
    ("The Clickworker hitapp I use just paid way less",
     "If you do UHRS for pocket money: the big spelling task dropped about a third in "
     "per-HIT pay, for every worker it seems.", "beermoney", "pay_cut"),
    ("Nice surprise for survey takers",
     "Prolific is upping the minimum hourly reward to £10 for everyone next month. Every "
     "study on the site has to meet it.", "beermoney", "pay_raise"),
    ("Our BPO cut the whole annotation team",
     "Outlier let go of thousands of Filipino AI data contractors this week, the whole "
     "review account is gone.", "phcareers", "layoff"),
])
def test_pay_shares_raises_and_whole_accounts_let_go(title: str, body: str, subreddit: str,
                                                    kind: str) -> None:
    d = score(title, body, subreddit=subreddit)
    assert d.is_signal and d.event_type == kind


_STORY = ("Nadia signed up in the spring. She liked the flexible hours. The work was "
          "steady for months. Her friends joined too. Then the channel went quiet. ")


@pytest.mark.parametrize(("news", "in_passing"), [
    ("Outlier ended the contracts of several hundred general writers that week, "
     "according to messages seen by the magazine.", False),
    ("Outlier ended the contracts of some writers that week, according to messages "
     "seen by the magazine.", True),
])
def test_long_form_news_paragraphs_down_with_a_platform_headcount(news: str,
                                                                  in_passing: bool) -> None:
    """A feature's deep mention counts less; not one naming a platform and hundreds hit."""
    result = _scorer().rules.run(post("The quiet end of a writing gig", _STORY + news,
                                      source="feed", feed="a magazine"))
    assert any("in body sentence" in r for r in result.reasons) is in_passing


def test_a_headline_opening_with_the_old_figure_does_not_ask() -> None:
    """"was 0.50/HIT now 0.35" is a before and after, not a question: nothing vetoes it."""
    d = score("was 0.50/HIT now 0.35",
              "the big audio tagging requester. same clips. everyone in the forum thread "
              "confirms it", subreddit="mturk")
    assert "asked" not in _scorer().rules.screened(
        post("was 0.50/HIT now 0.35", "same clips. everyone confirms it", "mturk"),
        _scorer().rules.run(post("was 0.50/HIT now 0.35", "same clips. everyone confirms it",
                                 "mturk"))).vetoes
    assert d.is_signal


def test_a_title_that_asks_does_not_lend_its_platform_to_the_body() -> None:
    """"Appen raters Telegram group is shutting down?": the body answers about the group."""
    assert not score("Appen raters Telegram group is shutting down?",
                     "Admins posted that the unofficial telegram group is shutting down because "
                     "of bots. Where is everyone moving to?", subreddit="Appen").is_signal


@pytest.mark.parametrize(("title", "body", "source", "feed", "subreddit", "kind"), [
    ("Appen sucht bis zu 900 Bewerterinnen und Bewerter für KI-Chatbots",
     "Der Anbieter sucht nach eigenen Angaben bis zu 900 deutschsprachige Bewerter. Über "
     "1.200 Plätze im ersten Schritt.", "feed", "heise", None, "hiring_expansion"),
    ("Prolific has shut the door on new participants (for now)",
     "Confirmed by support and by a dozen people in the sub: nobody can make a new account "
     "this month.", "reddit", None, "WorkOnline", "hiring_freeze"),
])
def test_hiring_told_in_another_language_and_a_door_shut_on_new_workers(
        title: str, body: str, source: str, feed: str | None, subreddit: str | None,
        kind: str) -> None:
    d = score(title, body, source=source, feed=feed, subreddit=subreddit)
    lead = _scorer().rules.run(post(title, body, subreddit, source, feed)).lead
    assert d.is_signal and d.event_type == kind
    assert lead is not None and lead.event_type == kind


@pytest.mark.parametrize("title", [
    "Second wave of Toloka onboarding, Manila side",
    "Mercor medical reviewer program: first wave got offers today",
])
def test_hiring_told_as_a_wave_or_cohort_opening(title: str) -> None:
    lead = _scorer().rules.run(post(title, "Check your inbox.", "WorkOnline")).lead
    assert lead is not None and lead.event_type == "hiring_expansion"
