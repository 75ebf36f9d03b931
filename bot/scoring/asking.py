"""Whether a post that opens with a question also tells the news it asks about.

A headline such as "Is Outlier cutting pay?" only asks: the rules veto it ("asked",
``Rules.screened``) when the model alone would make it a signal. Many workers, though,
put their news as a question to the others hit ("anyone else from the Lisbon pod get the
goodbye email today?") and say what happened in the sentences that follow: the figures
("120 of us", "$412 instead of $540", "down 20%"), that many are hit ("every one of us got
it"), that a notice went out. Such a post carries its news; one whose only specifics sit
inside its questions ("Is Outlier cutting pay from $20 to $15?") still only asks.

A question may also take its news as given (``presupposed``): "Is Surge in trouble after
losing its top client?", "Why did Outlier cut rater pay by a third?", "What do Mercor's
tutor layoffs mean for gig workers?". What is asked is what follows from the event, why,
or what it means; the event is stated, as a press headline states it. A press headline
may wrap its news in an explainer's frame without asking (``explained``): "Here's why
Acme is closing its audio queue", "What Acme's rater layoffs mean for the industry",
"Acme's 20% pay cut, explained". The frame reads as commentary, but the event is given.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

from bot.scoring.magnitude import extract_magnitude
from bot.scoring.narrowing import Finder
from bot.scoring.text import PostText, Sentence

if TYPE_CHECKING:  # events.py weighs its questions' events here
    from bot.scoring.events import Hit

TELLING_CUES = ("group", "official")
"""Context cues that, said outside a question, tell that something happened to many:
"all of us on the pod", "the email went to everyone". The weaker "a few others said the
same" (``group_weak``) is left out: a worker asking whether others saw it says as much."""
_WHERE_ONLY = re.compile(r"^(?:across|en masse)|wide$|(?:projects?|queues?|pools?|apps?|"
                         r"accounts?|markets?|countr(?:y|ies)|regions?|board)$")
"""A ``group`` match that spans things, not people ("every project on my dashboard",
"across the board"): said after a question it tells where the poster looked, not that
anyone was hit, so it does not count as telling."""


_FIGURE = re.compile(r"\d")
"""A figure in a question's "after ..." clause makes its event news, not a time."""
NAMED = re.compile(r"(?:[\w.-]+'s|\b(?:its|their))(?: [\w$%.,-]+){0,3} $|"
                    r"\b(?:the|this|these|those)(?: (?:[$£€]?\d[\d,.]*%?|a third|half))? $")
"""Just before an event noun, its owner ("Appen's 30% rate cut", "their tutor layoffs") or
a definite article with at most a figure ("the 200 job cuts"): the event named as a thing
that exists. After "the" other words are left out: "did the company cut pay?" asks."""


def tells(ctx: Mapping[str, Finder], text: PostText,
          hits: Sequence[Hit] = ()) -> str | None:
    """The first specific the post states: an event its questions presuppose, then outside
    its questions figures, many hit or an official notice; quoted as the reason. None when
    the post only asks. ``hits``: the event cues the rules found (``RuleResult.hits``),
    each with the frame, if any, by which its question takes it as given (``Hit.given``)."""
    if (given := presupposed(text, hits)) is not None:
        return given
    stated = [s for s in text.sentences if not s.is_question]
    if not stated:
        return None
    if (figures := stated_figures(text, stated)) is not None:
        return figures
    for name in TELLING_CUES:
        for m in ctx[name].finditer(text.lower):
            if not text.sentence_at(m.start()).is_question and not (
                    name == "group" and _WHERE_ONLY.search(m[0].strip())):
                return f"{name} {text.snippet(m.start(), m.end(), pad=20)!r}"
    return None


def stated_figures(text: PostText, sentences: Sequence[Sentence]) -> str | None:
    """The figures ``sentences`` give (a pay before and after, a headcount, a share), quoted
    as a reason: what a poster's own words carry beyond a question or a denial they pass on."""
    magnitude = extract_magnitude(" ".join(text.original[s.start:s.end] for s in sentences))
    return f"figures {magnitude.text!r}" if magnitude is not None and magnitude.text else None


def asked_factor(ctx: Mapping[str, Finder], f: Mapping[str, float],
                 question: str) -> float:
    """How far a sentence ending in "?" still reports: "Entire Mint pool gone??" exclaims it;
    "Are they cutting staff at Acme?" only asks; in "Vendor cut 300 raters, anyone affected?"
    the tag asks about the news, so only the statement before it is weighed."""
    tag = ctx["question_tag"].search(question)
    head = question[:tag.start()] if tag is not None else question
    if ctx["asks_first"].match(head) or ctx["asks"].search(head):
        return f["asked"]
    return f["exclaimed"] if tag is None else f["tagged"]


def presupposed(text: PostText, hits: Sequence[Hit]) -> str | None:
    """The first event the post's questions take as given (``Hit.given``, set where the
    hits are weighed), quoted as "presupposes '...'"; None when there is none."""
    for h in hits:
        if h.given is not None:
            return f"presupposes {' '.join(text.original[h.given:h.end].split())!r}"
    return None


_CLAUSE_END = re.compile(r"[,;:]")


class Given(NamedTuple):
    """Where a question's frame opens that takes its event as given, and whether it is an
    "after", "since" or "now that" clause (which may only set the question's time)."""

    start: int
    clause: bool


