"""month approval

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-08 02:20:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('month_submission',
    sa.Column('month', sa.String(length=7), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('submitted_by', sa.String(length=50), nullable=False),
    sa.Column('submitted_at', sa.DateTime(), nullable=True),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('decided_by', sa.String(length=100), nullable=False),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('hlc', sa.String(length=48), nullable=False),
    sa.Column('community_id', sa.String(length=36), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_month_submission'))
    )
    with op.batch_alter_table('month_submission', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_month_submission_community_id'), ['community_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_month_submission_month'), ['month'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('month_submission', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_month_submission_month'))
        batch_op.drop_index(batch_op.f('ix_month_submission_community_id'))

    op.drop_table('month_submission')
