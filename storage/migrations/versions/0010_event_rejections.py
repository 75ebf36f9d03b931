"""event_rejections: a guild that marked every report of a public event not a signal,
so that guild's routes stop getting the event while other guilds keep it

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04
"""

from alembic import op
import sqlalchemy as sa

from storage.types import UTCDateTime


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade() -> None:
    op.create_table(
        'event_rejections',
        sa.Column('event_id', _ID, nullable=False),
        sa.Column('guild_id', sa.BigInteger(), nullable=False),
        sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['event_id'], ['events.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('event_id', 'guild_id'),
    )


def downgrade() -> None:
    op.drop_table('event_rejections')
