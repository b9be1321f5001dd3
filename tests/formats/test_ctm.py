"""CTM word timings: channels and speakers, alternations, several recordings, errors."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from twoway.errors import FormatError
from twoway.formats import ctm, load, parse_text
from twoway.formats._registry import sniff
from twoway.model import Turn

DATA = Path(__file__).parents[1] / "data" / "ctm"


def test_nist_two_channels_are_two_speakers() -> None:
    conv = load(DATA / "sctk_tima_hyp_excerpt.ctm")
    assert conv.format == "ctm"
    assert conv.turns == (
        Turn("Channel A", 0.25, 2.24, "OKAY WELL WHAT DO YOU THINK ABOUT IT"),
        # "5.97 -0.02 AND" is the span 5.95-5.97, before THAT'S at 5.95
        Turn("Channel B", 2.54, 3.97, "UH UM WELL"),  # then a 0.94 s pause
        Turn("Channel B", 4.91, 7.34, "IMMIGRATION AND THAT'S ANOTHER REALLY STRICT"),
        Turn("Channel A", 19.51, 19.8, "UH-HUH"),
        # (IT) is sclite's optionally deletable word
        Turn("Channel A", 22.63, 23.31, "IT SAYS YEAH"),
    )
    assert conv.notes == ()


def test_alternation_keeps_the_first_alternative() -> None:
    conv = load(DATA / "sctk_lvc_alternation_excerpt.ctm")
    assert conv.turns == (Turn(None, 75.24, 76.98, "THAT YOU NEED TO DO IT HOME"),)
    assert conv.notes == ("The file does not say who spoke; speakers are unknown.",)


def test_rt_speaker_and_type_fields() -> None:
    conv = load(DATA / "nist_rt_types_speakers.ctm")
    assert conv.turns == (
        Turn("AIT_20061020B_A_1", 12.81, 13.67, "PUSHING AND I"),  # the non-lex {breath} is no word
        Turn("AIT_20061020B_A_2", 13.67, 14.55, "DON'T KNOW"),
    )


def test_several_recordings_read_the_first() -> None:
    conv = load(DATA / "kaldi_two_recordings.ctm")
    assert conv.turns == (Turn(None, 0.0, 1.31, "so tell me more"),)
    assert conv.notes[0] == (
        "The file holds 3 recordings; only the first, interview_01, was read "
        "(not interview_02, interview_03)."
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "a 1 0.0 0.5 hi\na 1 0.5\n",
            "x.ctm:2: CTM line with 3 fields, expected at least 5 "
            "(file channel start duration word)",
        ),
        (
            "a 1 0.0 0.5 hi\na 1 x 0.5 there\n",
            "x.ctm:2: bad start 'x' in 'a 1 x 0.5 there' (expected seconds, 0 or more)",
        ),
        (
            "a 1 -1.0 0.5 hi\n",
            "x.ctm:1: bad start '-1.0' in 'a 1 -1.0 0.5 hi' (expected seconds, 0 or more)",
        ),
        ("a 1 1.0 nan hi\n", "x.ctm:1: bad duration 'nan' in 'a 1 1.0 nan hi' (expected seconds)"),
    ],
)
def test_errors(text: str, message: str) -> None:
    with pytest.raises(FormatError) as caught:
        parse_text(text, format="ctm", path="x.ctm")
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("head", "path", "expected"),
    [
        (";; comment\n7654 A 11.34 0.2 YES -6.763\n7654 A 12.00 0.34 YOU\n", "x", "ctm"),
        ("utt1 1 0.00 0.32 so\n", "x.txt", "ctm"),
        ("AIT 1 1.260 0.24 IT 0.98 lex AIT_1\n", "x", "ctm"),
        ("anything\n", "x.ctm", "ctm"),
        # not CTM: RTTM, a line of prose with two numbers
        ("SPEAKER f 1 0.5 1.0 <NA> <NA> spk0\n", "x", "rttm"),
        ("I have 2 3 cats and dogs\n", "x.txt", "text"),
    ],
)
def test_sniffing(head: str, path: str, expected: str) -> None:
    assert sniff(head, path) == expected


# Properties: words written as CTM come back, grouped by channel.


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["A", "B"]),
            st.integers(0, 10**6),
            st.integers(0, 300),
            st.from_regex(r"[a-z']{1,8}", fullmatch=True),
        ),
        min_size=1,
        max_size=20,
    )
)
def test_words_come_back(words: list[tuple[str, int, int, str]]) -> None:
    text = "".join(
        f"rec {channel} {start / 100:.2f} {length / 100:.2f} {word} 0.9\n"
        for channel, start, length, word in words
    )
    turns = list(ctm.parse(text))
    channels = {channel for channel, *_ in words}
    got = sorted((turn.speaker, word) for turn in turns for word in (turn.text or "").split())
    expected = sorted(
        (f"Channel {channel}" if len(channels) > 1 else None, word) for channel, _, _, word in words
    )
    assert got == expected
    assert all(turn.start is not None and turn.end is not None for turn in turns)


@given(st.text(max_size=300))
def test_random_text_raises_only_format_error(text: str) -> None:
    with contextlib.suppress(FormatError):
        list(ctm.parse(text))
