"""Named projects and figures: what ties reports together."""

from __future__ import annotations

from bot.events.names import NameFinder, find_figures

FINDER = NameFinder(["outlier", "scale", "ai", "mercor", "micro1", "invisible"])


def test_a_name_beside_a_project_word_is_strong() -> None:
    names = FINDER.find("Outlier Pauses Genesis Project", "The Genesis project is paused.")
    assert names.strong == {"genesis"}
    assert FINDER.find("Project Aether ends", "").strong == {"aether"}
    assert FINDER.find("anyone else's Kestrel queue empty?", "").strong == {"kestrel"}


def test_title_case_words_are_not_projects() -> None:
    names = FINDER.find("Outlier Cuts Rates On All Writing Projects", "New Project rates too.")
    assert names.strong == frozenset() and names.weak == frozenset()


def test_a_rare_capitalised_word_is_a_weak_name() -> None:
    names = FINDER.find("Kestrel done?? dashboard empty", "")
    assert names.weak == {"kestrel"} and not names.strong


def test_platforms_companies_and_months_are_not_names() -> None:
    names = FINDER.find("Mercor and Google in March", "Outlier, Meta, OpenAI, Monday")
    assert names.all == frozenset()


def test_figures() -> None:
    f = find_figures("Invisible lays off 900 contractors in Texas; 1,200 staff, 14% of its "
                     "workforce. Rates went from $24 to $18/hr. Founded in 2015 people")
    assert f.heads == (900, 1200)
    assert f.percents == (14.0,)
    assert f.money == (18.0, 24.0)


def test_spelled_out_fractions_are_percents() -> None:
    assert find_figures("Turing to cut a tenth of its staff").percents == (10.0,)
    assert find_figures("about half of the team is gone").percents == (50.0,)


def test_no_figures() -> None:
    f = find_figures("Outlier paused everything today")
    assert (f.heads, f.percents, f.money) == ((), (), ())


def test_a_pay_change_keeps_its_ratio() -> None:
    assert find_figures("rates go from $14 to $12.50").ratio == 0.893
    assert find_figures("$18 CAD to $16").ratio == 0.889
    assert find_figures("only $15 now").ratio is None
    assert find_figures("$10, $12 or $15 depending on tier").ratio is None


def test_an_ordinary_word_with_a_regular_ending_is_not_a_name() -> None:
    """Opening a sentence, "Estimates" or "Pasting" is capitalised like a name; the word it
    comes from is ordinary English."""
    names = FINDER.find("Outlier dropped its language pods. Estimates run from 200 to 400.",
                        "Pasting the email. Recruiters are quiet. Kestrel is gone.")
    assert names.all == {"kestrel"}
    # a word that only looks derived ("Texter", German for copywriters) keeps its own sense
    assert FINDER.find("Clickworker startet Rekrutierungswelle für Texter", "").weak >= {
        "texter"}


def test_a_count_written_with_a_separator_is_not_a_year() -> None:
    assert find_figures("roughly 2,000 contractors got the email").heads == (2000,)
    assert find_figures("we estimate 2,000-2,500 contributors").heads == (2000, 2250, 2500)
    assert find_figures("2015 people joined before 2020 workers left").heads == ()


def test_ordinary_words_opening_notices_and_statements_are_not_names() -> None:
    """Company notes, court summaries and Q&A posts open sentences with ordinary words."""
    names = FINDER.find("Clarification on contributor pay", "Summary: 40 roles. Severance "
                        "is two weeks. Restructure plans follow. Bootstrapped since 2019.")
    assert names.all == frozenset()


def test_sums_in_millions_are_no_amounts_nor_are_their_leading_digits() -> None:
    """Financial press gives revenue and rounds in millions: "$300 million" is not a $30
    rate that would set a raise of coders' pay apart from a $40 to $45 one."""
    figures = find_figures("Surge expects $300 million in revenue, up from under $100 million; "
                           "it raised $95 million at a $1.4 billion valuation. Coders now "
                           "get $45/hr, was $40.")
    assert figures.money == (40.0, 45.0)


def test_words_of_a_pandemic_are_not_names() -> None:
    """"Lockdown gig: ..." and "Covid cuts" lead headlines of a season's news at every
    platform: a capitalised "Lockdown" is no project another report lacks."""
    names = FINDER.find("Lockdown gig: Outlier recruiting thousands of voice speakers",
                        "Pandemic demand. Covid and Coronavirus news. Lockdowns continue.")
    assert names.all == frozenset()


def test_contracts_of_raters_are_a_headcount_and_a_platforms_contracts_are_not() -> None:
    """"the roughly 80 rater contracts ended" counts the 80 let go, as "80 raters" would;
    "loses 3 contracts" counts clients."""
    assert find_figures("the roughly 80 rater contracts ended in the city").heads == (80,)
    assert find_figures("some 250 annotator contracts will not be renewed").heads == (250,)
    assert find_figures("the vendor loses 3 contracts this quarter").heads == ()
