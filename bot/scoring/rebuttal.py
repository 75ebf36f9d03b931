"""Whether a post's denial is someone else's claim that the post itself contradicts.

A denial vetoes a post ("rates have not changed", "no layoffs"): the rules take it for
the company's or a moderator's answer to a rumour. Workers, though, pass such answers on
to rebut them: they quote the company's words to mock them ('"no change to base rates" is
a funny way to say it'), say whose answer it is ("support messages deny any regional
pause", "support posted that it's a new task type, so I assumed I was wrong") and then
tell the event in their own words with their own evidence: the figures, that everyone
got it, "doesn't add up". A negated event of another kind beside the one told ("nobody
has been removed from the project" in a post whose project is still paused) denies
nothing either. The denial stands unless every denial in the post is reported or about
another event, AND an event the post tells outside those denials carries such evidence:
a company's own statement, or a worker who only pastes the answer ("make of that what
you will"), keeps its veto.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from bot.records import PostRecord
from bot.scoring.asking import stated_figures
from bot.scoring.events import Hit, RawMatch, negated
from bot.scoring.narrowing import Finder
from bot.scoring.text import PostText, Sentence, clean, fold

_QUOTED = re.compile(r'"([^"\n]{3,}?)"|(?<![\w])\'((?:[^\'\n]|\'(?=\w))+?)\'(?!\w)')
"""Words in double quotes, or in single quotes that are not apostrophes (isn't, workers')."""
_LOOSE = re.compile(r"\W+")


def _squash(text: str) -> str:
    return _LOOSE.sub(" ", text.lower()).strip()


def quoted(post: PostRecord) -> list[str]:
    """The post's quoted passages, squashed to words: the text drops quote marks, so a
    phrase is known to be quoted when its words sit inside one of these."""
    raw = f"{fold(post.title or '')}\n{fold(post.body or '')}"
    return [_squash(clean(a or b)) for a, b in _QUOTED.findall(raw)]


def rebutted(ctx: Mapping[str, Finder], text: PostText, post: PostRecord,
             raw: list[RawMatch], hits: list[Hit]) -> str | None:
    """Why the post's denials do not stand (quoted as the reason); None when one does."""
    spans = [(m.start(), m.end(), "") for m in ctx["denial"].finditer(text.lower)]
    spans += [(m.start(), m.end(), cue.name) for cue, m in raw
              if negated(ctx, text.lower, m.start(), text.sentence_at(m.start()).start)]
    if not spans or not hits:
        return None
    quotes, told = quoted(post), {h.event_type for h in hits}
    theirs: set[int] = set()  # the sentences that deny
    held: list[str] = []  # the quotes that hold a denial: their words are not the poster's
    for start, end, kind in spans:
        sent = text.sentence_at(start)
        theirs.add(sent.start)
        words = _squash(text.original[start:end])
        inside = [q for q in quotes if words and words in q]
        if ctx["claim_reported"].search(text.lower, sent.start, end):
            continue  # "support messages deny ...": their claim, told in the poster's words
        if inside:
            held += inside
        elif not (kind and kind not in told):  # a negated event of another kind passes
            return None
    own = [s for s in text.sentences if s.start not in theirs and not s.is_question
           and not any(_squash(s.text) in q for q in held)]
    starts = {s.start for s in own}
    lead = next((h for h in hits if h.sentence.start in starts and not _in(h, text, held)),
                None)
    if lead is None:
        return None
    return _evidence(ctx, text, own)


def _in(hit: Hit, text: PostText, held: list[str]) -> bool:
    words = _squash(text.original[hit.start:hit.end])
    return any(words in q for q in held)


def _evidence(ctx: Mapping[str, Finder], text: PostText,
              own: list[Sentence]) -> str | None:
    """The poster's own evidence for the event: a rebuttal or scale in its own words,
    figures, or many hit."""
    for s in text.sentences:
        if (m := ctx["rebuttal"].search(s.text)) is not None:
            return f"rebutted {m[0]!r}"
    if (figures := stated_figures(text, own)) is not None:
        return figures
    for s in own:
        if (m := ctx["group"].search(s.text)) is not None:  # not "half the": too loose
            return f"many hit {m[0]!r}"
    return None
