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


# Any first-person future verb is a commitment (docs/follow-up.md, "Commitments"), not only the
# follow-up verbs; each line is a shape, with its decoys below.
@pytest.mark.parametrize(
    ("said", "action", "due"),
    [
        (
            "I'll have HR reach out about the site visit by Wednesday.",
            "have HR reach out about the site visit by Wednesday",
            "by Wednesday",
        ),
        (
            "I'll bring my welding certificate when I come in.",
            "bring my welding certificate when I come in",
            None,
        ),
        (
            "I'm going to do the free trial and send you a draft in a couple weeks.",
            "do the free trial and send you a draft in a couple weeks",
            "in a couple weeks",
        ),
        ("Okay, I'll put your name in with Marisol.", "put your name in with Marisol", None),
        (
            "We'll let all the finalists know by the end of next week.",
            "let all the finalists know by the end of next week",
            "by the end of next week",
        ),
        (
            "If your director agrees, I'll get you a seat at the March training.",
            "get you a seat at the March training",
            None,
        ),
        (
            "I'll call you Monday afternoon after I talk to the owner.",
            "call you Monday afternoon after I talk to the owner",
            "Monday afternoon",
        ),
        ("Okay, then I'll be there.", "be there", None),
    ],
)
def test_any_first_person_future_deed_is_a_commitment(said: str, action: str, due: str) -> None:
    talk = _talk(("Sam", said), ("Jo", "Thank you."))
    found = [(c.by, c.action, c.due) for c in find_commitments(talk, "Jo")]
    assert found == [("Sam", action, due)]


@pytest.mark.parametrize(
    "said",
    [
        "I'll be honest, the hours are long.",
        "I'm going to grab a coffee before we start.",
        "So I'll give you the quick version of the team.",
        "I'll take that as a compliment.",
        "I can't promise anything, but I'll try.",
        "Maybe I'll reach out to them next year.",
        "If I say I'll get the trucks out by Friday, I get them out by Friday.",
        "My manager said she'd set up the tour.",
        "I sent those to the recruiter last week.",
        "Will you be at the conference dinner?",
        "We're going to hire three more nurses in the spring.",
        "Sure, send them.",
        "Email me.",
    ],
)
def test_talk_hedges_reports_and_plans_are_not_commitments(said: str) -> None:
    talk = _talk(("Sam", said), ("Jo", "Okay."))
    assert find_commitments(talk, "Jo") == ()


def test_a_request_with_a_promise_owes_both_ways() -> None:
    talk = _talk(("Sam", "Send it over, I'll look at it this weekend."), ("Jo", "Thanks!"))
    found = [(c.by, c.action, c.kind) for c in find_commitments(talk, "Jo")]
    assert found == [
        ("Sam", "look at it this weekend", "promise"),
        ("Jo", "send it over", "request"),
    ]


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("We restructured in June and we let Dana Ortiz go.", "private"),
        ("Pat Lee's position was eliminated in the spring.", "private"),
        ("I took about a twenty percent pay cut the first year.", "compensation"),
        ("It pays thirty-one an hour to start.", "compensation"),
        ("I'm on an H-1B, so I'd need a transfer.", "immigration"),
        ("I'm fasting for Ramadan this month.", "identity"),
        ("My blood counts have been low since the treatment.", "health"),
        ("I'm a single dad, so mornings are hard.", "family"),
        ("I switched careers at forty-four.", "age"),
    ],
)
def test_layoffs_pay_and_private_details_are_sensitive(text: str, family: str) -> None:
    from twoway.followup.sensitive import sensitive_reason

    assert sensitive_reason(text) == family


