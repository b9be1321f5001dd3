"""Due phrases made calendar dates (``twoway.followup_dates.due_date``): the phrases the
commitment finder keeps from real conversations, the rule for each shape, and properties."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import twoway
from twoway.followup import find_commitments
from twoway.followup_dates import due_date

ROOT = Path(__file__).parents[2]
WEDNESDAY = dt.date(2026, 12, 9)
FRIDAY = dt.date(2026, 12, 11)
SATURDAY = dt.date(2026, 12, 12)


def _on(day: dt.date, offset: int) -> dt.date:
    return day + dt.timedelta(days=offset)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        # The day itself.
        ("today", WEDNESDAY),
        ("tonight", WEDNESDAY),
        ("this afternoon", WEDNESDAY),
        ("this arvo", WEDNESDAY),
        ("today before six", WEDNESDAY),
        ("before close of business today", WEDNESDAY),
        ("right after this call", WEDNESDAY),
        ("within the hour", WEDNESDAY),
        ("at 4pm", WEDNESDAY),
        # The next days.
        ("tomorrow", _on(WEDNESDAY, 1)),
        ("tomorrow morning", _on(WEDNESDAY, 1)),
        ("by end of day tomorrow", _on(WEDNESDAY, 1)),
        ("the day after tomorrow", _on(WEDNESDAY, 2)),
        # Weekdays: the first one after the conversation.
        ("by Friday", FRIDAY),
        ("by Friday, at the latest", FRIDAY),
        ("Monday", dt.date(2026, 12, 14)),
        ("first thing Monday", dt.date(2026, 12, 14)),
        ("Tuesday at two", dt.date(2026, 12, 15)),
        ("Thursday at ten", dt.date(2026, 12, 10)),
        ("Wednesday", dt.date(2026, 12, 16)),  # said on a Wednesday: next week's
        ("this Wednesday", WEDNESDAY),
        ("next Thursday", dt.date(2026, 12, 17)),
        ("by next Tuesday", dt.date(2026, 12, 15)),
        ("Friday next week", dt.date(2026, 12, 18)),
        ("before Friday", dt.date(2026, 12, 10)),
        # Weeks: their Friday, or the part said.
        ("this week", FRIDAY),
        ("by the end of the week", FRIDAY),
        ("later this week", FRIDAY),
        ("next week", dt.date(2026, 12, 18)),
        ("end of next week", dt.date(2026, 12, 18)),
        ("by the end of next week", dt.date(2026, 12, 18)),
        ("early next week", dt.date(2026, 12, 15)),
        ("mid next week", dt.date(2026, 12, 16)),
        ("the start of next week", dt.date(2026, 12, 14)),
        ("the week after next", dt.date(2026, 12, 25)),
        ("this weekend", dt.date(2026, 12, 13)),
        ("next weekend", dt.date(2026, 12, 20)),
        # Months, quarters, years.
        ("end of the month", dt.date(2026, 12, 31)),
        ("by the end of the month", dt.date(2026, 12, 31)),
        ("next month", dt.date(2027, 1, 31)),
        ("early next month", dt.date(2027, 1, 10)),
        ("this quarter", dt.date(2026, 12, 31)),
        ("next quarter", dt.date(2027, 3, 31)),
        ("by the end of the year", dt.date(2026, 12, 31)),
        ("in the new year", dt.date(2027, 1, 31)),
        # Named months and dates: the next one.
        ("in February", dt.date(2027, 2, 28)),
        ("when it's published, probably in February", dt.date(2027, 2, 28)),
        ("early February", dt.date(2027, 2, 10)),
        ("mid-February", dt.date(2027, 2, 15)),
        ("by February", dt.date(2027, 2, 1)),
        ("before February", dt.date(2027, 1, 31)),
        ("by the 15th", dt.date(2026, 12, 15)),
        ("before the 15th either way", dt.date(2026, 12, 14)),
        ("by the fifth", dt.date(2027, 1, 5)),  # the 5th has passed: January's
        ("by the twenty-first", dt.date(2026, 12, 21)),
        ("on the 3rd of March", dt.date(2027, 3, 3)),
        ("by March 3rd", dt.date(2027, 3, 3)),
        ("by Dec 24", dt.date(2026, 12, 24)),
        ("2027-01-05", dt.date(2027, 1, 5)),
        # Spans from the conversation.
        ("within two weeks", dt.date(2026, 12, 23)),
        ("in a couple of weeks", dt.date(2026, 12, 23)),
        ("in a couple of days", dt.date(2026, 12, 11)),
        ("in a few days", dt.date(2026, 12, 12)),
        ("in a day or two", dt.date(2026, 12, 11)),
        ("within the seventy-two hours", dt.date(2026, 12, 12)),
        ("within 48 hours", dt.date(2026, 12, 11)),
        ("within 5 business days", dt.date(2026, 12, 16)),
        ("in three months", dt.date(2027, 3, 9)),
        ("two weeks from today", dt.date(2026, 12, 23)),
        ("this time next week", dt.date(2026, 12, 16)),
        # Holidays.
        ("before Christmas", dt.date(2026, 12, 24)),
        ("by Christmas", dt.date(2026, 12, 25)),
        ("after the holidays", dt.date(2026, 12, 25)),
        ("by New Year's Day", dt.date(2027, 1, 1)),
        ("before Easter", dt.date(2027, 3, 27)),  # Easter 2027: 28 March
        ("the week after Thanksgiving", dt.date(2027, 12, 3)),  # 2026's has passed
    ],
)
def test_phrases_said_on_a_wednesday(phrase: str, expected: dt.date) -> None:
    assert due_date(phrase, WEDNESDAY) == expected


@pytest.mark.parametrize(
    "phrase",
    [
        "when it opens",
        "before I put you forward",
        "within a week of the posting going up",
        "a couple of days after that",
        "once you have a piece or two",
        "before the trial",
        "to the panel",
        "soon",
        "in the spring",  # which months depends on the hemisphere
        "",
        None,
    ],
)
def test_events_and_vague_phrases_have_no_date(phrase: str | None) -> None:
    assert due_date(phrase, WEDNESDAY) is None


def test_a_day_already_past_is_due_the_day_it_was_said() -> None:
    # "By the end of the week" said on a Saturday: the Friday has gone; the promise is due now.
    assert due_date("by the end of the week", SATURDAY) == SATURDAY
    assert due_date("Friday", FRIDAY) == _on(FRIDAY, 7)
    assert due_date("this Friday", FRIDAY) == FRIDAY
    # "Early December" said on 20 December: this December, so due the day it was said.
    assert due_date("early December", dt.date(2026, 12, 20)) == dt.date(2026, 12, 20)


def test_months_and_leap_years() -> None:
    assert due_date("by the end of February", dt.date(2028, 1, 10)) == dt.date(2028, 2, 29)
    assert due_date("by the 31st", dt.date(2026, 11, 3)) == dt.date(2026, 11, 30)
    assert due_date("in a month", dt.date(2026, 1, 31)) == dt.date(2026, 2, 28)
    assert due_date("by Friday", dt.date(2026, 12, 31)) == dt.date(2027, 1, 1)


def test_may_the_month_and_may_the_verb() -> None:
    assert due_date("by May 4", WEDNESDAY) == dt.date(2027, 5, 4)
    assert due_date("in May", WEDNESDAY) == dt.date(2027, 5, 31)
    assert due_date("you may want to wait", WEDNESDAY) is None


def test_every_due_phrase_of_the_blind_set_that_names_a_day_gets_one() -> None:
    """The phrases the finder keeps from the 32 conversations of benchmarks/data/notes_blind5:
    each one that names a day or a time resolves, and none lands before the conversation or
    more than 90 days after it; the event-only ones get no date."""
    resolved = unresolved = 0
    for path in sorted((ROOT / "benchmarks" / "data" / "notes_blind5").glob("*.txt")):
        me = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["me"]
        for c in find_commitments(twoway.load(path), me):
            if c.due is None:
                continue
            found = due_date(c.due, WEDNESDAY)
            event = c.due.split()[0].casefold() in ("when", "once", "before", "to", "a", "as")
            if found is None:
                assert event or "within a week of" in c.due, c.due
                unresolved += 1
                continue
            resolved += 1
            assert WEDNESDAY <= found <= _on(WEDNESDAY, 90), (c.due, found)
    assert resolved >= 50 and unresolved <= 10


dates = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
words = st.sampled_from(
    "by before on until in within the next this end of early late mid Friday monday week "
    "weekend month year quarter tomorrow today tonight Christmas Easter February may 15th "
    "third 31st 2 two a couple few days hours business weeks of after 12 at noon".split()
)


@given(st.text(max_size=60), dates)
def test_never_raises_and_never_before_the_conversation(text: str, said_on: dt.date) -> None:
    found = due_date(text, said_on)
    assert found is None or found >= said_on


@given(st.lists(words, min_size=1, max_size=6).map(" ".join), dates)
def test_phrases_of_due_words_never_raise_or_go_back(text: str, said_on: dt.date) -> None:
    found = due_date(text, said_on)
    assert found is None or found >= said_on


@given(dates)
def test_the_same_phrase_a_day_later_is_never_earlier(said_on: dt.date) -> None:
    if said_on >= dt.date(9998, 1, 1):
        return
    later = said_on + dt.timedelta(days=1)
    for phrase in ("by Friday", "next week", "end of the month", "within two weeks", "tomorrow"):
        first, second = due_date(phrase, said_on), due_date(phrase, later)
        assert first is not None and second is not None and second >= first
