"""Questions in a conversation: the rules of ``find_questions`` turn by turn, then a second look
that uses the turns around each one.

``find_questions`` judges one text alone. In a conversation more is known: whether the writer
marks questions with ``?`` at all (judged once for the whole conversation, not per turn), what
the previous turn said (an echo repeats it: "Banker?" after "I was a banker"), what the next turn
does (an answer: "yes", "no", "I ..."; or the same speaker going on), and how the turn is built.
A small logistic regression (``question_data/question_detector.json``, trained by
``benchmarks/train_question_detector.py``) weighs these for every candidate the rules propose
(a question they count, one they call a backchannel or rhetorical, and a short turn with a
question word) and keeps it as a question or not.

Its features are deliberately closed: the shape of the candidate in the project's own word
classes (question words, auxiliaries, pronouns, fillers and a few hundred other function words,
written for twoway; every other word is ``_``), its end mark, the rules' verdict and the turns
around it. No word, phrase or text from the training corpora is in the package, only one weight
per feature (docs/questions.md, "The conversation pass", for the data and their licences).

Questions about the call itself ("can you hear me?", "you're on mute", "can you see my screen?")
are reported with ``function`` "call" and never count.

Everything here is pure and linear in the length of the conversation.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from itertools import repeat
from typing import Any

from twoway.analysis import _question_lexicon as lx
from twoway.analysis.questions import (
    CALL_FUNCTION,
    DetectedQuestion,
    find_questions,
    is_call_check,
    opens_with_request,
)

__all__ = ["CALL_FUNCTION", "conversation_questions", "is_call_check"]

DETECTOR_FILE = "question_data/question_detector.json"

_TOKEN = re.compile(r"[a-z0-9]+")

# --- features ----------------------------------------------------------------------------------

# The closed vocabulary: the project's own word lists. Every other word is "_".
_CLOSED = frozenset().union(
    lx.WH,
    lx.WH_AUX,
    lx.AUXILIARIES,
    lx.PRONOUN_SUBJECTS,
    lx.NP_STARTS,
    lx.CONTRACTED_SUBJECTS,
    lx.BOUNDARY_WORDS,
    lx.INTERJECTIONS,
    lx.COMPLEMENT_TAKERS,
    lx.REPORTING_VERBS,
    lx.REPORTING_OBJECTS,
    lx.HOW_MODIFIERS,
    lx.WH_NOUN_OF,
    lx.WH_ADVERBS,
    lx.TAG_VERBS,
    lx.REQUEST_VERBS,
    """or not too else also just really huh eh uhhuh mmhmm mhm hm hmm mm yes yep yeah nope
    any anything something nothing anyone someone me my mine your yours us our him her them
    here there then now again ever never always maybe mean guess suppose wonder wondering
    curious please thanks thank sorry excuse pardon like kind sort thing things stuff way
    one ones lot very much more less about with for from into of to in on at by as than
    because if whether else why okay ok alright right sure true exactly correct wrong
    good great fine nice cool wow gosh man god hey hi hello bye yeah huh""".split(),
)
_LEADING = frozenset(lx.INTERJECTIONS | lx.BOUNDARY_WORDS | {"like", "i", "mean"})
_ANSWER_STARTS = frozenset(
    """yes yeah yep no nope uhhuh mmhmm mhm right sure okay ok i its it well um uh
    because maybe probably""".split()
)


def _tokens(text: str) -> list[str]:
    """Lowercased words without apostrophes ("don't" -> "dont")."""
    return _TOKEN.findall(text.lower().replace("'", "").replace("’", ""))


def _closed(word: str) -> str:
    return word if word in _CLOSED else "_"


def _length_bucket(n: int) -> str:
    if n <= 3:
        return str(n)
    if n <= 5:
        return "4-5"
    if n <= 8:
        return "6-8"
    if n <= 12:
        return "9-12"
    return "13-20" if n <= 20 else "21+"


def _end_mark(text: str) -> str:
    end = text.rstrip(" \"'”’)]")
    if not end:
        return "none"
    last = end[-1]
    if last == "?":
        return "?"
    if last in ".!":
        return "." if not end.endswith("...") else "..."
    return "none"


class _Turn:
    """What the features need of a turn around a candidate, each part read only when asked for:
    its first word, its size, the words of its last few hundred characters (which an echo
    repeats) and how it ends. A monologue is never tokenized whole."""

    __slots__ = ("_tail", "asks", "end", "text")

    def __init__(self, text: str, asks: bool) -> None:
        self.text = text
        self.end = _end_mark(text)
        self.asks = asks  # the rules count a question in it, or it ends with "?"
        self._tail: frozenset[str] | None = None

    @property
    def tail_words(self) -> frozenset[str]:
        if self._tail is None:
            self._tail = frozenset(_tokens(self.text[-_TAIL_CHARS:]))
        return self._tail

    @property
    def first(self) -> str:
        match = _TOKEN.search(self.text[:40].lower().replace("'", "").replace("’", ""))
        return match.group() if match is not None else ""

    @property
    def size(self) -> str:
        """The turn's length in characters, bucketed."""
        n = len(self.text)
        return next((label for limit, label in _SIZES if n < limit), "long")

    @property
    def answers_at_length(self) -> bool:
        return len(_tokens(self.text[:120])) >= 8


