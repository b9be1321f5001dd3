"""Follow-ups from commitments (migration 0003): saved with the conversation, one per commitment
between "me" and the others, with who owes it, the due as said and as a date, the sentence; never
twice; and a 0002 store with data in it upgraded without losing a row."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sqlalchemy import create_engine, text

import twoway
import twoway.store
from twoway.analysis import Analysis
from twoway.display import addressed
from twoway.followup import find_commitments
from twoway.followup_dates import due_date
from twoway.model import Conversation
from twoway.store import Followup, Store
from twoway.store.engine import resolve

ROOT = Path(__file__).parents[2]
BLIND5 = ROOT / "benchmarks" / "data" / "notes_blind5"
WEDNESDAY = dt.date(2026, 12, 9)


def _blind(stem: str) -> tuple[Conversation, Analysis, dict[str, str]]:
    path = BLIND5 / f"{stem}.txt"
    labels = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    conversation = twoway.load(path)
    analysis = twoway.analyze(conversation, me=labels["me"], mode=labels["mode"])
    return conversation, analysis, labels


def _commitments(store: Store) -> list[Followup]:
    return [f for f in store.followups(include_done=True) if f.kind == "commitment"]


def test_each_commitment_between_me_and_them_becomes_a_follow_up(db_url: str) -> None:
    conversation, analysis, labels = _blind("01_interview_electrician")
    me, them = labels["me"], labels["recipient"]
    with twoway.store.open(db_url) as store:
        result = store.save(conversation, analysis, with_people=[them], date=WEDNESDAY)
        saved = _commitments(store)
    found = [c for c in find_commitments(conversation, me) if me in (c.by, c.to)]
    assert len(found) >= 3 and len(saved) == len(found)
    assert result.followups_added == 2 + len(found)  # thank-you, stay in touch, commitments
    by_quote = {f.quote: f for f in saved}
    for c in found:
        f = by_quote[c.quote]  # the sentence, verbatim
        assert f.person == them and f.conversation_id == result.conversation_id
        assert f.due_phrase == c.due
        if c.by == me:
            assert (f.owner, f.owed_to) == ("me", them)
            # My promise names them instead of "you": "send Shauna a copy of my ticket".
            named = addressed(c.action, them.split()[0])
            assert f.what == f"You owe {them}: {named}" and f.is_mine
        else:
            assert f.owed_to == "me" and f.owner == c.by and not f.is_mine
            assert f.what == f"{c.by} owes you: {c.action}"
        default = WEDNESDAY + dt.timedelta(days=2 if c.by == me else 7)
        assert f.due == (due_date(c.due, WEDNESDAY) or default)
    # What the electrician interview says, read as days from Wednesday 9 December:
    # "I can send you a copy of my ticket tonight" is mine, due that day; "We'll let you know
    # either way by end of next week" is hers, due Friday the 18th; Deb Kowalczyk, whom she
    # named, owes the benefits summary, no day said: a week, to check in.
    ticket = next(f for f in saved if "copy of my ticket tonight" in f.quote)
    assert (ticket.owner, ticket.due) == ("me", WEDNESDAY)
    decision = next(f for f in saved if "let you know either way" in f.quote)
    assert (decision.owner, decision.due) == (them, dt.date(2026, 12, 18))
    benefits = next(f for f in saved if "benefits summary" in f.quote)
    assert benefits.owner == "Deb Kowalczyk" and benefits.person == them  # she said it
    assert (benefits.due_phrase, benefits.due) == (None, WEDNESDAY + dt.timedelta(days=7))


def test_saving_again_adds_none_twice_and_keeps_what_is_done(db_url: str) -> None:
    conversation, analysis, labels = _blind("04_interview_council_policy")
    them = labels["recipient"]
    with twoway.store.open(db_url) as store:
        store.save(conversation, analysis, with_people=[them], date=WEDNESDAY)
        first = {f.id: f for f in _commitments(store)}
        assert len(first) >= 2
        done = store.complete_followup(min(first))
        again = store.save(conversation, analysis, with_people=[them], date=dt.date(2026, 12, 14))
        after = {f.id: f for f in _commitments(store)}
    assert again.followups_added == 0 and not again.created
    assert set(after) == set(first)  # the same rows, none added, none lost
    assert after[done.id].done_at is not None and after[done.id].due == first[done.id].due
    for key, f in after.items():
        if key == done.id:
            continue
        # Open ones follow the conversation's new date (a Monday, five days later).
        monday = dt.date(2026, 12, 14)
        default = monday + dt.timedelta(days=2 if f.owner == "me" else 7)
        assert f.due == (due_date(f.due_phrase, monday) or default)
        assert f.due >= first[key].due


def test_nothing_is_owed_when_it_is_not_known_who_i_am(db_url: str) -> None:
    conversation, _, labels = _blind("20_coffee_peer_chef")
    nobody = twoway.analyze(conversation, me=None, mode="networking")
    with twoway.store.open(db_url) as store:
        result = store.save(conversation, nobody, with_people=[labels["recipient"]])
        assert _commitments(store) == []
        # Saved again knowing who I am: now they are there.
        mine = twoway.analyze(conversation, me=labels["me"], mode="networking")
        again = store.save(conversation, mine, with_people=[labels["recipient"]])
        saved = _commitments(store)
    assert result.followups_added == 2 and again.followups_added == len(saved) >= 2
    assert {f.owner for f in saved} == {"me", labels["recipient"]}


def test_without_anyone_named_commitments_still_say_who(db_url: str) -> None:
    # No --with: no thank-you (there is nobody to send it to), but the speaker owes what they
    # said they would, by name.
    conversation, analysis, labels = _blind("29_info_cook_to_food_safety")
    with twoway.store.open(db_url) as store:
        result = store.save(conversation, analysis, date=WEDNESDAY)
        saved = _commitments(store)
    assert result.followups_added == len(saved) >= 3
    assert all(f.person is None for f in saved)
    speaker = labels["recipient"]
    assert {f.owner for f in saved} == {"me", speaker}
    assert {f.owed_to for f in saved} == {"me", speaker}
    resume = next(f for f in saved if "resume tonight" in f.what)
    first = speaker.split()[0]
    assert resume.what.startswith(f"You owe {speaker}: send {first} my resume")
    assert resume.due == WEDNESDAY


def test_merging_people_keeps_every_commitment(db_url: str) -> None:
    conversation, analysis, labels = _blind("01_interview_electrician")
    them = labels["recipient"]
    first_name = them.split()[0]
    with twoway.store.open(db_url) as store:
        store.save(conversation, analysis, with_people=[them], date=WEDNESDAY)
        before = len(_commitments(store))
        store.add_person(first_name)
        store.merge_people(them, first_name)
        after = _commitments(store)
    assert len(after) == before and {f.person for f in after} == {first_name}


def test_deleting_the_conversation_deletes_its_commitments(db_url: str) -> None:
    conversation, analysis, labels = _blind("17_coffee_former_colleague_freight")
    with twoway.store.open(db_url) as store:
        saved = store.save(conversation, analysis, with_people=[labels["recipient"]])
        assert _commitments(store)
        store.delete_conversation(saved.conversation_id)
        assert store.followups(include_done=True) == []


def _insert_0002_data(db_url: str) -> None:
    """A store as twoway 0002 left it: a person, a company, a saved conversation (turns and
    its people), a thank-you done, a stay-in-touch, a follow-up by hand, a note."""
    engine = create_engine(resolve(db_url).url)
    with engine.begin() as conn:
        assert list(conn.execute(text("SELECT version_num FROM alembic_version")).scalars()) == [
            "0002"
        ]
        statements = [
            "INSERT INTO companies (id, name, key, created_at) "
            "VALUES (1, 'Northwind', 'northwind', '2026-11-01 09:00:00')",
            "INSERT INTO people (id, name, key, company_id, created_at) "
            "VALUES (1, 'Dana Lee', 'dana lee', 1, '2026-11-01 09:00:00')",
            "INSERT INTO conversations (id, content_hash, source, format, mode, me, date, "
            "company_id, role, duration_s, notes_json, created_at, updated_at) VALUES (1, "
            "'abc123', 'chat.txt', 'text', 'networking', 'Alex', '2026-11-02', 1, 'Analyst', "
            "NULL, '[]', '2026-11-02 10:00:00', '2026-11-02 10:00:00')",
            "INSERT INTO conversation_people (conversation_id, person_id, speaker) "
            "VALUES (1, 1, 'Dana')",
            "INSERT INTO turns (id, conversation_id, seq, speaker, text) "
            "VALUES (1, 1, 0, 'Dana', 'I will send you the deck.')",
            "INSERT INTO notes (id, person_id, text, created_at) "
            "VALUES (1, 1, 'Likes data contracts', '2026-11-02 11:00:00')",
            "INSERT INTO followups (id, person_id, conversation_id, kind, what, due, done_at, "
            "created_at) VALUES (1, 1, 1, 'thank_you', 'Send a thank-you note to Dana Lee', "
            "'2026-11-03', '2026-11-03 08:00:00', '2026-11-02 10:00:00')",
            "INSERT INTO followups (id, person_id, conversation_id, kind, what, due, created_at) "
            "VALUES (2, 1, 1, 'stay_in_touch', 'Stay in touch with Dana Lee', '2027-01-31', "
            "'2026-11-02 10:00:00')",
            "INSERT INTO followups (id, person_id, conversation_id, kind, what, due, created_at) "
            "VALUES (3, 1, NULL, 'manual', 'Send the article', '2026-11-20', "
            "'2026-11-05 10:00:00')",
        ]
        for statement in statements:
            conn.execute(text(statement))
    engine.dispose()


def test_a_0002_store_with_data_upgrades_without_losing_a_row(db_url: str) -> None:
    Store.open(db_url, migrate_to="0002").close()
    _insert_0002_data(db_url)
    with twoway.store.open(db_url) as store:
        assert store.schema_version == "0003"
        counts = store.info().counts
        items = {f.id: f for f in store.followups(include_done=True)}
        person = store.person("dana")
        stored = store.conversation(1)
    assert counts == {
        "companies": 1,
        "people": 1,
        "conversations": 1,
        "conversation_people": 1,
        "turns": 1,
        "questions": 0,
        "analyses": 0,
        "notes": 1,
        "followups": 3,
    }
    thank_you, check_in, by_hand = items[1], items[2], items[3]
    assert (thank_you.kind, thank_you.due, thank_you.done_at) == (
        "thank_you",
        dt.date(2026, 11, 3),
        dt.datetime(2026, 11, 3, 8, 0),
    )
    assert (check_in.kind, check_in.due, check_in.done_at) == (
        "stay_in_touch",
        dt.date(2027, 1, 31),
        None,
    )
    assert (by_hand.kind, by_hand.what, by_hand.conversation_id) == (
        "manual",
        "Send the article",
        None,
    )
    for f in items.values():  # the new columns: nothing for what is not a commitment
        assert (f.owner, f.owed_to, f.due_phrase, f.quote) == (None, None, None, None)
        assert f.person == "Dana Lee"
    assert person.person.company == "Northwind" and [n.text for n in person.notes] == [
        "Likes data contracts"
    ]
    assert stored.conversation.turns[0].text == "I will send you the deck."
    if db_url.startswith("sqlite"):
        path = resolve(db_url).path
        assert path is not None
        assert len(list(path.parent.glob("twoway.db.before-0002-*.bak"))) == 1


def test_the_upgraded_store_still_keeps_automatic_follow_ups_unique(
    db_url: str, balanced: tuple[Conversation, Analysis]
) -> None:
    Store.open(db_url, migrate_to="0002").close()
    with twoway.store.open(db_url) as store:
        conversation, analysis = balanced
        store.save(conversation, analysis, with_people=["Marcus Chen"], date=WEDNESDAY)
        store.save(conversation, analysis, with_people=["Marcus Chen"], date=WEDNESDAY)
        kinds = sorted(f.kind for f in store.followups(include_done=True))
    assert kinds == ["stay_in_touch", "thank_you"]
    engine = create_engine(resolve(db_url).url)
    try:
        with engine.begin() as conn:
            # The database itself refuses a second thank-you for the same conversation and
            # person (the unique key now has commitment_key, "" for every other kind).
            duplicate = (
                "INSERT INTO followups (person_id, conversation_id, kind, what, due, created_at) "
                "SELECT person_id, conversation_id, kind, what, due, created_at FROM followups "
                "WHERE kind = 'thank_you'"
            )
            try:
                conn.execute(text(duplicate))
            except Exception as exc:  # IntegrityError from either driver
                assert "unique" in str(exc).casefold()
            else:
                raise AssertionError("a second thank-you was accepted")
    finally:
        engine.dispose()


def test_going_back_to_0002_drops_only_the_commitments(db_url: str) -> None:
    conversation, analysis, labels = _blind("01_interview_electrician")
    with twoway.store.open(db_url) as store:
        store.save(conversation, analysis, with_people=[labels["recipient"]], date=WEDNESDAY)
        kinds = sorted(f.kind for f in store.followups(include_done=True))
    assert kinds.count("commitment") >= 3
    Store.open(db_url, migrate_to="0002").close()
    engine = create_engine(resolve(db_url).url)
    with engine.begin() as conn:
        left = sorted(conn.execute(text("SELECT kind FROM followups")).scalars())
    engine.dispose()
    assert left == ["stay_in_touch", "thank_you"]
    with twoway.store.open(db_url) as store:  # and forward again
        assert store.schema_version == "0003"
