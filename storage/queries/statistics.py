"""Planner statistics after bulk writes (PostgreSQL).

PostgreSQL picks a plan by what it knows of a table's contents. A table a
replay has just filled has no statistics until autovacuum analyzes it, a
minute or more later (and a long replay keeps outgrowing them). Meanwhile
the planner guesses, and some guesses read every stored post of a community
where the index would read one: spike detection's first stored post of a
community took 30 ms instead of a tenth of one at 200,000 stored, and a
replay into such a database slowed by half. A bulk writer asks for fresh
statistics every so often; tables whose statistics are missing or well out
of date are analyzed, the others cost nothing.

SQLite needs none of this: without statistics its planner takes the index
these queries are written for.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Base  # the models' module: every table is registered

STALE_SHARE = 0.2
"""A table is analyzed when the rows written since its last analysis pass this
share of its rows (autovacuum's own default trigger is a tenth, checked once a
minute at most)."""
STALE_MIN_ROWS = 1000
"""A table counts as holding at least this many rows, so a small one waits for a fifth
of this many writes: it is cheap to read with any plan."""


async def refresh_statistics(session: AsyncSession) -> list[str]:
    """Analyze the project's tables whose statistics are missing or stale; returns
    their names. One statement when none is; nothing on other databases than PostgreSQL.
    """
    if session.get_bind().dialect.name != "postgresql":
        return []
    names = sorted(Base.metadata.tables)
    rows = await session.execute(text(
        "SELECT relname, n_live_tup, n_mod_since_analyze FROM pg_stat_user_tables "
        "WHERE schemaname = current_schema() AND relname = ANY(:names)"), {"names": names})
    stale = sorted(str(name) for name, live, changed in rows.all()
                   if changed > STALE_SHARE * max(live, STALE_MIN_ROWS))
    for name in stale:
        # names are the models' own table names (checked above), not input
        await session.execute(text(f'ANALYZE "{name}"'))
    return stale
