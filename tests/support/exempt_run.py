"""``python -m bot`` for end-to-end tests whose guilds add feeds served by a double.

``python -m tests.support.exempt_run ADDRESS:PORT ARGS...`` runs labelwatch's
command line with ARGS, letting public-only fetches reach that one address
and port (the feed double on 127.0.0.1) and nothing else private.
"""

from __future__ import annotations

import sys

from bot.cli import main
from bot.sources.addresses import AddressGuard

if __name__ == "__main__":
    address, port = sys.argv[1].rsplit(":", 1)
    sys.exit(main(sys.argv[2:], address_guard=AddressGuard.exempting([(address, int(port))])))
