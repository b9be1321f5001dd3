"""The two-way score: 0-100 points from four weighted components (docs/metrics.md, "Score")."""

from __future__ import annotations

from twoway.analysis.result import Questioning, Score, ScoreComponent
from twoway.analysis.targets import Targets

BALANCE_POINTS = 40.0
QUESTIONS_POINTS = 25.0
QUANTITY_POINTS = 15.0  # the questions component's parts: how many, how open, how much about them
OPEN_POINTS = 5.0
RELATIONSHIP_POINTS = 5.0
RELATIONSHIP_FOR_FULL = 2  # questions about them plus follow-ups for full relationship points
MONOLOGUE_POINTS = 20.0
INTERACTIVITY_POINTS = 15.0
BALANCE_FALLOFF = 0.25  # share distance beyond the band at which balance points reach zero
SWITCHES_FOR_FULL_POINTS = 2.0  # speaker switches per minute
WORDS_PER_MINUTE_ESTIMATE = 150.0  # converts words to minutes when a transcript has no timing


def balance_points(share: float, targets: Targets) -> float:
    distance = max(targets.share_low - share, share - targets.share_high, 0.0)
    return BALANCE_POINTS * max(0.0, 1.0 - distance / BALANCE_FALLOFF)


def questions_points(q: Questioning, targets: Targets) -> float:
    """15 for how many, 5 for open ones, 5 for questions about them or following up on them."""
    quantity = QUANTITY_POINTS * min(1.0, q.asked / targets.questions)
    openness = OPEN_POINTS * (q.open / q.asked) if q.asked else 0.0
    relationship = RELATIONSHIP_POINTS * min(
        1.0, (q.about_them + q.follow_ups) / RELATIONSHIP_FOR_FULL
    )
    return quantity + openness + relationship


def monologue_points(longest_s: float, targets: Targets) -> float:
    if longest_s <= targets.monologue_s:
        return MONOLOGUE_POINTS
    limit = targets.monologue_s
    return MONOLOGUE_POINTS * max(0.0, (2 * limit - longest_s) / limit)


def interactivity_points(switches_per_min: float) -> float:
    return INTERACTIVITY_POINTS * min(1.0, switches_per_min / SWITCHES_FOR_FULL_POINTS)


def score(
    *,
    share: float | None,
    questioning: Questioning | None,
    longest_monologue_s: float | None,
    switches_per_min: float | None,
    targets: Targets,
    monologue_estimated: bool = False,
    participants: int = 2,
) -> Score:
    """Score "me"; every argument is about "me" except the conversation's switches per minute.

    ``None`` means "cannot be measured from this source" (``questioning`` without text, a share
    without any talk): that component gets no points and leaves the total, which is rescaled to
    100 over the components that could be measured. ``participants`` (how many people took
    part) is named in the balance detail when there were more than two.
    """
    band = f"{targets.share_low * 100:.0f}-{targets.share_high * 100:.0f}%"
    if participants > 2:
        band += f" for {participants} people"
    share_text = "unknown" if share is None else f"{share:.0%}"
    if longest_monologue_s is None:
        monologue_text = "unknown"
    elif monologue_estimated:
        monologue_text = f"about {longest_monologue_s:.0f} s (estimated from words)"
    else:
        monologue_text = f"{longest_monologue_s:.0f} s"
    spm_text = "unknown" if switches_per_min is None else f"{switches_per_min:.1f}"
    components = (
        ScoreComponent(
            "balance",
            None if share is None else round(balance_points(share, targets), 1),
            BALANCE_POINTS,
            share,
            f"your share {share_text}; target {band}",
        ),
        ScoreComponent(
            "questions",
            None if questioning is None else round(questions_points(questioning, targets), 1),
            QUESTIONS_POINTS,
            None if questioning is None else float(questioning.asked),
            _questions_detail(questioning, targets),
        ),
        ScoreComponent(
            "monologues",
            round(monologue_points(longest_monologue_s, targets), 1)
            if longest_monologue_s is not None
            else None,
            MONOLOGUE_POINTS,
            longest_monologue_s,
            f"longest {monologue_text}; limit {targets.monologue_s:.0f} s",
        ),
        ScoreComponent(
            "interactivity",
            None if switches_per_min is None else round(interactivity_points(switches_per_min), 1),
            INTERACTIVITY_POINTS,
            switches_per_min,
            f"{spm_text} speaker switches per minute; full points at "
            f"{SWITCHES_FOR_FULL_POINTS:.0f}",
        ),
    )
    measured = [c for c in components if c.points is not None]
    available = sum(c.max_points for c in measured)
    earned = sum(c.points for c in measured if c.points is not None)
    total = round(100 * earned / available) if available else 0
    return Score(total, components)


def _questions_detail(q: Questioning | None, targets: Targets) -> str:
    if q is None:
        return "no words in the source: questions need a transcript"
    return (
        f"{q.asked} asked (target at least {targets.questions}), {q.open} open, "
        f"{q.about_them} about them, {q.follow_ups} follow-up{'' if q.follow_ups == 1 else 's'}"
    )
