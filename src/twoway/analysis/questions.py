"""Finding the questions in a turn's text, what form they take and what they are about.

Transcripts from WhisperX, Zoom or Teams often drop or misplace ``?``, so a ``?`` is evidence, not
the definition. A turn is cut into sentences at ``. ! ? ;`` and line breaks; inside a sentence a
question starts at

* a question word followed by an auxiliary or a verb ("what does the team look like",
  "what happens next"), but not at an embedded clause ("what I did was ...", "that is what I
  love", "when I joined we ..."): a subject right after the question word, or a question word
  after a verb that takes a clause ("I know how ...");
* an auxiliary inversion ("do you", "is there", "could I");
* an indirect question or request ("I was wondering what ...", "tell me about ...", "I'd love to
  hear about ...", "walk me through ...");

so run-on ASR text ("that's great what does the team look like and how do you measure success")
gives one question per opening. A sentence ending with ``?`` that has none of these is a
declarative question ("so the role is mostly backend?"). Backchannels ("really?", "oh yeah?") and
rhetorical tags and questions ("..., right?", "you know?", "who knows?") are reported with
``function`` "backchannel" / "rhetorical" and do not count; so are questions about the call
itself ("can you hear me?", "you're on mute"), with ``function`` "call". Short questions that hand
the turn back ("And you?", "Anything else?") count.

Where the text is punctuated, a sentence ending with ``.`` is a question only with strong
evidence (an inversion at its start, a request, a tag): "What had happened was ..." and "why
does this table have duplicates, that kind of question." are statements. Pseudo-clefts,
reported questions ("she asked me, ...", "..., that kind of question"), exclamations ("how
nice") and word searches ("we used, what is it, Airflow") never count.

Everything here is pure and linear in the length of the text; see ``docs/questions.md`` for the
rules, the evaluation and its figures. The analysis judges these questions again with the turns
around them (``question_context.conversation_questions``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import chain

from twoway.analysis import _question_lexicon as lx
from twoway.analysis._question_topics import (
    KIND_LABELS,
    TOPIC_LABELS,
    content_words,
    kind_of,
    looks_english,
    topic_of,
)
from twoway.analysis.lexicon import ASCII_WORD_PATTERN, WORD_PATTERN

__all__ = [
    "CALL_FUNCTION",
    "FORMS",
    "FUNCTIONS",
    "KINDS",
    "TOPICS",
    "DetectedQuestion",
    "content_words",
    "find_questions",
    "is_call_check",
    "kind_of",
    "looks_english",
    "opens_with_request",
    "topic_of",
]

FORMS = ("open", "closed", "choice", "tag")
CALL_FUNCTION = "call"
# "call": a question about the call itself ("can you hear me?"), which asks nothing of the person.
FUNCTIONS = ("question", "backchannel", "rhetorical", CALL_FUNCTION)
TOPICS = TOPIC_LABELS  # one taxonomy, defined beside the classifier
KINDS = KIND_LABELS


@dataclass(frozen=True, slots=True)
class DetectedQuestion:
    """A question found in a turn's text; ``start``/``end`` are character offsets into it."""

    text: str
    start: int
    end: int
    form: str  # "open" | "closed" | "choice" | "tag"
    function: str  # "question" | "backchannel" | "rhetorical" | "call"

    @property
    def counts(self) -> bool:
        """True for a real question (backchannels and rhetorical questions do not count)."""
        return self.function == "question"


# A word (inner apostrophes kept), a comma, a sentence end (a line break is one). "." ends a
# sentence only before white space or the end, so "3.5" and "U.S." stay whole; "?" and "!" always
# do.
_WORD = re.compile(WORD_PATTERN)
_WORD_OR_COMMA = re.compile(WORD_PATTERN + "|,")
# The same for lowercased ASCII text with plain apostrophes, where a letter or digit is [a-z0-9]:
# a plain character range is cheaper to test than a Unicode category.
_ASCII_WORD_OR_COMMA = re.compile(ASCII_WORD_PATTERN + "|,")
# The lookahead lets the scan skip ahead to a candidate character instead of trying every
# alternative at every position.
# A title before a name ("Mr. Stevenson") does not end a sentence.
_SENTENCE_END = re.compile(
    r"(?=[?!.…;\n])(?:[?!]+[.?!]*"
    r"|(?<!\b[Mm]r)(?<!\b[Mm]rs)(?<!\b[Mm]s)(?<!\b[Dd]r)(?<!\b[Ss]t)(?<!\b[Jj]r)(?<!\b[Ss]r)"
    r"(?<!\b[Pp]rof)(?<![.…;])[.…;]+(?=[\s\"'”’)\]]|$)|\n)"
)

