"""``Store``: the typed API over the database. Callers get frozen records, never ORM objects.

Every method is one transaction (``engine.run``): it commits whole or not at all, and a busy
database is retried with backoff. People, companies and follow-ups live in ``_people`` and
``_followups``; this module holds opening, saving, conversations, progress, export and backup.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Engine, delete, func, insert, select
from sqlalchemy.orm import Session

from twoway.model import Conversation, Turn
from twoway.store import _followups, _people
from twoway.store._content import content_hash, question_turn
from twoway.store.config import default_url, stay_in_touch_days
from twoway.store.engine import (
    Target,
    backup_sqlite,
    check_sqlite_file,
    current_revision,
    head_revision,
    make_engine,
    migrate,
    resolve,
    run,
    use_wal,
)
from twoway.store.errors import NotFoundError, StoreError
from twoway.store.records import (
    CompanyDetail,
    CompanySummary,
    ConversationSummary,
    DbInfo,
    Followup,
    Note,
    PersonDeleted,
    PersonDetail,
    PersonSummary,
    ProgressPoint,
    SaveResult,
    StoredConversation,
    conversation_summary,
)
from twoway.store.schema import (
    TABLES,
    AnalysisRow,
    Base,
    ConversationPerson,
    ConversationRow,
    QuestionRow,
    TurnRow,
)

if TYPE_CHECKING:
    from twoway.analysis import Analysis

T = TypeVar("T")
EXPORT_SCHEMA = "twoway.export/1"
MAX_ID = 2**63 - 1  # the largest row id a database holds


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


class Store:
    """The local history: conversations, people, companies, notes and follow-ups.

    >>> with twoway.store.open("/tmp/example.db") as store:  # doctest: +SKIP
    ...     store.save(conversation, analysis, with_people=["Dana Lee"], company="Acme")
    """

    def __init__(self, engine: Engine, target: Target, schema_version: str) -> None:
        self._engine = engine
        self._target = target
        self.schema_version = schema_version

    @classmethod
    def open(cls, url: str | None = None, *, migrate_to: str = "head") -> Store:
        """Open the store at ``url`` (``None``: ``$TWOWAY_DB`` or the data folder), migrating it."""
        given = url is not None
        target = resolve(url if url is not None else default_url())
        if target.path is not None and not given:
            target.path.parent.mkdir(parents=True, exist_ok=True)
        if target.is_sqlite:
            check_sqlite_file(target)
        engine = make_engine(target)
        try:
            version = migrate(engine, target, migrate_to)  # refuses a foreign file, untouched
            use_wal(engine, target)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine, target, version)

    # --- plumbing ---------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The database URL without its password."""
        return self._target.url.render_as_string(hide_password=True)

    @property
    def path(self) -> Path | None:
        """The SQLite file, or ``None`` for a server database."""
        return self._target.path

    @property
    def is_sqlite(self) -> bool:
        return self._target.is_sqlite

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _write(self, work: Callable[[Session], T]) -> T:
        return run(self._engine, self._target, work, write=True)

    def _read(self, work: Callable[[Session], T]) -> T:
        return run(self._engine, self._target, work, write=False)

    # --- saving -----------------------------------------------------------------------------

    def save(
        self,
        conversation: Conversation,
        analysis: Analysis,
        *,
        with_people: Sequence[str] = (),
        company: str | None = None,
        role: str | None = None,
        date: dt.date | None = None,
        me: str | None = None,
        mode: str | None = None,
        source: str | None = None,
        stay_in_touch_days: int | None = None,
    ) -> SaveResult:
        """Save a conversation, its analysis and questions, and who it was with.

        The same conversation saved again (same content hash) is updated, not duplicated: its
        analysis and questions are replaced, new people are added, and its follow-ups are not
        created twice. Creates a thank-you follow-up per person due the day after ``date``
        (default: today) and a "stay in touch" one ``stay_in_touch_days`` after it, and one per
        commitment between "me" and the others (``twoway.followup.find_commitments``: who owes
        what, due the day said or a default; docs/store.md).
        """
        from twoway.report.text_safety import safe_value, without_surrogates

        # A lone surrogate ("\ud800" in a JSON transcript) cannot be stored as UTF-8: U+FFFD in
        # its place, as every renderer shows it. Control characters are kept: the data is whole.
        conversation, analysis = (
            safe_value(conversation, without_surrogates),
            safe_value(analysis, without_surrogates),
        )
        with_people = [without_surrogates(n) for n in with_people]
        company, role, me, source = (
            None if v is None else without_surrogates(v) for v in (company, role, me, source)
        )
        from twoway.followup import find_commitments

        interval = _stay_days(stay_in_touch_days)
        me_name = me if me is not None else analysis.me
        found = find_commitments(conversation, me_name) if conversation.has_text else ()
        digest = content_hash(conversation.turns)
        now = utcnow()
        names = _unique_names(with_people)

        def work(session: Session) -> SaveResult:
            row = session.scalars(
                select(ConversationRow).where(ConversationRow.content_hash == digest)
            ).one_or_none()
            created = row is None
            company_row = _people.get_or_create_company(session, company, now) if company else None
            if row is None:
                row = ConversationRow(
                    content_hash=digest,
                    date=date or now.date(),
                    created_at=now,
                    notes_json="[]",
                )
                session.add(row)
            elif date is not None:
                row.date = date
            row.source = _source_name(source if source is not None else conversation.source)
            row.format = conversation.format
            row.mode = mode or analysis.mode
            row.me = me if me is not None else analysis.me
            row.duration_s = conversation.duration_s
            row.notes_json = json.dumps(list(conversation.notes), ensure_ascii=False)
            row.updated_at = now
            if company_row is not None:
                row.company = company_row
            if role is not None:
                row.role = role
            session.flush()
            _replace_content(session, row.id, conversation, analysis, now)
            people = _people.link_people(session, row, names, conversation, company_row, now)
            added = _followups.on_save(session, row, people, interval, now)
            added += _followups.commitments_on_save(session, row, found, now)
            all_names = tuple(link.person.name for link in row.links)
            return SaveResult(row.id, created, all_names, added)

        return self._write(work)

    # --- conversations ----------------------------------------------------------------------

    def conversations(
        self,
        *,
        person: str | None = None,
        company: str | None = None,
        me: str | None = None,
        limit: int | None = None,
    ) -> list[ConversationSummary]:
        """Saved conversations, newest first, optionally only those with a person or company."""

        def work(session: Session) -> list[ConversationSummary]:
            query = select(ConversationRow).order_by(
                ConversationRow.date.desc(), ConversationRow.id.desc()
            )
            if person is not None:
                found = _people.find_person(session, person)
                query = query.join(ConversationPerson).where(
                    ConversationPerson.person_id == found.id
                )
            if company is not None:
                found_company = _people.find_company(session, company)
                query = query.where(ConversationRow.company_id == found_company.id)
            rows = list(session.scalars(query))
            if me is not None:
                rows = [r for r in rows if _name_matches(me, r.me)]
            return [conversation_summary(r) for r in rows[:limit]]

        return self._read(work)

    def conversation(self, ref: int | str) -> StoredConversation:
        """One conversation in full, by id, by source file name, or ``"last"`` (the newest)."""

        def work(session: Session) -> StoredConversation:
            row = _find_conversation(session, ref)
            turns = tuple(
                Turn(t.speaker, t.start_s, t.end_s, t.text)
                for t in session.scalars(
                    select(TurnRow).where(TurnRow.conversation_id == row.id).order_by(TurnRow.seq)
                )
            )
            conv = Conversation(
                turns, source=row.source, format=row.format, notes=tuple(json.loads(row.notes_json))
            )
            data = json.loads(row.analysis.data) if row.analysis is not None else {}
            return StoredConversation(conversation_summary(row), conv, data)

        return self._read(work)

    def delete_conversation(self, ref: int | str) -> ConversationSummary:
        """Delete a conversation and everything of it: turns, questions, analysis, follow-ups."""

        def work(session: Session) -> ConversationSummary:
            row = _find_conversation(session, ref)
            summary = conversation_summary(row)
            session.delete(row)
            return summary

        return self._write(work)

    # --- people, companies, notes (see _people) ---------------------------------------------

    def people(self) -> list[PersonSummary]:
        """Everyone met or added, by name, with last contact and next open follow-up."""
        return self._read(_people.list_people)

    def person(self, name: str) -> PersonDetail:
        """One person: conversations, what they told me about themselves, notes, follow-ups.

        ``name`` ignores case and takes a unique prefix; an unknown name raises
        ``NotFoundError`` with close names as suggestions.
        """
        return self._read(lambda s: _people.person_detail(s, name))

    def add_person(
        self,
        name: str,
        *,
        email: str | None = None,
        title: str | None = None,
        company: str | None = None,
    ) -> PersonSummary:
        return self._write(lambda s: _people.add_person(s, name, email, title, company, utcnow()))

    def edit_person(
        self,
        name: str,
        *,
        new_name: str | None = None,
        email: str | None = None,
        title: str | None = None,
        company: str | None = None,
    ) -> PersonSummary:
        """Change a person's name, email, title or company (``None`` leaves a field as it is)."""
        return self._write(
            lambda s: _people.edit_person(s, name, new_name, email, title, company, utcnow())
        )

    def merge_people(self, source: str, into: str) -> PersonSummary:
        """Fold ``source`` into ``into`` (conversations, notes, follow-ups); drop ``source``."""
        return self._write(lambda s: _people.merge_people(s, source, into))

    def delete_person(self, name: str, *, keep_conversations: bool = False) -> PersonDeleted:
        """Delete a person with their notes and follow-ups.

        They are removed from conversations with others; a conversation with only them is
        deleted whole (turns, questions, analysis) unless ``keep_conversations``.
        """
        return self._write(lambda s: _people.delete_person(s, name, keep_conversations))

    def add_note(self, name: str, text: str) -> Note:
        return self._write(lambda s: _people.add_note(s, name, text, utcnow()))

    def notes(self, name: str | None = None) -> list[Note]:
        return self._read(lambda s: _people.list_notes(s, name))

    def companies(self) -> list[CompanySummary]:
        return self._read(_people.list_companies)

    def company(self, name: str) -> CompanyDetail:
        return self._read(lambda s: _people.company_detail(s, name))

    def add_company(self, name: str) -> CompanySummary:
        return self._write(lambda s: _people.add_company(s, name, utcnow()))

    def delete_company(self, name: str) -> CompanySummary:
        """Delete a company; its people and conversations stay, without a company."""
        return self._write(lambda s: _people.delete_company(s, name))

    # --- follow-ups (see _followups) --------------------------------------------------------

    def followups(
        self,
        *,
        include_done: bool = False,
        person: str | None = None,
        today: dt.date | None = None,
    ) -> list[Followup]:
        """Open follow-ups: overdue and due today first, then upcoming, each by due date."""
        day = today or dt.date.today()
        return self._read(lambda s: _followups.list_followups(s, include_done, person, day))

    def add_followup(self, person: str, what: str, due: dt.date) -> Followup:
        return self._write(lambda s: _followups.add(s, person, what, due, utcnow()))

    def complete_followup(
        self, followup_id: int, *, stay_in_touch_days: int | None = None
    ) -> Followup:
        """Mark a follow-up done; completing a "stay in touch" schedules the next check-in
        (``stay_in_touch_days`` later; default 90 or the config value)."""
        from twoway.store.config import stay_in_touch_days as interval

        days = interval(stay_in_touch_days)
        return self._write(lambda s: _followups.complete(s, followup_id, utcnow(), days))

    def snooze_followup(
        self, followup_id: int, days: int, *, today: dt.date | None = None
    ) -> Followup:
        """Push a follow-up ``days`` later (from today when it is already overdue)."""
        day = today or dt.date.today()
        return self._write(lambda s: _followups.snooze(s, followup_id, days, day))

    # --- progress, export, backup, info -----------------------------------------------------

    def progress_points(self, me: str | None = None) -> list[ProgressPoint]:
        """One point per saved conversation with an analysis, oldest first.

        ``me`` keeps the conversations where I was that speaker (ignores case; a prefix works).
        """

        def work(session: Session) -> list[ProgressPoint]:
            rows = session.execute(
                select(ConversationRow, AnalysisRow)
                .join(AnalysisRow, AnalysisRow.conversation_id == ConversationRow.id)
                .order_by(ConversationRow.date, ConversationRow.id)
            ).all()
            return [
                ProgressPoint(
                    date=conv.date,
                    conversation_id=conv.id,
                    source=conv.source,
                    mode=conv.mode,
                    talk_share=an.talk_share,
                    share_low=an.share_low,
                    share_high=an.share_high,
                    questions=an.questions,
                    about_them=an.about_them,
                    longest_monologue_s=an.longest_monologue_s,
                    score=an.score,
                )
                for conv, an in rows
                if me is None or _name_matches(me, conv.me)
            ]

        return self._read(work)

    def my_names(self) -> list[str]:
        """The names "me" had in the saved conversations, most often first (ties: the most
        recent first). The web app preselects the speaker who matches one."""

        def work(session: Session) -> list[str]:
            rows = session.execute(
                select(ConversationRow.me, func.count(), func.max(ConversationRow.date))
                .where(ConversationRow.me.is_not(None))
                .group_by(ConversationRow.me)
            ).all()
            # Most recent first (ISO dates sort as text too), then most often: a stable sort.
            ordered = sorted(rows, key=lambda r: str(r[2]), reverse=True)
            ordered.sort(key=lambda r: -int(r[1]))
            return [str(name) for name, _, _ in ordered if str(name).strip()]

        return self._read(work)

    def export_dict(self) -> dict[str, Any]:
        """Everything in the store as plain JSON-ready data: one list of rows per table.

        Schema ``twoway.export/1``: ``{"schema", "schema_version", "exported_at", "tables":
        {table: [row, ...]}}``; dates are ISO strings, ``analyses[].data`` the analysis object.
        """

        def work(session: Session) -> dict[str, Any]:
            tables: dict[str, list[dict[str, Any]]] = {}
            for name in TABLES:
                table = Base.metadata.tables[name]
                order = list(table.primary_key.columns)
                rows = session.execute(select(table).order_by(*order)).mappings()
                tables[name] = [_plain(dict(r), name) for r in rows]
            return {
                "schema": EXPORT_SCHEMA,
                "schema_version": current_revision(session.connection()),
                "exported_at": utcnow().isoformat() + "Z",
                "tables": tables,
            }

        return self._read(work)

    def backup(self, path: str | Path, *, overwrite: bool = False) -> Path:
        """A consistent copy of the SQLite database, safe while others use it (backup API).

        For PostgreSQL, raises ``StoreError`` saying to use ``pg_dump``.
        """
        destination = Path(path).expanduser()
        if not self.is_sqlite or self.path is None:
            libpq = self._target.url.set(drivername="postgresql")
            raise StoreError(
                "twoway db backup copies SQLite files only; back up a PostgreSQL database with "
                "PostgreSQL's own tool: pg_dump --format=custom --file=twoway.dump "
                f"'{libpq.render_as_string(hide_password=True)}'"
            )
        if destination.resolve() == self.path:
            raise StoreError("is the database itself; choose another file", where=str(path))
        if destination.exists() and not overwrite:
            raise StoreError("already exists; choose another name", where=str(path))
        if not destination.parent.is_dir():
            raise StoreError(f"the folder {destination.parent} does not exist", where=str(path))
        return backup_sqlite(self._engine, self._target, destination)

    def info(self) -> DbInfo:
        """Where the store is, its schema version, and how many rows each table holds."""

        def work(session: Session) -> DbInfo:
            counts = {
                name: session.execute(
                    select(func.count()).select_from(Base.metadata.tables[name])
                ).scalar_one()
                for name in TABLES
            }
            return DbInfo(
                url=self.url,
                path=str(self.path) if self.path is not None else None,
                schema_version=current_revision(session.connection()),
                head_version=head_revision(),
                counts=counts,
            )

        return self._read(work)


