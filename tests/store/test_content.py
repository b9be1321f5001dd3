"""The content hash and the answer finder (pure helpers)."""

from __future__ import annotations

from twoway.model import Turn
from twoway.store._content import answer_text, content_hash, question_turn


def test_hash_ignores_spacing_but_not_content() -> None:
    a = [Turn("Dana", 0.0, 2.0, "Hello  there"), Turn("Alex", 2.5, 4.0, "Hi!")]
    b = [Turn(" Dana", 0.0000001, 2.0, "Hello there "), Turn("Alex", 2.5, 4.0, "Hi!")]
    assert content_hash(a) == content_hash(b)
    assert content_hash(a) != content_hash([*a[:1], Turn("Alex", 2.5, 4.0, "Hi.")])
    assert content_hash(a) != content_hash([*a[:1], Turn("Sam", 2.5, 4.0, "Hi!")])
    assert content_hash(a) != content_hash([*a[:1], Turn("Alex", 2.6, 4.0, "Hi!")])
    assert len(content_hash(a)) == 64


TURNS = [
    Turn("Alex", 0.0, 3.0, "Thanks. So what have you"),
    Turn("Alex", 3.0, 5.0, "enjoyed most about working here?"),
    Turn("Dana", 5.5, 9.0, "Honestly, the people."),
    Turn("Alex", 9.0, 9.5, "Mm-hm."),
    Turn("Dana", 9.6, 14.0, "And I run the data meetup."),
    Turn("Alex", 14.5, 20.0, "That sounds great, I went to one of those last year myself."),
    Turn("Dana", 20.5, 22.0, "Oh nice."),
]


def test_answer_is_the_answerers_turns_until_someone_else_speaks() -> None:
    at = question_turn(TURNS, "Alex", 1.2, "what have you enjoyed most about working here?")
    assert at == 0
    assert answer_text(TURNS, at, "Alex", "Dana") == (
        "Honestly, the people. And I run the data meetup."
    )


def test_question_turn_without_timing_uses_the_words() -> None:
    untimed = [Turn(t.speaker, None, None, t.text) for t in TURNS]
    assert question_turn(untimed, "Alex", None, "enjoyed most about working here?") == 1
    assert question_turn(untimed, "Sam", None, "enjoyed most") is None
