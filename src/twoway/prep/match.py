"""Prepared versus asked: which questions of a plan the candidate actually asked.

A planned question and an asked one are compared on three things (docs/prep.md, "Matching"):

* ``fuzz.token_set_ratio`` of the two texts, normalised (lowercase, no fillers, numbers as
  digits: "ninety" is "90"), which forgives added words ("... for someone on your team");
* the overlap of their content words (``twoway.analysis.questions.content_words``, lightly
  stemmed), with a few spoken synonyms folded together ("position" is "role"), which tells
  "typical day" from "the team";
* whether ``topic_of`` puts them in the same topic.

``similarity`` blends them into 0-100; a planned question counts as asked when its best match
clears ``MATCH_THRESHOLD``, chosen on a labelled set of paraphrases and near misses
(tests/data/prep). Each asked question matches at most one planned question. Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

from twoway.analysis.result import PlanCoverage, PlannedQuestion, Question
from twoway.prep.plan import Plan

__all__ = ["MATCH_THRESHOLD", "match_features", "match_plan", "rule_similarity", "similarity"]

MATCH_THRESHOLD = 50.0  # probability 0.5 of the matching model (benchmarks/train_plan_matcher.py)
# Weights of the blend (they sum to 1): string similarity, content-word overlap, same topic.
W_FUZZY, W_WORDS, W_TOPIC = 0.45, 0.45, 0.10

_FILLERS = re.compile(r"\b(?:um+|uh+|er|erm|hmm|like|you know|i mean|so|okay|oh|well)\b")
_NUMBERS = {
    "thirty": "30",
    "sixty": "60",
    "ninety": "90",
    "one": "1",
    "two": "2",
    "three": "3",
    "six": "6",
}
# Spoken variants of the same idea, folded to one word before comparing content words.
_SYNONYMS = {
    "position": "role",
    "job": "role",
    "association": "organization",
    "organisation": "organization",
    "group": "organization",
    "community": "organization",
    "meetup": "organization",
    "enjoyed": "enjoy",
    "favorite": "enjoy",
    "favourite": "enjoy",
    "decision": "decide",
    "decided": "decide",
    "structure": "structured",
    "growth": "grow",
    "growing": "grow",
    "learning": "learn",
    "surprised": "surprise",
    "challenges": "challenge",
    "facing": "face",
    "speak": "talk",
    "normal": "typical",
    "usual": "typical",
    "month": "90",
    "months": "90",
    "measured": "measure",
    "training": "learn",
    "course": "learn",
    "courses": "learn",
    "conference": "learn",
    "conferences": "learn",
    "joining": "join",
    "joined": "join",
    "made": "make",
    "making": "make",
}


def _normalize(text: str) -> str:
    low = text.lower().replace("’", "'")
    low = re.sub(r"[^\w\s']", " ", low)
    low = _FILLERS.sub(" ", low)
    return " ".join(_NUMBERS.get(w, w) for w in low.split())


@lru_cache(maxsize=4096)
def _concepts(text: str) -> frozenset[str]:
    from twoway.analysis.questions import content_words

    words = content_words(_normalize(text))
    return frozenset(_SYNONYMS.get(w, w) for w in words)


@lru_cache(maxsize=4096)
def _topic(text: str) -> str:
    from twoway.analysis.questions import topic_of

    return topic_of(text)


# Content words that say little about which question it is ("how does the TEAM HANDLE ...").
_WEAK = frozenset(
    """team describe work working handle approach description mention today first since
    biggest time look new company people role here right now currently find much lot""".split()
)
_WEAK_WEIGHT = 0.3


def _weight(words: frozenset[str]) -> float:
    return sum(_WEAK_WEIGHT if w in _WEAK else 1.0 for w in words)


@lru_cache(maxsize=1024)
def _theme_of(planned: str) -> str | None:
    """The theme a tailored question was built on (THEME_TEMPLATES), or ``None``."""
    from twoway.prep.plan import THEME_TEMPLATES, TOOL_TEMPLATES

    for template in (*THEME_TEMPLATES, *TOOL_TEMPLATES):
        head, _, tail = template.partition("{theme}")
        if planned.startswith(head) and planned.endswith(tail) and len(planned) > len(template):
            return planned[len(head) : len(planned) - len(tail)]
    return None


_ME = frozenset("i me my mine im id ive ill i'm i'd i've i'll".split())
_YOU = frozenset("you your yours youre youd youve you're you'd you've".split())


def _perspective(text: str) -> int:
    """1 when a question is about the asker ("I", "my"), -1 about the listener, else 0."""
    words = set(_normalize(text).split())
    me, you = bool(words & _ME), bool(words & _YOU)
    return 0 if me == you else (1 if me else -1)


def rule_similarity(planned: str, asked: str) -> float:
    """The hand-set blend of string, word and topic similarity with the intent families, 0-100:
    one feature of ``similarity``'s model (and what it was before the model)."""
    from rapidfuzz import fuzz  # only when a plan is matched

    from twoway.prep._intents import intent_of

    fuzzy = fuzz.token_set_ratio(_normalize(planned), _normalize(asked))
    a, b = _concepts(planned), _concepts(asked)
    words = fuzzy  # a planned question of stopwords only ("anything else you need from me?")
    if a and b:
        # Mostly: how much of the planned question the asked one covers, a word said
        # differently ("toughest" for "hardest") counting as much as the vectors say; extra
        # words asked ("... for someone on your team") cost less.
        words = 100.0 * (0.7 * _coverage(a, b) + 0.3 * _coverage(b, a))
    topic = 100.0 if _topic(planned) == _topic(asked) else 0.0
    score = W_FUZZY * fuzzy + W_WORDS * words + W_TOPIC * topic
    if _perspective(planned) * _perspective(asked) < 0:
        score *= 0.8  # "what would I be working on" is not "what are you working on"
    mine, theirs = intent_of(planned), intent_of(asked)
    if mine is not None and theirs == mine:
        score = max(score, SAME_INTENT)
    elif mine is not None and theirs is not None:
        score = min(score, OTHER_INTENT)  # "who else will I meet" is not "who else to talk to"
    elif mine is not None:
        score *= NO_INTENT
    theme = _theme_of(planned)
    if theme is not None and not (_concepts(theme) & b):
        score *= 0.5  # a question built on a theme is only asked if the theme is
    return score


