"""Reading JSON Lines input one line at a time, so one bad line costs only itself.

``labelwatch score`` and ``eval`` read files people assemble by hand or by
script: a line in another encoding, a stray byte or a lone surrogate escape
(``"\\ud800"``) is reported with its line number and the rest is read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Line:
    """One non-blank input line: its JSON value, or why it has none."""

    number: int
    value: Any = None
    problem: str | None = None


def read_lines(stream: Iterable[str | bytes]) -> Iterator[Line]:
    """Every non-blank line of ``stream`` (text or bytes), parsed or with its problem."""
    for number, raw in enumerate(stream, start=1):
        if isinstance(raw, bytes):
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield Line(number, problem=f"not UTF-8 text (byte {exc.start + 1} of the line)")
                continue
        else:
            text = raw
        if number == 1:
            text = text.removeprefix("\ufeff")
        if not text.strip():
            continue
        try:
            yield Line(number, value=json.loads(text))
        except json.JSONDecodeError as exc:
            yield Line(number, problem=f"not valid JSON ({exc.msg})")
        except RecursionError:
            yield Line(number, problem="not valid JSON (nested too deeply)")
