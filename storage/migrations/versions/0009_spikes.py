"""spikes and convergence alerts: posts indexed by community and time, so a day's
individual reports and a community's first post are found without a scan; outbox
rows that carry a recorded convergence crossing to a route

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04
"""

from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_posts_subreddit_time', 'posts', ['subreddit', 'created_utc'])
    op.create_index('ix_posts_feed_key_time', 'posts', ['feed_key', 'created_utc'])
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('crossing_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('outbox_crossing_id_fkey', 'index_crossings',
                                    ['crossing_id'], ['id'], ondelete='CASCADE')
        batch_op.create_unique_constraint('uq_outbox_crossing_route',
                                          ['crossing_id', 'route_id'])


def downgrade() -> None:
    # Convergence alerts have no event or post to fall back on: they go with their column.
    op.execute("DELETE FROM outbox WHERE crossing_id IS NOT NULL")
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_constraint('uq_outbox_crossing_route', type_='unique')
        batch_op.drop_constraint('outbox_crossing_id_fkey', type_='foreignkey')
        batch_op.drop_column('crossing_id')
    op.drop_index('ix_posts_feed_key_time', table_name='posts')
    op.drop_index('ix_posts_subreddit_time', table_name='posts')