_TAIL_CHARS = 300
_SIZES = ((10, "<10"), (25, "<25"), (50, "<50"), (100, "<100"))


def candidate_features(
    text: str,
    verdict: str,
    form: str,
    punctuated: bool,
    previous: _Turn | None,
    following: _Turn | None,
    same_before: bool,
    same_after: bool,
    last_in_turn: bool,
    others_in_turn: int,
    before: str = "",
    same_asked: bool = False,
) -> list[str]:
    """The features of one candidate question (see the module docstring). ``before`` is the
    turn's text before the candidate."""
    words = _tokens(text)
    c = [_closed(w) for w in words]
    k = 0
    while k < len(words) and words[k] in _LEADING:
        k += 1
    s = c[k:]
    p = "P" if punctuated else "U"  # the model adds its own weights per mode (``with_mode``)
    end = _end_mark(text)
    n = len(words)
    feats = [
        "bias",
        f"n:{_length_bucket(n)}",
        f"end:{end}|{p}",
        f"r:{verdict}|{p}",
        f"rf:{verdict}:{form}",
        f"re:{verdict}:{end}",
        f"a:{' '.join(c[:1])}",
        f"a2:{' '.join(c[:2])}",
        f"a3:{' '.join(c[:3])}",
        f"s:{' '.join(s[:1])}",
        f"s2:{' '.join(s[:2])}",
        f"s3:{' '.join(s[:3])}",
        f"z:{' '.join(c[-1:])}",
        f"z2:{' '.join(c[-2:])}",
        f"lead:{min(k, 3)}",
    ]
    if before.strip():
        prior = _tokens(before[-24:])
        feats.append(f"pv:{_closed(prior[-1]) if prior else '_'}|{end}")
        feats.append(f"pv:{verdict}:{_closed(prior[-1]) if prior else '_'}")
    else:
        feats.append(f"pv:start|{verdict}")
    feats.extend({f"w:{w}" for w in c if w != "_"})
    if n <= 3:
        feats.append(f"short:{' '.join(c)}|{end}")
    if same_before:
        feats.append("ctx:same_before")
        if same_asked:
            feats.append(f"ctx:same_asked|{_length_bucket(n)}")
    if previous is None:
        feats.append("ctx:first")
    else:
        feats.append(f"ctx:prev_end:{previous.end}")
        if previous.asks:
            feats.append("ctx:prev_asks")
        if 0 < n <= _ECHO_MAX:
            own = set(words)
            shared = len(own & previous.tail_words)
            ratio = shared / len(own)
            echo = "all" if ratio == 1 else "most" if ratio >= 0.5 else "some" if shared else "none"
            feats.append(f"ctx:echo:{echo}|{_length_bucket(n)}")
            feats.append(f"ctx:echo:{echo}|{verdict}")
    if last_in_turn:
        if same_after:
            feats.append("ctx:same_after")
        elif following is None:
            feats.append("ctx:last")
        else:
            first = following.first
            feats.append(f"ctx:next:{_closed(first) if first else 'empty'}")
            if first in _ANSWER_STARTS:
                feats.append("ctx:answered")
            if verdict != "question":
                # "Really?" answered "Yes, ..." was asked; answered "yeah" it mostly was not.
                feats.append(f"ctx:{verdict}:next:{_closed(first) if first else 'empty'}")
            if following.asks:
                feats.append("ctx:next_asks")
            feats.append(f"ctx:next_n:{following.size}")
    else:
        feats.append("ctx:more_in_turn")
    if others_in_turn:
        feats.append("ctx:several")
    return feats


