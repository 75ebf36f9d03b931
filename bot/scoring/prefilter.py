"""Which cues could match a post, worked out from the cues' own templates.

Python's regex engine costs a full scan of the post per cue, and most posts
match no cue at all. Every match of a template contains certain literal text
("lay off" or "laid off"; a pay word and a falling verb), so the templates are
read once, at load, for the literal strings their matches must contain: per
alternative of a cue (``a|b``), clauses, each a set of strings at least one of
which every match holds. A cue runs on a post only when each clause of one of its
alternatives finds a string in the post. Nothing here is written by hand: change a
template and its clauses follow, so the filter can never disagree with the cue it guards.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]
from typing import Any

import ahocorasick

_PRODUCT_LIMIT = 64
"""The most strings one exact set may hold ("lay|lays|laying" x " off" is 3)."""
_SHORTEST = 2
"""A clause with a one-letter string is nearly always satisfied: not worth testing. Two
letters are ("jk", "bs", "/s"): a common pair costs a few finds, a rare one spares a scan."""

Clause = frozenset[str]
_Info = tuple[set[str] | None, list[Clause]]
"""(every string the node can match, when few and known; clauses its matches satisfy)."""
_PREFIX = (C.AT, C.ASSERT, C.ASSERT_NOT, C.LITERAL)
"""What the parser may move in front of an alternation that is cheap to repeat in each."""


def clauses_of(pattern: str) -> tuple[Clause, ...]:
    """The literal clauses every match of ``pattern`` satisfies (none: always run it)."""
    return _clauses(P.parse(pattern))


Clauses = tuple[tuple[Clause, ...], ...]
"""Per top-level alternative of a pattern, the clauses each of its matches satisfies."""


def alternatives_of(pattern: str) -> Clauses:
    """The clauses of each top-level alternative (``a|b``, as a cue's rows are joined): every
    match satisfies all of one's; kept apart, they test more than one clause of all would."""
    return tuple(_clauses(alt) for alt in _branches(list(P.parse(pattern))))


def _branches(items: list[tuple[Any, Any]]) -> list[list[tuple[Any, Any]]]:
    """An alternation's alternatives, each with what the parser moved in front (``\\b``)."""
    if len(items) == 1 and items[0][0] is C.SUBPATTERN:
        return _branches(list(items[0][1][-1]))
    if items and items[-1][0] is C.BRANCH and all(op in _PREFIX for op, _ in items[:-1]):
        return [alt for branch in items[-1][1][1] for alt in _branches([*items[:-1], *branch])]
    return [items]


def _clauses(items: Sequence[tuple[Any, Any]]) -> tuple[Clause, ...]:
    exact, found = _seq(items)
    if exact is not None:
        found = [*found, frozenset(exact)]
    useful: list[Clause] = []
    for clause in found:
        clause = _minimal(clause)
        if clause and min(map(_weight, clause)) >= _SHORTEST and clause not in useful:
            useful.append(clause)
    return tuple(useful)


_KEEP = 16
"""Strings are cut to their first letters: a weaker test that keeps the automaton small."""
_CJK = "\u2e80"
"""Where the CJK blocks begin (radicals, kana, hangul and hanzi all lie above)."""


def _weight(s: str) -> int:
    """How rare a string is likely to be: its length, symbols ($ %) counting three, and so
    do the characters of Chinese, Japanese and Korean, where one character is a word
    ("招", "뽑"): a clause of them spares a post in other scripts the cue's scan."""
    return len(s) + 2 * sum(c in "$£€%" or c >= _CJK for c in s)


def _minimal(clause: Iterable[str]) -> Clause:
    """Each string cut to its first letters, then strings that contain another string of the
    clause dropped: the shorter one suffices."""
    items = sorted({s[:_KEEP] for s in clause}, key=len)
    kept: list[str] = []
    for s in items:
        if not any(k in s for k in kept):
            kept.append(s)
    return frozenset(kept)


def _seq(items: Sequence[tuple[Any, Any]]) -> _Info:
    run: set[str] | None = {""}
    exact_all = True
    clauses: list[Clause] = []
    for op, arg in items:
        ex, cl = _node(op, arg)
        clauses.extend(cl)
        if ex is not None and run is not None and len(run) * len(ex) <= _PRODUCT_LIMIT:
            run = {a + b for a in run for b in ex}
            continue
        exact_all = False
        if run is not None and "" not in run:
            clauses.append(frozenset(run))
        run = set(ex) if ex is not None else {""}
    if exact_all:
        return run, clauses
    if run is not None and "" not in run:
        clauses.append(frozenset(run))
    return None, clauses


def _node(op: Any, arg: Any) -> _Info:
    if op is C.LITERAL:
        return {chr(arg)}, []
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return {""}, []  # zero width: says nothing about what the match holds
    if op is C.SUBPATTERN:
        return _seq(arg[-1])
    if op is C.BRANCH:
        infos = [_seq(alt) for alt in arg[1]]
        if all(ex is not None for ex, _ in infos):
            union: set[str] = set()
            for ex, _ in infos:
                union |= ex or set()
            if len(union) <= _PRODUCT_LIMIT:
                return union, []
        # One clause per alternative; the branch holds the union of one from each.
        picks: list[Clause] = []
        for ex, cl in infos:
            options = list(cl) + ([frozenset(ex)] if ex is not None else [])
            options = [_minimal(c) for c in options if "" not in c]
            if not options:
                return None, []
            picks.append(min(options, key=_chance))
        return None, [frozenset().union(*picks)]
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
        low, high, body = arg
        ex, cl = _seq(body)
        if low == 0:
            if ex is not None and high == 1:
                return ex | {""}, []
            return None, []
        if ex is not None and low == high == 1:
            return ex, cl
        return None, cl + ([frozenset(ex)] if ex is not None and "" not in ex else [])
    return None, []


def _folded(alt: tuple[Clause, ...]) -> tuple[Clause, ...]:
    """An alternative's clauses as found in lower-cased text: each string lower-cased, and a
    clause dropped when one of its strings has a cased letter beyond ASCII (a Greek sigma
    lower-cases two ways). ASCII letters match only each other when case is ignored, but
    for İ ı ſ K: text holding one of those is not filtered (``Narrowing``)."""
    return tuple(frozenset(s.lower() for s in clause) for clause in alt
                 if all(c.isascii() or c.lower() == c.upper() for s in clause for c in s))


def _chance(clause: Clause) -> float:
    """A rough chance that a clause finds one of its strings in a text: each string
    is taken to be rarer by a factor four per character."""
    return sum(0.25 ** _weight(s) for s in clause)


class Prefilter:
    """Answers, per post, which of a list of patterns could match it.

    The clauses' strings are found in one pass over the post by an Aho-Corasick automaton
    (pyahocorasick, in C): it reports every occurrence of every string, those inside others
    too, in time linear in the post, where a regex alternation of thousands of strings is
    tried again at each place. An alternative is looked at only when its least likely
    clause (its key) finds a string, so a post costs the few alternatives its strings
    point to, not all of them.
    """

    def __init__(self, patterns: Sequence[str], fold: bool = False,
                 derive: Callable[[str], Clauses] = alternatives_of
                 ) -> None:
        """``fold``: the patterns run on text as written, parts of them ignoring case; the
        filter is then given the text lower-cased (see ``_folded``). ``derive``: where each
        pattern's clauses come from (``derived.DerivedClauses`` keeps them)."""
        alternatives = [derive(p) for p in patterns]
        if fold:
            alternatives = [tuple(_folded(alt) for alt in alts) for alts in alternatives]
        literals = sorted({s for alts in alternatives for alt in alts for clause in alt
                           for s in clause})
        self._literals = literals
        # Patterns, alternatives and clauses are kept as bit masks: one OR per string found.
        clause_bit: dict[Clause, int] = {}
        self._always = 0
        self._rest: list[tuple[int, int]] = []
        """Per alternative of several clauses: its pattern's bit, its other clauses' bits."""
        # Per string: the clauses it satisfies, the patterns it opens (an alternative's lone
        # clause holds it) and the alternatives whose key holds it.
        satisfies = dict.fromkeys(literals, 0)
        opens = dict.fromkeys(literals, 0)
        keyed = dict.fromkeys(literals, 0)
        for row, alts in enumerate(alternatives):
            for alt in alts:
                if not alt:
                    self._always |= 1 << row
                    continue
                key, *others = sorted(alt, key=_chance)
                for s in key:
                    if others:
                        keyed[s] |= 1 << len(self._rest)
                    else:
                        opens[s] |= 1 << row
                if not others:
                    continue
                need = 0
                for clause in others:
                    if clause not in clause_bit:
                        clause_bit[clause] = 1 << len(clause_bit)
                        for s in clause:
                            satisfies[s] |= clause_bit[clause]
                    need |= clause_bit[clause]
                self._rest.append((1 << row, need))
        self._automaton: Any = None
        if literals:
            # Per string: its index, the clauses it satisfies, the patterns and the
            # alternatives it opens; the automaton hands them over with each occurrence.
            self._automaton = ahocorasick.Automaton()
            for i, s in enumerate(literals):
                self._automaton.add_word(s, (i, satisfies[s], opens[s], keyed[s]))
            self._automaton.make_automaton()

    def present(self, lower: str) -> set[str]:
        """The strings that occur in ``lower``."""
        return {self._literals[i] for i in self._found(lower)}

    def _found(self, lower: str) -> set[int]:
        """The indices of the strings that occur in ``lower``."""
        if self._automaton is None:
            return set()
        return {found[0] for _, found in self._automaton.iter(lower)}

    def open(self, lower: str) -> list[int]:
        """Indices (in order) of the patterns one of whose alternatives has every clause
        find a string in ``lower``."""
        satisfied = 0
        rows = self._always
        keyed = 0
        if self._automaton is not None:
            # a string found twice is ORed in twice: cheaper than setting occurrences apart
            for _, (_, clauses, direct, alternatives) in self._automaton.iter(lower):
                satisfied |= clauses
                rows |= direct
                keyed |= alternatives
        rest = self._rest
        for alternative in _bits(keyed):
            row, need = rest[alternative]
            if need & satisfied == need:
                rows |= row
        return _bits(rows)

    @property
    def literals(self) -> tuple[str, ...]:
        """Every string the clauses test for."""
        return tuple(self._literals)


def _bits(mask: int) -> list[int]:
    """The positions of the bits set in ``mask``, lowest first."""
    found = []
    while mask:
        low = mask & -mask
        found.append(low.bit_length() - 1)
        mask ^= low
    return found


def could_match(clauses: Iterable[Clause], text: str) -> bool:
    """Does ``text`` hold a string of each clause? (For the clauses of one pattern, a few
    ``in`` tests are quicker than a scan of the text with a ``Prefilter``.)"""
    return all(any(s in text for s in clause) for clause in clauses)


def check(pattern: str, text: str) -> bool:
    """Does the filter let through every text the pattern matches? (For tests.)"""
    if re.search(pattern, text) is None:
        return True
    return could_match(clauses_of(pattern), text)
