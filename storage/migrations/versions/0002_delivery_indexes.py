"""indexes for summaries, post lookup by link and ordered outbox claims

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from alembic import op


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.create_index('ix_posts_url', ['url'], unique=False, postgresql_using='hash')

    with op.batch_alter_table('post_platforms', schema=None) as batch_op:
        batch_op.create_index(
            'ix_post_platforms_time_cover',
            ['created_utc', 'platform', 'event_type', 'tier', 'direction', 'post_id'],
            unique=False,
        )

    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_route_order', ['route_id', 'status', 'id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_route_order')

    with op.batch_alter_table('post_platforms', schema=None) as batch_op:
        batch_op.drop_index('ix_post_platforms_time_cover')

    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.drop_index('ix_posts_url')