# Indirect questions and requests. They are matched against a sentence's normalized words joined
# by single spaces, at a word's position. The first kind may start anywhere ("..., I'm curious
# how ..."); the imperatives only where a clause starts ("tell me about ...", not "they'd tell me
# about ...").
_WH_WORD = r"(?:what|whats|how|hows|why|when|where|who|whos|which|whether|if)\b"
_INDIRECT_ANYWHERE = re.compile(
    rf"""
    (?:i\ (?:was|am)|im)\ (?:just\ |really\ |also\ |kind\ of\ |kinda\ |a\ bit\ |genuinely\ )?
        (?:wondering|curious)\ (?:(?:about|to\ (?:know|hear|learn|understand|ask))\b|(?={_WH_WORD}))
    | (?:id|i\ would)\ (?:really\ |also\ |just\ )?(?:love|like|be\ (?:interested|curious|keen))
        \ to\ (?:hear|know|learn|understand|ask)\ (?:a\ (?:bit|little)\ |more\ |some\ )?
        (?:about|more|your|you|the|a|{_WH_WORD[3:-3]})\b
    | i\ (?:just\ |really\ )?wonder\ (?={_WH_WORD})
    | one\ thing\ (?:id|i\ would)\ (?:like|love)\ to\ (?:know|understand|ask|hear)\b
    | (?:something|one\ thing)\ im\ (?:really\ )?curious\ about\b
    | my\ (?:first\ |next\ |last\ |other\ |only\ |main\ |one\ )?question\ (?:is|was|would\ be)\b
    | i\ (?:want|wanted)\ to\ (?:know|understand|ask)\ (?:about|you|{_WH_WORD[3:-3]})\b
    """,
    re.VERBOSE,
)
_INDIRECT_AT_CLAUSE = re.compile(
    r"""
    (?:to\ start\ |first\ (?:of\ all\ |off\ )?)?(?:why\ don'?t\ you\ (?:just\ )?)?
        (?:please\ )?(?:tell|walk|talk|take|run)\ (?:me|us)
        \ (?:about|more|a|how|what|why|when|where|who|which|if|whether|something|anything|your
            |through)\b
    | (?:describe|explain|elaborate)\b
    | give\ (?:me|us)\ (?:a|an|some|one|two|three)\ (?:\w+\ )?
        (?:examples?|sense|idea|overview|rundown|bit|picture)\b
    | help\ me\ understand\b
    """,
    re.VERBOSE,
)
_INDIRECT_FIRST_WORDS = frozenset(
    """i im id tell walk talk take run describe explain elaborate give help one something my
    please""".split()
)
# The words at which an opening may start (see ``_openings``).
_TRIGGERS = lx.WH | lx.WH_AUX | lx.AUXILIARIES | _INDIRECT_FIRST_WORDS
# Cheap first checks before the phrase lists are tried one by one.
_RHETORICAL_TAG_ENDS = frozenset(tag[-1] for tag in lx.RHETORICAL_TAGS)
_RHETORICAL_FIRST_WORDS = frozenset(p[0] for p in lx.RHETORICAL_OPENINGS)
_RHETORICAL_OPENING_SIZES = sorted({len(p) for p in lx.RHETORICAL_OPENINGS})
_NOT_TOPIC = lx.PRONOUN_SUBJECTS | lx.CONTRACTED_SUBJECTS | lx.AUXILIARIES | lx.WH | lx.WH_AUX
_FILLERS = frozenset("um uh umm uhh er erm hmm hm mm".split())
# Unlike "so" or "well", these can end a backchannel without changing it ("really, huh?").
_TRAILING_INTERJECTIONS = frozenset("oh wow huh ah ooh gosh whoa mhm".split())
_TRAILING_NOISE = _FILLERS | _TRAILING_INTERJECTIONS
_SUBJECT_ONLY_PRONOUNS = frozenset("i we they he she".split())
_INVERTED_AFTER_COPULA = frozenset("it there he she".split())
_DO_OBJECTS = frozenset("that this it these those some something".split())
_DID_IT_STATEMENT = frozenset("all myself ourselves again anyway once twice before".split())

# Where a word stands in its sentence, for deciding whether a question may start there: after
# nothing but boundary words ("so, um, ..."), after a comma, after a boundary word ("... and"), or
# in the middle of a clause.
_SENTENCE_START, _CLAUSE_START, _AFTER_BOUNDARY, _MID = 3, 2, 1, 0


@dataclass(frozen=True, slots=True)
class _Opening:
    first: int  # index of the word the question starts at
    after_head: int  # index just past the words that made it a question
    form: str  # "open" | "closed" (refined later)
    # Enough evidence to be a question even in a sentence that ends with "." in punctuated text:
    # an inversion at the start ("Do you use Terraform.", "What does the team do."), a request
    # ("tell me about ...", "can you walk me through ...") or an explicit tag ("..., isn't it.").
    strong: bool = False


# Contractions whose apostrophe-free spelling is another word: with the apostrophe still there we
# know "we're" is not "were". (Without it, as in stripped ASR text, "were" stays ambiguous.)
_CONTRACTIONS = {"we're": "weare", "we'll": "weall"}


def _norm(word: str) -> str:
    low = word.lower().replace("’", "'")
    return _CONTRACTIONS.get(low) or low.replace("'", "")


def _starts(where: int) -> bool:
    # Measured on SwDA train: allowing strong openings after a comma or "and" too lets back more
    # false positives than questions.
    return where == _SENTENCE_START


def _copula_later(words: list[str], start: int, stop: int, strict: bool = False) -> bool:
    """A pseudo-cleft: "what happened WAS the vendor ...", "what's great about it IS they ...".

    ``strict``: a copula right before "it", "there", "he" or "she" is read as a new inversion
    ("how are decisions made here, is it top down"), not as the copula of a pseudo-cleft.
    """
    for k in range(start, min(stop, start + 7)):
        if words[k] in ("is", "was"):
            rest = stop - k - 1
            nxt = words[k + 1] if rest else ""
            if strict and nxt in _INVERTED_AFTER_COPULA:
                return False
            if rest >= 1 and (nxt not in lx.PRONOUN_SUBJECTS or rest >= 3):
                return True
    return False


