"""A thank-you note that shows you listened: ``draft_thank_you(conversation, analysis, ...)``.

The note thanks the recipient, quotes one or two things they said about their own work
(verbatim, marked as quotes, never anything private: ``twoway.followup.hooks``), picks up what
was promised on both sides ("As promised, I'll send you the project by Friday."; "Thank you for
offering to introduce me to Omar.": ``twoway.followup.commitments``), and closes. Every
sentence is either fixed text or a template filled with a verbatim quote or a verb phrase the
speaker said themselves: nothing they said is reworded, except the swap of "you" and "me" in a
short promise. The rules are in ``docs/follow-up.md``.

Pure and deterministic: no I/O, no clock; the same input gives the same note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from twoway.analysis import resolve_speaker
from twoway.analysis.questions import content_words
from twoway.analysis.result import Analysis
from twoway.display import clock
from twoway.errors import InputError, SpeakerError
from twoway.followup.commitments import DUE, Commitment, find_commitments, swap_person
from twoway.followup.hooks import Hook, find_hooks
from twoway.followup.sensitive import is_sensitive
from twoway.model import Conversation
from twoway.report.markdown import escape

__all__ = ["Citation", "ThankYouNote", "draft_thank_you"]

MIN_WORDS, MAX_WORDS = 100, 200
PLACEHOLDER_SENDER = "[Your name]"
PLACEHOLDER_RECIPIENT = "[Their name]"

WHY = {
    "enjoy": "what they enjoy",
    "plan": "a plan they described",
    "challenge": "a challenge they mentioned",
    "advice": "advice they gave",
    "work": "a detail of their work",
}
# How a quote is introduced, by kind: the first quote, then the second. Each is a full
# sentence ending in a colon; the quote follows in curly quotes.
LEAD_IN = {
    "enjoy": ("It was great to hear what you enjoy about the work:", "I also loved hearing this:"),
    "plan": ("I was excited to hear where things are heading:", "I was also glad to hear this:"),
    "challenge": (
        "I appreciated how candid you were about the challenges:",
        "I also appreciated your candor:",
    ),
    "advice": ("Your advice really stuck with me:", "I am also taking this advice to heart:"),
    "work": ("One thing you said has stayed with me:", "I was also interested to hear this:"),
}
# Planned questions become "I'd love to hear more about <this> next time", by topic. Pay and
# the candidate's own fit do not belong in a thank-you note.
PLANNED_TOPICS = {
    "them": "your own path at {company}",
    "day_to_day": "what a typical day looks like on the team",
    "role": "what success looks like in the role",
    "growth": "how people grow on the team",
    "company": "where {company} is heading",
}
_GENERIC_NAME = re.compile(
    r"^(?:\(unknown\)|(?:speaker|spk|participant|guest|person|interviewer|candidate|user)"
    r"[\s_-]*\w{0,3})$",
    re.I,
)
_BARE_PRONOUN = re.compile(
    r"^\w+(?:\s+(?:you|me))?\s+(?:(?:it|them|one)\b|(?:that|this|those|these)\b(?=\s*$|\s+"
    r"(?:over|to|by|on|in|at|back|along|through|tonight|today|tomorrow|this|next|when|after|"
    r"before|as|once|within)\b))",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Citation:
    """Something the recipient said that the note quotes, verbatim from their turns."""

    quote: str
    start_s: float | None  # start of the turn the quote is in; None without timing
    why: str  # "what they enjoy", "a challenge they mentioned", ...


@dataclass(frozen=True, slots=True)
class ThankYouNote:
    """A draft thank-you note: plain ``text`` for an email, ``markdown`` with its sources."""

    recipient: str  # the speaker, as the transcript names them
    text: str
    markdown: str
    citations: tuple[Citation, ...]
    open_question: str | None  # a question left open for next time, in full
    notes: tuple[str, ...] = ()  # what to check or add before sending
    commitments: tuple[Commitment, ...] = ()  # promises between sender and recipient

    @property
    def words(self) -> int:
        return len(self.text.split())


def draft_thank_you(
    conversation: Conversation,
    analysis: Analysis,
    recipient: str,
    *,
    sender: str | None = None,
    company: str | None = None,
    role: str | None = None,
) -> ThankYouNote:
    """Draft a short thank-you note to ``recipient`` about this conversation.

    ``recipient`` is a speaker's name (ignoring case; a unique prefix works); ``sender`` defaults
    to the analysis's "me". ``SpeakerError`` when the recipient is nobody here (the message lists
    the speakers) or is "me"; ``InputError`` when the transcript has no words (RTTM).
    """
    if not conversation.has_text:
        raise InputError(
            "the transcript has no words (timing only), so there is nothing to quote in a "
            "thank-you note; use a transcript with text",
            path=conversation.source,
        )
    name = _resolve_recipient(recipient, conversation, analysis)
    me = analysis.me
    chosen = _choose(find_hooks(conversation, name, me))
    promises = _between(find_commitments(conversation, me), name, me)
    notes: list[str] = []
    first = _first_name(name)
    if first is None:
        notes.append(
            f"the transcript calls them {name!r}: put their name in the salutation before sending"
        )
    if not chosen:
        said = sum(len(t.text.split()) for t in conversation.turns_of(name) if t.text)
        notes.append(
            f"{first or name} said nothing specific enough to quote back ({said} words in all): "
            "this part of the note is generic; add something they said before sending"
        )
    topic, open_question = _open_topic(analysis, company)
    sender_first = _first_name(sender or me or "") or PLACEHOLDER_SENDER
    quoted = [_quote_sentence(h, i) for i, h in enumerate(chosen)]
    mine = [c for c in promises if me is not None and c.by == me]
    theirs = [c for c in promises if c.by == name]
    promised, skipped = _promise_sentences(mine, theirs)
    notes.extend(skipped)
    paragraphs = _compose(
        first or PLACEHOLDER_RECIPIENT,
        quoted,
        promised,
        topic,
        analysis.mode,
        company,
        role,
        sender_first,
        _hearing_back(theirs),
        familiar=_familiar(conversation),
    )
    text = "\n\n".join(paragraphs) + "\n"
    citations = tuple(Citation(h.quote, h.start_s, WHY[h.kind]) for h in chosen)
    markdown = _markdown(paragraphs, citations, promises, open_question, notes, first or name)
    return ThankYouNote(
        name, text, markdown, citations, open_question, tuple(notes), tuple(promises)
    )


def _resolve_recipient(recipient: str, conversation: Conversation, analysis: Analysis) -> str:
    speakers = conversation.speakers
    try:
        name = resolve_speaker(recipient, speakers)
    except SpeakerError as exc:
        listed = ", ".join(speakers) if speakers else "none (the transcript has no speaker names)"
        reason = "matches several speakers" if "several" in str(exc) else "is not a speaker here"
        raise SpeakerError(
            f"recipient {recipient!r} {reason}; speakers: {listed}", speakers=speakers
        ) from exc
    if analysis.me is not None and name == analysis.me:
        others = ", ".join(s for s in speakers if s != name) or "nobody else"
        raise SpeakerError(
            f"recipient {recipient!r} is you (--me); the note goes to one of: {others}",
            speakers=speakers,
        )
    return name


def _choose(hooks: tuple[Hook, ...]) -> list[Hook]:
    """The best hook, alone: one well-chosen quote reads as listening, two read as a transcript.
    A second is added only when both are about plans, challenges, advice or what they enjoy
    (never a plain detail of their work), say different things (at most one content word in
    common) and the second is nearly as good (within ``SECOND_WITHIN`` points)."""
    if not hooks:
        return []
    best = hooks[0]
    if best.kind == "work":
        # What they enjoy, plan, struggle with or advise says more than a plain detail of
        # their work: it is preferred when nearly as good.
        best = next(
            (h for h in hooks if h.kind != "work" and h.score >= best.score - PREFER_WITHIN),
            best,
        )
    if best.kind == "work":
        return [best]
    words = content_words(best.quote)
    second = next(
        (
            h
            for h in hooks
            if h is not best
            and h.kind not in ("work", best.kind)
            and len(content_words(h.quote) & words) < 2
            and h.score >= best.score - SECOND_WITHIN
        ),
        None,
    )
    chosen = [best] if second is None else [best, second]
    return sorted(chosen, key=lambda h: h.order)


SECOND_WITHIN = 2.0
PREFER_WITHIN = 6.0


def _quote_sentence(hook: Hook, index: int) -> str:
    lead = LEAD_IN[hook.kind][min(index, 1)]
    quote = hook.quote if hook.quote[-1:] in ".!" else hook.quote + "."
    return f"{lead} “{quote}”"


def _between(found: tuple[Commitment, ...], recipient: str, me: str | None) -> list[Commitment]:
    """The commitments between the sender and the recipient (either way)."""
    pair = {recipient, me}
    return [c for c in found if c.by in pair and (c.to in pair or c.to is None)]


def _promise_sentences(
    mine: list[Commitment], theirs: list[Commitment]
) -> tuple[list[str], list[str]]:
    """Sentences for what I promised and what they offered, and notes for those left out."""
    out: list[str] = []
    skipped: list[str] = []
    clear_mine = [
        c
        for c in mine
        if c.is_complete
        and not _BARE_PRONOUN.match(c.action)
        and (not c.action.startswith("be ") or _BE_THERE.match(c.action))
        and not _VAGUE_MINE.search(c.action)
        and not _private(c)
    ]
    for c in mine:
        if c not in clear_mine:
            skipped.append(
                f"the note leaves out a promise of yours ({c.quote!r}): add it in your own "
                "words if you want to mention it"
            )
    said: list[str] = []
    for c in clear_mine:
        action = _with_due(_strip_due_words(_mine_cut(c.action)), c.due)
        if any(action.startswith(a) or a.startswith(action) for a in said):
            continue  # "send my reel tonight" and "send my reel tonight before I chicken out"
        said.append(action)
    for i, action in enumerate(said[:2]):
        out.append(f"As promised, I'll {action}." if i == 0 else f"I'll also {action}.")
    favours = [
        c
        for c in theirs
        if c.is_complete
        and not _process(c)
        and not _BARE_PRONOUN.match(c.action)
        and not c.action.startswith("be ")
        and not _private(c)
    ]
    favours.sort(key=lambda c: (c.verb not in ("introduce", "intro", "connect", "put"),))
    if favours:
        offered = [o for c in favours if (o := _offered(c.action)) is not None][:2]
    if favours and offered:
        also = " also" if out else ""
        out.append(f"I'm{also} grateful for your offer to " + ", and to ".join(offered) + ".")
    receiving = [r for c in theirs if _process(c) and (r := _received(c)) is not None]
    if receiving:
        out.append(f"I look forward to receiving {receiving[0]}.")
    return out, skipped


# Where I will be: "be there Thursday at ten", "be at the site by seven".
_BE_THERE = re.compile(r"^be (?:there|at|in|on|back)\b\s+\S", re.IGNORECASE)


def _private(c: Commitment) -> bool:
    """A promise about something a note must not mention: payslips, "after my kids are in bed"."""
    return is_sensitive(c.action) or is_sensitive(c.quote)


def _with_due(action: str, due: str | None) -> str:
    """My promise with the time it was due when it was said in a reply ("Sure, tonight.") rather
    than in the request: "send you an updated CV in English tonight"."""
    if due is None or DUE.search(action) or not _DUE_WORDS.match(due):
        return action
    return f"{action} {due}"


# A due phrase that reads well after the action ("tonight", "by Friday"), not an event in
# someone else's words ("when I send the case").
_DUE_WORDS = re.compile(
    r"^(?:tonight|today|tomorrow(?: morning| afternoon)?|this (?:week|weekend|afternoon|evening)|"
    r"next week|by [\w\s-]+|on \w+day|\w+day(?: morning| afternoon)?)$",
    re.IGNORECASE,
)


# A promise of mine that points at something the note does not name ("a PR up on one of those",
# "send all of them", "send both through"), or whose swapped person broke a clause ("a type
# specimen of something me set").
_VAGUE_MINE = re.compile(
    r"\b(?:one of (?:those|these|them)|the one|which one|all of (?:them|those|these)|both|"
    r"the lot)\b|\bme\s+(?:set|did|made|wrote|have|had|was|am|built|do|did|sent|said)\b",
    re.IGNORECASE,
)
# A vocative or an aside after my promise: "send all of them by tonight, sir", "send through my
# latest CV tonight, from my personal email, not the work one".
_MINE_ASIDE = re.compile(r",\s+(?!(?:and|or|by|before|on|at|first thing)\b)")


def _mine_cut(action: str) -> str:
    head = _MINE_ASIDE.split(action, maxsplit=1)[0]
    return head if not _VERB_ONLY.match(head) else action


# A step of the hiring process they will take ("send you the take-home on Monday", "set up the
# portfolio review"): not a favour to thank them for.
_PROCESS_OBJECT = re.compile(
    r"\b(?:calendar|invite|take-home|interview|profile|round|brief|case study details|"
    r"(?:technical |written |skills |the )test|case study|the case|the Excel|JD|"
    r"position description|task|assessment link|"
    r"job description|next steps?|offer|contract|paperwork|assessment|exercise|references?|"
    r"background check|benefits?|comp plan|HR|human resources|"
    r"(?:the|our|applicant|candidate|job) portal|application|opening|schedule|"
    r"let (?:me|you) know|get back to|call (?:me|you)|reach out|follow up)\b",
    re.IGNORECASE,
)
# An offer that cannot be retold from my side: a pronoun with nothing to refer to ("the sign-up
# link for the one the state society runs", "ask about it"), a second subject ("text you my
# schedule and you pick a day"), or "you two".
_UNCLEAR_OFFER = re.compile(
    r"\b(?:it|its|they|them|that|this|these|those|both|the one|which one|one of those|"
    r"(?:you|me|us) (?:two|both|all))\b"
    r"|\band (?:you|I|we|he|she|they|me)\b(?! (?:know|back)\b)",
    re.IGNORECASE,
)
_SENT_TO_ME = re.compile(
    r"^(?:send|email|e-mail|forward|share|text)\s+(?:me\s+)?(?P<what>.+)$", re.I
)


# An embedded clause with its own subject ("the portfolio I built when I was transitioning"):
# swapping its person would need its verb changed too ("you was"), so the offer is cut there.
_EMBEDDED_CLAUSE = re.compile(
    r"\s+(?:(?:when|while|that|which|who|where|because|since|after|before|if|once|as)\s+"
    r"(?:I|I'm|I've|I'd|I'll|we|we're|we've|we'd|we'll|you|you're|you've|he|she|they)|"
    r"(?:I|I'm|I've|I'd|I'll|we|we're|we've|we'd|we'll))\b"
    r"(?!\s+(?:to|in touch)\b)(?=\s+\w)",
    re.IGNORECASE,
)
_DANGLING = re.compile(
    r"(?:\s+(?:the|a|an|to|of|for|with|on|in|at|and|or|from|about|what|which|how|whatever))+$",
    re.IGNORECASE,
)


_VERB_ONLY = re.compile(r"^\S+(?:\s+(?:you|me|him|her|us|them))?\s*$", re.IGNORECASE)


def _offered(action: str) -> str | None:
    """What they offered, from my side and always grammatical: person swapped only in the verb
    phrase, never inside a clause of its own ("send me the link to the portfolio you built")."""
    if "," in action:
        # What follows a comma is an aside in their words ("Dennis, your night sup", "the ATA
        # study group, there's one on Zoom"): the offer ends before it, unless that leaves a
        # causative with no verb ("have your HR generalist").
        if re.match(r"(?:have|get|ask)\b", action, re.IGNORECASE):
            return None
        action = _DANGLING.sub("", action.split(",")[0].rstrip())
    if _UNCLEAR_OFFER.search(action):
        return None
    verb_and_object = re.match(r"\S+(?:\s+(?:you|me|him|her|us|them))?", action)
    head = verb_and_object.end() if verb_and_object else 0
    clause = _EMBEDDED_CLAUSE.search(action, head)
    if clause is not None:
        action = _DANGLING.sub("", action[: clause.start()])
        if _BARE_PRONOUN.match(action) or _VERB_ONLY.match(action):
            return None  # nothing left to say what they offered
    return swap_person(action)


def _process(c: Commitment) -> bool:
    return c.is_process or _PROCESS_OBJECT.search(c.action) is not None


def _received(c: Commitment) -> str | None:
    """What a process step sends me ("the take-home on Monday"), or ``None``."""
    match = _SENT_TO_ME.match(swap_person(c.action))
    if match is None or c.is_process:
        return None
    what = re.sub(r"\s+(?:to|with) me\b", "", match.group("what"))
    what = _DANGLING.sub("", _AFTER.split(what, maxsplit=1)[0].rstrip())
    mine = what.lower().startswith("my ")
    if mine or _UNCLEAR_OFFER.search(what) or is_sensitive(what) or _DUE_FIRST.match(what):
        return None
    return what if not _BARE_PRONOUN.match("x " + what) else None


# Where a phrase stops being about the thing: an aside after a comma, or a clause of when
# ("once she signs off on it", "when I get home").
_AFTER = re.compile(
    r",\s+|\s+(?:when|once|after|as soon as|whenever)\s+(?:I|I'm|you|you're|we|he|she|they|it)\b",
    re.IGNORECASE,
)


# What I receive must start with a thing, not a time ("tonight with the full comp plan").
_DUE_FIRST = re.compile(
    r"(?:tonight|today|tomorrow|this|next|by|on|in|later|soon|over|after)\b", re.IGNORECASE
)


def _strip_due_words(action: str) -> str:
    """My promise, without a purpose clause that leans on the conversation ("so you can hand it
    to him") or a trailing "too"."""
    action = re.sub(r"\s+", " ", action).strip()
    action = re.split(r",?\s+so (?:that )?(?:you|I|we|he|she|they)\b", action, maxsplit=1)[0]
    cut = re.split(
        r"\s+(?:when|once|after|as soon as|whenever)\s+(?:I|you|we|he|she|they)\b",
        action,
        maxsplit=1,
        flags=re.IGNORECASE,
    )[0]
    if not _VERB_ONLY.match(cut) and not re.fullmatch(r"let (?:you|me) know", cut, re.I):
        action = cut  # the "when" clause is kept when it is all the promise says
    return re.sub(r",?\s+(?:too|as well)$", "", action).strip()


# A process step that means I will hear from them: "get back to you", "let you know".
_HEAR_BACK = re.compile(
    r"^(?:get back|let (?:you|all|the|everyone|each|them)\b.{0,30}\bknow|make (?:a|the) decision)",
    re.IGNORECASE,
)


def _hearing_back(theirs: list[Commitment]) -> str | None:
    """When they promised to get back ("by Wednesday"), the due phrase; "" with no date."""
    process = [c for c in theirs if c.is_process and _HEAR_BACK.match(c.action)]
    if not process:
        return None
    # A due said as an event is in their words: "after I talk to the studio head".
    return next((swap_person(c.due) for c in process if c.due), "")


def _open_topic(analysis: Analysis, company: str | None) -> tuple[str | None, str | None]:
    """What to "hear more about" (a fixed phrase of a planned topic not asked about), and the
    question left open in full: the first suggestion, else that planned question."""
    suggestion = analysis.suggestions[0].text if analysis.suggestions else None
    if analysis.plan is not None:
        for planned in analysis.plan.questions:
            if planned.asked or planned.topic not in PLANNED_TOPICS:
                continue
            topic = PLANNED_TOPICS[planned.topic].replace("{company}", company or "the company")
            return topic, suggestion or planned.text
    return None, suggestion


def _compose(
    first: str,
    quoted: list[str],
    promised: list[str],
    topic: str | None,
    mode: str,
    company: str | None,
    role: str | None,
    sender: str,
    hearing_back: str | None,
    *,
    familiar: bool = False,
) -> list[str]:
    networking = mode == "networking"
    casual = networking and familiar  # a friend or a former colleague: no formal thanks
    if company is not None and _AGENCY.search(company):
        company = None  # a recruiting agency: the role is at its client, not at the agency
    at = f" at {company}" if company else ""
    if casual:
        opening = (
            "Thanks so much for making the time to catch up. It was really good to hear how "
            f"things are going{at}."
        )
    elif networking:
        opening = (
            f"Thank you for taking the time to talk with me about your work{at}. I really "
            "appreciated how openly you shared your experience, and I learned a lot from our "
            "conversation."
        )
    else:
        what = f"the {role} role{at}" if role else f"the role{at}"
        opening = (
            f"Thank you for taking the time to speak with me about {what}. I appreciated how "
            "open the conversation was, and it gave me a much clearer picture of the work."
        )
    middle = list(quoted)
    if len(quoted) < 2 and not casual:
        also = " also" if quoted else ""
        middle.append(
            f"I{also} valued the chance to learn more about your work and to ask my own questions."
        )
    more = f"I'd love to hear more about {topic} next time." if topic else None
    if casual:
        closing = [more or "Let's keep in touch."]
        thanks = "Thanks again for your help. I really appreciate it."
    elif networking:
        closing = [more or "I'd love to stay in touch and hear how things go."]
        thanks = "Thanks again for being so generous with your time."
    else:
        excited = (
            f"Our conversation made me even more excited about the chance to join {company}."
            if company
            else "Our conversation made me even more excited about the opportunity."
        )
        closing = [excited, *([more] if more else [])]
        if hearing_back:
            thanks = (
                f"Thank you again for your time. I look forward to hearing from you {hearing_back}."
            )
        else:
            thanks = (
                "Thank you again for your time. I look forward to hearing about the next steps."
            )
    paragraphs = [f"Hi {first},", opening, " ".join(middle)]
    if promised:
        paragraphs.append(" ".join(promised))
    sign_off = "Best," if casual else "Best regards,"
    paragraphs += [" ".join(closing), thanks, f"{sign_off}\n{sender}"]
    # A short note (little to quote, nothing promised) gets sentences that are true of any
    # good conversation, in this order, until it is long enough.
    for where, extra in () if casual else PADDING:
        if _words(paragraphs) >= MIN_WORDS:
            break
        paragraphs[where] += " " + extra
    if _words(paragraphs) > MAX_WORDS:
        paragraphs[1] = paragraphs[1].split(". ")[0] + "."
    return paragraphs


# Two people who already know each other: a reunion ("it's been forever", "last time I saw
# you", "how long's it been?"), a shared past ("when we worked together"). Not when they meet
# for the first time ("I'm Corinne", "nice to meet you").
_REUNION = re.compile(
    r"\b(?:(?:good|great|nice|so good|lovely|awesome) to see you|long time no see|"
    r"it's been (?:ages|forever|a while|too long|so long)|last time (?:I|we) saw|"
    r"how(?: have|'ve) you been|how long(?:'s| has) it been|well,? look at you|"
    r"(?:when|since) we worked together|we used to work together|you were my (?:manager|boss|"
    r"mentor|teacher|lead)|your leaving do|how are the kids|look at you|"
    r"look what the cat dragged in|you were always|still your thing|you haven't changed|"
    r"you remembered|(?:dude|buddy|pal)(?=[!,.])|get (?:over )?(?:here|in here))\b",
    re.IGNORECASE,
)
_FIRST_MEETING = re.compile(
    r"\b(?:(?:nice|pleased|good|great|lovely) to meet you|my name is|I'm [A-Z][a-z]+[.!,])"
)


def _familiar(conversation: Conversation) -> bool:
    opening = " ".join(t.text or "" for t in conversation.turns[:12])
    return bool(_REUNION.search(opening)) and not _FIRST_MEETING.search(opening)


# A recruiting agency's name ("Keystone Talent", "Red Dirt Recruitment", "Talentbridge").
_AGENCY = re.compile(
    r"talent|recruit|staffing|resourcing|personnel|headhunt|placements?\b|search partners|"
    r"executive search|workforce solutions|people solutions",
    re.IGNORECASE,
)

PADDING = (
    (2, "It felt like a real two-way conversation, and I came away with a lot to think about."),
    (-3, "I would welcome the chance to continue the conversation."),
)


def _words(paragraphs: list[str]) -> int:
    return sum(len(p.split()) for p in paragraphs)


def _markdown(
    paragraphs: list[str],
    citations: tuple[Citation, ...],
    promises: list[Commitment],
    open_question: str | None,
    notes: list[str],
    who: str,
) -> str:
    """The note, then what it builds on: the quotes with their times, the promises, the open
    question, and what to check."""
    body = ["  \n".join(escape(line) for line in p.split("\n")) for p in paragraphs]
    lines = ["## Thank-you note", "", "\n\n".join(body), ""]
    if citations:
        lines += [f"### What {escape(who)} said that it quotes", ""]
        for c in citations:
            at = f"{clock(c.start_s)} " if c.start_s is not None else ""
            lines.append(f"- {at}“{escape(c.quote)}” ({c.why})")
        lines.append("")
    if promises:
        lines += ["### Promised", ""]
        for p in promises:
            due = f" ({escape(p.due)})" if p.due else ""
            lines.append(f"- {escape(p.by)}: {escape(p.action)}{due}")
        lines.append("")
    if open_question:
        lines += ["### Left open for next time", "", f"- {escape(open_question)}", ""]
    if notes:
        lines += ["### Before you send it", "", *(f"- {escape(n)}" for n in notes), ""]
    return "\n".join(lines)


def _first_name(name: str) -> str | None:
    """``"Marcus Chen"`` -> ``"Marcus"``; ``None`` for a label such as ``"SPEAKER_01"``."""
    name = name.strip()
    if not name or _GENERIC_NAME.match(name):
        return None
    return name.split()[0]