def match_features(planned: str, asked: str) -> dict[str, float]:
    """What the matching model weighs (docs/prep.md, "Matching"): the rule blend, how much of
    each question the other covers, the cosine of their mean word vectors, the question word,
    the intent families and whose perspective each takes."""
    from twoway.prep._intents import intent_of

    a, b = _concepts(planned), _concepts(asked)
    mine, theirs = intent_of(planned), intent_of(asked)
    wh_a, wh_b = _wh(planned), _wh(asked)
    theme = _theme_of(planned)
    return {
        "rule": rule_similarity(planned, asked) / 100.0,
        "cover_planned": _coverage(a, b) if a and b else 0.0,
        "cover_asked": _coverage(b, a) if a and b else 0.0,
        "cosine": _sentence_cosine(a, b),
        "same_wh": 1.0 if wh_a == wh_b else 0.0,
        "how_long_mismatch": 1.0 if (wh_a == "how long") != (wh_b == "how long") else 0.0,
        "same_intent": 1.0 if mine is not None and mine == theirs else 0.0,
        "other_intent": 1.0 if mine is not None and theirs is not None and mine != theirs else 0.0,
        "no_intent": 1.0 if mine is None else 0.0,
        "perspective_clash": 1.0 if _perspective(planned) * _perspective(asked) < 0 else 0.0,
        "theme_missing": 1.0 if theme is not None and not (_concepts(theme) & b) else 0.0,
        "same_topic": 1.0 if _topic(planned) == _topic(asked) else 0.0,
    }


def similarity(planned: str, asked: str) -> float:
    """How likely ``asked`` is ``planned`` asked in other words, 0-100 (docs/prep.md,
    "Matching"): the shipped logistic model (``match_model.json``) over ``match_features``.

    >>> similarity("What is a typical day here like?",
    ...            "What does a typical day look like for someone on your team?") > MATCH_THRESHOLD
    True
    """
    import math

    weights, bias = _model()
    logit = bias + sum(weights.get(k, 0.0) * v for k, v in match_features(planned, asked).items())
    return 100.0 / (1.0 + math.exp(-max(-30.0, min(30.0, logit))))


