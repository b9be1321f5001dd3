"""What a speaker promises in one sentence (private to ``twoway.followup``).

A follow-up verb ("I'll send you ...", "let me check ..."), any first-person future deed ("I'll
bring my certification"), "expect an email from me", "you'll hear from us", and a named third
party ("Deb in our office will send you ..."); and what looks like a promise but is not: a
hedge, a report, words in quotation marks, a pleasantry, something done now, a plan of one's
own, a vague social plan, a promise waiting on an open outcome. Docs: docs/follow-up.md,
"Commitments". Pure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from twoway.followup._antecedents import Context, last_person
from twoway.followup._commitment import (
    ADVERBS,
    FOLLOW_UP_VERBS,
    PRONOUN_OBJECT,
    VERB_ALT,
    YOU,
    Commitment,
    cut,
    due_suffix,
    has_object,
    make,
)
from twoway.followup._due import due_phrase

# "What I will do is send you the outline": the deed after "is" is promised.
_CLEFT = (
    r"what (?:I|we)(?:'ll| will| can| could|'m going to|'re going to) do(?:,? though)?(?:,|\s+—)?"
    r"\s+is(?: to)?"
)
# The owner speaking: "I'll", "we can", "let me", "I'm happy to", "I'd be glad to"...
_PROMISE = re.compile(
    r"(?<![\w'])(?:(?:I|we)(?:'ll| will| can| could|'m going to| am going to|'re going to|"
    r" are going to|'d be (?:happy|glad|more than happy) to|'m (?:happy|glad) to|"
    r" am (?:happy|glad) to|'re (?:happy|glad) to| would be (?:happy|glad) to)|let me|"
    rf"{_CLEFT}|(?<=^)(?:happy|glad) to)\s+" + ADVERBS + rf"(?P<verb>{VERB_ALT})\b",
    re.IGNORECASE,
)
# "You'll hear from us by Wednesday", "you should hear from me by Friday": the speaker owes it.
_HEAR_FROM = re.compile(
    r"\byou(?:'ll| will| should|'re going to| are going to) hear (?:back )?from "
    r"(?P<who>us|me|[^,.;!?]+?)(?=\s+(?:to|about|by|within|in|this|next|tomorrow|today|tonight|"
    r"soon|shortly|on|before|after|regarding|with|probably|either)\b|\s*[,.;!?—–]|\s*$)",
    re.IGNORECASE,
)
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
# "..., if that works?": a promise with a tag question is still a promise.
_TAG = re.compile(
    r",?\s*(?:if (?:that|this)(?:'s| is)? (?:works?|okay|ok|alright|all right|fine|good)"
    r"(?: (?:for|with) you)?|(?:is|would) that (?:be )?(?:okay|ok|alright|all right|fine|work)"
    r"|does that work(?: for you)?|okay|ok|right|sound good|if you don't mind)\?$",
    re.IGNORECASE,
)
# A vague social plan: "we must have a glass of wine sometime, I'll show you the real Lisbon".
_SOCIAL = re.compile(
    r"\b(?:sometime|some time|one of these days|at some point|someday|one day)\b", re.IGNORECASE
)
_SOCIAL_PLAN = re.compile(
    r"\b(?:drinks?|glass of wine|wine|beers?|pint|coffee|lunch|dinner|brunch|supper|souper|"
    r"meal|catch up|hang out|get together|scoff|bite|pizza|flat white|cuppa|brew|tea)\b",
    re.IGNORECASE,
)
# A treat on an occasion that may never come: "if you're ever in Christchurch, I'll shout you a
# flat white".
_SOMEDAY = re.compile(
    r"\bif you(?:'re| are)? ever\b|\bif you ever\b|\bnext time you(?:'re| are) in\b|"
    r"\bwhenever you(?:'re| are) in\b",
    re.IGNORECASE,
)
# A promise of one's own said as a check: "Yeah, I'll be there Saturday, four-thirty?".
_CHECKED = re.compile(
    r"^(?:(?:yeah|yes|yep|sure|okay|ok|right|great|perfect),?\s+)?I(?:'ll| will)\s", re.IGNORECASE
)
# A hedge over the whole sentence: "Maybe later, when I'm settled, I'll bring them", "I reckon I
# can get you forty-six".
_HEDGED = re.compile(
    r"^(?:maybe|perhaps|possibly)\b|\b(?:I reckon|I guess|I suppose|I bet)\b", re.IGNORECASE
)
# An outcome nobody has decided yet: the promise waits on it ("if something comes up, I can pass
# it to HR", "if she wants to continue, Elke will send you a task").
_OUTCOME = re.compile(
    r"\b(?:if|in case|should) (?:something|anything|a (?:[\w-]+ )?(?:role|position|spot|vacancy|"
    r"job)|an opening|headcount) (?:comes? up|opens?(?: up)?|frees? up|becomes? available)\b"
    r"|\bif (?:there's|there is|there are) (?:a|an|any) (?:[\w-]+ ){0,2}(?:role|position|opening|"
    r"vacancy|vacancies|job|contract|spot)\b"
    r"|\bif (?:it's|it is) (?:good news|a yes|positive)\b"
    r"|\bif (?:it|things) (?:goes|go|work|works|turn|turns) (?:well|out|ahead)\b"
    r"|\bif (?:he|she|they|we|(?-i:[A-Z])\w+) (?:wants?|decides?|chooses?|agrees?) to (?:continue|"
    r"proceed|move forward|go ahead|hire|take it further)\b"
    r"|\bif (?:you|he|she|they) (?:get|gets) (?:the job|the role|an offer|through|shortlisted|"
    r"selected)\b|\bif you(?:'re| are) (?:successful|selected|shortlisted|offered)\b",
    re.IGNORECASE,
)
# What the clause after a deed may say of its time: "I'll set you up, you'll get an email from
# our registrar by Friday", "I'll let you know how it goes — I'm aiming for the end of January".
_THEN = re.compile(
    r"^\s*[,;—–-]+\s*(?:and\s+)?(?:you'll|you will|you should|it'll|it will|that'll|"
    r"I'm aiming|I'm hoping|I'm planning|hopefully|I'll aim|aiming|probably|ideally)\b[^.!?]*",
    re.IGNORECASE,
)


# An offer, which the listener may take or decline: "I can ...", "I'm happy to ...", "what I
# can do is ...", or any deed "if you want" / "if that helps".
_OFFER_MODAL = re.compile(
    r"(?:\b(?:I|we)\s+(?:can|could)|\b(?:happy|glad) to|\bwhat (?:I|we) (?:can|could) do\b[^.!?]*)"
    r"\s+(?:(?:also|just|definitely|always|easily)\s+)*$",
    re.IGNORECASE,
)
_IF_YOU_WANT = re.compile(
    r"\bif you (?:want|like|'d like|need|wish)\b|\bif (?:that|it)(?:'s| is| would be)? "
    r"(?:helps|helpful|useful)\b|\bif that would help\b",
    re.IGNORECASE,
)


def sentence_promises(
    sentence: str,
    speaker: str,
    listener: str | None,
    start: float | None,
    names: Sequence[str],
    context: Context = (),
) -> list[tuple[int, Commitment, bool]]:
    """The speaker's promises in ``sentence`` (and the third parties they name), as (offset of
    the deed, commitment, whether it is an offer), in the order said. ``context`` is what was
    said before the sentence, nearest first: who a third party's "he" or "she" is."""
    text = sentence.rstrip()
    if text.endswith("?"):
        tag = _TAG.search(text)
        if tag is not None:
            text = text[: tag.start()] + "."
        elif _CHECKED.match(text):
            text = text[:-1] + "."
        else:
            return []  # "Can I send you ...?" asks; the answer decides
    if (_SOCIAL.search(text) or _SOMEDAY.search(text)) and _SOCIAL_PLAN.search(text):
        return []
    found: list[tuple[int, Commitment]] = []
    for match in _PROMISE.finditer(text):
        made = _follow_up(text, match, speaker, listener, start, sentence)
        if made is not None:
            found.append((match.start("verb"), made))
    taken = {at for at, _ in found}  # a follow-up verb is not found twice
    found.extend(
        (at, c)
        for at, c in _volitional(text, speaker, listener, start, sentence)
        if at not in taken
    )
    if not found:
        found.extend(_expected(text, speaker, listener, start, sentence))
    hear = _HEAR_FROM.search(text)
    if hear is not None and not any(at >= hear.start() for at, _ in found):
        found.append((hear.start(), _heard(hear, text, speaker, listener, start, sentence, names)))
    # Quoted words, a promise waiting on an open outcome, or one governed by "she said" or
    # "maybe" are not the speaker's promise.
    found = [
        (at, c)
        for at, c in found
        if not (
            _quoted(text, at)
            or _OUTCOME.search(text[:at])
            or _NOT_MINE.search(text[:at])
            or _RETOLD.search(text[:at])
            or _HEDGED.search(text[:at])
        )
    ]
    found.sort(key=lambda f: f[0])
    joined = _joined(found)
    joined.extend(_third_parties(text, speaker, listener, start, sentence, names, context))
    joined.sort(key=lambda f: f[0])
    out: list[tuple[int, Commitment, bool]] = []
    for at, c in joined:
        if c.due is None and (invited := _INVITED.search(text[:at])) is not None:
            c = replace(c, due=due_phrase(invited.group()))  # "Come in Saturday and I'll ..."
        tail = c.action[-20:]
        end = text.find(tail, at)
        after = text[end + len(tail) :] if end >= 0 else ""
        if c.due is None and (then := _THEN.match(after)) is not None:
            c = replace(c, due=due_phrase(then.group()))  # "..., you'll get an email by Friday"
        offer = bool(_OFFER_MODAL.search(text[:at]) or _IF_YOU_WANT.search(text))
        out.append((at, c, offer))
    return out


