"""events: records, their platforms and reports; spikes, index crossings, quarantine

The ``events`` table of 0001 was a placeholder that nothing wrote, so it is
replaced rather than altered, and the unused ``posts.event_id`` gives way to
``event_reports``, which also says why each post joined its event.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04
"""

from alembic import op
import sqlalchemy as sa

from storage.types import UTCDateTime


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def _drop_post_event_id() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.drop_constraint('posts_event_id_fkey', 'posts', type_='foreignkey')
        op.drop_column('posts', 'event_id')
        return
    with op.batch_alter_table('posts', schema=None, recreate='always') as batch_op:
        batch_op.drop_column('event_id')


def upgrade() -> None:
    _drop_post_event_id()
    op.drop_table('events')
    op.create_table(
        'events',
        sa.Column('id', _ID, autoincrement=True, nullable=False),
        sa.Column('guild_id', sa.BigInteger(), nullable=True),
        sa.Column('origin', sa.String(length=16), nullable=False),
        sa.Column('title', sa.Text(), nullable=False),
        sa.Column('platforms', sa.JSON(), nullable=False),
        sa.Column('parents', sa.JSON(), nullable=False),
        sa.Column('event_type', sa.String(length=32), nullable=False),
        sa.Column('direction', sa.String(length=16), nullable=False),
        sa.Column('tier', sa.String(length=16), nullable=False),
        sa.Column('magnitude', sa.JSON(), nullable=True),
        sa.Column('first_seen', UTCDateTime(timezone=True), nullable=False),
        sa.Column('last_seen', UTCDateTime(timezone=True), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('status_changed_at', UTCDateTime(timezone=True), nullable=False),
        sa.Column('confirmed_at', UTCDateTime(timezone=True), nullable=True),
        sa.Column('score', sa.Float(), nullable=False),
        sa.Column('post_count', sa.Integer(), nullable=False),
        sa.Column('source_count', sa.Integer(), nullable=False),
        sa.Column('author_count', sa.Integer(), nullable=False),
        sa.Column('revision', sa.Integer(), nullable=False),
        sa.Column('features', sa.JSON(), nullable=False),
        sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
        sa.Column('updated_at', UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_events_first_seen', 'events', ['first_seen'])
    op.create_index('ix_events_status_last_seen', 'events', ['status', 'last_seen'])

    op.create_table(
        'event_platforms',
        sa.Column('event_id', _ID, nullable=False),
        sa.Column('platform', sa.String(length=64), nullable=False),
        sa.Column('parent', sa.String(length=64), nullable=False),
        sa.Column('first_seen', UTCDateTime(timezone=True), nullable=False),
        sa.Column('last_seen', UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['event_id'], ['events.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('event_id', 'platform'),
    )
    op.create_index('ix_event_platforms_parent_first_seen', 'event_platforms',
                    ['parent', 'first_seen'])
    op.create_index('ix_event_platforms_platform_last_seen', 'event_platforms',
                    ['platform', 'last_seen'])

    op.create_table(
        'event_reports',
        sa.Column('post_id', _ID, nullable=False),
        sa.Column('event_id', _ID, nullable=False),
        sa.Column('role', sa.String(length=16), nullable=False),
        sa.Column('created_utc', UTCDateTime(timezone=True), nullable=False),
        sa.Column('joined_at', UTCDateTime(timezone=True), nullable=False),
        sa.Column('source_key', sa.String(length=300), nullable=False),
        sa.Column('independent', sa.Boolean(), nullable=False),
        sa.Column('syndicated_of', _ID, nullable=True),
        sa.Column('similarity', sa.Float(), nullable=True),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['event_id'], ['events.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['post_id'], ['posts.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['syndicated_of'], ['posts.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('post_id'),
    )
    op.create_index('ix_event_reports_event_time', 'event_reports', ['event_id', 'created_utc'])

    op.create_table(
        'spikes',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('community', sa.String(length=512), nullable=False),
        sa.Column('kind', sa.String(length=32), nullable=False),
        sa.Column('day', sa.String(length=10), nullable=False),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.Column('baseline', sa.Float(), nullable=False),
        sa.Column('event_id', _ID, nullable=True),
        sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['event_id'], ['events.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('community', 'kind', 'day', name='uq_spike_day'),
    )
    op.create_table(
        'index_crossings',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('at', UTCDateTime(timezone=True), nullable=False),
        sa.Column('tier', sa.String(length=16), nullable=False),
        sa.Column('level', sa.Integer(), nullable=False),
        sa.Column('parents', sa.JSON(), nullable=False),
        sa.Column('events', sa.JSON(), nullable=False),
        sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('tier', 'at', name='uq_index_crossing'),
    )
    op.create_table(
        'quarantine',
        sa.Column('id', _ID, autoincrement=True, nullable=False),
        sa.Column('source_key', sa.String(length=2048), nullable=False),
        sa.Column('external_id', sa.Text(), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('excerpt', sa.Text(), nullable=False),
        sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_quarantine_source_time', 'quarantine', ['source_key', 'created_at'])

    with op.batch_alter_table('alert_routes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('index_alerts', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('report_kind', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('guild_id', sa.BigInteger(), nullable=True))
        batch_op.create_index('ix_posts_report_time', ['report_kind', 'created_utc'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.drop_index('ix_posts_report_time')
        batch_op.drop_column('guild_id')
        batch_op.drop_column('report_kind')
    with op.batch_alter_table('alert_routes', schema=None) as batch_op:
        batch_op.drop_column('index_alerts')
    op.drop_index('ix_quarantine_source_time', table_name='quarantine')
    op.drop_table('quarantine')
    op.drop_table('index_crossings')
    op.drop_table('spikes')
    op.drop_index('ix_event_reports_event_time', table_name='event_reports')
    op.drop_table('event_reports')
    op.drop_index('ix_event_platforms_platform_last_seen', table_name='event_platforms')
    op.drop_index('ix_event_platforms_parent_first_seen', table_name='event_platforms')
    op.drop_table('event_platforms')
    op.drop_index('ix_events_status_last_seen', table_name='events')
    op.drop_index('ix_events_first_seen', table_name='events')
    op.drop_table('events')
    op.create_table(
        'events',
        sa.Column('id', _ID, autoincrement=True, nullable=False),
        sa.Column('platform', sa.String(length=64), nullable=False),
        sa.Column('event_type', sa.String(length=32), nullable=False),
        sa.Column('first_seen', sa.DateTime(timezone=True), nullable=False),
        sa.Column('last_seen', sa.DateTime(timezone=True), nullable=False),
        sa.Column('post_count', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('event_id', _ID, nullable=True))
        batch_op.create_foreign_key('posts_event_id_fkey', 'events', ['event_id'], ['id'],
                                    ondelete='SET NULL')
