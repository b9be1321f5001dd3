"""What "two-way" means for each mode: the talk-share target for "me" and the other limits.

Interview: aim near 50% of talk time (40-60% is on target): take time to shine, then ask and listen.
Networking: aim near 20% (10-30%): spend most of the time finding out about the other person.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from twoway.errors import UsageError


class Mode(StrEnum):
    INTERVIEW = "interview"
    NETWORKING = "networking"


@dataclass(frozen=True, slots=True)
class Targets:
    """The yardsticks an analysis is judged against. All shares are fractions (0.5 = 50%)."""

    share: float
    share_low: float
    share_high: float
    monologue_s: float
    questions: int

    def __post_init__(self) -> None:
        if not 0.0 <= self.share_low <= self.share <= self.share_high <= 1.0:
            raise UsageError(
                "talk-share targets must satisfy 0 <= low <= target <= high <= 100%, got "
                f"{self.share_low:.0%} <= {self.share:.0%} <= {self.share_high:.0%}"
            )
        if self.monologue_s <= 0:
            raise UsageError(f"the monologue limit must be positive, got {self.monologue_s:g} s")
        if self.questions < 1:
            raise UsageError(f"the questions target must be at least 1, got {self.questions}")

    def with_share(
        self, share: float, low: float | None = None, high: float | None = None
    ) -> Targets:
        """These targets with another talk-share target; the band keeps its width unless given."""
        half = (self.share_high - self.share_low) / 2
        return replace(
            self,
            share=share,
            share_low=max(0.0, share - half) if low is None else low,
            share_high=min(1.0, share + half) if high is None else high,
        )

    def contains(self, share: float) -> bool:
        return self.share_low <= share <= self.share_high


DEFAULT_TARGETS: dict[Mode, Targets] = {
    Mode.INTERVIEW: Targets(
        share=0.50, share_low=0.40, share_high=0.60, monologue_s=90.0, questions=4
    ),
    Mode.NETWORKING: Targets(
        share=0.20, share_low=0.10, share_high=0.30, monologue_s=60.0, questions=6
    ),
}


def parse_mode(mode: Mode | str) -> Mode:
    """``"interview"`` -> ``Mode.INTERVIEW``; anything else is a ``UsageError`` naming the modes."""
    try:
        return Mode(mode)
    except ValueError:
        names = ", ".join(m.value for m in Mode)
        raise UsageError(f"unknown mode {mode!r}; choose one of: {names}") from None


def targets_for(mode: Mode | str) -> Targets:
    return DEFAULT_TARGETS[parse_mode(mode)]
