"""The cue table: every row's examples, its loader's errors, and the size limits."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.scoring.cuetable import Cue, CueError, _row, context_cues, expand, load_table
from bot.scoring.text import normalise

TABLE = load_table()
SCORING = Path(__file__).resolve().parents[3] / "bot" / "scoring"


def _lower(sentence: str) -> str:
    return normalise(sentence, "").lower


AS_WRITTEN = ("platform_", "descriptor_", "named_")
"""Cues matched on the post as written, not lower-cased."""


@pytest.mark.parametrize("cue", TABLE.rows, ids=lambda c: c.id)
def test_every_row_matches_its_examples_and_not_its_counter_examples(cue: object) -> None:
    from bot.scoring.cuetable import Cue

    assert isinstance(cue, Cue)
    assert cue.match, f"{cue.file}: {cue.id} has no example sentence"
    if cue.kind in ("type", "report"):
        assert cue.no_match, f"{cue.file}: {cue.id} has no counter-example"
    for sentence in cue.match:
        text = sentence if cue.name.startswith(AS_WRITTEN) else _lower(sentence)
        assert cue.regex.search(text), f"{cue.file}: {cue.id} misses {sentence!r}"
    for sentence in cue.no_match:
        text = sentence if cue.name.startswith(AS_WRITTEN) else _lower(sentence)
        assert not cue.regex.search(text), f"{cue.file}: {cue.id} matches {sentence!r}"


def test_every_event_type_has_cues_and_every_cue_a_known_type() -> None:
    types = {t["name"] for t in TABLE.settings["type"]}
    assert {c.name for c in TABLE.events} == types


def test_slots_expand_and_unknown_ones_are_refused() -> None:
    slots = {"PAY": ["pay", "rates?"], "NOT": ["error "], "NEST": ["{PAY} cut"]}
    assert expand("{PAY} cut", slots) == "(?:pay|rates?) cut"
    assert expand("{-NOT}rates?", slots) == "(?<!error\\ )rates?"
    assert expand("{NEST}", slots) == "(?:(?:pay|rates?) cut)"
    with pytest.raises(CueError, match="unknown slot"):
        expand("{NOPE}", slots)


@pytest.mark.parametrize(("row", "message"), [
    ({"id": "x", "type": "layof", "template": "cut"}, "unknown event type"),
    ({"id": "x", "type": "layoff", "template": "(cut"}, "bad template"),
    ({"id": "x", "type": "layoff", "cue": "y", "template": "cut"}, "exactly one"),
    ({"id": "x", "type": "layoff"}, "'template' must be"),
])
def test_bad_rows_are_refused_with_file_and_row(row: dict, message: str) -> None:
    with pytest.raises(CueError, match=message) as info:
        _row("events_test.toml", 3, row, {}, frozenset({"layoff"}))
    assert "events_test.toml row 3" in str(info.value)


def test_context_rows_are_joined_and_compiled_when_first_used() -> None:
    """A row with flags for the whole pattern may only open its cue: joined after another
    row it would not compile, and the table compiles it late, so it is refused at load."""
    def row(n: int, template: str) -> Cue:
        return _row("context_test.toml", n, {"cue": "hedge", "template": template}, {},
                    frozenset())

    first, second = row(1, "(?i)maybe"), row(2, "perhaps")
    joined = context_cues([first, second])["hedge"]
    assert joined.pattern == "(?i)maybe|perhaps"
    assert joined.search("MAYBE not") and joined.search("Perhaps")
    with pytest.raises(CueError, match=r"'hedge'.*first row"):
        context_cues([second, first])
    cue = row(3, "might")
    assert "regex" not in vars(cue)  # a row is compiled when first asked for
    assert cue.regex.search("it might") and "regex" in vars(cue)


def test_no_scorer_file_is_longer_than_300_lines() -> None:
    for path in SCORING.rglob("*"):
        if path.suffix in (".py", ".toml"):
            lines = path.read_text(encoding="utf-8").count("\n")
            assert lines <= 300, f"{path.relative_to(SCORING)}: {lines} lines"


def test_weights_and_types_live_in_one_file() -> None:
    points = TABLE.settings["points"]
    assert points["threshold"] == 50.0
    for name in ("event", "press", "group", "denied", "other_sense"):
        assert isinstance(points[name], float)
