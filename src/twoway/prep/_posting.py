"""Themes of a job posting from its structure (private to ``prep.themes``).

A posting says what matters in three places, and each has its own shape (docs/prep.md,
"Themes"):

* **tools and names**: written capitalised inside a sentence, as acronyms, or with symbols
  ("Snowflake", "SQL", "A/B", "CI/CD", "Power BI", "GitHub Actions"), plus a few tools that are
  written in lowercase ("dbt", "pandas");
* **requirements**: the list after "experience with", "proficiency in", "knowledge of"...
  ("Experience with Docker and Kubernetes"), split at commas, "and", "or" and slashes;
* **responsibilities**: the object of a bullet's leading verb ("Own the monthly churn review
  and the metrics behind it" -> "monthly churn review"), cut before a preposition.

Each candidate is a phrase as the posting writes it; ``themes.key_themes`` ranks and cleans
them. Pure: no I/O.
"""

from __future__ import annotations

import re
from collections import defaultdict

# Tools usually written in lowercase, so capitalisation does not find them.
LOWERCASE_TOOLS = frozenset(
    """dbt pandas numpy scikit-learn sklearn pytorch tensorflow git bash kubectl npm pip
    spark airflow kafka terraform docker kubernetes""".split()
)
_CUES = re.compile(
    r"\b(?:experience (?:with|in|selling to|running|implementing|managing|leading|building)|"
    r"proficiency (?:in|with)|knowledge of|familiarity with|familiar with|expertise in|"
    r"skills in|comfortable with|comfort with|mastery of|grounding in|background in|"
    r"understanding of|hands-on experience (?:with|in|leading)|fluency in|"
    r"(?:expert|advanced|strong|solid)(?!\s+(?:grounding|understanding|knowledge|background|"
    r"experience|command|skills|communication)\b))\s+(?P<list>[^.;:]+)",
    re.IGNORECASE,
)
_LEADING_VERBS = frozenset(
    """own design build maintain lead run write manage partner work present plan analyze analyse
    track reduce improve create develop deliver drive define ship shape scale support
    coordinate collaborate contribute conduct research synthesize synthesise migrate set
    localize localise train evaluate deploy operate monitor forecast report help launch
    prototype test review mentor hire recruit grow establish implement execute optimize
    optimise automate integrate document communicate negotiate prospect close sell
    standardize standardise clean map turn use""".split()
)
_SPLIT = re.compile(
    r",\s*(?:and\s+|or\s+)?|\s+(?:and|or|as well as|plus)\s+|\s*/\s*(?=[a-z])|\s*[():]\s*"
)
_CUT = re.compile(
    r"\s+(?:for|with|across|on|to|into|from|in|at|by|so|that|which|including|behind|using|"
    r"through|within|of (?:our|the|a|an)|where|while|when|before|after|such as|like|ideally|"
    r"preferably|is a|are a)\b.*$",
    re.IGNORECASE,
)
_DROP_START = re.compile(
    r"^(?:the|our|a|an|your|their|its|all|any|new|other|another|clear|strong|solid|"
    r"advanced|excellent|good|great|proven|deep|basic|hands-on|end-to-end|real-time|"
    r"similar|relevant|expert|ideally|preferably|e\.g\.|etc|up|out|around|about|over)\b\s+",
    re.IGNORECASE,
)
_NAME = re.compile(
    r"(?<![\w/])(?:[A-Z][\w+#.&-]*[\w+#]|[A-Z]{2,}|[A-Za-z]+/[A-Za-z]+)"
    r"(?:\s+(?:[A-Z][\w+#.&-]*[\w+#]|[A-Z]{2,}))*"
)
_WORD = re.compile(r"[A-Za-z][\w+#./-]*[\w+#]|[A-Za-z]")


def candidates(items: list[str]) -> dict[str, float]:
    """Candidate themes of the posting's items (sentences and bullets), weighted by where they
    come from: a name or tool 3, a responsibility 3, a requirement 2.5, each time it appears."""
    found: defaultdict[str, float] = defaultdict(float)
    for item in items:
        for name in _names(item):
            found[name] += 3.0
        for word in _WORD.findall(item):
            if word.lower() in LOWERCASE_TOOLS and not word[:1].isupper():
                found[word] += 3.0
        for match in _CUES.finditer(item):
            for part in _parts(match.group("list")):
                found[part] += 2.5
        for part in _objects(item):
            found[part] += 3.0
    return dict(found)


def _names(item: str) -> list[str]:
    out: list[str] = []
    for sentence in re.split(r"(?<=[.!?])\s+", item):
        out.extend(_sentence_names(sentence))
    return out


def _sentence_names(item: str) -> list[str]:
    out: list[str] = []
    for match in _NAME.finditer(item):
        phrase = match.group().strip()
        first = match.start() == len(item) - len(item.lstrip())
        words = phrase.split()
        if first and not (words[0].isupper() and len(words[0]) > 1) and "/" not in words[0]:
            # A capital at the start of a bullet is grammar, not a name: keep what follows.
            words = words[1:]
            if not words:
                continue
            phrase = " ".join(words)
        out.append(phrase)
    return out


def _parts(listed: str) -> list[str]:
    out: list[str] = []
    for part in _SPLIT.split(listed):
        part = _clean(part)
        if part:
            out.append(part)
    return out


def _objects(item: str) -> list[str]:
    words = item.split()
    if not words or words[0].lower() not in _LEADING_VERBS:
        return []
    rest = " ".join(words[1:])
    # "Design and analyze A/B tests": the second verb is not the object.
    rest = re.sub(r"^(?:and|&)\s+\w+\s+", "", rest)
    rest = re.sub(r"^\w+ly\s+", "", rest)  # "Work closely with ..."
    rest = re.sub(r"^(?:with|on|in|to|for)\s+", "", rest, flags=re.IGNORECASE)
    out: list[str] = []
    for part in _SPLIT.split(rest):
        part = _clean(part)
        if part:
            out.append(part)
        break  # the first object; what follows "and" is mostly a second thought
    return out


def _clean(part: str) -> str:
    part = _CUT.sub("", part.strip(" .,:;"))
    for _ in range(3):
        part = _DROP_START.sub("", part)
    part = re.sub(r"^\d+\+?\s+years?\b.*$", "", part)
    if re.fullmatch(r"[\d\s,.+%]*", part):
        return ""
    words = part.split()
    if not 1 <= len(words) <= 4:
        return ""
    return part.strip(" .,:;")
