"""A cheap pre-check that decides which patterns are worth running on a post.

Python's regex engine tries every alternative at every position, so each
pattern costs a full scan of the post. Every match of a pattern contains
certain words ("lay", "offbo", a pay word *and* a falling verb), so a pattern
whose words are absent from the post is skipped without scanning. The words of
a post are looked up once, each word's answer cached as a bit mask.

A gate is one or more alternatives (a pattern of several phrasings opens when
any of them could match); an alternative is one or more groups that must all
appear; a group is satisfied by any one of its keys. A key is a word beginning
("offbo": offboard, offboarded; plain keys are cut to five letters, "^" keys to
eight), an exact word ("=up": not update, upload; a trailing 's still counts),
"#" for a number, or a substring of the post ("~eq", for phrasings without a
word boundary, and the symbols % $ £ €).
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Sequence
from functools import reduce
from operator import or_

_PUNCTUATION = [c for c in string.punctuation if c not in "'%$£€"]
_TABLE = str.maketrans({c: " " for c in [*_PUNCTUATION, *"’‘“”–—…"]})
_ASCII_TABLE = bytes.maketrans("".join(_PUNCTUATION).encode(), b" " * len(_PUNCTUATION))
"""The same for ASCII text, where a bytes translation is ten times faster."""
_SYMBOLS = frozenset("%$£€")
_CACHE_LIMIT = 200_000
_SHORT, _LONGEST = 5, 8
"""Plain word beginnings are cut to five letters; written "^specialist" they are cut to
eight ("speciali": specialist, not special or specific)."""

Group = tuple[str, ...]
Alternative = tuple[Group, ...]
Gate = tuple[Alternative, ...]


def spaced(lower: str) -> str:
    """Punctuation turned into spaces, same length (so offsets still apply)."""
    if lower.isascii():
        return lower.encode().translate(_ASCII_TABLE).decode()
    return lower.translate(_TABLE)


def words(lower: str) -> set[str]:
    return set(spaced(lower).split())


class _WordBits(dict[str, int]):
    """Word to key bits, filled on first sight (bounded, so hostile input cannot grow it)."""

    def __init__(self, compute: Callable[[str], int]) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, word: str) -> int:
        bits = self._compute(word)
        if len(self) < _CACHE_LIMIT:
            self[word] = bits
        return bits


def _prefix(key: str) -> str | None:
    parts = key.lower().translate(_TABLE).split()
    if not parts or len(parts[0]) < 2:
        return None
    return parts[0][:_SHORT]


class Gatekeeper:
    """Bit masks for groups of keys; a pattern opens when one of its alternatives does."""

    def __init__(self, gates: Sequence[Gate], listed: int | None = None) -> None:
        """``listed``: how many of the gates ``opened`` reports (the rest are asked one by
        one with ``open``); all of them by default."""
        self._listed = len(gates) if listed is None else listed
        self._prefix_bits: dict[str, int] = {}
        self._exact_bits: dict[str, int] = {}
        self._substring_keys: dict[int, list[str]] = {}
        self._inner_bits: list[tuple[str, int]] = []
        self._always = 0
        self._digit_bits = 0
        self._needs: list[tuple[int, ...]] = []
        group_bits: dict[Group, int] = {}
        for gate in gates:
            needs = []
            for alternative in gate:
                need = 0
                for keys in alternative:
                    if keys not in group_bits:
                        group_bits[keys] = bit = 1 << len(group_bits)
                        self._file(keys, bit)
                    need |= group_bits[keys]
                needs.append(need)
            # No gate: the pattern always runs.
            self._needs.append(tuple(needs) or (0,))
        self._substrings = tuple((bit, tuple(keys)) for bit, keys in self._substring_keys.items())
        self._inner_any = re.compile("|".join(re.escape(s) for s, _ in self._inner_bits)) \
            if self._inner_bits else None
        """One scan that says whether a word holds any of the within-word substrings."""
        """Each group found by substring: its bit and its substrings (any one will do)."""
        reported = self._needs[:self._listed]
        self._single = [(i, needs[0]) for i, needs in enumerate(reported) if len(needs) == 1]
        self._multi = [(i, needs) for i, needs in enumerate(reported) if len(needs) > 1]
        self._word_bits = _WordBits(self._word)
        """Per-word cache; words repeat across posts, so lookups soon dominate."""
        self._opened: dict[int, tuple[int, ...]] = {}

    def _file(self, keys: Group, bit: int) -> None:
        if not keys:
            self._always |= bit
        for key in keys:
            if key.strip() in _SYMBOLS or key.startswith("~"):
                sub = key.strip() if key.strip() in _SYMBOLS else key[1:].translate(_TABLE)
                if " " in sub:
                    self._substring_keys.setdefault(bit, []).append(sub)
                else:
                    # Within one word (symbols stay in words): checked once per word, cached.
                    self._inner_bits.append((sub, bit))
            elif key.startswith("="):
                word = key[1:]
                self._exact_bits[word] = self._exact_bits.get(word, 0) | bit
            elif key.startswith("^"):
                start = key[1:_LONGEST + 1]
                self._prefix_bits[start] = self._prefix_bits.get(start, 0) | bit
            elif key == "#":
                self._digit_bits |= bit
            elif (prefix := _prefix(key)) is None:
                self._always |= bit
            else:
                self._prefix_bits[prefix] = self._prefix_bits.get(prefix, 0) | bit

    @staticmethod
    def spaced(lower: str) -> str:
        """Punctuation turned into spaces, same length (so sentence offsets still apply)."""
        return spaced(lower)

    def mask(self, lower: str) -> int:
        """The key groups present in an already lower-cased text."""
        return self.mask_words(spaced(lower))

    def mask_words(self, text: str) -> int:
        """The key groups present in text already passed through ``spaced``."""
        mask: int = reduce(or_, map(self._word_bits.__getitem__, text.split()), self._always)
        for bit, found in self._substrings:
            if any(map(text.__contains__, found)):
                mask |= bit
        return mask

    def _word(self, word: str) -> int:
        bits = self._prefix_bits
        exact = self._exact_bits
        b = exact.get(word, 0)
        for n in range(2, min(len(word), _LONGEST) + 1):
            b |= bits.get(word[:n], 0)
        core = word.strip("'%$£€")
        if core != word or "'" in core:
            b |= exact.get(core.split("'", 1)[0], 0)
        if core[:1].isdigit():
            b |= self._digit_bits
        if self._inner_any is not None and self._inner_any.search(word):
            for sub, bit in self._inner_bits:
                if sub in word:
                    b |= bit
        return b

    def opened(self, mask: int) -> tuple[int, ...]:
        """Indices of the patterns a mask opens (cached: few distinct masks occur)."""
        found = self._opened.get(mask)
        if found is None:
            # A need is met when it has no bit outside the mask: need & ~mask == 0.
            outside = (~mask).__and__
            found = tuple(sorted(
                [i for i, need in self._single if not outside(need)]
                + [i for i, needs in self._multi if not all(map(outside, needs))]))
            if len(self._opened) < _CACHE_LIMIT:
                self._opened[mask] = found
        return found

    def open(self, mask: int, gate: int) -> bool:
        # A need is met when it has no bit outside the mask: need & ~mask == 0.
        return not all(map((~mask).__and__, self._needs[gate]))
