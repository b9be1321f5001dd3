"""What a commitment is, and the words the commitment rules share (private to
``twoway.followup``).

``Commitment`` (public as ``twoway.followup.commitments.Commitment``), the follow-up verbs, how a
turn is split into sentences and an action cut from one, and ``swap_person``. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from twoway.followup._due import due_phrase


@dataclass(frozen=True, slots=True)
class Commitment:
    """Something one person said they (or someone they named) would do after the conversation.

    ``action`` is a verb phrase in the owner's voice, addressed to ``to`` ("send you the link to
    the talk"); ``due`` the time as said ("by Friday"), or ``None``; ``quote`` the sentence it
    was said in, verbatim (a request's sentence, for a request); ``reply`` the listener's
    acceptance when a question asked for it.
    """

    by: str  # who owes it
    to: str | None  # to whom (None when the conversation has one speaker)
    action: str
    due: str | None
    kind: str  # "promise" (the owner said it), "request" (the other person asked) or
    # "reported" (the speaker said a named third party would do it)
    verb: str  # the follow-up verb, base form: "send", "introduce", "check", ...
    quote: str
    said_by: str
    start_s: float | None
    reply: str | None = None

    @property
    def is_complete(self) -> bool:
        """Whether ``action`` says what is owed ("send you the link", not "send you")."""
        return has_object(self.action)

    @property
    def is_process(self) -> bool:
        """A step of a hiring process ("get back to you", "make a decision"), not a favour."""
        if self.verb in ("get", "come"):  # "get back to you", not "get you a ride-along"
            return re.match(r"(?:get|come) back\b", self.action, re.IGNORECASE) is not None
        return self.verb in _PROCESS_VERBS


# Verbs of following up, base form -> what may follow them for the sentence to count.
FOLLOW_UP_VERBS = {
    "send": r"",
    "email": r"",
    "e-mail": r"",
    "forward": r"",
    "share": r"(?!a (?:bit|little)|my screen|(?:some )?context|an overview|a quick)",
    "introduce": r"(?=\s+(?:you|him|her|them|me|us)\b)",
    "intro": r"(?=\s+(?:you|him|her|them|me|us)\b)",
    "connect": r"(?=\s+(?:you|him|her|them|me|us)\b)",
    "put": r"(?=\s+(?:(?:you|him|her|them|me|us) in touch|in a (?:good )?word)\b)",
    "loop": r"(?=\s+(?:(?:you|him|her|them|me|us) in|in\s+(?!here\b|the chat\b)\w))",
    "text": r"(?=\s+(?:you|me|him|her|them)\b)",
    "ring": r"(?=\s+(?:you|me|him|her|them)\b)",
    "phone": r"(?=\s+(?:you|me|him|her|them)\b)",
    "dig": r"(?=\s+(?:out|up)\b)",
    "pass": r"(?=\s+(?:my|your|the|it|them|this|that|along|on)\b)",
    "submit": r"",
    "set": r"(?=\s+(?:(?:you|him|her|them|me|us)\s+)?up\b)",
    "schedule": r"",
    "check": r"(?=\s+(?:with|whether|if|on|in with)\b)",
    "ask": r"(?=\s+(?:the|my|our|him|her|them|(?-i:[A-Z])[\w'-]+)\b)",
    "follow": r"(?=\s+up\b)",
    "get": r"(?=\s+(?:back\b|in touch\b|you\b(?! know\b)|"
    r"(?:it|them|those|that) (?:over )?to you\b))",
    "come": r"(?=\s+(?:(?:to|by)\s+(?:the|your|a)|back to (?:you|me))\b)",
    "circle": r"(?=\s+back\b)",
    "let": r"(?=\s+(?:you|me) know\b)",
    "review": r"",
    "look": r"(?=\s+(?:(?:at|over|through)\s+(?:your|my|it|the|them|that|this|both|those|these|all)"
    r"|(?:it|them) over)\b)",
    "add": r"(?=\s+(?:you|your|me|my)\b)",
    "mention": r"(?=\s+(?:you|your)\b)",
    "write": r"(?=\s+(?:up|you)\b)",
    "make": r"(?=\s+(?:(?:a|the|an) (?:decision|intro|introduction)|sure (?!I\b|I'm\b|of\b))\b)",
    "do": r"(?=\s+a (?:practice|mock|call|review)\b)",
    "have": r"(?=\s+(?:my|our|someone|the)\b[^.?!]{0,40}\b(?:send|email|reach|call|share)\b)",
    "call": r"(?=\s+(?:you|me)\b)",
    "refer": r"(?=\s+(?:you|me)\b)",
    "recommend": r"(?=\s+(?:you|me) (?:to|for)\b)",
    "invite": r"(?=\s+(?:you|me)\b)",
    "keep": r"(?=\s+(?:you|me) (?:posted|updated|in the loop)\b)",
    "reach": r"(?=\s+out\s+to\s+(?!you\b))",
    "find": r"(?=\s+(?:out\s+(?:if|whether|what|how|when|where|who|which|about|more|and)|the|that|"
    r"it|you)\b)",
}
_PROCESS_VERBS = frozenset({"make", "set", "schedule", "submit", "pass", "hear", "let", "circle"})
VERB_ALT = "|".join(sorted(map(re.escape, FOLLOW_UP_VERBS), key=len, reverse=True))
ADVERBS = r"(?:(?:also|just|definitely|certainly|happily|gladly|quickly|personally|then|"
ADVERBS += r"try to|make sure to|be sure to|totally|absolutely|first)\s+)*"
SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+|$)")
_ABBREVIATION = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|vs|etc|approx|No)\.$")
# Where an action ends: a new clause ("..., and I'll", "..., she'll reach out", "..., if you
# want"), or the end of the sentence.
_CLAUSE_END = re.compile(
    r",\s+(?=(?:and|but|so|because|if|since|which|once|while|when|she|he|they|it|that|"
    r"it's|for the|for context|just|or|then|I|we|you|either way|one way or the other|"
    r"regardless|no matter what)\b)|[,;:](?=\s*$)|\s+(?=and (?:I|we)'ll\b)"
    r"|,\s+(?=[A-Z][a-z]+\b(?!\s+(?:and|or)\b)[^,]*$)",
)
_MONTH = (
    r"(?:january|february|march|april|may(?= \d| the|,|$)|june|july|august|september|october|"
    r"november|december)"
)
# A time in a sentence (also used by hooks to tell logistics); the due phrase of a commitment
# is read by ``_due.due_phrase``, which knows more shapes.
DUE = re.compile(
    r"\b(?:(?:by|on|before|until)\s+(?:the\s+)?(?:end of (?:the |this |next )?(?:day|week|month)"
    r"|(?:this |next )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?: (?:morning|afternoon|evening|night))?"
    r"|tomorrow(?: (?:morning|afternoon|evening|night))?|tonight|today"
    r"|(?:the )?(?:first|second|third|\w+teenth|\w+tieth|\w+th|\d+(?:st|nd|rd|th))"
    r"|(?:mid-?|early |late )?" + _MONTH + r")"
    r"|(?:this|next)\s+(?:week|month|weekend|morning|afternoon|evening|year|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday)"
    r"|tomorrow(?: morning| afternoon)?|tonight|later today|today"
    r"|right after (?:this|the call|our call)|after (?:the|this|our) call"
    r"|(?:in|within) (?:the|an|the next) hour"
    r"|(?:in|within) (?:a|one|two|three|four|\d+|a couple(?: of)?|a few) "
    r"(?:days?|weeks?|months?)"
    r"|(?:in|when it opens in|early|late|mid-?) ?" + _MONTH + r"|this afternoon|this morning"
    r"|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?: (?:morning|afternoon|evening|night))?)\b",
    re.IGNORECASE,
)


# What "it" or "them" stands for: the object of the other person's last offer or request
# ("Would you mind sending me THE SLIDES?" ... "Sure, I'll send them after the call.").
_OBJECT = re.compile(
    r"\b(?:" + VERB_ALT + r"|sending|sharing|reviewing|looking at|forwarding|emailing|"
    r"introducing|read|reading)\s+(?:over\s+|at\s+)?(?:(?:me|you|him|her|us)\s+)?"
    r"(?P<np>(?:the|your|my|our|a|an|this|that)\s+(?:[\w-]+\s+){0,3}?[\w-]+)"
    r"(?=\s*(?:[,.;!?]|$|\s+(?:to|with|for|by|on|if|when|after|before|over)\b))",
    re.IGNORECASE,
)
PRONOUN_OBJECT = re.compile(
    r"^(?P<verb>\w+)\s+(?:(?:you|me)\s+)?(?P<pronoun>it|them)\b"
    r"(?:\s+(?P<particle>over|up|out|back|through|along|on)\b)?",
    re.IGNORECASE,
)


def split_sentences(text: str) -> list[tuple[int, int, str]]:
    """The sentences of ``text`` as (start, end, sentence); "Mr." or "Dr." does not end one."""
    out: list[tuple[int, int, str]] = []
    for match in SENTENCE.finditer(text):
        if out and _ABBREVIATION.search(out[-1][2]):
            start = out[-1][0]
            out[-1] = (start, match.end(), text[start : match.end()].strip())
        else:
            out.append((match.start(), match.end(), match.group().strip()))
    return [(s + len(text[s:e]) - len(text[s:e].lstrip()), e, t) for s, e, t in out if t]


def last_object(text: str) -> str | None:
    found = list(_OBJECT.finditer(text))
    if not found:
        return None
    # "the assessment link tonight": the time is when, not part of the thing.
    return DUE.sub("", found[-1].group("np")).strip() or None


def resolve(c: Commitment, previous: str) -> Commitment:
    """``c`` with a bare "it"/"them" replaced by what the other person had just named in
    ``previous`` (their turn before), seen from the owner's side ("send it next week" after
    "review your case study": "send my case study next week")."""
    match = PRONOUN_OBJECT.match(c.action)
    if match is None or c.kind != "promise":
        return c
    mentioned = last_object(previous)  # only for a promise with a bare pronoun: it is costly
    if mentioned is None:
        return c
    return replace(c, action=named(c.action, match, swap_person(mentioned)))


def named(action: str, match: re.Match[str], np: str) -> str:
    """``action`` with its "it"/"them" replaced by ``np``; a particle moves before it ("look it
    over" -> "look over the cover letter")."""
    if match.group("particle"):
        head = action[: match.start("pronoun")] + match.group("particle") + " "
        return head + np + action[match.end("particle") :]
    return action[: match.start("pronoun")] + np + action[match.end("pronoun") :]


YOU = re.compile(r"\b(?:you|your|yours|yourself)\b", re.IGNORECASE)


_BARE_ACTION = re.compile(
    r"^\w+(?:\s+(?:you|me|him|her|us))?(?:\s+(?:over|along|out|up|back|on))?$",
    re.IGNORECASE,
)
# Reaching a person is itself the deed: "I'll ask her this afternoon", "I'll call you".
_CONTACT = re.compile(
    r"^(?:ask|tell|call|ring|phone|telephone|text|email|e-mail|ping|message|contact)\s+"
    r"(?:you|him|her|them)$",
    re.IGNORECASE,
)


def has_object(action: str, *, contact: bool = True) -> bool:
    """Whether the action says what: "send you" alone does not; "call you" does, when
    ``contact`` (said by its owner: "I'll call you", not the invitation "Call me.")."""
    bare = DUE.sub("", action).strip()
    return _BARE_ACTION.match(bare) is None or (contact and _CONTACT.match(bare) is not None)


def cut(text: str) -> str:
    """The action up to the end of its clause, without the closing punctuation."""
    text = text.strip()
    end = _CLAUSE_END.search(text)
    if end is not None:
        text = text[: end.start()]
    return text.rstrip(" ,.;:!?")


def due_suffix(text: str) -> str:
    due = due_phrase(text)
    return f" {due}" if due is not None else ""


def make(
    by: str,
    to: str | None,
    action: str,
    verb: str,
    kind: str,
    sentence: str,
    said_by: str,
    start: float | None,
    reply: str | None = None,
) -> Commitment:
    return Commitment(
        by=by,
        to=to,
        action=action,
        due=due_phrase(action),
        kind=kind,
        verb=verb,
        quote=sentence,
        said_by=said_by,
        start_s=start,
        reply=reply,
    )


_PERSON_SWAP = {
    "i": "you",
    "me": "you",
    "my": "your",
    "mine": "yours",
    "myself": "yourself",
    "i'm": "you're",
    "i've": "you've",
    "i'll": "you'll",
    "i'd": "you'd",
    "we": "you",
    "us": "you",
    "our": "your",
    "ours": "yours",
    "we're": "you're",
    "we've": "you've",
    "we'll": "you'll",
    "you": "me",
    "your": "my",
    "yours": "mine",
    "yourself": "myself",
    "you're": "I'm",
    "you've": "I've",
    "you'll": "I'll",
    "you'd": "I'd",
}
_PERSON = re.compile(
    r"\b(?:I'm|I've|I'll|I'd|I|me|my|mine|myself|we're|we've|we'll|we|us|our|ours|"
    r"you're|you've|you'll|you'd|you|your|yours|yourself)\b(?!')",
    re.IGNORECASE,
)


def swap_person(phrase: str) -> str:
    """``phrase`` said to the other person, from that person's side: first and second person
    swapped ("send me your portfolio" -> "send you my portfolio"). Only for short verb phrases
    (an action), where "you" is an object: "you" as a subject ("you are") is left alone.

    >>> swap_person("put you in touch with my manager, Priyanka")
    'put me in touch with your manager, Priyanka'
    """

    def repl(m: re.Match[str]) -> str:
        word = m.group()
        low = word.lower().replace("’", "'")
        if low == "you" and re.match(r"\s+(?:are|were|have|do|can|will)\b", phrase[m.end() :]):
            return "I"  # "you are" said to me is "I am" from my side; the verb stays
        swapped = _PERSON_SWAP.get(low, word)
        if low == "i" or swapped == "I" or swapped.startswith("I'"):
            return swapped
        return swapped[:1].upper() + swapped[1:] if word[:1].isupper() else swapped

    return _PERSON.sub(repl, phrase)
