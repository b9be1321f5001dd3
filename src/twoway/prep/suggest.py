"""Follow-up questions built on what the other side said (docs/prep.md, "Suggestions").

After the conversation, the best questions to ask in a thank-you note or the next round are
about things the other person brought up themselves. Each suggestion quotes one of their hooks
(``twoway.followup.find_hooks``: a clause about their own work, plans, challenges or advice,
verbatim, never anything private) and asks a question that fits its kind:

* a plan: "How is that going so far?";
* a challenge: "What would help most with that?";
* advice: "What taught you that?";
* their work, or what they enjoy: "Could you tell me more about that?".

Hooks whose content the user already came back to with a question of their own, or that repeat
a suggestion already made (two content words in common), are left out.
Pure and deterministic.
"""

from __future__ import annotations

from collections.abc import Iterable

from twoway.analysis.result import Suggestion
from twoway.model import Conversation

__all__ = ["suggest_followups"]

# By hook kind: how the quote is introduced, and the question that follows it.
TEMPLATES = {
    "plan": ("You mentioned:", "How is that going so far?"),
    "challenge": ("You mentioned:", "What would help most with that?"),
    "advice": ("You advised:", "What taught you that?"),
    "enjoy": ("You said:", "Could you tell me more about that?"),
    "work": ("You said:", "Could you tell me more about that?"),
}
WHY = (
    "{who} raised this themselves; asking about it shows you listened, and it works in a "
    "thank-you note or the next round."
)


def suggest_followups(
    conversation: Conversation, me: str, n: int = 3, *, exclude: Iterable[str] = ()
) -> tuple[Suggestion, ...]:
    """Up to ``n`` follow-up questions on what the other speakers said about their own work.

    ``me`` is a speaker name (ignoring case; a unique prefix works, as in ``analyze``);
    ``SpeakerError`` if it names nobody. ``exclude`` names things not to build on (a hook that
    mentions one is skipped). An empty tuple when the others said nothing specific enough.
    ``Suggestion.theme`` is the quote, verbatim.
    """
    from twoway.analysis import resolve_speaker
    from twoway.analysis.questions import content_words, find_questions
    from twoway.followup.hooks import find_hooks

    if n <= 0 or not conversation.has_text:
        return ()
    me_name = resolve_speaker(me, conversation.speakers)
    others = [s for s in conversation.speakers if s != me_name]
    hooks = sorted(
        (h for s in others for h in find_hooks(conversation, s, me_name)),
        key=lambda h: (-h.score, h.order),
    )
    # What I asked after each point of the conversation: a hook I already followed up on is
    # not a suggestion any more.
    mine: list[tuple[int, frozenset[str]]] = []
    order = 0
    for turn in conversation.turns:
        if not turn.text:
            continue
        order += turn.text.count(".") + turn.text.count("?") + turn.text.count("!") or 1
        if turn.speaker == me_name:
            for q in find_questions(turn.text):
                if q.counts:
                    mine.append((order, frozenset(content_words(q.text))))
    excluded = [e.casefold() for e in exclude if e.strip()]
    who = others[0].split()[0] if len(others) == 1 else "They"
    out: list[Suggestion] = []
    used: list[frozenset[str]] = []
    for hook in hooks:
        words = content_words(hook.quote)
        if any(len(words & other) >= 2 for other in used):
            continue  # the same point as a suggestion already made
        if any(e in hook.quote.casefold() for e in excluded):
            continue
        if any(len(words & asked) >= 2 for _, asked in mine):
            continue  # already came back to it
        lead, question = TEMPLATES[hook.kind]
        quote = hook.quote if hook.quote[-1:] in ".!" else hook.quote + "."
        text = f"{lead} “{quote}” {question}"
        out.append(Suggestion(text=text, theme=hook.quote, why=WHY.replace("{who}", who)))
        used.append(frozenset(words))
        if len(out) == n:
            break
    return tuple(out)
