"""Who "me" is in each file of a batch: a name, a pattern on speaker names, or a role.

No transcript format twoway reads has a role field (VTT, SRT, text, Zoom text, WhisperX,
AssemblyAI, Deepgram, Podcasting 2.0 JSON and RTTM all name speakers only), so ``--me-role``
reads the role from the speaker labels themselves: ``Candidate``, ``Interviewee``,
``Alex (candidate)``, ``Interviewer: Dana``. A file whose labels name no role fails with a
message that says so, and the rest of the batch goes on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from twoway.errors import SpeakerError, UsageError

ROLE_WORDS: dict[str, tuple[str, ...]] = {
    "interviewee": ("interviewee", "candidate", "applicant", "job seeker", "student"),
    "interviewer": ("interviewer", "recruiter", "hiring manager", "coach"),
}


@dataclass(frozen=True, slots=True)
class MeRule:
    """How to find "me" among a conversation's speakers: ``kind`` is ``pattern`` or ``role``."""

    kind: str
    value: str

    @classmethod
    def pattern(cls, regex: str) -> MeRule:
        try:
            re.compile(regex)
        except re.error as exc:
            raise UsageError(f"--me-pattern: not a regular expression ({exc}): {regex!r}") from None
        return cls("pattern", regex)

    @classmethod
    def role(cls, role: str) -> MeRule:
        if role not in ROLE_WORDS:
            raise UsageError(f"--me-role takes one of: {', '.join(ROLE_WORDS)}; got {role!r}")
        return cls("role", role)

    def describe(self) -> str:
        return f"--me-{self.kind} {self.value}"

    def resolve(self, speakers: tuple[str, ...]) -> str:
        """The one speaker this rule picks; ``SpeakerError`` when it picks none or several."""
        if self.kind == "role":
            words = "|".join(re.escape(w) for w in ROLE_WORDS[self.value])
            regex = re.compile(rf"\b(?:{words})\b", re.IGNORECASE)
        else:
            regex = re.compile(self.value, re.IGNORECASE)
        found = [name for name in speakers if regex.search(name)]
        if len(found) > 1 and self.kind == "pattern":
            # The label as the file writes it: AssemblyAI's "B" is shown as "Speaker B".
            exact = [name for name in found if regex.fullmatch(name.removeprefix("Speaker "))]
            found = exact or found
        elif not found and self.kind == "pattern":
            found = [name for name in speakers if regex.search(name.removeprefix("Speaker "))]
        listed = ", ".join(speakers) or "none named"
        if len(found) == 1:
            return found[0]
        if not found and self.kind == "role":
            raise SpeakerError(
                f"no speaker label names the {self.value} role (speakers: {listed}); "
                "transcript formats carry no role field: use --me, --me-map or --me-pattern",
                speakers=speakers,
            )
        if not found:
            raise SpeakerError(
                f"{self.describe()} matches no speaker (speakers: {listed})", speakers=speakers
            )
        raise SpeakerError(
            f"{self.describe()} matches {len(found)} speakers ({', '.join(found)})",
            speakers=speakers,
        )
