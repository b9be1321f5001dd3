"""Follow-ups from commitments: who owes what, the due as said, the sentence it was said in.

Revision ID: 0003
Revises: 0002

Adds to ``followups``: ``commitment_key`` (``""`` for every follow-up that is no commitment, so
the rows already there keep their meaning), ``owner``, ``owed_to``, ``due_phrase`` and
``quote``; the unique key becomes ``(conversation_id, person_id, kind, commitment_key)``, so one
conversation can leave several commitments with the same person. SQLite rebuilds the table
(batch mode); every row is copied.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_UNIQUE = "uq_followups_conversation_id"


def upgrade() -> None:
    with op.batch_alter_table("followups") as batch:
        batch.add_column(
            sa.Column("commitment_key", sa.String(64), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("owner", sa.String(200), nullable=True))
        batch.add_column(sa.Column("owed_to", sa.String(200), nullable=True))
        batch.add_column(sa.Column("due_phrase", sa.Text(), nullable=True))
        batch.add_column(sa.Column("quote", sa.Text(), nullable=True))
        batch.drop_constraint(_UNIQUE, type_="unique")
        batch.create_unique_constraint(
            _UNIQUE, ["conversation_id", "person_id", "kind", "commitment_key"]
        )


def downgrade() -> None:
    op.execute("DELETE FROM followups WHERE kind = 'commitment'")
    with op.batch_alter_table("followups") as batch:
        batch.drop_constraint(_UNIQUE, type_="unique")
        batch.create_unique_constraint(_UNIQUE, ["conversation_id", "person_id", "kind"])
        for column in ("quote", "due_phrase", "owed_to", "owner", "commitment_key"):
            batch.drop_column(column)
