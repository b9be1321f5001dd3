"""Pure helpers for saving: the content hash, where each question sits, and its answer."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from twoway.model import Turn

_BACKCHANNEL_WORDS = 3


def content_hash(turns: Sequence[Turn]) -> str:
    """sha256 of the normalized turns: who, when (to the millisecond) and what (spaces folded).

    The same conversation read again, even from another export of the same meeting with other
    line breaks, hashes the same; any change of words, timing or speaker does not.
    """
    normalized = [
        [
            " ".join(t.speaker.split()) if t.speaker is not None else None,
            None if t.start is None else round(t.start, 3),
            None if t.end is None else round(t.end, 3),
            " ".join(t.text.split()) if t.text is not None else None,
        ]
        for t in turns
    ]
    blob = json.dumps(normalized, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _words(text: str | None) -> list[str]:
    return (text or "").split()


def question_turn(
    turns: Sequence[Turn], speaker: str, start_s: float | None, text: str, after: int = 0
) -> int | None:
    """Index of the turn ``speaker``'s question starts in (by time, else by its first words).

    ``after`` is where to start looking without timing (questions come in order).
    """
    if start_s is not None:
        best: int | None = None
        for i, turn in enumerate(turns):
            if turn.speaker != speaker or turn.start is None or turn.end is None:
                continue
            if turn.start - 1e-6 <= start_s <= turn.end + 1e-6:
                return i
            if turn.start <= start_s:
                best = i
        return best
    head = " ".join(_words(text)[:4]).casefold()
    for i in range(after, len(turns)):
        turn = turns[i]
        if turn.speaker == speaker and head and head in " ".join(_words(turn.text)).casefold():
            return i
    return None


def answer_text(turns: Sequence[Turn], question_at: int, asker: str, answerer: str) -> str:
    """What ``answerer`` said right after the question in turn ``question_at``.

    The rest of the asker's question is skipped; the answerer's turns are gathered until someone
    else says more than a backchannel ("uh-huh", "right").
    """
    parts: list[str] = []
    for turn in turns[question_at + 1 :]:
        if turn.speaker == answerer:
            if turn.text:
                parts.append(turn.text.strip())
        elif not parts and turn.speaker == asker:
            continue  # the question goes on
        elif len(_words(turn.text)) <= _BACKCHANNEL_WORDS:
            continue
        else:
            break
    return " ".join(parts)
