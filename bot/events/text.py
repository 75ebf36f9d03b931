"""Text as grouping compares it: normalised words, key terms, copies and links.

Two reports of one event rarely share a sentence, but they share the rare
words (a project's name, "writing", "Texas", "memo") and often a headline
rewritten by the next outlet. Key terms are the content words of a report,
lightly stemmed so "paused", "pauses" and "pause" meet; the platform names are
left out because matching compares platforms on its own.

A syndicated copy is the same story under another outlet's name: Google News
lists one wire story many times, each title ending in " - Outlet Name" and
each link a redirect. Copies are found by a fingerprint of the normalised text
(the title without the outlet's suffix, plus the start of the body when the
title is short) and by the canonical link (scheme, ``www.``, AMP paths,
fragments and tracking parameters stripped, Reddit links reduced to the post
id).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit

from bot.events.vocab import GENERIC, MORE_OF, REPEATS, STOPWORDS

_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
    "\u00a0": " ",
})
_WORD = re.compile(r"[a-z][a-z0-9]*(?:'[a-z]+)?|\d+(?:[.,]\d+)*")
_OUTLET_SPLIT = re.compile(r"^(?P<head>.{12,}?)\s+(?:-|\||—|–)\s+(?P<outlet>[^-|—–]{2,60})$")
_BODY_FOR_TERMS = 700
"""Characters of the body read for key terms: the lead says what happened."""


def fold(text: str) -> str:
    return text.translate(_FOLD)


def normalise(text: str) -> str:
    """Lower case, typographic punctuation folded, everything but words collapsed."""
    return " ".join(_WORD.findall(fold(text).lower()))


def words(text: str) -> list[str]:
    """The words of a text, lower case, possessives dropped."""
    return [w.split("'", 1)[0] for w in _WORD.findall(fold(text).lower())]


def split_outlet(title: str) -> tuple[str, str | None]:
    """``"Turing cuts staff - The Verge"`` -> (``"Turing cuts staff"``, ``"The Verge"``).

    Only a short tail after the last dash or bar, with a headline of three
    words or more before it, counts as an outlet's name. An outlet whose own
    headline already ended with its name is named twice by the news feed ("what we
    know - Crowdsourcing Week - Crowdsourcing Week"): both go, or the outlet's name
    would read as a name the report gives.
    """
    match = _OUTLET_SPLIT.match(title.strip())
    if match is None:
        return title.strip(), None
    head, outlet = match.group("head").strip(), match.group("outlet").strip()
    if len(head.split()) < 3 or len(outlet.split()) > 6 or outlet.endswith((".", "?", "!")):
        return title.strip(), None
    again = _OUTLET_SPLIT.match(head)
    if again is not None and again.group("outlet").strip().lower() == outlet.lower() \
            and len(again.group("head").split()) >= 3:
        head = again.group("head").strip()
    return head, outlet


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix stripper: enough for "pauses", "paused", "pausing" to meet.

    Cached: the same few thousand words come back in every post.
    """
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
                word = word[:-1]
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def key_terms(title: str, body: str, exclude: Iterable[str] = ()) -> tuple[str, ...]:
    """Stemmed content words, the title's first, each once; names in ``exclude`` left out."""
    skip = set(exclude)
    out: dict[str, None] = {}
    for text in (title, body[:_BODY_FOR_TERMS]):
        for word in _WORD.findall(fold(text).lower()):
            word = word.split("'", 1)[0]
            if word in STOPWORDS or word in skip or word[0].isdigit() or len(word) < 3:
                continue
            out.setdefault(stem(word), None)
    return tuple(out)


def weight(term: str) -> float:
    """How much sharing a term says: domain words that every report uses count little."""
    return 0.25 if term in _GENERIC_STEMS else 1.0


_GENERIC_STEMS = frozenset(stem(w) for w in GENERIC) | GENERIC


def fingerprint(title: str, body: str) -> str:
    """A digest of the normalised text that copies of one story share."""
    text = normalise(title)
    if len(text.split()) < 6:
        text = f"{text} | {normalise(body)[:200]}"
    return hashlib.blake2b(text.encode(), digest_size=10).hexdigest()


_TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "hsa_", "_hs", "oly_", "at_", "ga_")
_TRACKING = frozenset({
    "fbclid", "gclid", "dclid", "msclkid", "igshid", "yclid", "ref", "ref_src", "ref_url",
    "referrer", "source", "src", "cmp", "cmpid", "ocid", "smid", "smtyp", "guccounter",
    "guce_referrer", "guce_referrer_sig", "taid", "mbid", "sr_share", "share", "sh", "feature",
    "rss", "outputtype", "spm", "mod", "soc_src", "soc_trk", "trk", "trackingid", "cid",
})
_REDDIT_POST = re.compile(r"^(?:/r/[^/]+)?/comments/([a-z0-9]+)", re.I)


