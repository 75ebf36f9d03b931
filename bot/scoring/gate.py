"""A cheap pre-check that decides which patterns are worth running on a post.

Python's regex engine tries every alternative at every position, so each
pattern costs a full scan of the post. Every pattern needs one of a few word
beginnings ("lay", "offbo", "rate"), and some need a second group as well (a
pay word *and* a falling verb). The words of a post are looked up once, each
word's beginnings cached as a bit mask, and a pattern whose words are absent
is skipped without scanning.
"""

from __future__ import annotations

import string
from collections.abc import Sequence

_TABLE = str.maketrans({c: " " for c in string.punctuation + "’‘“”–—…" if c not in "'%$£€"})
_SYMBOLS = frozenset("%$£€")
_CACHE_LIMIT = 200_000


def words(lower: str) -> set[str]:
    return set(lower.translate(_TABLE).split())


def _prefix(key: str) -> str | None:
    parts = key.lower().translate(_TABLE).split()
    if not parts or len(parts[0]) < 2:
        return None
    return parts[0][:5]


class Gatekeeper:
    """Bit masks for groups of key words; a gate is one or two groups that must all appear."""

    def __init__(self, gates: Sequence[tuple[tuple[str, ...], ...]]) -> None:
        self._prefix_bits: dict[str, int] = {}
        self._symbol_bits: list[tuple[str, int]] = []
        self._always = 0
        self._gates: list[int] = []
        group_bits: dict[tuple[str, ...], int] = {}
        for groups in gates:
            need = 0
            for keys in groups:
                if keys not in group_bits:
                    group_bits[keys] = bit = 1 << len(group_bits)
                    self._file(keys, bit)
                need |= group_bits[keys]
            self._gates.append(need)
        self._word_bits: dict[str, int] = {}
        self._opened: dict[int, tuple[int, ...]] = {}
        """Per-word cache; words repeat across posts, so lookups soon dominate."""

    def _file(self, keys: tuple[str, ...], bit: int) -> None:
        if not keys:
            self._always |= bit
        for key in keys:
            if key.strip() in _SYMBOLS:
                self._symbol_bits.append((key.strip(), bit))
                continue
            prefix = _prefix(key)
            if prefix is None:
                self._always |= bit
            else:
                self._prefix_bits[prefix] = self._prefix_bits.get(prefix, 0) | bit

    @staticmethod
    def spaced(lower: str) -> str:
        """Punctuation turned into spaces, same length (so sentence offsets still apply)."""
        return lower.translate(_TABLE)

    def mask(self, lower: str) -> int:
        """The key groups present in an already lower-cased text."""
        return self.mask_words(lower.translate(_TABLE))

    def mask_words(self, spaced: str) -> int:
        """The key groups present in text already passed through ``spaced``."""
        mask = self._always
        cache = self._word_bits
        bits = self._prefix_bits
        for word in set(spaced.split()):
            b = cache.get(word)
            if b is None:
                b = bits.get(word[:2], 0) | bits.get(word[:3], 0) | bits.get(word[:4], 0) \
                    | bits.get(word[:5], 0)
                if len(cache) < _CACHE_LIMIT:
                    cache[word] = b
            mask |= b
        for symbol, bit in self._symbol_bits:
            if symbol in spaced:
                mask |= bit
        return mask

    def opened(self, mask: int) -> tuple[int, ...]:
        """Indices of the gates a mask opens (cached: few distinct masks occur)."""
        found = self._opened.get(mask)
        if found is None:
            found = tuple(i for i, need in enumerate(self._gates) if mask & need == need)
            if len(self._opened) < _CACHE_LIMIT:
                self._opened[mask] = found
        return found

    def open(self, mask: int, gate: int) -> bool:
        need = self._gates[gate]
        return mask & need == need
