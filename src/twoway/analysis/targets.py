"""What "two-way" means for each mode: the talk-share target for "me" and the other limits.

Interview: aim near 50% of talk time (40-60% is on target): take time to shine, then ask and listen.
Networking: aim near 20% (10-30%): spend most of the time finding out about the other person.

Those shares are for two people. With more (a panel), each share is scaled by 2/N, so an interview's
target is the fair share 1/N (33%, 27-40%, for three people) and networking's stays at 40% of it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from twoway.errors import UsageError
from twoway.model import Mode as Mode  # re-exported: its home is the model (the CLI types --mode)


@dataclass(frozen=True, slots=True)
class Targets:
    """The yardsticks an analysis is judged against. All shares are fractions (0.5 = 50%).

    ``one_to_one``: the shares are a mode's defaults for two people, and ``analyze`` scales them
    to the number of people who took part (``for_participants``). Shares given explicitly
    (``Targets(...)``, ``with_share``, ``--target``, ``--band``) are used as they are.
    """

    share: float
    share_low: float
    share_high: float
    monologue_s: float
    questions: int
    one_to_one: bool = False

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
        """These targets with another talk-share target; the band keeps its width unless given.

        A share set this way is the user's: it is not scaled to the number of participants.
        """
        half = (self.share_high - self.share_low) / 2
        return replace(
            self,
            share=share,
            share_low=max(0.0, share - half) if low is None else low,
            share_high=min(1.0, share + half) if high is None else high,
            one_to_one=False,
        )

    def for_participants(self, participants: int) -> Targets:
        """The targets for a conversation of ``participants`` people.

        A mode's one-to-one target and the low end of its band are scaled by 2/N: the interview
        target becomes the fair share 1/N, at least 0.8/N. The high end is the scaled one or the
        one-to-one target, whichever is higher: a candidate answering a panel speaks more than
        any one panelist, and up to half the time is still a two-way conversation. Explicit
        targets, and two people, are unchanged.

        >>> t = targets_for("interview").for_participants(3)
        >>> round(t.share, 3), round(t.share_low, 3), round(t.share_high, 3)
        (0.333, 0.267, 0.5)
        """
        if not self.one_to_one or participants <= 2:
            return self
        # Rounded to 0.01 of a percent, as the JSON is: 1.2/3 is 0.39999..., and a share of
        # exactly 40% is on target.
        return replace(
            self,
            share=round(self.share * 2 / participants, 4),
            share_low=round(self.share_low * 2 / participants, 4),
            share_high=round(max(self.share_high * 2 / participants, self.share), 4),
            one_to_one=False,
        )

    def contains(self, share: float) -> bool:
        return self.share_low <= share <= self.share_high


# A speaker with less of the talk than this (someone who only said hello, a silent observer) does
# not take a share of the conversation, so does not make it a panel.
PARTICIPANT_MIN_SHARE = 0.05


def count_participants(shares: Mapping[str, float | None], me: str | None = None) -> int:
    """How many people took part: "me", and every other speaker with at least 5% of the talk.

    ``shares`` maps each named speaker to their share (by time, or by words without timing);
    speakers with no name (``(unknown)``) are left out by the caller. Never fewer than 2.

    >>> count_participants({"Lee": 0.35, "Kim": 0.24, "Sam": 0.37, "Note taker": 0.04}, "Sam")
    3
    """
    taking_part = sum(
        1
        for name, share in shares.items()
        if name == me or (share is not None and share >= PARTICIPANT_MIN_SHARE)
    )
    return max(2, taking_part)


DEFAULT_TARGETS: dict[Mode, Targets] = {
    Mode.INTERVIEW: Targets(
        share=0.50, share_low=0.40, share_high=0.60, monologue_s=90.0, questions=4, one_to_one=True
    ),
    Mode.NETWORKING: Targets(
        share=0.20, share_low=0.10, share_high=0.30, monologue_s=60.0, questions=6, one_to_one=True
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
    """The mode's one-to-one targets; ``analyze`` scales them to the number of participants."""
    return DEFAULT_TARGETS[parse_mode(mode)]
