"""Small formatting helpers shared by the report renderers (terminal, markdown, and the CLI).

Everything here returns plain strings: no rich, no markup. The formats every part of twoway
shares (clock times, percentages, counts, the missing mark) live in :mod:`twoway.display`;
this module holds what only the report needs.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from twoway.analysis.questions import TOPICS
from twoway.analysis.result import (
    Analysis,
    Balance,
    Feedback,
    PlannedQuestion,
    Question,
    Questioning,
    SpeakerStats,
    Suggestion,
    TargetsUsed,
)
from twoway.display import clock, number, percent, plural

SPARK_CHARS = "▁▂▃▄▅▆▇█"


def points(value: float | None) -> str:
    """Score points without a useless ``.0``: ``13.0`` -> ``"13"``, ``8.4`` -> ``"8.4"``.

    ``None`` (a component this source cannot measure, left out of the total) is ``"n/a"``.
    """
    if value is None:
        return "n/a"
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def band(targets: TargetsUsed) -> str:
    """The target band for "me": ``"40-60%"``."""
    return f"{targets.share_low * 100:.0f}-{targets.share_high * 100:.0f}%"


def share_verdict(share: float | None, targets: TargetsUsed) -> str | None:
    """``"on target"``, ``"above target"`` or ``"below target"``; ``None`` when unknown."""
    if share is None:
        return None
    if share > targets.share_high:
        return "above target"
    if share < targets.share_low:
        return "below target"
    return "on target"


def basis(share_basis: str) -> str:
    return "by time" if share_basis == "time" else "by words (no timestamps)"


# A target band that ends at or under this share of the talk asks you to listen most of the time
# (networking: 10-30%): the other side holding the floor is then the aim, not a fault.
LISTENING_BAND_HIGH = 0.30


def listening_targets(targets: TargetsUsed | None) -> bool:
    """Whether ``targets`` ask you to let the other side talk most (networking's 10-30%)."""
    return targets is not None and targets.share_high <= LISTENING_BAND_HIGH + 1e-9


def dominance_levels(balance: Balance) -> tuple[float, float]:
    """``(mine, theirs)``: a window is dominated by me when my share is at least ``mine``, by
    them when it is at most ``theirs`` (the analysis's levels where it gives them; 70% and 30%
    otherwise)."""
    return (
        float(getattr(balance, "me_dominates_at", 0.70)),
        float(getattr(balance, "them_dominate_at", 0.30)),
    )


def balance_label(balance: Balance, targets: TargetsUsed | None = None) -> str:
    """The balance label in words: ``"dominated by you"``, ``"back-and-forth"``...

    With ``targets`` that ask you to listen (networking), windows held by them are what the
    conversation was for: ``"mostly them: you listened"``, not ``"dominated by them"``.
    """
    if balance.label == "dominated":
        if balance.dominant == "me":
            return "dominated by you"
        return "mostly them: you listened" if listening_targets(targets) else "dominated by them"
    if balance.label == "alternating":
        return "alternating dominance"
    return "back-and-forth"


def sparkline(values: Sequence[float | None], width: int, max_repeat: int = 1) -> str:
    """One block character per value in 0..1 (a space for ``None``), at most ``width`` wide.

    Longer series are averaged down in equal groups so a long call still fits on one line;
    short ones may repeat each character up to ``max_repeat`` times to be easier to read.

    >>> sparkline([0.0, 0.5, 1.0, None], 10)
    '▁▅█ '
    >>> sparkline([0.0, 1.0], 10, max_repeat=3)
    '▁▁▁███'
    """
    if width < 1 or not values:
        return ""
    repeat = max(1, min(max_repeat, width // len(values)))
    if repeat > 1:
        return "".join(c * repeat for c in sparkline(values, width))
    groups = max(1, math.ceil(len(values) / width))
    chars: list[str] = []
    for i in range(0, len(values), groups):
        known = [v for v in values[i : i + groups] if v is not None]
        if not known:
            chars.append(" ")
            continue
        mean = min(1.0, max(0.0, sum(known) / len(known)))
        chars.append(SPARK_CHARS[min(len(SPARK_CHARS) - 1, int(mean * len(SPARK_CHARS)))])
    return "".join(chars)


PRIORITY_WORDS = {1: "high", 2: "medium", 3: "low"}
PRIORITY_MARKS = {1: "●", 2: "◐", 3: "○"}
# Feedback that says what went well: shown as "✓ good", after the advice, never with a
# priority ("○ low Your share is within the target" read as a fault of low importance).
PRAISE_CODES = frozenset({"share_on_target", "questions_on_target", "follow_ups"})
PRAISE_WORD, PRAISE_MARK = "good", "✓"


def priority_word(priority: int) -> str:
    return PRIORITY_WORDS.get(priority, "low")


def priority_mark(priority: int) -> str:
    return PRIORITY_MARKS.get(priority, "○")


def is_praise(item: Feedback) -> bool:
    """What went well: ``kind == "praise"`` where the analysis says so, else by its code."""
    kind = getattr(item, "kind", None)
    return kind == "praise" if kind is not None else item.code in PRAISE_CODES


def feedback_word(item: Feedback) -> str:
    """``"high"``, ``"medium"``, ``"low"`` for advice; ``"good"`` for praise."""
    return PRAISE_WORD if is_praise(item) else priority_word(item.priority)


def feedback_mark(item: Feedback) -> str:
    """``●`` ``◐`` ``○`` for advice by priority; ``✓`` for praise."""
    return PRAISE_MARK if is_praise(item) else priority_mark(item.priority)


def ordered_feedback(feedback: Sequence[Feedback]) -> list[Feedback]:
    """Advice first, most important first, then what went well (stable within each)."""
    return sorted(feedback, key=lambda f: (is_praise(f), f.priority))


@dataclass(frozen=True, slots=True)
class QuestionGroup:
    """Questions under one heading: counted ones listed, the others summed up."""

    heading: str
    mine: bool
    counted: list[Question]
    skipped: list[Question]


def question_groups(analysis: Analysis) -> list[QuestionGroup]:
    """ "You asked" and "They asked" when "me" is known; one "Questions asked" group otherwise."""
    if analysis.me is not None:
        raw = [
            ("You asked", True, [q for q in analysis.questions if q.is_me]),
            ("They asked", False, [q for q in analysis.questions if not q.is_me]),
        ]
    else:
        raw = [("Questions asked", False, list(analysis.questions))]
    return [
        QuestionGroup(
            heading,
            mine,
            [q for q in questions if counts(q)],
            [q for q in questions if not counts(q)],
        )
        for heading, mine, questions in raw
    ]


def several_askers(analysis: Analysis) -> bool:
    """More than one other speaker asked questions (a panel): name the asker on each."""
    return len({q.speaker for q in analysis.questions if not q.is_me}) > 1


def counts(question: Question) -> bool:
    """True for a real question; backchannels ("Really?") and rhetorical ones do not count."""
    return question.function == "question"


def label(value: str) -> str:
    """A topic or kind as words: ``"day_to_day"`` -> ``"day to day"``."""
    return value.replace("_", " ")


FOLLOW_UP = "↪ follow-up"


def question_tags(question: Question) -> list[str]:
    """Form, topic and kind when known, and a follow-up mark: ``["open", "role", "↪ follow-up"]``.

    ``other`` (no cue matched) says nothing and is left out; so is a kind that repeats the topic.
    """
    tags = [question.form]
    for value in (question.topic, question.kind):
        if value and value != "other" and label(value) not in tags:
            tags.append(label(value))
    if question.follow_up:
        tags.append(FOLLOW_UP)
    return tags


def not_counted(questions: Sequence[Question]) -> str:
    """What the questions that do not count were: ``"1 backchannel, 2 rhetorical"``."""
    by_function: dict[str, int] = {}
    for q in questions:
        if not counts(q):
            by_function[q.function] = by_function.get(q.function, 0) + 1
    return ", ".join(
        plural(n, name) if name == "backchannel" else f"{n} {name}"
        for name, n in by_function.items()
    )


def answer_length(question: Question) -> str | None:
    """``"answer 1:10, 120 words"``, ``"answer 14 words"``, ``"no answer"``, or ``None`` when
    not measured (only the last question of a turn gets an answer length)."""
    if question.answer_s is None and question.answer_words is None:
        return None
    if not question.answer_s and not question.answer_words:
        return "no answer"
    parts: list[str] = []
    if question.answer_s is not None:
        parts.append(clock(question.answer_s))
    if question.answer_words:
        parts.append(plural(question.answer_words, "word"))
    return "answer " + ", ".join(parts)


def sample_texts(questions: Sequence[Question], limit: int = 5) -> list[str]:
    """The distinct texts of ``questions``, at most ``limit`` of them (for "not counted" lines)."""
    distinct = list(dict.fromkeys(q.text for q in questions))
    return distinct[:limit] + (["…"] if len(distinct) > limit else [])


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the speakers table after the name.

    ``header`` is the full title (markdown); ``short`` is the narrow one the terminal stacks
    on two lines. ``cell`` shows one speaker's value as text.
    """

    key: str
    header: str
    short: str
    cell: Callable[[SpeakerStats], str]


def speaker_columns(analysis: Analysis) -> list[Column]:
    """The speakers table's columns, leaving out those the source cannot fill.

    Without timestamps there is no talk time, monologue length, pace or interruption; without
    words there are no word counts, questions, pace or fillers. The ``share`` cell is the plain
    figure; renderers may draw a bar next to it.
    """
    timed = analysis.share_basis == "time"
    text = analysis.has_text
    columns = [
        Column("talk", "Talk time", "Talk", lambda s: clock(s.talk_s)) if timed else None,
        Column("share", "Share", "Share", lambda s: percent(s.share)),
        Column("words", "Words", "Words", lambda s: str(s.words)) if text else None,
        Column("turns", "Turns", "Turns", lambda s: str(s.turns)),
        Column("questions", "Questions", "Ques-\ntions", lambda s: str(s.questions))
        if text
        else None,
        Column(
            "longest",
            "Longest turn",
            "Longest\nturn",
            lambda s: clock(s.longest_monologue_s),
        )
        if timed
        else None,
        Column("wpm", "Words/min", "Words\n/min", lambda s: number(s.wpm))
        if timed and text
        else None,
        Column(
            "fillers",
            "Fillers/100 words",
            "Fillers\n/100w",
            lambda s: number(s.fillers_per_100w, 1),
        )
        if text
        else None,
        Column("interruptions", "Interruptions", "Inter-\nrupts", lambda s: str(s.interruptions))
        if timed
        else None,
    ]
    return [c for c in columns if c is not None]


# -- "Your questioning" -------------------------------------------------------------------

COMPENSATION_FIRST = "you asked about pay before they raised it"
_TOPIC_ORDER = {name: i for i, name in enumerate(TOPICS)}


def questioning_facts(q: Questioning) -> list[str]:
    """``["4 asked", "3 open", "1 about them", "1 follow-up"]``; only ``["0 asked"]`` when none."""
    if not q.asked:
        return ["0 asked"]
    return [
        f"{q.asked} asked",
        f"{q.open} open",
        f"{q.about_them} about them",
        plural(q.follow_ups, "follow-up"),
    ]


def topics_covered(q: Questioning) -> str | None:
    """The topics of my questions, most asked first: ``"day to day (2), them (1)"``."""
    if not q.topics:
        return None
    ordered = sorted(
        q.topics.items(), key=lambda kv: (-kv[1], _TOPIC_ORDER.get(kv[0], len(TOPICS)))
    )
    return ", ".join(f"{label(name)} ({n})" for name, n in ordered)


def answered(q: Questioning) -> str | None:
    """``"your answers to their 3 questions: 0:40 median"``; ``None`` without answer times."""
    if q.answered_s is None or not q.their_questions:
        return None
    their = plural(q.their_questions, "question")
    return f"your answers to their {their}: {clock(q.answered_s)} median"


# -- prepared plan and suggestions --------------------------------------------------------

ASKED_MARK, MISSED_MARK = "✓", "✗"


def plan_mark(planned: PlannedQuestion) -> str:
    return ASKED_MARK if planned.asked else MISSED_MARK


def asked_as(planned: PlannedQuestion) -> str | None:
    """The question as it was actually asked, when its wording differs from the plan's."""
    if not planned.asked or not planned.asked_as:
        return None
    if " ".join(planned.asked_as.split()).casefold() == " ".join(planned.text.split()).casefold():
        return None
    return planned.asked_as


def match(planned: PlannedQuestion) -> str:
    """How close the asked wording is to the plan's: ``"88% match"``."""
    return f"{planned.similarity:.0f}% match"


SUGGESTIONS_WHEN = "for a thank-you note or the next round"


def because(suggestion: Suggestion, escape: Callable[[str], str] = str) -> str | None:
    """Why a suggestion is worth asking: ``builds on “on-call rotation”: <why>``, or only the
    why when it names the theme itself; ``escape`` makes the words safe for the output."""
    theme, why = suggestion.theme.strip(), suggestion.why.strip()
    if theme and theme.casefold() not in why.casefold():
        return f"builds on “{escape(theme)}”" + (f": {escape(why)}" if why else "")
    return escape(why) or None
