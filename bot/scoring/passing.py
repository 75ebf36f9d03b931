"""Platforms a sentence names only in passing.

Press items name companies that are not their subject: a rival ("Scale AI rival
Mercor cuts pay"), a competitor ("Mercor, which competes with Scale AI"), a backer,
the former employer of the founders, a client, a comparison or an earlier precedent
("following Scale AI's cuts last month"), or a company only described ("Outlier, the
Scale AI gig platform"). signals.md lists the platforms the event is about, so such
a mention must not put its platform on the list; a platform the sentence also names
as acting keeps its place through that other mention. The wordings are rows of
``cues/platforms_passing.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

from bot.platforms import OTHER, PlatformRegistry
from bot.scoring.events import Hit
from bot.scoring.narrowing import Finder
from bot.scoring.platform_match import PlatformMention
from bot.scoring.text import PostText, is_record

_LABEL = re.compile(r"[a-z][a-z/&.()' -]{0,40}:")
"""A sentence that is only a label ("Q:", "A:", "In this episode:"): a FAQ's or show
notes' layout, no sentence of the story, so it does not push the news deeper."""
_REACH = 80
"""How far past a mention its qualifier is looked for ("-backed", " executives founded")."""


def passing_mentions(ctx: Mapping[str, Finder], registry: PlatformRegistry,
                     text: PostText, mentions: list[PlatformMention],
                     lead: int | None = None, news: Collection[int] = ()) -> list[PlatformMention]:
    """The mentions that name their platform only in passing, sentence by sentence.

    ``lead`` is the start of the lead event's sentence: a body sentence other than it
    that tells an earlier event ("Scale AI cut pay last month") is a precedent too.
    ``news`` holds the starts of the sentences telling an event: a roundup's headline
    names in passing a platform no item of news names (``roundup_unlisted``).
    """
    found: list[PlatformMention] = []
    by_sentence: dict[int, list[PlatformMention]] = {}
    for m in mentions:
        by_sentence.setdefault(text.sentence_at(m.start).start, []).append(m)
    for group in by_sentence.values():
        found += _in_sentence(ctx, registry, text, sorted(group, key=lambda m: m.start))
    # Only once the title or the lead sentence names its own platform (else the earlier
    # event may be the one the post is about), and never that platform's brand or parent
    # ("Scale AI cut more jobs ... Outlier cut pay last month": the same workforce).
    if lead is None:
        return found
    found += [m for m in roundup_unlisted(ctx, text, mentions, news, lead) if m not in found]
    lead_end = text.sentence_at(lead).end
    subjects = [m for m in mentions if m not in found
                and (lead <= m.start < lead_end or text.sentence_at(m.start).in_title)]
    for start, group in by_sentence.items():
        sent = text.sentence_at(start)
        if subjects and start != lead and not sent.in_title and \
                ctx["platform_passing_earlier"].search(text.original[sent.start:sent.end]):
            found += [m for m in group if m not in found and not any(
                s.platform_id == m.platform_id or _related(registry, s, m) for s in subjects)]
    return found


def beneficiary(ctx: Mapping[str, Finder], text: PostText,
                mention: PlatformMention) -> bool:
    """A platform the work goes to ("from Scale AI to Surge and Mercor"), not one hit."""
    sent = text.sentence_at(mention.start)
    return ctx["scorer_beneficiary"].search(text.lower, sent.start, mention.start) is not None


def lab_clients(registry: PlatformRegistry, hits: list[Hit], mentions: list[PlatformMention],
                labs: Collection[str]) -> list[PlatformMention]:
    """Platforms named as the lab that walks away ("OpenAI and xAI paused their work with
    Scale AI"): before a client-loss cue whose sentence names a platform after it, unless
    that platform is its own brand or parent ("Scale moving Outlier's reviewing in-house":
    a parent is no client of its brand); and ``labs`` (platforms that are labs too)
    anywhere beside another platform."""
    others = {m.platform_id for m in mentions} - {*labs, OTHER}
    found = [m for m in mentions if others and m.platform_id in labs]
    for hit in hits:
        if hit.event_type != "client_loss":
            continue
        sent = hit.sentence
        after = [m for m in mentions if hit.start <= m.start < sent.end]
        if after:
            found += [m for m in mentions if sent.start <= m.start < hit.start
                      and not any(a.platform_id == m.platform_id or _related(registry, a, m)
                                  for a in after)]
    return found


