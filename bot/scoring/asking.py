"""Whether a post that opens with a question also tells the news it asks about.

A headline such as "Is Outlier cutting pay?" only asks: the rules veto it ("asked",
``Rules.screened``) when the model alone would make it a signal. Many workers, though,
put their news as a question to the others hit ("anyone else from the Lisbon pod get the
goodbye email today?") and say what happened in the sentences that follow: the figures
("120 of us", "$412 instead of $540", "down 20%"), that many are hit ("every one of us got
it"), that a notice went out. Such a post carries its news; one whose only specifics sit
inside its questions ("Is Outlier cutting pay from $20 to $15?") still only asks.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from bot.scoring.magnitude import extract_magnitude
from bot.scoring.text import PostText, Sentence

TELLING_CUES = ("group", "official")
"""Context cues that, said outside a question, tell that something happened to many:
"all of us on the pod", "the email went to everyone". The weaker "a few others said the
same" (``group_weak``) is left out: a worker asking whether others saw it says as much."""
_WHERE_ONLY = re.compile(r"^(?:across|en masse)|wide$|(?:projects?|queues?|pools?|apps?|"
                         r"accounts?|markets?|countr(?:y|ies)|regions?|board)$")
"""A ``group`` match that spans things, not people ("every project on my dashboard",
"across the board"): said after a question it tells where the poster looked, not that
anyone was hit, so it does not count as telling."""


def tells(ctx: Mapping[str, re.Pattern[str]], text: PostText) -> str | None:
    """The first specific the post states outside its questions (figures, then many hit,
    then an official notice), quoted as the reason; None when the post only asks."""
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
