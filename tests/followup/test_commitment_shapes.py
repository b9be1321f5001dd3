"""Shapes of commitments a blind set showed after set 5: third parties as "he"/"she" or
"Name'll", promises retold with commas, hedged or someday offers, deeds done before the call
ends, and a promise said as a check. Sentences written for these tests."""

from __future__ import annotations

from twoway.followup import find_commitments
from twoway.model import Conversation, Turn


def _talk(*lines: tuple[str, str]) -> Conversation:
    return Conversation(
        tuple(Turn(who, 5.0 * i, 5.0 * i + 4.5, text) for i, (who, text) in enumerate(lines))
    )


def _found(talk: Conversation, me: str) -> list[tuple[str, str, str]]:
    return [(c.by, c.action, c.kind) for c in find_commitments(talk, me)]


def test_she_after_a_named_colleague_is_that_colleague() -> None:
    talk = _talk(
        ("Ana", "What happens before my first shift?"),
        ("Tom", "Priya's our rota lead. She'll email you the rota before Friday."),
    )
    assert ("Priya", "email you the rota before Friday", "reported") in _found(talk, "Ana")


def test_he_after_a_name_said_to_him_is_that_person() -> None:
    talk = _talk(
        ("Tom", "I'll pass your CV to Dwayne today. He'll call you by Wednesday."),
        ("Ana", "Thank you."),
    )
    found = _found(talk, "Ana")
    assert ("Dwayne", "call you by Wednesday", "reported") in found
    assert ("Tom", "pass your CV to Dwayne today", "promise") in found


def test_a_name_with_ll_is_a_third_party() -> None:
    talk = _talk(("Tom", "Raj'll send you the form next Friday."), ("Ana", "Great."))
    assert _found(talk, "Ana") == [("Raj", "send you the form next Friday", "reported")]


def test_a_title_and_surname_stay_together() -> None:
    talk = _talk(
        ("Tom", "Miss Gordon at the training college will put you on the visit list."),
        ("Ana", "Lovely."),
    )
    assert _found(talk, "Ana") == [("Miss Gordon", "put you on the visit list", "reported")]


def test_a_promise_retold_with_commas_is_not_the_speakers() -> None:
    talk = _talk(
        ("Tom", "The gaffer said to me in the summer, Tom, I'll get you a second analyst."),
        ("Ana", "Did he?"),
    )
    assert _found(talk, "Ana") == []


def test_a_hedged_or_someday_offer_is_not_owed() -> None:
    talk = _talk(
        ("Tom", "Maybe later, when I'm settled, I'll bring them."),
        ("Ana", "If you're ever in Leeds, I'll buy you a coffee."),
        ("Tom", "I reckon I can get you a better rate."),
        ("Ana", "If a role opens in my team next year, I'll ping you."),
    )
    assert _found(talk, "Ana") == []


def test_a_deed_done_before_the_call_ends_is_not_owed() -> None:
    talk = _talk(
        ("Tom", "He'll ring you Thursday evening, I'll text him now."),
        ("Ana", "Give me your coat, I'll stick it on the radiator."),
    )
    assert all(c.action != "text him now" for c in find_commitments(talk, "Ana"))
    assert [c.by for c in find_commitments(talk, "Ana") if c.by == "Ana"] == []


def test_a_promise_said_as_a_check_is_still_a_promise() -> None:
    talk = _talk(
        ("Tom", "Come and see the milking on Saturday."),
        ("Ana", "Yeah, I'll be there Saturday, four-thirty?"),
    )
    assert ("Ana", "be there Saturday", "promise") in [
        (by, action.split(",")[0], kind) for by, action, kind in _found(talk, "Ana")
    ]


def test_a_promise_said_again_with_more_after_it_is_one_commitment() -> None:
    talk = _talk(
        ("Ana", "Send me your reel."),
        ("Tom", "I'll send it tonight. I'll send it tonight before I lose my nerve."),
    )
    mine = [c.action for c in find_commitments(talk, "Tom") if c.by == "Tom"]
    assert mine == ["send my reel tonight"]
