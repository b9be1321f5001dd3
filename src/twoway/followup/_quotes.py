"""The recipient's own sentences worth citing in a thank-you note, and how to retell them (private).

Rules (docs/follow-up.md, "Choosing what to cite"):

* the recipient's speech is read floor by floor: their consecutive turns joined, a listener's
  "mm-hmm" in between does not cut a sentence, and sentences are split at ``.``, ``!`` and ``?``;
* a sentence is **eligible** when it has 6 to 40 words, asks no question, says nothing to or
  about "you" (that is about the candidate, and could not be retold in the second person), names
  no speaker (an introduction, "I'm Dana, ...", or an address), and is neither small talk nor
  logistics (greetings, thanks, scheduling, the interview itself);
* it gets a **category** from its cue words: ``enjoy`` (enjoy, love, favorite, proud, excited...,
  or any sentence of their answer to a "what have you enjoyed..." question), ``challenge``
  (challenge, hard, difficult, problem, struggle, tricky, pain point, worry...; "working on" is a
  weak cue) or ``project`` (project, plan, launch, building, reorganized, landed on...);
  otherwise ``detail``;
* its **score**: distinct content words (vague ones such as "good", "people", "little" left
  out), +2 per number (at most 3), +1 for a time ("this quarter"), +1.5 per proper noun (at most
  3), +6 for an enjoy cue, +5 for a strong challenge cue, +3 for a project cue, +2 for a weak
  one, +3 inside an answer to a question about them, -0.25 per word outside 10 to 28 words.

Everything here is pure and deterministic.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from twoway.analysis.lexicon import WORD_PATTERN
from twoway.analysis.questions import content_words, find_questions
from twoway.analysis.result import Question
from twoway.model import Conversation

MIN_WORDS, MAX_WORDS = 6, 40
IDEAL_WORDS = (10, 28)
BACKCHANNEL_WORDS = 3  # a run this short from someone else does not cut the recipient's speech

CATEGORIES = ("enjoy", "project", "challenge", "detail")

_WORD = re.compile(WORD_PATTERN)
_SENTENCE = re.compile(r"[^.!?]*(?:[.!?]+(?=\s|$)|$)")
_YOU = re.compile(r"\b(?:you|your|yours|yourself|yourselves|you're|you've|you'd|you'll)\b", re.I)
_NUMBER = re.compile(
    r"\b(?:\d[\d,.%]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|hundred|thousand|million|percent|half|dozen)\b",
    re.I,
)
_SMALL_TALK = re.compile(
    r"\b(?:hi|hello|hey|nice to meet|good to meet|thanks|thank you|talk (?:to you )?soon|"
    r"likewise|hear me|see you|take care|the plan for today|today|minutes|recruiter|schedul\w*|"
    r"calendar|reach out|next steps?|the process|case study|interview\w*|been asking|ask about|"
    r"let me|(?:your|any|a few|a lot of|good) questions?|sorry|good luck)\b",
    re.I,
)
_ENJOY = re.compile(
    r"\b(?:enjoy\w*|love|loved|loving|favou?rite|proud|excit\w+|best part|fun|fascinat\w+|"
    r"rewarding|passionate)\b",
    re.I,
)
_CHALLENGE = re.compile(
    r"\b(?:challeng\w*|hard|harder|hardest|difficult\w*|problems?|struggl\w*|tricky|"
    r"pain points?|worr\w+|not perfect|bottlenecks?|painful|messy|headaches?|incidents?|"
    r"outages?|wrong|broke|broken|breaking)\b",
    re.I,
)
# "working on it / fixing / a new ..." (not "everyone shares what they're working on").
_WORKING_ON = re.compile(r"\bworking on (?:it|that|this|fixing|improving|a|an|the)\b", re.I)
_TIME = re.compile(
    r"\b(?:this|next|last) (?:week|month|quarter|year|sprint|spring|summer|fall|autumn|winter)\b",
    re.I,
)
# Content words too vague to make a sentence specific.
_VAGUE = frozenset(
    """little bit better best good great nice perfect fine big small whole same different
    people thing stuff lot toward towards expected usually always sometimes often exact almost
    happen happened""".split()
)
_PROJECT = re.compile(
    r"\b(?:projects?|plans?|planning|planned|launch\w*|roll(?:ing)? out|rolled out|build(?:ing)?|"
    r"built|reorgani[sz]\w+|landed on|migrat\w+|redesign\w*|rebuil\w+|initiatives?|roadmap|"
    r"this quarter|next quarter|this year|next year|new)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Sentence:
    """One of the recipient's sentences, as spoken (``text`` is a substring of their turns)."""

    text: str
    start_s: float | None  # start of the turn the sentence starts in
    category: str  # "enjoy" | "project" | "challenge" | "detail"
    score: float
    answers: str | None  # the question about them it answers, if any
    order: int  # position in the conversation (ties go to the earlier sentence)

    @property
    def words(self) -> int:
        return len(_WORD.findall(self.text))


