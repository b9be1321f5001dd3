"""When a follow-up is due: a due phrase as said ("by Friday", "end of next week", "before
Christmas") and the day of the conversation, made a calendar date.

``due_date(phrase, said_on)`` reads the phrases ``twoway.followup.find_commitments`` keeps in
``Commitment.due`` (and any other text: it never raises). The rule, documented in
docs/store.md ("Follow-ups from commitments"), is **the last day the phrase allows**, the day
after which the promise is late:

* a day: "today", "tonight", "this afternoon", "right after this call", "within the hour",
  "end of day" are the conversation's day; "tomorrow" the next; "Friday", "by Friday", "on
  Friday", "first thing Monday", "Tuesday at two" the first such day after the conversation's
  ("Friday" said on a Friday is a week later); "this Friday" may be the day itself; "next
  Thursday" and "Thursday next week" the Thursday of the next calendar week (Monday to Sunday);
* a week: "this week", "the end of the week", "later this week" are its Friday; "next week",
  "end of next week" next week's Friday, "early next week" its Tuesday, "mid next week" its
  Wednesday, "the start of next week" its Monday; "this weekend" its Sunday;
* a month, quarter or year: "this month", "the end of the month" its last day, "next month" the
  last day of the next one ("early next month" the 10th, "mid" the 15th, "the start" the 1st);
  "in February", "late February", "the end of February" 28 or 29 February, "early February"
  the 10th, "mid-February" the 15th, "by February" the 1st, "before February" 31 January (the
  next February on or after the conversation's month); "by the 15th" the next 15th, "on 3 March"
  and "March 3rd" that day;
* a span from the conversation: "within two weeks", "in a couple of days" (2), "a few" (3),
  "several" (4), "in three business days" (weekends skipped), "within 72 hours" (3 days);
* a holiday: Christmas (Eve), Boxing Day, New Year('s Eve), Halloween, Valentine's Day, Easter,
  and the US Thanksgiving, Memorial Day and Labor Day, the next one to come; "the holidays" are
  Christmas Eve; "the week after Thanksgiving" is that week's Friday;
* "before X" is the day before X when X is a day ("before the 15th": the 14th);
* no date: an event ("when it opens", "before I put you forward", "within a week of the posting
  going up"), a season (the hemisphere decides which months), "soon": ``None``.

A date is never before the conversation's: a phrase whose day has passed ("by the end of the
week" said on a Saturday) is due that day. Pure.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

__all__ = ["due_date"]

_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH_ABBR = {m[:3]: i for i, m in enumerate(_MONTHS, start=1)} | {"sept": 9}
_DAY_ALT = "|".join(_DAYS)
# "may" is a month only where a date follows or nothing does ("may the 3rd", "in May").
_MONTH_ALT = "|".join(m if m != "may" else r"may(?=\s+(?:\d|the\b)|\s*[,.;]|\s*$)" for m in _MONTHS)
_MONTH_SHORT = r"(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?"
_ORDINAL_WORDS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
}
for _unit, _n in list(_ORDINAL_WORDS.items())[:9]:
    _ORDINAL_WORDS[f"twenty-{_unit}"] = 20 + _n
    _ORDINAL_WORDS[f"twenty {_unit}"] = 20 + _n
_ORDINAL_WORDS["thirty-first"] = _ORDINAL_WORDS["thirty first"] = 31
_ORDINAL = (
    r"(?:\d{1,2}(?:st|nd|rd|th)|"
    + "|".join(sorted(map(re.escape, _ORDINAL_WORDS), key=len, reverse=True))
    + r")"
)
_DAY_NUMBER = rf"(?:{_ORDINAL}|\d{{1,2}})"
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "couple": 2,
    "few": 3,
    "several": 4,
}
_NUMBER = (
    r"(?:\d{1,3}|a couple(?: of)?|couple(?: of)?|a few|few|several|"
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|"
    r"five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|fifteen|an?)"
)
_UNIT = r"(?:hours?|(?:business |working )?days?|weeks?|fortnights?|months?|years?)"
_OR_TWO = r"(?:\s+or\s+(?:two|three|so))?"

_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_HOLIDAY = (
    r"(?:christmas eve|christmas(?: day)?|xmas|boxing day|new year'?s eve|"
    r"new year(?:'?s)?(?: day)?|the new year|halloween|valentine'?s(?: day)?|"
    r"easter(?: sunday)?|thanksgiving|memorial day|labou?r day|the holidays)"
)
_HOLIDAY_WHEN = re.compile(
    rf"(?:\b(?P<rel>the (?:day|week) (?:after|before|of))\s+|\b(?P<prep>before|by|on|until|"
    rf"till|for|after|over|around|in)\s+)?\b(?P<h>{_HOLIDAY})\b"
)
_MONTH_DAY = re.compile(
    rf"\b(?:(?P<prep>before|by|on|until|till)\s+)?(?:the\s+)?(?P<d1>{_DAY_NUMBER})(?:\s+of)?\s+"
    rf"(?P<m1>{_MONTH_ALT}|{_MONTH_SHORT})(?![a-z])"
    rf"|\b(?:(?P<prep2>before|by|on|until|till)\s+)?(?P<m2>{_MONTH_ALT}|{_MONTH_SHORT})\s+"
    rf"(?:the\s+)?(?P<d2>{_DAY_NUMBER})\b(?!\s*(?:am|pm|a\.m|p\.m|:\d|o'clock))"
)
_DAY_OF_MONTH = re.compile(
    rf"\b(?:(?P<prep>before|by|on|until|till)\s+)?the\s+(?P<d>{_ORDINAL})\b(?!\s+(?:time|"
    r"round|interview|stage|step|draft|version|call|meeting|one|week|month|day))"
)
_MONTH_PART = re.compile(
    r"\b(?:(?P<prep>before|by|until|till|in|during)\s+)?(?:(?P<part>early|mid|late|"
    r"(?:the\s+)?(?:end|close|start|beginning|middle) of)[\s-]*)?"
    rf"(?P<m>{_MONTH_ALT})(?![a-z])"
)
_DAY_AFTER_TOMORROW = re.compile(r"\bthe day after tomorrow\b")
_TOMORROW = re.compile(r"\btomorrow\b|\btmrw\b|\btmr\b")
_WEEKDAY = re.compile(
    r"\b(?:(?P<mod>this|next|coming|this coming|before|by|on|until|till|first thing(?: on)?)"
    rf"\s+)?(?P<day>{_DAY_ALT})\b(?P<next>\s+(?:of\s+)?next week)?"
)
_WEEK_AFTER_NEXT = re.compile(r"\bthe week after next\b")
_WEEK = re.compile(
    r"\b(?:(?P<part>early|late|later|mid|the middle of|middle of|the end of|end of|close of|"
    r"the start of|start of|the beginning of|beginning of|sometime|some time)[\s-]+)?"
    r"(?P<which>this|next|the)\s+week\b(?!end|\s+(?:after|before|of)\b)"
)
_WEEKEND = re.compile(r"\b(?:(?P<which>this|next|the|over the|on the)\s+)?weekend\b")
_MONTH_REL = re.compile(
    r"\b(?:(?P<part>early|late|later|mid|the middle of|middle of|the end of|end of|close of|"
    r"the start of|start of|the beginning of|beginning of|sometime|some time)[\s-]+)?"
    r"(?P<which>this|next|the)\s+month\b"
)
_QUARTER = re.compile(r"\b(?:(?:the\s+)?(?:end|close) of\s+)?(?P<which>this|next|the)\s+quarter\b")
_YEAR = re.compile(
    r"\b(?:(?P<part>early|late|the end of|end of|the start of|start of|the beginning of|"
    r"beginning of)[\s-]+)?(?P<which>this|next|the)\s+year\b"
)
_SPAN = re.compile(
    rf"\b(?:(?P<from>in|within|over|inside)\s+(?:the\s+)?(?:next\s+)?)?(?P<n>{_NUMBER})"
    rf"\s+(?P<unit>{_UNIT}){_OR_TWO}(?P<tail>\s+(?:from\s+(?:now|today)|time)\b|\s+(?:of|after|"
    r"before|from|into|once|when)\b)?"
)
_NEXT_FEW = re.compile(rf"\b(?:in|within|over) the next (?P<unit>{_UNIT})\b")
_A_UNIT_OR_TWO = re.compile(rf"\b(?:in|within) (?:a|one) (?P<unit>{_UNIT}) or two\b")
_TIME_NEXT_WEEK = re.compile(r"\bthis time next (?P<unit>week|month)\b")
_TODAY = re.compile(
    r"\b(?:today|tonight|tonite|this (?:morning|afternoon|arvo|evening|lunchtime)|"
    r"end of (?:the )?(?:day|business)|close of (?:business|play)|eod|cob|asap|"
    r"right away|straight away|right now|(?:right |straight |just |soon )?after (?:this|the|our)"
    r" (?:call|chat|meeting|coffee)|after this\b|later on|(?:in|within) (?:the|an|the next) hour|"
    r"in (?:a|an) (?:minute|sec|second|moment|bit))\b"
)
_CLOCK = re.compile(
    r"\b(?:at|by|before|around|until|till)\s+(?:\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.|"
    r"o'clock)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon|midday|"
    r"lunch(?:time)?)\b"
)


def due_date(phrase: str | None, said_on: dt.date) -> dt.date | None:
    """The calendar date ``phrase`` means when said on ``said_on``, or ``None`` when it names
    no day ("when it opens"). Never before ``said_on``; never raises.

    >>> said = dt.date(2026, 12, 9)  # a Wednesday
    >>> [str(due_date(p, said)) for p in ("by Friday", "end of next week", "tonight")]
    ['2026-12-11', '2026-12-18', '2026-12-09']
    >>> due_date("when it opens", said) is None
    True
    """
    if not phrase:
        return None
    text = " ".join(phrase.casefold().replace("’", "'").replace("‘", "'").split())
    try:
        found = _resolve(text, said_on)
    except (OverflowError, ValueError):  # past year 9999
        return None
    return None if found is None else max(found, said_on)


def _resolve(text: str, d: dt.date) -> dt.date | None:
    for rule in _RULES:
        found = rule(text, d)
        if found is not None:
            return found
    return None


# --- the rules, most specific first ---------------------------------------------------------


def _iso(text: str, d: dt.date) -> dt.date | None:
    m = _ISO.search(text)
    if m is None:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _holiday(text: str, d: dt.date) -> dt.date | None:
    m = _HOLIDAY_WHEN.search(text)
    if m is None:
        return None
    day = _next_holiday(m.group("h"), d)
    rel, prep = m.group("rel"), m.group("prep")
    if rel is not None:
        week_end = _week_start(day) + dt.timedelta(days=4)
        return {
            "the day after": day + dt.timedelta(days=1),
            "the day before": day - dt.timedelta(days=1),
            "the week after": week_end + dt.timedelta(days=7),
            "the week before": week_end - dt.timedelta(days=7),
            "the week of": week_end,
        }[rel]
    if prep == "in" and m.group("h") == "the new year":
        return day.replace(day=31)  # "in the new year": its first month
    if prep == "before":
        return day - dt.timedelta(days=1)
    if prep == "after":
        return day + dt.timedelta(days=1)
    return day


def _month_day(text: str, d: dt.date) -> dt.date | None:
    m = _MONTH_DAY.search(text)
    if m is None:
        return None
    name = m.group("m1") or m.group("m2")
    number = m.group("d1") or m.group("d2")
    month = _month_number(name)
    day_number = _day_number(number)
    if month is None or day_number is None:
        return None
    year = d.year if (month, day_number) >= (d.month, d.day) else d.year + 1
    found = dt.date(year, month, min(day_number, _last_day(year, month)))
    return _before(found, m.group("prep") or m.group("prep2"))


def _day_of_month(text: str, d: dt.date) -> dt.date | None:
    m = _DAY_OF_MONTH.search(text)
    if m is None:
        return None
    number = _day_number(m.group("d"))
    if number is None:
        return None
    year, month = d.year, d.month
    if number < d.day:
        year, month = _add_months(d.year, d.month, 1)
    found = dt.date(year, month, min(number, _last_day(year, month)))
    return _before(found, m.group("prep"))


def _month_part(text: str, d: dt.date) -> dt.date | None:
    m = _MONTH_PART.search(text)
    if m is None:
        return None
    month = _MONTHS.index(m.group("m")) + 1
    year = d.year if month >= d.month else d.year + 1
    part = (m.group("part") or "").removeprefix("the ").split(" ")[0]
    prep = m.group("prep")
    if not part and prep in ("by", "until", "till"):
        return dt.date(year, month, 1)
    if not part and prep == "before":
        return dt.date(year, month, 1) - dt.timedelta(days=1)
    return dt.date(year, month, _part_day(part, year, month))


def _day_after_tomorrow(text: str, d: dt.date) -> dt.date | None:
    return d + dt.timedelta(days=2) if _DAY_AFTER_TOMORROW.search(text) else None


def _tomorrow(text: str, d: dt.date) -> dt.date | None:
    return d + dt.timedelta(days=1) if _TOMORROW.search(text) else None


def _weekday(text: str, d: dt.date) -> dt.date | None:
    m = _WEEKDAY.search(text)
    if m is None:
        return None
    wanted = _DAYS.index(m.group("day"))
    mod = m.group("mod") or ""
    if m.group("next") or mod == "next":
        return _week_start(d) + dt.timedelta(days=7 + wanted)
    ahead = (wanted - d.weekday()) % 7
    if ahead == 0 and mod not in ("this", "this coming"):
        ahead = 7  # "Friday" said on a Friday: the next one
    return _before(d + dt.timedelta(days=ahead), mod)


def _week_after_next(text: str, d: dt.date) -> dt.date | None:
    if _WEEK_AFTER_NEXT.search(text) is None:
        return None
    return _week_start(d) + dt.timedelta(days=14 + 4)


def _week(text: str, d: dt.date) -> dt.date | None:
    m = _WEEK.search(text)
    if m is None:
        return None
    start = _week_start(d) + dt.timedelta(days=7 if m.group("which") == "next" else 0)
    part = (m.group("part") or "").removeprefix("the ").split(" ")[0]
    offset = {"early": 1, "mid": 2, "middle": 2, "start": 0, "beginning": 0}.get(part, 4)
    return start + dt.timedelta(days=offset)


def _weekend(text: str, d: dt.date) -> dt.date | None:
    m = _WEEKEND.search(text)
    if m is None:
        return None
    sunday = _week_start(d) + dt.timedelta(days=6)
    return sunday + dt.timedelta(days=7) if m.group("which") == "next" else sunday


def _month(text: str, d: dt.date) -> dt.date | None:
    m = _MONTH_REL.search(text)
    if m is None:
        return None
    year, month = d.year, d.month
    if m.group("which") == "next":
        year, month = _add_months(year, month, 1)
    part = (m.group("part") or "").removeprefix("the ").split(" ")[0]
    return dt.date(year, month, _part_day(part, year, month))


def _quarter(text: str, d: dt.date) -> dt.date | None:
    m = _QUARTER.search(text)
    if m is None:
        return None
    last_month = (d.month - 1) // 3 * 3 + 3
    year, month = _add_months(d.year, last_month, 3 if m.group("which") == "next" else 0)
    return dt.date(year, month, _last_day(year, month))


def _year(text: str, d: dt.date) -> dt.date | None:
    m = _YEAR.search(text)
    if m is None:
        return None
    year = d.year + (1 if m.group("which") == "next" else 0)
    part = (m.group("part") or "").removeprefix("the ").split(" ")[0]
    if part == "early":
        return dt.date(year, 1, 31)
    if part in ("start", "beginning"):
        return dt.date(year, 1, 1)
    return dt.date(year, 12, 31)


def _this_time_next(text: str, d: dt.date) -> dt.date | None:
    m = _TIME_NEXT_WEEK.search(text)
    return None if m is None else _add(d, 1, m.group("unit"))


def _span(text: str, d: dt.date) -> dt.date | None:
    m = _A_UNIT_OR_TWO.search(text)
    if m is not None:
        return _add(d, 2, m.group("unit"))
    m = _NEXT_FEW.search(text)
    if m is not None:
        return _add(d, 1, m.group("unit"))
    for m in _SPAN.finditer(text):
        tail = (m.group("tail") or "").strip()
        if tail and not tail.startswith("from now") and not tail.startswith("from today"):
            continue  # "within a week of the posting going up": counted from an event
        if m.group("from") is None and not tail:
            continue  # "two weeks" alone is a length, not a date
        n = _number(m.group("n"))
        if n is None:
            continue
        return _add(d, n, m.group("unit"))
    return None


def _today(text: str, d: dt.date) -> dt.date | None:
    return d if _TODAY.search(text) or _CLOCK.search(text) else None


_RULES = (
    _iso,
    _holiday,
    _month_day,
    _day_of_month,
    _month_part,
    _day_after_tomorrow,
    _tomorrow,
    _this_time_next,
    _weekday,
    _week_after_next,
    _week,
    _weekend,
    _month,
    _quarter,
    _year,
    _span,
    _today,
)


# --- calendar helpers -----------------------------------------------------------------------


def _week_start(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    total = year * 12 + (month - 1) + months
    return total // 12, total % 12 + 1


def _part_day(part: str, year: int, month: int) -> int:
    """The day of the month a part of it ends: "early" the 10th, "mid" the 15th, "the start"
    the 1st, otherwise (the end, late, in) its last day."""
    return {"early": 10, "mid": 15, "middle": 15, "start": 1, "beginning": 1}.get(
        part, _last_day(year, month)
    )


def _before(day: dt.date, prep: str | None) -> dt.date:
    return day - dt.timedelta(days=1) if prep == "before" else day


def _month_number(name: str) -> int | None:
    name = name.rstrip(".")
    if name in _MONTHS:
        return _MONTHS.index(name) + 1
    return _MONTH_ABBR.get(name)


def _day_number(text: str) -> int | None:
    digits = re.match(r"\d+", text)
    number = int(digits.group()) if digits else _ORDINAL_WORDS.get(text)
    return number if number is not None and 1 <= number <= 31 else None


def _number(text: str) -> int | None:
    words = text.replace("-", " ").replace(" of", "").split()
    if words and words[0].isdigit():
        return int(words[0])
    words = [w for w in words if w not in ("a", "an")] or words
    values = [_NUMBER_WORDS.get(w) for w in words]
    if not values or any(v is None for v in values):
        return None
    return sum(v for v in values if v is not None)


def _add(d: dt.date, n: int, unit: str) -> dt.date:
    unit = unit.rstrip("s")
    if unit == "hour":
        return d + dt.timedelta(days=-(-n // 24))
    if unit in ("business day", "working day"):
        day, left = d, n
        while left > 0:
            day += dt.timedelta(days=1)
            if day.weekday() < 5:
                left -= 1
        return day
    if unit == "day":
        return d + dt.timedelta(days=n)
    if unit == "week":
        return d + dt.timedelta(weeks=n)
    if unit == "fortnight":
        return d + dt.timedelta(weeks=2 * n)
    months = n * 12 if unit == "year" else n
    year, month = _add_months(d.year, d.month, months)
    return dt.date(year, month, min(d.day, _last_day(year, month)))


def _next_holiday(name: str, d: dt.date) -> dt.date:
    """The holiday ``name`` on or after ``d`` (this year's, else next year's)."""
    this_year = _holiday_in(name, d.year)
    return this_year if this_year >= d else _holiday_in(name, d.year + 1)


def _holiday_in(name: str, year: int) -> dt.date:
    name = name.replace("'", "")
    fixed = {
        "christmas eve": (12, 24),
        "the holidays": (12, 24),
        "boxing day": (12, 26),
        "new years eve": (12, 31),
        "halloween": (10, 31),
    }
    if name in fixed:
        return dt.date(year, *fixed[name])
    if name.startswith(("christmas", "xmas")):
        return dt.date(year, 12, 25)
    if name.startswith(("new year", "the new year")):
        return dt.date(year, 1, 1)
    if name.startswith("valentine"):
        return dt.date(year, 2, 14)
    if name.startswith("easter"):
        return _easter(year)
    if name == "thanksgiving":  # the fourth Thursday of November (US)
        first = dt.date(year, 11, 1)
        return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    if name == "memorial day":  # the last Monday of May
        last = dt.date(year, 5, 31)
        return last - dt.timedelta(days=last.weekday())
    first = dt.date(year, 9, 1)  # Labor Day: the first Monday of September
    return first + dt.timedelta(days=(0 - first.weekday()) % 7)


def _easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)
