"""Finding platforms in loosely written text.

People write "DA", "DAT", "Outlier AI", "Scale", "micro 1" or "TELUS Intl";
several of those are also ordinary words, so aliases that are English words
must be capitalised, short upper-case ones must match exactly, and a few
known phrases ("Turing test", "scale of") never count. Patterns are built once
per registry so a config-file platform is matched like a built-in one.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from bot.platforms import OTHER, PlatformRegistry
from bot.scoring.cuetable import CueTable, load_table
from bot.scoring.narrowing import Narrowing

_LETTER = r"[^\W\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]"
"""A word character of a script that writes spaces between its words."""
_ASKED = re.compile(r"[^.!?\n]*\?")  # from a mention to its sentence's end: a question
PHRASE = "platform_phrase_"
"""Context cues named ``platform_phrase_<id>`` name a platform by a phrase rather than a
name ("Google laid off 200 AI contractors" is GlobalLogic's rater workforce)."""


@dataclass(frozen=True)
class PlatformMention:
    platform_id: str
    start: int
    end: int
    text: str


class PlatformMatcher:
    """Every platform mention in a post, with offsets for context checks."""

    def __init__(self, registry: PlatformRegistry, cues: CueTable | None = None) -> None:
        self.registry = registry
        cues = cues if cues is not None else load_table()
        data = cues.settings["platforms"]
        self._english = frozenset(data["english_words"])
        self._lowercase_ok = frozenset(data["lowercase_ok"])
        self._not_after = cues.context["platform_not_after"]
        self._not_before = cues.context["platform_not_before"]
        self._short_not_after = cues.context["platform_short_not_after"]
        self._vendor = cues.context["platform_vendor_named"]
        self._opening = cues.context["platform_lowercase_opening"]
        phrases = {name: regex for name, regex in cues.context.items() if name.startswith(PHRASE)
                   and (name.removeprefix(PHRASE) in registry or name.endswith(OTHER))}
        self._phrase_ids = [OTHER if n.endswith(OTHER) else n.removeprefix(PHRASE) for n in phrases]
        self._phrases = Narrowing(list(phrases.values()), fold=True, derive=cues.derive)
        table: dict[str, list[tuple[str, str, str]]] = {}
        for platform in registry:
            for form in (platform.id.replace("_", " "), *platform.names()):
                self._place(table, form, platform.id, loose=False)
            for form in platform.loose_aliases:
                self._place(table, form, platform.id, loose=True)
        for form, pid in data["subsidiaries"].items():
            if pid in registry:
                self._place(table, form, pid, loose=False)
        for form in data["other_names"]:
            self._place(table, form, OTHER, loose=False)
        self._table = table
        forms = sorted({form.lower() for entries in table.values() for _, _, form in entries},
                       key=len, reverse=True)
        body = "|".join(_form_pattern(f) for f in forms)
        # One pass over the lower-cased text, case rules per match; kana, hanzi, hangul may touch.
        self._regex = re.compile(rf"(?<!{_LETTER})(?<![@.])(?:{body})(?!{_LETTER}|\.[a-z])")

    def _place(self, table: dict[str, list[tuple[str, str, str]]], form: str, pid: str,
               loose: bool) -> None:
        """File a written form under a rule: "any" case, "exact" case, or "capital"."""
        form = form.strip()
        if len(form) < 2:
            return
        low = form.lower()
        if form.isupper() and len(form) <= 4 and (loose or len(form) <= 3):
            mode = "exact"
        elif low in self._english:
            mode = "any" if low in self._lowercase_ok else "capital"
            form = form[0].upper() + form[1:]
        elif loose and " " not in form and not any(c.isdigit() for c in form):
            mode = "capital"
        else:
            mode = "any"
        entries = table.setdefault(_key(form), [])
        if (pid, mode, form) not in entries:
            entries.append((pid, mode, form))

    def find(self, original: str, lower: str | None = None) -> list[PlatformMention]:
        """Mentions sorted by position (``lower`` is ``original.lower()`` if already made)."""
        if lower is None or len(lower) != len(original):
            lower = original.lower()
            if len(lower) != len(original):
                lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in original)
        found: list[PlatformMention] = []
        for m in self._regex.finditer(lower):
            text = original[m.start():m.end()]
            pid = self._accept(text)
            if pid is None and not original[:m.start()].strip() and text.islower():
                pid = self._opening_name(text, original[m.end():m.end() + 40])
            if pid is None or not self._plausible(original, m.start(), m.end(), text):
                continue
            found.append(PlatformMention(pid, m.start(), m.end(), text))
        return self._by_phrase(original, found) if self._phrase_ids else found

    def _by_phrase(self, original: str, found: list[PlatformMention]) -> list[PlatformMention]:
        """Add phrase mentions, unless their sentence names another platform or the post
        another vendor: a phrase stands in for a name the post left out, never beside one
        it wrote."""
        extra: list[PlatformMention] = []
        if self._vendor.search(original):
            return found
        for index, regex in self._phrases.open(original).items():
            pid = self._phrase_ids[index]
            for m in regex.finditer(original):
                start, end = _sentence(original, m.start(), m.end())
                if any((f.platform_id not in (pid, OTHER) and start <= f.start < end)
                       or (f.start < m.end() and m.start() < f.end) for f in found):
                    continue
                extra.append(PlatformMention(pid, m.start(), m.end(), m[0]))
        return sorted(found + extra, key=lambda f: f.start) if extra else found

    def _accept(self, text: str) -> str | None:
        for pid, mode, form in self._table.get(_key(text), ()):
            if mode == "any":
                return pid
            if mode == "exact" and _key(text) == _key(form) and text.replace(" ", "") == \
                    form.replace(" ", ""):
                return pid
            if mode == "capital" and (text == form or text == form.upper()
                                      or text == form[0].upper() + form[1:]):
                return pid
        return None

    def _opening_name(self, text: str, after: str) -> str | None:
        """An everyday-word name written in lower case as the first word of a terse post
        ("surge raised the rate", "telus rater pay bumped"): the platform when what follows
        is what the platform did or its workers' channel, not the word's other sense."""
        if not self._opening.match(after):
            return None
        return next((pid for pid, mode, form in self._table.get(_key(text), ())
                     if mode == "capital"), None)

    def _plausible(self, original: str, start: int, end: int, text: str) -> bool:
        short = text.isupper() and len(text) <= 3
        if short and self._short_not_after.match(original[end:end + 40]):
            return False  # "GL everyone!": the chat abbreviation, not the platform
        if start >= 2 and original[start - 1] == "-" and original[start - 2].isalnum() \
                and text.split()[0].lower() in self._english:
            return False  # "large-scale AI", "full-scale": part of a hyphenated word
        if text.lower() not in self._english:
            return True
        if self._not_after.match(original, end) and original[end:end + 3] != " AI":
            return False
        before = original[max(0, start - 12):start]
        return not self._not_before.search(before)


