"""The nouns an analysis produces, and their JSON form (schema ``twoway.analysis/1``).

Every number here is defined in ``docs/metrics.md``; ``docs/json-schema.md`` and
``docs/analysis.schema.json`` describe the dictionary ``Analysis.to_dict`` returns.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

from twoway.model import Turn

SCHEMA = "twoway.analysis/1"

ShareBasis = Literal["time", "words"]
"""What the shares measure: talk time, or words when the source has no timing."""
BalanceLabel = Literal["back_and_forth", "dominated", "alternating"]
Side = Literal["me", "them"]


@dataclass(frozen=True, slots=True)
class SpeakerStats:
    """One speaker's numbers (docs/metrics.md, "Per speaker"); ``None`` where the source cannot
    give one (no timing for ``talk_s`` and ``wpm``, no text for ``words`` and the rates)."""

    name: str
    is_me: bool
    talk_s: float | None
    talk_share: float | None
    words: int
    word_share: float | None
    turns: int
    questions: int
    longest_monologue_s: float | None
    monologues: int
    wpm: float | None
    fillers: int
    fillers_per_100w: float | None
    self_refs_per_100w: float | None
    other_refs_per_100w: float | None
    interruptions: int
    response_latency_s: float | None

    @property
    def share(self) -> float | None:
        """Talk share when there is timing, word share otherwise."""
        return self.talk_share if self.talk_share is not None else self.word_share


@dataclass(frozen=True, slots=True)
class Question:
    """A question found in a turn (docs/metrics.md, "Questions"): its ``form`` (open, closed,
    choice, tag), its ``function`` (only ``question`` counts) and the answer it got."""

    speaker: str
    is_me: bool
    start_s: float | None
    text: str
    form: str
    function: str
    answer_s: float | None
    answer_words: int | None
    answered_by: str | None = None  # who held the floor after the question, when not the asker
    topic: str | None = None  # for my questions: them, day_to_day, company, role, growth, ...
    kind: str | None = None  # for their questions: behavioral, technical, motivational, ...
    follow_up: bool = False  # builds on what the other person just said (shared content words)


@dataclass(frozen=True, slots=True)
class Monologue:
    """A floor (one speaker holding the conversation) that ran past the monologue limit."""

    speaker: str
    is_me: bool
    start_s: float
    end_s: float

    @property
    def duration_s(self) -> float:
        """``end_s - start_s``.

        >>> Monologue("Alex", True, 12.0, 112.5).duration_s
        100.5
        """
        return self.end_s - self.start_s


@dataclass(frozen=True, slots=True)
class Interruption:
    """``speaker`` started a turn at ``start_s`` while ``interrupted`` was still talking; they
    overlapped for ``overlap_s`` seconds (docs/metrics.md, "Interaction")."""

    speaker: str
    interrupted: str
    start_s: float
    overlap_s: float


@dataclass(frozen=True, slots=True)
class BalanceWindow:
    """My share of the talk time in one 150 s window (``None`` when nobody spoke in it)."""

    start_s: float
    end_s: float
    me_share: float | None


@dataclass(frozen=True, slots=True)
class Balance:
    """Who held the conversation over time (docs/metrics.md, "Balance over time")."""

    label: BalanceLabel
    dominant: Side | None  # set when label == "dominated"
    windows: tuple[BalanceWindow, ...]
    # A window is dominated by me when my share is at least me_dominates_at, by them when it is
    # at most them_dominate_at: the target band widened by 10 points (70% and 30% for a
    # one-to-one interview, 40% and 0% for networking). Outside 0-100% the level is never reached.
    me_dominates_at: float = 0.70
    them_dominate_at: float = 0.30


@dataclass(frozen=True, slots=True)
class ScoreComponent:
    """One part of the two-way score: ``points`` of ``max_points``, from ``value`` (the measured
    number), with ``detail`` saying how (docs/metrics.md, "Score")."""

    name: str
    points: float | None  # None: cannot be measured from this source; left out of the total
    max_points: float
    value: float | None
    detail: str


@dataclass(frozen=True, slots=True)
class Score:
    """The two-way score, 0-100: the measured components' points, rescaled to 100 when a
    component cannot be measured from the source."""

    total: int
    components: tuple[ScoreComponent, ...]


FeedbackKind = Literal["advice", "praise"]


@dataclass(frozen=True, slots=True)
class Feedback:
    """One message for "me". ``kind`` is "praise" for what went well (on target), "advice" for
    what to change; a renderer shows a priority marker for advice only."""

    priority: int  # 1 = most important
    code: str
    message: str
    kind: FeedbackKind = "advice"


@dataclass(frozen=True, slots=True)
class Questioning:
    """How "me" used the questioning time (docs/metrics.md, "Questioning")."""

    asked: int
    open: int
    about_them: int
    follow_ups: int
    topics: dict[str, int]
    compensation_first: bool | None  # I raised pay before they did; None: I never raised it
    their_questions: int
    answered_s: float | None  # median length of my answers to their questions


@dataclass(frozen=True, slots=True)
class PlannedQuestion:
    """One question of a prepared plan and whether it was asked (fuzzy match)."""

    text: str
    topic: str | None
    asked: bool
    asked_as: str | None  # the question as it was actually asked
    similarity: float  # 0-100, best match among my questions


@dataclass(frozen=True, slots=True)
class PlanCoverage:
    """A prepared plan of questions (``--plan FILE``) against the questions I asked."""

    source: str
    questions: tuple[PlannedQuestion, ...]

    @property
    def asked(self) -> int:
        """How many of the planned questions were asked."""
        return sum(1 for q in self.questions if q.asked)


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A follow-up question the candidate could still ask, built on what the interviewer raised."""

    text: str
    theme: str  # the keyphrase of their turns it builds on
    why: str


