"""Follow-up questions built on what the other side said (docs/prep.md, "Suggestions").

After the conversation, the best questions to ask in a thank-you note or the next round are
about things the interviewer brought up themselves. The key themes of their turns (YAKE
keyphrases of two or more words, from their statements, not from the questions they asked you)
become questions, except themes

* the candidate already asked about (a content word shared with one of their questions),
* the candidate raised first (the interviewer only echoed them),
* that name where the interviewer works ("I lead the team at Northwind Analytics"), or a speaker.

Pure and deterministic.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from twoway.analysis.result import Suggestion
from twoway.model import Conversation

__all__ = ["suggest_followups"]

# "{the_theme}" is the theme with "the" before it, unless it is a name ("Airflow", "SQL").
TEMPLATES = (
    "You mentioned {the_theme}. How did that come about, and how is it working so far?",
    "Could you tell me more about {the_theme}, and how I would be involved?",
    "Where would you like to take {the_theme} over the next year?",
    "What has been the hardest part of {the_theme} for the team?",
)
WHY = (
    "{who} brought up {the_theme} themselves; asking about it shows you listened, and it works in "
    "a thank-you note or the next round."
)
_WORKPLACE = r"(?:at|for|join|joined|joining|with|from)\s+"


def suggest_followups(
    conversation: Conversation, me: str, n: int = 3, *, exclude: Iterable[str] = ()
) -> tuple[Suggestion, ...]:
    """Up to ``n`` follow-up questions on themes the other speakers raised and "me" did not ask
    about. ``me`` is a speaker name (ignoring case; a unique prefix works, as in ``analyze``);
    ``exclude`` adds names that are not themes (the company). ``SpeakerError`` if ``me`` names
    nobody; an empty tuple when the others said nothing with a theme.
    """
    from twoway.analysis import resolve_speaker
    from twoway.analysis.questions import content_words, find_questions
    from twoway.prep.themes import key_themes

    if n <= 0 or not conversation.has_text:
        return ()
    me_name = resolve_speaker(me, conversation.speakers)

    their_parts: list[str] = []
    my_questions: list[str] = []
    my_parts: list[str] = []
    for speaker, text in _runs(conversation):
        if speaker == me_name:
            my_parts.append(text)
            my_questions.extend(q.text for q in find_questions(text) if q.counts)
        else:
            their_parts.append(_statements(text, find_questions(text)))
    their_text = "\n".join(p for p in their_parts if p.strip())
    if not their_text:
        return ()

    asked = set().union(*(content_words(q) for q in my_questions)) if my_questions else set()
    names = [*conversation.speakers, *(w for s in conversation.speakers for w in s.split())]
    names += list(exclude)
    themes = key_themes(their_text, n=6 * n + 6, exclude=names, min_words=2)
    first_theirs = _first_mentions(conversation, me_name)
    others = [s for s in conversation.speakers if s != me_name]
    who = others[0].split()[0] if len(others) == 1 else "They"

    out: list[Suggestion] = []
    for theme in themes:
        if content_words(theme) & asked:
            continue
        if _workplace(theme, their_text):
            continue
        if not first_theirs(theme):
            continue
        the_theme = theme if theme[:1].isupper() else f"the {theme}"
        text = TEMPLATES[len(out) % len(TEMPLATES)].replace("{the_theme}", the_theme)
        why = WHY.replace("{who}", who).replace("{the_theme}", the_theme)
        out.append(Suggestion(text=text, theme=theme, why=why))
        if len(out) == n:
            break
    return tuple(out)


def _runs(conversation: Conversation) -> list[tuple[str | None, str]]:
    """Consecutive turns of one speaker joined (captions split sentences across cues)."""
    runs: list[tuple[str | None, list[str]]] = []
    for turn in conversation.turns:
        if not turn.text:
            continue
        if runs and runs[-1][0] == turn.speaker:
            runs[-1][1].append(turn.text)
        else:
            runs.append((turn.speaker, [turn.text]))
    return [(speaker, " ".join(texts)) for speaker, texts in runs]


def _statements(text: str, questions: Iterable[object]) -> str:
    """``text`` without the questions in it (their questions are about me, not their work)."""
    parts: list[str] = []
    pos = 0
    for q in questions:
        start, end = getattr(q, "start", pos), getattr(q, "end", pos)
        parts.append(text[pos:start])
        pos = end
    parts.append(text[pos:])
    return ". ".join(p.strip(" ,") for p in parts if p.strip(" ,"))


def _workplace(theme: str, text: str) -> bool:
    """A capitalised name right after "at", "join"...: where they work, not a theme."""
    words = theme.split()
    if not all(w[:1].isupper() for w in words):
        return False
    return re.search(rf"\b{_WORKPLACE}(?:the\s+)?{re.escape(theme)}\b", text) is not None


def _first_mentions(conversation: Conversation, me: str) -> _FirstSaidByThem:
    return _FirstSaidByThem(_runs(conversation), me)


class _FirstSaidByThem:
    """Whether a theme was first said by someone other than ``me``."""

    def __init__(self, runs: list[tuple[str | None, str]], me: str) -> None:
        self._runs = [(speaker == me, text.lower()) for speaker, text in runs]

    def __call__(self, theme: str) -> bool:
        pattern = re.compile(r"\b" + r"\s+".join(re.escape(w) for w in theme.lower().split()))
        for is_me, text in self._runs:
            if pattern.search(text):
                return not is_me
        return True
