"""event_names: the project and rare names each event's reports gave, indexed by name
and time, so a report that names no known platform can find the open events that carry
its name; filled here for the open events (from their features), and by grouping

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05
"""

from alembic import op
import sqlalchemy as sa

from storage.types import UTCDateTime


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')
_NAME_LENGTH = 64
_OPEN = ('reported', 'corroborated', 'confirmed', 'disputed')


def upgrade() -> None:
    names = op.create_table(
        'event_names',
        sa.Column('event_id', _ID, nullable=False),
        sa.Column('name', sa.String(length=_NAME_LENGTH), nullable=False),
        sa.Column('last_seen', UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['event_id'], ['events.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('event_id', 'name'),
    )
    op.create_index('ix_event_names_name_last_seen', 'event_names', ['name', 'last_seen'])
    # Open events carry their names in ``features`` (``strong`` and ``weak`` counts);
    # closed ones are history, filled by ``labelwatch events rebuild`` when wanted.
    events = sa.table('events', sa.column('id', _ID), sa.column('status', sa.String()),
                      sa.column('last_seen', UTCDateTime(timezone=True)),
                      sa.column('features', sa.JSON()))
    found = op.get_bind().execute(
        sa.select(events.c.id, events.c.last_seen, events.c.features)
        .where(events.c.status.in_(_OPEN))).all()
    rows: list[dict[str, object]] = []
    for event_id, last_seen, features in found:
        kept: set[str] = set()
        for key in ('strong', 'weak'):
            part = (features or {}).get(key) or {}
            kept.update(n for n in part if isinstance(n, str) and len(n) <= _NAME_LENGTH)
        rows.extend({'event_id': event_id, 'name': n, 'last_seen': last_seen}
                    for n in sorted(kept))
    if rows:
        op.bulk_insert(names, rows)


def downgrade() -> None:
    op.drop_index('ix_event_names_name_last_seen', table_name='event_names')
    op.drop_table('event_names')
