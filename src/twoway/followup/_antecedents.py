"""What a promise's "it", "those" or "her" points back to, so the follow-up says what is owed.

"I'll send it over early next week" means nothing in a note or a follow-up list; the sentences
before it say what "it" is ("you mentioned an evaluation"). Likewise "I'll introduce you to her"
after "I know Line Østergaard, she runs a small studio". The resolver looks back through the
owner's own turn and the two turns before it, nearest first, for

* a **thing** for "it", "them", "those", "that" as the object: the last noun phrase with a
  determiner whose head is something one sends, brings or reviews ("an evaluation", "your
  forklift cert", "a writing sample"), taken as "the ..." and seen from the owner's side;
* a **person** for "her" or "him" as an object, and "his" or "her" before a noun: the last
  personal name said ("Mariana", "Line Østergaard"), not a speaker, a place after "in" or
  "at", or an acronym.

When nothing fits, the action is left as it was (the note then leaves it out). Pure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from twoway.followup._commitment import Commitment, swap_person

__all__ = ["Context", "last_person", "resolve_references"]

Context = Sequence[tuple[str, str | None]]  # (text, speaker), nearest first

# Things a follow-up sends, brings, reads or reviews.
_THING_HEADS = (
    r"case study|case|test|tests|sample|samples|cert|certs|certificate|certificates|"
    r"certification|cv|cvs|c\.v\.|résumé|resume|portfolio|link|links|article|articles|paper|"
    r"papers|evaluation|report|reports|draft|drafts|deck|slides|slide deck|list|lists|document|"
    r"documents|doc|docs|guide|guidelines|number|numbers|contact|contacts|details|form|forms|"
    r"application|assessment|exercise|task|brief|proposal|plan|notes|template|templates|"
    r"spreadsheet|excel|file|files|copy|copies|letter|letters|reference|references|transcript|"
    r"transcripts|licence|license|ticket|tickets|availability|schedule|photos|pictures|code|"
    r"repo|project|projects|questions|book|books|podcast|video|videos|website|course|courses|"
    r"programme|program|description|jd|posting|ad|pack|packet|summary|write-up|writeup|study|"
    r"handbook|manual|checklist|calcs|calculations|drawings|designs|pitch|pitches|piece|pieces|"
    r"chapter|thesis|dissertation|budget|spec|specs|examples|recording|recordings|invite|"
    r"invitation|paperwork|results|scheme|info|information|material|materials"
)
# What a thing named back can start with: an article, a possessive, a demonstrative, a number.
_DET = r"a|an|the|my|your|our|this|that|these|those|two|three|four|five|a few|a couple of"
_THING = re.compile(
    r"\b(?P<det>" + _DET + r")\s+"
    r"(?P<mods>(?:[\w'-]+\s+){0,3}?)(?P<head>" + _THING_HEADS + r")\b(?![\w'-])",
    re.IGNORECASE,
)
# Any object of a sending verb: "send me three clips", "bring your knives".
_SENT = re.compile(
    r"\b(?:send|share|forward|bring|email|e-mail|mail|get|give|pass|drop)\s+"
    r"(?:(?:me|you|us|him|her)\s+)?(?P<det>" + _DET + r")\s+"
    r"(?P<mods>(?:[\w'-]+\s+){0,2}?)(?P<head>[\w'-]+)"
    r"(?=\s*(?:[,.;!?]|$|\s+(?:to|by|for|on|in|at|when|before|after|tonight|today|tomorrow)\b))",
    re.IGNORECASE,
)
_SKIP_MODIFIER = re.compile(r"\b(?:of|to|for|with|and|or|that|which|it|is|was)\b", re.IGNORECASE)

# "send it over", "get you those by Monday", "bring it Thursday", "send that on to you".
_PRONOUN_OBJECT = re.compile(
    r"^(?P<verb>send|bring|forward|email|e-mail|share|return|get|give|pass|drop|post|mail|"
    r"upload|submit|finish|complete|read|review|look|print|scan|attach|fill)\s+"
    r"(?:(?:you|me|him|her|us)\s+)?(?P<pronoun>it|them|those|these|that)"
    r"(?=\s*$|\s+(?:over|up|out|back|through|along|on|to|by|in|at|this|next|tonight|today|"
    r"tomorrow|first|before|after|when|once|as|within|early|later|on|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday)\b)",
    re.IGNORECASE,
)
# "introduce you to her", "put you in touch with her", "tell her about you", "ask her to".
_PERSON_OBJECT = re.compile(
    r"\b(?:to|with|tell|ask|text|email|call|introduce you to|connect you with)\s+"
    r"(?P<pronoun>her|him)\b(?!\s+(?:own|number|email|details|contact|card)\b)",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(
    r"\b(?P<pronoun>his|her)\s+(?=(?:number|email|details|contact|card|phone|address|info)\b)",
    re.IGNORECASE,
)

# A personal name: capitalised words ("Mariana", "Line Østergaard", "Pierre-Luc").
_NAME = re.compile(r"(?<![\w'-])(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})")
_NOT_NAME_BEFORE = re.compile(
    r"(?:\b(?:at|from|on|near|the|a|an|of|for|by|into|via|with the|moved to|move to|"
    r"trip to|flew to|go to|went to|drive to|back to)\s+|(?<!loop )(?<!bring )(?<!pull )\bin\s+|"
    r"[#@])$"
)
_NAME_AFTER = re.compile(
    r"(?:,|'s\b|’s\b|\s+(?:will|is|was|runs|ran|leads|coordinates|manages|handles|can|could|"
    r"does|did|has|had|knows|said|says|would|should)\b)"
)
_COMMON = frozenset(
    """i i'm i'll i've i'd and but so the a an okay ok yes yeah no oh um uh well look right
    sure great good thanks thank perfect then now also there here this that what when where
    who how why if because it it's its we we're we'll they she he you your my our his her
    their monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december christmas easter mr mrs ms dr
    hr it's let let's just maybe honestly absolutely definitely anyway actually second first
    third next last one two three four five six seven eight nine ten hi hello hey bye cheers
    wow ah ha hmm please of in on at for to with from by as not don't do does did is are was
    were be been have has had will would can could should might must english french spanish
    german linkedin zoom teams google excel word powerpoint slack whatsapp email""".split()
)


def resolve_references(c: Commitment, context: Context, speakers: Sequence[str]) -> Commitment:
    """``c`` with a bare "it"/"those" replaced by the thing it points back to, and "her"/"him"
    (or "his number") by the person named just before, when the context says so."""
    action = c.action
    match = _PRONOUN_OBJECT.match(action)
    if match is not None:
        thing = _last_thing(context, c.by)
        if thing is not None:
            action = action[: match.start("pronoun")] + thing + action[match.end("pronoun") :]
    person = None
    for pattern, possessive in ((_PERSON_OBJECT, False), (_POSSESSIVE, True)):
        found = pattern.search(action)
        if found is None:
            continue
        person = person or last_person(context, speakers)
        if person is None:
            break
        said = person + ("'s" if possessive else "")
        action = action[: found.start("pronoun")] + said + action[found.end("pronoun") :]
    # "complete the assessment link": one completes the assessment, not its link.
    action = re.sub(
        r"^((?:complete|finish|fill out|fill in|do|take)\s+the\s+[\w\s-]*?)\s+link\b",
        r"\1",
        action,
        flags=re.IGNORECASE,
    )
    return c if action == c.action else replace(c, action=action)


def _last_thing(context: Context, owner: str) -> str | None:
    for text, speaker in context:
        found = [
            m
            for pattern in (_THING, _SENT)
            for m in pattern.finditer(text)
            if not _SKIP_MODIFIER.search(m.group("mods"))
        ]
        if not found:
            continue
        m = max(found, key=lambda m: m.start("head"))
        det = m.group("det").lower()
        phrase = m.group("mods") + m.group("head")
        if det in ("my", "your", "our"):
            np = f"{m.group('det')} {phrase}"
            if speaker is not None and speaker != owner:
                np = swap_person(np)  # "your forklift cert", said to the owner: "my forklift cert"
        elif det in ("two", "three", "four", "five"):
            np = f"the {det} {phrase}"
        else:
            np = f"the {phrase}"
        return np
    return None


def last_person(context: Context, speakers: Sequence[str]) -> str | None:
    speaker_words = {w.lower() for s in speakers for w in re.findall(r"[\w'’-]+", s)}
    for text, _speaker in context:
        names = []
        for m in _NAME.finditer(text):
            name = re.sub(r"['’]s$", "", m.group("name"))  # "Kylie's my senior tech"
            words = name.split()
            while words and words[0].lower().strip("’'") in _COMMON:
                words = words[1:]
            before = text[: m.start()]
            if not words or _NOT_NAME_BEFORE.search(before):
                continue
            after = text[m.end() :]
            initial = not before.strip() or before.rstrip()[-1] in '.!?—–:"“'
            possessive = m.group("name").endswith(("'s", "’s"))  # "Priya's our rota lead."
            if initial and len(words) == 1 and not (_NAME_AFTER.match(after) or possessive):
                continue  # "Without me in the room": a capital because a sentence starts
            if any(w.isupper() and len(w) > 1 for w in words):
                continue  # an acronym: "NTNU", "HR"
            if any(w.lower() in speaker_words or w.lower() in _COMMON for w in words):
                continue
            names.append(" ".join(words))
        if names:
            return names[-1]
    return None
