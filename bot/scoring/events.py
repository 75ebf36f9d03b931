"""Finding the events a post describes, and the one it leads with.

Event cues (rows of the cue table) are matched over the post; each match is
then kept or dropped by its context: what its row ``needs`` in the sentence, a
denial just before it, or another company as its actor. What is kept is
weighted by how its sentence is worded (a question, a hedge, the past), with
the factors of ``scoring.toml``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass

from bot.scoring.asking import asked_factor, clause_tells, given_at, gives_figure
from bot.scoring.cuetable import Cue, CueTable
from bot.scoring.leading import pick
from bot.scoring.magnitude import pay_direction
from bot.scoring.model import Magnitude
from bot.scoring.narrowing import Finder, Lazy, Narrowing
from bot.scoring.text import Normalised, PostText, Sentence, split
from bot.scoring.timeline import placed_past

RawMatch = tuple[Cue, re.Match[str]]


def _start(found: RawMatch) -> int:
    return found[1].start()


def names_setting(ctx: Mapping[str, Finder], text: str) -> bool:
    """``text`` (lower-cased) names an event only as its time or setting ("A week after its
    layoffs, Scale AI says ..."): the scorer lets such an event count for little, and a
    headline of this kind is a later report of that event, not news of its own."""
    return any(ctx["setting"].match(m[0]) for m in ctx["background"].finditer(text))


@dataclass(frozen=True)
class Hit:
    event_type: str
    weight: float
    start: int
    end: int
    sentence: Sentence
    cue: str = ""
    """The id of the row that found it ("" for a bare pay pair)."""
    given: int | None = None
    """In a question that takes the event as given ("why did Acme cut pay?"), where the
    frame that does so opens (``asking.given_at``); the reasons quote from there."""


class EventFinder:
    """Compiled once per scorer from the cue table; holds no per-post state."""

    def __init__(self, table: CueTable) -> None:
        self.table = table
        self.cues = table.events
        self.ctx = table.context
        self.reports = table.reports
        self.narrowing = Narrowing([Lazy(c.source) for c in (*self.cues, *self.reports)],
                                   derive=table.derive)
        """One filter for event and report cues, so a post is scanned for their strings once."""
        self.f: Mapping[str, float] = table.settings["sentence"]
        self.bias = {t["name"]: float(t.get("bias", 0.0)) for t in table.settings["type"]}

    def find(self, norm: Normalised, use_prefilter: bool = True
             ) -> tuple[PostText | None, list[RawMatch], list[Cue]]:
        """The post cut into sentences (None when no cue matched), its event matches, and
        the report cues that could match it."""
        lower = norm.lower
        count = len(self.cues)
        opened = self.narrowing.open(lower) if use_prefilter else \
            {i: c.regex for i, c in enumerate((*self.cues, *self.reports))}
        found: list[RawMatch] = []
        reports: list[Cue] = []
        for index, regex in opened.items():
            if index >= count:
                reports.append(self.reports[index - count])
                continue
            found.extend((self.cues[index], m) for m in regex.finditer(lower))
        if not found:
            return None, [], reports
        text = split(norm)
        return text, self._settle(text, found), reports

    def _settle(self, text: PostText, found: list[RawMatch]) -> list[RawMatch]:
        """Matches kept inside their sentence: a cue whose match runs past a sentence
        end is matched again sentence by sentence."""
        starts, sentences = text.starts, text.sentences
        redo: dict[str, Cue] = {}
        for cue, m in found:
            sent = sentences[max(0, bisect_right(starts, m.start()) - 1)]
            if m.start() < sent.start or m.end() > sent.end:
                redo[cue.id] = cue
        if redo:
            found = [(c, m) for c, m in found if c.id not in redo]
            for cue in redo.values():
                for sent in sentences:
                    found.extend((cue, m) for m in cue.regex.finditer(text.lower, sent.start,
                                                                      sent.end))
        found.sort(key=_start)
        return found

    def hits(self, text: PostText, raw: list[RawMatch], mention_spans: list[tuple[int, int]],
             reasons: list[str], ctx: Mapping[str, Finder],
             source_kind: str = "feed") -> tuple[list[Hit], str]:
        """The matches that stand, weighted; and the first denied one, if any. ``ctx`` is
        the post's view of the context cues (``Rules.context_for``). Not a feed item: a
        post whose title names a platform is about it throughout ("Heads up if you use
        Appen" over "the program is closing"), so a row that ``needs`` a platform finds one
        in every body sentence; a press item's body may be about anyone it names, and a
        title that asks ("Outlier fan forum closing?") may be answered about something else
        (the forum, not the platform)."""
        with_platform = {text.sentence_at(a).start for a, _ in mention_spans}
        if source_kind != "feed" and not text.sentences[0].is_question and \
                any(a < text.title_end for a, _ in mention_spans):
            with_platform.update(s.start for s in text.sentences if not s.in_title)
        hits: list[Hit] = []
        denied = ""
        factors: dict[int, tuple[float, list[tuple[int, int]]]] = {}
        actors: dict[int, list[int]] = {}
        for cue, m in raw:
            sent = text.sentence_at(m.start())
            if cue.needs and not any(
                    sent.start in with_platform if need == "platform"
                    else ctx[need].search(sent.text) for need in cue.needs.split("|")):
                continue
            if negated(ctx, text.lower, m.start(), sent.start):
                denied = denied or repr(text.original[m.start():m.end()])
                continue
            if sent.start not in actors:
                actors[sent.start] = _actor_ends(ctx, sent, mention_spans)
            if self._outsider(ctx, text, sent, m.start(), m.end(), cue.name, mention_spans,
                              actors[sent.start]):
                reasons.append(f"another company: {sent.text.strip()[:60]!r}")
                continue
            if sent.start not in factors:
                factors[sent.start] = self.sentence_factor(sent, ctx)
            factor, settings = factors[sent.start]
            given = given_at(ctx, text, sent, m.start(), m.end()) if sent.is_question else None
            if given is not None and given.clause:  # "after 300 job cuts, can it recover?"
                told = clause_tells(text, given, m.start(), m.end(), mention_spans)
                setting = not told
            else:  # a "why" or an owner's frame in a setting span needs a figure too
                setting = any(a <= m.start() - sent.start < b for a, b in settings) and (
                    given is None or not gives_figure(text, given, m.end()))
                told = given is not None and not setting
            if setting:
                factor *= self.f["setting"]
            elif told and given is not None:  # what the question asks follows from it: told
                factor = self.f["presupposed"]
                said = f"the question presupposes {text.original[given.start:m.end()]!r}"
                if said not in reasons:
                    reasons.append(said)
            hits.append(Hit(cue.name, cue.weight * factor, m.start(), m.end(), sent, cue.id,
                            given.start if told and given is not None else None))
        return hits, denied

    def sentence_factor(self, sent: Sentence, ctx: Mapping[str, Finder]
                        ) -> tuple[float, list[tuple[int, int]]]:
        """How far a sentence's wording lets an event in it count (questions, hedges, past),
        and the spans (within the sentence) that name an event only as a time or setting."""
        f = self.f
        factor = 1.0
        if sent.is_question:
            factor = asked_factor(ctx, f, sent.text)
        elif ctx["hedge"].search(sent.text):
            factor = f["hedged"]
        elif ctx["soft_hedge"].search(sent.text):
            factor = f["soft_hedged"]
        settings: list[tuple[int, int]] = []
        looks_back = False
        for background in ctx["background"].finditer(sent.text):
            if ctx["setting"].match(background.group(0)):
                # "After layoffs, Scale bets on...": only that event is a setting, and only
                # up to its clause's comma ("when a client left, 300 lost their work").
                end = background.end() + int(f["setting_reach"])
                comma = sent.text.find(",", background.end(), end)
                settings.append((background.start(), end if comma < 0 else comma))
            else:
                looks_back = True
        if ctx["despite"].search(sent.text):
            factor *= f["despite"]
        elif looks_back:
            factor *= f["looks_back"]
        return factor, settings

    def _outsider(self, ctx: Mapping[str, Finder], text: PostText, sent: Sentence,
                  start: int, end: int, kind: str,
                  mention_spans: list[tuple[int, int]], actor_ends: list[int]) -> bool:
        """True when the event belongs to a company that is not an annotation platform.

        The actor is the last company named before the event word in its
        sentence; a platform named between them takes the event back. A lab
        ending its contract with a platform, or a parent closing its platform, is the
        platform's news: those only need a platform somewhere in the sentence.
        """
        if ctx["outsider_after"].match(text.lower, end):
            return True
        before = bisect_right(actor_ends, start + 1)
        if before == 0 or ctx["contracted_workers"].search(sent.text):
            return False
        if kind in ("client_loss", "shutdown") or ctx["closed_site"].match(text.lower, start):
            # "Amazon will stop taking new customers for Mechanical Turk": the platform
            # named anywhere in the sentence makes it the platform's news (so does a site
            # of the platform closed: "the client's vendor shuts its centre").
            return not any(sent.start <= a < sent.end for a, _ in mention_spans)
        actor_pos = actor_ends[before - 1]
        return not any(actor_pos <= a < end for a, _ in mention_spans)

    def magnitude_hits(self, text: PostText, magnitude: Magnitude | None,
                       ctx: Mapping[str, Finder],
                       mention_spans: list[tuple[int, int]]) -> list[Hit]:
        """A before/after pay pair is itself a report of a cut or a raise, unless, like any
        event cue, its sentence gives it to a company that is not an annotation platform."""
        direction = pay_direction(magnitude)
        if magnitude is None or direction == 0 or not magnitude.text:
            return []
        phrase = magnitude.text.split("; ")[0].lower()
        pos = text.lower.find(phrase)
        if pos < 0:
            return []
        sent = text.sentence_at(pos)
        if direction > 0 and ctx["pay_range"].search(text.lower, sent.start, pos + len(phrase)):
            return []  # "earn $6 to $10 a day", "rates of $15 to $20/hr": a range, not a change
        kind = "pay_raise" if direction > 0 else "pay_cut"
        if self._outsider(ctx, text, sent, pos, pos + len(phrase), kind, mention_spans,
                          _actor_ends(ctx, sent, mention_spans)):
            return []  # "my translation agency cut rates from $20 to $15": another company's
        f, later = self.f, [s.end for s in text.sentences if s.start >= sent.end][:2]
        backed = sent.in_title and ctx["pay_word"].search(  # a headline's, pay words near
            text.lower, sent.start, max([sent.end, *later])) is not None
        asked = asked_factor(ctx, f, sent.text) if sent.is_question else 1.0
        return [Hit(kind, f["pay_pair_backed" if backed else "pay_pair"] * asked, pos,
                    pos + len(phrase), sent, "pay_pair")]

    def lead(self, hits: list[Hit], magnitude: Magnitude | None,
             roundup: bool = False) -> Hit | None:
        """The event the post leads with (``leading.pick``). An event the post places in the
        past (``timeline``: "laid off back in January, now hiring 3,000") leads only when the
        events it tells as new are of its own type. A roundup ("This week in the crowd: 1.
        ... 2. ...") leads with its first item that names an event: its title lists items in
        a few words, often vague ("a rough week")."""
        strong = [h for h in hits if h.weight >= self.f["min_lead"]]
        if not strong:
            return None
        if roundup and (body := [h for h in strong if not h.sentence.in_title]):
            first = min(body, key=lambda h: h.start).sentence
            strong = [h for h in body if h.sentence is first]
        best = pick(self.f, self.bias, self.ctx, strong, magnitude)
        if len({h.event_type for h in strong}) < 2:
            return best  # placing events in time only matters between types
        placed = placed_past(self.ctx, strong)
        told = [h for h, past in zip(strong, placed, strict=True) if not past]
        if told and len(told) < len(strong):
            news = pick(self.f, self.bias, self.ctx, told, magnitude)
            if news.event_type != best.event_type:
                return news
        return best

def negated(ctx: Mapping[str, Finder], lower: str, start: int,
            sentence_start: int) -> bool:
    """True when the words just before a match deny it ("not being cut", "no layoffs")."""
    lo = max(sentence_start, start - 40)
    m = ctx["neg_before"].search(lower[lo:start])
    return m is not None and ctx["neg_exempt"].match(lower, lo + m.start()) is None


def _actor_ends(ctx: Mapping[str, Finder], sent: Sentence,
                mention_spans: list[tuple[int, int]]) -> list[int]:
    """Where each non-platform company named in the sentence ends: candidate actors."""
    return [sent.start + a.end() for a in ctx["outsider"].finditer(sent.text)
            if not any(x <= sent.start + a.start() < y for x, y in mention_spans)
            and not ctx["client_work"].match(sent.text, a.end())]