# --- helpers ----------------------------------------------------------------------------------


def _stay_days(days: int | None) -> int:
    return stay_in_touch_days(days)


def _source_name(source: str) -> str:
    """The file name alone: the store keeps no folder paths (they can say more than needed)."""
    return Path(source).name if source not in ("-", "<memory>", "<string>") else source


def _unique_names(names: Iterable[str]) -> list[str]:
    from twoway.store.schema import name_key

    seen: dict[str, str] = {}
    for name in names:
        clean = " ".join(name.split())
        if not clean:
            raise StoreError("a person's name cannot be empty")
        seen.setdefault(name_key(clean), clean)
    return list(seen.values())


def _name_matches(wanted: str, actual: str | None) -> bool:
    if actual is None:
        return False
    want, have = wanted.casefold().strip(), actual.casefold()
    return have == want or have.startswith(want)


def _replace_content(
    session: Session, conversation_id: int, conv: Conversation, analysis: Analysis, now: dt.datetime
) -> None:
    """(Re)write the turns, questions and analysis of one conversation."""
    for table in (TurnRow, QuestionRow, AnalysisRow):
        session.execute(delete(table).where(table.conversation_id == conversation_id))
    turns = conv.turns
    if turns:
        session.execute(
            insert(TurnRow),
            [
                {
                    "conversation_id": conversation_id,
                    "seq": i,
                    "speaker": t.speaker,
                    "start_s": t.start,
                    "end_s": t.end,
                    "text": t.text,
                }
                for i, t in enumerate(turns)
            ],
        )
    questions: list[dict[str, Any]] = []
    cursor = 0
    for i, q in enumerate(analysis.questions):
        at = question_turn(turns, q.speaker, q.start_s, q.text, cursor)
        if at is not None:
            cursor = at
        questions.append(
            {
                "conversation_id": conversation_id,
                "seq": i,
                "turn_seq": at,
                "speaker": q.speaker,
                "is_me": q.is_me,
                "start_s": q.start_s,
                "text": q.text,
                "form": q.form,
                "function": q.function,
                "topic": q.topic,
                "kind": q.kind,
                "follow_up": q.follow_up,
                "answered_by": q.answered_by,
                "answer_s": q.answer_s,
                "answer_words": q.answer_words,
            }
        )
    if questions:
        session.execute(insert(QuestionRow), questions)
    me = analysis.me_stats
    about_them = (
        analysis.questioning.about_them
        if analysis.questioning is not None
        else sum(1 for q in analysis.questions if q.is_me and q.topic == "them")
    )
    data = analysis.to_dict()
    session.add(
        AnalysisRow(
            conversation_id=conversation_id,
            schema=str(data["schema"]),
            data=json.dumps(data, ensure_ascii=False),
            score=analysis.score.total if analysis.score is not None else None,
            talk_share=me.share if me is not None else None,
            share_low=analysis.targets.share_low,
            share_high=analysis.targets.share_high,
            questions=me.questions if me is not None else 0,
            about_them=about_them,
            longest_monologue_s=me.longest_monologue_s if me is not None else None,
            created_at=now,
        )
    )


