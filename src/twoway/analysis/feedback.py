"""Feedback: short messages tied to the two-way advice, with the numbers behind them.

Each rule is listed, with its threshold, in ``docs/metrics.md`` ("Feedback").
"""

from __future__ import annotations

from collections.abc import Sequence

from twoway.analysis.result import Feedback, FeedbackKind, Questioning, SpeakerStats
from twoway.analysis.targets import Mode, Targets
from twoway.display import plural

FEW_SWITCHES_PER_MIN = 1.0
MANY_INTERRUPTIONS = 3
MANY_FILLERS_PER_100W = 3.0
FAST_WPM = 180.0
SLOW_WPM = 110.0
SELF_FOCUS_RATIO = 2.0
SELF_FOCUS_MIN_PER_100W = 5.0
MIN_QUESTIONS_FOR_FORM = 3
OPEN_SHARE = 0.5

# What went well: renderers show it without a priority marker (the rest is "advice").
PRAISE: FeedbackKind = "praise"

EXAMPLE_QUESTIONS = (
    "\u201cWhat is a typical day here like?\u201d, "
    "\u201cWhat have you enjoyed most about working here?\u201d"
)


def format_duration(seconds: float) -> str:
    """``190`` -> ``"3 min 10 s"``; ``45`` -> ``"45 s"``."""
    whole = round(seconds)
    minutes, secs = divmod(whole, 60)
    if minutes == 0:
        return f"{secs} s"
    return f"{minutes} min {secs} s" if secs else f"{minutes} min"


def _aim(mode: Mode, targets: Targets, participants: int) -> str:
    where = "in an interview" if mode is Mode.INTERVIEW else "when networking"
    if participants > 2:
        where += f" with {participants} people"
    return f"{where} aim near {targets.share:.0%}"


def feedback(
    *,
    mode: Mode,
    targets: Targets,
    me: SpeakerStats,
    share_basis: str,
    switches_per_min: float | None,
    questioning: Questioning | None,
    participants: int = 2,
) -> tuple[Feedback, ...]:
    """Prioritized messages for "me" (1 = most important), most important first.

    ``participants``: how many people took part (the targets are already scaled to it); named
    in the share messages when there were more than two.
    """
    items = [
        *_share_feedback(me.share, share_basis, mode, targets, participants),
        *(_questioning_feedback(questioning, mode, targets) if questioning is not None else []),
        *_monologue_feedback(me, targets),
        *_switches_feedback(switches_per_min),
        *_habits_feedback(me),
        *_pace_feedback(me),
        *_self_focus_feedback(me),
    ]
    return tuple(sorted(items, key=lambda f: f.priority))


def _share_feedback(
    share: float | None, share_basis: str, mode: Mode, targets: Targets, participants: int
) -> list[Feedback]:
    items: list[Feedback] = []
    spoke = "spoke" if share_basis == "time" else "said"
    of_what = "of the time" if share_basis == "time" else "of the words"
    if share is not None:
        if share > targets.share_high:
            advice = (
                "take time to shine, then ask and listen."
                if mode is Mode.INTERVIEW
                else "spend most of it finding out about the other person."
            )
            items.append(
                Feedback(
                    1,
                    "share_high",
                    f"You {spoke} {share:.0%} {of_what}; {_aim(mode, targets, participants)}: "
                    f"{advice}",
                )
            )
        elif share < targets.share_low:
            advice = (
                "take time to shine, with fuller answers and an example or two."
                if mode is Mode.INTERVIEW
                else "share a little about yourself too, so they remember you."
            )
            items.append(
                Feedback(
                    1 if mode is Mode.INTERVIEW else 2,
                    "share_low",
                    f"You {spoke} only {share:.0%} {of_what}; "
                    f"{_aim(mode, targets, participants)}: {advice}",
                )
            )
        else:
            people = f" for {participants} people" if participants > 2 else ""
            items.append(
                Feedback(
                    3,
                    "share_on_target",
                    f"Your share ({share:.0%}) is within the "
                    f"{targets.share_low * 100:.0f}-{targets.share_high * 100:.0f}% target"
                    f"{people}: a two-way conversation.",
                    PRAISE,
                )
            )
    return items


def _monologue_feedback(me: SpeakerStats, targets: Targets) -> list[Feedback]:
    items: list[Feedback] = []
    if me.longest_monologue_s is not None and me.monologues > 0:
        over = me.longest_monologue_s > 2 * targets.monologue_s
        items.append(
            Feedback(
                1 if over else 2,
                "monologue",
                f"Your longest monologue ran {format_duration(me.longest_monologue_s)} "
                f"({plural(me.monologues, 'monologue')} over the "
                f"{targets.monologue_s:.0f} s limit): communicate rather than make "
                "a speech; pause and check in.",
            )
        )
    return items


