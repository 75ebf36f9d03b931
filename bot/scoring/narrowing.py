"""Patterns cut down, per post, to the alternatives that could match it.

A cue's rows are joined into one alternation (``row1|row2|...``), and a context cue
such as "a group of workers" has ninety of them. Python's regex engine tries every
alternative at every place in the post, so a cue costs its row count times the
post's length, though most of its rows hold words the post never uses. The
``Prefilter`` already knows, per alternative, which strings each of its matches
must hold; here each top-level alternative is filtered on its own, and a cue runs
as the alternation of only those whose strings the post has.

The narrowed pattern finds exactly the matches of the whole one: at each place the
engine tries the alternatives in order and the first that matches wins, and a
dropped alternative matches nowhere in the post (nor in any part of it). Nothing
here is written by hand: the alternatives are the template's own, split where it
joins them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.scoring.prefilter import Prefilter

_CACHE_LIMIT = 4096
"""Narrowed patterns kept compiled; most posts open the same few combinations."""
_PLAIN_FLAGS = re.compile("").flags
_CASE_TWINS = frozenset("\u0130\u0131\u017f\u212a")
"""İ ı ſ and the Kelvin sign: beyond ASCII, they match an ASCII letter when case is ignored."""


def split_alternatives(source: str) -> list[str]:
    """The top-level alternatives of a regex (``a|b(c|d)`` gives ``a`` and ``b(c|d)``):
    a ``|`` outside every group and character class."""
    pieces: list[str] = []
    depth = start = i = 0
    in_class = False
    while i < len(source):
        c = source[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            i += 1 + source.startswith("^", i + 1)
            if source.startswith("]", i):  # "[]" and "[^]" open with a literal "]"
                i += 1
            continue
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            pieces.append(source[start:i])
            start = i + 1
        i += 1
    pieces.append(source[start:])
    return pieces


def _pieces(regex: re.Pattern[str]) -> list[str]:
    """The alternatives to filter apart, or the whole pattern when flags are set for the
    whole of it (a piece would not carry them)."""
    if regex.flags != _PLAIN_FLAGS:
        return [regex.pattern]
    return split_alternatives(regex.pattern)


class Narrowing:
    """Per post, each of a list of patterns as the alternatives of it that could match."""

    def __init__(self, patterns: Sequence[re.Pattern[str]], fold: bool = False) -> None:
        """``fold``: the patterns run on text as written, not lower-cased: ``open`` lower-cases
        it for the filter."""
        self._fold = fold
        self._patterns = list(patterns)
        self._pieces = [_pieces(regex) for regex in self._patterns]
        self._owner = [(n, 1 << i) for n, pieces in enumerate(self._pieces)
                       for i in range(len(pieces))]
        """Per piece (in the order given to the filter): its pattern and its bit there."""
        self._filter = Prefilter([piece for pieces in self._pieces for piece in pieces], fold)
        self._compiled: dict[tuple[int, int], re.Pattern[str]] = {}

    def open(self, text: str) -> dict[int, re.Pattern[str]]:
        """The patterns (by index, in order) that could match ``text`` (lower-cased unless
        ``fold``), each narrowed to the alternatives that could."""
        if self._fold:
            if not _CASE_TWINS.isdisjoint(text):
                return dict(enumerate(self._patterns))
            text = text.lower()
        masks: dict[int, int] = {}
        for piece in self._filter.open(text):
            n, bit = self._owner[piece]
            masks[n] = masks.get(n, 0) | bit
        return {n: self._narrowed(n, mask) for n, mask in masks.items()}

    def _narrowed(self, n: int, mask: int) -> re.Pattern[str]:
        pieces = self._pieces[n]
        if mask == (1 << len(pieces)) - 1:
            return self._patterns[n]
        regex = self._compiled.get((n, mask))
        if regex is None:
            if len(self._compiled) >= _CACHE_LIMIT:
                self._compiled.clear()
            regex = re.compile("|".join(p for i, p in enumerate(pieces) if mask >> i & 1))
            self._compiled[n, mask] = regex
        return regex