def given_at(ctx: Mapping[str, Finder], text: PostText, sent: Sentence,
             start: int, end: int) -> Given | None:
    """The frame that makes the question ``sent`` take the event at ``start:end`` as given:
    "after", "since", "now that" in its clause, a "why did" or "how come" asking its cause,
    or its owner naming it as a thing ("what do Mercor's layoffs mean"). None when the
    question turns on the future or a rumour's truth (``asks_whether``), or the event is
    simply what is asked."""
    if ctx["asks_whether"].search(sent.text):
        return None
    head = text.lower[sent.start:start]
    clause = [m for m in ctx["presupposes_clause"].finditer(head)
              if not _CLAUSE_END.search(head, m.end())]
    if clause and len(head) - clause[-1].end() <= 40:
        return Given(sent.start + clause[-1].start(), True)
    if ctx["presupposes_why"].match(head):
        return Given(sent.start, False)
    if (named := NAMED.search(head)) and ctx["event_noun"].search(text.lower[start:end]):
        return Given(sent.start + named.start(), False)
    return None


def gives_figure(text: PostText, given: Given, end: int) -> bool:
    """A figure between the frame and the event's end ("after 250 job cuts"): news, not a
    time."""
    return _FIGURE.search(text.lower, given.start, end) is not None


def clause_tells(text: PostText, given: Given, start: int, end: int,
                 spans: Sequence[tuple[int, int]]) -> bool:
    """Whether a question's "after"/"since"/"now that" clause (``given``) tells its event
    rather than setting the question's time: it gives a figure ("after 250 job cuts"), or
    it tells a platform's event as a clause of its own ("after losing its top client",
    "now that Appen lost its contract") in a sentence naming the platform. The event named
    as a thing ("still getting tasks after Outlier's pay cut?", "after the layoffs?") or
    with no platform in the sentence ("now that the project ended, what are you doing?")
    is known news set as a time, as in a statement."""
    if gives_figure(text, given, end):
        return True
    sent = text.sentence_at(start)
    return any(sent.start <= a < sent.end for a, _ in spans) and \
        NAMED.search(text.lower, given.start, start) is None


COMMENTARY = "commentary or analysis, not news of one event"


def commentary(ctx: Mapping[str, Finder], text: PostText, hits: Sequence[Hit],
               spans: Sequence[tuple[int, int]]) -> str | None:
    """Why a feed item reads as commentary (``COMMENTARY``, a label or its first sentence
    says so), or why it does not after all (its only sign an explainer's frame around its
    platform's event, ``explained``); None when it shows no sign. ``spans``: where the
    platforms are named."""
    if ctx["commentary_label"].search(text.lower):
        return COMMENTARY
    signs = [m.span() for m in ctx["commentary"].finditer(text.sentences[0].text)]
    if not signs:
        return None
    frame = explained(ctx, text, hits, spans, signs)
    return COMMENTARY if frame is None else f"an explainer's frame, but it {frame}"


def explained(ctx: Mapping[str, Finder], text: PostText, hits: Sequence[Hit],
              spans: Sequence[tuple[int, int]], signs: Sequence[tuple[int, int]]) -> str | None:
    """The explainer frame of a headline that states its platform's event, quoted as
    "explains '...'": a frame opening the first sentence ("here's why", "why", "the real
    reason", "how", "what", ``explains_open``) before the event as a clause with its
    platform ("why Acme just cut ...") or as a thing its owner names ("what Acme's layoffs
    mean", ``NAMED``), or ", explained" after it. None for a question (``presupposed``
    weighs those), a guess or a negation before the event ("why Acme may cut pay",
    ``explains_unless``, ``asks_whether``), no platform named in it ("here's why rating
    gigs are drying up"), or a commentary sign (``signs``: where the first sentence shows
    one) outside the frame ("... about the future of data work"): a general explainer stays
    commentary. Only asked of a post with no commentary label."""
    first = text.sentences[0]
    if first.is_question:
        return None
    for h in hits:
        if h.sentence.start != first.start or h.weight <= 0:
            continue
        frame = _frame(ctx, text, h, spans)
        if frame is None:
            continue
        lo, hi = frame
        if any(not (lo <= first.start + a and first.start + b <= hi) for a, b in signs):
            return None
        return f"explains {' '.join(text.original[lo:hi].split())!r}"
    return None


def _frame(ctx: Mapping[str, Finder], text: PostText, h: Hit,
           spans: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """Where the explainer frame around the event ``h`` of the first sentence begins and
    ends, or None when it does not take the event as given. "Why" and its kin take a clause
    ("why Acme is closing ..."); "what" only an event its owner names, then what it means
    ("what Acme's layoffs mean"); ", explained" follows an event so named."""
    sent = h.sentence
    head, tail = text.lower[sent.start:h.start], text.lower[h.end:sent.end]
    if not any(sent.start <= a and b <= h.end for a, b in spans):
        return None  # no platform named up to the event: a general explainer
    why = ctx["explains_why"].match(head)
    what = ctx["explains_what"].match(head)
    opened = why or what
    if ctx["explains_unless"].search(head[opened.end():] if opened is not None else head) \
            or ctx["asks_whether"].search(head):
        return None
    named = NAMED.search(head) is not None and \
        ctx["event_noun"].search(text.lower[h.start:h.end]) is not None
    closes = ctx["explains_tail"].match(tail)
    if why is not None or (what is not None and named and closes is not None):
        return sent.start, h.end + (closes.end() if closes is not None else 0)
    if named and (done := ctx["explains_done"].match(tail)) is not None:
        return sent.start, h.end + done.end()
    return None
