"""events: an external key and report links for events imported from another database

``labelwatch import`` loads events exported elsewhere. The key they had there
makes a second import of the same file change nothing; their reports' posts
are not imported, so the first and latest report links are kept on the event.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""

from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('external_key', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('first_report_url', sa.String(length=2048), nullable=True))
        batch_op.add_column(sa.Column('latest_report_url', sa.String(length=2048),
                                      nullable=True))
    op.create_index('uq_events_external_key', 'events', ['external_key'], unique=True)


def downgrade() -> None:
    op.drop_index('uq_events_external_key', table_name='events')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_column('latest_report_url')
        batch_op.drop_column('first_report_url')
        batch_op.drop_column('external_key')
