"""The prefilter's clauses for each pattern, remembered between processes.

Deriving them (``prefilter.alternatives_of``) reads every alternative of every cue
with the regex parser and walks what it gives: about two thirds of building a
scorer, paid again by every process that builds one (each scoring process of a
replay, every command, each test). They depend only on the pattern's text, the
code that derives them and the Python that parses, so they are kept in a JSON
file named by a hash of the last two, in ``LABELWATCH_CACHE_DIR`` (else
``$XDG_CACHE_HOME/labelwatch``, else ``~/.cache/labelwatch``; set it empty to keep
nothing on disk). A missing, unreadable or outdated file costs the derivation and
nothing else; a folder that cannot be written is left alone. The file holds no
code: at worst a changed one makes the filter skip a cue, never run anything.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

from bot.scoring import prefilter
from bot.scoring.prefilter import Clauses, alternatives_of

log = logging.getLogger(__name__)

_FORMAT = 1


def cache_folder(environ: Mapping[str, str] | None = None) -> Path | None:
    """Where derived clauses are kept; None: nowhere (``LABELWATCH_CACHE_DIR`` set empty)."""
    env = os.environ if environ is None else environ
    if "LABELWATCH_CACHE_DIR" in env:
        chosen = env["LABELWATCH_CACHE_DIR"]
        return Path(chosen) if chosen else None
    if env.get("XDG_CACHE_HOME"):
        return Path(env["XDG_CACHE_HOME"]) / "labelwatch"
    try:
        return Path.home() / ".cache" / "labelwatch"
    except RuntimeError:  # no home folder (a user with no entry and no $HOME): nowhere
        return None


def _file_name() -> str:
    """A name that changes with the code deriving the clauses and the parser it reads with."""
    digest = hashlib.sha256(Path(prefilter.__file__).read_bytes())
    digest.update(f"{_FORMAT} {sys.version}".encode())
    return f"clauses-{digest.hexdigest()[:16]}.json"


class DerivedClauses:
    """``alternatives_of``, each pattern's answer kept for this process and the next."""

    def __init__(self, folder: Path | None) -> None:
        self._path = folder / _file_name() if folder is not None else None
        self._known: dict[str, Clauses] | None = None
        self.derived = 0
        """Patterns this process derived, not found kept (since the last ``save``)."""

    def __call__(self, pattern: str) -> Clauses:
        known = self._load()
        found = known.get(pattern)
        if found is None:
            found = known[pattern] = alternatives_of(pattern)
            self.derived += 1
        return found

    def _load(self) -> dict[str, Clauses]:
        if self._known is None:
            self._known = {}
            if self._path is not None:
                try:
                    data = json.loads(self._path.read_text(encoding="utf-8"))
                    self._known = {p: tuple(tuple(frozenset(c) for c in alt) for alt in alts)
                                   for p, alts in data.items()}
                except FileNotFoundError:
                    pass
                except (OSError, ValueError, TypeError, AttributeError) as exc:
                    log.info("derived clauses in %s not read (%s): deriving them again",
                             self._path, exc)
        return self._known

    def save(self) -> None:
        """Write what is known, if this process derived any (written whole, then renamed,
        so a process reading it never finds half a file)."""
        if self._path is None or not self.derived or self._known is None:
            return
        data = {p: [[sorted(c) for c in alt] for alt in alts] for p, alts in self._known.items()}
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=self._path.parent,
                                             suffix=".tmp", delete=False) as out:
                json.dump(data, out)
            os.replace(out.name, self._path)
        except OSError as exc:
            log.info("derived clauses not kept in %s (%s)", self._path.parent, exc)
            return
        self.derived = 0