def _heard(
    hear: re.Match[str],
    text: str,
    speaker: str,
    listener: str | None,
    start: float | None,
    sentence: str,
    names: Sequence[str],
) -> Commitment:
    """ "You'll hear from us by Wednesday": the speaker owes it; "from Ruth Abernethy": she does;
    "from Shay's coordinator to book a panel": the speaker owes having them get in touch."""
    who = hear.group("who").strip()
    rest = cut(text[hear.end() :])
    if who.lower() in ("us", "me"):
        action = "get back to you" + due_suffix(rest)
        return make(speaker, listener, action, "get", "promise", sentence, speaker, start)
    if re.fullmatch(_NAME, who) and who.split()[0] not in _NOT_A_NAME:
        action = f"get in touch with you {rest}".strip()
        owner = _full_name(who, names)
        return make(owner, listener, action, "get", "reported", sentence, speaker, start)
    action = f"have {who} get in touch {rest}".strip()
    return make(speaker, listener, action, "have", "promise", sentence, speaker, start)


def _follow_up(
    text: str,
    match: re.Match[str],
    speaker: str,
    listener: str | None,
    start: float | None,
    sentence: str,
) -> Commitment | None:
    verb = match.group("verb").lower()
    rest = text[match.start("verb") :]
    if not re.match(rf"{re.escape(verb)}\b{FOLLOW_UP_VERBS[verb]}", rest, re.IGNORECASE):
        return None
    action = cut(rest)
    if verb in ("let", "mention", "ask") and _inside_conversation(action):
        return None
    if _NOT_OWED.search(text[max(0, match.start() - 30) : match.start()]):
        return None  # "this isn't something I can make a decision on", "maybe we can ..."
    if re.match(r"we (?:can|could)\b", match.group(), re.IGNORECASE) and not YOU.search(action):
        return None  # "we can ask Tony if there's an update": a suggestion, not a promise
    if _IN_MEETING.search(action) or _FIGURE.match(action) or _RIGHT_NOW.search(action):
        return None  # "I'll share it here", "let me get you something to drink"
    if not has_object(action):
        # "... a couple of Slack groups that I can send you.": the object came first.
        before = _RELATIVE.search(text[: match.start()])
        if before is None:
            return None
        action = f"{action} {before.group('np')}"
    return make(speaker, listener, action, verb, "promise", sentence, speaker, start)


