"""What a promise's "it", "those" or "her" points back to (twoway.followup._antecedents)."""

from __future__ import annotations

from twoway.followup import find_commitments
from twoway.model import Conversation, Turn


def _talk(*lines: tuple[str, str]) -> Conversation:
    return Conversation(
        tuple(Turn(who, 4.0 * i, 4.0 * i + 3.5, text) for i, (who, text) in enumerate(lines))
    )


def _actions(talk: Conversation, me: str) -> list[tuple[str, str]]:
    return [(c.by, c.action) for c in find_commitments(talk, me)]


def test_it_is_the_thing_named_in_the_question_before() -> None:
    talk = _talk(
        ("Fiona", "You mentioned an evaluation. Is that something you'd be able to share?"),
        ("Ewan", "I think it is, but let me check it's been published and I'll send it over "
         "early next week."),
    )  # fmt: skip
    assert ("Ewan", "send the evaluation over early next week") in _actions(talk, "Ewan")


def test_your_thing_said_by_the_other_person_is_mine_from_the_owner() -> None:
    talk = _talk(
        ("Latoya", "Bring your forklift cert if you've still got it, just so we can copy it."),
        ("Carlos", "Okay, I'll bring it Thursday."),
    )
    assert _actions(talk, "Carlos") == [("Carlos", "bring my forklift cert Thursday")]


def test_those_after_a_number_of_things() -> None:
    talk = _talk(
        ("Shauna", "Could you get me two references, ideally one who's supervised you?"),
        ("Mateo", "Yeah, I'll get you those by Monday. I just want to give them a heads-up."),
    )
    assert ("Mateo", "get you the two references by Monday") in _actions(talk, "Mateo")


def test_her_is_the_person_named_before_not_a_capitalised_word() -> None:
    talk = _talk(
        ("Alejandra", "And if you want, I can connect you with one of the analysts, Mariana, "
         "so you can ask her about the day-to-day. Without me in the room."),
        ("Diego", "Yes, please, that would be great."),
        ("Alejandra", "Okay, I'll put you in touch with her by email."),
    )  # fmt: skip
    assert _actions(talk, "Diego")[-1] == ("Alejandra", "put you in touch with Mariana by email")


def test_his_number_is_the_named_persons_number_not_a_place() -> None:
    talk = _talk(
        ("Youssef", "You should meet my guy at Jean-Talon, for the vegetables. Pierre-Luc, from "
         "the farm in Saint-Rémi. I'll text you his number tonight."),
        ("Camille", "Amazing, thank you."),
    )  # fmt: skip
    assert _actions(talk, "Camille") == [("Youssef", "text you Pierre-Luc's number tonight")]


def test_nothing_named_leaves_the_pronoun_alone() -> None:
    talk = _talk(
        ("Sam", "That was a great chat."),
        ("Jo", "It was. I'll send it over tonight."),
    )
    assert _actions(talk, "Jo") == [("Jo", "send it over tonight")]
