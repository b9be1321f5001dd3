"""What the store hands back to callers: frozen dataclasses, never ORM objects.

This module imports nothing heavy (no SQLAlchemy), so reports and the web app can name these
types without paying for the database layer. ``conversation_summary`` and ``followup_record``
make records of rows (the ORM classes are named only for the type checker).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from twoway.errors import UsageError
from twoway.model import Conversation

if TYPE_CHECKING:
    from twoway.analysis import Analysis
    from twoway.followup import ThankYouNote
    from twoway.store.schema import ConversationRow, FollowupRow


@dataclass(frozen=True, slots=True)
class ProgressPoint:
    """One saved conversation as a point on the "am I improving?" chart.

    ``talk_share`` is my share (time, or words without timing); ``share_low``/``share_high`` the
    on-target band of the conversation's mode; ``questions`` how many questions I asked that
    count, ``about_them`` how many were about the other person; ``score`` the two-way score
    (``None`` when it could not be computed).
    """

    date: dt.date
    conversation_id: int
    source: str
    mode: str
    talk_share: float | None
    share_low: float
    share_high: float
    questions: int
    about_them: int
    longest_monologue_s: float | None
    score: int | None


@dataclass(frozen=True, slots=True)
class PersonSummary:
    """A person as listed by ``twoway people``."""

    id: int
    name: str
    email: str | None
    title: str | None
    company: str | None
    conversations: int
    last_contact: dt.date | None
    next_followup: dt.date | None


@dataclass(frozen=True, slots=True)
class Note:
    id: int
    person: str
    text: str
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class ConversationSummary:
    """A saved conversation without its turns."""

    id: int
    date: dt.date
    source: str
    format: str
    mode: str
    me: str | None
    company: str | None
    role: str | None
    people: tuple[str, ...]
    score: int | None
    talk_share: float | None
    content_hash: str


@dataclass(frozen=True, slots=True)
class StoredConversation:
    """A saved conversation in full: the turns as a ``Conversation`` again, and its analysis."""

    summary: ConversationSummary
    conversation: Conversation
    analysis: dict[str, Any]  # Analysis.to_dict() as saved (schema twoway.analysis/1)

    @property
    def id(self) -> int:
        return self.summary.id

    def reanalyze(self) -> Analysis:
        """The ``Analysis`` again, recomputed from the saved turns with the same me, mode and
        targets (the analysis is pure, so this gives what was saved, with today's code)."""
        from twoway.analysis import Targets, analyze

        data = self.analysis
        targets = Targets(**data["targets"]) if data.get("targets") else None
        return analyze(
            self.conversation, me=self.summary.me, mode=self.summary.mode, targets=targets
        )

    def recipient(self, to: str | None = None) -> str:
        """Who a note after this conversation is for: ``to`` (a prefix of a person saved with it
        works), or the one person it was saved with."""
        people = self.summary.people
        if to is not None:
            matches = [p for p in people if p.casefold().startswith(to.casefold().strip())]
            return matches[0] if len(matches) == 1 else to.strip()
        if len(people) == 1:
            return people[0]
        if not people:
            raise UsageError(
                f"conversation #{self.id} was saved without anyone's name: say who the note is for"
            )
        raise UsageError(
            f"conversation #{self.id} was with {', '.join(people)}: say which one the note is for"
        )

    def thank_you(self, to: str | None = None) -> ThankYouNote:
        """The thank-you note after this conversation, for ``recipient(to)``, with the company and
        role it was saved with."""
        from twoway.followup import draft_thank_you

        return draft_thank_you(
            self.conversation,
            self.reanalyze(),
            self.recipient(to),
            company=self.summary.company,
            role=self.summary.role,
        )


@dataclass(frozen=True, slots=True)
class Answer:
    """What someone told me about themselves: my question on topic "them", and their reply."""

    conversation_id: int
    date: dt.date
    question: str
    answer: str


@dataclass(frozen=True, slots=True)
class Followup:
    """Something to do, and by when.

    A commitment made in a conversation (``kind`` "commitment") also says who owes it:
    ``owner`` is "me" or the name of who owes it (the other person, or a third party they
    named), ``owed_to`` "me" or a name; ``due_phrase`` is the due as said ("by Friday", or
    ``None``), ``due`` the date it was read as (docs/store.md); ``quote`` the sentence it was
    said in, verbatim. ``what`` says it all in one line: "You owe Marcus Chen: send you the
    project", "Marcus Chen owes you: introduce you to Omar".
    """

    id: int
    person: str | None
    what: str
    due: dt.date
    kind: str  # "thank_you" | "stay_in_touch" | "manual" | "commitment"
    conversation_id: int | None
    done_at: dt.datetime | None
    created_at: dt.datetime
    owner: str | None = None
    owed_to: str | None = None
    due_phrase: str | None = None
    quote: str | None = None

    @property
    def is_mine(self) -> bool:
        """A commitment I owe (not one owed to me, and no other kind of follow-up)."""
        return self.kind == "commitment" and self.owner == "me"

    def status(self, today: dt.date) -> str:
        """``done``, ``overdue``, ``due`` (today) or ``upcoming``."""
        if self.done_at is not None:
            return "done"
        if self.due < today:
            return "overdue"
        return "due" if self.due == today else "upcoming"


@dataclass(frozen=True, slots=True)
class PersonDetail:
    """Everything ``twoway people show`` prints about one person."""

    person: PersonSummary
    conversations: tuple[ConversationSummary, ...]
    answers: tuple[Answer, ...]
    their_questions: tuple[tuple[str, int], ...]  # kinds of the questions they asked, with counts
    notes: tuple[Note, ...]
    followups: tuple[Followup, ...] = field(default=())
    topics_raised: tuple[str, ...] = field(default=())  # key themes of what they said


@dataclass(frozen=True, slots=True)
class PersonDeleted:
    """What ``delete_person`` removed."""

    name: str
    conversations_deleted: tuple[int, ...]  # conversations with only them, deleted whole
    removed_from: tuple[int, ...]  # conversations with others, which they were taken out of
    notes: int
    followups: int


@dataclass(frozen=True, slots=True)
class CompanySummary:
    id: int
    name: str
    conversations: int
    people: int
    last_contact: dt.date | None


@dataclass(frozen=True, slots=True)
class CompanyDetail:
    company: CompanySummary
    people: tuple[str, ...]
    conversations: tuple[ConversationSummary, ...]


@dataclass(frozen=True, slots=True)
class SaveResult:
    """What ``Store.save`` did: the conversation id, and whether it was new or an update."""

    conversation_id: int
    created: bool
    people: tuple[str, ...]
    followups_added: int


@dataclass(frozen=True, slots=True)
class DbInfo:
    url: str  # password masked
    path: str | None  # the SQLite file, or None for a server database
    schema_version: str | None
    head_version: str
    counts: dict[str, int]


def conversation_summary(row: ConversationRow) -> ConversationSummary:
    """The summary of a saved conversation's row (its people, company and analysis loaded)."""
    analysis = row.analysis
    return ConversationSummary(
        id=row.id,
        date=row.date,
        source=row.source,
        format=row.format,
        mode=row.mode,
        me=row.me,
        company=row.company.name if row.company is not None else None,
        role=row.role,
        people=tuple(link.person.name for link in row.links),
        score=analysis.score if analysis is not None else None,
        talk_share=analysis.talk_share if analysis is not None else None,
        content_hash=row.content_hash,
    )


def followup_record(row: FollowupRow) -> Followup:
    """The record of a follow-up's row."""
    return Followup(
        id=row.id,
        person=row.person.name if row.person is not None else None,
        what=row.what,
        due=row.due,
        kind=row.kind,
        conversation_id=row.conversation_id,
        done_at=row.done_at,
        created_at=row.created_at,
        owner=row.owner,
        owed_to=row.owed_to,
        due_phrase=row.due_phrase,
        quote=row.quote,
    )
