"""The shared formatting helpers of the report renderers."""

from __future__ import annotations

import dataclasses

from twoway.analysis.result import (
    PlannedQuestion,
    Question,
    Questioning,
    Suggestion,
    TargetsUsed,
)
from twoway.report import _format as fmt

INTERVIEW = TargetsUsed(share=0.5, share_low=0.4, share_high=0.6, monologue_s=90.0, questions=4)


def test_points() -> None:  # clock, percent and number: tests/core/test_display.py
    assert fmt.points(13.0) == "13"
    assert fmt.points(8.4) == "8.4"


def test_band_and_verdict() -> None:
    assert fmt.band(INTERVIEW) == "40-60%"
    assert fmt.share_verdict(0.6, INTERVIEW) == "on target"
    assert fmt.share_verdict(0.61, INTERVIEW) == "above target"
    assert fmt.share_verdict(0.2, INTERVIEW) == "below target"
    assert fmt.share_verdict(None, INTERVIEW) is None


def test_sparkline_levels_gaps_and_fitting() -> None:
    assert fmt.sparkline([0.0, 0.5, 1.0, None], 10) == "▁▅█ "
    assert fmt.sparkline([0.0, 1.0], 10, max_repeat=3) == "▁▁▁███"
    # 100 windows into 10 columns: each column is the mean of 10 windows.
    assert fmt.sparkline([0.0] * 50 + [1.0] * 50, 10) == "▁▁▁▁▁█████"
    assert fmt.sparkline([], 10) == ""


def _question(text: str, function: str) -> Question:
    return Question("Alex", True, None, text, "closed", function, None, None)


def test_not_counted_summary_and_samples() -> None:
    asked = [
        _question("Really?", "backchannel"),
        _question("Right?", "rhetorical"),
        _question("Really?", "backchannel"),
        _question("Is it open?", "question"),
    ]
    assert fmt.not_counted(asked) == "2 backchannels, 1 rhetorical"
    assert fmt.sample_texts(asked[:3]) == ["Really?", "Right?"]
    many = [_question(f"Q{i}?", "backchannel") for i in range(8)]
    assert fmt.sample_texts(many, limit=3) == ["Q0?", "Q1?", "Q2?", "…"]


def test_answer_length() -> None:
    def asked(answer_s: float | None, answer_words: int | None) -> Question:
        return Question("Dana", False, 5.0, "Why?", "open", "question", answer_s, answer_words)

    assert fmt.answer_length(asked(70.0, 120)) == "answer 1:10, 120 words"
    assert fmt.answer_length(asked(2.0, 1)) == "answer 0:02, 1 word"
    assert fmt.answer_length(asked(None, 14)) == "answer 14 words"
    assert fmt.answer_length(asked(0.0, 0)) == "no answer"
    assert fmt.answer_length(asked(None, None)) is None


def test_question_tags() -> None:
    q = Question(
        "Alex", True, 5.0, "What does a typical day look like?", "open", "question", None, None
    )
    assert fmt.question_tags(q) == ["open"]
    assert fmt.question_tags(dataclasses.replace(q, topic="day_to_day")) == ["open", "day to day"]
    # Without a "me" both are set; "other" says nothing, and a repeat is left out.
    both = dataclasses.replace(q, topic="other", kind="other", follow_up=True)
    assert fmt.question_tags(both) == ["open", "↪ follow-up"]
    assert fmt.question_tags(dataclasses.replace(q, topic="role", kind="technical")) == [
        "open",
        "role",
        "technical",
    ]


def _questioning(**changes: object) -> Questioning:
    base = Questioning(
        asked=5,
        open=3,
        about_them=1,
        follow_ups=2,
        topics={"compensation": 1, "day_to_day": 2, "role": 2},
        compensation_first=None,
        their_questions=1,
        answered_s=75.4,
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def test_questioning_facts_topics_and_answers() -> None:
    q = _questioning()
    assert fmt.questioning_facts(q) == ["5 asked", "3 open", "1 about them", "2 follow-ups"]
    assert fmt.questioning_facts(_questioning(follow_ups=1))[-1] == "1 follow-up"
    assert fmt.questioning_facts(_questioning(asked=0, open=0)) == ["0 asked"]
    # Most asked first; ties in the order of the topics list (day to day before role).
    assert fmt.topics_covered(q) == "day to day (2), role (2), compensation (1)"
    assert fmt.topics_covered(_questioning(topics={})) is None
    assert fmt.answered(q) == "your answers to their 1 question: 1:15 median"
    assert fmt.answered(_questioning(answered_s=None)) is None


def test_plan_marks_and_asked_as() -> None:
    planned = PlannedQuestion("What are the next steps?", "next_steps", False, None, 40.0)
    assert fmt.plan_mark(planned) == "✗"
    assert fmt.asked_as(planned) is None
    asked = dataclasses.replace(
        planned, asked=True, asked_as="So what are the next steps from here?", similarity=86.5
    )
    assert fmt.plan_mark(asked) == "✓"
    assert fmt.asked_as(asked) == "So what are the next steps from here?"
    assert fmt.match(asked) == "86% match"  # 86.5 rounds half to even
    same = dataclasses.replace(asked, asked_as="what are the  next steps?")
    assert fmt.asked_as(same) is None


def test_because() -> None:
    theme_named = Suggestion("Q?", "data review", "Dana brought up the data review herself.")
    assert fmt.because(theme_named) == "Dana brought up the data review herself."
    other = Suggestion("Q?", "on-call rotation", "It shows you listened.")
    assert fmt.because(other) == "builds on “on-call rotation”: It shows you listened."
    assert fmt.because(Suggestion("Q?", "pager", "")) == "builds on “pager”"
    assert fmt.because(Suggestion("Q?", "", "")) is None
