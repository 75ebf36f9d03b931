"""Where posts come from: Reddit (API or public Atom) and RSS/Atom feeds.

Sources only fetch: they return plain records and the state to persist,
and never raise for a fault of the remote side.
"""

from bot.sources.backoff import is_due
from bot.sources.feeds import FeedFetcher, probe_feed
from bot.sources.reddit import RedditAtomSource, RedditSource, batch_key, batch_subreddits

__all__ = [
    "FeedFetcher",
    "RedditAtomSource",
    "RedditSource",
    "batch_key",
    "batch_subreddits",
    "is_due",
    "probe_feed",
]