def canonical_link(url: str | None) -> str | None:
    """The link with what varies between copies of one page stripped; None if not a URL."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    if not host or parts.scheme.lower() not in ("http", "https"):
        return None
    for prefix in ("www.", "m.", "amp.", "old.", "new.", "np."):
        host = host.removeprefix(prefix)
    path = re.sub(r"/+", "/", parts.path or "/")
    if host in ("reddit.com", "redd.it"):
        post = _REDDIT_POST.match(path) if host == "reddit.com" else re.match(r"^/([a-z0-9]+)",
                                                                               path, re.I)
        if post:
            return f"reddit.com/comments/{post.group(1).lower()}"
    path = re.sub(r"(?:/amp|\.amp)/?$", "", path).rstrip("/") or ""
    query = sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=False)
        if k.lower() not in _TRACKING and not k.lower().startswith(_TRACKING_PREFIXES)
    )
    tail = f"?{urlencode(query)}" if query else ""
    return f"{host}{path}{tail}"


def link_host(url: str | None) -> str | None:
    """The host of a link without ``www.``; None when there is none."""
    if not url:
        return None
    try:
        host = (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return None
    return host.removeprefix("www.") or None


def tells_of_a_repeat(headline: str) -> bool:
    """A normalised headline with a word of ``REPEATS`` ("pay dropped again", "a third
    round of cuts"), or a count followed by "more" ("cuts 200 more", "hundreds more let
    go"); "a third of us took the new rate" gives a fraction, "more than 200" a count,
    "200, more to come" a warning and "moved to another project" where the work went, not
    a repeat."""
    words = headline.split()
    return any((w in REPEATS and words[i + 1:i + 2] != ["of"]
                and not (w == "another" and words[i - 1:i] in _MOVED
                         and words[i + 1:i + 2] and words[i + 1] in _PLACES))
               or (w == "more" and i > 0 and _a_count(words[i - 1])
                   and words[i + 1:i + 2] != ["to"])
               for i, w in enumerate(words))


_MOVED = (["to"], ["for"], ["onto"], ["into"])
_PLACES = frozenset({"project", "projects", "platform", "platforms", "site", "sites", "job",
                     "jobs", "team", "teams", "gig", "gigs"})
"""Words around "another" that tell where work went or is sought ("moved to another
project", "looking for another platform"), not that the news happened again: "into
another round of cuts" or "for another 300 raters" is a repeat."""


def _a_count(word: str) -> bool:
    """ "200", "1,200", "3k" or "hundreds": what "more" after it makes a further round."""
    return word in MORE_OF or bool(re.fullmatch(r"\d[\d,.]*k?", word))


_COMPLAINT = re.compile(r"\b(?:complaints?|lawsuits?|sues?|suing|sued|petitions?|"
                        r"class[- ]action|grievances?)\b")
"""A headline telling of a complaint, a lawsuit or a petition ("Drafted a complaint to the
labour department about the mass termination", "Complaint we sent to the consumer agency",
"Raters file complaint over terminations"): what the workers did about a change, told
after it."""


def complains(title: str) -> bool:
    return bool(_COMPLAINT.search(fold(title).lower()))



_PERSISTS = re.compile(r"\b(?:still|toujours|sigue|siguen|ainda|masih|immer noch|nadal|pa rin)\b")
"""A headline saying a change still holds, in the languages the communities post in
("Registration still closed, week 2", "Toujours la liste d'attente ?", "masih ditutup")."""


def persists(title: str) -> bool:
    return bool(_PERSISTS.search(fold(title).lower()))
