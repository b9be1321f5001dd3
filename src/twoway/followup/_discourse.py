"""The commitment rules that read more than one sentence (private to ``twoway.followup``).

Within a turn: an offer taken back ("— no, wait, no"), "I'll do it" after the deed it names, a
step and its report back ("Let me check with payroll. I'll let you know Friday."), a delivery
"along with" another. Across turns: an offer declined in the listener's next turn, an accepted
offer confirmed in the owner's next one, a promise restated with a new time, a request for what
was already promised, a repeated promise. Docs: docs/follow-up.md, "Commitments". Pure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from twoway.followup._commitment import (
    PRONOUN_OBJECT,
    YOU,
    Commitment,
    cut,
    make,
    named,
    split_sentences,
)
from twoway.followup._due import due_phrase


@dataclass(slots=True)
class Said:
    """A commitment found in a run of speech, with where it was said (offsets in the run's
    text), for the rules that look across sentences and turns."""

    c: Commitment
    run: int
    at: int  # the deed's verb
    start: int  # its first sentence
    end: int  # its last sentence
    offer: bool = False  # "I can ...", "if you want, ...": the listener may decline it


# An offer taken back while it is being made: "— actually, no, sorry, scrap that", "— no, wait,
# no", "Forget I said that", "so I'm gonna hold off on that".
_WITHDRAW = re.compile(
    r"\b(?:no,? wait|wait,? no|actually,? no|no,? actually|scrap that|scratch that|"
    r"forget (?:I said (?:that|it)|that(?: one)?|it)\b|never ?mind|on second thought|"
    r"I take that back|actually,? (?:it's|that's|they're) (?:not|only)\b|hold off)",
    re.IGNORECASE,
)
# "I should send you the link. I'll do it after this call.": the deed named just before.
_DO_IT = re.compile(r"\b(?:I'll|I will|I'm going to)\s+(?:just\s+)?do (?:it|that|this)\b", re.I)
_SHOULD = re.compile(
    r"\b(?:I|we) (?:should|need to|have to|must|ought to|meant to|was going to|wanted to|"
    r"forgot to|'ve got to|gotta)\s+(?:also\s+|really\s+)?(?P<deed>[a-z]+\b[^.!?]*)",
    re.IGNORECASE,
)
# "... but I'll send it along with them": one delivery with the deed before it.
_ALONG = re.compile(r"\b(?:along with|together with) (?:it|them|those|that|the rest)\b", re.I)
# A step that finds something out, and the report back that closes it.
_STEP_VERBS = frozenset("check ask find see talk speak dig look".split())
_REPORT_BACK = re.compile(
    r"^(?:let you know|tell you|get back to you|come back to you|circle back|text you|call you|"
    r"ring you|update you|email you|confirm)\b",
    re.IGNORECASE,
)
# A step towards the deed just promised, said of it or of the person it goes through: "I'll
# look it up tonight", "I'll drop her an email this week".
_STEP_ON_IT = re.compile(r"^\w+(?:\s+(?:up|out|down))?\s+(?:it|them|her|him)\b", re.I)


def within_run(
    text: str,
    said: list[Said],
    deferred: list[Said],
) -> list[Said]:
    """The rules that read a run of speech as a whole: withdrawals, "I'll do it", a step and
    its report back said in two sentences, and a delivery that goes "along with" another."""
    sentences = split_sentences(text)
    kept: list[Said] = []
    for n, s in enumerate(said):
        if s.c.kind == "request":
            kept.append(s)
            continue
        # The marker may come in the offer's sentence or the two after it.
        limit = next((e for _, e, _ in sentences[_index(sentences, s.start) + 2 :][:1]), len(text))
        later = [o.at for o in said[n + 1 :]]
        withdrawn = _WITHDRAW.search(text, s.at, limit)
        if withdrawn is not None and not any(at < withdrawn.start() for at in later):
            continue
        kept.append(s)
    kept.extend(deferred)
    kept.sort(key=lambda s: s.at)
    out: list[Said] = []
    for s in kept:
        prev = out[-1] if out else None
        if prev is not None and s.c.kind == prev.c.kind == "promise" and s.c.by == prev.c.by:
            gap = _index(sentences, s.start) - _index(sentences, prev.end - 1)
            if _ALONG.search(s.c.action) and gap <= 2:
                prev.end = s.end
                continue
            if 1 <= gap <= 2 and _steps_together(prev.c, s.c):
                prev.c = _step_joined(prev.c, s.c)
                prev.end = s.end
                continue
        out.append(s)
    for s in out:
        if s.c.kind == "promise" and YOU.search(s.c.action):
            _step_after(text, sentences, s)
        if _index(sentences, s.end - 1) != _index(sentences, s.start):
            s.c = replace(s.c, quote=text[s.start : s.end].strip())
    return out


# "I'll send you the date. I'll look it up tonight.": a step on the deed just promised, said in
# the next sentence, tells when it is due.
_STEP_SENTENCE = re.compile(
    r"^(?:\W*(?:and|so|okay|oh)\b[,\s]*)*(?:I'll|I will|let me|I'm going to)\s+(?:just\s+)?"
    r"(?:look|find|dig|check|pull|track)\s+(?:it|them)(?:\s+(?:up|out|down))?\b(?P<rest>[^.!?]*)",
    re.IGNORECASE,
)


def _step_after(text: str, sentences: list[tuple[int, int, str]], said: Said) -> None:
    k = _index(sentences, said.end - 1) + 1
    if k >= len(sentences):
        return
    step = _STEP_SENTENCE.match(sentences[k][2])
    if step is None:
        return
    if said.c.due is None and (due := due_phrase(step.group("rest"))) is not None:
        said.c = replace(said.c, due=due)
    said.end = sentences[k][1]


def _index(sentences: list[tuple[int, int, str]], offset: int) -> int:
    return next((k for k, (st, e, _) in enumerate(sentences) if st <= offset < e), len(sentences))


def _steps_together(first: Commitment, second: Commitment) -> bool:
    if not YOU.search(first.action) and first.verb in _STEP_VERBS:
        return _REPORT_BACK.match(second.action) is not None
    return (
        bool(YOU.search(first.action))
        and not YOU.search(second.action)
        and bool(_STEP_ON_IT.match(second.action))
    )


def _step_joined(first: Commitment, second: Commitment) -> Commitment:
    if YOU.search(first.action):  # "I'll send you the date. I'll look it up tonight."
        return replace(first, due=first.due or second.due)
    return replace(first, action=f"{first.action} and {second.action}", due=second.due or first.due)


def deferred_deeds(
    text: str,
    index: int,
    speaker: str,
    listener: str | None,
    start_at: Callable[[int], float | None],
) -> list[Said]:
    """ "Oh, I should send you the link. I'll do it after this call.": the deed said just
    before "I'll do it", due when that says."""
    sentences = split_sentences(text)
    out: list[Said] = []
    for k in range(1, len(sentences)):
        _, end, sentence = sentences[k]
        if _DO_IT.search(sentence) is None:
            continue
        should = _SHOULD.search(sentences[k - 1][2])
        if should is None:
            continue
        deed = cut(should.group("deed"))
        due = due_phrase(sentence)
        action = f"{deed} {due}" if due and due not in deed else deed
        verb = deed.split()[0].lower()
        at = sentences[k - 1][0] + should.start("deed")
        made = make(speaker, listener, action, verb, "promise", sentence, speaker, start_at(at))
        out.append(Said(made, index, at, sentences[k - 1][0], end))
    return out


# The listener turns an offer down in their next turn.
_DECLINE = re.compile(
    r"^\W*(?:(?:oh|um|uh|ah|well|honestly|aw)[,.!\s]+)*"
    r"(?:no,? thanks?\b|no thank you\b|(?:thanks?|thank you)(?: so much)?,? but\b|"
    r"(?:that's|it's) (?:very |really |so )?(?:kind|nice|generous|sweet|lovely|okay|ok|fine)"
    r"(?: of you)?,? but\b|not (?:yet|now|right now|for now|necessary|needed)\b|maybe not\b|"
    r"I'd rather\b|I'll pass\b|I think I'll pass\b|no need\b|"
    r"I'm (?:good|okay|ok|fine)(?:,| for now| thanks)|I already have\b)",
    re.IGNORECASE,
)
# ... or says so a sentence later: "That's very kind. Actually, I've seen it, I think I'm okay."
_DECLINE_LATER = re.compile(
    r"\b(?:I think I'm (?:okay|ok|good|fine|all right|set)|I'm (?:okay|ok|good|fine|set)"
    r"(?: for now)?(?:,? thanks?(?: though)?)?(?=\s*[.!]|$)|no need\b|not necessary|I'll pass\b|"
    r"I'd rather (?:not|wait)\b|maybe not\b|not (?:yet|for now|right now)\b)",
    re.IGNORECASE,
)
# The listener takes an offer.
_TAKEN = re.compile(
    r"^\W*(?:(?:oh|um|uh|ah|wow|okay|ok|aye)[,.!\s]+)*(?:yes|yeah|yep|aye|sure|please|"
    r"absolutely|definitely|of course|that would|that'd|I'd (?:love|really love|appreciate|"
    r"really appreciate)|I would love|great|perfect|amazing|brilliant|lovely|wonderful|"
    r"thank you|thanks)\b",
    re.IGNORECASE,
)
_AGAIN = re.compile(r"\b(?:also|too|as well|another|again)\b", re.IGNORECASE)
_DELIVERY_VERBS = frozenset(
    "send email e-mail forward share get drop pass text flick ping submit shoot mail".split()
)
_PRONOUN_DEED = re.compile(
    r"^\w+(?:\s+(?:you|me))?\s+(?:it|them|those|that)\b|^get (?:it|them) (?:over )?to you\b",
    re.IGNORECASE,
)
# What a delivery delivers: "send you THE DRAFT by the end of the month".
_THING = re.compile(
    r"^\w+\s+(?:you\s+)?(?:over\s+|through\s+)?"
    r"(?P<np>(?:the|my|our|your|a|an|this|that|those|these)\s+(?:[\w'-]+\s+){0,3}?[\w'-]+?)"
    r"(?=\s+(?:by|on|before|until|tonight|tomorrow|today|this|next|within|in|over|to|after|"
    r"when|once)\b|$)",
    re.IGNORECASE,
)
# Words that do not tell one thing sent from another ("send you THE UPDATED version").
_STOP = frozenset(
    "the a an my your our his her their this that those these it them you me us to of for "
    "with and on in by over along back through up updated new".split()
)


def across_runs(texts: Sequence[str], who: Sequence[str | None], said: list[Said]) -> list[Said]:
    """The rules that read turns together: an offer declined in the listener's next turn, an
    accepted offer confirmed in the owner's next one, a promise restated with a new time, a
    request for what the listener already promised, and a repeated promise."""
    dropped: set[int] = set()
    for n, s in enumerate(said):
        i = s.run
        if s.c.kind == "request":
            continue
        last = (
            not any(o.run == i and o.at > s.at for o in said)
            and len(split_sentences(texts[i][s.end :])) <= 1
        )
        if not last or i + 1 >= len(texts) or who[i + 1] != s.c.to:
            continue
        reply = " ".join(_sentences_text(texts, i + 1, 2))
        if _DECLINE.match(reply) or _DECLINE_LATER.search(reply):
            dropped.add(n)  # "I can introduce you to a recruiter." / "Thanks, but not yet."
        elif s.offer and _TAKEN.match(texts[i + 1]) and _confirmed(said, n, texts):
            dropped.add(n)  # "I can connect you with Mariana." / "Yes!" / "Okay, I'll ..."
    for n, s in enumerate(said):
        if n in dropped or s.c.kind != "promise" or s.c.due is None:
            continue
        if s.c.verb not in _DELIVERY_VERBS:
            continue
        revised = next(
            (
                o
                for o in said[n + 1 :]
                if o.c.by == s.c.by
                and o.c.kind == "promise"
                and s.run < o.run <= s.run + 4
                and not any("?" in texts[k] for k in range(s.run + 1, o.run))
                and o.c.due is not None
                and o.c.due != s.c.due
                and _PRONOUN_DEED.match(o.c.action)
                and YOU.search(o.c.action)
            ),
            None,
        )
        if revised is not None:
            # "by the end of the month" ... "Then I'll get it to you within a week of the
            # posting going up": one promise, restated; "it" is what was promised.
            dropped.add(n)
            thing = _THING.match(s.c.action)
            pronoun = PRONOUN_OBJECT.match(revised.c.action)
            if thing is not None and pronoun is not None:
                action = named(revised.c.action, pronoun, thing.group("np"))
                revised.c = replace(revised.c, action=action)
    for n, s in enumerate(said):
        if n not in dropped and s.c.kind == "request" and _reminder(s, said[:n], texts):
            dropped.add(n)
    kept = [s for n, s in enumerate(said) if n not in dropped]
    out: list[Said] = []
    for s in kept:
        if not any(_repeats(s.c, o.c) for o in out):
            out.append(s)
    return out


def _confirmed(said: list[Said], n: int, texts: Sequence[str]) -> bool:
    """Whether the owner of offer ``said[n]`` makes a promise in the opening of their turn
    after the listener's answer (not a new one: "I'll also ...")."""
    offer = said[n]
    opening = sum(len(t) + 1 for t in _sentences_text(texts, offer.run + 2, 2))
    return any(
        o.run == offer.run + 2
        and o.c.by == offer.c.by
        and o.c.kind == "promise"
        and o.start < opening
        and not _AGAIN.search(o.c.quote)
        and not re.match(r"\W*and\b", o.c.quote, re.IGNORECASE)
        and (_families(o.c.action) & _families(offer.c.action) or _BACK_TO_IT.search(o.c.action))
        for o in said[n + 1 :]
    )


