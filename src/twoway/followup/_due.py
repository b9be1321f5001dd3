"""When a commitment is due, as said: "by Friday", "Tuesday at two", "early next week", "within
a week of the posting going up", "right after this call", "when it opens".

``due_phrase(action)`` finds the phrase in an action; it is never a calendar date (this module
does not read the clock). Two kinds of phrase count; a time is the due when one is said, and
phrases tied by a comma or a hedge are kept together ("when it's published, probably in
February", "by Friday, at the latest"):

* a **time**: a day, a part of a day, a week or month, a span ("within the seventy-two hours",
  "in a couple of weeks"), a date ("by the fifteenth"), with a time of day ("Thursday at ten",
  "today before six");
* an **event** the deed waits for: "when it opens", "as soon as it's live", "before I put you
  forward", "after this call", "before the trial", "a couple of days after that", "within a
  week of the posting going up"; not a past clause ("when I was transitioning").

Pure.
"""

from __future__ import annotations

import re

__all__ = ["due_phrase"]

_UNIT = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_NUMBER = (
    rf"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    rf"{_TENS}(?:-{_UNIT})?|a couple(?: of)?|a few|several|\d+)"
)
_ORDINAL = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"\w+teenth|twentieth|twenty-\w+|thirtieth|thirty-first|\d{1,2}(?:st|nd|rd|th))"
)
_DAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_PART = r"(?:morning|afternoon|arvo|evening|night|lunchtime)"
_MONTH = (
    r"(?:january|february|march|april|may(?= \d| the|,|$)|june|july|august|september|october|"
    r"november|december)"
)
_SEASON = r"(?:spring|summer|fall|autumn|winter)"
_CLOCK = (
    r"(?:\d{1,2}(?:[:.]\d\d)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"noon|midday|midnight)(?:\s?(?:am|pm|a\.m\.|p\.m\.|o'clock|thirty|fifteen|forty-five))?"
)
# "Thursday at ten", "today before six", "tomorrow by noon".
_AT = rf"(?:\s+(?:at|before|after|by|around)\s+{_CLOCK}\b)?"
_END_OF = (
    r"(?:the\s+)?(?:end|close|start|beginning|middle) of (?:the |this |next )?(?:day|week|month|"
    rf"year|quarter|business|play|{_MONTH})(?: (?:today|tomorrow|{_DAY}))?"
)
# A time that needs no preposition: "Thursday at ten", "early next week", "this arvo", "the
# week after Thanksgiving".
_WHEN = (
    rf"(?-i:the (?i:end|start|beginning|middle) of (?i:{_MONTH}|the month|the year|next \w+))"
    r"|the (?:week|weekend|day|month) (?:after|before|of) (?-i:[A-Z][\w'-]+)"
    rf"|(?:(?:this|next|on|early|late|mid-?|later)\s+)?{_DAY}(?:\s+{_PART})?{_AT}"
    rf"|(?:early |late |later |mid-?|the start of |the beginning of )?(?:this|next)\s+"
    rf"(?:week|month|weekend|year|quarter|{_PART}|{_SEASON})"
    rf"|tomorrow(?:\s+{_PART})?{_AT}|tonight{_AT}|(?:later )?today{_AT}|this {_PART}{_AT}"
    rf"|(?:in |early |late |mid-?)(?:{_MONTH})|in the (?:new year|{_SEASON})"
    r"|(?:close of business|COB|EOD|end of day)(?: today| tomorrow)?"
)
_TIME = re.compile(
    rf"\b(?:(?:by|on|before|until|no later than)\s+(?:{_END_OF}|{_WHEN}"
    rf"|(?:the\s+)?{_ORDINAL}(?: of {_MONTH})?|(?:early |late |mid-?)?{_MONTH})"
    rf"|(?:in|within) (?:the |an )?(?:next )?(?:hour|{_NUMBER}\s+(?:hours?|days?|weeks?"
    r"|months?|business days?|working days?))"
    rf"|{_WHEN}"
    r"|(?:right|straight|just|soon|first thing)\s+after\s+(?:this|that|the|our)(?:\s+(?:call|"
    r"meeting|chat|interview|coffee))?"
    r"|after (?:the|this|our) (?:call|meeting|chat|interview|coffee)"
    r"|(?:later|sometime) (?:this|next) (?:week|month)"
    r"|right away|straight away|asap|first thing tomorrow)\b",
    re.IGNORECASE,
)
# An event clause: "when it opens", "as soon as it's live", "before I put you forward"; a
# subject then a verb, up to the clause's end. A past clause is left out.
# A subject: a pronoun or a name ("when it opens", "once Dana signs off"), or a noun phrase
# followed by its verb ("when the posting goes up"; not "before the 15th either way").
_SUBJECT = (
    r"(?:(?:I|we|you|he|she|they|it|it's|that's|they're|we're|you're|I'm|(?-i:[A-Z])[\w'-]+)\b"
    r"|(?:the|this|that|your|my|our|his|her|their)\s+(?:[\w-]+\s+){1,2}?(?:is|are|goes|go|comes|"
    r"come|opens|open|closes|starts|ends|gets|lands|signs|\w+s)\b)"
)
_EVENT = re.compile(
    r"\b(?:(?:right|straight|just|soon|first thing)\s+)?"
    rf"(?:{_NUMBER}\s+(?:days?|weeks?|hours?)\s+)?"
    r"(?:before|after|when|once|as soon as|the moment|by the time)\s+"
    rf"(?:that\b|{_SUBJECT}[^,.;!?—–]*)"
    r"|\bwithin (?:a|one|two|three|\d+|a couple of|a few) (?:days?|weeks?|hours?) of\s+[^,.;!?—–]+"
    r"|\b(?:before|after|ahead of) (?:the|your|our|my|this|that) (?:[\w-]+ ){0,2}?"
    r"(?:trial|interview|panel|call|meeting|visit|tour|session|shift|start|deadline|test|"
    r"assessment|workshop|open house|conference|launch|posting|exam|offer|review|stage)s?\b",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"^(?:\w+\s+){0,3}?(?:\w+\s+)?(?:I|we|you|he|she|they|it)\s+(?:was|were|did|had|used to|"
    r"\w+ed)\b",
    re.IGNORECASE,
)
# What may stand between two due phrases that belong together.
_JOINER = re.compile(
    r"^\s*,?\s*(?:(?:probably|maybe|ideally|hopefully|or|and|latest|roughly|around|say)\b"
    r"\s*,?\s*)*$",
    re.IGNORECASE,
)
_LATEST = re.compile(r"^,?\s+at the (?:latest|earliest)\b", re.IGNORECASE)
# "Bring your calcs to the panel": for a thing brought, the event is when it is due.
_BROUGHT_TO = re.compile(
    r"^(?:bring|take|have)\b.*?\b(?P<due>to (?:the|our|your|my) (?:[\w-]+ )?(?:panel|interview|"
    r"meeting|session|trial|visit|call|tour|shift|stage|workshop|open house|class))\b",
    re.IGNORECASE,
)


def due_phrase(action: str) -> str | None:
    """The due phrase in ``action``, as said, or ``None``.

    >>> due_phrase("send you the test this week")
    'this week'
    >>> due_phrase("get it to you within a week of the posting going up")
    'within a week of the posting going up'
    >>> due_phrase("send you the link to the portfolio I built when I was transitioning") is None
    True
    """
    times = [m.span() for m in _TIME.finditer(action)]
    events = [
        m.span()
        for m in _EVENT.finditer(action)
        if not _PAST.match(action[m.start() : m.end()].split(None, 1)[-1])
    ]
    # An event that starts where a time does says more ("within a week of the posting going
    # up", not "within a week"); one that starts inside a time is part of it.
    events = [e for e in events if not any(s < e[0] < end for s, end in times)]
    times = [t for t in times if not any(e[0] == t[0] and e[1] > t[1] for e in events)]
    spans = sorted(times + events)
    if not spans:
        brought = _BROUGHT_TO.match(action)
        return brought.group("due") if brought is not None else None
    # A time is the due ("before the deadline on the fifteenth": "on the fifteenth"); an event
    # is, when no time is said, or when a comma or a hedge ties it to the time ("when it's
    # published, probably in February").
    first = min(times) if times else spans[0]
    k = spans.index(first)
    while k > 0 and _tied(action[spans[k - 1][1] : spans[k][0]]):
        k -= 1
    start, end = spans[k]
    for s, e in spans[k + 1 :]:
        if s <= end or _tied(action[end:s]):
            end = max(end, e)
        else:
            break
    latest = _LATEST.match(action[end:])
    if latest is not None:
        end += latest.end()
    return action[start:end].strip(" ,")


def _tied(gap: str) -> bool:
    return bool(_JOINER.match(gap) and gap.strip())
