"""feedback: members' verdicts on posts, given with an alert's buttons

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

from alembic import op
import sqlalchemy as sa

from storage.types import UTCDateTime


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade() -> None:
    op.create_table(
        'feedback',
        sa.Column('id', _ID, autoincrement=True, nullable=False),
        sa.Column('guild_id', sa.BigInteger(), nullable=False),
        sa.Column('post_id', _ID, nullable=False),
        sa.Column('event_id', _ID, nullable=True),
        sa.Column('user_id', sa.BigInteger(), nullable=False),
        sa.Column('verdict', sa.String(length=16), nullable=False),
        sa.Column('event_type', sa.String(length=32), nullable=True),
        sa.Column('platforms', sa.JSON(), nullable=True),
        sa.Column('tier', sa.String(length=16), nullable=True),
        sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['post_id'], ['posts.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['event_id'], ['events.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_feedback_guild_post', 'feedback', ['guild_id', 'post_id'])
    op.create_index('ix_feedback_post', 'feedback', ['post_id'])


def downgrade() -> None:
    op.drop_index('ix_feedback_post', table_name='feedback')
    op.drop_index('ix_feedback_guild_post', table_name='feedback')
    op.drop_table('feedback')
