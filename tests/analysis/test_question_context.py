"""The conversation pass: questions judged with the turns around them (issue 15)."""

from __future__ import annotations

import importlib.resources
import json
import re

import pytest

from twoway.analysis import analyze
from twoway.analysis import question_context as qc
from twoway.analysis.questions import CALL_FUNCTION, find_questions
from twoway.model import Conversation, Turn


def functions(turns: list[tuple[str | None, str]]) -> list[list[tuple[str, str]]]:
    return [[(q.text, q.function) for q in found] for found in qc.conversation_questions(turns)]


def test_an_echo_is_a_backchannel_unless_an_answer_follows() -> None:
    said = ("A", "I was a banker for ten years.")
    assert functions([said, ("B", "Banker?"), ("A", "Yes, at a small bank.")])[1] == [
        ("Banker?", "backchannel")
    ]
    answered = ("A", "Well, investment banking really: I ran the fixed income desk for a while.")
    assert functions([said, ("B", "Banker?"), answered])[1] == [("Banker?", "question")]


def test_a_clarification_asks() -> None:
    found = qc.conversation_questions(
        [("A", "We need some brackets for it."), ("B", "Some what?"), ("A", "Brackets.")]
    )
    assert [(q.text, q.function, q.form) for q in found[1]] == [("Some what?", "question", "open")]


def test_a_reciprocal_question_counts_in_a_conversation() -> None:
    turns = [("A", "I grew up in Ohio."), ("A", "And you?"), ("B", "Texas, mostly.")]
    assert functions(turns)[1] == [("And you?", "question")]


def test_mic_checks_are_reported_but_never_counted() -> None:
    turns = [
        ("A", "Hi, can you hear me okay?"),
        ("B", "Yes, loud and clear. You're on mute now, though."),
        ("A", "Sorry! What does a typical day look like for the team?"),
    ]
    found = qc.conversation_questions(turns)
    assert [q.function for q in found[0]] == [CALL_FUNCTION]
    assert [q.function for q in found[1]] == [CALL_FUNCTION]
    assert [q.function for q in found[2]] == ["question"]


def test_punctuation_is_judged_once_for_the_conversation() -> None:
    # A transcriber that writes "." but never "?" over a whole conversation: the question
    # written with "." still counts.
    talk = [("A", "I led the migration last year."), ("B", "That sounds like a lot of work.")]
    turns = [*talk * 10, ("B", "What made you apply."), ("A", "The team.")]
    assert qc.conversation_punctuated([t for _, t in turns]) is False
    assert functions(turns)[20] == [("What made you apply.", "question")]
    # With "?" elsewhere, the writer marks questions and "What made you apply." is a statement.
    marked = [*turns, ("B", "And how long did it take?")]
    assert qc.conversation_punctuated([t for _, t in marked]) is True
    assert functions(marked)[20] == []
    # Two turns say too little: each is judged by its own marks, as find_questions does.
    short = [("A", "I led the migration last year."), ("B", "What made you apply.")]
    assert qc.conversation_punctuated([t for _, t in short]) is None
    assert functions(short)[1] == []


def test_a_request_is_never_overruled() -> None:
    turns = [("A", "Thanks for coming in."), ("A", "Tell me about a time you pushed back.")]
    assert functions(turns)[1] == [("Tell me about a time you pushed back.", "question")]


def test_a_text_alone_keeps_the_rules_reading_of_a_backchannel() -> None:
    assert functions([("A", "You did?")]) == [[("You did?", "backchannel")]]


def test_weak_openings_in_unpunctuated_speech_are_found() -> None:
    turns = [
        ("A", "i moved here from ohio last year"),
        ("B", "i come from texas are you from around here"),
        ("A", "yeah born and raised"),
    ]
    assert functions(turns)[1] == [("are you from around here", "question")]


def test_a_question_after_a_statement_in_run_on_speech_is_one_candidate() -> None:
    # Unpunctuated speech runs a statement into a question; the inversion after it opens one
    # candidate that runs to the end ("do you | have your badge" is not two), and a question word
    # with an inversion ("how do i") is proposed even after "see".
    turns = [
        ("A", "the reader at the door will not take my card"),
        ("B", "lets go and take a look at it do you have your badge with you"),
        ("A", "i see how do i get a new one then"),
    ]
    rows, _ = qc.candidates(turns, False)
    assert [q.text for q, _f, _d in rows[1]] == ["do you have your badge with you"]
    assert [q.text for q, _f, _d in rows[2]] == ["how do i get a new one then"]
    assert functions(turns)[1] == [("do you have your badge with you", "question")]


def test_a_question_mark_is_trusted_where_the_writer_marks_questions() -> None:
    turns = [
        ("A", "Good morning. Could I speak with the office manager, please?"),
        ("B", "Speaking. Who is this, please?"),
        ("A", "This is Sam from the print shop."),
    ]
    assert [q.counts for q in qc.conversation_questions(turns)[1]] == [True]


