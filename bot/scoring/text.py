"""Text preparation shared by every rule.

Rules match on one lower-cased copy of the post with typographic quotes and
dashes folded, wrapping quotes and Markdown emphasis and links removed ('paused' ->
paused, **500** -> 500, [Outlier](https://...) -> Outlier) and runs of spaces
collapsed, so patterns can use single spaces. ``original`` is the same cleaned text
with its case kept, so evidence is cut at the same offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import NamedTuple

_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u2212": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ",
})
# Quotes that wrap words ('paused', "expert-only") rather than sit inside them (isn't).
_WRAPPING_QUOTE = re.compile(r"(?<![A-Za-z0-9])'|'(?![A-Za-z0-9])|\"|`")
# Markdown emphasis ("**500** workers", "__paused__", "~~gone~~") and characters that show
# nothing (zero-width spaces, soft hyphens): a worker's post says the same without them.
_MARKUP = re.compile(r"\*\*|__|~~|[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
# A Markdown link reads as its text ("[Scale AI](https://...)" shows "Scale AI").
_MD_LINK = re.compile(r"\[([^\[\]\n]{1,300})\]\((?:https?://|/)[^()\s]*\)")
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANK_LINES = re.compile(r" ?\n[\s]*")
# Starts with its punctuation (a character set) so the engine can skip ahead quickly;
# the punctuation itself stays with the sentence it ends.
_SENTENCE_END = re.compile(r"(?<!\s[A-Z])(?<!\.[A-Z])[.!?][\"')\]]*\s+|\n+|[:;]\s+(?=[A-Z])")
"""A full stop after a lone capital ("A.I.", "U.S.", "J. Smith") ends no sentence."""
_TITLE_ASKS = re.compile(
    r"\s[-–—|]\s+(?=(?:what|anyone|anybody|any|where|thoughts|advice)\b[^-–—|]*\?\s*$)",
    re.IGNORECASE)
"""A title that tells news, then asks what follows ("X is shutting down - what now?"): two
sentences, so the question does not make the news one ("X - is it true?" stays one)."""
_QUESTION_WORDS = frozenset({"is", "are", "was", "were", "will", "would", "does", "do", "did",
                             "should", "can", "could", "anyone", "anybody"})


def fold(text: str) -> str:
    """Typographic quotes and dashes to ASCII, keeping the length unchanged."""
    return text if text.isascii() else text.translate(_FOLD)


# An apostrophe without a letter or digit (str.isalnum, which is [^\W_]) on one side.
_LOOSE_APOSTROPHE = re.compile(r"'(?:(?<![^\W_]')|(?![^\W_]))")


def _has_wrapping_quote(text: str) -> bool:
    """Is any apostrophe not between two letters or digits (so 'quoted' not isn't)?"""
    return "'" in text and _LOOSE_APOSTROPHE.search(text) is not None


def unmarked(text: str) -> str:
    """``text`` as a reader sees it: Markdown emphasis and invisible characters dropped,
    links as their text. Grouping reads a report's figures from it too."""
    # Each substitution is a full regex scan; skip the ones with nothing to do.
    if "**" in text or "__" in text or "~~" in text or not text.isascii():
        text = _MARKUP.sub("", text)
    if "](" in text:
        text = _MD_LINK.sub(r"\1", text)
    return text


def clean(text: str) -> str:
    """Fold, drop markup and wrapping quotes, collapse spaces (see the module docstring)."""
    text = unmarked(fold(text))
    if '"' in text or "`" in text:
        text = text.replace('"', "").replace("`", "")
    if _has_wrapping_quote(text):
        text = _WRAPPING_QUOTE.sub("", text)
    if "  " in text or "\t" in text or "\r" in text or "\f" in text or "\v" in text:
        text = _SPACES.sub(" ", text)
    if "\n" in text:
        text = _BLANK_LINES.sub("\n", text)
    return text.strip()


class Sentence(NamedTuple):
    """One sentence; a tuple because posts have many and they are made per post."""

    start: int
    end: int
    text: str
    """Lower-cased, quote-stripped text of the sentence."""
    is_question: bool
    in_title: bool


@dataclass(frozen=True)
class PostText:
    """A post's title and body as one searchable string with sentence bounds."""

    original: str
    lower: str
    title_end: int
    sentences: tuple[Sentence, ...]
    starts: tuple[int, ...]

    def sentence_at(self, pos: int) -> Sentence:
        return self.sentences[max(0, bisect_right(self.starts, pos) - 1)]

    def snippet(self, start: int, end: int, pad: int = 30) -> str:
        """The original words around a match, trimmed to whole words and one sentence."""
        sent = self.sentence_at(start)
        lo = max(sent.start, start - pad)
        hi = min(sent.end, end + pad)
        if lo > sent.start:
            space = self.original.find(" ", lo, start)
            lo = space + 1 if space != -1 else lo
        if hi < sent.end:
            space = self.original.rfind(" ", end, hi)
            hi = space if space != -1 else hi
        return " ".join(self.original[lo:hi].split()).strip(" ,;:-")


MAX_TITLE = 1_000
MAX_BODY = 20_000
"""Posts are read up to here: a report leads with its news, and the cap bounds how long
one (possibly hostile) post can take to score."""


class Normalised(NamedTuple):
    """A post's cleaned text before it is cut into sentences (often never needed)."""

    original: str
    lower: str
    title_end: int


def normalise(title: str, body: str) -> Normalised:
    """The cleaned original and its lower-cased, line-breaks-as-full-stops copy."""
    title = clean((title or "")[:MAX_TITLE]).replace("\n", " ")
    body = clean((body or "")[:MAX_BODY])
    original = f"{title}\n{body}" if body else title
    lower = original.lower()
    if len(lower) != len(original):
        lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in original)
    # A line break ends a sentence: make it a full stop so no pattern runs across it.
    if "\n" in lower:
        lower = lower.replace("\n", ".")
    return Normalised(original, lower, len(title))


