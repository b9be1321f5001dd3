"""Property tests: no input makes a reader fail with anything but ``InputError``, and the
writable formats give their turns back after compose-then-parse."""

from __future__ import annotations

import contextlib
import json
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from twoway.errors import InputError
from twoway.formats import FORMATS, json_formats, load, parse_text, rttm, srt, text, vtt, zoom_text
from twoway.model import Turn

# Lines that steer the parsers into their less travelled branches, mixed with arbitrary text.
FRAGMENTS = [
    "WEBVTT",
    "\ufeffWEBVTT - x",
    "",
    " ",
    "1",
    "00:00:01.000 --> 00:00:02.000",
    "00:00:01,000 --> 00:00:02,000 align:start",
    "00:02.000 --> 00:01.000",
    "00:61:00.000 --> 01:00:00.000",
    "999999999999:00:00.000 --> 1:00:00.000",
    "-->",
    "NOTE something",
    "STYLE",
    "Dana: hi there",
    "Dr. Melissa Ko: yes",
    "Note: not a name",
    "<v Alex>yo</v>",
    "<v.loud >",
    "[SPEAKER_00]: a",
    "[]: b",
    "&amp;&lt;&nbsp;&bogus;",
    "<c.x><00:00:01.000>word</c>",
    "{\\an8}",
    "SPEAKER a 1 0.5 1.0 <NA> <NA> spk0 <NA> <NA>",
    "SPEAKER a 1 nan inf <NA> <NA> spk0",
    "SPEAKER a 1 1e308 1e308 <NA> <NA> x",
    "[Dana Lee] 00:00:05",
    "[00:00:05] Dana: hi",
    "(1:02) hello",
    "Dana Lee  0:05",
    "[99:99] x",
    '{"segments": [',
]

texts = st.one_of(
    st.text(),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=14).map(
        "\n".join
    ),
    st.lists(st.sampled_from(FRAGMENTS), max_size=14).map("\r\n".join),
)

LINE_PARSERS: dict[str, Callable[..., Iterator[Turn]]] = {
    "vtt": vtt.parse,
    "srt": srt.parse,
    "text": text.parse,
    "zoom-text": zoom_text.parse,
    "rttm": rttm.parse,
}


@pytest.mark.parametrize("name", sorted(LINE_PARSERS))
@given(source=texts)
def test_line_parsers_accept_or_raise_input_error(name: str, source: str) -> None:
    try:
        turns = list(LINE_PARSERS[name](source, notes=[]))
    except InputError:
        return
    for turn in turns:
        assert isinstance(turn, Turn)
        if turn.start is not None:
            assert turn.end is not None and turn.start <= turn.end


@given(source=texts, forced=st.sampled_from((None, *FORMATS)))
def test_parse_text_accepts_or_raises_input_error(source: str, forced: str | None) -> None:
    with contextlib.suppress(InputError):
        parse_text(source, format=forced)


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "segments",
                    "utterances",
                    "results",
                    "speaker",
                    "start",
                    "end",
                    "text",
                    "transcript",
                    "startTime",
                    "endTime",
                    "body",
                    "version",
                    "schema",
                    "x",
                ]
            ),
            children,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@given(document=json_values, flavor=st.sampled_from((None, *json_formats.FLAVORS)))
def test_json_readers_accept_or_raise_input_error(document: object, flavor: str | None) -> None:
    with contextlib.suppress(InputError):
        parse_text(json.dumps(document), format=flavor)


byte_inputs = st.one_of(
    st.binary(max_size=300),
    st.tuples(
        st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"]),
        texts.map(lambda s: s.encode("utf-8", "surrogatepass")),
        st.binary(max_size=4),
    ).map(b"".join),
)