def _wh_opening(words: list[str], i: int, stop: int, where: int, qmark: bool) -> _Opening | None:
    w = words[i]
    n = stop
    # Mid-clause, or after a comma for words that also start relative clauses ("the person who
    # has ...", "..., which is ..."), only an inversion with a subject makes a question.
    strict = where == _MID or (where == _CLAUSE_START and w in lx.RELATIVE_WH)
    if w in lx.WH_AUX:
        nxt = words[i + 1] if i + 1 < n else ""
        if strict and nxt not in lx.SUBJECTS:
            return None
        if not qmark and nxt not in lx.SUBJECTS and _copula_later(words, i + 2, n):
            return None
        return _Opening(i, i + 2, "open", _starts(where) and nxt in lx.SUBJECTS)
    j = i + 1
    if w == "how":
        while j < n and j < i + 3 and words[j] in lx.HOW_MODIFIERS:
            j += 1
        if j < n and words[j] == "come":
            return None if strict else _Opening(i, j + 1, "open", _starts(where))
    elif (
        w in ("what", "which") and j + 1 < n and words[j] in lx.WH_NOUN_OF and words[j + 1] == "of"
    ):
        for k in range(j + 2, min(n, j + 5)):
            if words[k] in lx.AUXILIARIES or words[k] in lx.PRONOUN_SUBJECTS:
                j = k
                break
    while j < n and words[j] in lx.WH_ADVERBS:
        j += 1
    if j >= n:
        # A bare "why?" / "how?" is a question; a bare "what?" is a backchannel (handled before).
        ok = where == _SENTENCE_START and (qmark or w in ("why", "how"))
        return _Opening(i, j, "open") if ok else None
    t = words[j]
    u = words[j + 1] if j + 1 < n else ""
    if t in lx.WH or t in lx.WH_AUX:
        return None  # a restart ("what, what is ..."): the second one is tried on its own
    if t in lx.AUXILIARIES:
        relative = where != _SENTENCE_START or u not in lx.WHICH_QUESTION_NEXT
        if w == "which" and t in lx.BE and not qmark and relative:
            return None  # "which is why I started looking"
        if t == "were" and u not in lx.PRONOUN_SUBJECTS and u not in lx.DETERMINERS:
            return None  # stripped "we're": "what were looking for is ...", "when were here"
        if strict and u not in (lx.PRONOUN_SUBJECTS if where == _CLAUSE_START else lx.SUBJECTS):
            return None
        if not qmark and u not in lx.SUBJECTS and _copula_later(words, j + 2, n, strict=True):
            return None  # "what had happened was ...", "what would be great is ..."
        # "why don't you tell me ...": a suggestion that asks for an account, after a comma too.
        request = w == "why" and t == "dont" and u in ("you", "we") and where != _MID
        return _Opening(i, j + 2, "open", request or (_starts(where) and u in lx.SUBJECTS))
    if strict:
        return None
    if t == "to" or t in lx.PRONOUN_SUBJECTS or t in lx.CONTRACTED_SUBJECTS:
        return None  # "how to ...", "what I did was ...", "when I joined ..."
    if t in ("about", "if") or (t == "not" and w == "why"):
        # "what about ...", "what if ...", "why not ..."
        return _Opening(i, j + 1, "open", t == "about" and _starts(where))
    if t == "not":
        return None  # "and what not"
    if t in lx.WH_CLAUSE_STARTS and not (
        j > i + 1 and (u in lx.AUXILIARIES or t not in lx.DETERMINERS)
    ):
        # "how the team works is ..." is a clause; "why this company?" and "how many people
        # work here" are questions.
        if w == "why" and (qmark or not _copula_later(words, j + 1, n)):
            return _Opening(i, j + 1, "open")
        return None
    if u in ("is", "was") and (t.endswith(("ed", "s"))) and not qmark:
        return None  # "what happened was ...", "what matters is ..."
    if u in lx.AUXILIARIES:  # "what tools does the team use", "how big is it"
        v = words[j + 2] if j + 2 < n else ""
        return _Opening(i, j + 2, "open", _starts(where) and v in lx.SUBJECTS)
    if w == "how" and j == i + 1 and not qmark:
        return None  # an exclamation: "oh, how nice", "how interesting."
    # A subject question ("what happens next", "who decides"), unless it is a pseudo-cleft.
    if not qmark and (_copula_later(words, j + 1, n) or (w in lx.RELATIVE_WH and w != "who")):
        return None  # "which, in the paper, ...": a relative clause
    return _Opening(i, j + 1, "open")


def _aux_opening(
    words: list[str], commas: list[bool], i: int, stop: int, where: int, qmark: bool
) -> _Opening | None:
    t = words[i]
    if i + 1 >= stop:
        return None
    u = words[i + 1]
    v = words[i + 2] if i + 2 < stop else ""
    if t in ("had", "hadnt") and u not in ("you", "anyone", "they", "we", "he", "she"):
        return None  # "had a great time"
    if u in lx.NOT_SUBJECTS or u in lx.AUXILIARIES:
        return None  # "is what it is", "could be", "would have been"
    if t == "did" and u == "it" and v in _DID_IT_STATEMENT:
        return None
    if not qmark and i + 2 >= stop and i and words[i - 1] in ("so", "neither", "nor"):
        return None  # "so do I", "neither have we"
    if u == "you" and v == "know" and t not in lx.DO:
        return None  # "is, you know, a garage sale"
    if t == "were" and u not in lx.PRONOUN_SUBJECTS:
        return None  # stripped "we're": "were hiring", "were about thirty miles from ..."
    if t == "do" and where != _SENTENCE_START and u in _DO_OBJECTS:
        return None  # a second verb: "... and do that with her"
    if u == "there" and (v in lx.BE or v in lx.HAVE):
        return None  # "the problem is there were no tests"
    if where != _SENTENCE_START and _is_tag(words[i:stop]):
        # "..., don't you", "... hasn't it, uh"; but "the immediacy just isn't there."
        prev = words[i - 1]
        if prev in _SUBJECT_ONLY_PRONOUNS:
            return None  # the verb of a clause, not a tag: "but I don't, you know,"
        if commas[i] or qmark or (u != "there" and prev not in lx.MID_BLOCKERS):
            return _Opening(i, stop, "tag", True)
        return None
    if where == _MID:
        # Only "do you", "can you", "have you" ... open a question inside a run of words:
        # "... my last job do you use it here"; "the thing is you ..." is a statement.
        prev = words[i - 1]
        if t in lx.BE or u not in lx.STRONG_SUBJECTS or commas[i + 1] or v in ("", "know"):
            return None
        if prev in lx.PRONOUN_SUBJECTS or prev in lx.MID_BLOCKERS or prev in lx.AUXILIARIES:
            return None
        if prev in lx.CONTRACTED_SUBJECTS or prev in lx.COMPLEMENT_TAKERS or prev in lx.WH:
            return None
    elif where != _SENTENCE_START:
        # After "and" or a comma: "and is there any travel", not "and have a lot of pasta",
        # "and do it", or "..., is the fact that".
        if t in lx.HAVE:
            subjects = lx.PRONOUN_SUBJECTS
        elif where == _CLAUSE_START:
            subjects = lx.COMMA_SUBJECTS
        else:
            subjects = lx.CLAUSE_SUBJECTS
        if u not in subjects or (not v and not qmark):
            return None
    elif t in lx.HAVE and u not in lx.CLAUSE_SUBJECTS:
        return None  # "have a good lunch"
    elif u not in lx.SUBJECTS and (
        t in lx.NEGATIVE_AUXILIARIES or (t not in lx.BE and t not in lx.DO)
    ):
        # A modal or a negative before an unknown word: "can't complain", "could go either way",
        # "doesn't matter", "didn't get that far".
        return None
    form = "closed"
    # "can you tell me about ...", "do you mind explaining ...": requests for a story.
    if u == "you" and (v in lx.REQUEST_VERBS or (v == "mind" and i + 3 < stop)):
        form = "open"
    if u == "i" and v == "ask" and i + 3 < stop and words[i + 3] not in lx.CLOSED_COMPLEMENTS:
        form = "open"
    strong = (_starts(where) and u in lx.SUBJECTS) or (form == "open" and where != _MID)
    return _Opening(i, i + 2, form, strong)


