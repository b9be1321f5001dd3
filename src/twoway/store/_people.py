"""People, companies and notes: the queries behind ``Store`` (each runs inside its transaction)."""

from __future__ import annotations

import datetime as dt
import difflib
from collections import Counter
from collections.abc import Sequence

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from twoway.model import Conversation, Turn
from twoway.store._content import answer_text
from twoway.store.errors import NotFoundError, StoreError
from twoway.store.records import (
    Answer,
    CompanyDetail,
    CompanySummary,
    Note,
    PersonDeleted,
    PersonDetail,
    PersonSummary,
    conversation_summary,
    followup_record,
)
from twoway.store.schema import (
    Company,
    ConversationPerson,
    ConversationRow,
    FollowupRow,
    Person,
    QuestionRow,
    TurnRow,
    name_key,
)
from twoway.store.schema import Note as NoteRow


def _clean(name: str, what: str = "name") -> str:
    clean = " ".join(name.split())
    if not clean:
        raise StoreError(f"a {what} cannot be empty")
    return clean


# --- finding ----------------------------------------------------------------------------------


def _find(rows: Sequence[Person] | Sequence[Company], name: str, noun: str, lister: str) -> int:
    """Index of the row ``name`` means: exact (ignoring case), else a unique prefix."""
    wanted = name_key(name)
    keys = [r.key for r in rows]
    if wanted in keys:
        return keys.index(wanted)
    prefixed = [i for i, k in enumerate(keys) if wanted and k.startswith(wanted)]
    if len(prefixed) == 1:
        return prefixed[0]
    if prefixed:
        names = ", ".join(rows[i].name for i in prefixed)
        raise NotFoundError(
            f"{name!r} could be several {noun}s: {names}; be more specific", kind=noun
        )
    close = difflib.get_close_matches(wanted, keys, n=3, cutoff=0.6)
    # Also try the first name alone ("Dnaa" -> "Dana Lee").
    firsts = {k.split()[0]: k for k in keys if k}
    close += [firsts[f] for f in difflib.get_close_matches(wanted, list(firsts), n=3, cutoff=0.6)]
    suggestions = list(dict.fromkeys(rows[keys.index(k)].name for k in close))[:3]
    raise NotFoundError(
        f"no {noun} named {name!r}",
        suggestions=suggestions,
        kind=noun,
        command=None if suggestions else f"{lister} lists them",
    )


def find_person(session: Session, name: str) -> Person:
    rows = list(session.scalars(select(Person).order_by(Person.key)))
    return rows[_find(rows, name, "person", "twoway people")]


def find_company(session: Session, name: str) -> Company:
    rows = list(session.scalars(select(Company).order_by(Company.key)))
    return rows[_find(rows, name, "company", "twoway companies")]


def get_or_create_company(session: Session, name: str, now: dt.datetime) -> Company:
    clean = _clean(name, "company name")
    row = session.scalars(select(Company).where(Company.key == name_key(clean))).one_or_none()
    if row is None:
        row = Company(name=clean, key=name_key(clean), created_at=now)
        session.add(row)
        session.flush()
    return row


def get_or_create_person(session: Session, name: str, now: dt.datetime) -> Person:
    clean = _clean(name)
    row = session.scalars(select(Person).where(Person.key == name_key(clean))).one_or_none()
    if row is None:
        row = Person(name=clean, key=name_key(clean), created_at=now)
        session.add(row)
        session.flush()
    return row


# --- saving -----------------------------------------------------------------------------------


def match_speaker(
    name: str, speakers: Sequence[str], me: str | None, people_count: int
) -> str | None:
    """Which transcript speaker a person was: same name, a name that starts the other, the
    same first name, or the only other speaker when exactly one person is named."""
    others = [s for s in speakers if s != me]
    key = name_key(name)

    def same(s: str) -> bool:
        return name_key(s) == key

    def starts(s: str) -> bool:  # "Dana" and "Dana Lee"
        return name_key(s).startswith(key + " ") or key.startswith(name_key(s) + " ")

    def first_name(s: str) -> bool:
        return name_key(s).split()[:1] == key.split()[:1]

    for rule in (same, starts, first_name):
        hits = [s for s in others if s.strip() and rule(s)]
        if len(hits) == 1:
            return hits[0]
    if people_count == 1 and len(others) == 1:
        return others[0]
    return None


