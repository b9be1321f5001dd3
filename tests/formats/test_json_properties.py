"""Property tests for the JSON readers.

For each flavor, documents built to the vendor's schema from random turns read back as exactly
those turns (or, for word-level sources, as the same words in order); and random JSON made of
the flavors' own keys never makes a reader raise anything but ``InputError``.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from twoway.errors import InputError
from twoway.formats import json_formats, parse_text
from twoway.model import Turn

# A turn as the tests build it: speaker number (or None), start and end in ms, words.
Spec = tuple[int | None, int, int, list[str]]

words = st.lists(st.text(alphabet="abcdefghij", min_size=1, max_size=6), min_size=1, max_size=5)


@st.composite
def specs(draw: st.DrawFn, *, speakers: bool = True) -> list[Spec]:
    """Turns in time order, each at least 1 ms long and 2 s after the one before."""
    out: list[Spec] = []
    at = draw(st.integers(0, 10_000))
    for _ in range(draw(st.integers(0, 6))):
        length = draw(st.integers(1, 20_000))
        speaker = draw(st.none() | st.integers(0, 3)) if speakers else None
        out.append((speaker, at, at + length, draw(words)))
        at += length + 2_000 + draw(st.integers(0, 5_000))
    return out


def _turns(spec: list[Spec], name: Callable[[int], str], scale: float = 1000.0) -> tuple[Turn, ...]:
    return tuple(
        Turn(None if s is None else name(s), a / scale, b / scale, " ".join(w))
        for s, a, b, w in spec
    )


def _read(document: object, flavor: str) -> tuple[Turn, ...]:
    return parse_text(json.dumps(document), format=flavor).turns


@given(spec=specs())
def test_assemblyai_utterances_round_trip(spec: list[Spec]) -> None:
    letters = "ABCD"
    utterances = [
        {"speaker": None if s is None else letters[s], "start": a, "end": b, "text": " ".join(w)}
        for s, a, b, w in spec
    ]
    expected = _turns(spec, lambda s: f"Speaker {letters[s]}")
    assert _read({"utterances": utterances}, "assemblyai") == expected


@given(spec=specs())
def test_deepgram_utterances_round_trip(spec: list[Spec]) -> None:
    utterances = [
        {"start": a / 1000, "end": b / 1000, "transcript": " ".join(w)}
        | ({} if s is None else {"speaker": s})
        for s, a, b, w in spec
    ]
    document = {"results": {"channels": [{"alternatives": []}], "utterances": utterances}}
    assert _read(document, "deepgram") == _turns(spec, lambda s: f"Speaker {s}")


@given(spec=specs(), flavor=st.sampled_from(["whisperx", "whisper", "openai"]))
def test_whisper_segments_round_trip(spec: list[Spec], flavor: str) -> None:
    segments = [
        {"start": a / 1000, "end": b / 1000, "text": " " + " ".join(w)}
        | ({} if s is None else {"speaker": f"SPEAKER_0{s}"})
        for s, a, b, w in spec
    ]
    assert _read({"segments": segments}, flavor) == _turns(spec, lambda s: f"SPEAKER_0{s}")


@given(spec=specs(speakers=False))
def test_whisper_cpp_round_trip(spec: list[Spec]) -> None:
    transcription = [
        {"offsets": {"from": a, "to": b}, "text": " " + " ".join(w)} for _, a, b, w in spec
    ]
    document = {"result": {"language": "en"}, "transcription": transcription}
    assert _read(document, "whisper") == _turns(spec, str)


def _spread(a: int, b: int, n: int) -> list[tuple[float, float]]:
    """``n`` words spread evenly over ``a``..``b`` ms, as (start, end) seconds."""
    step = (b - a) / n
    return [((a + i * step) / 1000, (a + (i + 1) * step) / 1000) for i in range(n)]


@given(spec=specs())
def test_rev_ai_round_trip(spec: list[Spec]) -> None:
    monologues = []
    expected = []
    for s, a, b, w in spec:
        elements: list[dict[str, object]] = []
        times = _spread(a, b, len(w))
        for i, (word, (start, end)) in enumerate(zip(w, times, strict=True)):
            if i:
                elements.append({"type": "punct", "value": " "})
            elements.append({"type": "text", "value": word, "ts": start, "end_ts": end})
        elements.append({"type": "punct", "value": "."})
        monologues.append({"speaker": s, "elements": elements})
        speaker = None if s is None else f"Speaker {s}"
        expected.append(Turn(speaker, times[0][0], times[-1][1], " ".join(w) + "."))
    assert _read({"monologues": monologues}, "rev-ai") == tuple(expected)


@given(spec=specs(speakers=False))
def test_youtube_uploaded_captions_round_trip(spec: list[Spec]) -> None:
    events: list[dict[str, object]] = [{"tStartMs": 0, "dDurationMs": 1, "id": 1}]
    events += [
        {"tStartMs": a, "dDurationMs": b - a, "segs": [{"utf8": " ".join(w)}]}
        for _, a, b, w in spec
    ]
    assert _read({"wireMagic": "pb3", "events": events}, "youtube-json3") == _turns(spec, str)


@given(spec=specs(speakers=False))
def test_youtube_auto_captions_keep_every_word_once(spec: list[Spec]) -> None:
    events: list[dict[str, object]] = []
    for _, a, b, w in spec:
        step = (b - a) // len(w) or 1
        segs = [
            {"utf8": (" " if i else "") + word} | ({"tOffsetMs": i * step} if i else {})
            for i, word in enumerate(w)
        ]
        segs[0]["tOffsetMs"] = 0
        events.append({"tStartMs": a, "dDurationMs": b - a, "wWinId": 1, "segs": segs})
        events.append({"tStartMs": b, "dDurationMs": 10, "aAppend": 1, "segs": [{"utf8": "\n"}]})
    turns = _read({"wireMagic": "pb3", "events": events}, "youtube-json3")
    said = [word for *_, w in spec for word in w]
    assert [word for t in turns for word in (t.text or "").split()] == said
    for turn in turns:
        assert turn.start is not None and turn.end is not None
        assert turn.end - turn.start <= max(b - a for _, a, b, _ in spec) / 1000 + 1.0


@given(spec=specs())
def test_deepgram_words_keep_every_word_in_order(spec: list[Spec]) -> None:
    dg_words = []
    for s, a, b, w in spec:
        for word, (start, end) in zip(w, _spread(a, b, len(w)), strict=True):
            item: dict[str, object] = {"word": word, "start": start, "end": end}
            if s is not None:
                item["speaker"] = s
            dg_words.append(item)
    document = {"results": {"channels": [{"alternatives": [{"words": dg_words}]}]}}
    turns = _read(document, "deepgram")
    assert [word for t in turns for word in (t.text or "").split()] == [
        word for *_, w in spec for word in w
    ]
    # The spec's turns are 2 s apart or more, so none of them merge: the same turns come back.
    assert turns == tuple(
        Turn(
            None if s is None else f"Speaker {s}",
            a / 1000,
            _spread(a, b, len(w))[-1][1],
            " ".join(w),
        )
        for s, a, b, w in spec
    )


KEYS = [
    # the flavors' own keys, so random documents reach deep into each reader
    *("segments", "words", "word_segments", "text", "start", "end", "speaker", "word"),
    *("transcription", "offsets", "timestamps", "from", "to", "speaker_turn_next", "type"),
    *("utterances", "paragraphs", "sentences", "status", "channel", "audio_duration"),
    *("results", "channels", "alternatives", "transcript", "punctuated_word", "is_final"),
    *("duration", "channel_index", "monologues", "elements", "value", "ts", "end_ts"),
    *("speaker_name", "events", "segs", "utf8", "tStartMs", "dDurationMs", "tOffsetMs"),
    *("wireMagic", "version", "startTime", "endTime", "body", "task"),
]
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-5, 10**20)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.sampled_from(["Results", "text", "punct", "pb3", "1", "A", "\n", "00:00:01,000"])
    | st.text(max_size=6)
)
json_documents = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(KEYS), children, max_size=6)
    ),
    max_leaves=30,
)


@given(document=json_documents, flavor=st.sampled_from((None, *json_formats.FLAVORS)))
def test_random_json_only_raises_input_error(document: object, flavor: str | None) -> None:
    with contextlib.suppress(InputError):
        turns = parse_text(json.dumps(document), format=flavor).turns
        for turn in turns:
            assert isinstance(turn, Turn)


DATA = Path(__file__).parents[1] / "data"
FIXTURES = sorted(
    path
    for folder in (
        "deepgram",
        "assemblyai",
        "whisperx",
        "whisper",
        "whisper-cpp",
        "rev-ai",
        "youtube-json3",
        "podcast-json",
    )
    for path in (DATA / folder).glob("*.json*")
)


def _paths(value: object, here: tuple[object, ...] = ()) -> Iterator[tuple[object, ...]]:
    """Every place in a document: object keys and array indexes, depth first."""
    if isinstance(value, dict):
        for key, child in value.items():
            yield (*here, key)
            yield from _paths(child, (*here, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield (*here, index)
            yield from _paths(child, (*here, index))


@st.composite
def broken_fixtures(draw: st.DrawFn) -> object:
    """A real fixture with a few values replaced by random ones, or removed."""
    path = draw(st.sampled_from(FIXTURES))
    document: object = json.loads(path.read_text(encoding="utf-8"))
    for _ in range(draw(st.integers(1, 4))):
        places = list(_paths(document))
        if not places:
            break
        *parent_keys, last = draw(st.sampled_from(places))
        parent = document
        for key in parent_keys:
            parent = parent[key]  # type: ignore[index]
        if draw(st.booleans()) and isinstance(parent, dict):
            del parent[last]
        else:
            parent[last] = draw(json_documents)  # type: ignore[index]
    return document


@given(document=broken_fixtures(), flavor=st.sampled_from((None, *json_formats.FLAVORS)))
def test_broken_fixtures_only_raise_input_error(document: object, flavor: str | None) -> None:
    with contextlib.suppress(InputError):
        for turn in parse_text(json.dumps(document), format=flavor).turns:
            assert isinstance(turn, Turn)
