"""Making untrusted text safe to show in Discord, and fitting embeds in its limits.

Post titles, bodies, evidence, subreddit and feed names all come from
strangers. Before any of it reaches Discord it loses control characters,
its markdown is escaped (so nobody can restyle an alert or hide a link) and
its mentions are broken with a zero-width space (so ``@everyone`` or
``<@&123>`` reads as text). Escaping is for the eye; the real guarantee
against pings is ``allowed_mentions``, which every send also sets.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, urlsplit

from discord.utils import escape_markdown

TITLE = 256
DESCRIPTION = 4096
FIELD_NAME = 256
FIELD_VALUE = 1024
FOOTER = 2048
AUTHOR = 256
TOTAL = 6000
FIELDS = 25
ELLIPSIS = "…"
ZWSP = "\u200b"

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_MENTION = re.compile(r"@(?=everyone|here|[!&]?\d)", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_BLANK_LINES = re.compile(r"\n{3,}")


def strip_control(text: str) -> str:
    """Drop control and bidi-override characters (terminal escapes, spoofed text)."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))


def neutralise_mentions(text: str) -> str:
    """Break ``@everyone``, ``@here``, ``<@id>``, ``<@!id>`` and ``<@&id>`` of any length."""
    return _MENTION.sub("@" + ZWSP, text)


def escape_block(text: str) -> str:
    """Untrusted multi-line text, safe for an embed description or field value."""
    text = _BLANK_LINES.sub("\n\n", strip_control(text)).strip()
    return neutralise_mentions(escape_markdown(text))


def escape_inline(text: str) -> str:
    """Untrusted text on one line (titles, names, quoted evidence)."""
    return neutralise_mentions(escape_markdown(_SPACES.sub(" ", strip_control(text)).strip()))


def escape_link_text(text: str) -> str:
    """Text inside ``[...](url)``: brackets escaped too so it cannot end the link early."""
    return escape_inline(text).replace("[", "\\[").replace("]", "\\]")


def plain(text: str) -> str:
    """Untrusted text for a terminal or a log: one line, no control characters."""
    return _SPACES.sub(" ", strip_control(text)).strip()


def units(text: str) -> int:
    """Length as Discord may count it (UTF-16 code units), never less than len()."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def cut(text: str, limit: int) -> str:
    """``text`` within ``limit`` units, ending in an ellipsis when it was longer."""
    if units(text) <= limit:
        return text
    budget = limit - 1
    used = 0
    end = 0
    for i, ch in enumerate(text):
        size = 2 if ord(ch) > 0xFFFF else 1
        if used + size > budget:
            break
        used += size
        end = i + 1
    return text[:end].rstrip() + ELLIPSIS


def safe_url(url: str | None) -> str | None:
    """An http(s) URL Discord will accept in an embed, or None.

    A malformed URL makes Discord reject the whole message, so anything
    doubtful is dropped rather than sent.
    """
    if not url:
        return None
    url = url.strip()
    if len(url) > 2048 or _CONTROL.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return quote(url, safe=":/?#[]@!$&'*+,;=%~-._")


def masked_link(text: str, url: str | None, limit: int = 200) -> str:
    """``[text](url)`` with both made safe, or the escaped text alone without a URL."""
    label = cut(escape_link_text(text) or "link", limit)
    target = safe_url(url)
    if target is None:
        return label
    return f"[{label}]({target.replace('(', '%28').replace(')', '%29')})"


def field(name: str, value: str, inline: bool = False) -> dict[str, Any]:
    """One embed field within Discord's limits (it rejects empty names and values)."""
    return {"name": cut(name, FIELD_NAME) or ZWSP, "value": cut(value, FIELD_VALUE) or ZWSP,
            "inline": inline}


def embed_size(embed: dict[str, Any]) -> int:
    total = units(embed.get("title", "")) + units(embed.get("description", ""))
    total += units(embed.get("footer", {}).get("text", ""))
    total += units(embed.get("author", {}).get("name", ""))
    for f in embed.get("fields", []):
        total += units(f["name"]) + units(f["value"])
    return total


def fit_embed(embed: dict[str, Any]) -> dict[str, Any]:
    """Apply every per-part limit, then the 6000 total: shorten the description first,
    then drop fields from the end, then shorten the title."""
    out = dict(embed)
    if "title" in out:
        out["title"] = cut(out["title"], TITLE)
    if "description" in out:
        out["description"] = cut(out["description"], DESCRIPTION)
    if "footer" in out:
        out["footer"] = {**out["footer"], "text": cut(out["footer"].get("text", ""), FOOTER)}
    if "author" in out:
        out["author"] = {**out["author"], "name": cut(out["author"].get("name", ""), AUTHOR)}
    out["fields"] = [field(f["name"], f["value"], f.get("inline", False))
                     for f in out.get("fields", [])][:FIELDS]
    excess = embed_size(out) - TOTAL
    if excess > 0 and out.get("description"):
        keep = max(0, units(out["description"]) - excess)
        out["description"] = cut(out["description"], keep) if keep > 1 else ZWSP
        excess = embed_size(out) - TOTAL
    while excess > 0 and out["fields"]:
        out["fields"].pop()
        excess = embed_size(out) - TOTAL
    if excess > 0 and out.get("title"):
        out["title"] = cut(out["title"], max(2, units(out["title"]) - excess))
    if not out["fields"]:
        del out["fields"]
    return out