def link_people(
    session: Session,
    row: ConversationRow,
    names: Sequence[str],
    conversation: Conversation,
    company: Company | None,
    now: dt.datetime,
) -> list[Person]:
    """Link ``names`` to the conversation (creating people as needed); returns everyone linked."""
    linked = {link.person_id: link for link in row.links}
    total = len(set(linked) | {name_key(n) for n in names}) if names else len(linked)
    for name in names:
        person = get_or_create_person(session, name, now)
        if company is not None and person.company_id is None:
            person.company = company
        if person.id in linked:
            continue
        speaker = match_speaker(name, conversation.speakers, row.me, total)
        link = ConversationPerson(conversation=row, person=person, speaker=speaker)
        session.add(link)
        linked[person.id] = link
    session.flush()
    return [link.person for link in row.links]


# --- people -----------------------------------------------------------------------------------


def _summaries(session: Session, people: Sequence[Person]) -> list[PersonSummary]:
    ids = [p.id for p in people]
    contact = dict(
        session.execute(
            select(ConversationPerson.person_id, func.max(ConversationRow.date))
            .join(ConversationRow)
            .where(ConversationPerson.person_id.in_(ids))
            .group_by(ConversationPerson.person_id)
        ).all()
    )
    counts = dict(
        session.execute(
            select(ConversationPerson.person_id, func.count())
            .where(ConversationPerson.person_id.in_(ids))
            .group_by(ConversationPerson.person_id)
        ).all()
    )
    due = dict(
        session.execute(
            select(FollowupRow.person_id, func.min(FollowupRow.due))
            .where(FollowupRow.done_at.is_(None), FollowupRow.person_id.in_(ids))
            .group_by(FollowupRow.person_id)
        ).all()
    )
    return [
        PersonSummary(
            id=p.id,
            name=p.name,
            email=p.email,
            title=p.title,
            company=p.company.name if p.company is not None else None,
            conversations=counts.get(p.id, 0),
            last_contact=contact.get(p.id),
            next_followup=due.get(p.id),
        )
        for p in people
    ]


def list_people(session: Session) -> list[PersonSummary]:
    return _summaries(session, list(session.scalars(select(Person).order_by(Person.key))))


def _turns(session: Session, conversation_id: int) -> list[Turn]:
    return [
        Turn(t.speaker, t.start_s, t.end_s, t.text)
        for t in session.scalars(
            select(TurnRow).where(TurnRow.conversation_id == conversation_id).order_by(TurnRow.seq)
        )
    ]


def person_detail(session: Session, name: str) -> PersonDetail:
    person = find_person(session, name)
    links = sorted(person.links, key=lambda link: (link.conversation.date, link.conversation_id))
    answers: list[Answer] = []
    kinds: Counter[str] = Counter()
    said: list[str] = []
    for link in links:
        conv = link.conversation
        if link.speaker is None:
            continue
        turns = _turns(session, conv.id)
        said += [t.text for t in turns if t.speaker == link.speaker and t.text]
        for q in session.scalars(
            select(QuestionRow)
            .where(QuestionRow.conversation_id == conv.id)
            .order_by(QuestionRow.seq)
        ):
            if q.speaker == link.speaker and q.kind:
                kinds[q.kind] += 1
            if (
                q.is_me
                and q.topic == "them"
                and q.answered_by == link.speaker
                and q.turn_seq is not None
            ):
                text = answer_text(turns, q.turn_seq, q.speaker, link.speaker)
                answers.append(Answer(conv.id, conv.date, q.text, text))
    followups = sorted(person.followups, key=lambda f: (f.done_at is not None, f.due, f.id))
    exclude = [
        person.name,
        *(c.company.name for c in (lk.conversation for lk in links) if c.company),
    ]
    return PersonDetail(
        person=_summaries(session, [person])[0],
        conversations=tuple(conversation_summary(link.conversation) for link in reversed(links)),
        answers=tuple(answers),
        their_questions=tuple(kinds.most_common()),
        notes=tuple(_note(n) for n in sorted(person.notes, key=lambda n: (n.created_at, n.id))),
        followups=tuple(followup_record(f) for f in followups),
        topics_raised=_themes(" ".join(said), exclude),
    )


