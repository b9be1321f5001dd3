"""Finding the questions in a turn's text, and what form they take.

This is the basic detector the metrics contract in ``docs/metrics.md`` describes: a sentence is a
question when it ends with ``?`` or starts with a question word or an auxiliary inversion
("do you", "is there"). Backchannels ("really?") are found but flagged, so they do not count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Sentence boundaries: after . ! ? (one or more) followed by white space, or at a line break.
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")

QUESTION_WORDS = frozenset(
    "what when where which who whom whose why how".split()
)
AUXILIARIES = frozenset(
    """am is are was were do does did have has had can could will would shall should may might
    must isn't aren't wasn't weren't don't doesn't didn't haven't hasn't hadn't can't couldn't
    won't wouldn't shouldn't""".split()
)
# An auxiliary only inverts a question when a subject follows it ("do you", "is there").
SUBJECTS = frozenset("i you he she it we they there this that these those your the a an".split())
BACKCHANNELS = frozenset(
    """really right yeah okay ok oh so sorry huh pardon seriously yes no sure true is it do you
    did you are you was it""".split()
)

_WORD = re.compile(r"[A-Za-z']+")


@dataclass(frozen=True, slots=True)
class DetectedQuestion:
    """A question found in a turn's text; ``start``/``end`` are character offsets into it."""

    text: str
    start: int
    end: int
    form: str  # "open" | "closed" | "choice" | "tag"
    function: str  # "question" | "backchannel"

    @property
    def counts(self) -> bool:
        """True for a real question (backchannels do not count)."""
        return self.function == "question"


def _words(sentence: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(sentence)]


def _is_question(sentence: str, words: list[str]) -> bool:
    if sentence.rstrip().endswith("?"):
        return True
    if not words:
        return False
    first = words[0]
    if first in QUESTION_WORDS:
        return True
    return first in AUXILIARIES and len(words) > 1 and words[1] in SUBJECTS


def _form(words: list[str]) -> str:
    if words and words[0] in QUESTION_WORDS:
        return "open"
    if " or " in f" {' '.join(words)} ":
        return "choice"
    return "closed"


def find_questions(text: str | None) -> list[DetectedQuestion]:
    """Every question in ``text``, in order.

    >>> [q.text for q in find_questions("I led the migration. What does a typical day look like?")]
    ['What does a typical day look like?']
    """
    if not text:
        return []
    found: list[DetectedQuestion] = []
    for match in _SENTENCE.finditer(text):
        raw = match.group()
        sentence = raw.strip()
        if not sentence:
            continue
        words = _words(sentence)
        if not _is_question(sentence, words):
            continue
        offset = match.start() + (len(raw) - len(raw.lstrip()))
        function = (
            "backchannel" if len(words) <= 2 and all(w in BACKCHANNELS for w in words) else "question"
        )
        found.append(
            DetectedQuestion(sentence, offset, offset + len(sentence), _form(words), function)
        )
    return found
