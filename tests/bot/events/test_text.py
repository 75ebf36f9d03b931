"""Normalised text, copies and canonical links."""

from __future__ import annotations

import pytest

from bot.events.text import canonical_link, fingerprint, key_terms, split_outlet, stem


def test_google_news_titles_lose_their_outlet() -> None:
    assert split_outlet("Scale AI Cuts 14% of Staff After Meta Deal - Bloomberg") == (
        "Scale AI Cuts 14% of Staff After Meta Deal", "Bloomberg")
    assert split_outlet("Turing to cut a tenth of its staff | The Verge") == (
        "Turing to cut a tenth of its staff", "The Verge")


def test_an_outlet_named_twice_goes_twice() -> None:
    # the feed adds the outlet's name to a headline that already ends with it
    assert split_outlet("Mercor tutor rates: the full story - Gig Ledger - Gig Ledger") == (
        "Mercor tutor rates: the full story", "Gig Ledger")
    # another outlet's name before the last stays: it may be the headline's own words
    assert split_outlet("Mercor tutor rates - what changed - Gig Ledger") == (
        "Mercor tutor rates - what changed", "Gig Ledger")


@pytest.mark.parametrize("title", [
    "Outlier - is it dying?",            # too short a headline before the dash
    "Rates dropped - again, and this time for everyone on every project I have",  # long tail
    "Outlier cut pay",
])
def test_other_dashes_are_not_outlets(title: str) -> None:
    assert split_outlet(title) == (title, None)


def test_stems_meet() -> None:
    assert stem("pauses") == stem("paused") == stem("pausing") == stem("pause")
    assert stem("layoffs") == stem("layoff")
    assert stem("cutting") == stem("cut")


def test_a_syndicated_copy_has_the_original_fingerprint() -> None:
    original = fingerprint("Google plans to wind down data-labeling work with Scale AI", "body")
    title, _ = split_outlet("Google plans to wind down data-labeling work with Scale AI - Reuters")
    assert fingerprint(title, "Google plans ... Reuters") == original
    assert fingerprint("Google plans to wind down work with Scale AI", "body") != original


def test_short_titles_take_the_body_into_the_fingerprint() -> None:
    assert fingerprint("Layoffs today", "At Scale.") != fingerprint("Layoffs today", "At Mercor.")


@pytest.mark.parametrize(("a", "b"), [
    ("https://www.example.com/news/story/?utm_source=rss&utm_medium=feed",
     "http://example.com/news/story"),
    ("https://m.example.com/a?id=7&fbclid=xyz&ref=home", "https://example.com/a?id=7"),
    ("https://example.com/story/amp", "https://example.com/story#comments"),
    ("https://www.reddit.com/r/outlier_ai/comments/1abc23/some_title/",
     "https://old.reddit.com/comments/1abc23"),
    ("https://redd.it/1abc23", "https://reddit.com/r/other/comments/1abc23/x"),
])
def test_canonical_links_match_across_copies(a: str, b: str) -> None:
    assert canonical_link(a) == canonical_link(b) is not None


def test_different_pages_keep_different_links() -> None:
    assert canonical_link("https://example.com/a?id=7") != canonical_link(
        "https://example.com/a?id=8")
    assert canonical_link("not a link") is None
    assert canonical_link("ftp://example.com/x") is None
    assert canonical_link(None) is None


def test_key_terms_skip_platform_names_and_filler() -> None:
    terms = key_terms("Outlier pauses the Genesis project", "Everyone got the email today.",
                      exclude={"outlier"})
    assert "outlier" not in terms and "the" not in terms and "today" not in terms
    assert {stem("pauses"), "genesis", "project"} <= set(terms)