# Kinds of favour, to tell a confirmation of an offer from a new deed: "I can connect you with
# Mariana" ... "Okay, I'll put you in touch with her by email".
_FAMILIES = {
    "send": re.compile(r"^(?:send|email|e-mail|forward|share|get|drop|flick|text|pass|shoot)\b"),
    "introduce": re.compile(r"\b(?:intro\w*|connect\w*|in touch|loop\w*)\b"),
    "review": re.compile(
        r"^(?:look|review|read|check|mark|go over)\b|\b(?:notes|feedback|comments|thoughts)\b"
    ),
}
# What points back at the offer: "send those tonight", "email you both".
_BACK_TO_IT = re.compile(r"^\w+(?:\s+\w+)?\s+(?:it|them|those|these|that|her|him|both)\b", re.I)


def _families(action: str) -> set[str]:
    return {name for name, pattern in _FAMILIES.items() if pattern.search(action.lower())}


def _sentences_text(texts: Sequence[str], i: int, count: int) -> list[str]:
    if i >= len(texts):
        return []
    return [t for _, _, t in split_sentences(texts[i])[:count]]


def _reminder(request: Said, earlier: list[Said], texts: Sequence[str]) -> bool:
    """Whether a request asks for what its owner already promised ("Send me that résumé." after
    "I'll send you the updated version by Sunday"), or says yes to it ("Perfect, send them to the
    office email.")."""
    c = request.c
    if c.verb not in _DELIVERY_VERBS:
        return False
    theirs = [o for o in earlier if o.c.by == c.by and o.c.verb in _DELIVERY_VERBS]
    if not theirs:
        return False
    if _PRONOUN_DEED.match(c.action) and any(o.run == request.run - 1 for o in theirs):
        return True  # a go-ahead to the promise just made
    words = _content(c.action)
    pointed = re.match(r"^\w+\s+(?:you\s+)?(?:that|those|these)\b", c.action, re.I) is not None
    return any(pointed or words & _content(o.c.action) for o in theirs)


