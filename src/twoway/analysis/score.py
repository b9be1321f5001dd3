"""The two-way score: 0-100 points from four weighted components (docs/metrics.md, "Score")."""

from __future__ import annotations

from twoway.analysis.result import Score, ScoreComponent
from twoway.analysis.targets import Targets

BALANCE_POINTS = 40.0
QUESTIONS_POINTS = 25.0
MONOLOGUE_POINTS = 20.0
INTERACTIVITY_POINTS = 15.0
BALANCE_FALLOFF = 0.25  # share distance beyond the band at which balance points reach zero
SWITCHES_FOR_FULL_POINTS = 2.0  # speaker switches per minute
WORDS_PER_MINUTE_ESTIMATE = 150.0  # converts words to minutes when a transcript has no timing


def balance_points(share: float | None, targets: Targets) -> float:
    if share is None:
        return 0.0
    distance = max(targets.share_low - share, share - targets.share_high, 0.0)
    return BALANCE_POINTS * max(0.0, 1.0 - distance / BALANCE_FALLOFF)


def questions_points(asked: int, targets: Targets) -> float:
    return QUESTIONS_POINTS * min(1.0, asked / targets.questions)


def monologue_points(longest_s: float | None, targets: Targets) -> float:
    if longest_s is None or longest_s <= targets.monologue_s:
        return MONOLOGUE_POINTS
    limit = targets.monologue_s
    return MONOLOGUE_POINTS * max(0.0, (2 * limit - longest_s) / limit)


def interactivity_points(switches_per_min: float | None) -> float:
    if switches_per_min is None:
        return 0.0
    return INTERACTIVITY_POINTS * min(1.0, switches_per_min / SWITCHES_FOR_FULL_POINTS)


def score(
    *,
    share: float | None,
    questions_asked: int,
    longest_monologue_s: float | None,
    switches_per_min: float | None,
    targets: Targets,
) -> Score:
    """Score "me"; every argument is about "me" except the conversation's switches per minute."""
    share_text = "unknown" if share is None else f"{share:.0%}"
    monologue_text = "no timing" if longest_monologue_s is None else f"{longest_monologue_s:.0f} s"
    spm_text = "unknown" if switches_per_min is None else f"{switches_per_min:.1f}"
    components = (
        ScoreComponent(
            "balance",
            round(balance_points(share, targets), 1),
            BALANCE_POINTS,
            share,
            f"your share {share_text}; target {targets.share_low:.0%}-{targets.share_high:.0%}",
        ),
        ScoreComponent(
            "questions",
            round(questions_points(questions_asked, targets), 1),
            QUESTIONS_POINTS,
            float(questions_asked),
            f"{questions_asked} asked; target at least {targets.questions}",
        ),
        ScoreComponent(
            "monologues",
            round(monologue_points(longest_monologue_s, targets), 1),
            MONOLOGUE_POINTS,
            longest_monologue_s,
            f"longest {monologue_text}; limit {targets.monologue_s:.0f} s",
        ),
        ScoreComponent(
            "interactivity",
            round(interactivity_points(switches_per_min), 1),
            INTERACTIVITY_POINTS,
            switches_per_min,
            f"{spm_text} speaker switches per minute; full points at "
            f"{SWITCHES_FOR_FULL_POINTS:.0f}",
        ),
    )
    return Score(round(sum(c.points for c in components)), components)