def _switches_feedback(switches_per_min: float | None) -> list[Feedback]:
    items: list[Feedback] = []
    if switches_per_min is not None and switches_per_min < FEW_SWITCHES_PER_MIN:
        items.append(
            Feedback(
                2,
                "few_switches",
                f"Speakers changed only {switches_per_min:.2f} times a minute; a two-way "
                "conversation goes back and forth: shorter answers, then a question.",
            )
        )
    return items


def _habits_feedback(me: SpeakerStats) -> list[Feedback]:
    """Speaking over the other person, and fillers."""
    items: list[Feedback] = []
    if me.interruptions >= MANY_INTERRUPTIONS:
        items.append(
            Feedback(
                2,
                "interruptions",
                f"You started speaking over the other person "
                f"{plural(me.interruptions, 'time')}; let them finish.",
            )
        )
    if me.fillers_per_100w is not None and me.fillers_per_100w > MANY_FILLERS_PER_100W:
        items.append(
            Feedback(
                3,
                "fillers",
                f"You used {me.fillers_per_100w:.1f} filler words per 100 words "
                "(um, uh, you know...); a short pause works better.",
            )
        )
    return items


def _pace_feedback(me: SpeakerStats) -> list[Feedback]:
    items: list[Feedback] = []
    if me.wpm is not None and me.words >= 50:
        if me.wpm > FAST_WPM:
            items.append(
                Feedback(
                    3,
                    "pace_fast",
                    f"You spoke at {me.wpm:.0f} words per minute; slow down a little "
                    "so your points land.",
                )
            )
        elif me.wpm < SLOW_WPM:
            items.append(
                Feedback(
                    3,
                    "pace_slow",
                    f"You spoke at {me.wpm:.0f} words per minute; a little more energy "
                    "keeps the conversation moving.",
                )
            )
    return items


def _self_focus_feedback(me: SpeakerStats) -> list[Feedback]:
    items: list[Feedback] = []
    self_rate, other_rate = me.self_refs_per_100w, me.other_refs_per_100w
    if (
        self_rate is not None
        and other_rate is not None
        and self_rate >= SELF_FOCUS_MIN_PER_100W
        and self_rate >= SELF_FOCUS_RATIO * other_rate
    ):
        items.append(
            Feedback(
                3,
                "self_focus",
                f"You said I/me/my {self_rate:.1f} times per 100 words and you/your/we "
                f"{other_rate:.1f}: turn more of the talk toward them.",
            )
        )
    return items


def _questioning_feedback(q: Questioning, mode: Mode, targets: Targets) -> list[Feedback]:
    items: list[Feedback] = []
    if q.asked == 0:
        items.append(
            Feedback(
                1,
                "no_questions",
                f"You asked no questions. Use your questioning time: {EXAMPLE_QUESTIONS}.",
            )
        )
        return items
    if q.asked < targets.questions:
        items.append(
            Feedback(
                2,
                "few_questions",
                f"You asked {plural(q.asked, 'question')}; aim for at least {targets.questions}, "
                "about them and their work: "
                "\u201cWhat have you enjoyed most about working here?\u201d",
            )
        )
    else:
        items.append(
            Feedback(
                3,
                "questions_on_target",
                f"You asked {plural(q.asked, 'question')}: good use of your questioning time.",
                PRAISE,
            )
        )
    if q.about_them == 0 and q.follow_ups == 0:
        items.append(
            Feedback(
                1 if mode is Mode.NETWORKING else 2,
                "nothing_about_them",
                "None of your questions was about them or built on what they said: ask about "
                "their own experience (\u201cWhat have you enjoyed most about working here?\u201d) "
                "and follow up on their answers; that is how a relationship starts.",
            )
        )
    elif q.follow_ups > 0:
        items.append(
            Feedback(
                3,
                "follow_ups",
                f"{plural(q.follow_ups, 'question')} built on what they had just said: "
                "that shows you listened.",
                PRAISE,
            )
        )
    if q.asked >= MIN_QUESTIONS_FOR_FORM and q.open / q.asked < OPEN_SHARE:
        items.append(
            Feedback(
                3,
                "closed_questions",
                f"Only {q.open} of your {q.asked} questions were open; questions that start with "
                "what or how get them talking.",
            )
        )
    if q.compensation_first and mode is Mode.INTERVIEW:
        items.append(
            Feedback(
                2,
                "compensation_first",
                "You asked about pay before the interviewer raised it; in early rounds let them "
                "bring it up, and ask about the work and the people first.",
            )
        )
    return items


def unknown_me_feedback(speakers: Sequence[str], speakers_known: bool) -> tuple[Feedback, ...]:
    if not speakers_known and len(speakers) <= 1:
        return (
            Feedback(
                1,
                "speakers_unknown",
                "The transcript does not say who spoke, so twoway cannot tell your share: "
                "export it with speaker names (Zoom, Teams and Otter can).",
            ),
        )
    return (
        Feedback(
            1,
            "pick_me",
            "Which speaker are you? Run again with --me NAME (one of: "
            f"{', '.join(speakers)}) to get your score and feedback.",
        ),
    )