@lru_cache(maxsize=1)
def _model() -> tuple[dict[str, float], float]:
    import json

    raw = json.loads(resources.files("twoway.prep").joinpath("match_model.json").read_text())
    return {str(k): float(v) for k, v in raw["weights"].items()}, float(raw["bias"])


_WH = re.compile(
    r"\b(how long|how many|how much|how|what|which|who|whom|whose|why|when|where)\b|"
    r"^(?:is|are|do|does|did|can|could|would|will|have|has|should)\b"
)


def _wh(text: str) -> str:
    found = _WH.search(_normalize(text))
    return (found.group(1) or "yes-no") if found else "none"


def _sentence_cosine(a: frozenset[str], b: frozenset[str]) -> float:
    """Cosine of the two questions' mean content-word vectors (0 when a word has none)."""
    import numpy as np

    index, matrix = _vectors()
    rows_a = [index[w] for w in a if w in index]
    rows_b = [index[w] for w in b if w in index]
    if not rows_a or not rows_b:
        return 0.0
    va, vb = matrix[rows_a].mean(axis=0), matrix[rows_b].mean(axis=0)
    denominator = float(np.linalg.norm(va) * np.linalg.norm(vb))
    return float(va @ vb) / denominator if denominator > 0 else 0.0


# A planned question with a known intent, asked with the same one, scores at least this; asked
# with another, at most this; asked outside every family, its score is multiplied by this.
SAME_INTENT, OTHER_INTENT, NO_INTENT = 95.0, 45.0, 0.85
SOFT_MIN = 0.5  # two different words count as the same one from this cosine up


def _coverage(these: frozenset[str], those: frozenset[str]) -> float:
    """How much of ``these`` (weighted, weak words less) ``those`` says, a word counting by
    its best cosine in ``those`` when it is not there itself."""
    total = _weight(these)
    if total == 0:
        return 0.0
    got = 0.0
    for word in these:
        weight = _WEAK_WEIGHT if word in _WEAK else 1.0
        got += weight * max((_word_similarity(word, other) for other in those), default=0.0)
    return got / total


@lru_cache(maxsize=65536)
def _word_similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    vectors = _vectors()
    i, j = vectors[0].get(a), vectors[0].get(b)
    if i is None or j is None:
        return 0.0
    cosine = float(vectors[1][i] @ vectors[1][j])
    return cosine if cosine >= SOFT_MIN else 0.0


@lru_cache(maxsize=1)
def _vectors() -> tuple[dict[str, int], Any]:
    """The shipped word vectors (benchmarks/build_match_vectors.py), unit length."""
    import io

    import numpy as np  # comes with yake

    data = resources.files("twoway.prep").joinpath("match_vectors.npz").read_bytes()
    with np.load(io.BytesIO(data)) as npz:
        matrix = npz["vectors"].astype(np.float32) * npz["scales"]
        words = [str(w) for w in npz["words"]]
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True) + 1e-9
    return {w: i for i, w in enumerate(words)}, matrix


def match_plan(plan: Plan, questions: Sequence[Question], source: str) -> PlanCoverage:
    """Which of ``plan``'s questions "me" asked in ``questions`` (an analysis's questions).

    Only questions that count (``is_me`` and ``function == "question"``) are candidates. Pairs
    are assigned best first, so one asked question covers at most one planned question; a
    planned question is ``asked`` when its match reaches ``MATCH_THRESHOLD``. ``similarity`` is
    that match's score, or the best score available when nothing was assigned to it.
    """
    mine = [q.text for q in questions if q.is_me and q.function == "question"]
    planned = plan.questions
    scores = [[similarity(p.text, text) for text in mine] for p in planned]
    pairs = sorted(
        ((scores[i][j], i, j) for i in range(len(planned)) for j in range(len(mine))),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    assigned: dict[int, int] = {}
    used: set[int] = set()
    for score, i, j in pairs:
        if score < MATCH_THRESHOLD:
            break
        if i in assigned or j in used:
            continue
        assigned[i] = j
        used.add(j)
    out: list[PlannedQuestion] = []
    for i, p in enumerate(planned):
        if i in assigned:
            j = assigned[i]
            out.append(PlannedQuestion(p.text, p.topic, True, mine[j], scores[i][j]))
        else:
            best = max(scores[i], default=0.0)
            out.append(PlannedQuestion(p.text, p.topic, False, None, best))
    return PlanCoverage(source=source, questions=tuple(out))