@dataclass(slots=True)
class _Run:
    speaker: str | None
    text: str
    starts: list[tuple[int, float | None]]  # (offset in text, start of the turn there)

    def start_at(self, offset: int) -> float | None:
        found: float | None = None
        for where, start in self.starts:
            if where > offset:
                break
            found = start
        return found


def runs(conversation: Conversation, *, merge_backchannels: bool = True) -> list[_Run]:
    """Each speaker's consecutive speech joined; another speaker's backchannel in the middle of
    it ("Mm-hmm.") is left out, so a sentence cut by it is whole again (unless
    ``merge_backchannels`` is false: a short reply such as "Sure, happy to." matters there)."""
    out: list[_Run] = []
    for turn in conversation.turns:
        if not turn.text or not turn.text.strip():
            continue
        text = turn.text.strip()
        if out and out[-1].speaker == turn.speaker:
            _append(out[-1], text, turn.start)
        else:
            out.append(_Run(turn.speaker, text, [(0, turn.start)]))
    if not merge_backchannels:
        return out
    merged: list[_Run] = []
    for run in out:
        if len(merged) >= 2 and merged[-2].speaker == run.speaker and _is_backchannel(merged[-1]):
            merged.pop()
            _extend(merged[-1], run)
        else:
            merged.append(run)
    return merged


def _append(run: _Run, text: str, start: float | None) -> None:
    run.starts.append((len(run.text) + 1, start))
    run.text = f"{run.text} {text}"


def _extend(run: _Run, more: _Run) -> None:
    base = len(run.text) + 1
    run.starts.extend((base + offset, start) for offset, start in more.starts)
    run.text = f"{run.text} {more.text}"


def _is_backchannel(run: _Run) -> bool:
    if len(_WORD.findall(run.text)) > BACKCHANNEL_WORDS:
        return False
    return not any(q.counts for q in find_questions(run.text))


def candidates(
    conversation: Conversation, recipient: str, questions: Sequence[Question]
) -> list[Sentence]:
    """The recipient's eligible sentences, scored, best first."""
    speech = runs(conversation)
    about_them = _enjoy_questions(questions, recipient)
    proper = _proper_nouns(r.text for r in speech if r.speaker == recipient)
    names = _name_pattern(conversation.speakers)
    found: list[Sentence] = []
    order = 0
    previous: _Run | None = None
    for run in speech:
        if run.speaker != recipient:
            previous = run
            continue
        answers = None
        if previous is not None:
            answers = next((q for q in about_them if q in previous.text), None)
        for match in _SENTENCE.finditer(run.text):
            raw = match.group()
            text = raw.strip()
            if not text:
                continue
            offset = match.start() + (len(raw) - len(raw.lstrip()))
            order += 1
            if names is not None and names.search(text):
                continue  # an introduction ("I'm Dana, ...") or an address, not their work
            sentence = _judge(text, run.start_at(offset), answers, proper, order)
            if sentence is not None:
                found.append(sentence)
        previous = run
    return sorted(found, key=lambda s: (-s.score, s.order))


def _name_pattern(speakers: Sequence[str]) -> re.Pattern[str] | None:
    words = {w for s in speakers for w in _WORD.findall(s) if len(w) >= 3 and w[:1].isupper()}
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, words))) + r")\b")


def _enjoy_questions(questions: Sequence[Question], recipient: str) -> list[str]:
    """Questions about them that the recipient answered ("What have you enjoyed most ...")."""
    return [
        q.text
        for q in questions
        if q.function == "question"
        and q.speaker != recipient
        and q.answered_by == recipient
        and (q.topic == "them" or _ENJOY.search(q.text))
    ]


def _judge(
    text: str, start_s: float | None, answers: str | None, proper: set[str], order: int
) -> Sentence | None:
    words = _WORD.findall(text)
    if not MIN_WORDS <= len(words) <= MAX_WORDS:
        return None
    if _YOU.search(_strip_fillers(text)) or _SMALL_TALK.search(text):
        return None
    if any(q.counts for q in find_questions(text)):
        return None
    enjoys_answer = answers is not None and _ENJOY.search(answers) is not None
    score = float(len(content_words(text) - _VAGUE))
    score += 2.0 * min(3, len(_NUMBER.findall(text))) + (1.0 if _TIME.search(text) else 0.0)
    score += 1.5 * min(3, sum(1 for w in words[1:] if w in proper))
    category = "detail"
    if _ENJOY.search(text):
        category, score = "enjoy", score + 6.0
    elif _CHALLENGE.search(text):
        category, score = "challenge", score + 5.0
    elif _PROJECT.search(text):
        category, score = "project", score + 3.0
    elif _WORKING_ON.search(text):
        category, score = "challenge", score + 2.0
    elif enjoys_answer:
        category = "enjoy"
    if answers is not None:
        score += 3.0
    low, high = IDEAL_WORDS
    score -= 0.25 * max(low - len(words), len(words) - high, 0)
    return Sentence(text, start_s, category, round(score, 2), answers, order)