def _quoted(text: str, at: int) -> bool:
    """Whether ``at`` is inside quotation marks: reported words ("he said, "I'll ...""), not a
    promise of the speaker's."""
    head = text[:at]
    return head.count('"') % 2 == 1 or head.count("“") > head.count("”")


# Any first-person future or volitional verb ("I'll bring my certification", "I'm going to do
# the trial", "I'll have HR reach out"): a commitment unless the verb is said for now ("I'll be
# honest", "I'll take that", "I'm going to grab a tea") or the clause around it makes it a
# hedge, a report or a hypothetical. "We" counts only with a verb aimed at the listener ("we'll
# let all candidates know"): "we're going to hire in the spring" is a plan, not a promise.
_VOLITIONAL = re.compile(
    r"(?<![\w'])(?:(?P<subject>I|we)(?:'ll| will|'m going to| am going to|'m gonna|"
    r"'re going to| are going to)|(?:count|rely) on (?P<object>me|us) to|(?P<vow>I) promise to|"
    rf"(?P<cleft>{_CLEFT}))"
    r"\s+(?P<adverbs>" + ADVERBS + r")(?P<verb>[a-z]+)\b(?P<rest>[^.!?]*)",
    re.IGNORECASE,
)
# Verbs that, after "I'll", speak about the conversation itself or a state, not a deed owed; and
# pleasantries ("I'll pray for her", "I'll cross my fingers").
_NOW_VERBS = frozenset(
    "be just say tell admit guess bet need have_to try stop keep leave give start go answer "
    "ask explain think miss remember believe know see grab pull wrap hand jump turn walk "
    "put take let tell probably never not definitely also add mention repeat shut hang "
    "sound hope love like want wait die lose win stay live talk flag interrupt pause read "
    "circle note jot apologise apologize pray cross root wish beat hold order pop "
    "drink eat sit".split()
)
# What a speaker tells now rather than later: "I'll give you the guts of it".
_TELLING = (
    r"(?:quick|short|brief|long|high-level|full|gist|guts|rundown|lowdown|overview|background|"
    r"context|summary|highlights|basics|breakdown|picture|version|story|lay|tour|headline|"
    r"elevator|bad news|good news|spiel|pitch|floor|mic|benefit|answer|truth)"
)
# Verbs kept after "I'll" only with a listener- or follow-up-shaped continuation.
_NOW_EXCEPT = re.compile(
    r"^(?:be (?:there|reaching out|sending|in touch)\b|"
    r"tell (?:you|him|her|them) (?:what|which|when|where|how|if|whether)\b|"
    r"tell (?:him|her|them|(?-i:[A-Z])[\w'-]+) (?:about you|to\b|that you\b)|"
    r"take (?:the|a|an|my|your|that) (?!look|second|minute|moment|break|stab|guess|note)\w+|"
    r"give (?:you|him|her|them) (?:a call|a ring|a shout|a heads-up|(?:some |my |honest |"
    r"blunt |detailed |written |real |proper |quick )*(?:feedback|notes|comments|pointers)\b|"
    r"my\b|access|the (?!" + _TELLING + r"\b)\w+)|"
    r"put (?:your|you|his|her|their) name (?:in|down|forward)|put in a (?:good )?word\b|"
    r"put together\b|pull together\b|put (?:you|him|her|them) (?:on|through|forward|in front)\b|"
    r"talk (?:to|with) (?!you\b)\w+|keep (?:you|an eye out)|flag (?:your|you)\b|"
    r"add (?:you|your)\b|"
    r"let (?:you|all|the|everyone|each|them|him|her)\b[^.!?]{0,40}\bknow)",
    re.IGNORECASE,
)
_WE_VERBS = frozenset(
    "let get send email call ring phone reach contact circle follow set schedule have invite "
    "reply share be text confirm update".split()
)
# Follow-up verbs whose guard in FOLLOW_UP_VERBS marks the use said for now ("share a bit",
# "look it up"); the others' guards only narrow the follow-up list.
_GUARDED = frozenset(
    "share look check ask mention dig pass set follow loop write make call text invite "
    "recommend refer introduce intro connect reach ring phone".split()
)
# A deed that is owed even when it names neither the listener nor a time: what a person
# brings, returns, completes, sends, or asks someone else.
_DELIVERABLE = frozenset(
    "bring return complete submit apply sign register enrol enroll attend finish read watch "
    "prepare update redo revise fill scan upload print book reserve follow reach contact call "
    "ring phone ping message text ask raise mention put pull talk dig look check find email "
    "send share forward pass introduce connect loop write draft review schedule set confirm "
    "arrange organise organize flag post mail drop flick sort come stop swing have make "
    "speak tell see telephone propose suggest present pitch".split()
)
# A report, a hedge or a hypothetical governs the "I'll": "if I say I'll ...", "I always said
# I'd", "maybe I'll", "I might", "if it were up to me".
_NOT_MINE = re.compile(
    r"\b(?:say|said|says|saying|told \w+|tell \w+|promised(?! you)|thought|think|wish|hope|"
    r"maybe|perhaps|might|probably|if it were|if I were|would|wonder)\b[^,.;!?]{0,25}$",
    re.IGNORECASE,
)
# Someone else's promise, retold: "The gaffer said to me in the summer, Stevie, I'll get you a
# second analyst", "My professor told me, I will write you a letter".
_RETOLD = re.compile(
    r"\b(?:said|says|told|tells|used to say|would say|kept saying|keeps saying|goes|went)"
    r"(?:\s+to)?\s+(?:me|us|him|her|them)\b[^.!?]{0,60}$",
    re.IGNORECASE,
)
_FIGURE = re.compile(
    r"^(?:be (?:honest|frank|brief|quick|upfront|straight|real|the first|fine|okay|ok|good|"
    r"great|happy|glad|curious)|believe it|know (?:to|when|it)|take (?:that|it)\b|"
    r"see (?:how|what|if|whether)\b|tell you (?:about|a|this|that|one|the)\b|"
    r"talk (?:fast|quickly|slowly)|have to\b|get there\b|go ahead\b|"
    r"do (?:a )?(?:little )?(?:bit of )?(?:a )?(?:walkthrough|demo|recap|intro)\b|"
    r"stop (?:the|my) (?:recording|share|zoom|meeting)|do (?:my|our) best|do (?:it|that|this)\b|"
    r"(?:get|grab|make|have|order|fetch|pour) (?:(?:you|us|me) )?(?:a|an|some|something|my|"
    r"another|the|us) (?:[\w-]+ ){0,2}?"
    r"(?:coffee|tea|chai|latte|cappuccino|espresso|flat white|water|juice|beer|wine|drink|"
    r"refill|snack|bite|sandwich|muffin|scone|pastry|croissant|cake|cookie|soda|smoothie|cup|"
    r"glass|pint|menu|bill|check|table|seat|to drink|to eat)s?\b"
    r"(?=\s*(?:[,.;!?—–]|$|(?:while|and|first|real quick|quickly|now|for you)\b))|\w+\s*[,;:])",
    re.IGNORECASE,
)
# Said of this very moment: "hang on", "one sec".
_RIGHT_NOW = re.compile(
    r"\b(?:hang on|hold on|one sec(?:ond)?|be right back|give me a (?:sec|second|minute))\b"
    r"|\b(?:right )?now$|^(?:stick|hang|put) (?:it|that|your coat|them) (?:on|in|up|over)\b"
    r"|^(?:get|grab) (?:it|this|that|the bill|the check)$",
    re.IGNORECASE,
)


