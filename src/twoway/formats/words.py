"""Timed words into turns: the shared step of every reader whose source is a list of words.

Speech-to-text results (Deepgram or AssemblyAI without utterances, AWS Transcribe items, Google
``words[]``, Speechmatics results, IBM Watson timestamps) give one entry per word with its start,
end and, where diarization ran, its speaker. A turn is a run of consecutive words of the same
speaker with no pause longer than ``PAUSE_S`` between them; a file whose words carry no speaker
reads as one unknown speaker (``speaker=None``), never as an error.

>>> [(t.speaker, t.start, t.end, t.text) for t in turns_from_words([
...     Word("A", 0.0, 0.4, "Hello"), Word("A", 0.5, 0.9, "there."),
...     Word("B", 1.0, 1.3, "Hi!"), Word("B", 4.0, 4.2, "So,"), Word("B", 4.3, 4.6, "welcome.")])]
[('A', 0.0, 0.9, 'Hello there.'), ('B', 1.0, 1.3, 'Hi!'), ('B', 4.0, 4.6, 'So, welcome.')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from twoway.model import Turn

# A pause longer than this between two words of one speaker starts a new turn, so the pause is
# silence, not talk (shorter gaps are the breaths and joins of fluent speech). Half a second is
# the usual threshold for a silent pause; on the real word-level exports in benchmarks/exports it
# keeps every speaker's share within 4 points of the union of their word spans (1.5 s did not:
# AWS's tscribe sample, 12 points). The analysis merges same-speaker turns again for monologues.
PAUSE_S = 0.5

# The note every reader adds when it built the turns from words.
WORDS_NOTE = (
    "Turns were built from the words: a new turn at each change of speaker or pause longer "
    f"than {PAUSE_S:g} s."
)

# Punctuation tokens that attach to the word before them (AWS, Speechmatics, Rev.ai give them as
# separate items) and those that attach to the word after them.
_ATTACH_LEFT = frozenset(".,!?;:%)]}…»”’")
_ATTACH_RIGHT = frozenset("([{«“¿¡")


@dataclass(frozen=True, slots=True)
class Word:
    """One recognized word (or a punctuation mark, with ``start``/``end`` ``None``)."""

    speaker: str | None
    start: float | None
    end: float | None
    text: str


def join_tokens(tokens: Iterable[str]) -> str:
    """Words and separate punctuation tokens joined as a person writes them.

    >>> join_tokens(["Well", ",", "I", "think", "so", "."])
    'Well, I think so.'
    >>> join_tokens(["(", "laughs", ")", "yes", "?"])
    '(laughs) yes?'
    """
    out: list[str] = []
    glue_next = False
    for raw in tokens:
        token = raw.strip()
        if not token:
            continue
        if out and not glue_next and not (len(token) == 1 and token in _ATTACH_LEFT):
            out.append(" ")
        out.append(token)
        glue_next = len(token) == 1 and token in _ATTACH_RIGHT
    return "".join(out)


def turns_from_words(words: Iterable[Word], *, pause_s: float = PAUSE_S) -> Iterator[Turn]:
    """Turns of consecutive same-speaker words (see the module docstring).

    A word without timing (punctuation) joins the turn in progress. Words are taken in the order
    given; a reader sorts them first where its source does not.
    """
    speaker: str | None = None
    start: float | None = None
    end: float | None = None
    tokens: list[str] = []
    for word in words:
        if word.start is None or word.end is None:
            if tokens:
                tokens.append(word.text)
            continue
        if tokens and (word.speaker != speaker or word.start - (end or 0.0) > pause_s):
            text = join_tokens(tokens)
            if text and start is not None and end is not None:
                yield Turn(speaker, start, end, text)
            tokens = []
        if not tokens:
            speaker, start, end = word.speaker, word.start, word.end
        tokens.append(word.text)
        end = max(end or word.end, word.end)
    text = join_tokens(tokens)
    if text and start is not None and end is not None:
        yield Turn(speaker, start, end, text)