@pytest.mark.parametrize(
    ("said", "action", "due"),
    [
        # "expect an email from me": the speaker owes the email.
        (
            "You can expect an email from me tonight with the full plan.",
            "email you tonight with the full plan",
            "tonight",
        ),
        # "... from Colleen in our HR": the speaker owes having her send it.
        (
            "Expect an email from Colleen in our HR by Thursday with the link.",
            "have Colleen in our HR email you by Thursday with the link",
            "by Thursday",
        ),
        (
            "Count on me to send the samples within the hour.",
            "send the samples within the hour",
            "within the hour",
        ),
        (
            "You can count on me to get you a sample letter by next Friday.",
            "get you a sample letter by next Friday",
            "by next Friday",
        ),
        ("I'll make sure Ravi sees them today.", "make sure Ravi sees them today", "today"),
        (
            "And let me loop in Ngozi, our grants manager.",
            "loop in Ngozi, our grants manager",
            None,
        ),
        (
            "I'm going to set you up with a ride-along next week.",
            "set you up with a ride-along next week",
            "next week",
        ),
        (
            "I'm going to put together a plan and send it over.",
            "put together a plan and send it over",
            None,
        ),
        (
            "But I'm going to talk to my super about a shadow day.",
            "talk to my super about a shadow day",
            None,
        ),
        # An invitation with a time makes "I'll walk you through" a later deed, due then.
        (
            "Come out Thursday and I'll walk you through the pour.",
            "walk you through the pour",
            "Thursday",
        ),
    ],
)
def test_promise_families(said: str, action: str, due: str | None) -> None:
    talk = _talk(("Sam", said), ("Jo", "Thank you."))
    found = [(c.by, c.to, c.action, c.due, c.kind) for c in find_commitments(talk, "Jo")]
    assert found == [("Sam", "Jo", action, due, "promise")]


@pytest.mark.parametrize(
    "said",
    [
        "We'll make sure of that.",
        "I'll walk you through the role.",  # said for now: no invitation, no time
        "I'll talk to you soon.",
        "Expect a lot of questions from the panel.",
    ],
)
def test_near_misses_of_the_promise_families_are_not_commitments(said: str) -> None:
    talk = _talk(("Sam", said), ("Jo", "Okay."))
    assert find_commitments(talk, "Jo") == ()


def test_a_step_towards_a_promise_is_one_commitment_with_it() -> None:
    talk = _talk(
        ("Sam", "Let me loop in Dana, and we'll get back to you by Friday with a time."),
        ("Jo", "Great."),
    )
    found = [(c.action, c.due) for c in find_commitments(talk, "Jo")]
    assert found == [("loop in Dana and get back to you by Friday with a time", "by Friday")]


def test_a_request_answered_with_a_promise_is_owed_once_as_the_promise() -> None:
    talk = _talk(
        ("Sam", "Could you send me a couple of samples you've done?"),
        ("Jo", "Yes. Count on me to send the redacted samples within the hour."),
        ("Sam", "And send me three clips."),
        ("Jo", "Yes, I'll send them tonight."),
    )
    found = [(c.by, c.action, c.kind) for c in find_commitments(talk, "Jo")]
    assert found == [
        ("Jo", "send the redacted samples within the hour", "promise"),
        ("Jo", "send them tonight", "promise"),
    ]


def test_a_bare_go_ahead_to_an_offer_is_not_a_request() -> None:
    talk = _talk(
        ("Jo", "I'm going to email you the list of programs I'm looking at."),
        ("Sam", "Send it."),
    )
    found = [(c.by, c.action, c.kind) for c in find_commitments(talk, "Jo")]
    assert found == [("Jo", "email you the list of programs I'm looking at", "promise")]


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("I burned out hard my fourth year.", "health"),
        ("I got hurt in 2019, two herniated discs.", "health"),
        ("We just lost six people in the November buyouts.", "private"),
        ("We had a caseworker assaulted on a home visit last year.", "private"),
        ("We're being sued by the county over the series.", "private"),
        ("I had a guy in my class who was forty-four.", "age"),
    ],
)
def test_more_sensitive_cues(text: str, family: str) -> None:
    from twoway.followup.sensitive import sensitive_reason

    assert sensitive_reason(text) == family
