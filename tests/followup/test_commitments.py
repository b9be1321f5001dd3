"""Commitments: who owes what to whom, and by when; hooks; what is never quoted."""

from __future__ import annotations

import pytest

from twoway.followup import find_commitments, find_hooks, is_sensitive, topics_raised
from twoway.followup.commitments import swap_person
from twoway.model import Conversation, Turn


def _talk(*lines: tuple[str, str]) -> Conversation:
    turns, t = [], 0.0
    for speaker, text in lines:
        turns.append(Turn(speaker, t, t + 5.0, text))
        t += 6.0
    return Conversation(tuple(turns), source="talk.txt")


CHAT = _talk(
    ("Jo", "How did you get into forecasting?"),
    (
        "Sam",
        "I started as an analyst at an insurance company. We just moved the whole forecasting "
        "pipeline to dbt, which made testing the data so much easier.",
    ),
    ("Jo", "I built a small model of bike-share demand for my capstone."),
    ("Sam", "Oh nice, send me the project, I'd like to see it."),
    ("Jo", "I will, thank you! Is there anyone else I should talk to?"),
    ("Sam", "I'll be honest, it's a small team. I'll introduce you to Omar by Friday."),
    ("Jo", "Would you be open to looking at my resume?"),
    ("Sam", "Sure, happy to."),
)


def test_promises_requests_and_accepted_questions_are_found() -> None:
    found = [(c.by, c.to, c.action, c.due, c.kind) for c in find_commitments(CHAT, "Jo")]
    assert found == [
        # "send me the project" said by Sam: Jo owes it, in Jo's voice.
        ("Jo", "Sam", "send you the project", None, "request"),
        # "I'll be honest" is said for now, not owed later.
        ("Sam", "Jo", "introduce you to Omar by Friday", "by Friday", "promise"),
        ("Sam", "Jo", "look at your resume", None, "request"),
    ]


def test_in_conversation_acts_and_declined_requests_are_not_commitments() -> None:
    talk = _talk(
        ("Ann", "Let me tell you about the team. I'll give you a quick overview."),
        ("Bo", "Could you send me the slides?"),
        ("Ann", "Sorry, they are confidential."),
        ("Ann", "Let me know if you have questions. I'll write it with a timer."),
    )
    assert find_commitments(talk, "Bo") == ()


def test_it_is_resolved_from_what_the_other_person_asked_for() -> None:
    talk = _talk(
        ("Jas", "Would you mind sending me the slides?"),
        ("Pete", "Sure, I'll send them after the call."),
    )
    (c,) = find_commitments(talk, "Jas")
    assert (c.by, c.action, c.due) == ("Pete", "send the slides after the call", "after the call")


@pytest.mark.parametrize(
    ("said", "heard"),
    [
        ("send me your portfolio by Thursday", "send you my portfolio by Thursday"),
        ("put you in touch with my manager", "put me in touch with your manager"),
        ("send you the paper we wrote", "send me the paper you wrote"),
    ],
)
def test_swap_person(said: str, heard: str) -> None:
    assert swap_person(said) == heard


def test_hooks_are_verbatim_ranked_and_never_private() -> None:
    talk = _talk(
        ("Ann", "What are you working on?"),
        (
            "Bo",
            "We're rebuilding the mortgage application from scratch this year. I was going "
            "through a divorce when I joined, so I needed a steadier job. It had forty screens.",
        ),
    )
    hooks = find_hooks(talk, "Bo", "Ann")
    assert [(h.quote, h.kind) for h in hooks] == [
        ("We're rebuilding the mortgage application from scratch this year.", "plan")
    ]
    # The divorce is private; "It had forty screens." leans on what came before.
    assert hooks[0].answers == "What are you working on?"
    assert topics_raised(talk, "Bo", "Ann") == (hooks[0].quote,)


@pytest.mark.parametrize(
    "text",
    [
        "For this level it's seventy to eighty-two, plus a bonus target of ten percent.",
        "I had surgery last spring.",
        "My daughter was born in March.",
        "I'm on a visa, so I'd need sponsorship.",
        "I'm sixty-one.",
        "Between us, we have about four months of runway.",
    ],
)
def test_sensitive_details(text: str) -> None:
    assert is_sensitive(text)


def test_work_details_are_not_sensitive() -> None:
    assert not is_sensitive("We serve about nine thousand families a month now.")
    assert not is_sensitive("I'm pretty sure our customer base doubled.")
    assert is_sensitive("Around eighty-five.", answers="And the range?")
