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


def test_suggestions_build_on_their_themes_and_skip_what_i_asked() -> None:
    suggestions = suggest_followups(CONVERSATION, "Alex")
    themes = [s.theme for s in suggestions]
    assert themes == ["streaming migration", "data contracts", "nightly batch loads"]
    assert suggestions[0].text == (
        "You mentioned the streaming migration. How did that come about, and how is it "
        "working so far?"
    )
    assert all("Dana brought up" in s.why for s in suggestions)
    joined = " ".join(themes).lower()
    assert "on-call" not in joined  # Alex asked about it
    assert "acme" not in joined and "dbt" not in joined  # where Dana works; what Alex said


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
    assert [s.theme for s in suggestions] == [
        "metrics layer",
        "metrics review",
        "product leadership",
    ]
    # Priya asked how the team stays connected across squads and about professional
    # organizations: no suggestion repeats those.
    assert not any("squad" in s.theme or "organization" in s.theme for s in suggestions)
