"""Faster alternations: alternatives grouped by their first letter.

Python's regex engine tries the alternatives of a group one after another at
every position, and does not notice that most of them cannot start with the
letter it is looking at. Grouping ``layoffs|laid off|offboarded|let go`` as
``(?:layoffs|laid off|let go)|offboarded`` lets one failed letter skip a whole
group. The rewrite never changes what a pattern matches: alternatives are only
moved past others that cannot begin with the same letter, so whenever two
alternatives could match at the same place they are tried in their old order.
"""

from __future__ import annotations

_SPECIAL = set("\\()[]{}|.*+?^$")
_OPTIONAL_AFTER = set("?*{")


def split_alternatives(src: str) -> list[str] | None:
    """The top-level alternatives of a regex source, or None if it is not well formed."""
    parts: list[str] = []
    depth = 0
    start = 0
    i = 0
    in_class = False
    while i < len(src):
        c = src[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
        elif c == "[":
            in_class = True
            if src[i + 1:i + 2] == "]":
                i += 1
            elif src[i + 1:i + 3] == "^]":
                i += 2
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth < 0:
                return None
        elif c == "|" and depth == 0:
            parts.append(src[start:i])
            start = i + 1
        i += 1
    if depth != 0 or in_class:
        return None
    parts.append(src[start:])
    return parts


_DIGITS = "\\d"
"""Stands in a first-character set for every decimal digit."""


def _first_chars(alternative: str) -> frozenset[str] | None:
    """The characters a match of this alternative can start with, when the pattern says so
    plainly (a letter, ``\\d`` or a group of such alternatives); None when unknown."""
    body = alternative[2:] if alternative.startswith("\\b") else alternative
    if not body:
        return None
    if body.startswith("(?:"):
        close = _matching_paren(body, 0)
        if close is None:
            return None
        after = body[close + 1:close + 2]
        if after == "?" and body[close + 2:close + 3] not in ("?", "+"):
            # "(?:the )?whole": the group's first characters, or what follows it.
            group, rest = _first_chars(body[:close + 1]), _first_chars(body[close + 2:])
            return None if group is None or rest is None else group | rest
        if after in _OPTIONAL_AFTER:
            return None
        inner = split_alternatives(body[3:close])
        if inner is None:
            return None
        chars: set[str] = set()
        for part in inner:
            found = _first_chars(part)
            if found is None:
                return None
            chars |= found
        return frozenset(chars)
    if body.startswith(_DIGITS):
        return None if body[2:3] in _OPTIONAL_AFTER else frozenset({_DIGITS})
    if body[0] in _SPECIAL or body[0].isspace() or body[1:2] in _OPTIONAL_AFTER:
        return None
    return frozenset({body[0]})


def factor(src: str) -> str:
    """``src`` (an alternation) with its alternatives grouped by first letter where safe."""
    parts = split_alternatives(src)
    if parts is None or len(parts) < 3:
        return src
    units: list[list[str]] = []
    open_group: dict[str, int] = {}
    """Letter -> index of the unit a later alternative with that letter may still join."""
    for part in parts:
        chars = _first_chars(part)
        letter = next(iter(chars)) if chars is not None and len(chars) == 1 else None
        if letter is not None and letter != _DIGITS and letter in open_group:
            units[open_group[letter]].append(part)
            continue
        units.append([part])
        if chars is None:
            # Could start with anything: nothing after it may be moved before it.
            open_group.clear()
            continue
        # Nothing that could start like this one may later be moved before it.
        for c in list(open_group):
            if c in chars or (_DIGITS in chars and c.isdecimal()):
                del open_group[c]
        if letter is not None and letter != _DIGITS:
            open_group[letter] = len(units) - 1
    if len(units) == len(parts):
        return src
    return "|".join(u[0] if len(u) == 1 else "(?:" + "|".join(u) + ")" for u in units)


def factor_group(src: str) -> str:
    """For a ``(?:...)`` group, or a ``\\b(?:...)...`` pattern: factor its alternation.

    A pattern whose alternatives all start at a word boundary (``\\bA|\\bB``) becomes
    ``\\b(?:A|B)``: one boundary test per position instead of one per alternative.
    """
    parts = split_alternatives(src)
    if parts is not None and len(parts) > 1 and all(p.startswith("\\b") for p in parts):
        return "\\b(?:" + factor("|".join(p[2:] for p in parts)) + ")"
    for head in ("(?:", "\\b(?:"):
        if src.startswith(head):
            close = _matching_paren(src, len(head) - 3)
            if close is not None:
                inner = src[len(head):close]
                return src[:len(head)] + factor(inner) + src[close:]
    return factor(src)


def _matching_paren(src: str, open_at: int) -> int | None:
    depth = 0
    i = open_at
    in_class = False
    while i < len(src):
        c = src[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
        elif c == "[":
            in_class = True
            if src[i + 1:i + 2] == "]":
                i += 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return None
