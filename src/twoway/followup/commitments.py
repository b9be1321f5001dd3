"""Promises, offers and requests made in a conversation: who owes what to whom, and by when.

``find_commitments(conversation, me)`` reads every speaker's sentences for these shapes
(docs/follow-up.md, "Commitments"):

* a **promise or offer** by the speaker: "I'll introduce you to Omar", "I can send you the
  write-up", "let me check with the hiring manager", "We'll get back to you by the end of next
  week", "what I will do is send you the outline", and any first-person future deed ("I'll
  bring my certification", "I'll have HR reach out"); a conditional keeps its promise;
* a **request** that makes the listener owe something: "send me the project", "Can you send me
  your portfolio by Thursday?" (a question counts only when the listener's reply accepts it:
  "Sure, happy to.", "Yes, I'll do that by Friday.");
* a **named third party** said to owe it: "Deb Kowalczyk in our office will send you the
  benefits summary", "Ruth will email you about the info session" (``kind`` "reported");
* not what a speaker does inside the conversation ("I'll be honest", "I'm going to get a
  chai"), a pleasantry ("I'll pray for her"), a personal plan that owes the listener nothing
  ("I'm going to close the salon"), a hedge, a refusal, reported speech ("the owner told me,
  "I'll renovate the rooftop""), a promise hanging on an open outcome ("if something comes up,
  I can pass it to HR"), a vague social plan ("we must have a glass of wine sometime"), or a
  question;
* across sentences and turns: an offer taken back ("— no, wait, no", "scrap that") or declined
  in the listener's next turn ("Thanks, but not yet") is dropped; an accepted offer confirmed in
  the owner's next turn ("Okay, I'll put you in touch with her by email") is one commitment,
  the confirmation; a promise restated with a new due date is kept once, as restated; a repeat
  of a promise already made, or a request for what the listener already promised, is not new.

The action is kept as the owner would say it to the other person ("send you the take-home on
Monday"), taken verbatim from the sentence with first and second person swapped when someone
else said it ("send me the project" said by Sam, owed by Jordan: "send you the project"). The
due date is the phrase as said ("by Friday", "Tuesday at two", "when it opens"), never a
calendar date: this module does not read the clock.

Pure and deterministic.
"""

from __future__ import annotations

from collections.abc import Sequence

from twoway.followup._antecedents import resolve_references
from twoway.followup._commitment import DUE as DUE
from twoway.followup._commitment import (
    Commitment,
    resolve,
    split_sentences,
    swap_person,
)
from twoway.followup._discourse import Said, across_runs, dedupe, deferred_deeds, within_run
from twoway.followup._promises import full_names, sentence_promises
from twoway.followup._quotes import _Run, runs
from twoway.followup._requests import IMPERATIVE, sentence_request
from twoway.model import Conversation

__all__ = ["Commitment", "find_commitments", "swap_person"]


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
    names = full_names(speakers, [r.text for r in speech])
    said: list[Said] = []
    for i, run in enumerate(speech):
        speaker = run.speaker or ""
        before = speech[i - 1] if i > 0 else None
        after = speech[i + 1] if i + 1 < len(speech) else None
        listener = _listener(speaker, before, after, speakers, me)
        previous = before.text if before is not None else ""
        in_run: list[Said] = []
        for start, end, sentence in split_sentences(run.text):
            when = run.start_at(start)
            context = _context(speech, i, start)
            promised = sentence_promises(sentence, speaker, listener, when, names, context)
            for offset, c, offer in promised:
                c = resolve(c, previous)
                in_run.append(Said(c, i, start + offset, start, end, offer))
            if promised and IMPERATIVE.match(sentence) is None:
                continue  # "Send it over, I'll tell you what I think": the promise is owed
            request = sentence_request(sentence, speaker, listener, when, after, bool(promised))
            if request is not None:
                in_run.append(Said(request, i, start, start, end))
        deferred = deferred_deeds(run.text, i, speaker, listener, run.start_at)
        said.extend(within_run(run.text, in_run, deferred))
    said = across_runs([r.text for r in speech], [r.speaker for r in speech], said)
    found = [resolve_references(s.c, _context(speech, s.run, s.at), speakers) for s in said]
    return tuple(dedupe(found))


def _context(speech: Sequence[_Run], i: int, offset: int) -> list[tuple[str, str | None]]:
    """What was said before ``offset`` of run ``i``: that run's start, then up to three runs
    before it, nearest first."""
    out: list[tuple[str, str | None]] = [(speech[i].text[:offset], speech[i].speaker)]
    out += [(speech[j].text, speech[j].speaker) for j in range(i - 1, max(i - 4, -1), -1)]
    return out


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
