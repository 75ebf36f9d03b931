"""per-feed item keys and document hashes

Feed items were keyed by GUID alone, so a second feed carrying an item with
the same GUID lost it. ``posts.feed_key`` (a hash of the feed) joins the key.
Rows stored before this revision keep an empty ``feed_key``: they are the old
global keys, and storage treats an item whose GUID matches one of them as
already stored, so upgrading alerts nothing twice.

``source_state.content_hash`` remembers the last document parsed for a
source, so an unchanged feed served without validators is not parsed again.

Downgrading restores the global key; of posts that share a GUID across
feeds, all but the first stored are deleted.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-10
"""

from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('feed_key', sa.String(length=16), server_default='',
                                      nullable=False))
        batch_op.drop_constraint('uq_posts_source_external', type_='unique')
        batch_op.create_unique_constraint('uq_posts_source_external_feed',
                                          ['source_kind', 'external_id', 'feed_key'])
    with op.batch_alter_table('source_state', schema=None) as batch_op:
        batch_op.add_column(sa.Column('content_hash', sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('source_state', schema=None) as batch_op:
        batch_op.drop_column('content_hash')
    op.execute(
        "DELETE FROM posts WHERE id IN (SELECT p.id FROM posts p JOIN posts q "
        "ON q.source_kind = p.source_kind AND q.external_id = p.external_id AND q.id < p.id)"
    )
    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.drop_constraint('uq_posts_source_external_feed', type_='unique')
        batch_op.create_unique_constraint('uq_posts_source_external',
                                          ['source_kind', 'external_id'])
        batch_op.drop_column('feed_key')