def test_without_the_model_the_rules_decide() -> None:
    turns = [("A", "What does the team do?"), ("B", "Mostly billing.")]
    found = qc.conversation_questions(turns, model=qc.DetectorModel({}, 0.0))
    assert [q.function for q in found[0]] == ["question"]


def test_every_candidate_is_a_span_of_its_turn() -> None:
    turns = [("A", "so, um, what do you think and i said no"), ("B", "Really? Why not?")]
    for (_, text), found in zip(turns, qc.conversation_questions(turns), strict=True):
        for q in found:
            assert text[q.start : q.end] == q.text


def test_the_shipped_model_holds_no_corpus_vocabulary() -> None:
    # Only the project's own closed word classes, markers and numbers appear in feature names:
    # no word, phrase or text of the training corpora ships (docs/questions.md).
    raw = importlib.resources.files("twoway.analysis").joinpath(qc.DETECTOR_FILE).read_text()
    data = json.loads(raw)
    allowed = set(qc._CLOSED) | {
        "_", "bias", "none", "start", "empty", "all", "most", "some", "long", "p", "u",
        "question", "backchannel", "rhetorical", "weak", "open", "closed", "choice", "tag",
        "first", "last", "same", "before", "after", "prev", "next", "end", "asks", "asked",
        "answered", "more", "in", "turn", "several", "echo", "lead", "short", "n", "a", "a2",
        "a3", "s", "s2", "s3", "z", "z2", "w", "r", "rf", "re", "pv", "ctx",
    }  # fmt: skip
    # A mode's copy of a feature starts with "P" or "U" (question_context.with_mode).
    names = [f[1:] if f[:1] in "PU" else f for f in str(data["features"]).split("\n")]
    words = {w for feature in names for w in re.split(r"[^a-z]+", feature.lower()) if w}
    assert words <= allowed, sorted(words - allowed)[:20]
    assert "dailydialog" not in " ".join(data["trained_on"]).lower()
    assert any("GPL-3.0" in source for source in data["trained_on"])


def test_the_pass_decides_each_turn_from_its_neighbours_only() -> None:
    # Its speed is measured in benchmarks (bench_batch, questions_eval), not timed here: what
    # is checked is that a turn's result depends on its neighbours, not on the conversation's
    # length, so four times the conversation gives four times the same questions.
    turn = ("A", "so what I did was rebuild the pipeline. How do you measure success?")
    answer = ("B", "Mostly by freshness checks on every table, every morning.")
    small = [turn, answer] * 200
    once = qc.conversation_questions(small)
    four = qc.conversation_questions(small * 4)
    assert len(four) == 4 * len(once)
    assert [[q.text for q in t] for t in four[2:4]] == [[q.text for q in t] for t in once[2:4]]
    assert sum(len(t) for t in four) == 4 * sum(len(t) for t in once)


@pytest.mark.parametrize("text", ["", "   ", "?", "...", "um"])
def test_odd_turns_do_not_raise(text: str) -> None:
    assert len(qc.conversation_questions([("A", text), (None, text)])) == 2
    assert find_questions(text) is not None


def test_the_analysis_counts_questions_with_the_pass() -> None:
    conv = Conversation(
        (
            Turn("Dana", 0, 4, "Can you hear me okay?"),
            Turn("Alex", 5, 8, "Yes, I can."),
            Turn("Dana", 9, 15, "Great. What brought you to data engineering?"),
            Turn("Alex", 16, 40, "I started in analytics and kept fixing the pipelines. And you?"),
            Turn("Dana", 41, 60, "I came from backend work, about six years ago."),
        )
    )
    result = analyze(conv, me="Alex")
    assert result.speaker("Dana").questions == 1  # the mic check is not a question
    assert result.speaker("Alex").questions == 1
    calls = [q for q in result.questions if q.function == CALL_FUNCTION]
    assert [q.text for q in calls] == ["Can you hear me okay?"]


def test_networking_questions_get_networking_topics() -> None:
    conv = Conversation(
        (
            Turn("Sam", 0, 5, "Thanks for making time. How did you get into product design?"),
            Turn("Ravi", 6, 40, "Honestly by accident: I was a front-end developer first."),
            Turn("Sam", 41, 45, "Who else do you think I should talk to?"),
            Turn("Ravi", 46, 60, "My colleague Mei runs research; I can introduce you."),
        )
    )
    result = analyze(conv, me="Sam", mode="networking")
    assert [(q.text, q.topic, q.kind) for q in result.questions if q.function == "question"] == [
        ("How did you get into product design?", "their_story", None),
        ("Who else do you think I should talk to?", "referrals", None),
    ]
    assert result.questioning is not None and result.questioning.about_them == 1