def _indirect_opening(
    joined: str, char_at: list[int], words: list[str], i: int, where: int
) -> _Opening | None:
    match = _INDIRECT_ANYWHERE.match(joined, char_at[i])
    if match is None and (where != _MID or (i > 0 and words[i - 1] == "please")):
        match = _INDIRECT_AT_CLAUSE.match(joined, char_at[i])
    if match is None:
        return None
    after = (
        i
        + joined.count(" ", char_at[i], match.end())
        + (1 if match.end() < len(joined) and joined[match.end()] == " " else 0)
    )
    after = max(after, i + 1)
    # "... if / whether ..." asks yes or no; everything else asks for an account.
    tail = words[i : after + 2]
    form = "closed" if any(w in lx.CLOSED_COMPLEMENTS for w in tail) else "open"
    return _Opening(i, after, form, True)


def _openings(words: list[str], commas: list[bool], qmark: bool) -> list[_Opening]:
    n = len(words)
    # Only a question word, an auxiliary or the first word of a request can open a question, and
    # most words are none of these: the loop visits those words only. What the others change is
    # whether the sentence is still "leading" (only boundary words so far), computed up front.
    triggers = [i for i, w in enumerate(words) if w in _TRIGGERS]
    if not triggers:
        return []
    lead_end = 0  # words[:lead_end] are all boundary words (or "or")
    while lead_end < n and (words[lead_end] in lx.BOUNDARY_WORDS or words[lead_end] == "or"):
        lead_end += 1
    joined = ""
    char_at: list[int] = []
    found: list[_Opening] = []
    embedded_wh = -10  # where the last question word that opened no question was
    # Where each visited trigger stood; a trigger inside an opening just taken counts as _MID.
    where_at: dict[int, int] = {}
    resume = 0  # the first index not inside an opening already taken
    for i in triggers:
        if i < resume:
            continue
        w = words[i]
        prev = words[i - 1] if i else ""
        leading = not found and i <= lead_end
        if leading:
            where = _SENTENCE_START
        elif commas[i] and prev not in lx.INCOMPLETE_ENDINGS and prev != w:
            # A comma after a dangling word is a restart ("we could, do that"), not a clause.
            where = _CLAUSE_START
        elif prev in lx.BOUNDARY_WORDS and not (
            prev in lx.MODIFIED_BOUNDARIES and i > 1 and words[i - 2] in lx.BOUNDARY_MODIFIERS
        ):
            where = _AFTER_BOUNDARY
        else:
            where = _MID
        if where != _SENTENCE_START:
            for k in range(i - 1, max(-1, i - 4), -1):
                if words[k] == w and words[k:i] == words[i : 2 * i - k]:
                    # a restart ("are, are we ..."): as the first try
                    where = where_at.get(k, _MID)
                    break
        where_at[i] = where
        opening: _Opening | None = None
        # "X or Y" continues the question before it: "or" never starts a new one mid-sentence.
        if prev != "or" or leading:
            if w in lx.WH or w in lx.WH_AUX:
                if where == _MID and (prev in lx.COMPLEMENT_TAKERS or w in lx.RELATIVE_WH):
                    pass
                elif where != _SENTENCE_START and _before(words, i) in lx.COMPLEMENT_TAKERS:
                    pass  # "they don't understand, uh, how other people live"
                elif where != _SENTENCE_START and i - embedded_wh <= 8 and prev in ("and", "or"):
                    pass  # "what's right and what's wrong": a second embedded clause
                elif where != _SENTENCE_START and _reported_before(words, i):
                    pass  # "she asked me, what's your notice period?"
                else:
                    opening = _wh_opening(words, i, n, where, qmark)
                if opening is None:
                    embedded_wh = i
            elif w in lx.AUXILIARIES and not (
                where != _SENTENCE_START and _reported_before(words, i)
            ):
                opening = _aux_opening(words, commas, i, n, where, qmark)
            if opening is None and w in _INDIRECT_FIRST_WORDS:
                if not char_at:
                    joined = " ".join(words)
                    pos = 0
                    for word in words:
                        char_at.append(pos)
                        pos += len(word) + 1
                opening = _indirect_opening(joined, char_at, words, i, where)
        if opening is not None and where != _SENTENCE_START and _word_search(words, commas, i):
            opening = None
        if opening is not None:
            found.append(opening)
            resume = max(opening.after_head, i + 1)
    return found


