"""The one way twoway shows times, shares, counts and dates (report, web app and CLI alike)."""

from __future__ import annotations

import ast
import datetime as dt
import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from twoway import display
from twoway.display import MISSING, clock, day, number, percent, plural


def _seconds(text: str) -> int:
    """``"1:01:40"`` -> ``3700``: the inverse of :func:`clock` for a whole number of seconds."""
    total = 0
    for part in text.split(":"):
        total = total * 60 + int(part)
    return total


def test_the_missing_mark_is_an_em_dash() -> None:
    assert MISSING == "\N{EM DASH}"


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (0.0, "0:00"),
        (0.4, "0:00"),
        (59.5, "1:00"),  # rounded to the nearest second, not cut
        (196.6, "3:17"),
        (3599.4, "59:59"),
        (3599.6, "1:00:00"),
        (3700.0, "1:01:40"),  # the web app used to show 61:40
        (3725.0, "1:02:05"),
        (36000.0, "10:00:00"),
        (-2.0, "0:00"),
        (None, "—"),
        (math.nan, "—"),
    ],
)
def test_clock(seconds: float | None, shown: str) -> None:
    assert clock(seconds) == shown


@pytest.mark.parametrize(
    ("share", "shown"),
    [(0.76875, "77%"), (0.783, "78%"), (0.0, "0%"), (1.0, "100%"), (0.004, "0%"), (None, "—")],
)
def test_percent(share: float | None, shown: str) -> None:
    assert percent(share) == shown


def test_plural() -> None:
    assert plural(1, "question") == "1 question"
    assert plural(0, "question") == "0 questions"
    assert plural(3, "follow-up") == "3 follow-ups"
    assert plural(2, "saved conversation") == "2 saved conversations"
    assert plural(1, "reply", plural="replies") == "1 reply"
    assert plural(4, "reply", plural="replies") == "4 replies"


def test_day() -> None:
    assert day(dt.date(2024, 3, 5)) == "2024-03-05"
    assert day(dt.datetime(2024, 3, 5, 23, 59, 59)) == "2024-03-05"
    assert day(dt.datetime(2024, 3, 5, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5)))) == (
        "2024-03-05"
    )
    assert day(None) == "—"


def test_number() -> None:
    assert number(138.4) == "138"
    assert number(2.25, 1) == "2.2"
    assert number(0.0, 1) == "0.0"
    assert number(None, 1) == "—"


@given(st.floats(min_value=-1e3, max_value=1e6, allow_nan=False))
def test_clock_reads_back_as_the_rounded_seconds(seconds: float) -> None:
    text = clock(seconds)
    assert _seconds(text) == max(0, round(seconds))
    minutes_and_seconds = text.split(":")[-2:]
    assert all(len(part) == 2 for part in minutes_and_seconds[1:])
    if len(text.split(":")) == 3:
        assert len(minutes_and_seconds[0]) == 2  # h:mm:ss
        assert seconds >= 3599.5
    else:
        assert seconds < 3600


@given(st.floats(min_value=0, max_value=1e6), st.floats(min_value=0, max_value=1e6))
def test_a_later_time_never_shows_earlier(a: float, b: float) -> None:
    early, late = sorted((a, b))
    assert _seconds(clock(early)) <= _seconds(clock(late))


@given(
    st.integers(min_value=0, max_value=10**6), st.from_regex(r"[a-z][a-z -]{0,15}", fullmatch=True)
)
def test_plural_counts_then_names(n: int, noun: str) -> None:
    text = plural(n, noun)
    assert text == (f"1 {noun}" if n == 1 else f"{n} {noun}s")
    assert plural(n, noun, plural=noun) == f"{n} {noun}"  # an unchanging plural ("1 series")


@given(st.datetimes(timezones=st.none() | st.timezones()))
def test_a_date_and_time_shows_its_date(moment: dt.datetime) -> None:
    assert day(moment) == day(moment.date()) == moment.date().isoformat()


def test_display_is_pure() -> None:
    """No I/O, no clock, no adapters: only ``math`` and ``re`` at run time (``datetime`` for
    types)."""
    tree = ast.parse(Path(display.__file__).read_text(encoding="utf-8"))
    runtime: set[str] = set()
    for node in tree.body:  # module level; TYPE_CHECKING imports are inside an ``if``
        if isinstance(node, ast.Import):
            runtime.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            runtime.add(node.module)
    assert runtime <= {"__future__", "math", "re", "typing"}
    assert display.__all__ == sorted(display.__all__)
