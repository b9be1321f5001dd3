"""Promises, offers and requests made in a conversation: who owes what to whom, and by when.

``find_commitments(conversation, me)`` reads every speaker's sentences for three shapes
(docs/follow-up.md, "Commitments"):

* a **promise or offer** by the speaker: "I'll introduce you to Omar", "I can send you the
  write-up", "let me check with the hiring manager", "We'll get back to you by the end of next
  week", "I'm happy to review your case study";
* a **request** that makes the listener owe something: "send me the project", "Can you send me
  your portfolio by Thursday?", "Would you be open to looking at my portfolio?" (a question
  counts only when the listener's reply accepts it: "Sure, happy to.");
* any **first-person future deed** ("I'll bring my certification", "I'm going to do the trial
  and send you a draft", "I'll have HR reach out"), and "we'll" with a verb aimed at the
  listener ("We'll let all candidates know"); a conditional keeps its promise;
* not what a speaker does inside the conversation ("I'll be honest", "let me tell you about the
  team", "I'm going to grab a coffee"), a hedge ("maybe I'll"), a refusal ("I can't promise"),
  a report or hypothetical ("if I say I'll ..."), the past, or a question.

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
    "loop": r"(?=\s+(?:(?:you|him|her|them|me|us) in|in\s+(?!here\b|the chat\b)\w))",
    "text": r"(?=\s+(?:you|me|him|her|them)\b)",
    "dig": r"(?=\s+(?:out|up)\b)",
    "pass": r"(?=\s+(?:my|your|the|it|them|this|that|along|on)\b)",
    "submit": r"",
    "set": r"(?=\s+(?:(?:you|him|her|them|me|us)\s+)?up\b)",
    "schedule": r"",
    "check": r"(?=\s+(?:with|whether|if|on|in with)\b)",
    "ask": r"(?=\s+(?:the|my|our|him|her|them|around)\b)",
    "follow": r"(?=\s+up\b)",
    "get": r"(?=\s+back\b)",
    "let": r"(?=\s+(?:you|me) know\b)",
    "review": r"",
    "look": r"(?=\s+(?:at|over|through)\s+(?:your|my|it|the|them|that|this|both|those|these|all)"
    r"\b)",
    "add": r"(?=\s+(?:you|your|me|my)\b)",
    "mention": r"(?=\s+(?:you|your)\b)",
    "write": r"(?=\s+(?:up|you)\b)",
    "make": r"(?=\s+(?:(?:a|the|an) (?:decision|intro|introduction)|sure (?!I\b|I'm\b|of\b))\b)",
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
_PROCESS_VERBS = frozenset({"get", "make", "set", "schedule", "submit", "pass", "hear", "let"})
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
# "Expect an email from me tonight", "You can expect a call from Colleen in HR by Thursday": the
# speaker owes the message, sent by them or by someone they will ask.
_EXPECT = re.compile(
    r"(?<![\w'])(?:you(?:'ll| will| can| should)? )?"
    r"(?:expect|watch for|look out for|keep an eye out for) (?:an? |my |our )?"
    r"(?P<noun>e-?mail|text|call|message|note|invite|invitation|link|calendar invite)"
    r" from (?P<who>[^.!?]+?)(?P<rest>(?:,?\s+(?:by|about|with|tonight|tomorrow|today|this|next|"
    r"within|later|regarding|for|sometime|early|before|after|on (?=the|\w+day)|"
    r"in (?=the (?:morning|afternoon|evening)|an? (?:hour|day|week|few|couple)))\b[^.!?]*)?)[.!]?$",
    re.IGNORECASE,
)
_EXPECT_VERB = {
    "email": "email",
    "e-mail": "email",
    "text": "text",
    "call": "call",
    "message": "message",
}
# A request to the listener: an imperative at the start of a sentence, or a question.
_IMPERATIVE = re.compile(
    r"^(?:(?:oh|so|sure|yes|yeah|okay|ok|well|great|nice|perfect|and|in the meantime|"
    r"definitely|please|oh nice|meanwhile)\b[,\s]*)*(?:please\s+)?"
    r"(?P<verb>send|email|forward|share|text|shoot|drop)\s+(?=me\b|it\b|them\b|over\b|us\b)",
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
_MONTH = (
    r"(?:january|february|march|april|may(?= \d| the|,|$)|june|july|august|september|october|"
    r"november|december)"
)
DUE = re.compile(
    r"\b(?:(?:by|on|before|until)\s+(?:the\s+)?(?:end of (?:the |this |next )?(?:day|week|month)"
    r"|(?:this |next )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?: (?:morning|afternoon|evening|night))?"
    r"|tomorrow(?: (?:morning|afternoon|evening|night))?|tonight|today"
    r"|(?:the )?(?:first|second|third|\w+teenth|\w+tieth|\w+th|\d+(?:st|nd|rd|th))"
    r"|(?:mid-?|early |late )?" + _MONTH + r")"
    r"|(?:this|next)\s+(?:week|month|weekend|morning|afternoon|evening|year|monday|tuesday|wednesday|thursday|friday|saturday"
    r"|sunday)"
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
            if promised and _IMPERATIVE.match(sentence) is None:
                continue  # "Send it over, I'll tell you what I think": both owe something
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
    out = _joined(out)
    if not out:
        out.extend(_volitional(sentence, speaker, listener, start))
    if not out:
        out.extend(_expected(sentence, speaker, listener, start))
    hear = _HEAR_FROM.search(sentence)
    if hear is not None and not out:
        action = "get back to you" + _due_suffix(sentence[hear.end() :])
        out.append(_make(speaker, listener, action, "get", "promise", sentence, speaker, start))
    return out


# Any first-person future or volitional verb ("I'll bring my certification", "I'm going to do
# the trial", "I'll have HR reach out"): a commitment unless the verb is said for now ("I'll be
# honest", "I'll take that", "I'm going to grab a tea") or the clause around it makes it a
# hedge, a report or a hypothetical. "We" counts only with a verb aimed at the listener ("we'll
# let all candidates know"): "we're going to hire in the spring" is a plan, not a promise.
_VOLITIONAL = re.compile(
    r"(?<![\w'])(?:(?P<subject>I|we)(?:'ll| will|'m going to| am going to|'m gonna|"
    r"'re going to| are going to)|(?:count|rely) on (?P<object>me|us) to|(?P<vow>I) promise to)"
    r"\s+" + _ADVERBS + r"(?P<verb>[a-z]+)\b(?P<rest>[^.!?]*)",
    re.IGNORECASE,
)
# Verbs that, after "I'll", speak about the conversation itself or a state, not a deed owed.
_NOW_VERBS = frozenset(
    "be just say tell admit guess bet need have_to try stop keep leave give start go answer "
    "ask explain think miss remember believe know see grab pull wrap hand jump turn walk "
    "put take let tell probably never not definitely also add mention repeat shut hang "
    "sound hope love like want wait die lose win stay live talk flag interrupt pause read "
    "circle".split()
)
# Verbs kept after "I'll" only with a listener- or follow-up-shaped continuation.
_NOW_EXCEPT = re.compile(
    r"^(?:be (?:there|reaching out|sending)\b|"
    r"tell (?:you|him|her|them) (?:what|which|when|where|how|if|whether)\b|"
    r"take (?:the|a|an|my|your|that) (?!look|second|minute|moment|break|stab|guess|note)\w+|"
    r"give (?:you|him|her|them) (?:a call|a ring|a shout|a heads-up|feedback|my|access|"
    r"the (?!(?:quick|short|brief|long|high-level|full) )\w+)|"
    r"put (?:your|you|his|her|their) name (?:in|down|forward)|"
    r"put together\b|pull together\b|put (?:you|him|her|them) (?:on|through|forward|in front)\b|"
    r"talk (?:to|with) (?!you\b)\w+|keep (?:you|an eye out)|"
    r"let (?:you|all|the|everyone|each|them|him|her)\b[^.!?]{0,40}\bknow)",
    re.IGNORECASE,
)
_WE_VERBS = frozenset(
    "let get send email call reach contact circle follow set schedule have invite reply "
    "share be".split()
)
# Follow-up verbs whose guard in _FOLLOW_UP_VERBS marks the use said for now ("share a bit",
# "look it up"); the others' guards only narrow the follow-up list.
_GUARDED = frozenset(
    "share look check ask mention dig pass set follow loop write make call text invite "
    "recommend refer introduce intro connect reach".split()
)
# A report, a hedge or a hypothetical governs the "I'll": "if I say I'll ...", "I always said
# I'd", "maybe I'll", "I might", "if it were up to me".
_NOT_MINE = re.compile(
    r"\b(?:say|said|says|saying|told \w+|tell \w+|promised(?! you)|thought|think|wish|hope|"
    r"maybe|perhaps|might|probably|if it were|if I were|would|wonder)\b[^,.;!?]{0,25}$",
    re.IGNORECASE,
)
_FIGURE = re.compile(
    r"^(?:be (?:honest|frank|brief|quick|upfront|straight|real|the first|fine|okay|ok|good|"
    r"great|happy|glad|curious)|believe it|know (?:to|when|it)|take (?:that|it)\b|"
    r"see (?:how|what|if|whether)\b|tell you (?:about|a|this|that|one|the)\b|"
    r"talk (?:fast|quickly|slowly)|have to\b|get there\b|go ahead\b|"
    r"do (?:a )?(?:little )?(?:bit of )?(?:a )?(?:walkthrough|demo|recap|intro)\b|"
    r"stop (?:the|my) (?:recording|share|zoom|meeting)|do (?:my|our) best|do (?:it|that|this)\b|"
    r"(?:get|grab|make|have) (?:a|an|some|my|another) (?:coffee|tea|scone|water|drink|snack|"
    r"refill|bite|sandwich|muffin|cup)|\w+\s*[,;:])",
    re.IGNORECASE,
)


def _volitional(
    sentence: str, speaker: str, listener: str | None, start: float | None
) -> list[Commitment]:
    out: list[Commitment] = []
    for match in _VOLITIONAL.finditer(sentence):
        verb = match.group("verb").lower()
        action = _cut(sentence[match.start("verb") :])
        if verb in _GUARDED and not re.match(
            rf"{re.escape(verb)}\b{_FOLLOW_UP_VERBS[verb]}", action, re.IGNORECASE
        ):
            continue  # "I'll share a bit", "I'll check": the guard says it is for now
        subject = (match.group("subject") or match.group("object") or "I").lower()
        if subject in ("we", "us") and verb not in _WE_VERBS:
            continue
        if _FIGURE.match(action) or _IN_MEETING.search(action):
            continue
        before = sentence[: match.start()]
        # "Come in Saturday and I'll put you on the floor": an invitation with a time makes
        # even a verb said for now ("walk you through", "put you on") a later deed.
        invited = _INVITED.search(before) is not None
        if verb in _NOW_VERBS and not invited and not _NOW_EXCEPT.match(action):
            continue
        if _NOT_OWED.search(before[-30:]) or _NOT_MINE.search(before):
            continue
        if not _has_object(action) and not re.match(r"be there\b", action, re.IGNORECASE):
            continue
        made = _make(speaker, listener, action, verb, "promise", sentence, speaker, start)
        if invited and made.due is None and (due := DUE.search(before)) is not None:
            made = replace(made, due=due.group())
        out.append(made)
    return out


# An imperative with a time, then "and I'll": "come out Thursday and I'll walk you through it".
_INVITED = re.compile(
    r"^(?:[\w\s,']*?,\s*)?(?:come|stop|swing|drop|pop)\s+(?:in|by|out|over|down|up)\b"
    r"[^.!?]*?\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|"
    r"next week|this week|weekend)\b[^.!?]*\band\s+$",
    re.IGNORECASE,
)


def _joined(promises: list[Commitment]) -> list[Commitment]:
    """A deed that does not reach the listener ("Let me loop in Dana, and we'll get back to you
    by Friday") is a step towards the next one in the same sentence: one commitment naming both,
    due when either is. Deeds that each reach the listener stay apart ("I'll submit your profile
    today, and I'll email you the job description")."""
    out: list[Commitment] = []
    for c in promises:
        if out and not _YOU.search(out[-1].action):
            step = out.pop()
            c = replace(
                c, action=f"{step.action} and {c.action}", verb=step.verb, due=step.due or c.due
            )
        out.append(c)
    return out


_YOU = re.compile(r"\b(?:you|your|yours|yourself)\b", re.IGNORECASE)


def _expected(
    sentence: str, speaker: str, listener: str | None, start: float | None
) -> list[Commitment]:
    """ "Expect an email from me tonight": the speaker owes the email (or owes asking whoever
    they named to send it)."""
    clause = re.split(
        r"(?<=[,;])\s+(?:and|but|so)\s+|^(?:and|but|so|oh|okay|great|perfect)\b[,\s]*",
        sentence.strip(),
        flags=re.IGNORECASE,
    )
    for part in clause:
        match = _EXPECT.search(part.strip())
        if match is None or _NOT_OWED.search(part[: match.start()]):
            continue
        noun = match.group("noun").lower()
        verb = _EXPECT_VERB.get(noun, "send")
        article = "an" if noun[:1] in "aeiou" else "a"
        deed = f"{verb} you" if verb != "send" else f"send you {article} {noun}"
        who = match.group("who").strip(" ,")
        rest = match.group("rest").rstrip(" .!")
        if who.lower() in ("me", "us", "myself"):
            action = f"{deed}{rest}"
        else:
            action = f"have {who} {deed}{rest}"
        return [_make(speaker, listener, action, verb, "promise", sentence, speaker, start)]
    return []


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
        action = action[:1].lower() + action[1:]
        if not _has_object(action) or _PERMISSION.match(sentence):
            return None  # "Email me.", "Sure, send them.": an invitation or a yes, not a task
        if _answered_with_promise(after, listener):
            return None  # "Yes, I'll send them tonight": the reply's promise is the commitment
        return _make(listener, speaker, action, verb, "request", sentence, speaker, start)
    ask = _ASK.search(sentence)
    if ask is None or getattr(after, "speaker", None) != listener:
        return None
    reply_text = str(getattr(after, "text", ""))
    first = next(iter(_SENTENCE.finditer(reply_text)), None)
    reply = first.group().strip() if first else ""
    if not _ACCEPT.match(reply) or _answered_with_promise(after, listener):
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


def _answered_with_promise(after: object, listener: str) -> bool:
    """Whether the listener's next turn opens with a promise of their own ("Yes. Count on me to
    send them within the hour."), which then stands for the request."""
    if getattr(after, "speaker", None) != listener:
        return False
    head = str(getattr(after, "text", ""))[:240]
    if _PROMISE.search(head):
        return True
    return any(_promises(m.group().strip(), listener, None, None) for m in _SENTENCE.finditer(head))


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
