"""Conversations, their turns, questions and analysis; people and companies.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "companies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_companies"),
        sa.UniqueConstraint("key", name="uq_companies_key"),
    )
    op.create_table(
        "people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("email", sa.String(320), nullable=True),
        sa.Column("title", sa.String(200), nullable=True),
        sa.Column("company_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["companies.id"],
            name="fk_people_company_id_companies",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_people"),
        sa.UniqueConstraint("key", name="uq_people_key"),
    )
    op.create_index("ix_people_company_id", "people", ["company_id"])
    op.create_table(
        "conversations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("source", sa.String(500), nullable=False),
        sa.Column("format", sa.String(40), nullable=False),
        sa.Column("mode", sa.String(20), nullable=False),
        sa.Column("me", sa.String(200), nullable=True),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=True),
        sa.Column("role", sa.String(200), nullable=True),
        sa.Column("duration_s", sa.Float(), nullable=True),
        sa.Column("notes_json", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["companies.id"],
            name="fk_conversations_company_id_companies",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_conversations"),
        sa.UniqueConstraint("content_hash", name="uq_conversations_content_hash"),
    )
    op.create_index("ix_conversations_date", "conversations", ["date"])
    op.create_index("ix_conversations_company_id", "conversations", ["company_id"])
    op.create_table(
        "conversation_people",
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("speaker", sa.String(200), nullable=True),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name="fk_conversation_people_conversation_id_conversations",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name="fk_conversation_people_person_id_people",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("conversation_id", "person_id", name="pk_conversation_people"),
    )
    op.create_index("ix_conversation_people_person_id", "conversation_people", ["person_id"])
    op.create_table(
        "turns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("speaker", sa.String(200), nullable=True),
        sa.Column("start_s", sa.Float(), nullable=True),
        sa.Column("end_s", sa.Float(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name="fk_turns_conversation_id_conversations",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_turns"),
        sa.UniqueConstraint("conversation_id", "seq", name="uq_turns_conversation_id"),
    )
    op.create_table(
        "questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("turn_seq", sa.Integer(), nullable=True),
        sa.Column("speaker", sa.String(200), nullable=False),
        sa.Column("is_me", sa.Boolean(), nullable=False),
        sa.Column("start_s", sa.Float(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("form", sa.String(40), nullable=False),
        sa.Column("function", sa.String(40), nullable=False),
        sa.Column("topic", sa.String(40), nullable=True),
        sa.Column("kind", sa.String(40), nullable=True),
        sa.Column("follow_up", sa.Boolean(), nullable=False),
        sa.Column("answered_by", sa.String(200), nullable=True),
        sa.Column("answer_s", sa.Float(), nullable=True),
        sa.Column("answer_words", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name="fk_questions_conversation_id_conversations",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_questions"),
        sa.UniqueConstraint("conversation_id", "seq", name="uq_questions_conversation_id"),
    )
    op.create_table(
        "analyses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("schema", sa.String(40), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("talk_share", sa.Float(), nullable=True),
        sa.Column("share_low", sa.Float(), nullable=False),
        sa.Column("share_high", sa.Float(), nullable=False),
        sa.Column("questions", sa.Integer(), nullable=False),
        sa.Column("about_them", sa.Integer(), nullable=False),
        sa.Column("longest_monologue_s", sa.Float(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name="fk_analyses_conversation_id_conversations",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_analyses"),
        sa.UniqueConstraint("conversation_id", name="uq_analyses_conversation_id"),
    )


def downgrade() -> None:
    for table in (
        "analyses",
        "questions",
        "turns",
        "conversation_people",
        "conversations",
        "people",
        "companies",
    ):
        op.drop_table(table)
