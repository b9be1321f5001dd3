# ruff: noqa: E501  (tables of regular expressions read best one entry a line)
"""What a note must never quote back: pay, health, family, and other private details.

A thank-you note, a suggestion or "topics they raised" quotes the other person. People share
private things in a conversation (a salary range, a surgery, a new baby, a visa) that are not
theirs to have repeated in writing, and a recruiter's pay range is never something to cite. A
sentence is **sensitive** when it has a cue from one of the families below, or when it answers
a question about pay. The lists err on the side of leaving a sentence out: a missed hook costs
little, a quoted diagnosis costs a lot.

Pure: no I/O.

>>> sensitive_reason("For this level it's seventy to eighty-two, plus a bonus target.")
'compensation'
>>> sensitive_reason("We run about thirty A/B tests a quarter on the patient app.") is None
True
"""

from __future__ import annotations

import re

__all__ = ["SENSITIVE_FAMILIES", "is_sensitive", "sensitive_reason"]

# Each family: a regular expression of cues (matched case-insensitively on word boundaries).
SENSITIVE_FAMILIES: dict[str, str] = {
    "compensation": (
        r"salar(?:y|ies)|base (?:pay|salary)|(?:thousand|\w+ty|\d+k?) base\b|bonus(?:es)?|equity|"
        r"stock options?|\bOTE\b|commissions?|compensation|pay range|the range|budget is|"
        r"(?:hourly|day|daily|contract) rate|the rate is|per hour|hourly|"
        r"\$\s?\d|£\s?\d|€\s?\d|\d+\s?k\b|\d{2,3},\d{3}|"
        r"(?:thousand|hundred)\b(?! (?:people|users|customers|families|events|servers|trucks))|"
        r"one-(?:ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\w*|"
        r"(?:sixty|seventy|eighty|ninety)(?:-\w+)? to (?:sixty|seventy|eighty|ninety|one)|"
        r"point five percent|runway|student loans?|debt|mortgage payments?|my pay\b|paid \w+ (?:less|more)"
    ),
    "health": (
        r"surgery|cancer|chemo\w*|tumou?r|diagnos\w+|illness|\bill\b|sick(?:ness)?|disabilit\w+|"
        r"disabled|wheelchair|medical|medication|therap(?:y|ist)|mental health|depress\w+|"
        r"anxiety|panic attacks?|burnout|ADHD|autis\w+|epilep\w+|seizures?|\bHIV\b|"
        r"crohn'?s|diabet\w+|dementia|alzheimer\w*|heart attack|stroke|pregnan\w+|"
        r"miscarriage|in recovery|rehab|sober|addiction|chronic|my health|health reasons|"
        r"appointments?|hospitali[sz]ed|injur\w+|knees?"
    ),
    "family": (
        r"wife|husband|spouse|my partner\b|girlfriend|boyfriend|my (?:son|daughter|kids?|child|"
        r"children|baby|mother|mom|father|dad|parents?|family|sister|brother)|"
        r"\b(?:son|daughter)\b|kids|twins|newborn|baby|"
        r"(?:we're|we are|i'm|she's|they're) expecting\b(?! (?:to|a lot|more|that))|parental leave|maternity|"
        r"paternity|divorce\w*|separated|widow\w*|passed away|funeral|caregiv\w+|"
        r"fostering|adopt\w+|was born|childcare|daycare"
    ),
    "immigration": r"\bvisa\b|green card|sponsorship|work permit|citizenship|undocumented|immigra\w+",
    "age": (
        r"I'm (?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|\d\d)\b(?! percent)|"
        r"years old|my age|retire\w*"
    ),
    "identity": (
        r"muslim|christian|jewish|hindu|buddhist|religio\w+|\bpray\w*|church|mosque|"
        r"synagogue|\bgay\b|lesbian|queer|transgender|\btrans\b|sexual"
    ),
    "private": (
        r"between us|off the record|confidential|don't tell|do not tell|keep this quiet|"
        r"laid off|fired|homeless|evict\w+|lose sleep|lost sleep"
    ),
}

_PATTERNS = {
    family: re.compile(rf"(?:{cues})", re.IGNORECASE) for family, cues in SENSITIVE_FAMILIES.items()
}
# A question about pay: its answer is sensitive as a whole, whatever words it uses
# ("Around eighty-five.").
_PAY_QUESTION = re.compile(
    r"\b(?:salary|range|compensation|pay|paying|budget|package|OTE|rate|benefits|equity)\b",
    re.IGNORECASE,
)


def sensitive_reason(text: str) -> str | None:
    """The family of the first sensitive cue in ``text`` ("compensation", "health", ...), or
    ``None`` when it has none."""
    text = text.replace("’", "'")
    for family, pattern in _PATTERNS.items():
        if pattern.search(text):
            return family
    return None


def is_sensitive(text: str, *, answers: str | None = None) -> bool:
    """Whether ``text`` must not be quoted: it has a sensitive cue, or ``answers`` (the question
    it replies to) is about pay."""
    if sensitive_reason(text) is not None:
        return True
    return answers is not None and _PAY_QUESTION.search(answers) is not None