_ECHO_MAX = 6  # an echo repeats a few words; longer candidates are not compared


def with_mode(feats: list[str], punctuated: bool) -> list[str]:
    """The features as the model is trained on them: each once shared and once for text that
    marks questions with "?" (P) or not (U), where the same shape means different things."""
    p = "P" if punctuated else "U"
    return feats + [p + f for f in feats]


# --- the model ---------------------------------------------------------------------------------


class DetectorModel:
    """A logistic regression over ``candidate_features``: a weight per feature and a threshold."""

    def __init__(
        self, weights: dict[str, float], threshold: float, marked_threshold: float | None = None
    ) -> None:
        self.weights = weights
        # Each feature's shared weight plus its weight in one mode, added once here so that a
        # candidate looks up each feature once (``with_mode`` at training time).
        self._by_mode: dict[bool, dict[str, float]] = {}
        for punctuated, p in ((True, "P"), (False, "U")):
            merged = {f: w for f, w in weights.items() if f[:1] not in "PU"}
            for f, w in weights.items():
                if f[:1] == p:
                    merged[f[1:]] = merged.get(f[1:], 0.0) + w
            self._by_mode[punctuated] = merged
        self.threshold = threshold  # on the log odds
        # For a question the rules count that ends with "?" in text that marks questions: the
        # writer's "?" and the rules agree, so the model needs more to overrule them.
        self.marked_threshold = threshold if marked_threshold is None else marked_threshold

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DetectorModel:
        names = str(data["features"]).split("\n")
        values = [float(x) / float(data["scale"]) for x in data["weights"]]
        if len(names) != len(values):
            raise ValueError("question_detector: the weights do not match the features")
        return cls(
            dict(zip(names, values, strict=True)),
            float(data["threshold"]),
            float(data.get("marked_threshold", data["threshold"])),
        )

    def log_odds(self, feats: Sequence[str], punctuated: bool) -> float:
        """The log odds that the candidate with ``feats`` (``candidate_features``) counts."""
        return sum(map(self._by_mode[punctuated].get, feats, repeat(0.0)))


@lru_cache(maxsize=1)
def detector_model() -> DetectorModel | None:
    """The shipped model, or None when the package was built without it."""
    try:
        raw = resources.files("twoway.analysis").joinpath(DETECTOR_FILE).read_text("utf-8")
    except FileNotFoundError:
        return None
    data: dict[str, Any] = json.loads(raw)
    return DetectorModel.from_json(data)


# An inversion or a question word anywhere, which the rules do not take mid-clause ("i come
# from china are you american", "now do your grandchildren live nearby"): a weak candidate for
# the model, in a turn without punctuation, beside what the rules found. Runs on the lowercased
# text.
_WEAK = re.compile(
    r"""\b(?:(?:is|are|was|were|do|does|did|have|has|can|could|will|would|should|am|isnt|arent
    |dont|doesnt|didnt|havent|wasnt|cant|wont|wouldnt)\ (?:you|i|we|they|he|she|it|there|your
    |the|this|that|these|those|my|our|their|his|her|anyone|anybody|anything|everyone|somebody
    |someone|yall)
    |(?:what|whats|where|wheres|why|how|hows|who|whos)\ (?:is|are|was|were|do|does|did|have
    |has|can|could|will|would|should|about|else|much|many|long|often|not|the)
    |(?:when|which)\ (?:is|are|was|were|do|does|did|have|has|can|could|will|would|should)
    \ (?:you|i|we|they|he|she|it|there|the|this|that|your|my)
    |whats\ (?:up|wrong|new|going\ on|happening|the\ matter))\b
    # "do" or "have" left out at the start: "you think so", "you been there", "you guys use it"
    |^(?:(?:so|and|but|oh|uh|um|well|okay|now)\ )*you\ (?:think|mean|use|want|need|like|have
    |got|been|ever|guys|all|remember|see|know\ what|know\ how|know\ if)\b""",
    re.VERBOSE,
)
# Discourse markers before which an inversion may still start a question ("i mean does it ...").
_WEAK_MARKERS = frozenset({("i", "mean"), ("i", "guess"), ("you", "know"), ("i", "think")})
# Before these words an inversion is part of a clause ("what I did WAS I went", "to HAVE YOU
# back", "which IS why"): no weak candidate there.
_WEAK_BLOCKERS = frozenset(
    lx.WH | lx.AUXILIARIES | lx.PRONOUN_SUBJECTS | lx.MID_BLOCKERS | lx.COMPLEMENT_TAKERS
)
_WEAK_AUX_BLOCKERS = frozenset(
    lx.WH | lx.AUXILIARIES | {"to", "that", "if", "whether", "because", "than", "as", "so", "nor"}
)
# A subject after "how do", "when can": an inversion ("i see how do i get one").
_SUBJECT_NEXT = [[w] for w in ("you", "i", "we", "they", "he", "she", "it", "there", "yall")]
_SENTENCE_MARK = re.compile(r"[.?!]")
# A cheap first test: no word a weak opening can start with.
_WEAK_HINT = re.compile(
    r"(?i)\b(?:is|are|was|were|do|does|did|ha[vs]|can|could|will|wo|should|am|wh|how|you)"
)


