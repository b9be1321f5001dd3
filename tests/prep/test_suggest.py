"""Follow-up suggestions built on what the interviewer said."""

from __future__ import annotations

from pathlib import Path

import pytest

import twoway
from twoway.errors import SpeakerError
from twoway.model import Conversation, Turn
from twoway.prep import suggest_followups

ROOT = Path(__file__).parents[2]

CONVERSATION = Conversation(
    (
        Turn(
            "Dana Lee",
            0.0,
            6.0,
            "Hi Alex, thanks for joining. I run the data platform team "
            "at Acme Logistics. Can you tell me about yourself?",
        ),
        Turn(
            "Alex Rivera",
            6.5,
            40.0,
            "Sure. I build batch pipelines in Airflow at a retailer, "
            "and I moved our reporting to dbt last year.",
        ),
        Turn(
            "Dana Lee",
            40.5,
            80.0,
            "Nice. Right now our biggest project is the streaming "
            "migration: we are moving shipment events from nightly batch loads to Kafka. The "
            "streaming migration touches every downstream dashboard. We also started a data "
            "contracts effort with the product teams, so schema changes stop breaking our "
            "pipelines. And everyone joins the on-call rotation, one week in six.",
        ),
        Turn(
            "Alex Rivera",
            80.5,
            90.0,
            "How does the on-call rotation work when something breaks at night?",
        ),
        Turn(
            "Dana Lee",
            90.5,
            120.0,
            "We have runbooks for the common failures and a "
            "secondary on call. Honestly the data contracts work should cut the pages in half.",
        ),
    ),
    source="memory",
)


def test_suggestions_quote_what_they_said_and_ask_by_kind() -> None:
    suggestions = suggest_followups(CONVERSATION, "Alex")
    assert [s.text for s in suggestions] == [
        # A plan ("we are moving"), answered with how it is going.
        "You mentioned: “Right now our biggest project is the streaming migration: we are "
        "moving shipment events from nightly batch loads to Kafka.” How is that going so far?",
        # A challenge ("breaking"), with what would help.
        "You mentioned: “We also started a data contracts effort with the product teams, so "
        "schema changes stop breaking our pipelines.” What would help most with that?",
        # Her answer to Alex's on-call question; "the data contracts work should cut the pages
        # in half" repeats the second suggestion: left out.
        "You said: “We have runbooks for the common failures and a secondary on call.” Could "
        "you tell me more about that?",
    ]
    for s in suggestions:
        assert s.theme in " ".join(t.text for t in CONVERSATION.turns_of("Dana Lee"))
        assert s.why.startswith("Dana raised this themselves")


def test_deterministic_and_bounded() -> None:
    assert suggest_followups(CONVERSATION, "alex") == suggest_followups(CONVERSATION, "Alex")
    assert len(suggest_followups(CONVERSATION, "Alex", n=1)) == 1
    assert suggest_followups(CONVERSATION, "Alex", n=0) == ()


def test_unknown_speaker() -> None:
    with pytest.raises(SpeakerError, match="'Sam' is not a speaker here"):
        suggest_followups(CONVERSATION, "Sam")


def test_no_text_gives_no_suggestions() -> None:
    silent = Conversation((Turn("A", 0.0, 1.0), Turn("B", 1.0, 2.0)))
    assert suggest_followups(silent, "A") == ()


def test_suggestions_on_the_balanced_interview_example() -> None:
    conversation = twoway.load(ROOT / "examples" / "balanced_interview.vtt")
    suggestions = suggest_followups(conversation, "Priya")
    marcus = " ".join(t.text for t in conversation.turns_of("Marcus Chen"))
    assert len(suggestions) == 3
    for s in suggestions:
        assert s.theme in marcus  # verbatim
        assert s.text.endswith("?")


def test_nothing_private_is_suggested() -> None:
    talk = Conversation(
        (
            Turn("Ann", 0.0, 2.0, "What are you working on?"),
            Turn(
                "Bo",
                2.0,
                9.0,
                "We're rebuilding the mortgage application from scratch this "
                "year. I was going through a divorce when I joined, so I needed a steadier job.",
            ),
        )
    )
    texts = [s.text for s in suggest_followups(talk, "Ann")]
    assert texts == [
        "You mentioned: “We're rebuilding the mortgage application from scratch this year.” "
        "How is that going so far?"
    ]
