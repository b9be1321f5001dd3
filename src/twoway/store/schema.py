"""The tables, as SQLAlchemy 2 typed ORM classes (private to the store).

Every child row is deleted with its parent (``ON DELETE CASCADE`` in the database, and
``cascade="all, delete-orphan"`` in the ORM): deleting a conversation removes its turns,
questions, analysis, people links and follow-ups; deleting a person removes their notes,
follow-ups and links. Names are matched case-insensitively through ``key`` (casefolded).
The migrations in ``migrations/versions`` create exactly these tables.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def name_key(name: str) -> str:
    """How names are compared: case and extra spaces ignored."""
    return " ".join(name.split()).casefold()


class Company(Base):
    __tablename__ = "companies"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    key: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Person(Base):
    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    key: Mapped[str] = mapped_column(String(200), unique=True)
    email: Mapped[str | None] = mapped_column(String(320))
    title: Mapped[str | None] = mapped_column(String(200))
    company_id: Mapped[int | None] = mapped_column(
        ForeignKey("companies.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)

    company: Mapped[Company | None] = relationship()
    links: Mapped[list[ConversationPerson]] = relationship(
        back_populates="person", cascade="all, delete-orphan", passive_deletes=True
    )
    notes: Mapped[list[Note]] = relationship(
        back_populates="person", cascade="all, delete-orphan", passive_deletes=True
    )
    followups: Mapped[list[FollowupRow]] = relationship(
        back_populates="person", cascade="all, delete-orphan", passive_deletes=True
    )


class ConversationRow(Base):
    __tablename__ = "conversations"

    id: Mapped[int] = mapped_column(primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    source: Mapped[str] = mapped_column(String(500))  # the file name as given
    format: Mapped[str] = mapped_column(String(40))
    mode: Mapped[str] = mapped_column(String(20))
    me: Mapped[str | None] = mapped_column(String(200))
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    company_id: Mapped[int | None] = mapped_column(
        ForeignKey("companies.id", ondelete="SET NULL"), index=True
    )
    role: Mapped[str | None] = mapped_column(String(200))
    duration_s: Mapped[float | None] = mapped_column(Float)
    notes_json: Mapped[str] = mapped_column(Text, default="[]")  # Conversation.notes
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)

    company: Mapped[Company | None] = relationship()
    links: Mapped[list[ConversationPerson]] = relationship(
        back_populates="conversation", cascade="all, delete-orphan", passive_deletes=True
    )
    turns: Mapped[list[TurnRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="TurnRow.seq"
    )
    questions: Mapped[list[QuestionRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="QuestionRow.seq"
    )
    analysis: Mapped[AnalysisRow | None] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )
    followups: Mapped[list[FollowupRow]] = relationship(
        back_populates="conversation", cascade="all, delete-orphan", passive_deletes=True
    )


class ConversationPerson(Base):
    """A person met in a conversation, and which transcript speaker they were (if known)."""

    __tablename__ = "conversation_people"

    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    speaker: Mapped[str | None] = mapped_column(String(200))

    conversation: Mapped[ConversationRow] = relationship(back_populates="links")
    person: Mapped[Person] = relationship(back_populates="links")


class TurnRow(Base):
    __tablename__ = "turns"
    __table_args__ = (UniqueConstraint("conversation_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    speaker: Mapped[str | None] = mapped_column(String(200))
    start_s: Mapped[float | None] = mapped_column(Float)
    end_s: Mapped[float | None] = mapped_column(Float)
    text: Mapped[str | None] = mapped_column(Text)


class QuestionRow(Base):
    __tablename__ = "questions"
    __table_args__ = (UniqueConstraint("conversation_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    turn_seq: Mapped[int | None] = mapped_column(Integer)  # the turn the question starts in
    speaker: Mapped[str] = mapped_column(String(200))
    is_me: Mapped[bool] = mapped_column(Boolean)
    start_s: Mapped[float | None] = mapped_column(Float)
    text: Mapped[str] = mapped_column(Text)
    form: Mapped[str] = mapped_column(String(40))
    function: Mapped[str] = mapped_column(String(40))
    topic: Mapped[str | None] = mapped_column(String(40))
    kind: Mapped[str | None] = mapped_column(String(40))
    follow_up: Mapped[bool] = mapped_column(Boolean)
    answered_by: Mapped[str | None] = mapped_column(String(200))
    answer_s: Mapped[float | None] = mapped_column(Float)
    answer_words: Mapped[int | None] = mapped_column(Integer)


class AnalysisRow(Base):
    """The analysis as saved (``Analysis.to_dict()``), with the numbers progress charts need."""

    __tablename__ = "analyses"

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), unique=True
    )
    schema: Mapped[str] = mapped_column(String(40))
    data: Mapped[str] = mapped_column(Text)  # JSON
    score: Mapped[int | None] = mapped_column(Integer)
    talk_share: Mapped[float | None] = mapped_column(Float)
    share_low: Mapped[float] = mapped_column(Float)
    share_high: Mapped[float] = mapped_column(Float)
    questions: Mapped[int] = mapped_column(Integer)
    about_them: Mapped[int] = mapped_column(Integer)
    longest_monologue_s: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Note(Base):
    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)

    person: Mapped[Person] = relationship(back_populates="notes")


class FollowupRow(Base):
    """Something to do for a person: a thank-you, staying in touch, a commitment made in a
    conversation (``kind`` "commitment", migration 0003), or anything added by hand.

    ``(conversation_id, person_id, kind, commitment_key)`` is unique so re-saving a conversation
    does not add its automatic follow-ups twice (NULLs never collide, so hand-made ones are
    free). ``commitment_key`` is ``""`` except for a commitment, where it names the commitment
    (a hash of who owes it, the verb and the sentence it was said in); ``owner`` is who owes it
    ("me", or the other person's or a third party's name), ``owed_to`` to whom ("me" or a
    name), ``due_phrase`` the due as said ("by Friday"), ``quote`` the sentence, verbatim.
    """

    __tablename__ = "followups"
    __table_args__ = (UniqueConstraint("conversation_id", "person_id", "kind", "commitment_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    conversation_id: Mapped[int | None] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))  # thank_you | stay_in_touch | manual | commitment
    what: Mapped[str] = mapped_column(Text)
    due: Mapped[dt.date] = mapped_column(Date, index=True)
    done_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    commitment_key: Mapped[str] = mapped_column(String(64), default="", server_default="")
    owner: Mapped[str | None] = mapped_column(String(200))
    owed_to: Mapped[str | None] = mapped_column(String(200))
    due_phrase: Mapped[str | None] = mapped_column(Text)
    quote: Mapped[str | None] = mapped_column(Text)

    person: Mapped[Person | None] = relationship(back_populates="followups")
    conversation: Mapped[ConversationRow | None] = relationship(back_populates="followups")


# The order export and delete-everything walk the tables in (parents first).
TABLES = (
    "companies",
    "people",
    "conversations",
    "conversation_people",
    "turns",
    "questions",
    "analyses",
    "notes",
    "followups",
)
