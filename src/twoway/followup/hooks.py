"""Hooks: what someone said about their own work, plans, challenges and advice, ranked.

A thank-you note, a follow-up question and "topics they raised" are only as good as what they
build on. A **hook** is a clause the other person said, quoted verbatim, found by the shape of
the conversation (docs/follow-up.md, "Hooks"):

* their sentences, floor by floor (a listener's "mm-hmm" does not cut a sentence), best inside
  their **answers to the user's questions** and in their longer stories;
* cut at clause boundaries (", and", ", but", ";") when a sentence runs long, with leading
  discourse words ("Yeah, so", "Honestly,") left out, so the quote is still a substring of what
  they said;
* never a question, small talk or logistics, a promise (that is a commitment), something
  private (``twoway.followup.sensitive``), or a remark about the listener ("Your support years
  are exactly what we want"), except advice, which is addressed to them by nature;
* of a **kind**: ``enjoy``, ``challenge``, ``plan``, ``advice`` or ``work``;
* **scored** on how specific it is (content words, numbers, names, a time), its kind, and its
  place (an answer to the user's question, the first sentence of an answer).

Pure and deterministic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from twoway.analysis.questions import content_words, find_questions
from twoway.followup._quotes import (
    _CHALLENGE,
    _ENJOY,
    _NUMBER,
    _SMALL_TALK,
    _TIME,
    _VAGUE,
    _WORD,
    _proper_nouns,
    runs,
)
from twoway.followup.commitments import DUE
from twoway.followup.sensitive import is_sensitive
from twoway.model import Conversation

__all__ = ["HOOK_KINDS", "Hook", "find_hooks", "hook_candidates", "topics_raised"]

HOOK_KINDS = ("enjoy", "plan", "challenge", "advice", "work")
MIN_WORDS, MAX_WORDS = 6, 30
MIN_SCORE = 7.0  # a clause scoring less is too vague to build on


@dataclass(frozen=True, slots=True)
class Hook:
    """A clause someone said about their own work, verbatim (``quote`` is a substring of their
    speech), with what kind of thing it is and how good a hook it makes."""

    speaker: str
    quote: str
    kind: str  # one of HOOK_KINDS
    score: float
    start_s: float | None  # start of the turn it was said in
    answers: str | None  # the question of the other side it answers, if any
    order: int  # position in the conversation

    @property
    def words(self) -> int:
        return len(_WORD.findall(self.quote))


_LEADING = re.compile(
    r"^(?:(?:yeah|yes|yep|so|um+|uh+|well|okay|ok|and|but|oh|ah|sure|honestly|actually|"
    r"basically|anyway|also|plus|of course|i mean|you know|to be honest|absolutely|"
    r"definitely|totally|exactly|ha|wow|great|good question|kind of|i think|i guess|just|"
    r"quickly|real quick|like(?=,)|no(?=,)|now(?=,)|heads up|one thing I'll flag|"
    r"(?:my|one|the|a) (?:piece of )?advice(?: (?:is|would be|to you|for you))?(?=\s*[,:—–-])|"
    r"(?:the|one) (?:other |last |main |big )?thing I'd (?:say|tell you) is(?=\s*[,:—–-])|"
    r"what I'd (?:say|tell you) is(?=\s*[,:—–-])|"
    r"(?:and )?(?:the other thing|one more thing|another thing|first|second|third|"
    r"firstly|secondly)(?=\s*[,:—–-]))\b"
    r"[\s,.!:—–-]*)+",
    re.IGNORECASE,
)
_CLAUSE = re.compile(
    r"(?:,\s+(?=(?:and|but|so|because|which|though|although|while)\b)|;\s+|\s+[—–-]{1,2}\s+)"
)
_YOU = re.compile(r"\b(?:you|your|yours|yourself|you're|you've|you'd|you'll)\b", re.IGNORECASE)
_GENERIC_YOU = re.compile(r"\byou (?:know|see)\b|\bif you (?:will|like)\b|\bmind you\b", re.I)
_ADVICE = re.compile(
    r"^(?:learn|write|talk|put|look|focus|start|ask|read|build|practice|practise|find|"
    r"don't|do not|never|always|try|make|keep|get|go|be|spend|take|pick|join|think)\b"
    r"|\b(?:my advice|I'd recommend|I would recommend|I'd suggest|I would suggest|"
    r"you should(?! have)|"
    r"the best thing you can do|what I'd tell|is the skill|skill everyone)\b",
    re.IGNORECASE,
)
_PLAN = re.compile(
    r"\b(?:we're|we are|I'm|I am|they're|the team is|we'll|we will)\s+(?:now\s+|also\s+)?"
    r"(?:launching|rebuilding|moving|raising|opening|starting|piloting|hiring|building|splitting|"
    r"migrating|planning|going to|redesigning|shifting|rolling out|expanding|adding)\b"
    r"|\b(?:we want to|we'd like to|we plan to|the plan is|roadmap)\b",
    re.IGNORECASE,
)
_LOGISTICS = re.compile(
    r"\b(?:next step|take-home|calendar|invite|round|panel|hiring process|the process|"
    r"recruiter|schedul\w*|availability|start date|offer letter|references?|resume|CV|"
    r"portfolio review|case study details|talk soon|good luck|happy to help|nice to meet|"
    r"(?:role|position|job|opening) (?:we're|we are|I'm|I am) (?:talking|calling|recruiting) "
    r"(?:about|for)|^the (?:role|job|position) is|JD|job description|WhatsApp|"
    r"(?:shared|sent|emailed|forwarded) (?:it |that |the \w+ )?(?:with |to )?you|"
    r"(?:have|need|got) to (?:check|ask|confirm) with)\b",
    re.IGNORECASE,
)
# Dull logistics a note must not quote back: hours, shifts, schedules, where and when the work
# happens, the hiring pipeline ("I'm calling about the ... opening").
_SCHEDULE = re.compile(
    r"\b(?:open (?:from |until |till )?(?:\w+-)?\w+ (?:to|till|until)\b|opening hours|hours are|"
    r"shifts?|start times?|overnights?|nights\b|weekends?|rotation|hybrid|remote|"
    r"in the office|o'clock|a\.m\.|p\.m\.|(?:mon|tues|wednes|thurs|fri|satur|sun)days?|"
    r"every (?:other|third|second) \w+|clockwork|calling about|recruiting for|screening for|"
    r"I recruit|talent (?:acquisition|team)|(?:the|an|this) (?:[\w-]+ ){0,4}opening\b|"
    r"the hiring manager|I report to|"
    r"reports? to|commute|parking|offer stage|the amount|open (?:until|till|through)|deadline|"
    r"breakfast|lunch|dinner|coffee|sleep)\b",
    re.IGNORECASE,
)
# Who they are rather than what they do: their title and tenure ("I'm the controller here, I've
# been at Copperline about six years", "managing broker there for six years").
_TITLE = re.compile(
    r"\b(?:I'm|I am|I was|I've been|I have been)\s+(?:the|a|an|with|at|on|here|there|"
    r"managing|manager|director|head|lead|senior|chief)\b|\bgoing on \w+ years\b|"
    r"^(?:I manage|I run|I lead|I oversee|I head up|I head)\b|\bmy (?:title|role is)\b|"
    r"\b(?:for|about|over) (?:\w+ ){0,2}years\b",
    re.IGNORECASE,
)
# What only makes sense said aloud: a stage direction ("(laughs)"), a hesitation, a reply to
# the listener ("Understood, ...", "No worries at all, ...").
_SPOKEN = re.compile(
    r"[()\[\]]|\b(?:um+|uh+|er|hmm+)\b|,\s*(?:like|well|I mean),|"
    r"^(?:understood|no worries|no problem|"
    r"not at all|fair enough|right|got it|thanks?|thank you|good|great|perfect|sounds good|"
    r"look|listen)\b(?:\s+at all)?(?=\s*[,.!:;—–-])",
    re.IGNORECASE,
)
_PROMISE_WORDS = re.compile(
    r"\b(?:I|we)(?:'ll| will| can)\s+(?:also\s+)?(?:send|share|introduce|intro|connect|put|"
    r"forward|email|text|check|get back|set up|pass|submit|add|mention|review|dig)\b|\blet me\b",
    re.IGNORECASE,
)


def find_hooks(conversation: Conversation, speaker: str, me: str | None = None) -> tuple[Hook, ...]:
    """``speaker``'s hooks in ``conversation``, best first (at least ``MIN_SCORE``).

    ``me`` is the user (an exact speaker name); their questions mark ``speaker``'s answers. Without
    it, any other speaker's questions do.
    """
    found = [h for h in hook_candidates(conversation, speaker, me) if h.score >= MIN_SCORE]
    found.sort(key=lambda h: (-h.score, h.order))
    return tuple(found)


def hook_candidates(conversation: Conversation, speaker: str, me: str | None = None) -> list[Hook]:
    """Every clause of ``speaker`` that passes the hard rules (not a question, private, a
    promise, logistics, about the listener...), scored, in the order said."""
    speech = runs(conversation)
    proper = _proper_nouns(r.text for r in speech if r.speaker == speaker)
    names = {w for s in conversation.speakers for w in _WORD.findall(s) if len(w) >= 3}
    found: list[Hook] = []
    order = 0
    previous = None
    for run in speech:
        if run.speaker != speaker:
            previous = run
            continue
        answers = _question_answered(previous, me)
        first_in_answer = True
        confided = False  # after "between us" the rest of the turn is said in confidence
        for match in re.finditer(r"[^.!?]*(?:[.!?]+(?=\s|$)|$)", run.text):
            sentence = match.group().strip()
            if not sentence:
                continue
            order += 1
            confided = confided or bool(_CONFIDE.search(sentence))
            if confided:
                continue
            offset = match.start() + len(match.group()) - len(match.group().lstrip())
            start = run.start_at(offset)
            opener = previous is None and order == 1  # the first line of a call they opened
            if opener or _skip(sentence, answers, names):
                first_in_answer = False
                continue
            for clause in _clauses(sentence):
                hook = _judge(clause, speaker, start, answers, proper, order, first_in_answer)
                if hook is not None:
                    found.append(hook)
            first_in_answer = False
        previous = run
    return found


def topics_raised(
    conversation: Conversation, speaker: str, me: str | None = None, n: int = 5
) -> tuple[str, ...]:
    """The ``n`` best things ``speaker`` raised about their own work, as short verbatim quotes
    (for "topics they raised"): at most one per kind before a second of the same kind."""
    hooks = find_hooks(conversation, speaker, me)
    picked: list[Hook] = []
    for hook in hooks:
        if len(picked) == n:
            break
        if sum(1 for p in picked if p.kind == hook.kind) < 1 + len(picked) // len(HOOK_KINDS):
            picked.append(hook)
    for hook in hooks:
        if len(picked) == n:
            break
        if hook not in picked:
            picked.append(hook)
    picked.sort(key=lambda h: h.order)
    return tuple(h.quote for h in picked)


def _question_answered(previous: object, me: str | None) -> str | None:
    if previous is None:
        return None
    asker = getattr(previous, "speaker", None)
    if me is not None and asker != me:
        return None
    questions = [q for q in find_questions(str(getattr(previous, "text", ""))) if q.counts]
    return questions[-1].text if questions else None


def _skip(sentence: str, answers: str | None, names: set[str]) -> bool:
    if sentence.rstrip().endswith("?") or any(q.counts for q in find_questions(sentence)):
        return True
    if is_sensitive(sentence, answers=answers):
        return True
    if _PROMISE_WORDS.search(sentence) or (DUE.search(sentence) and _YOU.search(sentence)):
        return True
    if _LOGISTICS.search(sentence) or _SMALL_TALK.search(sentence):
        return True
    if _SCHEDULE.search(sentence) or _TITLE.search(sentence):
        return True
    words = set(_WORD.findall(sentence))
    return bool(words & names)  # an introduction ("I'm Dana, ...") or an address


def _clauses(sentence: str) -> list[str]:
    """The sentence as a quote, or its clauses when it runs long; leading discourse words and
    a trailing comma left out, so each is still a substring of what was said."""
    whole = _trim(sentence)
    if len(_WORD.findall(whole)) <= MAX_WORDS:
        return [whole] if whole else []
    out: list[str] = []
    pos = 0
    for cut in [*_CLAUSE.finditer(sentence), None]:
        end = cut.start() if cut is not None else len(sentence)
        part = sentence[pos:end]
        part = re.sub(r"^(?:and|but|so|because|which|though|although|while)\s+", "", part.strip())
        part = _trim(part)
        if part:
            out.append(part)
        if cut is not None:
            pos = cut.end()
    return out


def _trim(text: str) -> str:
    text = _LEADING.sub("", text.strip().lstrip(",;:—–- "))
    return text.strip().lstrip(",;:—–- ").rstrip(",;:—–- ")


def _kind(text: str) -> str:
    if _ADVICE.search(text):
        return "advice"
    if re.search(r"\bI'd love\b", text, re.I):
        return "plan"  # a wish ("I'd love the new engineer to own ..."), not what they enjoy
    if _ENJOY.search(text) or re.search(r"\bwhat I like\b|\bI like (?:that|how)\b", text, re.I):
        return "enjoy"
    if _CHALLENGE.search(text) or re.search(
        r"\b(?:biggest|main) (?:risk|pain|mistake)\b", text, re.I
    ):
        return "challenge"
    if _PLAN.search(text):
        return "plan"
    return "work"


# A quote that leans on what came before ("Two years ago they ignored them.", "The old one had
# forty-two screens") means nothing in a note: it must not start with a pronoun or a "one".
_ANAPHORIC_START = re.compile(
    r"^(?:they|them|it|it's|its|that|that's|this|these|those|he|she|his|her|there|some|one|"
    r"then|which|the (?:old|new|other|first|second|last) one|same|both)\b",
    re.IGNORECASE,
)
_ANAPHORA = re.compile(r"\b(?:they|them|it|he|she|him|her|those|these)\b", re.IGNORECASE)
# A clause has a verb: a fragment ("Denver, hybrid two days a week.") is an answer, not a hook.
_FINITE = re.compile(
    r"\b(?:is|are|was|were|be|been|am|has|have|had|do|does|did|can|could|will|would|should|"
    r"may|might|must|need|needs|get|gets|got|takes?|took|makes?|made|goes|went|runs?|ran|"
    r"spends?|spent|wants?|wanted)\b|'(?:s|re|m|ve|d|ll)\b|\b\w{3,}(?:ed|es)\b"
    r"|\b(?:I|we|they|he|she|you|who|people|team|everyone|nobody)\s+\w+",
    re.IGNORECASE,
)

# A demonstrative that points back into the conversation ("We built that program", "the one
# on file"), and advice that is only a name to contact ("you should talk to Marcus Webb").
_DEMONSTRATIVE = re.compile(
    r"\bthe one\b|\bmine\b|^the (?:guy|gal|person|woman|man|lady)\b|"
    r"\b(?:that|those|these)\s+(?:\w+\s+)?(?:program|one|ones|thing|things|job|project|team|"
    r"stuff|place|system|tool|course|class|guy|guys|person|people|model|process)\b",
    re.IGNORECASE,
)
# An instruction for the visit or the call, not advice about the work.
_INSTRUCTION = re.compile(
    r"^(?:don't |do not |please |just )?(?:wear|bring|come|arrive|park|dress|call|email|text|"
    r"send|give me|tell me|show me|walk me|go on)\b",
    re.IGNORECASE,
)
_ME = re.compile(r"\b(?:me|I|I'm|I'll|I'd|my)\b")
_REFERRAL = re.compile(
    r"\b(?:(?:talk|speak|reach out|get in touch|connect)\s+(?:to|with)\s+[A-Z][a-z]+|"
    r"(?:should|must|have to|got to|gotta) meet)\b"
)

_KIND_BONUS = {"enjoy": 5.0, "challenge": 5.0, "plan": 4.0, "advice": 4.0, "work": 0.0}


def _judge(
    text: str,
    speaker: str,
    start: float | None,
    answers: str | None,
    proper: set[str],
    order: int,
    first_in_answer: bool,
) -> Hook | None:
    words = _WORD.findall(text)
    if not MIN_WORDS <= len(words) <= MAX_WORDS + 4:
        return None
    kind = _kind(text)
    if kind != "advice" and _YOU.search(_GENERIC_YOU.sub("", text)):
        return None  # about the listener: cannot be cited back as their own work
    if _ANAPHORIC_START.match(text) or not _FINITE.search(text):
        return None
    if _DEMONSTRATIVE.search(text) or _REFERRAL.search(text) or _TITLE.search(text):
        return None  # "that program" means nothing in a note; "talk to Marcus" is an intro
    if _SPOKEN.search(text):
        return None  # a stage direction, a hesitation or a reply: it reads badly in writing
    if _INSTRUCTION.match(text) or (kind == "advice" and _ME.search(text)):
        return None  # "Bring your knives", "give me the short version": for the call, not advice
    if _REPORTED.search(text):
        return None  # someone else's words, reported: not what they think, and easily unkind
    score = float(len(content_words(text) - _VAGUE))
    score += 2.0 * min(3, len(_NUMBER.findall(text))) + (1.0 if _TIME.search(text) else 0.0)
    score += 1.5 * min(3, sum(1 for w in words[1:] if w in proper))
    score += _KIND_BONUS[kind]
    if answers is not None:
        score += 3.0 + (1.0 if first_in_answer else 0.0)
    score -= 0.25 * max(8 - len(words), len(words) - 26, 0)
    score -= 2.0 * len({m.lower() for m in _ANAPHORA.findall(text)})
    score += 2.0 * bool(_STORY.search(text)) + 2.0 * bool(_OPINION.search(text))
    score -= 1.0 * min(2, len(_HEDGE.findall(text)))
    if text[:1].islower() and kind != "advice":
        score -= 0.5  # a clause cut from a longer sentence reads a little less well
    return Hook(speaker, text, kind, round(score, 2), start, answers, order)


# Said in confidence: the sentence and the rest of the turn are never quoted.
_CONFIDE = re.compile(
    r"\b(?:between us|between ourselves|between you and me|off the record|not public|"
    r"keep (?:it|that|this) "
    r"(?:quiet|to yourself|between us)|don't (?:say|tell|repeat) (?:anything|anyone|that)|"
    r"forget I said|I shouldn't (?:really )?(?:say|tell)|confidential|hush-hush|"
    r"doesn't know (?:yet|I'm))\b",
    re.IGNORECASE,
)


# What marks a clause a reader would quote back: a story, a reason, an opinion; and one they
# would not: someone else's words reported ("she told me "I'll open two reqs""), left out, or a
# hedge, scored down.
_REPORTED = re.compile(r"[\"“”]|\b(?:told me|said|says|asked me|was like|goes)\b", re.IGNORECASE)
_HEDGE = re.compile(
    r"\b(?:you know|I guess|I think|I suppose|kind of|sort of|maybe|probably|apparently|"
    r"I don't know|whatever|stuff|things like that)\b",
    re.IGNORECASE,
)
_STORY = re.compile(
    r"\b(?:when I|when we|years? ago|last (?:year|month|week)|the first time|I remember|"
    r"I learned|we learned|I realised|I realized|turned out|ended up|used to)\b",
    re.IGNORECASE,
)
_OPINION = re.compile(
    r"\b(?:the (?:best|hardest|biggest|most|key|secret|trick|thing)|what matters|matters most|"
    r"is everything|the reason|because|that's why|honestly the)\b",
    re.IGNORECASE,
)