def _themes(text: str, exclude: Sequence[str]) -> tuple[str, ...]:
    if not text.strip():
        return ()
    from twoway.prep.themes import key_themes

    return tuple(key_themes(text, 6, exclude=exclude, min_words=2))


def add_person(
    session: Session,
    name: str,
    email: str | None,
    title: str | None,
    company: str | None,
    now: dt.datetime,
) -> PersonSummary:
    clean = _clean(name)
    existing = session.scalars(select(Person).where(Person.key == name_key(clean))).one_or_none()
    if existing is not None:
        raise StoreError(f"{existing.name!r} is already in your people (edit: twoway people edit)")
    person = Person(name=clean, key=name_key(clean), email=email, title=title, created_at=now)
    if company:
        person.company = get_or_create_company(session, company, now)
    session.add(person)
    session.flush()
    return _summaries(session, [person])[0]


def edit_person(
    session: Session,
    name: str,
    new_name: str | None,
    email: str | None,
    title: str | None,
    company: str | None,
    now: dt.datetime,
) -> PersonSummary:
    person = find_person(session, name)
    if new_name is not None:
        clean = _clean(new_name)
        other = session.scalars(select(Person).where(Person.key == name_key(clean))).one_or_none()
        if other is not None and other.id != person.id:
            raise StoreError(
                f"{other.name!r} already exists; to make them one person: "
                f"twoway people merge {person.name!r} {other.name!r}"
            )
        person.name, person.key = clean, name_key(clean)
    if email is not None:
        person.email = email or None
    if title is not None:
        person.title = title or None
    if company is not None:
        person.company = get_or_create_company(session, company, now) if company else None
    session.flush()
    return _summaries(session, [person])[0]


def merge_people(session: Session, source: str, into: str) -> PersonSummary:
    gone = find_person(session, source)
    keep = find_person(session, into)
    if gone.id == keep.id:
        raise StoreError(f"{source!r} and {into!r} are the same person")
    kept_links = {link.conversation_id: link for link in keep.links}
    for link in list(gone.links):
        mine = kept_links.get(link.conversation_id)
        if mine is None:
            session.add(
                ConversationPerson(
                    conversation_id=link.conversation_id, person_id=keep.id, speaker=link.speaker
                )
            )
        elif mine.speaker is None:
            mine.speaker = link.speaker
    taken = {
        (f.conversation_id, f.kind, f.commitment_key)
        for f in keep.followups
        if f.conversation_id is not None
    }
    for followup in list(gone.followups):
        if followup.conversation_id is not None and (
            (followup.conversation_id, followup.kind, followup.commitment_key) in taken
        ):
            continue  # the kept person already has this one; it goes with `gone`
        followup.person = keep
    for note in list(gone.notes):
        note.person = keep
    keep.email = keep.email or gone.email
    keep.title = keep.title or gone.title
    keep.company_id = keep.company_id or gone.company_id
    session.flush()
    # What is left of `gone` (links, follow-ups the kept person already has) goes with it;
    # the database's ON DELETE CASCADE does it, so no stale ORM copy is consulted.
    gone_id = gone.id
    session.expunge(gone)
    session.execute(delete(Person).where(Person.id == gone_id))
    session.expire_all()
    return _summaries(session, [keep])[0]