def _weak_candidates(text: str, taken: Sequence[DetectedQuestion]) -> list[DetectedQuestion]:
    """Every weak opening of ``text`` (see ``_WEAK``) outside the questions ``taken`` by the
    rules, each to the end of its sentence or to the next opening; at most ``_WEAK_MAX`` of them.
    """
    low = text.lower().replace("’", "'")
    where: list[int] | None = None  # offsets in ``text`` once apostrophes are taken out
    if "'" in low:
        where = [i for i, ch in enumerate(low) if ch != "'"]
        where.append(len(text))
        low = low.replace("'", "")
    starts: list[tuple[int, int]] = []
    for match in _WEAK.finditer(low):
        prior = _tokens(low[max(0, match.start() - 16) : match.start()])
        # An inversion ("... look at it do you have ...") is blocked by fewer words than a
        # question word, which often opens a clause ("that is what i love").
        head = match.group().split(" ")
        inverted = head[0] in lx.AUXILIARIES or (
            len(head) > 1
            and head[1] in lx.AUXILIARIES
            and (head[2:] or _tokens(low[match.end() : match.end() + 12]))[:1] in _SUBJECT_NEXT
        )
        if starts and len(_tokens(low[starts[-1][1] : match.start()][:40])) < 2:
            continue  # inside the last opening: "do you | have your id"
        if (
            not prior
            or prior[-1] not in (_WEAK_AUX_BLOCKERS if inverted else _WEAK_BLOCKERS)
            or prior[-1] == match.group().split(" ", 1)[0]  # a restart: "did did you"
            or tuple(prior[-2:]) in _WEAK_MARKERS
        ):
            start = match.start() if where is None else where[match.start()]
            after = match.end() if where is None else where[match.end() - 1] + 1
            if not any(q.start <= start < q.end for q in taken):
                starts.append((start, after))
                if len(starts) == _WEAK_MAX:
                    break
    out: list[DetectedQuestion] = []
    for k, (start, after) in enumerate(starts):
        stop = _SENTENCE_MARK.search(text, after)
        end = stop.end() if stop is not None else len(text.rstrip())
        if k + 1 < len(starts):
            end = min(end, len(text[: starts[k + 1][0]].rstrip()))
        end = min([end, *(q.start for q in taken if q.start > start)])
        end = len(text[:end].rstrip())
        if end > start:
            out.append(DetectedQuestion(text[start:end], start, end, "closed", "weak"))
    return out


_WEAK_MAX = 6


# --- the pass ----------------------------------------------------------------------------------

# A turn of a few words with one of these may be a question the rules do not see ("and you",
# "or", "anything else"): the model looks at it.
_SHORT_CUES = frozenset(lx.WH | lx.WH_AUX | {"or", "you", "else", "huh", "eh", "about", "right"})
_SHORT = 4
# Candidates the rules did not propose themselves: kept only when the model says so.
_PROPOSED = frozenset({"none", "weak"})
_NEEDS_CONTEXT = frozenset({"backchannel", "rhetorical"})


def conversation_punctuated(texts: Sequence[str]) -> bool | None:
    """Does the writer mark questions with "?": True when there is one anywhere.

    A conversation of some length (``JUDGE_TURNS`` turns) with no "?" at all comes from a
    transcriber that does not mark questions: False, so a sentence ending with "." is not held
    against a question (``find_questions(..., punctuated=False)``). A shorter one says too little:
    None, and each turn is judged by its own marks, as ``find_questions`` does.
    """
    if any("?" in t for t in texts):
        return True
    return False if sum(1 for t in texts if t) >= JUDGE_TURNS else None


