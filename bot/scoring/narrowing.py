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

The alternatives left are not joined and compiled again: compiling is slow in
Python (a third of a millisecond for a few rows), and posts open a thousand
different combinations in their first few thousand, so each scoring process
spent about a third of its time over those posts compiling. Each alternative is compiled once,
when a post first needs it, and ``Alternatives`` runs the ones a post opened
one by one, giving what their alternation would.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Protocol

from bot.scoring.prefilter import Clauses, Prefilter, alternatives_of

_PLAIN_FLAGS = re.compile("").flags
_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")


def flags_whole(source: str) -> bool:
    """Does the pattern open with flags for the whole of it ("(?i)...")? Python 3.11 allows
    them nowhere else, so joined after another pattern it would not compile."""
    return _GLOBAL_FLAGS.match(source) is not None
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


def _pieces(regex: Finder) -> list[str]:
    """The alternatives to filter apart, or the whole pattern when flags are set for the
    whole of it (a piece would not carry them)."""
    flagged = regex.flags != _PLAIN_FLAGS if isinstance(regex, re.Pattern) \
        else flags_whole(regex.pattern)
    return [regex.pattern] if flagged else split_alternatives(regex.pattern)


class Finder(Protocol):
    """What the scorer asks of a pattern: a compiled one, or ``Alternatives``."""

    @property
    def pattern(self) -> str: ...

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize
               ) -> re.Match[str] | None: ...

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize
              ) -> re.Match[str] | None: ...

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize
                  ) -> re.Match[str] | None: ...

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize
                 ) -> Iterator[re.Match[str]]: ...


class Lazy:
    """A pattern compiled when it is first used.

    Building a scorer compiled every row of the cue table, though with
    ``Narrowing`` most whole patterns are seldom run, in every scoring process at
    every start.
    """

    __slots__ = ("_regex", "pattern")

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._regex: re.Pattern[str] | None = None

    @property
    def regex(self) -> re.Pattern[str]:
        if self._regex is None:
            self._regex = re.compile(self.pattern)
        return self._regex

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize
               ) -> re.Match[str] | None:
        return self.regex.search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize
              ) -> re.Match[str] | None:
        return self.regex.match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize
                  ) -> re.Match[str] | None:
        return self.regex.fullmatch(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize
                 ) -> Iterator[re.Match[str]]:
        return self.regex.finditer(string, pos, endpos)


class Alternatives:
    """The alternation ``a|b|c`` of compiled patterns, run one pattern at a time.

    Its matches are the alternation's: a search finds the leftmost place where any
    of them matches, and there the first in order; ``match`` and ``fullmatch`` the
    first that matches. A match object is the one alternative's own: its groups
    are not numbered as in the alternation (the scorer reads only spans and text).
    """

    __slots__ = ("_regexes",)

    def __init__(self, regexes: Sequence[re.Pattern[str]]) -> None:
        self._regexes = tuple(regexes)

    @property
    def pattern(self) -> str:
        """The alternation's source, as a joined pattern's would be."""
        return "|".join(r.pattern for r in self._regexes)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize
               ) -> re.Match[str] | None:
        best: re.Match[str] | None = None
        for regex in self._regexes:
            m = regex.search(string, pos, endpos)
            if m is not None and (best is None or m.start() < best.start()):
                best = m
                if m.start() == pos:  # nothing starts sooner; earlier ones came first
                    break
        return best

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize
              ) -> re.Match[str] | None:
        for regex in self._regexes:
            if (m := regex.match(string, pos, endpos)) is not None:
                return m
        return None

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize
                  ) -> re.Match[str] | None:
        for regex in self._regexes:
            if (m := regex.fullmatch(string, pos, endpos)) is not None:
                return m
        return None

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize
                 ) -> Iterator[re.Match[str]]:
        """Non-overlapping matches, left to right. Each alternative's next match is kept
        until the search passes it: a match found from an earlier place is still the
        first from any later place up to its start. After an empty match the engine's
        own rules for where to go on apply, so the rest is left to the alternation
        compiled (no cue row matches empty text; this keeps the answer exact if one did)."""
        regexes = self._regexes
        heads = [regex.search(string, pos, endpos) for regex in regexes]
        while True:
            best: re.Match[str] | None = None
            for i, m in enumerate(heads):
                if m is None:
                    continue
                if m.start() < pos:
                    m = heads[i] = regexes[i].search(string, pos, endpos)
                    if m is None:
                        continue
                if best is None or m.start() < best.start():
                    best = m
            if best is None:
                return
            if best.end() == best.start():
                yield from re.compile(self.pattern).finditer(string, pos, endpos)
                return
            yield best
            pos = best.end()


class Narrowing:
    """Per post, each of a list of patterns as the alternatives of it that could match."""

    def __init__(self, patterns: Sequence[Finder], fold: bool = False,
                 derive: Callable[[str], Clauses] = alternatives_of
                 ) -> None:
        """``fold``: the patterns run on text as written, not lower-cased: ``open`` lower-cases
        it for the filter. ``derive``: the filter's source of each piece's clauses."""
        self._fold = fold
        self._patterns = list(patterns)
        self._pieces = [_pieces(regex) for regex in self._patterns]
        self._owner = [(n, 1 << i) for n, pieces in enumerate(self._pieces)
                       for i in range(len(pieces))]
        """Per piece (in the order given to the filter): its pattern and its bit there."""
        self._filter = Prefilter([piece for pieces in self._pieces for piece in pieces], fold,
                                 derive)
        self._compiled: dict[tuple[int, int], re.Pattern[str]] = {}
        """Alternatives compiled on their own, by pattern and position."""

    def open(self, text: str) -> dict[int, Finder]:
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

    def _narrowed(self, n: int, mask: int) -> Finder:
        pieces = self._pieces[n]
        if mask == (1 << len(pieces)) - 1:
            return self._patterns[n]
        regexes = []
        while mask:
            low = mask & -mask
            i = low.bit_length() - 1
            mask ^= low
            regex = self._compiled.get((n, i))
            if regex is None:
                regex = self._compiled[n, i] = re.compile(pieces[i])
            regexes.append(regex)
        return regexes[0] if len(regexes) == 1 else Alternatives(regexes)
