"""The scorer's shortcuts only skip work: undone, every post matches the same.

The cue filter derived from the templates, the digit-guided amount search and
the quote test are each checked against the plain way of doing the same thing
over every labelled post we have.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bot.scoring import magnitude
from bot.scoring.cli import read_jsonl_post
from bot.scoring.cuetable import load_table
from bot.scoring.narrowing import Finder
from bot.scoring.prefilter import Prefilter, alternatives_of, clauses_of
from bot.scoring.text import PostText, normalise, prepare

DATA = Path(__file__).resolve().parents[2] / "data" / "scoring"


def _texts() -> list[PostText]:
    texts = []
    for path in sorted(DATA.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                p = read_jsonl_post(json.loads(line))
                texts.append(prepare(p.title, p.body))
    return texts


@pytest.fixture(scope="module")
def texts() -> list[PostText]:
    return _texts()


def _spans(regex: Finder, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in regex.finditer(text)]


def test_the_cue_filter_never_hides_a_match(texts: list[PostText]) -> None:
    """Every cue that matches a post is among those the filter opens for it."""
    table = load_table()
    rows = [*table.events, *table.reports]
    prefilter = Prefilter([c.source for c in rows])
    examples = [normalise(e, "").lower for c in table.rows for e in c.match]
    for lower in [t.lower for t in texts] + examples:
        opened = set(prefilter.open(lower))
        for index, cue in enumerate(rows):
            if cue.regex.search(lower):
                assert index in opened, (cue.id, lower[:80])


def test_the_cue_filter_sees_every_string_a_text_holds() -> None:
    """Strings that lie inside a longer one found at the same place count too."""
    table = load_table()
    prefilter = Prefilter([c.source for c in (*table.events, *table.reports)])
    examples = [normalise(e, "").lower for c in table.rows for e in (*c.match, *c.no_match)]
    for lower in [*examples, " ".join(examples), " ".join(prefilter.literals)]:
        assert prefilter.present(lower) == {s for s in prefilter.literals if s in lower}


def test_the_cue_filter_skips_most_cues_on_everyday_posts() -> None:
    """It is worth having: a chatty post opens only a few of the event cues."""
    table = load_table()
    prefilter = Prefilter([c.source for c in table.events])
    rows = [json.loads(line) for line in (DATA / "everyday.jsonl").read_text().splitlines()]
    opened = [len(prefilter.open(normalise(r["title"], r["body"]).lower)) for r in rows]
    assert sum(opened) / len(opened) < len(table.events) / 5


@pytest.mark.parametrize(("pattern", "texts"), [
    (r"\blay(?:s|ing)? off\b", ["scale lays off 200", "laying off", "lay off"]),
    (r"(?:pay|rates?)[^.]{0,20}(?:cut|lowered)", ["pay was cut", "rates lowered"]),
    (r"\+\d+% (?:bonus|extra)", ["+20% bonus"]),
    (r"\b(?:we|they) (?:are|were) (?:released|let go)\b", ["they were let go"]),
])
def test_clauses_hold_for_what_a_pattern_matches(pattern: str, texts: list[str]) -> None:
    clauses = clauses_of(pattern)
    assert clauses
    for text in texts:
        assert re.search(pattern, text)
        assert all(any(s in text for s in clause) for clause in clauses)


@pytest.mark.parametrize(("pattern", "texts"), [
    (r"\b(?:no|zero) new tasks\b|\bjk\b|\bmy queue is (?:empty|dry)\b",
     ["zero new tasks", "jk", "my queue is dry"]),
    (r"(\bpay (?:was )?cut|(rates?) lowered)", ["pay was cut", "rate lowered"]),
])
def test_each_alternative_holds_for_what_it_matches(pattern: str, texts: list[str]) -> None:
    """A pattern's alternatives are tested apart: every match satisfies all the clauses of
    one of them, and a text with the strings of none is skipped."""
    alternatives = alternatives_of(pattern)
    assert len(alternatives) > 1
    for text in texts:
        assert re.search(pattern, text)
        assert any(all(any(s in text for s in clause) for clause in alt) for alt in alternatives)
    assert not Prefilter([pattern]).open("no tasks, my pay was fine")


@pytest.mark.parametrize("text", [
    "from $20/hr to $15/hr", "pay is now $18 an hour, down from $22", "from  us$ 20 to 15",
    "we were paid 20 dollars, now 15 dollars", "a" * 300 + " $5 to $6 " + "b" * 200,
    "1,000 to 2,000 usd", "it went 12.50 -> 10 /hr", "$20\n\n\n\n to $10",
    "the $40 coding rate is now $35", "$20 projects are now only $17/hr",
])
def test_amount_search_finds_what_a_full_scan_finds(text: str) -> None:
    for pattern in (magnitude._FROM_TO, magnitude._NOW_WAS, magnitude._WAS_NOW, magnitude._SINGLE,
                    magnitude._HEADCOUNT):
        assert [m.span() for m in magnitude._near_digits(pattern, text)] == \
            _spans(pattern, text)


def test_pair_prefilter_never_hides_a_pair(texts: list[PostText]) -> None:
    for text in texts:
        lower = magnitude.fold(text.original).lower()
        full = [m.span() for p in (magnitude._FROM_TO, magnitude._NOW_WAS, magnitude._WAS_NOW)
                for m in p.finditer(lower)]
        if full:
            assert magnitude._could_pair(lower), text.original[:80]


def _loose_apostrophe(text: str) -> bool:
    return any(c == "'" and not (0 < i < len(text) - 1 and text[i - 1].isalnum()
                                 and text[i + 1].isalnum()) for i, c in enumerate(text))


@pytest.mark.parametrize("text", ["isn't", "'quoted'", "x'", "'x", "a'b", "½'x", "é'é", "a_'b",
                                  "'", "''", "don't stop 'now'", "a' b", "no quotes"])
def test_wrapping_quote_test_agrees_with_letters_and_digits(text: str) -> None:
    from bot.scoring.text import _has_wrapping_quote
    assert _has_wrapping_quote(text) == _loose_apostrophe(text)


def test_decisions_are_the_same_without_the_filter(texts: list[PostText]) -> None:
    from bot.scoring.events import EventFinder
    from bot.scoring.text import Normalised

    finder = EventFinder(load_table())
    for text in texts:
        norm = Normalised(text.original, text.lower, text.title_end)
        fast, slow = finder.find(norm), finder.find(norm, use_prefilter=False)
        assert [(c.id, m.span()) for c, m in fast[1]] == [(c.id, m.span()) for c, m in slow[1]]
        assert {c.id for c in slow[2] if c.regex.search(text.lower)} <= {c.id for c in fast[2]}


def test_the_context_filter_never_hides_a_context_cue(texts: list[PostText]) -> None:
    """A context cue cut to the rows whose strings a post has finds all it finds whole."""
    from bot.platforms import PlatformRegistry
    from bot.scoring.rules import Rules

    rules = Rules(load_table(), PlatformRegistry())
    for text in texts:
        view = rules.context_for(text.lower)
        for name, regex in rules.ctx.items():
            if regex.search(text.lower):
                assert _spans(view[name], text.lower) == _spans(regex, text.lower), name
            else:
                assert view[name].search(text.lower) is None, name
