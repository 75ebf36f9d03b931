"""The child side of ``bot.sources.parsing``: parse documents until stdin closes.

Run as ``python -m bot.sources.parse_worker MEMORY_BYTES``. Its heap is
capped first, so a document that needs more fails here with MemoryError (or
ends the process) instead of swelling the bot. Each request is a
length-prefixed pickle of (body, content type, charset, converter); each
answer a length-prefixed pickle of ``ParsedItems``.
"""

from __future__ import annotations

import ctypes
import pickle
import resource
import signal
import sys

from bot.sources.parsing import parse_and_convert

_HEADER = 8
_PR_SET_PDEATHSIG = 1


def _cap_memory(limit: int) -> None:
    for name in ("RLIMIT_DATA", "RLIMIT_AS"):
        kind = getattr(resource, name, None)
        if kind is None:
            continue
        _soft, hard = resource.getrlimit(kind)
        cap = limit if name == "RLIMIT_DATA" else limit * 4
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        resource.setrlimit(kind, (cap, hard))


def _die_with_parent() -> None:
    """On Linux, end with the bot even if it is killed mid-parse (stdin closing is
    noticed only between documents)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


def serve(limit: int) -> None:
    # Ctrl-C reaches the whole process group; the parent decides when this ends.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    _cap_memory(limit)
    inp, out = sys.stdin.buffer, sys.stdout.buffer
    while True:
        header = inp.read(_HEADER)
        if len(header) < _HEADER:
            return
        payload = inp.read(int.from_bytes(header, "big"))
        try:
            body, content_type, charset, convert = pickle.loads(payload)
            result = parse_and_convert(body, content_type, charset, convert)
            del body, payload
            answer = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            return  # the parent reports it; a fresh worker takes the next document
        out.write(len(answer).to_bytes(_HEADER, "big") + answer)
        out.flush()


if __name__ == "__main__":
    serve(int(sys.argv[1]))
