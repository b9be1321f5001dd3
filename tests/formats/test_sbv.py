"""SBV (YouTube SubViewer): webvtt-py's public samples (MIT) and cases built to the layout."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from twoway.errors import FormatError
from twoway.formats import load, parse_text, sbv
from twoway.model import Turn

DATA = Path(__file__).parents[1] / "data"


def test_webvtt_py_sample_with_a_two_line_cue() -> None:
    conv = load(DATA / "sbv" / "webvtt_py_two_captions.sbv")
    assert conv.format == "sbv"
    assert conv.turns == (
        Turn(None, 0.378, 11.378, "Caption text #1"),
        Turn(None, 11.378, 12.305, "Caption text #2 (line 1) Caption text #2 (line 2)"),
    )
    assert conv.notes == ("The file does not say who spoke; speakers are unknown.",)


def test_broken_timing_line_is_an_error_at_its_line(in_repo: Path) -> None:
    with pytest.raises(FormatError) as caught:
        load("tests/data/sbv/webvtt_py_invalid_timeframe.sbv")
    assert str(caught.value) == (
        "tests/data/sbv/webvtt_py_invalid_timeframe.sbv:7: bad SBV timing "
        "'0:00:13.f89,0:00:15.489' (expected 'h:mm:ss.ttt,h:mm:ss.ttt')"
    )


def test_cue_that_ends_before_it_starts() -> None:
    with pytest.raises(FormatError) as caught:
        parse_text("0:00:01.000,0:00:02.000\nHi\n\n0:00:17.484,0:00:16.543\nBye\n")
    assert str(caught.value) == "<string>:4: cue ends (0:00:16.543) before it starts (0:00:17.484)"


def test_speakers_broadcast_markers_and_a_block_without_timing() -> None:
    text = (
        "\ufeff0:00:00.640,0:00:04.120\n>> JORDAN LEE: Thanks for joining.\nHow's your week?\n\n"
        "Caption text with no timing\n\n"
        "0:00:04.560,0:00:08.900\n>> RILEY CHEN: Busy, but good.\n\n\n"
        "1:02:03.004,1:02:05.000\n<i>Nice.</i>\n"
    )
    conv = parse_text(text)
    assert conv.format == "sbv"
    assert conv.turns == (
        Turn("JORDAN LEE", 0.64, 4.12, "Thanks for joining. How's your week?"),
        Turn("RILEY CHEN", 4.56, 8.9, "Busy, but good."),
        Turn("RILEY CHEN", 3723.004, 3725.0, "Nice."),
    )
    assert "Skipped 1 block with no timing line." in conv.notes


def test_text_without_any_timing_line_is_not_sbv() -> None:
    with pytest.raises(FormatError) as caught:
        parse_text("\nhello\nthere\n", format="sbv")
    assert str(caught.value) == (
        "<string>:2: no SBV timing line (0:00:01.000,0:00:03.000) in the file: not SBV"
    )


def test_extension_and_aliases(tmp_path: Path) -> None:
    path = tmp_path / "talk.sbv"
    path.write_text("0:00:01.000,0:00:02.000\nhello\n", encoding="utf-8")
    assert load(path).format == "sbv"
    assert parse_text("0:00:01.000,0:00:02.000\nhi\n", format="SubViewer").format == "sbv"


def test_compose() -> None:
    turns = [Turn("Dana Lee", 0.0, 1.5, "Hi there"), Turn("speaker_1", 3723.004, 3725.0, "Yo")]
    text = sbv.compose(turns)
    assert text == (
        "0:00:00.000,0:00:01.500\nDana Lee: Hi there\n\n1:02:03.004,1:02:05.000\n[speaker_1]: Yo\n"
    )
    assert list(sbv.parse(text)) == turns
    with pytest.raises(ValueError, match="timing"):
        sbv.compose([Turn("Dana", None, None, "hi")])


names = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=7), min_size=1, max_size=3
).map(lambda words: " ".join(w.capitalize() for w in words))
texts = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz,.?!'&", min_size=1, max_size=8),
    min_size=1,
    max_size=10,
).map(" ".join)


@st.composite
def timed_turns(draw: st.DrawFn) -> list[Turn]:
    named = draw(st.booleans())
    turns = []
    for _ in range(draw(st.integers(min_value=1, max_value=8))):
        start_ms = draw(st.integers(min_value=0, max_value=10**8))
        length_ms = draw(st.integers(min_value=0, max_value=10**6))
        speaker = draw(names) if named else None
        turns.append(Turn(speaker, start_ms / 1000, (start_ms + length_ms) / 1000, draw(texts)))
    return turns


@given(turns=timed_turns())
def test_compose_then_parse_gives_the_turns_back(turns: list[Turn]) -> None:
    assert list(sbv.parse(sbv.compose(turns))) == turns
