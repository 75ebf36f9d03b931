"""The ``[events]`` section of the config file: how grouping reads time.

Kept apart from ``bot/config.py`` so grouping's knobs live beside grouping;
``parse_settings`` calls ``read_event_settings`` with the section's reader, so
a mistake here is reported like any other config mistake, naming the key.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from bot.config_reader import ConfigError, TableReader, kind_of


@dataclass(frozen=True)
class EventSettings:
    """Time windows of grouping (in days) and which feeds speak for a platform.

    ``join_window_days``: a report this close to an event's latest report may
    join it on ordinary evidence (platform, kind, wording). ``tie_window_days``:
    no event spans more than this, from its first report to its last; within it, a
    report past the join window joins only when something ties it to the event
    (a shared project name, an agreeing figure, a copy of a report, a contract's
    end followed by its layoffs). ``quiet_days``: an event with no report for
    this long is closed. ``company_feeds``: feed URLs or host names whose items
    are the platforms' own statements (their blogs, newsrooms), which confirm
    an event on their own.
    """

    join_window_days: float = 7.0
    tie_window_days: float = 45.0
    quiet_days: float = 14.0
    company_feeds: tuple[str, ...] = ()

    @property
    def join_window(self) -> timedelta:
        return timedelta(days=self.join_window_days)

    @property
    def tie_window(self) -> timedelta:
        return timedelta(days=self.tie_window_days)

    @property
    def quiet(self) -> timedelta:
        return timedelta(days=self.quiet_days)


def read_event_settings(r: TableReader) -> EventSettings:
    """Validate the ``[events]`` table; raises ``ConfigError`` naming the key."""
    d = EventSettings()
    join = r.number("join_window_days", d.join_window_days, 0.01, 365)
    tie = r.number("tie_window_days", d.tie_window_days, 0.01, 3650)
    quiet = r.number("quiet_days", d.quiet_days, 0.01, 3650)
    feeds = r.get("company_feeds", [])
    if not isinstance(feeds, list) or not all(isinstance(f, str) and f.strip() for f in feeds):
        raise ConfigError(f"{r.key('company_feeds')}: expected a list of feed URLs or host "
                          f"names, got {kind_of(feeds)}")
    r.finish()
    if tie < join:
        raise ConfigError(f"{r.key('tie_window_days')}: must be at least join_window_days "
                          f"({join:g}), got {tie:g}")
    if quiet < join:
        raise ConfigError(f"{r.key('quiet_days')}: must be at least join_window_days "
                          f"({join:g}), got {quiet:g}")
    return EventSettings(join_window_days=join, tie_window_days=tie, quiet_days=quiet,
                         company_feeds=tuple(f.strip() for f in feeds))
