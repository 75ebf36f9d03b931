"""The scorer's shortcuts only skip work: with each one undone, every post matches the same.

Each shortcut (word gates, first-letter grouping of alternations, hint words for
cues, digit-guided amount search, whole-post matching) is checked against the
plain way of doing the same thing over every labelled post we have.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bot.scoring import context, magnitude, tiers
from bot.scoring.cli import read_jsonl_post
from bot.scoring.context import context_cues, cue_gates
from bot.scoring.events import EventFinder
from bot.scoring.factor import factor, factor_group
from bot.scoring.gate import Gatekeeper
from bot.scoring.lexicon import event_patterns
from bot.scoring.pattern import as_gate
from bot.scoring.text import PostText, prepare
from bot.scoring.tiers import tier_gates

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


def _spans(regex: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in regex.finditer(text)]


def test_whole_post_matching_equals_sentence_by_sentence(texts: list[PostText]) -> None:
    finder = EventFinder(event_patterns(), context_cues())
    for text in texts:
        got = sorted((p.regex.pattern, m.span()) for p, m in finder.raw_matches(text))
        want = sorted((p.regex.pattern, m.span()) for p in finder.patterns
                      for s in text.sentences
                      for m in p.regex.finditer(text.lower, s.start, s.end))
        assert got == want, text.original[:80]


def test_first_letter_grouping_keeps_every_match(texts: list[PostText]) -> None:
    pairs = [(re.compile(p.source), p.regex) for p in event_patterns()]
    plain, grouped = context_cues(grouped=False), context_cues()
    pairs += [(getattr(plain, n), getattr(grouped, n)) for n in grouped.__dataclass_fields__]
    changed = [(a, b) for a, b in pairs if a.pattern != b.pattern]
    assert len(changed) > 40
    for a, b in changed:
        for text in texts:
            assert _spans(a, text.lower) == _spans(b, text.lower), a.pattern[:60]


@pytest.mark.parametrize(("alternation", "text"), [
    ("ab|xy|ac", "ac ab xy"),
    ("a|\\d+|ab", "ab 12 a"),
    ("a?b|ab|b", "ab b"),
    ("ab|[ab]c|ac", "ac bc ab"),
    ("ca|\\bcat|cb", "cat cb ca"),
    ("ab|\\d+ x|ac|1 y", "ac 1 y 12 x ab"),
    ("ab|(?:a c|b d) e|ad|bx", "ad a c e bx b d e ab"),
    ("ab|(?:c|d)?a|ac", "ac a ab"),
    ("ta|(?:two|three) of us|tb|two", "two of us tb ta two"),
    ("wa|(?:the )?whole|wb|tx|the", "the whole wb whole tx the wa"),
    ("wa|(?:the )??whole|wb", "the whole wb wa"),
])
def test_grouping_keeps_the_order_of_alternatives_that_can_meet(alternation: str,
                                                                text: str) -> None:
    grouped = factor(alternation)
    assert _spans(re.compile(grouped), text) == _spans(re.compile(alternation), text)
    assert [m.group() for m in re.finditer(grouped, text)] == \
        [m.group() for m in re.finditer(alternation, text)]


def test_grouping_leaves_what_it_cannot_read() -> None:
    assert factor("a|(b") == "a|(b"
    assert factor_group("(?:ab|cd|ae)") == "(?:(?:ab|ae)|cd)"
    # A number cannot start like a word, so words still group across it...
    assert factor("ab|\\d+|ac") == "(?:ab|ac)|\\d+"
    # ...but a group that may start with "a" keeps later "a" words after it.
    assert factor("ab|(?:a c|b d)|ac|xy|xz") == "ab|(?:a c|b d)|ac|(?:xy|xz)"


@pytest.mark.parametrize("extra", ["", "It's just the new project. Nothing changed, calm down.",
                                   "They're not being cut, the rumour is false. Nah bro.",
                                   "Mods: not an annotation platform. DM for the referral link.",
                                   "Everyone I know still has work, so it's just me.",
                                   "My company's in-house team at work, and retail jobs at "
                                   "Amazon, per a researcher.",
                                   "Seems like it. I saw that. Weeks after the cuts, in 2024, "
                                   "six months on from last year; looking back."])
def test_cue_gates_never_hide_a_match(texts: list[PostText], extra: str) -> None:
    cues = context_cues()
    gates = cue_gates()
    keeper = Gatekeeper([as_gate(g) for g in gates.values()])
    for text in texts:
        lower = f"{text.lower} {extra.lower()}"
        mask = keeper.mask(lower)
        for index, name in enumerate(gates):
            if getattr(cues, name).search(lower):
                assert keeper.open(mask, index), (name, lower[:80])


def test_negation_hints_never_hide_a_denial(texts: list[PostText]) -> None:
    windows = ["no longer being", "they don't", "never", "denied it", "nobody was",
               "stop spreading that", "fake", "we were not", "isn't", "a hoax, not"]
    for text in texts:
        windows.extend(text.lower[i:i + 40] for i in range(0, len(text.lower), 7))
    for window in windows:
        if context._NEG_BEFORE.search(window):
            assert any(h in window for h in context._NEG_HINTS), window


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


@pytest.mark.parametrize("text", ["$20", "20/ hr", "per hour", "18 eur", "europe", "a task",
                                  "₹500", "nothing here", "hrs", "pounds", "/study", "hour"])
def test_money_words_test_agrees_with_the_pattern(text: str) -> None:
    assert magnitude._moneyish(text) == (magnitude._MONEYISH.search(text) is not None)


def test_money_words_test_agrees_on_every_post(texts: list[PostText]) -> None:
    for text in texts:
        lower = magnitude.fold(text.original).lower()
        assert magnitude._moneyish(lower) == (magnitude._MONEYISH.search(lower) is not None)


def test_tier_gates_never_hide_a_tier_word(texts: list[PostText]) -> None:
    gates = tier_gates()
    keeper = Gatekeeper([as_gate(g) for g in gates.values()])
    regexes = {"expert": tiers._EXPERT, "generalist": tiers._GENERALIST, "all": tiers._ALL}
    extra = (" ph.d spanish-language projects, non-experts and experts, went out to everyone,"
             " onboarding a ton of people")
    for text in texts:
        lower = text.lower + extra
        mask = keeper.mask(lower)
        for index, name in enumerate(gates):
            if regexes[name].search(lower):
                assert keeper.open(mask, index), (name, lower[:80])


def _loose_apostrophe(text: str) -> bool:
    return any(c == "'" and not (0 < i < len(text) - 1 and text[i - 1].isalnum()
                                 and text[i + 1].isalnum()) for i, c in enumerate(text))


@pytest.mark.parametrize("text", ["isn't", "'quoted'", "x'", "'x", "a'b", "½'x", "é'é", "a_'b",
                                  "'", "''", "don't stop 'now'", "a' b", "no quotes"])
def test_wrapping_quote_test_agrees_with_letters_and_digits(text: str) -> None:
    from bot.scoring.text import _has_wrapping_quote
    assert _has_wrapping_quote(text) == _loose_apostrophe(text)


def test_whole_post_and_sentence_by_sentence_matching_decide_alike() -> None:
    from bot.records import PostRecord
    from bot.scoring import Scorer
    posts: list[PostRecord] = []
    for path in sorted(DATA.glob("*.jsonl")):
        posts += [read_jsonl_post(json.loads(line))
                  for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    outputs = []
    for work in (0, 10**9):
        scorer = Scorer()
        scorer._events.whole_post_work = work
        outputs.append([scorer.score(p) for p in posts])
    assert outputs[0] == outputs[1]