def _narration_cut(words: list[str], first: int, last: int) -> int:
    """The last word of a question span that a story's narration does not continue."""
    for j in range(first + 3, last):
        w, u = words[j], words[j + 1]
        v = words[j + 2] if j + 2 <= last else ""
        if w in lx.NARRATION_JOINERS and u in _SUBJECT_ONLY_PRONOUNS and v in lx.NARRATION_VERBS:
            return j - 1
        if w in _THIRD_PERSON and u in lx.NARRATION_VERBS and u in lx.REPORTING_TAIL_VERBS:
            return j - 1
    return last


_THIRD_PERSON = frozenset("he she they".split())


def _before(words: list[str], i: int) -> str:
    """The word before ``words[i]``, skipping interjections ("understand, uh, how")."""
    k = i - 1
    while k >= 0 and words[k] in _FILLERS:
        k -= 1
    return words[k] if k >= 0 else ""


def _reported_before(words: list[str], i: int) -> bool:
    """A reporting verb just before ``words[i]``: "she asked me, ...", "I was like, ...".

    What follows is someone else's question, quoted, not one put to the listener.
    """
    k = i - 1
    while k >= 0 and words[k] in lx.REPORTING_SKIP:
        k -= 1
    if k < 0:
        return False
    w = words[k]
    before = words[k - 1] if k else ""
    if w in lx.REPORTING_VERBS:
        return True
    if w in lx.REPORTING_OBJECTS:
        return before in lx.REPORTING_ASK
    return w == "like" and before in lx.LIKE_REPORTERS


def _quoted(words: list[str]) -> bool:
    """A question word or an auxiliary right after a reporting verb ("I was like, why ...")."""
    return any(
        (w in lx.WH or w in lx.WH_AUX or w in lx.AUXILIARIES) and _reported_before(words, i)
        for i, w in enumerate(words)
        if i
    )


def _word_search(words: list[str], commas: list[bool], i: int) -> bool:
    """ "what is it", "what do you call them" between commas inside a sentence."""
    for k in range(3, 6):
        end = i + k
        if end < len(words) and commas[end] and tuple(words[i:end]) in lx.WORD_SEARCHES:
            return True
    return False


def _reported_after(words: list[str], commas: list[bool]) -> int:
    """Where a tail that reports the sentence's questions starts, or -1.

    "why does this table have duplicates, that kind of question", "what's the SLA, they asked".
    """
    n = len(words)
    while n and words[n - 1] in _FILLERS:
        n -= 1
    for k in range(max(1, n - 5), n):
        tail = tuple(words[k:n])
        if tail in lx.REPORTED_TAILS:
            return k
        if (
            commas[k]
            and 2 <= len(tail) <= 3
            and tail[0] in lx.REPORTING_SUBJECTS
            and tail[1] in lx.REPORTING_TAIL_VERBS
            and all(w in lx.REPORTING_OBJECTS for w in tail[2:])
        ):
            return k
    return -1


def _strip_interjections(words: list[str]) -> tuple[str, ...]:
    lo, hi = 0, len(words)
    while lo < hi and words[lo] in lx.INTERJECTIONS:
        lo += 1
    while hi > lo and words[hi - 1] in _TRAILING_NOISE:
        hi -= 1
    return tuple(words[lo:hi])


def _is_tag(span: list[str]) -> bool:
    """A question tag: "isn't it", "don't you think", "didn't she, you know"."""
    if len(span) < 2 or span[0] not in lx.NEGATIVE_AUXILIARIES:
        return False
    if span[1] not in lx.PRONOUN_SUBJECTS:
        return False
    rest = span[2:]
    if rest and rest[0] in lx.TAG_VERBS:
        rest = rest[1:]
    return all(w in lx.TAG_TRAILERS for w in rest)


def _is_echo(core: tuple[str, ...]) -> bool:
    """An echo question: "would you?", "do they really?", "oh, you don't?", "it has?"."""
    if not 2 <= len(core) <= 3 or (len(core) == 3 and core[2] not in lx.ECHO_EXTRAS):
        return False
    a, b = core[0], core[1]
    subjects = lx.PRONOUN_SUBJECTS
    return (a in lx.AUXILIARIES and b in subjects) or (
        (a in subjects or a == "that") and b in lx.AUXILIARIES
    )


def _rhetorical_tag(words: list[str], commas: list[bool], qmark: bool) -> bool:
    """A statement closed by "right?", "you know?" or "know what I mean?"."""
    n = len(words)
    if not n or words[-1] not in _RHETORICAL_TAG_ENDS:
        return False
    for tag in lx.RHETORICAL_TAGS:
        k = len(tag)
        if n > k and tuple(words[n - k :]) == tag and (qmark or commas[n - k]):
            if tag == ("right",) and any(w in lx.SECOND_PERSON for w in words[:3]):
                return False  # "You're Mr. Stevenson, right?": the listener confirms a fact
            return not (tag == ("right",) and words[n - 2] in lx.RIGHT_NOT_TAG)
    return False


_RHETORICAL_WINDOW = 40