@given(data=byte_inputs, suffix=st.sampled_from([".vtt", ".srt", ".txt", ".json", ".rttm", ""]))
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_load_accepts_any_bytes_or_raises_input_error(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        with contextlib.suppress(InputError):
            load(path)


# Round trips ------------------------------------------------------------------------------

name_words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéø", min_size=1, max_size=7)
names = st.lists(name_words, min_size=1, max_size=3).map(
    lambda words: " ".join(w[0].upper() + w[1:] for w in words)
)


def word_lists(alphabet: str) -> st.SearchStrategy[str]:
    return st.lists(
        st.text(alphabet=alphabet, min_size=1, max_size=8), min_size=1, max_size=10
    ).map(" ".join)


words = word_lists("abcdefghijklmnopqrstuvwxyz,.?!'&<>")
# SRT has no escapes: text that reads as a tag cannot survive, by design.
srt_words = word_lists("abcdefghijklmnopqrstuvwxyz,.?!'&>")


@st.composite
def timed_turns(
    draw: st.DrawFn, *, named: bool, text: st.SearchStrategy[str] = words
) -> list[Turn]:
    count = draw(st.integers(min_value=1, max_value=8))
    turns = []
    for _ in range(count):
        start_ms = draw(st.integers(min_value=0, max_value=10**9))
        length_ms = draw(st.integers(min_value=0, max_value=10**6))
        speaker = draw(names) if named else None
        turns.append(Turn(speaker, start_ms / 1000, (start_ms + length_ms) / 1000, draw(text)))
    return turns


def _safe_for_prefix_rule(turns: list[Turn]) -> bool:
    # Unnamed text that itself starts like "Name: " would read back as a speaker.
    return all(turn.speaker is not None or ":" not in (turn.text or "") for turn in turns)


@given(turns=st.booleans().flatmap(lambda named: timed_turns(named=named)))
def test_vtt_round_trip(turns: list[Turn]) -> None:
    assert list(vtt.parse(vtt.compose(turns))) == turns


@given(turns=st.booleans().flatmap(lambda named: timed_turns(named=named, text=srt_words)))
def test_srt_round_trip(turns: list[Turn]) -> None:
    assume(_safe_for_prefix_rule(turns) and not any("<" in (t.text or "") for t in turns))
    assert list(srt.parse(srt.compose(turns))) == turns


@given(turns=st.lists(st.builds(Turn, names, st.none(), st.none(), words), min_size=1, max_size=8))
def test_text_round_trip(turns: list[Turn]) -> None:
    assert list(text.parse(text.compose(turns))) == turns


@given(turns=timed_turns(named=True))
def test_text_round_trip_keeps_starts(turns: list[Turn]) -> None:
    parsed = list(text.parse(text.compose(turns)))
    assert [(t.speaker, t.start, t.text) for t in parsed] == [
        (t.speaker, t.start, t.text) for t in turns
    ]


@given(turns=timed_turns(named=True))
def test_zoom_text_round_trip_keeps_starts_to_the_second(turns: list[Turn]) -> None:
    parsed = list(zoom_text.parse(zoom_text.compose(turns)))
    assert [(t.speaker, t.text) for t in parsed] == [(t.speaker, t.text) for t in turns]
    # Starts of 1 h or more, all below 24 h, read as clock times counted from the first turn.
    written = [float(int(t.start or 0)) for t in turns]
    assert [t.start for t in parsed] == zoom_text.relative_starts(written, [])


rttm_turns = st.lists(
    st.tuples(
        st.one_of(st.none(), st.text(alphabet="abcxyz_0123", min_size=1, max_size=6)),
        st.floats(min_value=0, max_value=1e6),
    ).map(lambda pair: Turn(pair[0], pair[1], pair[1] + 2.5)),
    max_size=8,
)


@given(turns=rttm_turns)
def test_rttm_round_trip(turns: list[Turn]) -> None:
    parsed = list(rttm.parse(rttm.compose(turns)))
    assert [(t.speaker, t.start) for t in parsed] == [(t.speaker, t.start) for t in turns]
    for got, want in zip(parsed, turns, strict=True):
        assert got.end == pytest.approx(want.end, rel=1e-12, abs=1e-9)
