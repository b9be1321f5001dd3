"""Promises, offers and requests made in a conversation: who owes what to whom, and by when.

``find_commitments(conversation, me)`` reads every speaker's sentences for three shapes
(docs/follow-up.md, "Commitments"):

* a **promise or offer** by the speaker: "I'll introduce you to Omar", "I can send you the
  write-up", "let me check with the hiring manager", "We'll get back to you by the end of next
  week", "I'm happy to review your case study";
* a **request** that makes the listener owe something: "send me the project", "Can you send me
  your portfolio by Thursday?", "Would you be open to looking at my portfolio?" (a question
  counts only when the listener's reply accepts it: "Sure, happy to.");
* only **follow-up verbs** count (send, share, introduce, connect, check, review, get back...),
  so what a speaker does inside the conversation ("I'll be honest", "let me tell you about the
  team", "I'll write it with a timer") is not a commitment.

The action is kept as the owner would say it to the other person ("send you the take-home on
Monday"), taken verbatim from the sentence with first and second person swapped when someone
else said it ("send me the project" said by Sam, owed by Jordan: "send you the project"). The
due date is the phrase as said ("by Friday", "tomorrow"), never a calendar date: this module
does not read the clock.

Pure and deterministic.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from twoway.followup._quotes import runs
from twoway.model import Conversation

__all__ = ["Commitment", "find_commitments", "swap_person"]


@dataclass(frozen=True, slots=True)
class Commitment:
    """Something one person said they would do for the other after the conversation.

    ``action`` is a verb phrase in the owner's voice, addressed to ``to`` ("send you the link to
    the talk"); ``due`` the time as said ("by Friday"), or ``None``; ``quote`` the sentence it
    was said in, verbatim (a request's sentence, for a request); ``reply`` the listener's
    acceptance when a question asked for it.
    """

    by: str  # who owes it
    to: str | None  # to whom (None when the conversation has one speaker)
    action: str
    due: str | None
    kind: str  # "promise" (the owner said it) or "request" (the other person asked)
    verb: str  # the follow-up verb, base form: "send", "introduce", "check", ...
    quote: str
    said_by: str
    start_s: float | None
    reply: str | None = None

    @property
    def is_complete(self) -> bool:
        """Whether ``action`` says what is owed ("send you the link", not "send you")."""
        return _has_object(self.action)

    @property
    def is_process(self) -> bool:
        """A step of a hiring process ("get back to you", "make a decision"), not a favour."""
        return self.verb in _PROCESS_VERBS


# Verbs of following up, base form -> what may follow them for the sentence to count.
_FOLLOW_UP_VERBS = {
    "send": r"",
    "email": r"",
    "e-mail": r"",
    "forward": r"",
    "share": r"(?!a (?:bit|little)|my screen|(?:some )?context|an overview|a quick)",
    "introduce": r"(?=\s+(?:you|him|her|them|me|us)\b)",
    "intro": r"(?=\s+(?:you|him|her|them|me|us)\b)",
    "connect": r"(?=\s+(?:you|him|her|them|me|us)\b)",
    "put": r"(?=\s+(?:you|him|her|them|me|us) in touch)",
    "loop": r"(?=\s+(?:you|him|her|them|me|us) in)",
    "text": r"(?=\s+(?:you|me|him|her|them)\b)",
    "dig": r"(?=\s+(?:out|up)\b)",
    "pass": r"(?=\s+(?:my|your|the|it|them|this|that|along|on)\b)",
    "submit": r"",
    "set": r"(?=\s+up\b)",
    "schedule": r"",
    "check": r"(?=\s+(?:with|whether|if|on|in with)\b)",
    "ask": r"(?=\s+(?:the|my|our|him|her|them|around)\b)",
    "follow": r"(?=\s+up\b)",
    "get": r"(?=\s+back\b)",
    "let": r"(?=\s+(?:you|me) know\b)",
    "review": r"",
    "look": r"(?=\s+(?:at|over|through)\s+(?:your|my|it|the|them|that|this)\b)",
    "add": r"(?=\s+(?:you|your|me|my)\b)",
    "mention": r"(?=\s+(?:you|your)\b)",
    "write": r"(?=\s+(?:up|you)\b)",
    "make": r"(?=\s+(?:a|the|an) (?:decision|intro|introduction)\b)",
    "come": r"(?=\s+(?:to|by)\s+(?:the|your|a)\b)",
    "do": r"(?=\s+a (?:practice|mock|call|review)\b)",
    "have": r"(?=\s+(?:my|our|someone|the)\b[^.?!]{0,40}\b(?:send|email|reach|call|share)\b)",
    "call": r"(?=\s+(?:you|me)\b)",
    "refer": r"(?=\s+(?:you|me)\b)",
    "recommend": r"(?=\s+(?:you|me) (?:to|for)\b)",
    "invite": r"(?=\s+(?:you|me)\b)",
    "keep": r"(?=\s+(?:you|me) (?:posted|updated|in the loop)\b)",
    "reach": r"(?=\s+out\s+to\s+(?!you\b))",
    "find": r"(?=\s+(?:the|that|it|you)\b)",
}
_PROCESS_VERBS = frozenset({"get", "make", "set", "schedule", "submit", "pass", "hear"})
_VERB_ALT = "|".join(sorted(map(re.escape, _FOLLOW_UP_VERBS), key=len, reverse=True))
_ADVERBS = r"(?:(?:also|just|definitely|certainly|happily|gladly|quickly|personally|then|"
_ADVERBS += r"try to|make sure to|be sure to|totally|absolutely|first)\s+)*"
# The owner speaking: "I'll", "we can", "let me", "I'm happy to", "I'd be glad to"...
_PROMISE = re.compile(
    r"(?<![\w'])(?:(?:I|we)(?:'ll| will| can| could|'m going to| am going to|'re going to|"
    r" are going to|'d be (?:happy|glad|more than happy) to|'m (?:happy|glad) to|"
    r" am (?:happy|glad) to|'re (?:happy|glad) to| would be (?:happy|glad) to)|let me|"
    r"(?<=^)(?:happy|glad) to)\s+" + _ADVERBS + rf"(?P<verb>{_VERB_ALT})\b",
    re.IGNORECASE,
)
# "You'll hear from us by Wednesday": the speaker owes the next word.
_HEAR_FROM = re.compile(r"\byou(?:'ll| will) hear (?:back )?from (?:us|me)\b", re.IGNORECASE)
# A request to the listener: an imperative at the start of a sentence, or a question.
_IMPERATIVE = re.compile(
    r"^(?:(?:oh|so|sure|yes|yeah|okay|ok|well|great|nice|perfect|and|in the meantime|"
    r"definitely|please|oh nice|meanwhile)\b[,\s]*)*(?:please\s+)?"
    r"(?P<verb>send|email|forward|share|text|shoot|drop)\s+(?=me\b|it\b|them\b|over\b|us\b)",
    re.IGNORECASE,
)
_ASK = re.compile(
    r"\b(?:can|could|would|will) you (?:please |possibly )?(?P<verb>" + _VERB_ALT + r")\b"
    r"|\bwould you (?:mind|be open to|be willing to|be up for) (?P<ing>\w+ing)\b",
    re.IGNORECASE,
)
_ACCEPT = re.compile(
    r"^(?:sure|yes|yeah|yep|of course|absolutely|definitely|happy to|glad to|will do|"
    r"i will|i'd be happy|i would be happy|no problem|certainly|okay|ok|great|for sure|totally)\b",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+|$)")
# Where an action ends: a new clause ("..., and I'll", "..., she'll reach out", "..., if you
# want"), or the end of the sentence.
_CLAUSE_END = re.compile(
    r",\s+(?=(?:and|but|so|because|if|since|which|once|while|when|she|he|they|it|that|"
    r"it's|for the|for context|just|or|then|I|we|you)\b)|[,;:](?=\s*$)|\s+(?=and (?:I|we)'ll\b)"
    r"|,\s+(?=[A-Z][a-z]+\b(?!\s+(?:and|or)\b)[^,]*$)",
)
DUE = re.compile(
    r"\b(?:(?:by|on|before|until)\s+(?:the\s+)?(?:end of (?:the |this |next )?(?:day|week|month)"
    r"|(?:this |next )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"|tomorrow|tonight|today)"
    r"|(?:this|next)\s+(?:week|month|weekend|monday|tuesday|wednesday|thursday|friday|saturday"
    r"|sunday)"
    r"|tomorrow(?: morning| afternoon)?|tonight|later today|today"
    r"|right after (?:this|the call|our call)|after (?:the|this|our) call"
    r"|in (?:a|one|two|a couple of|a few) (?:days?|weeks?))\b",
    re.IGNORECASE,
)


def find_commitments(conversation: Conversation, me: str | None = None) -> tuple[Commitment, ...]:
    """Every follow-up someone committed to in ``conversation``, in the order they were said.

    ``me`` (a speaker's exact name) decides whom an owner's promise is to when there are more
    than two speakers: the owner's promises go to "me", and "me"'s to the person they answered.

    >>> from twoway.model import Conversation, Turn
    >>> talk = Conversation((Turn("Sam", 0.0, 4.0, "I'll introduce you to Omar."),
    ...                      Turn("Jo", 4.0, 6.0, "Thank you!")))
    >>> [(c.by, c.to, c.action) for c in find_commitments(talk, "Jo")]
    [('Sam', 'Jo', 'introduce you to Omar')]
    """
    speech = [r for r in runs(conversation, merge_backchannels=False) if r.speaker is not None]
    speakers = [s for s in conversation.speakers if s]
    found: list[Commitment] = []
    for i, run in enumerate(speech):
        speaker = run.speaker or ""
        before = speech[i - 1] if i > 0 else None
        after = speech[i + 1] if i + 1 < len(speech) else None
        mentioned = _last_object(str(getattr(before, "text", "")))
        for match in _SENTENCE.finditer(run.text):
            sentence = match.group().strip()
            start = run.start_at(match.start())
            listener = _listener(speaker, before, after, speakers, me)
            promised = _promises(sentence, speaker, listener, start)
            found.extend(_resolve(c, mentioned) for c in promised)
            if promised:
                continue
            request = _request(sentence, speaker, listener, start, after)
            if request is not None:
                found.append(request)
    return tuple(_dedupe(found))


# What "it" or "them" stands for: the object of the other person's last offer or request
# ("Would you mind sending me THE SLIDES?" ... "Sure, I'll send them after the call.").
_OBJECT = re.compile(
    r"\b(?:" + _VERB_ALT + r"|sending|sharing|reviewing|looking at|forwarding|emailing|"
    r"introducing)\s+(?:over\s+|at\s+)?(?:(?:me|you|him|her|us)\s+)?"
    r"(?P<np>(?:the|your|my|our|a|an|this|that)\s+(?:[\w-]+\s+){0,3}?[\w-]+)"
    r"(?=\s*(?:[,.;!?]|$|\s+(?:to|with|for|by|on|if|when|after|before|over)\b))",
    re.IGNORECASE,
)
_PRONOUN_OBJECT = re.compile(r"^(?P<verb>\w+)\s+(?:(?:you|me)\s+)?(?P<pronoun>it|them)\b", re.I)


def _last_object(text: str) -> str | None:
    found = list(_OBJECT.finditer(text))
    return found[-1].group("np") if found else None


def _resolve(c: Commitment, mentioned: str | None) -> Commitment:
    """``c`` with a bare "it"/"them" replaced by what the other person had just named, seen
    from the owner's side ("send it next week" after "review your case study": "send my case
    study next week")."""
    match = _PRONOUN_OBJECT.match(c.action)
    if match is None or mentioned is None:
        return c
    np = swap_person(mentioned)
    action = c.action[: match.start("pronoun")] + np + c.action[match.end("pronoun") :]
    return replace(c, action=action)


def _listener(
    speaker: str,
    before: object,
    after: object,
    speakers: Sequence[str],
    me: str | None,
) -> str | None:
    others = [s for s in speakers if s != speaker]
    if len(others) == 1:
        return others[0]
    if me is not None and speaker != me and me in speakers:
        return me
    for run in (before, after):
        who = getattr(run, "speaker", None)
        if who is not None and who != speaker:
            return str(who)
    return others[0] if others else None


def _promises(
    sentence: str, speaker: str, listener: str | None, start: float | None
) -> list[Commitment]:
    if sentence.rstrip().endswith("?"):
        return []  # "Can I send you ...?" asks; the answer decides
    out: list[Commitment] = []
    for match in _PROMISE.finditer(sentence):
        verb = match.group("verb").lower()
        rest = sentence[match.start("verb") :]
        if not re.match(rf"{re.escape(verb)}\b{_FOLLOW_UP_VERBS[verb]}", rest, re.IGNORECASE):
            continue
        action = _cut(rest)
        if verb in ("let", "mention", "ask") and _inside_conversation(action):
            continue
        if _NOT_OWED.search(sentence[max(0, match.start() - 30) : match.start()]):
            continue  # "this isn't something I can make a decision on", "maybe we can ..."
        if _IN_MEETING.search(action):
            continue  # "I'll share it here", "let me look at it real quick"
        if not _has_object(action):
            # "... a couple of Slack groups that I can send you.": the object came first.
            before = _RELATIVE.search(sentence[: match.start()])
            if before is None:
                continue
            action = f"{action} {before.group('np')}"
        out.append(_make(speaker, listener, action, verb, "promise", sentence, speaker, start))
    hear = _HEAR_FROM.search(sentence)
    if hear is not None and not out:
        action = "get back to you" + _due_suffix(sentence[hear.end() :])
        out.append(_make(speaker, listener, action, "get", "promise", sentence, speaker, start))
    return out


_NOT_OWED = re.compile(
    r"(?:n't|\bnot|\bnever|\bmaybe|\bperhaps|\bsomething|\banything|\bnothing|\bwhat|"
    r"\bas always|\bif)\s*$",
    re.IGNORECASE,
)
_IN_MEETING = re.compile(
    r"\b(?:in the chat|here|on (?:the |my )?screen|my screen|right now|real quick|right away now|"
    r"as always)\b|^share (?:that|how|what|some|a few)\b|^share (?:\w+ )?updates\b",
    re.IGNORECASE,
)
_RELATIVE = re.compile(
    r"(?P<np>\b(?:a|an|the|some|a couple of|a few|my|our|two|three)\s+[^,.;!?]{1,60}?)\s+"
    r"(?:that|which)\s+$",
    re.IGNORECASE,
)
_BARE_ACTION = re.compile(
    r"^\w+(?:\s+(?:you|me|him|her|us))?(?:\s+(?:over|along|out|up|back|on))?$",
    re.IGNORECASE,
)


def _has_object(action: str) -> bool:
    """Whether the action says what: "send you" alone does not."""
    return _BARE_ACTION.match(DUE.sub("", action).strip()) is None


def _inside_conversation(action: str) -> bool:
    """ "let me know", "mention I was ...", "ask you a question": said for now, not owed later."""
    low = action.lower()
    return bool(
        re.match(r"(?:let me know|mention (?:that )?I\b|ask (?:you|a|about))", low)
        or re.match(r"let you know (?:that|about)\b", low)
    )


def _request(
    sentence: str,
    speaker: str,
    listener: str | None,
    start: float | None,
    after: object,
) -> Commitment | None:
    if listener is None:
        return None
    imperative = _IMPERATIVE.match(sentence)
    if imperative is not None:
        rest = sentence[imperative.start("verb") :]
        verb = imperative.group("verb").lower()
        action = swap_person(_cut(rest))
        return _make(listener, speaker, action, verb, "request", sentence, speaker, start)
    ask = _ASK.search(sentence)
    if ask is None or getattr(after, "speaker", None) != listener:
        return None
    reply_text = str(getattr(after, "text", ""))
    first = next(iter(_SENTENCE.finditer(reply_text)), None)
    reply = first.group().strip() if first else ""
    if not _ACCEPT.match(reply) or _PROMISE.search(reply_text[: len(reply) + 200]):
        return None  # declined, or the reply makes its own promise (found there)
    if ask.group("verb"):
        verb = ask.group("verb").lower()
        rest = sentence[ask.start("verb") :]
    else:
        verb = _base(ask.group("ing"))
        if verb is None:
            return None
        rest = verb + sentence[ask.end("ing") :]
    action = swap_person(_cut(rest.rstrip("?")))
    return _make(listener, speaker, action, verb, "request", sentence, speaker, start, reply)


def _base(gerund: str) -> str | None:
    stem = gerund.lower()[:-3]
    for candidate in (stem, stem + "e", stem[:-1]):
        if candidate in _FOLLOW_UP_VERBS:
            return candidate
    return None


def _cut(text: str) -> str:
    """The action up to the end of its clause, without the closing punctuation."""
    text = text.strip()
    end = _CLAUSE_END.search(text)
    if end is not None:
        text = text[: end.start()]
    return text.rstrip(" ,.;:!?")


def _due_suffix(text: str) -> str:
    due = DUE.search(text)
    return f" {due.group()}" if due is not None else ""


def _make(
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
    due = DUE.search(action)
    return Commitment(
        by=by,
        to=to,
        action=action,
        due=due.group() if due is not None else None,
        kind=kind,
        verb=verb,
        quote=sentence,
        said_by=said_by,
        start_s=start,
        reply=reply,
    )


def _dedupe(found: list[Commitment]) -> list[Commitment]:
    out: list[Commitment] = []
    seen: set[tuple[str, str]] = set()
    for c in found:
        key = (c.by, c.action.lower())
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


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