def _is_rhetorical(words: list[str], commas: list[bool] | None = None) -> bool:
    """A rhetorical question, at the start or after a comma: "I mean, who doesn't want that?"."""
    starts = [0] + ([k for k in range(1, len(words)) if commas[k]] if commas else [])
    for k in starts:
        # A bounded window: the phrases are a few words long, and a question with thousands of
        # commas would otherwise copy its rest at every comma (quadratic).
        window = words[k : k + _RHETORICAL_WINDOW]
        if k + _RHETORICAL_WINDOW < len(words):
            window.append("")  # longer than any phrase: only an opening can match
        core = _strip_interjections(window)
        if core in lx.RHETORICAL_PHRASES:
            return True
        if (
            core
            and core[0] in _RHETORICAL_FIRST_WORDS
            and any(core[:size] in lx.RHETORICAL_OPENINGS for size in _RHETORICAL_OPENING_SIZES)
        ):
            return True
    return False


def _rhetorical_at(words: list[str], first: int) -> bool:
    """``_is_rhetorical`` on the words from ``first``, looking at a bounded window only."""
    window = words[first : first + 10]
    if first + 10 < len(words):
        # The whole rest is longer than any rhetorical phrase: only its opening can match.
        window.append("")
    return _is_rhetorical(window)


def _refine_form(form: str, words: list[str]) -> str:
    """A closed question offering alternatives ("remote or in the office?") is a choice."""
    if form != "closed":
        return form
    for k in range(1, len(words) - 1):
        if words[k] == "or" and words[k + 1] not in lx.NOT_ALTERNATIVES:
            return "choice"
    return form


_CALL_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)*")
# Questions and remarks about the call itself: who can hear or see whom, mute, screens, the
# connection. Matched on lowercased words without apostrophes.
_CALL = re.compile(
    r"""\b(?:
    (?:can|could|do)\ (?:you|everyone|everybody|yall|you\ guys|you\ all)\ (?:still\ )?
        (?:hear|see)\ (?:me|us|my\ screen|the\ screen|my\ slides|the\ slides|what\ im\ sharing
        |it\ now|that\ okay|everything)
    | (?:can|could)\ (?:you|everyone|everybody)\ (?:still\ )?(?:hear|see)$
    | (?:am\ i|are\ we|is\ it|is\ my\ (?:audio|mic|microphone|video|camera|sound))\ (?:on\ )?
        (?:muted|on\ mute|coming\ through|breaking\ up|cutting\ out|frozen|lagging|audible
        |loud\ enough|too\ loud|too\ quiet)
    | is\ my\ (?:audio|mic|microphone|video|camera|sound)\ (?:working|clear|okay|ok|on|off)
    | (?:youre|you\ are|were|we\ are|im|i\ am)\ (?:still\ )?(?:on\ )?mute(?:d)?\b
    | (?:you|i|we)\ (?:froze|frozen|broke\ up|cut\ out|dropped)
        # "you cut out for a second", "I dropped the call", not "do you cut out your own
        # projects" or "we dropped the ball"
        (?!\ (?:your|my|the|his|her|their|our|its|that|this|those|these|some|any|a|an)
            \ (?!call|phone|line|connection|meeting|zoom|wifi|internet)\w)
    | (?:is|are)\ (?:my|the)\ (?:screen|slides?|audio|sound|video|connection)\ (?:showing|visible
        |coming\ through|working|okay|ok|shared|sharing|clear|better|frozen)
    | (?:can|should|shall)\ i\ (?:share|stop\ sharing)\ (?:my\ )?screen
    | (?:is|are)\ (?:you|we)\ (?:able\ to\ )?(?:see|hear)\ (?:me|my|the|it)
    | (?:how\ is|hows|is)\ (?:my|the)\ (?:audio|sound|connection|video|mic)
    | (?:did\ i|have\ i|did\ we)\ (?:lose|drop)\ you
    | (?:are\ you|is\ (?:anyone|anybody|everyone))\ (?:still\ )?there$
    | ^(?:hello\ |hey\ )?(?:you\ )?still\ there$
    )""",
    re.VERBOSE,
)


def is_call_check(text: str) -> bool:
    """True for a question or remark about the call itself, which asks nothing of the person.

    >>> is_call_check("Sorry, can you hear me okay?")
    True
    >>> is_call_check("Can you tell me about the team?")
    False
    """
    low = text.lower()
    if len(low) > 160 or _CALL_HINT.search(low) is None:
        return False  # most questions: no word of the call at all
    words = " ".join(_CALL_TOKEN.findall(low.replace("’", "'"))).replace("'", "")
    return len(words) < 90 and _CALL.search(words) is not None


_CALL_HINT = re.compile(
    r"hear|see|mute|froze|frozen|there|audi|mic|sound|video|camera|screen|slide|connection"
    r"|lose|drop|cut|break|broke|lag|through|loud|quiet|shar"
)


class _Sentence:
    """One sentence of a turn: its normalized words and where they are in the text."""

    __slots__ = ("_spans", "_text", "commas", "end_at", "period", "qmark", "start", "stop", "words")

    def __init__(
        self, text: str, start: int, stop: int, words: list[str], commas: list[bool]
    ) -> None:
        self._text = text  # the text as tokenized, with the offsets of the turn's text
        self.start = start  # the sentence's words are in text[start:stop]
        self.stop = stop
        self.words = words
        self.commas = commas  # a comma right before the word
        self.qmark = False
        self.period = False  # ends with "." or "!" (not "...", a line break or nothing)
        self.end_at = -1  # where its final "." "?" or "!" ends; -1: at its last word
        self._spans: list[tuple[int, int]] | None = None

    @property
    def spans(self) -> list[tuple[int, int]]:
        """Each word's offsets, found again only for the few sentences that hold a question."""
        if self._spans is None:
            self._spans = [m.span() for m in _WORD.finditer(self._text, self.start, self.stop)]
        return self._spans

    @property
    def end(self) -> int:
        return self.end_at if self.end_at >= 0 else self.spans[-1][1]