def _proper_nouns(texts: Iterable[str]) -> set[str]:
    """Capitalised words seen inside a sentence (not first): names, places, tools, acronyms."""
    names: set[str] = set()
    for text in texts:
        for match in _SENTENCE.finditer(text):
            for word in _WORD.findall(match.group())[1:]:
                if word[:1].isupper() and word not in ("I", "I'm", "I've", "I'd", "I'll"):
                    names.add(word)
    return names


def proper_nouns(conversation: Conversation, speaker: str) -> set[str]:
    return _proper_nouns(r.text for r in runs(conversation) if r.speaker == speaker)


# -- retelling in the second person -------------------------------------------------------

_LEADING = re.compile(
    r"^(?:(?:yeah|yes|yep|so|um+|uh+|uhm+|erm+|well|okay|ok|and|but|oh|ha|hmm+|honestly|"
    r"personally|basically|anyway|also|plus|i think|i guess|i'd say|i would say|i feel like|"
    r"to be honest|it's that|it is that|(?:here|now|right|sure|actually|i mean|you know|"
    r"related to that|on that note|by the way|in any case|in reality|in practice),)"
    r"[\s,]*)+",
    re.I,
)
_FILLER = re.compile(r"\b(?:u+m+|u+h+m*|e+r+m+)\b,?\s*|,\s*(?:you know|like|i mean),", re.I)
_HEDGE = re.compile(r"\b(?:actually|honestly|obviously|basically|literally)\b,?\s*", re.I)
_SWAP = {
    "i'm": "you're",
    "i've": "you've",
    "i'd": "you'd",
    "i'll": "you'll",
    "i": "you",
    "me": "you",
    "my": "your",
    "mine": "yours",
    "myself": "yourself",
    "we": "you",
    "we're": "you're",
    "we've": "you've",
    "we'd": "you'd",
    "we'll": "you'll",
    "our": "your",
    "ours": "yours",
    "ourselves": "yourselves",
}
_PRONOUN = re.compile(r"\b(?:i|we|me|my|mine|myself|our|ours|ourselves|us)(?:'(?:m|ve|d|ll|re))?\b")
_SUBORDINATE = re.compile(
    r"^(?:because|when|if|since|although|though|while|after|before|as|once|until|whenever)\b",
    re.I,
)
# ", the team is working on it" after a full clause: a comma splice, joined with "and".
_SPLICE = re.compile(
    r"(?<!\band)(?<!\bbut)(?<!\bso), (the \w+|this \w+|that \w+|your \w+|it|they|you|he|she)"
    r"( is| are| was| were| has| have| had| will|'s|'re)\b"
)


def _strip_fillers(text: str) -> str:
    return re.sub(r"\byou know\b,?", "", text, flags=re.I)


def second_person(text: str, proper: set[str]) -> str:
    """``text`` retold to the person who said it, as a clause to follow "hearing how ...".

    >>> second_person("Yeah, I think we just reorganized, so each analyst is paired with two "
    ...               "squads.", set())
    'you just reorganized, so each analyst is paired with two squads'
    >>> second_person("It's not perfect, uh, but it's been working better than I expected.", set())
    "it's not perfect, but it's been working better than you expected"
    """
    clause = text.replace("’", "'").strip()
    clause = _FILLER.sub(lambda m: "," if m.group().startswith(",") else "", clause)
    clause = _HEDGE.sub("", clause)
    clause = _LEADING.sub("", clause)
    clause = re.sub(r"\s+,", ",", re.sub(r",\s*,", ",", clause))
    clause = re.sub(r"\s{2,}", " ", clause).strip(" ,.!?;:")
    clause = re.sub(r"\bhere\b(?!['’])", "there", clause)  # their workplace, from the outside
    clause = re.sub(r"\bI am\b", "you are", clause)
    clause = re.sub(r"\bI was\b", "you were", clause)
    clause = re.sub(r"\bwas I\b", "were you", clause)
    clause = re.sub(r"\bI('m|'ve|'d|'ll)\b", lambda m: _SWAP["i" + m.group(1)], clause)
    clause = re.sub(r"\bI\b", "you", clause)
    clause = _PRONOUN.sub(lambda m: _swap(m.group()), clause)
    clause = re.sub(r"\bWe\b", "You", clause)
    clause = re.sub(r"\bOur\b", "Your", clause)
    if not _SUBORDINATE.match(clause):
        clause = _SPLICE.sub(r", and \1\2", clause, count=1)
    first = clause.split(" ", 1)[0]
    if first and not (first.isupper() and len(first) > 1) and first not in proper:
        clause = clause[:1].lower() + clause[1:]
    return clause


def _swap(word: str) -> str:
    if word == "us":
        return "you"
    return _SWAP.get(word, word)