JUDGE_TURNS = 20
_MARKED = re.compile(r"[.!?](?:\s|$)")


def _turn_punctuated(text: str) -> bool:
    """``find_questions``'s own test on one text: a sentence ends with ".", "!" or "?"."""
    return _MARKED.search(text) is not None


def _neighbours(speakers: Sequence[str | None]) -> tuple[list[int], list[int]]:
    """For each turn, the nearest turn before and after it by someone else (-1: none).

    Turns by the same speaker in a row are segments of one turn (as in the corpora's
    utterances); an unknown speaker (None) is always someone else."""
    n = len(speakers)
    before, after = [-1] * n, [-1] * n
    last_other = -1  # the latest turn whose speaker differs from the run that follows it
    for i in range(n):
        if i and (speakers[i] is None or speakers[i] != speakers[i - 1]):
            last_other = i - 1
        before[i] = last_other
    next_other = -1
    for i in range(n - 1, -1, -1):
        if i + 1 < n and (speakers[i] is None or speakers[i] != speakers[i + 1]):
            next_other = i + 1
        after[i] = next_other
    return before, after


def _by_context(q: DetectedQuestion, previous: _Turn | None, following: _Turn | None) -> str:
    """The function the turns around decide for a short question with "?", or "".

    A clarification asks ("Some what?", "You did what?"). An echo repeats the previous turn
    ("Banker?" after "I was a banker"): a backchannel, unless what follows is an answer at length
    ("Well, investment banking: I ran ..."), which shows it was asked for real.
    """
    if not q.text.rstrip().endswith("?") or previous is None:
        return ""
    words = _tokens(q.text)
    if not 1 <= len(words) <= 3:
        return ""
    if len(words) > 1 and words[-1] in _CLARIFY_WH and words[0] not in lx.WH:
        return "question"
    content = [w for w in words if w not in lx.INTERJECTIONS and w not in _ECHO_IGNORED]
    if not content or any(w not in previous.tail_words for w in content):
        return ""
    if following is not None and following.answers_at_length:
        return "question"
    return "backchannel"


_CLARIFY_WH = frozenset("what who where which when whom".split())
_GREETINGS = frozenset("hi hello hey hiya morning afternoon evening".split())


def _greeting(text: str) -> bool:
    """``Hi, Alex?``, ``Hello?``, ``Good morning, Dana?``: a greeting, not a question."""
    words = _tokens(text)
    if words[:1] == ["good"]:
        words = words[1:]
    return 1 <= len(words) <= 3 and words[0] in _GREETINGS


_ECHO_IGNORED = frozenset("a an the really".split())

Candidate = tuple[DetectedQuestion, list[str] | None, str]


