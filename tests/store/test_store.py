"""The Store API on SQLite and PostgreSQL: saving, re-saving, people, follow-ups, deleting."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

import pytest

import twoway.store
from twoway.analysis import Analysis
from twoway.model import Conversation
from twoway.store import NotFoundError, ProgressPoint
from twoway.store.errors import StoreError

Example = tuple[Conversation, Analysis]
NOV20 = dt.date(2026, 11, 20)


def test_save_and_read_back(db_url: str, balanced: Example) -> None:
    conversation, analysis = balanced
    with twoway.store.open(db_url) as store:
        result = store.save(
            conversation,
            analysis,
            with_people=["Marcus Chen"],
            company="Northwind Analytics",
            role="Product Analyst",
            date=NOV20,
        )
        assert result.created and result.people == ("Marcus Chen",)
        assert result.followups_added == 2  # thank-you + stay in touch
        stored = store.conversation(result.conversation_id)
    assert stored.conversation.turns == conversation.turns
    assert stored.conversation.source == "balanced_interview.vtt"  # the name, not the path
    assert stored.analysis == json.loads(json.dumps(analysis.to_dict()))
    s = stored.summary
    assert (s.date, s.company, s.role, s.me, s.mode) == (
        NOV20,
        "Northwind Analytics",
        "Product Analyst",
        "Priya Nair",
        "interview",
    )
    assert s.score == analysis.score.total if analysis.score else s.score is None


def test_resave_updates_instead_of_duplicating(db_url: str, balanced: Example) -> None:
    conversation, analysis = balanced
    with twoway.store.open(db_url) as store:
        first = store.save(conversation, analysis, with_people=["Marcus Chen"], date=NOV20)
        again = store.save(
            conversation, analysis, with_people=["marcus chen", "Ana Ruiz"], company="Northwind"
        )
        assert again.conversation_id == first.conversation_id and not again.created
        assert again.people == ("Marcus Chen", "Ana Ruiz")
        assert again.followups_added == 2  # only Ana's two are new
        assert len(store.conversations()) == 1
        info = store.info().counts
        assert info["turns"] == len(conversation.turns)
        assert info["questions"] == len(analysis.questions)
        assert info["analyses"] == 1 and info["people"] == 2 and info["followups"] == 4
        # The date stays when not given again; the company is added.
        assert store.conversation("last").summary.date == NOV20
        assert store.conversation("last").summary.company == "Northwind"


def test_lookup_by_id_name_and_last(db_url: str, balanced: Example, monologue: Example) -> None:
    with twoway.store.open(db_url) as store:
        a = store.save(*balanced, date=dt.date(2026, 11, 1)).conversation_id
        b = store.save(*monologue, date=dt.date(2026, 11, 2)).conversation_id
        assert store.conversation("last").id == b
        assert store.conversation(str(a)).id == a
        assert store.conversation("some/folder/balanced_interview.vtt").id == a
        with pytest.raises(NotFoundError, match=r"did you mean: balanced_interview\.vtt"):
            store.conversation("balanced_interveiw.vtt")
        with pytest.raises(NotFoundError, match="no conversation with id 99"):
            store.conversation(99)


def test_what_they_told_me_about_themselves(db_url: str, balanced: Example) -> None:
    with twoway.store.open(db_url) as store:
        store.save(*balanced, with_people=["Marcus Chen"], company="Northwind", date=NOV20)
        store.add_note("marcus", "Mentors new analysts; mention the SQL course")
        detail = store.person("Marcus")
    assert detail.person.name == "Marcus Chen" and detail.person.company == "Northwind"
    assert [a.question for a in detail.answers] == [
        "what have you enjoyed most about working here?"
    ]
    # The turn right after the question, by him (examples/balanced_interview.vtt, 10:22).
    assert detail.answers[0].answer.startswith(
        "Good question. Um, I think it's that people actually use what we produce."
    )
    assert "mentor from another team" in detail.answers[0].answer
    assert [n.text for n in detail.notes] == ["Mentors new analysts; mention the SQL course"]
    kinds = Counter(q.kind for q in balanced[1].questions if q.speaker == "Marcus Chen" and q.kind)
    assert dict(detail.their_questions) == dict(kinds) and detail.topics_raised
    assert detail.person.last_contact == NOV20
    assert detail.person.next_followup == NOV20 + dt.timedelta(days=1)


def test_unknown_person_suggests_close_names(db_url: str) -> None:
    with twoway.store.open(db_url) as store:
        store.add_person("Dana Lee")
        store.add_person("Dan Wu")
        with pytest.raises(NotFoundError) as caught:
            store.person("Dnaa Lee")
        assert str(caught.value) == "no person named 'Dnaa Lee'; did you mean: Dana Lee?"
        assert caught.value.suggestions == ("Dana Lee",)
        with pytest.raises(NotFoundError, match="could be several persons: Dan Wu, Dana Lee"):
            store.person("dan")
        with pytest.raises(NotFoundError, match=r"no person named 'Zed' \(twoway people lists"):
            store.person("Zed")
        assert store.person("dana").person.name == "Dana Lee"


def test_followups_thank_you_and_stay_in_touch(db_url: str, balanced: Example) -> None:
    with twoway.store.open(db_url) as store:
        store.save(*balanced, with_people=["Marcus Chen"], date=NOV20, stay_in_touch_days=30)
        store.save(*balanced, with_people=["Marcus Chen"], date=NOV20, stay_in_touch_days=30)
        items = store.followups(today=dt.date(2026, 11, 22))
        assert [(f.kind, f.due) for f in items] == [
            ("thank_you", dt.date(2026, 11, 21)),
            ("stay_in_touch", dt.date(2026, 12, 20)),
        ]
        assert [f.status(dt.date(2026, 11, 22)) for f in items] == ["overdue", "upcoming"]
        manual = store.add_followup("marcus", "Send the dbt article", dt.date(2026, 11, 22))
        order = [f.id for f in store.followups(today=dt.date(2026, 11, 22))]
        assert order == [items[0].id, manual.id, items[1].id]  # overdue, due today, upcoming
        done = store.complete_followup(items[0].id)
        assert done.done_at is not None
        assert [f.id for f in store.followups(today=dt.date(2026, 11, 22))] == [
            manual.id,
            items[1].id,
        ]
        assert len(store.followups(include_done=True)) == 3
        snoozed = store.snooze_followup(manual.id, 3, today=dt.date(2026, 11, 25))
        assert snoozed.due == dt.date(2026, 11, 28)  # overdue: from today
        with pytest.raises(NotFoundError, match="no follow-up with id 999"):
            store.complete_followup(999)


def test_stay_in_touch_moves_when_we_meet_again(db_url: str, balanced: Example) -> None:
    conversation, analysis = balanced
    later = conversation.with_turns(conversation.turns[:-1])
    with twoway.store.open(db_url) as store:
        store.save(conversation, analysis, with_people=["Marcus Chen"], date=NOV20)
        store.save(later, analysis, with_people=["Marcus Chen"], date=dt.date(2027, 1, 10))
        stay = [f for f in store.followups() if f.kind == "stay_in_touch"]
        assert [f.due for f in stay] == [dt.date(2027, 1, 10) + dt.timedelta(days=90)]
        assert len([f for f in store.followups() if f.kind == "thank_you"]) == 2


def test_staying_in_touch_recurs(db_url: str, balanced: Example) -> None:
    with twoway.store.open(db_url) as store:
        store.save(*balanced, with_people=["Marcus Chen"], date=NOV20, stay_in_touch_days=30)
        [check_in] = [f for f in store.followups() if f.kind == "stay_in_touch"]
        store.complete_followup(check_in.id, stay_in_touch_days=45)
        [following] = [f for f in store.followups() if f.kind == "stay_in_touch"]
        assert following.id != check_in.id and following.person == "Marcus Chen"
        assert following.due == dt.datetime.now(dt.UTC).date() + dt.timedelta(days=45)
        store.complete_followup(check_in.id)  # already done: nothing more is scheduled
        assert len([f for f in store.followups() if f.kind == "stay_in_touch"]) == 1
        # A thank-you does not recur.
        [thanks] = [f for f in store.followups() if f.kind == "thank_you"]
        store.complete_followup(thanks.id)
        assert [f.kind for f in store.followups()] == ["stay_in_touch"]


def test_people_edit_merge_delete(db_url: str, balanced: Example, monologue: Example) -> None:
    with twoway.store.open(db_url) as store:
        store.save(*balanced, with_people=["Marcus Chen", "M. Chen"], date=NOV20)
        store.save(*monologue, with_people=["Dana Lee"], company="Acme", date=NOV20)
        store.add_note("M. Chen", "Same person as Marcus")
        edited = store.edit_person("dana", title="Head of Data", email="dana@example.com")
        assert (edited.title, edited.email, edited.company) == (
            "Head of Data",
            "dana@example.com",
            "Acme",
        )
        with pytest.raises(StoreError, match="twoway people merge"):
            store.edit_person("M. Chen", new_name="marcus chen")
        merged = store.merge_people("M. Chen", "Marcus Chen")
        assert merged.conversations == 1
        assert [p.name for p in store.people()] == ["Dana Lee", "Marcus Chen"]
        assert [n.text for n in store.notes("Marcus Chen")] == ["Same person as Marcus"]
        assert store.conversations()[1].people == ("Marcus Chen",)
        # Deleting Dana deletes the conversation that was with her only, with all its rows.
        gone = store.delete_person("Dana Lee")
        assert gone.conversations_deleted and not gone.removed_from
        counts = store.info().counts
        assert counts["conversations"] == 1 and counts["turns"] == len(balanced[0].turns)
        assert counts["analyses"] == 1 and counts["followups"] == 2


def test_person_deleted_from_a_multi_person_conversation(db_url: str, balanced: Example) -> None:
    with twoway.store.open(db_url) as store:
        cid = store.save(*balanced, with_people=["Marcus Chen", "Ana Ruiz"]).conversation_id
        store.add_note("Ana", "Panel chair")
        gone = store.delete_person("Ana Ruiz")
        assert gone.removed_from == (cid,) and gone.notes == 1 and gone.followups == 2
        assert store.conversation(cid).summary.people == ("Marcus Chen",)
        counts = store.info().counts
        assert counts["notes"] == 0 and counts["followups"] == 2 and counts["people"] == 1


def test_delete_conversation_removes_all_of_its_data(
    db_url: str, balanced: Example, monologue: Example
) -> None:
    with twoway.store.open(db_url) as store:
        keep = store.save(*monologue, with_people=["Dana Lee"]).conversation_id
        cid = store.save(*balanced, with_people=["Marcus Chen"]).conversation_id
        store.delete_conversation(cid)
        counts = store.info().counts
        assert counts["conversations"] == 1
        assert counts["turns"] == len(monologue[0].turns)
        assert counts["questions"] == len(monologue[1].questions)
        assert counts["analyses"] == 1 and counts["conversation_people"] == 1
        assert {f.conversation_id for f in store.followups()} == {keep}
        assert counts["people"] == 2  # people stay: delete them with delete_person


def test_companies(db_url: str, balanced: Example) -> None:
    with twoway.store.open(db_url) as store:
        store.save(*balanced, with_people=["Marcus Chen"], company="Northwind", date=NOV20)
        store.add_company("Acme")
        with pytest.raises(StoreError, match="already in your companies"):
            store.add_company("acme")
        assert [(c.name, c.conversations, c.people) for c in store.companies()] == [
            ("Acme", 0, 0),
            ("Northwind", 1, 1),
        ]
        detail = store.company("north")
        assert detail.people == ("Marcus Chen",) and len(detail.conversations) == 1
        store.delete_company("Northwind")
        assert store.conversation("last").summary.company is None
        assert store.person("Marcus").person.company is None
        with pytest.raises(NotFoundError, match="did you mean: Acme"):
            store.company("Acne")


def test_progress_points(db_url: str, balanced: Example, monologue: Example) -> None:
    with twoway.store.open(db_url) as store:
        store.save(*monologue, date=dt.date(2026, 11, 24))
        store.save(*balanced, date=dt.date(2026, 11, 20))
        points = store.progress_points()
        assert [p.source for p in points] == ["balanced_interview.vtt", "monologue_interview.vtt"]
        assert [p.source for p in store.progress_points(me="alex")] == ["monologue_interview.vtt"]
    p = points[0]
    me = balanced[1].me_stats
    assert me is not None and isinstance(p, ProgressPoint)
    assert p.talk_share == pytest.approx(me.talk_share)
    assert (p.share_low, p.share_high, p.mode) == (0.4, 0.6, "interview")
    assert p.questions == me.questions and p.about_them == 1
    assert p.longest_monologue_s == pytest.approx(me.longest_monologue_s)


def test_export_has_every_table(db_url: str, balanced: Example) -> None:
    with twoway.store.open(db_url) as store:
        store.save(*balanced, with_people=["Marcus Chen"], company="Northwind", date=NOV20)
        store.add_note("Marcus", "note")
        data = store.export_dict()
    assert data["schema"] == "twoway.export/1" and data["schema_version"] == "0003"
    tables = data["tables"]
    assert {k: len(v) for k, v in tables.items()} == {
        "companies": 1,
        "people": 1,
        "conversations": 1,
        "conversation_people": 1,
        "turns": len(balanced[0].turns),
        "questions": len(balanced[1].questions),
        "analyses": 1,
        "notes": 1,
        "followups": 2,
    }
    assert tables["analyses"][0]["data"]["schema"] == "twoway.analysis/1"
    assert tables["conversations"][0]["date"] == "2026-11-20"
    json.dumps(data)  # JSON-ready throughout


def test_empty_names_are_refused(db_url: str, balanced: Example) -> None:
    with twoway.store.open(db_url) as store:
        with pytest.raises(StoreError, match="name cannot be empty"):
            store.save(*balanced, with_people=["  "])
        assert store.info().counts["conversations"] == 0  # nothing half-saved