def _key(text: str) -> str:
    return re.sub(r"[\s.\-]+", "", text.lower())


def _sentence(original: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence (or line) around ``start``..``end``."""
    left = max(original.rfind(c, 0, start) for c in ".!?\n") + 1
    rights = [i for c in ".!?\n" if (i := original.find(c, end)) >= 0]
    return left, min(rights, default=len(original))


def _form_pattern(form: str) -> str:
    """Spaces, dots and dashes in an alias match any of them, or nothing."""
    parts = re.split(r"[\s.\-]+", form)
    return r"[\s.\-]?".join(re.escape(p) for p in parts if p)


def _is_descriptor(cues: CueTable, original: str, mention: PlatformMention,
                   children: list[PlatformMention], sender_only: bool = False) -> bool:
    """A parent named as its brand's owner ("run by", "Labelbox's Alignerr", "Surge/DA"), or
    as the one who sent the brand's news ("Labelbox email:", "signed by the Scale team"):
    only the latter (``sender_only``) when the brand is the post's community, not named."""
    before = original[max(0, mention.start - 45):mention.start]
    after = original[mention.end:mention.end + 30]
    if mention.text.endswith("'s"):  # "Scale AI's gig platform": the possessive is the cue's
        after = "'s" + after
    ctx = cues.context
    if ctx["descriptor_messenger_before"].search(before) or \
            ctx["descriptor_messenger_after"].match(after):
        return True
    if sender_only:
        return False
    if ctx["descriptor_before"].search(before) or ctx["descriptor_after"].match(after):
        return True
    for child in children:
        gap = original[mention.end:child.start] if child.start >= mention.end \
            else original[child.end:mention.start]
        if re.fullmatch(r"\s*(?:/|'s|')\s*", gap) or (
                mention.text.endswith("'s") and not gap.strip()):
            return True
    return False


def _brands_hit(registry: PlatformRegistry, original: str, mentions: list[PlatformMention],
                ids: set[str]) -> set[str]:
    """Brands of a chosen parent that the post names, anywhere, as where the workers are
    ("Scale AI ... Many taskers on Outlier, the company's gig-work platform")."""
    ctx = load_table().context
    before, after = ctx["platform_brand_workers_before"], ctx["platform_brand_workers_after"]
    children = {p.id for parent in ids for p in registry.children(parent)} - ids
    return {m.platform_id for m in mentions if m.platform_id in children and (
        before.search(original[max(0, m.start - 40):m.start])
        or after.match(original[m.end:m.end + 60]))}


def _drop_described_parents(registry: PlatformRegistry, original: str,
                            mentions: list[PlatformMention], ids: set[str],
                            sender_only: bool = False) -> None:
    """Drop from ``ids`` a parent named only to describe its listed brand, or only as the
    sender of the brand's news ("an email from Scale"): signals.md lists the brand alone."""
    for parent in list(ids):
        children = {p.id for p in registry.children(parent)}
        if children & ids:
            kids = [m for m in mentions if m.platform_id in children]
            acting = [m for m in mentions if m.platform_id == parent
                      and not _is_descriptor(load_table(), original, m, kids, sender_only)]
            if not acting:
                ids.discard(parent)


def _brand_by_phrase(registry: PlatformRegistry, original: str, chosen: list[PlatformMention],
                     mentions: list[PlatformMention], ids: set[str], home: str | None) -> None:
    """A parent the event's sentences name only as a brand ("Scale's tasking site", "the
    Scale brand") or as the sender of news ("Rate email from Labelbox") stands for its one
    brand the post names elsewhere or is posted in."""
    cues = load_table()
    phrase = cues.context["platform_parent_as_brand"]
    for parent in list(ids):
        named = [m for m in chosen if m.platform_id == parent]
        if not named or not all(phrase.match(("'s" if m.text.endswith("'s") else "")
                                             + original[m.end:m.end + 40])
                                or _is_descriptor(cues, original, m, [], sender_only=True)
                                for m in named):
            continue
        kids = {m.platform_id for m in mentions if (p := registry.get(m.platform_id))
                and p.parent == parent}
        if home is not None and (p := registry.get(home)) and p.parent == parent:
            kids.add(home)
        if len(kids) == 1:
            ids.discard(parent)
            ids |= kids


def resolve_platforms(
    registry: PlatformRegistry,
    original: str,
    mentions: list[PlatformMention],
    focus: list[tuple[int, int]],
    home: str | None,
    brand_too: bool = True,
    source: str | None = None,
) -> tuple[tuple[str, ...], bool]:
    """The platforms an event is about, and whether the post itself named them.

    ``focus`` holds the spans of the sentences where the event was found (and
    the title); mentions there win over passing mentions elsewhere. ``home``
    is the subreddit's or the source's platform, used when the post names
    none, or alongside a brand when the post names only the brand's parent and
    speaks for the brand's people (unless ``brand_too`` is false: news of the
    parent's own staff). ``source``, the feed's name: on the home's own staff forum ("Blind:
    Scale AI"), "we" changing a brand's work is the parent acting, listed beside the brand.
    """
    starts = [a for a, _ in focus]
    chosen = [m for m in mentions
              if (i := bisect_right(starts, m.start)) and m.start < focus[i - 1][1]]
    if not chosen and home is None:  # passing mentions only: best guess, unasked first
        chosen = [m for m in mentions if not _ASKED.match(original, m.start)] or mentions
    ids = {m.platform_id for m in chosen}
    _drop_described_parents(registry, original, mentions, ids)
    _brand_by_phrase(registry, original, chosen, mentions, ids, home)
    ids |= _brands_hit(registry, original, mentions, ids)
    named = bool(ids)
    if home is not None:
        platform = registry.get(home)
        # The brand's own community speaking of the parent: the brand too, when the post
        # says its own people were hit ("our project's slack got archived"), not when it
        # relays news of the parent (signals.md: the subreddit names only an unnamed one).
        if not ids or (brand_too and platform is not None and platform.parent in ids
                       and load_table().context["platform_brand_voice"].search(original)):
            ids.add(home)
            _drop_described_parents(registry, original, mentions, ids, sender_only=True)
        elif source and any((p := registry.get(i)) and p.parent == home for i in ids) and \
                (ctx := load_table().context)["platform_staff_forum"].match(source) and \
                ctx["platform_brand_voice"].search(original):
            ids.add(home)
    if len(ids) > 1:
        ids.discard(OTHER)
    return tuple(sorted(ids)), named