def _find_conversation(session: Session, ref: int | str) -> ConversationRow:
    text = str(ref).strip()
    if text.casefold() == "last":
        row = session.scalars(
            select(ConversationRow)
            .order_by(ConversationRow.date.desc(), ConversationRow.id.desc())
            .limit(1)
        ).first()
        if row is None:
            raise NotFoundError(
                "no conversations saved yet",
                kind="conversation",
                command="save one: twoway analyze ... --save",
            )
        return row
    if text.isdigit():
        # Past SQLite's (and PostgreSQL's) 64-bit ids there is nothing to look up.
        number = int(text) if len(text) <= 19 else None
        found = None if number is None or number > MAX_ID else session.get(ConversationRow, number)
        if found is None:
            raise NotFoundError(
                f"no conversation with id {text}",
                kind="conversation",
                command="twoway conversations lists them",
            )
        return found
    rows = list(session.scalars(select(ConversationRow).order_by(ConversationRow.id)))
    name = Path(text).name
    matches = [r for r in rows if r.source == text or Path(r.source).name == name]
    if len(matches) == 1:
        return matches[0]
    if matches:
        ids = ", ".join(str(r.id) for r in matches)
        raise NotFoundError(
            f"several conversations come from {text!r} (ids {ids}): give the id",
            kind="conversation",
        )
    import difflib

    close = difflib.get_close_matches(name, sorted({Path(r.source).name for r in rows}), n=3)
    raise NotFoundError(f"no conversation from {text!r}", suggestions=close, kind="conversation")


def _plain(row: dict[str, Any], table: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in row.items():
        if isinstance(value, dt.datetime | dt.date):
            value = value.isoformat()
        elif table == "analyses" and key == "data" and isinstance(value, str):
            value = json.loads(value)
        elif table == "conversations" and key == "notes_json":
            key, value = "notes", json.loads(value)
        out[key] = value
    return out
