"""What a speaker asks the listener to do, and whether the listener took it on (private to
``twoway.followup``).

An imperative ("send me the project") or a question ("Could you send me ...?", "Would you be
willing to be a referee?") with the reply that accepts it ("Sure, happy to.", "Yes, I'll do that
tonight."). Docs: docs/follow-up.md, "Commitments". Pure.
"""

from __future__ import annotations

import re
from dataclasses import replace

from twoway.followup._commitment import (
    FOLLOW_UP_VERBS,
    SENTENCE,
    VERB_ALT,
    Commitment,
    cut,
    has_object,
    make,
    swap_person,
)
from twoway.followup._due import due_phrase
from twoway.followup._promises import sentence_promises

# A request to the listener: an imperative at the start of a sentence, or a question.
IMPERATIVE = re.compile(
    r"^(?:(?:oh|so|sure|yes|yeah|okay|ok|well|great|nice|perfect|and|in the meantime|"
    r"definitely|please|oh nice|meanwhile|but|first|anytime|then)\b[,\s—]*)*(?:please\s+)?"
    r"(?P<verb>send|email|forward|share|text|shoot|drop|ping)\s+(?=me\b|it\b|them\b|over\b|us\b|"
    r"that\b|those\b|through\b)",
    re.IGNORECASE,
)
# Saying yes to the other person's offer to send something ("Sure, send them."): the offer, not
# this, is the commitment.
_PERMISSION = re.compile(
    r"^(?:(?:sure|yes|yeah|okay|ok|of course|absolutely|please|great|perfect)\b[,.!\s]*)?"
    r"(?:please\s+)?\w+\s+(?:it|them|those|that)(?:\s+(?:over|along|my way))?\s*[.!]?$",
    re.IGNORECASE,
)
_ASK = re.compile(
    r"\b(?:can|could|would|will) you (?:please |possibly )?(?P<verb>" + VERB_ALT + r")\b"
    r"|\bwould you (?:mind|be open to|be willing to|be up for) (?P<ing>\w+ing)\b",
    re.IGNORECASE,
)
# Any verb, asked of the listener; it counts only when the reply commits in so many words ("Of
# course I will.", "Yes, I'll do that tonight.").
_ASK_ANY = re.compile(
    r"\b(?:can|could|would|will) you (?:please |possibly |just |also )?"
    r"(?:be (?:willing|able|happy|open) to |mind )?(?P<verb>[a-z]+)\b",
    re.IGNORECASE,
)
# Questions about the conversation itself ("Can you tell me about...", "Could you walk me
# through..."), never a deed for later.
_ASKED_FOR_NOW = frozenset(
    "tell talk walk describe explain say repeat hear see remember think imagine clarify "
    "elaborate give speak expand go share introduce be do have like love prefer want need care "
    "mind".split()
)
_ACCEPT = re.compile(
    r"^(?:sure|yes|yeah|yep|of course|absolutely|definitely|happy to|glad to|will do|"
    r"i will|i'd be happy|i would be happy|no problem|certainly|okay|ok|great|for sure|totally)\b",
    re.IGNORECASE,
)
# A reply that takes on what was asked without naming it again.
_COMMITS = re.compile(
    r"\b(?:I'll|I will|I can|we'll|we will)\s+(?:definitely\s+|certainly\s+|absolutely\s+)?"
    r"(?:do (?:that|it|so|this)|get on (?:that|it)|get (?:that|it) done|sort (?:that|it)"
    r"(?: out)?)\b"
    r"|\bI will\b(?!\s+\w)|(?:^|[,.!]\s*|\b(?:yes|yeah|okay|ok|sure)[,\s]+)will do\b"
    r"|\bconsider it done\b",
    re.IGNORECASE,
)