def _sentences(text: str) -> list[_Sentence]:
    # Typographic apostrophes are plain ones to the tokenizer and to ``_norm``, and for ASCII
    # text lowercasing is one character for one: so the text is normalized once, here, with
    # every offset unchanged, instead of word by word. Other text (where lowercasing may change
    # a length or depend on the letters around) takes ``_norm`` word by word.
    plain = text.replace("’", "'")
    fast = plain.isascii()
    scan = plain.lower() if fast else text
    contractions = _CONTRACTIONS
    word_or_comma = _ASCII_WORD_OR_COMMA if fast else _WORD_OR_COMMA
    out: list[_Sentence] = []
    # The sentence ends are found first, then each sentence's words and commas in one call:
    # words and commas never hold a character that can start a sentence end, so this cuts the
    # text exactly where one pass over words, commas and sentence ends would.
    start = 0
    for m in chain(_SENTENCE_END.finditer(scan), (None,)):
        stop = m.start() if m is not None else len(scan)
        tokens = word_or_comma.findall(scan, start, stop)
        if tokens:
            has_comma = "," in tokens
            if not fast:
                words = [_norm(t) for t in tokens if t != ","]
            elif scan.find("'", start, stop) >= 0:
                words = [
                    (contractions.get(t) or t.replace("'", "")) if "'" in t else t
                    for t in tokens
                    if t != ","
                ]
            else:  # already normalized
                words = [t for t in tokens if t != ","] if has_comma else tokens
            if words:
                if not has_comma:
                    commas = [False] * len(words)
                else:
                    commas = [
                        k > 0 and tokens[k - 1] == "," for k, t in enumerate(tokens) if t != ","
                    ]
                sentence = _Sentence(scan, start, stop, words, commas)
                if m is not None:
                    tok = m.group()
                    first = tok[0]
                    sentence.qmark = "?" in tok
                    sentence.period = not sentence.qmark and (first == "!" or tok == ".")
                    if first != "\n":
                        sentence.end_at = m.end()
                out.append(sentence)
        if m is not None:
            start = m.end()
    return out


def _sentence_questions(text: str, s: _Sentence, punctuated: bool) -> list[DetectedQuestion]:
    words, n = s.words, len(s.words)

    def make(first: int, last: int, form: str, function: str, to_end: bool) -> DetectedQuestion:
        start = s.spans[first][0]
        end = s.end if to_end else s.spans[last][1]
        return DetectedQuestion(text[start:end], start, end, form, function)

    if n <= 6:
        core = _strip_interjections(words)
        whole = tuple(words)
        reciprocal = whole if whole in lx.RECIPROCAL_QUESTIONS else core
        if (reciprocal in lx.RECIPROCAL_QUESTIONS and (s.qmark or len(reciprocal) > 1)) or (
            core == ("why", "not") and s.qmark and n == 2
        ):
            # "And you?", "How about yourself?", "Anything else?"; "Why not?" on its own asks.
            return [make(0, n - 1, "open", "question", True)]
        if core in lx.BACKCHANNEL_PHRASES or not core or (s.qmark and _is_echo(core)):
            if s.qmark or (core and core not in lx.BACKCHANNELS_NEED_QMARK):
                return [make(0, n - 1, "closed", "backchannel", True)]
            return []
        if core in lx.RHETORICAL_PHRASES and (s.qmark or len(core) > 1):
            return [make(0, n - 1, "closed", "rhetorical", True)]

    openings = _openings(words, s.commas, s.qmark)
    if openings and not s.qmark:
        tail = _reported_after(words, s.commas)
        if tail >= 0:
            openings = [op for op in openings if op.first > tail]
    if punctuated and s.period:
        # The writer marks questions with "?" and this sentence ends with "." or "!": only an
        # inversion at its start, a request or a tag still makes it a question.
        # Rhetorical ones stay, to be labelled as such ("Who knows, maybe it will work.").
        openings = [op for op in openings if op.strong or _rhetorical_at(words, op.first)]
    # Each question runs from its opening to the next one; a false start ("have you, have you
    # worked ...") ends on a dangling word and joins the question after it.
    ranges: list[list[int]] = []  # [first, last, index into openings]
    for k, op in enumerate(openings):
        last = openings[k + 1].first - 1 if k + 1 < len(openings) else n - 1
        if k + 1 < len(openings):
            while last > op.first and words[last] in lx.TRAILING_JOINERS:
                last -= 1
        if (
            ranges
            and words[ranges[-1][1]] in lx.INCOMPLETE_ENDINGS
            and (ranges[-1][1] - ranges[-1][0] < 4)
        ):
            ranges[-1][1] = last
            ranges[-1][2] = k
            continue
        ranges.append([op.first, last, k])

    if ranges and ranges[0][0] > 0:
        # A fronted topic belongs to the question: "and in terms of the team culture, how would
        # you describe it?", "the engineering team, is that in-house?". A clause does not.
        lead = 0
        while lead < ranges[0][0] and words[lead] in lx.BOUNDARY_WORDS:
            lead += 1
        fronted = words[lead : ranges[0][0]]
        if 0 < len(fronted) <= 8 and not any(w in _NOT_TOPIC for w in fronted):
            ranges[0][0] = lead
    if ranges and not s.qmark:
        first, last, _ = ranges[-1]
        if words[last] in lx.DANGLING and last - first < 3:
            ranges.pop()  # abandoned: "what do,", "is this a,"
    for r in ranges:
        # A story goes on after the question: "how can you afford all this | and he said come
        # I'll show you and he walked out ...". The question ends where the narration starts.
        r[1] = _narration_cut(words, r[0], r[1])
    found: list[DetectedQuestion] = []
    if ranges:
        first, last, k = ranges[-1]
        span = words[first : last + 1]
        # "..., isn't it?" / "..., don't you think?": a tag on the statement before it.
        if _is_tag(span):
            tag_from = ranges[-2][1] + 1 if len(ranges) > 1 else 0
            if tag_from < first:
                ranges[-1] = [tag_from, last, -1]
        for idx, (first, last, k) in enumerate(ranges):
            to_end = idx == len(ranges) - 1 and last == n - 1
            span = words[first : last + 1]
            form = "tag" if k < 0 else _refine_form(openings[k].form, span)
            function = "rhetorical" if _is_rhetorical(span) else "question"
            found.append(make(first, last, form, function, to_end))
        return found

    if _rhetorical_tag(words, s.commas, s.qmark):
        return [make(0, n - 1, "tag", "rhetorical", True)]
    if s.qmark and _quoted(words):
        return []  # someone else's question, quoted: "she asked me, can you own it?"
    if s.qmark:
        # A declarative question: "so the role is mostly backend?", "you've used Python?".
        function = "rhetorical" if _is_rhetorical(words, s.commas) else "question"
        if n <= 2 and function == "question":
            function = "backchannel"  # an echo: "Tahiti?", "two hundred?", "a what?"
        form = "open" if words[0] in lx.WH or words[0] in lx.WH_AUX else "closed"
        if words[-1] in lx.NEGATIVE_AUXILIARIES or words[-1] in ("huh", "eh", "right"):
            form = "tag"
        return [make(0, n - 1, _refine_form(form, words), function, True)]
    return []