def delete_person(session: Session, name: str, keep_conversations: bool) -> PersonDeleted:
    person = find_person(session, name)
    deleted: list[int] = []
    removed: list[int] = []
    for link in list(person.links):
        conv = link.conversation
        if len(conv.links) == 1 and not keep_conversations:
            deleted.append(conv.id)
        else:
            removed.append(conv.id)
    result = PersonDeleted(
        name=person.name,
        conversations_deleted=tuple(sorted(deleted)),
        removed_from=tuple(sorted(removed)),
        notes=len(person.notes),
        followups=len(person.followups),
    )
    # Plain DELETEs: the database's ON DELETE CASCADE removes turns, questions, analyses,
    # links, notes and follow-ups in the same transaction.
    if deleted:
        session.execute(delete(ConversationRow).where(ConversationRow.id.in_(deleted)))
    session.execute(delete(Person).where(Person.id == person.id))
    session.expire_all()
    return result


# --- notes ------------------------------------------------------------------------------------


def _note(row: NoteRow) -> Note:
    return Note(row.id, row.person.name, row.text, row.created_at)


def add_note(session: Session, name: str, text: str, now: dt.datetime) -> Note:
    if not text.strip():
        raise StoreError("a note cannot be empty")
    person = find_person(session, name)
    note = NoteRow(person=person, text=text.strip(), created_at=now)
    session.add(note)
    session.flush()
    return _note(note)


def list_notes(session: Session, name: str | None) -> list[Note]:
    query = select(NoteRow).order_by(NoteRow.created_at, NoteRow.id)
    if name is not None:
        query = query.where(NoteRow.person_id == find_person(session, name).id)
    return [_note(n) for n in session.scalars(query)]


# --- companies --------------------------------------------------------------------------------


def _company_summaries(session: Session, companies: Sequence[Company]) -> list[CompanySummary]:
    ids = [c.id for c in companies]
    conv = {
        cid: (n, last)
        for cid, n, last in session.execute(
            select(ConversationRow.company_id, func.count(), func.max(ConversationRow.date))
            .where(ConversationRow.company_id.in_(ids))
            .group_by(ConversationRow.company_id)
        ).all()
    }
    people = dict(
        session.execute(
            select(Person.company_id, func.count())
            .where(Person.company_id.in_(ids))
            .group_by(Person.company_id)
        ).all()
    )
    return [
        CompanySummary(
            id=c.id,
            name=c.name,
            conversations=conv.get(c.id, (0, None))[0],
            people=people.get(c.id, 0),
            last_contact=conv.get(c.id, (0, None))[1],
        )
        for c in companies
    ]


def list_companies(session: Session) -> list[CompanySummary]:
    return _company_summaries(session, list(session.scalars(select(Company).order_by(Company.key))))


def company_detail(session: Session, name: str) -> CompanyDetail:
    company = find_company(session, name)
    people = session.scalars(
        select(Person.name).where(Person.company_id == company.id).order_by(Person.key)
    )
    convs = session.scalars(
        select(ConversationRow)
        .where(ConversationRow.company_id == company.id)
        .order_by(ConversationRow.date.desc(), ConversationRow.id.desc())
    )
    return CompanyDetail(
        company=_company_summaries(session, [company])[0],
        people=tuple(people),
        conversations=tuple(conversation_summary(c) for c in convs),
    )


def add_company(session: Session, name: str, now: dt.datetime) -> CompanySummary:
    clean = _clean(name, "company name")
    existing = session.scalars(select(Company).where(Company.key == name_key(clean))).one_or_none()
    if existing is not None:
        raise StoreError(f"{existing.name!r} is already in your companies")
    return _company_summaries(session, [get_or_create_company(session, clean, now)])[0]


def delete_company(session: Session, name: str) -> CompanySummary:
    company = find_company(session, name)
    summary = _company_summaries(session, [company])[0]
    # The database sets company_id to NULL on people and conversations (ON DELETE SET NULL);
    # do it in the session too so loaded objects agree.
    for person in session.scalars(select(Person).where(Person.company_id == company.id)):
        person.company_id = None
    for conv in session.scalars(
        select(ConversationRow).where(ConversationRow.company_id == company.id)
    ):
        conv.company_id = None
    session.flush()
    session.delete(company)
    return summary
