"""A pattern cut to the alternatives a text could match finds what the whole one finds."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from bot.scoring.cuetable import load_table
from bot.scoring.narrowing import Alternatives, Narrowing, split_alternatives

DATA = Path(__file__).resolve().parents[2] / "data" / "scoring"


@pytest.mark.parametrize(("source", "pieces"), [
    (r"a|b", ["a", "b"]),
    (r"\ba (?:x|y)|c", [r"\ba (?:x|y)", "c"]),
    (r"a\|b|c", [r"a\|b", "c"]),
    (r"[|]x|y", ["[|]x", "y"]),
    (r"[]|]x|y", ["[]|]x", "y"]),
    (r"[^]|]x|y", ["[^]|]x", "y"]),
    (r"[\]|]x|y", [r"[\]|]x", "y"]),
    (r"(?<!a|b)c|(?=d)e", ["(?<!a|b)c", "(?=d)e"]),
    (r"only", ["only"]),
    (r"a|", ["a", ""]),
])
def test_split_at_the_top_level_bars_only(source: str, pieces: list[str]) -> None:
    assert split_alternatives(source) == pieces
    assert "|".join(pieces) == source


def test_only_the_alternatives_a_text_could_match_run() -> None:
    whole = re.compile(r"\blaid off\b|\bpay cut\b|\bhiring freeze\b")
    narrowing = Narrowing([whole])
    assert narrowing.open("the pay cut hit")[0].pattern == r"\bpay cut\b"
    assert narrowing.open("nothing here") == {}
    text = "laid off after the pay cut"
    assert narrowing.open(text)[0].pattern == r"\blaid off\b|\bpay cut\b"
    assert [m.span() for m in narrowing.open(text)[0].finditer(text)] == \
        [m.span() for m in whole.finditer(text)]


def test_order_among_alternatives_is_kept() -> None:
    """At one place the first alternative that matches wins; dropping ones that match
    nowhere must not change which."""
    whole = re.compile(r"pay(?= cut)|zzz|pay cut")
    text = "pay cut"
    narrowed = Narrowing([whole]).open(text)[0]
    assert narrowed.pattern == r"pay(?= cut)|pay cut"
    assert [m[0] for m in narrowed.finditer(text)] == [m[0] for m in whole.finditer(text)] \
        == ["pay"]


def test_a_pattern_with_flags_for_the_whole_of_it_is_not_cut() -> None:
    whole = re.compile(r"(?i)laid off|pay cut")
    assert Narrowing([whole]).open("pay cut")[0] is whole


def test_folded_patterns_find_words_whatever_their_case() -> None:
    """Patterns run on text as written: the filter reads it lower-cased, so "(?i:...)" and
    capitals in a template are found; a letter that matches an ASCII one only when case
    is ignored (the Kelvin sign for "k") lets every pattern run."""
    whole = re.compile(r"\b(?i:data labell?ing) firm [A-Z]\w+|\bASX: APX\b")
    narrowing = Narrowing([whole], fold=True)
    for text in ("the DATA LABELING firm Acme", "ASX: APX slides", "Data Labelling firm Zed"):
        narrowed = narrowing.open(text)[0]
        assert [m.span() for m in narrowed.finditer(text)] == \
            [m.span() for m in whole.finditer(text)] != []
    assert narrowing.open("an unrelated post") == {}
    kelvin = re.compile(r"(?i:kestrel) paused")
    assert Narrowing([kelvin], fold=True).open("\u212aestrel paused")[0].search(
        "\u212aestrel paused")


def test_every_platform_phrase_finds_what_it_finds_whole() -> None:
    """The platform matcher's phrases ("labelling start-up X", tickers, other scripts),
    narrowed on their own examples and on every labelled post as written."""
    table = load_table()
    phrases = [table.context[name] for name in table.context if name.startswith("platform_phrase_")]
    narrowing = Narrowing(phrases, fold=True)
    texts = [e for row in table.rows if row.kind == "cue" and row.name.startswith(
        "platform_phrase_") for e in (*row.match, *row.no_match)]
    for path in sorted(DATA.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                post = json.loads(line)
                texts.append(f"{post.get('title') or ''}\n{post.get('body') or ''}")
    found = 0
    for text in texts:
        opened = narrowing.open(text)
        for index, whole in enumerate(phrases):
            spans = [m.span() for m in whole.finditer(text)]
            found += bool(spans)
            narrowed = opened.get(index, re.compile(r"\A(?!)"))
            assert [m.span() for m in narrowed.finditer(text)] == spans, text[:80]
    assert found > 20


_PIECES = [r"ab", r"a", r"b+c", r"(?<=a)b", r"c(?=a)", r"\bab\b", r"ba|ca", r"(?:a|b)c",
           r"abc?", r"(?<!c)a", r"cab", r"b(?!a)"]


def test_alternatives_run_apart_find_what_their_alternation_finds() -> None:
    """Search, match, fullmatch and finditer, from any place to any end, give the joined
    pattern's spans: run one at a time, the alternatives must still give the leftmost
    place and there the first of them in order."""
    rng = random.Random(7)
    for _ in range(400):
        regexes = [re.compile(p) for p in rng.sample(_PIECES, rng.randint(2, 5))]
        joined = re.compile("|".join(r.pattern for r in regexes))
        apart = Alternatives(regexes)
        assert apart.pattern == joined.pattern
        text = "".join(rng.choice("abc ") for _ in range(rng.randint(0, 14)))
        for pos in range(len(text) + 1):
            for end in (len(text), max(pos, len(text) - 2)):
                for method in ("search", "match", "fullmatch"):
                    mine = getattr(apart, method)(text, pos, end)
                    theirs = getattr(joined, method)(text, pos, end)
                    assert (mine and (mine.span(), mine[0])) == \
                        (theirs and (theirs.span(), theirs[0])), (method, joined, text, pos)
                assert [m.span() for m in apart.finditer(text, pos, end)] == \
                    [m.span() for m in joined.finditer(text, pos, end)], (joined, text, pos)


def test_alternatives_that_match_empty_text_follow_the_engine() -> None:
    """After an empty match the engine's own rule says where the next may start."""
    regexes = [re.compile(r"x*"), re.compile(r"ab")]
    joined = re.compile(r"x*|ab")
    for text in ("ab", "xxab", "abxx", ""):
        assert [m.span() for m in Alternatives(regexes).finditer(text)] == \
            [m.span() for m in joined.finditer(text)]


def test_narrowed_alternatives_are_compiled_once() -> None:
    whole = re.compile(r"\blaid off\b|\bpay cut\b|\bhiring freeze\b")
    narrowing = Narrowing([whole])
    first = narrowing.open("laid off after the pay cut")[0]
    assert isinstance(first, Alternatives)
    assert narrowing.open("the pay cut hit")[0] is narrowing.open("a pay cut")[0]