_REQUEST_HINT = re.compile(
    r"(?:\W*(?:so|and|okay|ok|um|uh|well|now|but|yeah|great|alright|right|cool|sure)\b)*\W*"
    r"(?:tell|walk|talk|take|run|describe|explain|elaborate|give|help|i|im|i'm|i’m|id|i'd|i’d"
    r"|one|something|my|please|can|could|would|will|may|might|to|first|why)\b",
    re.IGNORECASE,
)


def opens_with_request(question_text: str) -> bool:
    """A question that opens with a request for an account or an indirect question ("tell me
    about ...", "can you walk me through ...", "I was wondering ..."). Dialogue-act corpora call
    these directives; twoway counts them, whatever a model trained on those corpora says.

    >>> opens_with_request("So, tell me about a time you disagreed with a manager.")
    True
    """
    if _REQUEST_HINT.match(question_text) is None:
        return False  # the cheap test first: no word a request can open with
    words = [_norm(w) for w in _WORD.findall(question_text[:120])]
    k = 0
    while k < len(words) and words[k] in lx.BOUNDARY_WORDS:
        k += 1
    words = words[k:]
    if (
        len(words) >= 3
        and words[0] in lx.MODALS
        and words[1] == "you"
        and (words[2] in lx.REQUEST_VERBS or words[2] == "mind")
    ):
        return True
    joined = " ".join(words)
    return bool(_INDIRECT_ANYWHERE.match(joined) or _INDIRECT_AT_CLAUSE.match(joined))


def find_questions(text: str | None, *, punctuated: bool | None = None) -> list[DetectedQuestion]:
    """Every question in ``text``, in order, with its form and function.

    ``start``/``end`` are offsets into ``text`` and ``text[start:end] == q.text``; the spans are
    in order and never overlap. Linear in the length of ``text``.

    ``punctuated`` says whether the writer marks questions with ``?``. If so, a sentence ending
    with ``.`` or ``!`` is a question only with strong evidence: an inversion at its start, a
    request or a tag. ``None`` (the default) takes any ``.``, ``!`` or ``?`` at a sentence end as
    a sign of punctuated text, so the rule then applies wherever it could; pass ``False`` for a
    transcriber that writes periods but never ``?``.

    >>> [q.text for q in find_questions("I led the migration. What does a typical day look like?")]
    ['What does a typical day look like?']
    >>> [q.text for q in find_questions("that's great what does the team look like and how do "
    ...                                 "you measure success")]
    ['what does the team look like', 'how do you measure success']
    >>> [(q.function, q.counts) for q in find_questions("Oh really?")]
    [('backchannel', False)]
    """
    if not text:
        return []
    sentences = _sentences(text)
    if punctuated is None:
        punctuated = any(s.qmark or s.period for s in sentences)
    found: list[DetectedQuestion] = []
    for sentence in sentences:
        asks = _sentence_questions(text, sentence, punctuated)
        for q in asks:
            if q.function != "backchannel" and is_call_check(q.text):
                q = DetectedQuestion(q.text, q.start, q.end, q.form, CALL_FUNCTION)
            found.append(q)
        if (
            asks
            and asks[0].text[:1] in "Ii"
            and _MUSING.match(asks[0].text)
            and (
                len(_WORD.findall(text, asks[0].end, asks[0].end + 80)) >= 3
                or _STORY_GOES_ON.search(asks[0].text) is not None
            )
        ):
            # "I wonder how much they paid for it" with more talk after it is musing, not a
            # question; at the end of a turn it hands the question over ("I wonder how many of
            # the staff have been here long.").
            found.pop(len(found) - len(asks))
        if not asks and len(sentence.words) <= 8 and not _CALL_WORDS.isdisjoint(sentence.words):
            # "You're on mute.", "I think you froze": about the call, reported, never counted.
            start, end = sentence.spans[0][0], sentence.end
            if is_call_check(text[start:end]):
                found.append(DetectedQuestion(text[start:end], start, end, "closed", CALL_FUNCTION))
    return found


_MUSING = re.compile(
    r"i (?:just |really |always |sometimes )?wonder(?:ed)? (?:what|how|why|where|who|when|which)\b",
    re.IGNORECASE,
)
# "..., and then we drove to the airport": the musing was part of a story.
_STORY_GOES_ON = re.compile(r"\band (?:then |so )?(?:i|we|he|she|they)\b", re.IGNORECASE)
_CALL_WORDS = frozenset("mute muted froze frozen cut dropped there".split())