def _in_sentence(ctx: Mapping[str, Finder], registry: PlatformRegistry,
                 text: PostText, group: list[PlatformMention]) -> list[PlatformMention]:
    original = text.original
    sent = text.sentence_at(group[0].start)
    passing: set[int] = set()
    # Passing mentions whose role carries on to the next name of a list ("rivals Scale AI
    # and Surge", "the parent of Outlier and Remotasks").
    listed: set[int] = set()
    subject: set[int] = set()
    for i, m in enumerate(group):
        prev = group[i - 1] if i else None
        gap = original[prev.end:m.start] if prev is not None else ""
        other = prev is not None and prev.platform_id != m.platform_id
        if (other and ctx["platform_passing_gap_subject"].fullmatch(gap)) or (
                i - 1 in subject and ctx["platform_passing_list"].fullmatch(gap)):
            if i - 1 not in subject:
                passing.add(i - 1)  # "Scale AI rival Mercor": Mercor is the subject ...
            subject.add(i)  # ... and so is the rest of its list ("rivals Surge and Mercor")
            continue
        if (i - 1 in listed and ctx["platform_passing_list"].fullmatch(gap)) or (
                other and i - 1 not in passing
                and ctx["platform_passing_apposition"].fullmatch(gap)) or \
                ctx["platform_passing_before"].search(original[sent.start:m.start]):
            passing.add(i)  # "Outlier, the Scale AI gig platform"; "backed by Scale AI"
            listed.add(i)
        elif ctx["platform_passing_after"].match(_after(original, m, sent.end)):
            passing.add(i)  # "Scale AI-backed", "Scale AI executives founded ..."
        elif _compared(ctx, registry, original, sent.start, group, passing, i):
            passing.add(i)
            listed.add(i)
    return [m for i, m in enumerate(group) if i in passing]


def _after(original: str, m: PlatformMention, end: int) -> str:
    """The words after a mention; a possessive the name took ("Scale AI's") leads them."""
    after = original[m.end:min(end, m.end + _REACH)]
    return "'s" + after if m.text.endswith(("'s", "’s")) else after


def _compared(ctx: Mapping[str, Finder], registry: PlatformRegistry, original: str,
              start: int, group: list[PlatformMention], passing: set[int], i: int) -> bool:
    """"Mercor lays off 200, like Scale AI before it": a comparison or precedent counts
    only after another platform that acts ("platforms like UHRS, Clickworker and Appen"
    compares none)."""
    m = group[i]
    compare = ctx["platform_passing_compare"].search(original, start, m.start)
    return compare is not None and any(
        j not in passing and a.platform_id != m.platform_id and a.end <= compare.start()
        and not _related(registry, a, m) for j, a in enumerate(group[:i]))


def _related(registry: PlatformRegistry, a: PlatformMention, b: PlatformMention) -> bool:
    """A brand and its parent: the parent's move is often the brand's cause, not a
    comparison ("Outlier paused projects following Scale AI's loss of a client")."""
    pa, pb = registry.get(a.platform_id), registry.get(b.platform_id)
    return (pa is not None and pa.parent == b.platform_id) or \
        (pb is not None and pb.parent == a.platform_id)


def event_in_passing(ctx: Mapping[str, Finder], text: PostText, lead: Hit,
                     spans: list[tuple[int, int]], limit: int) -> int:
    """The body sentence (counted from 1) a press item first names its lead event in, when
    that is deep enough (``limit`` sentences before it) to be a feature mentioning it in
    passing; else 0. Not when the body is laid out as a record's fields, nor when the
    sentence names a platform and hundreds of its workers: long-form press tells its news
    paragraphs down ("xAI ended the contracts of several hundred tutors"), a feature's
    aside does not come with a platform's headcount. Nor in a listed company's results
    statement: its operational review tells its reorganisation well down the page."""
    if lead.sentence.in_title:
        return 0
    depth = sum(1 for s in text.sentences if not s.in_title and s.start < lead.start
                and not _LABEL.fullmatch(s.text)) - 1
    if depth < limit or is_record(text) or ctx["results_statement"].search(text.sentences[0].text):
        return 0  # fields, or a company's results statement: its news sits under a heading
    sent = lead.sentence
    if any(sent.start <= a < sent.end for a, _ in spans) and \
            ctx["headcount_large"].search(sent.text):
        return 0
    return depth + 1


def roundup_unlisted(ctx: Mapping[str, Finder], text: PostText,
                     mentions: list[PlatformMention], news: Collection[int],
                     lead: int) -> list[PlatformMention]:
    """A roundup's title mentions whose platform no news item of the body names.

    A digest's headline lists its items in a few words ("Appen trims pay, MTurk tax form
    window, a new Prolific filter") and only some of them are news; the body's items say
    which. A title platform counts when a body line holding an event names it too; when
    no such line names any platform, the title is all there is to go on and stays.
    """
    if text.sentence_at(lead).in_title or not ctx["roundup"].search(text.lower):
        return []
    original = text.original
    lines = {(original.rfind("\n", 0, s.start) + 1,  # the item's line, to its end or the post's
              len(original) if (end := original.find("\n", s.end)) < 0 else end)
             for s in text.sentences if s.start in news and not s.in_title}
    named = {m.platform_id for m in mentions
             if not text.sentence_at(m.start).in_title and any(a <= m.start < b for a, b in lines)}
    if not named:
        return []
    return [m for m in mentions
            if text.sentence_at(m.start).in_title and m.platform_id not in named]