def _volitional(
    text: str,
    speaker: str,
    listener: str | None,
    start: float | None,
    sentence: str,
) -> list[tuple[int, Commitment]]:
    out: list[tuple[int, Commitment]] = []
    for match in _VOLITIONAL.finditer(text):
        verb = match.group("verb").lower()
        action = cut(text[match.start("verb") :])
        guarded = verb in _GUARDED
        if guarded and not re.match(
            rf"{re.escape(verb)}\b{FOLLOW_UP_VERBS[verb]}", action, re.IGNORECASE
        ):
            continue  # "I'll share a bit", "I'll check": the guard says it is for now
        subject = (match.group("subject") or match.group("object") or "I").lower()
        if subject in ("we", "us") and verb not in _WE_VERBS:
            continue
        if _FIGURE.match(action) or _IN_MEETING.search(action) or _RIGHT_NOW.search(action):
            continue
        if re.search(r"\btry to\b", match.group("adverbs"), re.IGNORECASE) and (
            verb not in FOLLOW_UP_VERBS
        ):
            continue  # "I'll try to do the branching scenario first": a hedge
        before = text[: match.start()]
        # "Come in Saturday and I'll put you on the floor": an invitation with a time makes
        # even a verb said for now ("walk you through", "put you on") a later deed.
        invited = _INVITED.search(before) is not None
        if verb in _NOW_VERBS and not invited and not _NOW_EXCEPT.match(action):
            continue
        if _NOT_OWED.search(before[-30:]) or _NOT_MINE.search(before):
            continue
        if not has_object(action) and not re.match(r"be there\b", action, re.IGNORECASE):
            continue
        if not invited and not _owed(action, verb):
            continue  # "I'm going to close the salon": a plan of one's own, not owed
        made = make(speaker, listener, action, verb, "promise", sentence, speaker, start)
        out.append((match.start("verb"), made))
    return out


