"""RTTM: timing and speakers only."""

from __future__ import annotations

from pathlib import Path

import pytest

from twoway.errors import FormatError
from twoway.formats import load, parse_text, rttm
from twoway.model import Turn

DATA = Path(__file__).parents[1] / "data"


def test_voxconverse_style_file() -> None:
    conv = load(DATA / "rttm" / "voxconverse_style.rttm")
    assert conv.format == "rttm"
    assert conv.turns == (
        Turn("spk00", 0.24, 0.24 + 3.76, None),
        Turn("spk01", 4.12, 4.12 + 10.88, None),
        Turn("spk00", 14.6, 14.6 + 2.4, None),
        Turn("spk01", 16.5, 16.5 + 0.5, None),
    )
    assert conv.notes == (
        "No words, only who spoke when: shares are by time; questions are not counted.",
    )


def test_negative_duration(in_repo: Path) -> None:
    with pytest.raises(FormatError) as caught:
        load("tests/data/rttm/negative_duration.rttm")
    assert str(caught.value) == (
        "tests/data/rttm/negative_duration.rttm:2: bad duration '-1.000000' in "
        "'SPEAKER intv01 1 4.120000 -1.000000 <NA> <NA> spk01 <NA> <NA>' "
        "(expected seconds, 0 or more)"
    )


def test_short_speaker_line() -> None:
    with pytest.raises(FormatError) as caught:
        parse_text("SPEAKER a 1 0.0 1.0 <NA> <NA> spk0\nSPEAKER a 1 0.0\n", format="rttm")
    assert str(caught.value) == (
        "<string>:2: SPEAKER line with 4 fields, expected at least 8 "
        "(SPEAKER file channel start duration <NA> <NA> name)"
    )


def test_several_recordings_and_unknown_speaker() -> None:
    notes: list[str] = []
    text = "SPEAKER a 1 0 1 <NA> <NA> <NA> <NA> <NA>\nSPEAKER b 1 2 1 <NA> <NA> spk1 <NA> <NA>\n"
    assert list(rttm.parse(text, notes=notes)) == [
        Turn(None, 0.0, 1.0, None),
        Turn("spk1", 2.0, 3.0, None),
    ]
    assert notes == ["The file holds 2 recordings (a, b); they were read as one conversation."]


def test_compose() -> None:
    assert rttm.compose([Turn("spk00", 1.5, 4.0), Turn(None, 5.0, 6.0)], file_id="x") == (
        "SPEAKER x 1 1.5 2.5 <NA> <NA> spk00 <NA> <NA>\n"
        "SPEAKER x 1 5.0 1.0 <NA> <NA> <NA> <NA> <NA>\n"
    )


def test_a_file_with_no_speaker_line_is_not_rttm(in_repo: Path) -> None:
    # A CTM (word timings) saved as .rttm now reads as CTM (content first); forced to be RTTM,
    # it is an error, not an empty conversation.
    with pytest.raises(FormatError) as caught:
        load("tests/data/rttm/ctm_not_rttm.rttm", format="rttm")
    assert str(caught.value) == (
        "tests/data/rttm/ctm_not_rttm.rttm:1: no SPEAKER line "
        "(SPEAKER file 1 start duration <NA> <NA> name ...) in the file: not RTTM"
    )
    # Comments alone are an empty file of the format, not another format.
    assert parse_text(";; no speech in this recording\n", format="rttm").turns == ()