def sentence_request(
    sentence: str,
    speaker: str,
    listener: str | None,
    start: float | None,
    after: object,
    promised: bool,
) -> Commitment | None:
    """What ``sentence`` asks ``listener`` to do, owed by them, or ``None``. ``after`` is the
    next run of speech (the reply decides a question); ``promised`` says the sentence also holds
    a promise of the speaker's ("Send it over, I'll look at it")."""
    if listener is None:
        return None
    answered = getattr(after, "speaker", None) == listener
    reply_text = str(getattr(after, "text", "")) if answered else ""
    imperative = IMPERATIVE.match(sentence)
    if imperative is not None:
        rest = sentence[imperative.start("verb") :]
        verb = imperative.group("verb").lower()
        action = swap_person(cut(rest))
        action = action[:1].lower() + action[1:]
        if not has_object(action, contact=False) or _PERMISSION.match(sentence):
            return None  # "Email me.", "Sure, send them.": an invitation or a yes, not a task
        if _answered_with_promise(after, listener):
            return None  # "Yes, I'll send them tonight": the reply's promise is the commitment
        if promised and not _COMMITS.search(_opening(reply_text)):
            # "Send it through and I'll have a look" / "Thanks.": the sending is the condition
            # of the promise; it is owed when the listener says so ("I will, thank you").
            return None
        return make(listener, speaker, action, verb, "request", sentence, speaker, start)
    if not answered:
        return None
    reply = _opening(reply_text)
    ask = _ASK.search(sentence)
    if ask is not None and _ACCEPT.match(reply) and not _answered_with_promise(after, listener):
        if ask.group("verb"):
            verb = ask.group("verb").lower()
            rest = sentence[ask.start("verb") :]
            if not re.match(rf"{re.escape(verb)}\b{FOLLOW_UP_VERBS[verb]}", rest, re.I):
                verb = ""  # "Can you write a debounce function?": asked for now
        else:
            verb = _base(ask.group("ing")) or ""
            rest = verb + sentence[ask.end("ing") :]
            if verb and not re.match(rf"{re.escape(verb)}\b{FOLLOW_UP_VERBS[verb]}", rest, re.I):
                verb = ""  # "Would you mind checking, please?": now
        if verb:
            action = swap_person(cut(rest.rstrip("?")))
            made = make(listener, speaker, action, verb, "request", sentence, speaker, start, reply)
            return _due_from_reply(made, reply)
    anything = _ASK_ANY.search(sentence)
    if anything is None or not _COMMITS.search(reply) or _answered_with_promise(after, listener):
        return None
    verb = anything.group("verb").lower()
    if verb in _ASKED_FOR_NOW and not anything.group().lower().endswith(" to be"):
        return None  # "Can you tell me about ...?"; but "would you be willing to be a referee?"
    rest = sentence[anything.start("verb") :]
    action = swap_person(cut(rest.rstrip("?")))
    if not has_object(action):
        return None
    made = make(listener, speaker, action, verb, "request", sentence, speaker, start, reply)
    return _due_from_reply(made, reply)


def _opening(text: str) -> str:
    """The opening of a reply: its first sentence, or up to the one that takes the task on
    ("It's mostly days. And yes, I will.")."""
    parts = [m.group().strip() for m in SENTENCE.finditer(text)][:3]
    for n in range(len(parts)):
        if _COMMITS.search(parts[n]):
            return " ".join(parts[: n + 1])
    return parts[0] if parts else ""


def _due_from_reply(c: Commitment, reply: str) -> Commitment:
    """The time the reply gives, from the sentence that accepts ("Sure, I'll do that
    tonight.")."""
    last = [m.group() for m in SENTENCE.finditer(reply)][-1:]
    due = due_phrase(last[0]) if last else None
    return replace(c, due=due) if due is not None else c


def _answered_with_promise(after: object, listener: str) -> bool:
    """Whether the listener's next turn opens with a promise of their own ("Yes. Count on me to
    send them within the hour."), which then stands for the request."""
    if getattr(after, "speaker", None) != listener:
        return False
    head = str(getattr(after, "text", ""))[:240]
    return any(
        c.kind == "promise"
        for m in SENTENCE.finditer(head)
        for _, c, _ in sentence_promises(m.group().strip(), listener, None, None, ())
    )


def _base(gerund: str) -> str | None:
    stem = gerund.lower()[:-3]
    for candidate in (stem, stem + "e", stem[:-1]):
        if candidate in FOLLOW_UP_VERBS:
            return candidate
    return None