_NAMED = re.compile(r"\b(?:with|to|for|from|in)\s+(?-i:[A-Z][\w'-]+)")


def _owed(action: str, verb: str) -> bool:
    """Whether a first-person deed is owed to someone: it reaches the listener, has a time,
    refers to something already named ("raise it with Markus"), names a person, or is a deed
    that is delivered (bring, return, complete...)."""
    return bool(
        verb in _DELIVERABLE
        or YOU.search(action)
        or due_phrase(action)
        or PRONOUN_OBJECT.match(action)
        or re.match(r"\w+\s+(?:him|her)\b", action, re.IGNORECASE)
        or _NAMED.search(action)
        or re.match(r"be there\b", action, re.IGNORECASE)
    )


# An imperative with a time, then "and I'll": "come out Thursday and I'll walk you through it".
_INVITED = re.compile(
    r"^(?:[\w\s,']*?,\s*|(?:and|so|then|oh|also)\s+)?"
    r"(?:come|stop|swing|drop|pop)\s+(?:in|by|out|over|down|up)\b"
    r"[^.!?]*?\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|"
    r"next week|this week|weekend)\b[^.!?]*(?:\band|,)\s+(?:(?:I|we)\b[^.!?,]{0,25})?$",
    re.IGNORECASE,
)


def _joined(promises: list[tuple[int, Commitment]]) -> list[tuple[int, Commitment]]:
    """A deed that does not reach the listener ("Let me loop in Dana, and we'll get back to you
    by Friday") is a step towards the next one in the same sentence: one commitment naming both,
    due when either is. Deeds that each reach the listener stay apart ("I'll submit your profile
    today, and I'll email you the job description")."""
    out: list[tuple[int, Commitment]] = []
    for at, c in promises:
        if out and out[-1][1].kind == "promise" and not YOU.search(out[-1][1].action):
            step_at, step = out.pop()
            c = replace(
                c, action=f"{step.action} and {c.action}", verb=step.verb, due=step.due or c.due
            )
            at = step_at
        out.append((at, c))
    return out


