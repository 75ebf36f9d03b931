"""event alerts: outbox rows for an event's message, its edits and its replies;
events indexed by their latest report for the reads of recent events

Rows queued before this revision were per-post alerts; they keep their post
and become ``kind = 'post'``, so any still pending are delivered as they
were queued and the sent ones stay in the routes' history.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05
"""

from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=16), nullable=False,
                                      server_default='post'))
        batch_op.add_column(sa.Column('event_id', _ID, nullable=True))
        batch_op.add_column(sa.Column('event_status', sa.String(length=16), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('revision', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('shown_revision', sa.Integer(), nullable=True))
        batch_op.alter_column('post_id', existing_type=_ID, nullable=True)
        batch_op.create_foreign_key('outbox_event_id_fkey', 'events', ['event_id'], ['id'],
                                    ondelete='CASCADE')
        batch_op.create_unique_constraint('uq_outbox_event_route_kind',
                                          ['event_id', 'route_id', 'kind', 'event_status'])
    op.create_index('ix_events_last_seen', 'events', ['last_seen'])


def downgrade() -> None:
    # Event alerts have no post to fall back on: they go with the schema that knew them.
    op.execute("DELETE FROM outbox WHERE post_id IS NULL")
    op.drop_index('ix_events_last_seen', table_name='events')
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_constraint('uq_outbox_event_route_kind', type_='unique')
        batch_op.drop_constraint('outbox_event_id_fkey', type_='foreignkey')
        batch_op.alter_column('post_id', existing_type=_ID, nullable=False)
        batch_op.drop_column('shown_revision')
        batch_op.drop_column('revision')
        batch_op.drop_column('event_status')
        batch_op.drop_column('event_id')
        batch_op.drop_column('kind')
