"""Every question asked, with its kind, its answer, and how "me" used the questioning time.

Definitions: ``docs/metrics.md``, sections "Questions" and "Questioning".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import MutableSequence, Sequence

from twoway.analysis._question_topics import _TOPIC_RULES, _normalize
from twoway.analysis.question_networking import networking_topic_of
from twoway.analysis.questions import DetectedQuestion, content_words, kind_of, topic_of
from twoway.analysis.result import Question, Questioning
from twoway.analysis.timeline import Floor, SpeechTurn, median

# Pay came up in someone's speech when it has one of the cue words that make a question's topic
# "compensation" (docs/questions.md): one list for both, so they cannot disagree.
_PAY = next(pattern for label, _, pattern in _TOPIC_RULES if label == "compensation")


def mentions_pay(text: str) -> bool:
    """True when ``text`` talks about pay, benefits or leave.

    >>> mentions_pay("The pay is competitive and there is generous vacation.")
    True
    """
    return _PAY.search(_normalize(text)) is not None


FOLLOW_UP_MIN_SHARED = 2


def collect_questions(
    turns: Sequence[SpeechTurn],
    detected_per_turn: MutableSequence[Sequence[DetectedQuestion]],
    backchannel: Sequence[bool],
    floor_list: Sequence[Floor],
    floor_of: Sequence[int],
    me: str | None,
    *,
    classify: bool,
    networking: bool = False,
) -> tuple[list[Question], dict[str, int]]:
    """Every question with its asker, topic or kind, follow-up flag and answer.

    ``classify`` is False for text that does not look English: the rules are English-only, so
    topic, kind and follow-up are left out rather than guessed. ``networking``: a networking
    chat, where every question gets a networking topic (``networking_topic_of``: referrals,
    advice, career_path, their_story, industry, company, other) and none an interview kind.
    ``detected_per_turn`` is emptied as it is read: on a long transcript the detections and the
    questions would not both fit.
    """
    found: list[Question] = []
    asked: Counter[str] = Counter()
    # The latest turn of each speaker that was not a backchannel (with its index), for follow-ups.
    last_said: dict[str, tuple[int, SpeechTurn]] = {}
    for i, turn in enumerate(turns):
        detected = detected_per_turn[i]
        detected_per_turn[i] = ()
        if detected:
            counted = [q for q in detected if q.counts]
            asked[turn.speaker] += len(counted)
            answer = _answer(turn, floor_of[i], floor_list)
            previous = _previous_other(last_said, turn.speaker)
            # Found when a counted question first needs it: a turn of backchannels never does.
            previous_words: frozenset[str] | None = None if previous and classify else frozenset()
            last_counted = counted[-1] if counted else None
            # The turn's text is joined from its segments: once per turn, not once per question
            # (a turn merged from thousands of caption cues may ask hundreds).
            text_len = len(turn.text) if turn.start is not None else 0
            for q in detected:
                is_me = turn.speaker == me
                topic = kind = None
                follow_up = False
                if classify and q.counts:
                    if networking:
                        topic = networking_topic_of(q.text)
                    else:
                        if is_me or me is None:
                            topic = topic_of(q.text)
                        if not is_me:
                            kind = kind_of(q.text)
                    asked_words = content_words(q.text)
                    # Too few words of its own to share enough: the previous turn need not be read.
                    if len(asked_words) >= FOLLOW_UP_MIN_SHARED:
                        if previous_words is None:
                            previous_words = (
                                content_words(previous.text) if previous else frozenset()
                            )
                        shared = asked_words & previous_words
                        follow_up = len(shared) >= FOLLOW_UP_MIN_SHARED
                answer_s: float | None = None
                answer_words: int | None = None
                answered_by: str | None = None
                if q is last_counted:
                    answered_by = answer.speaker if answer is not None else None
                    answer_words = answer.words if answer is not None else 0
                    if turn.start is not None:
                        answer_s = (answer.duration_s or 0.0) if answer is not None else 0.0
                found.append(
                    Question(
                        speaker=turn.speaker,
                        is_me=is_me,
                        start_s=_start_within(turn, q.start, text_len),
                        text=q.text,
                        form=q.form,
                        function=q.function,
                        answer_s=answer_s,
                        answer_words=answer_words,
                        answered_by=answered_by,
                        topic=topic,
                        kind=kind,
                        follow_up=follow_up,
                    )
                )
        if not backchannel[i]:
            last_said[turn.speaker] = (i, turn)
    return found, dict(asked)


def _start_within(turn: SpeechTurn, offset: int, text_len: int) -> float | None:
    """Where in the turn a question starts, by its character offset in the turn's ``text_len``
    characters (an estimate)."""
    if turn.start is None or turn.end is None:
        return None
    return turn.start + (turn.end - turn.start) * offset / max(text_len, 1)


def _answer(turn: SpeechTurn, floor: int, floor_list: Sequence[Floor]) -> Floor | None:
    """The floor after the asker's, when someone else holds it."""
    if floor < 0 or floor + 1 >= len(floor_list):
        return None
    nxt = floor_list[floor + 1]
    return None if nxt.speaker == turn.speaker else nxt


def _previous_other(
    last_said: dict[str, tuple[int, SpeechTurn]], speaker: str
) -> SpeechTurn | None:
    """The most recent substantive turn by anyone but ``speaker`` (turns are in time order)."""
    others = [entry for name, entry in last_said.items() if name != speaker]
    return max(others, key=lambda entry: entry[0])[1] if others else None


def summarize(questions: Sequence[Question], turns: Sequence[SpeechTurn], me: str) -> Questioning:
    """The questioning summary for "me"."""
    mine = [q for q in questions if q.is_me and q.function == "question"]
    theirs = [q for q in questions if not q.is_me and q.function == "question"]
    topics = Counter(q.topic for q in mine if q.topic is not None)
    answers = [q.answer_s for q in theirs if q.answered_by == me and q.answer_s is not None]
    return Questioning(
        asked=len(mine),
        open=sum(1 for q in mine if q.form == "open"),
        about_them=topics.get("them", 0) + topics.get("their_story", 0),
        follow_ups=sum(1 for q in mine if q.follow_up),
        topics=dict(sorted(topics.items())),
        compensation_first=_compensation_first(mine, turns, me),
        their_questions=len(theirs),
        answered_s=median(answers),
    )


def _compensation_first(
    mine: Sequence[Question], turns: Sequence[SpeechTurn], me: str
) -> bool | None:
    """True when I asked about pay before they mentioned it; None when I never asked."""
    my_index = next((i for i, q in enumerate(mine) if q.topic == "compensation"), None)
    if my_index is None:
        return None
    my_text = mine[my_index].text
    for turn in turns:
        if turn.speaker == me:
            if my_text in turn.text:
                return True
        elif mentions_pay(turn.text):
            return False
    return True
