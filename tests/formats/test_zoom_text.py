"""Zoom's ``[Name] hh:mm:ss`` text: the transcript export and saved captions (clock times)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from twoway.formats import load, parse_text, zoom_text
from twoway.formats.text import START_ONLY_NOTE
from twoway.model import Turn

DATA = Path(__file__).parents[1] / "data" / "zoom-text"


def estimated(speaker: str, start: float, end: float, words: str) -> Turn:
    return Turn(speaker, start, end, words, end_estimated=True)


def test_export_with_times_from_the_start_of_the_recording() -> None:
    conv = load(DATA / "zoom_text_export.txt")
    assert conv.format == "zoom-text"
    assert conv.turns == (
        # 6 words: 2.4 s.
        estimated("Dana Whitfield", 5.0, 7.4, "Thanks for making the time today."),
        # The next turn starts in the same second: the end is clamped to the start.
        estimated(
            "Alex Moreno",
            9.0,
            9.0,
            "Of course, happy to be here. I read the job description twice.",
        ),
        estimated("Dana Whitfield", 9.0, 10.0, "Great."),  # one word: the 1 s floor
        estimated("Alex Moreno", 20.0, 23.2, "Could you tell me more about the team?"),
    )
    assert conv.notes == (START_ONLY_NOTE,)


def test_saved_captions_with_clock_times_count_from_the_first_turn() -> None:
    conv = load(DATA / "zoom_saved_captions.txt")
    assert conv.turns == (
        estimated("Dana Whitfield", 0.0, 2.4, "Thanks for making the time today."),  # 19:00:40
        estimated("sam patel | Brightwell Health", 4.0, 6.4, "Of course, happy to be here."),
        estimated("Dana Whitfield", 11.0, 14.2, "Could you tell me about your last role?"),
        estimated("sam patel | Brightwell Health", 22.0, 24.0, "I led the analytics team."),
    )
    assert conv.notes == (
        "The times are clock times (the first turn at 19:00:40); they were counted from the "
        "first turn.",
        START_ONLY_NOTE,
    )


def test_a_meeting_across_midnight_moves_forward() -> None:
    conv = load(DATA / "zoom_across_midnight.txt")
    # 23:59:50, 00:00:10 (+20 s, not -24 h), 00:01:05 (+75 s).
    assert [(t.speaker, t.start, t.end) for t in conv.turns] == [
        ("Jordan Lee", 0.0, 1.6),
        ("potuz", 20.0, 22.0),
        ("Jordan Lee", 75.0, 77.0),
    ]
    assert conv.notes[0] == (
        "The times are clock times (the first turn at 23:59:50); they were counted from the "
        "first turn. The meeting passes midnight; the times after it are on the next day."
    )


def test_short_last_turn_lasts_a_second() -> None:
    assert list(zoom_text.parse("[Dana] 00:00:05\nYes.\n")) == [estimated("Dana", 5.0, 6.0, "Yes.")]


def test_names_are_whatever_is_in_the_brackets() -> None:
    conv = parse_text("[Juhitha Reddy [External]] 00:00:01\nHi.\n[potuz] 00:00:03\nHey.\n")
    assert conv.speakers == ("Juhitha Reddy [External]", "potuz")


def test_text_above_the_first_header_is_skipped_with_a_note() -> None:
    conv = parse_text("Saved captions\n[Dana] 00:00:05\nHi.\n", format="zoom-text")
    assert conv.notes[0] == "Skipped 1 line above the first '[Name] time' header."


@pytest.mark.parametrize(
    "line", ["[00:00:01] 00:00:02", "[Dana]00:00:05", "[Dana] 00:00:05 hi", "Dana 00:00:05"]
)
def test_not_headers(line: str) -> None:
    assert zoom_text.header(line) is None


def test_round_trip_of_starts() -> None:
    turns = [Turn("Dana Lee", 5.0, 8.9, "Hi there"), Turn("Alex", 9.0, 10.0, "Hello you")]
    parsed = list(zoom_text.parse(zoom_text.compose(turns)))
    assert [(t.speaker, t.start, t.text) for t in parsed] == [
        (t.speaker, t.start, t.text) for t in turns
    ]


@pytest.mark.slow
def test_a_200_kb_header_line_is_rejected_in_linear_time() -> None:
    # The old header pattern took 30 s on a 60 KB line; a generous bound here: 2 s.
    for line in ("[" + "a1:" * 70_000 + "] 00:00:01", "[" + "a" * 200_000 + " 1", "[" * 200_000):
        began = time.perf_counter()
        zoom_text.header(line)
        list(zoom_text.parse(f"[Dana] 00:00:01\n{line}\n"))
        assert time.perf_counter() - began < 2.0


@given(
    first=st.integers(min_value=3600, max_value=86_399),
    steps=st.lists(st.integers(min_value=0, max_value=3600), max_size=20),
)
def test_clock_times_become_increasing_seconds_from_zero(first: int, steps: list[int]) -> None:
    clock = [float(first)]
    for step in steps:
        clock.append(float((int(clock[-1]) + step) % 86_400))  # a wall clock wraps at midnight
    relative = zoom_text.relative_starts(clock, [])
    assert relative[0] == 0.0
    assert relative == sorted(relative)
    assert relative[-1] == sum(steps)
