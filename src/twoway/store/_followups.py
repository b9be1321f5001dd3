"""Follow-ups: the thank-you after each conversation, staying in touch, the commitments made
in it (who owes what to whom), and anything by hand."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from twoway.display import addressed
from twoway.followup_dates import due_date
from twoway.store._people import find_person
from twoway.store.errors import NotFoundError, StoreError
from twoway.store.records import Followup, followup_record
from twoway.store.schema import ConversationRow, FollowupRow, Person

if TYPE_CHECKING:
    from twoway.followup import Commitment

THANK_YOU = "thank_you"
STAY_IN_TOUCH = "stay_in_touch"
MANUAL = "manual"
COMMITMENT = "commitment"
ME = "me"  # ``owner`` / ``owed_to`` of a commitment when it is the user
# When a commitment names no day (or only an event: "when it opens"): your own are due two
# days after the conversation (do it while it is fresh); theirs a week after, for you to
# check in if nothing has come.
MY_DEFAULT_DAYS = 2
THEIR_DEFAULT_DAYS = 7


def _context(conv: ConversationRow) -> str:
    parts = [p for p in (conv.role, conv.company.name if conv.company else None) if p]
    return f" ({', '.join(parts)})" if parts else ""


def on_save(
    session: Session,
    conv: ConversationRow,
    people: Sequence[Person],
    interval_days: int,
    now: dt.datetime,
) -> int:
    """Create the automatic follow-ups of a saved conversation; returns how many are new.

    A thank-you per person, due the day after the conversation; and one open "stay in touch"
    per person, ``interval_days`` after their latest conversation. Nobody named, no follow-up:
    a thank-you "to -" is nothing anyone can send (the CLI says to name them with ``--with``).
    Saving again adds nothing twice; it moves open ones to a changed date.
    """
    added = 0
    thank_due = conv.date + dt.timedelta(days=1)
    existing = {
        (f.person_id, f.kind): f
        for f in session.scalars(
            select(FollowupRow).where(
                FollowupRow.conversation_id == conv.id, FollowupRow.kind != COMMITMENT
            )
        )
    }
    orphan = existing.get((None, THANK_YOU))  # saved by an older twoway without anyone named
    if people and orphan is not None and orphan.done_at is None:
        session.delete(orphan)
    for person in people:
        row = existing.get((person.id, THANK_YOU))
        if row is None:
            who = f" to {person.name}"
            session.add(
                FollowupRow(
                    person=person,
                    conversation=conv,
                    kind=THANK_YOU,
                    what=f"Send a thank-you note{who}{_context(conv)}",
                    due=thank_due,
                    created_at=now,
                )
            )
            added += 1
        elif row.done_at is None:
            row.due = thank_due
    for person in people:
        # On a server, two saves meeting the same person at once queue here, so the second
        # sees the first's stay-in-touch instead of adding another (SQLite writers queue anyway).
        session.execute(select(Person.id).where(Person.id == person.id).with_for_update())
        due = conv.date + dt.timedelta(days=interval_days)
        open_one = _open_check_in(session, person)
        if open_one is None:
            session.add(_check_in(person, conv, due, now))
            added += 1
        elif open_one.conversation_id == conv.id:
            open_one.due = due
        elif open_one.due < due and (person.id, STAY_IN_TOUCH) not in existing:
            # Met again: the next check-in counts from this conversation.
            open_one.due = due
            open_one.conversation = conv
    session.flush()
    return added


def commitments_on_save(
    session: Session,
    conv: ConversationRow,
    found: Sequence[Commitment],
    now: dt.datetime,
) -> int:
    """Make the commitments of a saved conversation follow-ups; returns how many are new.

    Only the ones between "me" (``conv.me``) and the others: what I owe (a promise I made, a
    request I was asked), what they owe me (their promise, my request, a third party they said
    would do it). Each is linked to the person saved as the other side's speaker (for a third
    party's, the person who said it), when there is one. Due: the due phrase as a date
    (``twoway.followup_dates``), else ``MY_DEFAULT_DAYS`` (mine) or ``THEIR_DEFAULT_DAYS``
    (theirs) after the conversation. Saving again adds none twice (``commitment_key``), brings
    the open ones up to date (text, due, person) and drops open ones no longer found; done ones
    stay as they are.
    """
    me = conv.me
    existing = {
        f.commitment_key: f
        for f in session.scalars(
            select(FollowupRow).where(
                FollowupRow.conversation_id == conv.id, FollowupRow.kind == COMMITMENT
            )
        )
    }
    by_speaker = {link.speaker: link.person for link in conv.links if link.speaker}
    added = 0
    keys: set[str] = set()
    for key, c in _keyed(found):
        if me is None or c.to is None or me not in (c.by, c.to) or c.by == c.to:
            continue
        keys.add(key)
        mine = c.by == me
        # Whom to chase or to deliver to: the other speaker, or whoever said a third party would.
        other = c.to if mine else (c.said_by if c.kind == "reported" else c.by)
        person = by_speaker.get(other)
        other_name = person.name if person is not None else other
        if mine:
            action = addressed(c.action, other_name) if other_name else c.action
            owner, owed_to, what = ME, other_name, f"You owe {other_name}: {action}"
        else:
            owner = other_name if c.by == other else c.by
            owed_to, what = ME, f"{owner} owes you: {c.action}"
        default = MY_DEFAULT_DAYS if mine else THEIR_DEFAULT_DAYS
        due = due_date(c.due, conv.date) or conv.date + dt.timedelta(days=default)
        row = existing.get(key)
        if row is None:
            row = FollowupRow(
                conversation=conv, kind=COMMITMENT, commitment_key=key, created_at=now
            )
            session.add(row)
            added += 1
        elif row.done_at is not None:
            continue
        row.person = person
        row.what, row.due, row.owner, row.owed_to = what, due, owner, owed_to
        row.due_phrase, row.quote = c.due, c.quote
    for key, row in existing.items():
        if key not in keys and row.done_at is None:
            session.delete(row)  # no longer found (the finder improved, "me" changed)
    session.flush()
    return added


def _keyed(found: Sequence[Commitment]) -> list[tuple[str, Commitment]]:
    """Each commitment with its key: sha256 of who owes it, its kind and verb, and the sentence
    it was said in (spaces folded), and which of the same four it is. The action's wording may
    change with a better finder; the key stays."""
    seen: dict[str, int] = {}
    out: list[tuple[str, Commitment]] = []
    for c in found:
        quote = " ".join(c.quote.split()).casefold()
        base = "\0".join((" ".join(c.by.split()).casefold(), c.kind, c.verb, quote))
        n = seen.get(base, 0)
        seen[base] = n + 1
        out.append((hashlib.sha256(f"{base}\0{n}".encode()).hexdigest(), c))
    return out


def list_followups(
    session: Session, include_done: bool, person: str | None, today: dt.date
) -> list[Followup]:
    query = select(FollowupRow)
    if not include_done:
        query = query.where(FollowupRow.done_at.is_(None))
    if person is not None:
        query = query.where(FollowupRow.person_id == find_person(session, person).id)
    records = [followup_record(r) for r in session.scalars(query)]

    def key(f: Followup) -> tuple[int, dt.date, int]:
        if f.done_at is not None:
            return (2, f.due, f.id)
        return (0 if f.due <= today else 1, f.due, f.id)

    return sorted(records, key=key)


def _get(session: Session, followup_id: int) -> FollowupRow:
    # Past 64 bits the driver would overflow: there is no such row to find.
    row = session.get(FollowupRow, followup_id) if 0 < followup_id < 2**63 else None
    if row is None:
        raise NotFoundError(
            f"no follow-up with id {followup_id}",
            kind="follow-up",
            command="twoway followups lists them",
        )
    return row


def add(session: Session, person: str, what: str, due: dt.date, now: dt.datetime) -> Followup:
    if not what.strip():
        raise StoreError("say what to do: the follow-up text cannot be empty")
    row = FollowupRow(
        person=find_person(session, person), kind=MANUAL, what=what.strip(), due=due, created_at=now
    )
    session.add(row)
    session.flush()
    return followup_record(row)


def complete(
    session: Session, followup_id: int, now: dt.datetime, stay_in_touch_days: int
) -> Followup:
    """Mark a follow-up done. Staying in touch recurs: the next check-in is scheduled
    ``stay_in_touch_days`` after today, unless the person already has one open."""
    row = _get(session, followup_id)
    if row.done_at is None:
        row.done_at = now
        if row.kind == STAY_IN_TOUCH and row.person is not None:
            _next_check_in(session, row.person, now, stay_in_touch_days)
    session.flush()
    return followup_record(row)


def _next_check_in(session: Session, person: Person, now: dt.datetime, days: int) -> None:
    if _open_check_in(session, person) is None:
        # No conversation: the (conversation, person, kind) key stays free for the next save.
        session.add(_check_in(person, None, now.date() + dt.timedelta(days=days), now))


def _open_check_in(session: Session, person: Person) -> FollowupRow | None:
    """The person's open "stay in touch" follow-up (the latest due, should there be several)."""
    return session.scalars(
        select(FollowupRow)
        .where(
            FollowupRow.person_id == person.id,
            FollowupRow.kind == STAY_IN_TOUCH,
            FollowupRow.done_at.is_(None),
        )
        .order_by(FollowupRow.due.desc())
    ).first()


def _check_in(
    person: Person, conv: ConversationRow | None, due: dt.date, now: dt.datetime
) -> FollowupRow:
    return FollowupRow(
        person=person,
        conversation=conv,
        kind=STAY_IN_TOUCH,
        what=f"Stay in touch with {person.name}: share something useful, ask how things are going",
        due=due,
        created_at=now,
    )


def snooze(session: Session, followup_id: int, days: int, today: dt.date) -> Followup:
    if days < 1:
        raise StoreError(f"snooze by at least 1 day; got {days}")
    row = _get(session, followup_id)
    if row.done_at is not None:
        raise StoreError(f"follow-up {followup_id} is already done")
    row.due = max(row.due, today) + dt.timedelta(days=days)
    session.flush()
    return followup_record(row)
