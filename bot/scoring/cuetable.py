"""The cue table: the scorer's knowledge, read from the TOML files in ``cues/``.

Every phrasing the scorer knows is a row (``[[cue]]``) in one of those files:
an event cue names its ``type`` and ``weight``, a context cue (denial, hedge,
"everyone on the project", another company, ...) its ``cue`` name, an
individual-report cue its ``report`` kind. A row's ``template`` is a regular
expression over lower-cased text in which ``{NAME}`` stands for a shared word
list of ``slots.toml`` and ``{-NAME}`` for "not right after any of those
words"; ``match`` and ``no_match`` hold example sentences that the tests run.
Weights, thresholds and the event types live in ``scoring.toml``. The files
are read once per process (``load_table``) and never change after; each pattern is
compiled when first used.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from re import _parser as P  # type: ignore[attr-defined]
from types import MappingProxyType
from typing import Any

from bot.scoring.derived import DerivedClauses, cache_folder
from bot.scoring.narrowing import Finder, Lazy, flags_whole

_SLOT = re.compile(r"\{(-?)([A-Z][A-Z0-9_]*)\}")
_KINDS = ("type", "cue", "report")


class CueError(ValueError):
    """A cue file that cannot be used; the message names the file and the row."""


@dataclass(frozen=True)
class Cue:
    """One row of the cue table."""

    id: str
    kind: str
    """``type`` (an event), ``cue`` (a context cue) or ``report`` (an individual report)."""
    name: str
    """The event type, context cue name or report kind."""
    weight: float
    needs: str
    """Context cues (or ``platform``: a platform named), separated by ``|``, one of which
    the cue's sentence must also match; "" for none."""
    template: str
    source: str
    """The template with its slots expanded: what is compiled."""
    match: tuple[str, ...]
    no_match: tuple[str, ...]
    file: str

    @cached_property
    def regex(self) -> re.Pattern[str]:
        """The row compiled, when first asked for: at scoring time the rows run as the
        alternatives of their cue that a post opens (``Narrowing``), most never whole."""
        return re.compile(self.source)


@dataclass(frozen=True)
class CueTable:
    events: tuple[Cue, ...]
    """Event cues in file order (earlier rows win ties)."""
    context: Mapping[str, Finder]
    """Context cue name to its rows (rows of one name are alternatives), compiled when
    first used."""
    reports: tuple[Cue, ...]
    rows: tuple[Cue, ...]
    settings: Mapping[str, Any]
    """``scoring.toml``: weights, thresholds, types, platforms."""
    derive: DerivedClauses = field(default_factory=lambda: DerivedClauses(None))
    """The prefilter's clauses per pattern, kept between the scorers a process builds and
    on disk between processes (``Scorer`` saves them once built)."""

    def setting(self, section: str, key: str) -> Any:
        try:
            return self.settings[section][key]
        except KeyError:
            raise CueError(f"scoring.toml: missing [{section}] {key}") from None


def _files() -> list[tuple[str, str]]:
    folder = resources.files("bot.scoring") / "cues"
    found = [(p.name, p.read_text(encoding="utf-8")) for p in folder.iterdir()
             if p.name.endswith(".toml")]
    if not found:
        raise CueError("no cue files found in bot/scoring/cues (is the package data installed?)")
    return sorted(found)


