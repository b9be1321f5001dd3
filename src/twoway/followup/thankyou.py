"""A thank-you note that shows you listened: ``draft_thank_you(conversation, analysis, ...)``.

The note (120 to 200 words) thanks the recipient, retells two specific things they said, in their
own turns, in the second person ("I really enjoyed hearing how your team ..."), and leaves one
question open for next time. The rules are in ``docs/follow-up.md``; the sentences are chosen
by ``twoway.followup._quotes``.

Pure and deterministic: no I/O, no clock; the same input gives the same note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from twoway.analysis import resolve_speaker
from twoway.analysis.questions import content_words
from twoway.analysis.result import Analysis, Suggestion
from twoway.errors import InputError, SpeakerError
from twoway.followup._quotes import Sentence, candidates, proper_nouns, second_person
from twoway.model import Conversation
from twoway.report._format import clock
from twoway.report.markdown import escape

__all__ = ["Citation", "ThankYouNote", "draft_thank_you"]

MIN_WORDS, MAX_WORDS = 120, 200
MIN_SCORE = 8.0  # a sentence scoring less is too vague to quote back (docs/follow-up.md)
PLACEHOLDER_SENDER = "[Your name]"
PLACEHOLDER_RECIPIENT = "[Their name]"

WHY = {
    "enjoy": "what they enjoy",
    "project": "a project or plan they described",
    "challenge": "a challenge they mentioned",
    "detail": "a specific detail of their work",
}
# How each kind of sentence is retold: "{how}" is "how" or, before "because ...", "that,".
FIRST = {
    "enjoy": "I really enjoyed hearing {how} {clause}.",
    "project": "I was especially interested to hear {how} {clause}.",
    "challenge": "I appreciated your candor about {how_about} {clause}.",
    "detail": "It was great to learn {how} {clause}.",
}
SECOND = {
    "enjoy": "I also loved hearing {how} {clause}.",
    "project": "I was also interested to hear {how} {clause}.",
    "challenge": "I also appreciated your candor about {how_about} {clause}.",
    "detail": "It was also good to learn {how} {clause}.",
}
# Planned questions become "I'd love to hear more about <this> next time", by topic. Pay and
# the candidate's own fit do not belong in a thank-you note.
PLANNED_TOPICS = {
    "them": "your own path at {company}",
    "day_to_day": "what a typical day looks like on the team",
    "role": "what success looks like in the role",
    "growth": "how people grow on the team",
    "company": "where {company} is heading",
    "next_steps": "the next steps in the process",
}
_SUBORDINATE = re.compile(r"^(?:because|when|if|since|although|though|while|once)\b", re.I)
_GENERIC_NAME = re.compile(
    r"^(?:\(unknown\)|(?:speaker|spk|participant|guest|person|interviewer|candidate|user)"
    r"[\s_-]*\w{0,3})$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Citation:
    """Something the recipient said that the note builds on, quoted verbatim from their turns."""

    quote: str
    start_s: float | None  # start of the turn the quote begins in; None without timing
    why: str  # "what they enjoy", "a challenge they mentioned", ...


@dataclass(frozen=True, slots=True)
class ThankYouNote:
    """A draft thank-you note: plain ``text`` for an email, ``markdown`` with its sources."""

    recipient: str  # the speaker, as the transcript names them
    text: str
    markdown: str
    citations: tuple[Citation, ...]
    open_question: str | None  # the question left open for next time, in full
    notes: tuple[str, ...] = ()  # what to check or add before sending

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
    proper = proper_nouns(conversation, name)
    chosen = _choose(candidates(conversation, name, analysis.questions))
    notes: list[str] = []
    first = _first_name(name)
    if first is None:
        notes.append(
            f"the transcript calls them {name!r}: put their name in the salutation before sending"
        )
    if len(chosen) < 2:
        said = sum(len(t.text.split()) for t in conversation.turns_of(name) if t.text)
        what = "nothing" if not chosen else "only one thing"
        notes.append(
            f"{first or name} said {what} specific enough to quote back ({said} words in all): "
            "this part of the note is generic; add something they said before sending"
        )

    me = analysis.me or sender
    open_question, topic = _open_question(conversation, analysis, name, me, company, chosen)
    if open_question is None:
        notes.append("no question was left open (no suggestion or unasked planned question)")

    sender_first = _first_name(sender or analysis.me or "") or PLACEHOLDER_SENDER
    ordered = sorted(chosen, key=lambda s: _CATEGORY_ORDER[s.category])
    retold = [_retell(s, proper, FIRST if i == 0 else SECOND) for i, s in enumerate(ordered)]
    paragraphs = _compose(
        first or PLACEHOLDER_RECIPIENT, retold, topic, analysis.mode, company, role, sender_first
    )
    text = "\n\n".join(paragraphs) + "\n"
    citations = tuple(Citation(_short(s.text), s.start_s, WHY[s.category]) for s in ordered)
    markdown = _markdown(paragraphs, citations, open_question, notes, first or name)
    return ThankYouNote(name, text, markdown, citations, open_question, tuple(notes))


_CATEGORY_ORDER = {"enjoy": 0, "project": 1, "challenge": 2, "detail": 3}


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


def _choose(found: list[Sentence]) -> list[Sentence]:
    """The two best sentences, of two different kinds when there are: categorized ones (enjoy,
    project, challenge) first, a plain detail only to fill in."""
    good = [s for s in found if s.score >= MIN_SCORE]
    ranked = [s for s in good if s.category != "detail"] + [
        s for s in good if s.category == "detail"
    ]
    if not ranked:
        return []
    best = ranked[0]
    other_kind = [s for s in ranked[1:] if s.category != best.category]
    second = other_kind[0] if other_kind else next(iter(ranked[1:]), None)
    return [best] if second is None else [best, second]


def _retell(s: Sentence, proper: set[str], templates: dict[str, str]) -> str:
    clause = second_person(s.text, proper)
    subordinate = _SUBORDINATE.match(clause) is not None
    return templates[s.category].format(
        how="that," if subordinate else "how",
        how_about="how," if subordinate else "how",
        clause=clause,
    )


def _short(text: str) -> str:
    """The verbatim quote without a leading "Yeah, " or "Um, " (still a substring)."""
    match = re.match(r"(?:(?:yeah|yes|so|um+|uh+|well|okay|oh|and|ha)\b[,\s]*)+", text, re.I)
    return text[match.end() :] if match else text


def _open_question(
    conversation: Conversation,
    analysis: Analysis,
    recipient: str,
    me: str | None,
    company: str | None,
    chosen: list[Sentence],
) -> tuple[str | None, str | None]:
    """The question left open, in full, and what to "hear more about" in the note."""
    suggestions = list(analysis.suggestions or ())
    if not suggestions and me is not None:
        suggestions = _suggest(conversation, me, company)
    if suggestions:
        pick = _best_suggestion(suggestions, conversation, recipient, chosen)
        theme = pick.theme
        return pick.text, theme if theme[:1].isupper() else f"the {theme}"
    if analysis.plan is not None:
        for planned in analysis.plan.questions:
            if planned.asked or planned.topic not in PLANNED_TOPICS:
                continue
            topic = PLANNED_TOPICS[planned.topic]
            where = company or "the company"
            return planned.text, topic.replace("{company}", where)
    return None, None


def _suggest(conversation: Conversation, me: str, company: str | None) -> list[Suggestion]:
    try:
        from twoway.prep import suggest_followups

        return list(suggest_followups(conversation, me, n=5, exclude=[company] if company else ()))
    except (ImportError, SpeakerError):
        return []


def _best_suggestion(
    suggestions: list[Suggestion],
    conversation: Conversation,
    recipient: str,
    chosen: list[Sentence],
) -> Suggestion:
    """The first suggestion on a theme the recipient raised and the note does not cite already."""
    theirs = " ".join(t.text for t in conversation.turns_of(recipient) if t.text).casefold()
    cited = set().union(*(content_words(s.text) for s in chosen)) if chosen else set()

    def rank(item: tuple[int, Suggestion]) -> tuple[bool, bool, int]:
        i, s = item
        return (s.theme.casefold() not in theirs, bool(content_words(s.theme) & cited), i)

    return min(enumerate(suggestions), key=rank)[1]


def _compose(
    first: str,
    retold: list[str],
    topic: str | None,
    mode: str,
    company: str | None,
    role: str | None,
    sender: str,
) -> list[str]:
    networking = mode == "networking"
    at = f" at {company}" if company else ""
    if networking:
        opening = (
            f"Thank you for taking the time to talk with me about your work{at}. I really "
            "appreciated how openly you shared your experience, and I learned a lot from our "
            "conversation."
        )
    else:
        what = f"the {role} role{at}" if role else f"the role{at}"
        opening = (
            f"Thank you for taking the time to speak with me about {what}. I appreciated how "
            "open the conversation was, and it gave me a much clearer picture of how your team "
            "works."
        )
    middle = list(retold)
    if len(retold) < 2:
        also = " also" if retold else ""
        middle.append(
            f"I{also} valued the chance to learn more about your work and to ask my own questions."
        )
    more = f"I'd love to hear more about {topic} next time." if topic else None
    if networking:
        closing = [more or "I'd love to hear more about your work next time."]
        thanks = "Thanks again for being so generous with your time; I hope we can stay in touch."
    else:
        thanks = "Thank you again for your time. I look forward to hearing about the next steps."
        excited = (
            f"Our conversation made me even more excited about the chance to join {company}."
            if company
            else "Our conversation made me even more excited about the opportunity."
        )
        closing = [excited, *([more] if more else [])]
    paragraphs = [
        f"Hi {first},",
        opening,
        " ".join(middle),
        " ".join(closing),
        thanks,
        f"Best regards,\n{sender}",
    ]
    # Short retellings (or none) leave the note under 120 words: add sentences that are true of
    # any good conversation, in this order, until it is long enough.
    for where, extra in PADDING:
        if _words(paragraphs) >= MIN_WORDS:
            break
        paragraphs[where] += " " + extra
    if _words(paragraphs) > MAX_WORDS:
        paragraphs[1] = paragraphs[1].split(". ")[0] + "."
    return paragraphs


PADDING = (
    (2, "It felt like a real two-way conversation, and I came away with a lot to think about."),
    (3, "I would welcome the chance to continue the conversation."),
    (4, "Please let me know if there is anything else I can share in the meantime."),
)


def _words(paragraphs: list[str]) -> int:
    return sum(len(p.split()) for p in paragraphs)


def _markdown(
    paragraphs: list[str],
    citations: tuple[Citation, ...],
    open_question: str | None,
    notes: list[str],
    who: str,
) -> str:
    """The note, then what it builds on: the quotes with their times, the open question, notes."""
    body = ["  \n".join(escape(line) for line in p.split("\n")) for p in paragraphs]
    lines = ["## Thank-you note", "", "\n\n".join(body), ""]
    if citations:
        lines += [f"### What {escape(who)} said that it builds on", ""]
        for c in citations:
            at = f"{clock(c.start_s)} " if c.start_s is not None else ""
            lines.append(f"- {at}“{escape(c.quote)}” ({c.why})")
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