def _expected(
    text: str, speaker: str, listener: str | None, start: float | None, sentence: str
) -> list[tuple[int, Commitment]]:
    """ "Expect an email from me tonight": the speaker owes the email (or owes asking whoever
    they named to send it)."""
    offset = 0
    for part in re.split(
        r"(?<=[,;])\s+(?:and|but|so)\s+|^(?:and|but|so|oh|okay|great|perfect)\b[,\s]*",
        text.strip(),
        flags=re.IGNORECASE,
    ):
        offset = max(0, text.find(part, offset))
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
        made = make(speaker, listener, action, verb, "promise", sentence, speaker, start)
        return [(offset + match.start(), made)]
    return []


# A named person said to owe the listener something: "Deb Kowalczyk in our office will send you
# our benefits summary", "Tiago Fonseca, our HR and admin person, will call you", "Ruth will
# email you about the info session".
_NAME = (
    r"(?-i:(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+)?[A-ZÀ-ÖØ-Þ][\w'’-]+"
    r"(?:\s+(?:van der |van |de |da |del |von |bin |al-)?[A-ZÀ-ÖØ-Þ][\w'’-]+){0,2})"
)
_THIRD = re.compile(
    rf"(?P<who>{_NAME})"
    r"(?:,\s+(?:our|my|the|his|her|their|who)\b[^,.;!?]{1,60},"
    r"|\s+(?:in|from|at|on)\s+(?:our |the |my )?[\w&-]+(?:\s+(?-i:[A-Z])[\w&-]+)?"
    r"(?:\s+(?:team|office|department|desk|college|school|hospital|clinic|centre|center|site|"
    r"branch|depot|plant|unit|ward|campus))?)?"
    r"(?:,?\s+(?:will|is going to|is gonna|'s going to|'s gonna|should)|['’]ll)\s+"
    r"(?:(?:also|probably|definitely|then|personally)\s+)?(?P<verb>[a-z]+)\b(?P<rest>[^.!?]*)",
)
_THIRD_VERBS = frozenset(
    "send email e-mail call ring phone text contact reach get be follow set schedule book add "
    "forward share introduce connect invite write reply confirm let message ping drop mail "
    "arrange organise organize loop do leave put meet walk show give check".split()
)
# "she'll email you the induction checklist" after "Kylie, our pharmacy manager, ...": a
# third party named just before, as "he" or "she".
_PRONOUN_THIRD = re.compile(
    r"\b(?P<who>he|she)(?:['’]ll|\s+will|\s+is going to|\s+is gonna|['’]s going to|['’]s gonna)"
    r"\s+(?:(?:also|probably|definitely|then|personally)\s+)?(?P<verb>[a-z]+)\b",
    re.IGNORECASE,
)
_ORGANISATION = re.compile(
    r"\b(?:Office|Department|Dept|Team|Company|Bank|Agency|University|College|School|Centre|"
    r"Center|Board|Committee|Group|Services|Inc|Ltd|Corp|Council|Ministry|Hospital|Clinic|HR)\b"
)
_NOT_A_NAME = frozenset(
    "I We You He She They It This That There Then So And But Or Okay Yes Yeah Someone Somebody "
    "Everyone Nobody HR Monday Tuesday Wednesday Thursday Friday Saturday Sunday Next Our My "
    "The Which Who What Also Oh Well Now Anyway Honestly Actually Look Listen Right".split()
)