def candidates(
    turns: Sequence[tuple[str | None, str]], punctuated: bool | None
) -> tuple[list[list[Candidate]], list[bool]]:
    """For each turn, the rules' candidates: (question, features, function decided without the
    model: "call" for the call, a context rule's, or ""); and whether each turn counts as
    punctuated (``punctuated``, or the turn's own marks where it is None). The model's training
    uses this too."""
    texts = [text or "" for _, text in turns]
    speakers = [speaker for speaker, _ in turns]
    marked = [punctuated if punctuated is not None else _turn_punctuated(t) for t in texts]
    rules = [
        find_questions(t, punctuated=p) if t else [] for t, p in zip(texts, marked, strict=True)
    ]
    before, after = _neighbours(speakers)
    info: dict[int, _Turn] = {}

    def turn_info(i: int) -> _Turn | None:
        if i < 0:
            return None
        got = info.get(i)
        if got is None:
            asks = any(q.counts for q in rules[i]) or texts[i].rstrip().endswith("?")
            got = info[i] = _Turn(texts[i], asks)
        return got

    out: list[list[Candidate]] = []
    for i, text in enumerate(texts):
        found = rules[i]
        if not found:
            words = _tokens(text) if 0 < len(text) < 40 else []
            if words and len(words) <= _SHORT and any(w in _SHORT_CUES for w in words):
                start = len(text) - len(text.lstrip())
                end = len(text.rstrip())
                found = [DetectedQuestion(text[start:end], start, end, "closed", "none")]
        if not marked[i] and len(found) < _WEAK_MAX and _WEAK_HINT.search(text) is not None:
            # Weak openings only where the writer does not mark questions (with "?" the rules
            # already see every sentence that asks): the model weighs each.
            weak = _weak_candidates(text, found)
            if weak:
                found = sorted([*found, *weak], key=lambda q: q.start)
        if not found:
            out.append([])
            continue
        speaker = speakers[i]
        same_before = i > 0 and speaker is not None and speakers[i - 1] == speaker
        same_after = i + 1 < len(texts) and speaker is not None and speakers[i + 1] == speaker
        previous, following = turn_info(before[i]), turn_info(after[i])
        row: list[Candidate] = []
        for k, q in enumerate(found):
            if is_call_check(q.text):
                row.append((q, None, CALL_FUNCTION))
                continue
            if q.function == "question" and opens_with_request(q.text):
                row.append((q, None, "question"))
                continue
            if previous is None and following is None and q.function in _NEEDS_CONTEXT:
                # A text alone: whether "You did?" was asked for real needs the turns around
                # it, and there are none, so the rules' reading stands.
                row.append((q, None, q.function))
                continue
            decided = _by_context(q, previous, following) if marked[i] else ""
            if decided:
                row.append((q, None, decided))
                continue
            feats = candidate_features(
                q.text,
                q.function,
                q.form,
                marked[i],
                previous,
                following,
                same_before,
                same_after,
                k == len(found) - 1,
                len(found) - 1,
                text[max(0, q.start - 40) : q.start],
                same_before and any(x.counts for x in rules[i - 1]),
            )
            row.append((q, feats, ""))
        out.append(row)
    return out, marked


def conversation_questions(
    turns: Sequence[tuple[str | None, str]],
    *,
    punctuated: bool | None = None,
    model: DetectorModel | None = None,
) -> list[list[DetectedQuestion]]:
    """Every question of every turn of a conversation, given as (speaker, text) pairs in order.

    The rules of ``find_questions`` propose; the turns around each candidate decide with the
    shipped model (``model`` overrides it, for training and tests). Questions about the call
    ("can you hear me?") get ``function`` "call". ``punctuated`` as in ``find_questions``;
    None decides once for the conversation (``conversation_punctuated``).

    >>> found = conversation_questions([("A", "I was a banker for ten years."),
    ...                                 ("B", "Banker?"), ("A", "Yes, at a small bank."),
    ...                                 ("B", "And you?")])
    >>> [[(q.text, q.function) for q in turn] for turn in found]
    [[], [('Banker?', 'backchannel')], [], [('And you?', 'question')]]
    """
    if punctuated is None:
        punctuated = conversation_punctuated([text or "" for _, text in turns])
    rows, marked = candidates(turns, punctuated)
    return judge(rows, marked, model if model is not None else detector_model())


def judge(
    rows: Sequence[Sequence[Candidate]], marked: Sequence[bool], model: DetectorModel | None
) -> list[list[DetectedQuestion]]:
    """The questions kept from ``candidates``'s proposals, turn by turn, by ``model`` (None: the
    rules' verdicts only). Training scores its held-out folds with this too."""
    out: list[list[DetectedQuestion]] = []
    for row, turn_marked in zip(rows, marked, strict=True):
        kept: list[DetectedQuestion] = []
        for q, feats, decided in row:
            if feats is None:
                if q.function != decided:
                    words = _tokens(q.text[-12:])
                    clarifies = decided == "question" and words and words[-1] in _CLARIFY_WH
                    q = replace(q, function=decided, form="open" if clarifies else q.form)
                kept.append(q)
            elif model is None:
                if q.function not in _PROPOSED:
                    kept.append(q)
            elif model.log_odds(feats, turn_marked) >= (
                model.marked_threshold
                if turn_marked and q.function == "question" and q.text.rstrip().endswith("?")
                else model.threshold
            ):
                if q.function == "backchannel" and _greeting(q.text):
                    kept.append(q)  # "Hi, Alex?" is a greeting, answered or not
                else:
                    kept.append(q if q.function == "question" else replace(q, function="question"))
            elif q.function == "question":
                if len(_tokens(q.text)) <= 3:
                    kept.append(replace(q, function="backchannel"))
            elif q.function not in _PROPOSED:
                kept.append(q)
        out.append(kept)
    return out