def prepare(title: str, body: str) -> PostText:
    return split(normalise(title, body))


def split(norm: Normalised) -> PostText:
    """Cut a normalised post into sentences, title and body apart."""
    original, lower, title_end = norm
    sentences: list[Sentence] = []
    new = tuple.__new__
    for seg_start, seg_end in ((0, title_end), (title_end + 1, len(original))):
        if seg_end <= seg_start:
            continue
        in_title = seg_start == 0
        pos = seg_start
        bounds = [(m.start() + 1 if original[m.start()] in ".!?:;" else m.start(), m.end())
                  for m in _SENTENCE_END.finditer(original, seg_start, seg_end)]
        if in_title:
            bounds = sorted(bounds + [m.span() for m in _TITLE_ASKS.finditer(original, 0, seg_end)])
        bounds.append((seg_end, seg_end))
        for end, after in bounds:
            raw = original[pos:end].strip()
            if raw:
                text = lower[pos:end]
                last = raw[-1]
                if last == "?":
                    question = True
                elif last in ".!":
                    question = raw.endswith("?!")
                elif raw.endswith("?)"):
                    question = True
                else:
                    words = text.split(None, 20)
                    question = bool(words) and len(words) < 20 and \
                        words[0].strip("*#>-[( ") in _QUESTION_WORDS
                sentences.append(new(Sentence, (pos, end, text, question, in_title)))
            pos = after
    if not sentences:
        sentences.append(Sentence(0, 0, "", False, True))
    return PostText(
        original=original,
        lower=lower,
        title_end=title_end,
        sentences=tuple(sentences),
        starts=tuple(s.start for s in sentences),
    )


def title_echo(text: PostText) -> int:
    """Where a body that opens by repeating its title (feed items often do) stops repeating."""
    title = text.lower[:text.title_end].strip()
    head, dash, source = title.rpartition(" - ")
    if dash and len(source) <= 40 and len(head) >= 12:
        title = head  # "Scale AI lays off 14% - CNBC": the body repeats it without the dash
    body = text.title_end + 1
    if len(title) >= 12 and text.lower.startswith(title, body):
        return body + len(title)
    return 0


_OWN_FEED = re.compile(r"^(?:blog\.|www\.)?(.+?)(?:\.(?:com|ai|co|io|tech))?"
                       r"(?:[\s/-]+(?:(?:researcher|participant|talent|worker|contributor|community|crowd"
                       r"|rater|tasker|annotator|expert)\s+)?"
                       r"(?:blog|news|newsroom|help center|help centre|help|support|docs|status"
                       r"|community|forums?|updates|changelog|reviews|careers|job board"
                       r"|newsletter))?$", re.I)
_FEED_SEP = re.compile(r":|\s[-\u2013\u2014]\s")
"""What sets a feed's page name off from the site's: "X: @mercor_ai", "Glassdoor - Turing"."""
_ACCOUNT_NOTE = re.compile(
    r"\s*\((?:official\s+)?(?:(?:x|twitter|linkedin|facebook|threads|instagram|youtube|bluesky"
    r"|mastodon|tiktok)(?:\s+(?:account|page|profile|channel|handle))?|account|profile|handle)\)\s*$",
    re.I)
"""A social account's kind written after its owner: "Acme (X account)", "Acme (LinkedIn page)"."""


def feed_owner(feed: str) -> str:
    """The name a feed carries once its kind is dropped: "Handshake blog",
    "mercor.com/blog", "blog.prolific.com", "OneForma status", "Prolific researcher help",
    "Appen Crowd News" (the page for its crowd), "OneForma job board", "Acme Careers",
    "Acme rater support", "Acme contributor newsletter" and "google-news:toloka" name their
    platform (a platform's own notice pages speak for it), as "Glassdoor: Outlier reviews"
    does (its workers' reviews of it) and its own account does ("X: @Outlier_AI"); a
    site's page may set the name off with a dash ("Glassdoor - Turing reviews",
    "Google News - Appen"), or the account's kind follow it ("xAI (X account)")."""
    name = _FEED_SEP.split(_ACCOUNT_NOTE.sub("", feed))[-1].strip().removeprefix("@")
    m = _OWN_FEED.match(name)
    return m.group(1) if m else name


_FIELD = re.compile(r"[a-z][a-z/&.()' -]{0,40}:(?:\s|$)")


def is_record(text: PostText) -> bool:
    """A body laid out as labelled fields ("Company: ... Employees affected: 64."), as
    government notices and filings are: its news sits in a field, not deep in a story,
    so how many sentences come before it says nothing about it being told in passing."""
    body = [s for s in text.sentences if not s.in_title]
    fields = sum(1 for s in body if _FIELD.match(s.text))
    return fields >= 3 and 2 * fields >= len(body)