@dataclass(frozen=True, slots=True)
class TargetsUsed:
    """The targets the analysis judged against: the mode's, scaled to the participants."""

    share: float
    share_low: float
    share_high: float
    monologue_s: float
    questions: int


@dataclass(frozen=True)
class Analysis:
    """Everything twoway measured about one conversation, judged against one mode's targets."""

    source: str
    format: str
    mode: str
    me: str | None
    share_basis: ShareBasis
    speakers_known: bool
    has_text: bool
    duration_s: float | None
    speakers: tuple[SpeakerStats, ...]
    questions: tuple[Question, ...]
    monologues: tuple[Monologue, ...]
    switches_per_min: float | None
    response_latency_s: float | None
    interruptions: tuple[Interruption, ...]
    balance: Balance | None
    score: Score | None
    feedback: tuple[Feedback, ...]
    targets: TargetsUsed
    notes: tuple[str, ...]
    questioning: Questioning | None = None
    plan: PlanCoverage | None = None
    suggestions: tuple[Suggestion, ...] | None = None
    turns: tuple[Turn, ...] = ()  # the conversation's turns as read, for "who spoke when"
    # How many people took part (docs/metrics.md, "Targets"): the shares were scaled to it.
    participants: int = 2

    @property
    def me_stats(self) -> SpeakerStats | None:
        """The numbers of "me", when "me" is known."""
        return next((s for s in self.speakers if s.is_me), None)

    def speaker(self, name: str) -> SpeakerStats:
        """The numbers of the speaker called ``name`` (``KeyError`` when there is none)."""
        for stats in self.speakers:
            if stats.name == name:
                return stats
        raise KeyError(name)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: plain dicts, lists, strings, numbers, booleans and ``None``."""
        return {
            "schema": SCHEMA,
            "source": self.source,
            "format": self.format,
            "mode": self.mode,
            "me": self.me,
            "share_basis": self.share_basis,
            "speakers_known": self.speakers_known,
            "has_text": self.has_text,
            "duration_s": _round(self.duration_s),
            "targets": asdict(self.targets),
            "participants": self.participants,
            "speakers": [_rounded(asdict(s)) for s in self.speakers],
            "questions": [_rounded(asdict(q)) for q in self.questions],
            "monologues": [
                _rounded({**asdict(m), "duration_s": m.duration_s}) for m in self.monologues
            ],
            "switches_per_min": _round(self.switches_per_min),
            "response_latency_s": _round(self.response_latency_s),
            "interruptions": len(self.interruptions),
            "interruption_events": [_rounded(asdict(i)) for i in self.interruptions],
            "balance": None if self.balance is None else _rounded(asdict(self.balance)),
            "score": None if self.score is None else _rounded(asdict(self.score)),
            "feedback": [asdict(f) for f in self.feedback],
            "questioning": None if self.questioning is None else _rounded(asdict(self.questioning)),
            "plan": None if self.plan is None else _plan_dict(self.plan),
            "suggestions": (
                None if self.suggestions is None else [asdict(s) for s in self.suggestions]
            ),
            "notes": list(self.notes),
            "turns": [_turn_dict(turn) for turn in self.turns],
        }


def _turn_dict(turn: Turn) -> dict[str, Any]:
    return {
        "speaker": turn.speaker,
        "start": _round(turn.start, 3),
        "end": _round(turn.end, 3),
        "end_estimated": turn.end_estimated,
        "text": turn.text,
    }


def _plan_dict(plan: PlanCoverage) -> dict[str, Any]:
    return {
        "source": plan.source,
        "asked": plan.asked,
        "total": len(plan.questions),
        "questions": [_rounded(asdict(q)) for q in plan.questions],
    }


def _round(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)


def _rounded(obj: Any) -> Any:
    """Floats rounded to 4 decimals (0.1 ms; 0.01 of a percent) so the JSON stays stable
    and a share formatted from it gives the same whole percent as the reports."""
    if isinstance(obj, float):
        return round(obj, 4)
    if isinstance(obj, dict):
        return {k: _rounded(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_rounded(v) for v in obj]
    return obj