def _third_parties(
    text: str,
    speaker: str,
    listener: str | None,
    start: float | None,
    sentence: str,
    names: Sequence[str],
    context: Context = (),
) -> list[tuple[int, Commitment]]:
    out: list[tuple[int, Commitment]] = []
    matches = sorted(
        [*_THIRD.finditer(text), *_PRONOUN_THIRD.finditer(text)], key=lambda m: m.start()
    )
    for match in matches:
        who_said = match.group("who")
        if who_said.lower() in ("he", "she"):
            # "she'll email you ..." after "Kylie, our pharmacy manager": who was just named.
            earlier = [(text[: match.start()], speaker), *context]
            who_said = last_person(earlier, [speaker, *([listener] if listener else [])]) or ""
        words = who_said.split()
        if len(words) > 2 or not re.match(r"(?:Mr|Mrs|Ms|Miss|Dr)\.?$", words[0] if words else ""):
            words = re.sub(r"^(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+", "", who_said).split()
        # (a title with a surname alone stays: "Miss Gordon", "Mr Lim")
        while words and words[0] in _NOT_A_NAME:
            words.pop(0)  # "And Tasha Greene in HR is gonna ...": the name starts after "And"
        verb = match.group("verb").lower()
        if not words or verb not in _THIRD_VERBS or _ORGANISATION.search(" ".join(words)):
            continue  # "the Admission Office will send you ...": not a person
        who = " ".join(words)
        action = cut(text[match.start("verb") :])
        if verb == "be" and not re.match(
            r"be (?:in touch|in contact|reaching out|calling|contacting)\b", action
        ):
            continue
        if not YOU.search(action) and not re.match(
            r"(?:be in (?:touch|contact)|reach out|follow up|get in touch|"
            r"send (?:the|a|an) (?:calendar )?(?:invite|invitation|link))\b",
            action,
        ):
            continue
        before = text[: match.start()]
        if _quoted(text, match.start()) or _OUTCOME.search(before) or _NOT_MINE.search(before):
            continue
        owner = _full_name(who, names)
        if owner == speaker:
            continue
        made = make(owner, listener, action, verb, "reported", sentence, speaker, start)
        out.append((match.start("verb"), made))
    return out


def full_names(speakers: Sequence[str], texts: Sequence[str]) -> list[str]:
    """Speakers' names and the full names said in the conversation ("Ruth Abernethy")."""
    said = re.compile(rf"{_NAME}")
    found = list(speakers)
    for text in texts:
        found.extend(m.group() for m in said.finditer(text) if " " in m.group())
    return found


def _full_name(who: str, names: Sequence[str]) -> str:
    """``who`` as the fullest name the conversation gives them ("Ruth" -> "Ruth Abernethy")."""
    if " " in who:
        return who
    fuller = {
        n for n in names if n.split()[0] == who and " " in n and n.split()[1] not in _NOT_A_NAME
    }
    return fuller.pop() if len(fuller) == 1 else who


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


def _inside_conversation(action: str) -> bool:
    """ "let me know", "mention I was ...", "ask you a question": said for now, not owed later."""
    low = action.lower()
    return bool(
        re.match(r"(?:let me know|mention (?:that )?I\b|ask (?:you|a|about))", low)
        or re.match(r"let you know (?:that|about)\b", low)
    )
