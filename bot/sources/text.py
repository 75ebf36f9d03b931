"""HTML to plain text for untrusted feed content.

Bodies are scored and shown in Discord as plain text, never rendered, so
markup is dropped rather than sanitised; paragraph breaks survive because
the scorer and readers both lean on them.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_BLOCK = frozenset({
    "p", "div", "br", "li", "ul", "ol", "blockquote", "pre", "table", "tr",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "section", "article",
})
_SKIP = frozenset({"script", "style", "head", "title", "noscript", "template"})
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BREAKS = re.compile(r"\n{3,}")
_ANY_SPACE = re.compile(r"\s+")


class _TextParser(HTMLParser):
    """Collects text, marks block boundaries, and optionally keeps one subtree."""

    def __init__(self, only_class: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.only_class = only_class
        self.keep_depth = 0 if only_class is None else -1
        self.found = only_class is None
        self.pre_depth = 0

    def _keeping(self) -> bool:
        return self.keep_depth >= 0 and self.skip_depth == 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip_depth += 1
            return
        if self.only_class is not None:
            if self.keep_depth >= 0:
                if tag == "div":
                    self.keep_depth += 1
            elif tag == "div" and not self.found:
                classes = (dict(attrs).get("class") or "").split()
                if self.only_class in classes:
                    self.keep_depth = 0
                    self.found = True
                    return
        if tag == "pre":
            self.pre_depth += 1
        if tag in _BLOCK and self._keeping():
            self.parts.append("\n\n" if tag in ("p", "div", "blockquote", "pre") else "\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "hr") and self._keeping():
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if tag == "pre":
            self.pre_depth = max(0, self.pre_depth - 1)
        if tag in _BLOCK and self._keeping():
            self.parts.append("\n\n" if tag in ("p", "div", "blockquote", "pre") else "\n")
        if self.only_class is not None and tag == "div" and self.keep_depth >= 0:
            self.keep_depth -= 1

    def handle_data(self, data: str) -> None:
        if self._keeping():
            # Source line breaks are just spaces in HTML, except inside <pre>.
            self.parts.append(data if self.pre_depth else _ANY_SPACE.sub(" ", data))


def tidy(text: str) -> str:
    """Spaces collapsed inside lines, at most one blank line between paragraphs."""
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BREAKS.sub("\n\n", "\n".join(lines)).strip()


def html_to_text(markup: str, *, only_class: str | None = None) -> str:
    """Plain text of ``markup``: tags dropped, entities decoded, spaces collapsed.

    Paragraphs stay separated by one blank line. With ``only_class``, only the
    first ``<div class="...">`` carrying that class is kept (Reddit's Atom
    content wraps the post body in ``div.md`` and appends a "submitted by"
    footer that is not part of the post); an empty string if it is absent.
    """
    parser = _TextParser(only_class)
    try:
        parser.feed(markup)
        parser.close()
    except (AssertionError, ValueError):  # pathological markup: fall back to a crude strip
        return collapse_whitespace(html.unescape(re.sub(r"<[^>]*>", " ", markup)))
    if not parser.found:
        return ""
    return tidy("".join(parser.parts))


def collapse_whitespace(text: str) -> str:
    """One line: every run of whitespace becomes one space."""
    return " ".join(text.split())