def _content(action: str) -> set[str]:
    words = re.findall(r"[\w'-]+", action.lower())[1:]
    due = due_phrase(action)
    dropped = set(re.findall(r"[\w'-]+", due.lower())) if due else set()
    return {w for w in words if w not in _STOP and w not in dropped and len(w) > 1}


def _repeats(later: Commitment, earlier: Commitment) -> bool:
    """Whether ``later`` says again what ``earlier`` promised ("I'll text you after I talk to
    Stephen" after "I'll ask him tomorrow and text you")."""
    if later.by != earlier.by or later.to != earlier.to:
        return False
    core = later.action
    if later.due:
        core = core.replace(later.due, "")
    core = re.sub(r"\s+", " ", core).strip(" ,").lower()
    core = re.sub(r"^(?:also|just|then)\s+", "", core)
    return len(core.split()) >= 2 and core in earlier.action.lower()


def dedupe(found: list[Commitment]) -> list[Commitment]:
    """Each commitment once: the same owner saying the same deed again, word for word or with
    more after it ("I'll send it tonight. I'll send it tonight before I chicken out."), is the
    first saying."""
    out: list[Commitment] = []
    for c in found:
        action = c.action.lower()
        if not any(
            o.by == c.by
            and (action.startswith(o.action.lower() + " ") or action == o.action.lower())
            for o in out
        ):
            out.append(c)
    return out