def _parse(name: str, text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CueError(f"{name}: {exc}") from None


def expand(template: str, slots: Mapping[str, list[str]], where: str = "") -> str:
    """A template with ``{NAME}`` as ``(?:a|b|...)`` and ``{-NAME}`` as a chain of
    "not right after" checks, slots inside slots included."""

    def one(m: re.Match[str]) -> str:
        words = slots.get(m.group(2))
        if words is None:
            raise CueError(f"{where}: unknown slot {{{m.group(2)}}}")
        if m.group(1):
            return "".join(f"(?<!{re.escape(w)})" for w in words)
        return "(?:" + "|".join(words) + ")"

    for _ in range(5):
        expanded = _SLOT.sub(one, template)
        if expanded == template:
            return expanded
        template = expanded
    raise CueError(f"{where}: slots nested too deeply")


def _row(file: str, number: int, raw: Mapping[str, Any], slots: Mapping[str, list[str]],
         types: frozenset[str]) -> Cue:
    kinds = [k for k in _KINDS if k in raw]
    where = f"{file} row {number} ({raw.get('id', '?')})"
    if len(kinds) != 1:
        raise CueError(f"{where}: a row names exactly one of type, cue or report")
    kind = kinds[0]
    name = str(raw[kind])
    if kind == "type" and name not in types:
        raise CueError(f"{where}: unknown event type {name!r} (types are in scoring.toml)")
    template = raw.get("template")
    parts: list[Any] = template if isinstance(template, list) else [template]
    if not parts or not all(isinstance(p, str) and p for p in parts):
        raise CueError(f"{where}: 'template' must be a string or a list of strings")
    source = "|".join(expand(p, slots, where) for p in parts)
    try:  # read, not compiled: half the time, and the row is compiled when first used
        P.parse(source)
    except re.error as exc:
        raise CueError(f"{where}: bad template: {exc}") from None
    return Cue(
        id=str(raw.get("id") or f"{file.removesuffix('.toml')}.{number}"),
        kind=kind, name=name, weight=float(raw.get("weight", 1.0)),
        needs=str(raw.get("needs", "")), template=" | ".join(parts), source=source,
        match=tuple(raw.get("match", ())), no_match=tuple(raw.get("no_match", ())), file=file)


@lru_cache(maxsize=1)
def load_table() -> CueTable:
    """Read and compile every cue file (once per process; the result is immutable)."""
    files = _files()
    parsed = {name: _parse(name, text) for name, text in files}
    if "scoring.toml" not in parsed:
        raise CueError("bot/scoring/cues/scoring.toml is missing")
    settings: dict[str, Any] = {}
    for name, data in parsed.items():
        for key, value in data.items():
            if key in ("cue", "slots"):
                continue
            if key in settings:
                raise CueError(f"{name}: [{key}] is defined in two files")
            settings[key] = value
    slots: dict[str, list[str]] = {}
    for name, data in parsed.items():
        for key, words in data.get("slots", {}).items():
            if key in slots:
                raise CueError(f"{name}: slot {key} is defined twice")
            slots[key] = [str(w) for w in words]
    types = frozenset(t["name"] for t in settings.get("type", ()))
    rows: list[Cue] = []
    seen: set[str] = set()
    for name, data in parsed.items():
        for number, raw in enumerate(data.get("cue", ()), start=1):
            cue = _row(name, number, raw, slots, types)
            if cue.id in seen:
                raise CueError(f"{name}: cue id {cue.id!r} is used twice")
            seen.add(cue.id)
            rows.append(cue)
    rows.sort(key=lambda c: (settings.get("files", {}).get("order", []).index(c.file)
                             if c.file in settings.get("files", {}).get("order", []) else 99))
    context = context_cues(rows)
    for cue in rows:
        for need in filter(None, cue.needs.split("|")):
            if need != "platform" and need not in context:
                raise CueError(f"{cue.file} ({cue.id}): needs unknown cue {need!r}")
    return CueTable(
        events=tuple(c for c in rows if c.kind == "type"),
        context=MappingProxyType(context),
        reports=tuple(c for c in rows if c.kind == "report"),
        rows=tuple(rows),
        settings=MappingProxyType(settings),
        derive=DerivedClauses(cache_folder()),
    )


def context_cues(rows: Sequence[Cue]) -> dict[str, Finder]:
    """Each context cue's rows, joined as alternatives in table order (compiled when first
    used, so a row that would not compile joined is refused here)."""
    context: dict[str, list[str]] = {}
    for cue in rows:
        if cue.kind == "cue":
            context.setdefault(cue.name, []).append(cue.source)
    for name, sources in context.items():
        if any(flags_whole(s) for s in sources[1:]):
            raise CueError(f"cue {name!r}: a row whose flags are for the whole pattern "
                           "(\"(?i)...\") must be its cue's first row")
    return {name: Lazy("|".join(sources)) for name, sources in context.items()}
