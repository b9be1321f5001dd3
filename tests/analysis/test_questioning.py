"""Questions in the analysis: topic and kind, follow-ups, answers, and the questioning summary."""

from __future__ import annotations

import pytest

from twoway.analysis import analyze
from twoway.model import Conversation, Turn

MARCUS, PRIYA = "Marcus Chen", "Priya Nair"

INTERVIEW = Conversation(
    (
        Turn(
            MARCUS,
            0,
            20,
            "Thanks for your time today. Tell me about a time you had to push back on a "
            "stakeholder.",
        ),
        Turn(
            PRIYA,
            21,
            60,
            "Sure. At my last job our sales lead wanted a dashboard by Friday, and the data was "
            "not ready, so I proposed a smaller version first and we shipped that on time.",
        ),
        Turn(
            MARCUS,
            61,
            75,
            "Great. Our team is six analysts and we support the growth squad, mostly on "
            "activation metrics.",
        ),
        Turn(PRIYA, 76, 85, "How does the team decide which activation metrics to prioritize?"),
        Turn(MARCUS, 86, 110, "We look at the funnel every Monday and pick one lever to move."),
        Turn(PRIYA, 111, 118, "What have you enjoyed most about working here?"),
        Turn(MARCUS, 119, 140, "Honestly the people, and the fact that analysts sit with product."),
        Turn(PRIYA, 141, 147, "What is the salary range for this role?"),
        Turn(
            MARCUS,
            148,
            160,
            "We will get to compensation with the recruiter. Do you have a preferred start date?",
        ),
        Turn(PRIYA, 161, 166, "Early March would work for me."),
    ),
    source="priya.vtt",
)


@pytest.fixture(scope="module")
def result():  # type: ignore[no-untyped-def]
    return analyze(INTERVIEW, me="Priya")


def test_my_questions_have_topics_and_follow_ups(result) -> None:  # type: ignore[no-untyped-def]
    mine = [(q.text, q.topic, q.follow_up) for q in result.questions if q.is_me]
    assert mine[1:] == [
        ("What have you enjoyed most about working here?", "them", False),
        ("What is the salary range for this role?", "compensation", False),
    ]
    # Builds on "activation metrics" in Marcus's previous turn.
    assert mine[0][0] == "How does the team decide which activation metrics to prioritize?"
    assert mine[0][2] is True
    assert all(q.kind is None for q in result.questions if q.is_me)


def test_their_questions_have_kinds_and_answers(result) -> None:  # type: ignore[no-untyped-def]
    theirs = [(q.kind, q.answer_s, q.answer_words) for q in result.questions if not q.is_me]
    assert theirs == [("behavioral", 39.0, 32), ("logistics", 5.0, 6)]
    assert all(q.topic is None for q in result.questions if not q.is_me)


def test_questioning_summary(result) -> None:  # type: ignore[no-untyped-def]
    q = result.questioning
    assert q is not None
    assert (q.asked, q.open, q.about_them, q.follow_ups) == (3, 3, 1, 1)
    assert q.topics["them"] == 1 and q.topics["compensation"] == 1
    assert q.compensation_first is True  # asked at 141 s; Marcus first mentions pay at 148 s
    assert q.their_questions == 2
    assert q.answered_s == pytest.approx((39.0 + 5.0) / 2)


def test_answers_by_someone_else_are_not_mine() -> None:
    # A panel: Jo answers Marcus's question before Priya does; Priya's answered_s ignores it.
    conv = Conversation(
        (
            Turn(MARCUS, 0, 5, "Why do you want to join the growth team?"),
            Turn("Jo Park", 5.5, 25, "Let me add some context first: the team grew a lot."),
            Turn(PRIYA, 26, 50, "I like working close to product decisions and experiments."),
            Turn(MARCUS, 51, 55, "What is your notice period?"),
            Turn(PRIYA, 56, 60, "Four weeks."),
        )
    )
    result = analyze(conv, me="Priya")
    assert [q.answered_by for q in result.questions] == ["Jo Park", PRIYA]
    assert result.questioning is not None and result.questioning.answered_s == 4.0


def test_follow_ups_are_stable_without_timing() -> None:
    untimed = Conversation(tuple(Turn(t.speaker, None, None, t.text) for t in INTERVIEW.turns))
    flags = {tuple(q.follow_up for q in analyze(untimed, me="Priya").questions) for _ in range(3)}
    assert len(flags) == 1


def test_questioning_in_score_and_feedback(result) -> None:  # type: ignore[no-untyped-def]
    component = next(c for c in result.score.components if c.name == "questions")
    # 15 * 3/4 + 5 * 3/3 + 5 * min(1, (1 + 1) / 2) = 21.25
    assert component.points == pytest.approx(21.25, abs=0.051)
    assert component.detail == "3 asked (target at least 4), 3 open, 1 about them, 1 follow-up"
    codes = [f.code for f in result.feedback]
    assert "compensation_first" in codes and "follow_ups" in codes
    assert "nothing_about_them" not in codes


def test_compensation_after_they_raise_it_is_fine() -> None:
    turns = list(INTERVIEW.turns)
    # Pay mentioned first by the interviewer, in words of the compensation topic ("vacation").
    turns.insert(2, Turn(MARCUS, 60.2, 60.8, "There is generous vacation, by the way."))
    result = analyze(INTERVIEW.with_turns(turns), me="Priya")
    assert result.questioning is not None
    assert result.questioning.compensation_first is False
    assert "compensation_first" not in [f.code for f in result.feedback]


def test_non_english_transcript_is_analyzed_but_not_classified() -> None:
    conv = Conversation(
        (
            Turn(
                "Ana", 0, 10, "Muchas gracias por venir hoy. ¿Cómo es un día típico en el equipo?"
            ),
            Turn(
                "Luis", 11, 30, "Pues, normalmente empezamos con una reunión corta y luego cada uno"
            ),
        )
    )
    result = analyze(conv, me="Ana")
    assert result.speaker("Ana").words == 13
    assert any("does not look English" in note for note in result.notes)
    assert all(q.topic is None and q.kind is None for q in result.questions)


def test_to_dict_carries_question_labels(result) -> None:  # type: ignore[no-untyped-def]
    data = result.to_dict()
    first = data["questions"][0]
    assert {"form", "topic", "kind", "answer_s", "follow_up"} <= set(first)
    assert data["questioning"]["asked"] == 3
    assert data["questioning"]["compensation_first"] is True
