"""JSON transcripts from speech-to-text tools: WhisperX, AssemblyAI, Deepgram, Podcasting 2.0.

Each is parsed whole (JSON has no line structure to stream) and checked field by field, so a
malformed file gives a ``FormatError`` naming the JSON path (``segments[3].start``) instead of a
``KeyError`` from deep inside. Flavors, and how ``sniff`` tells them apart:

* ``whisperx``: ``{"segments": [{"speaker", "start", "end", "text"}]}``, seconds; ``speaker``
  may be missing where WhisperX could not assign one (that segment has no speaker);
* ``assemblyai``: ``{"utterances": [{"speaker": "A", "start", "end", "text"}]}``, milliseconds;
  speaker ``"A"`` becomes ``"Speaker A"``, as AssemblyAI shows it;
* ``deepgram``: ``{"results": {"utterances": [{"speaker": 0, "start", "end", "transcript"}]}}``,
  seconds; the integer speaker ``0`` becomes ``"Speaker 0"``;
* ``podcast-json``: ``{"version", "segments": [{"speaker", "startTime", "endTime", "body"}]}``,
  seconds, often one word per segment: consecutive segments of the same speaker less than 1.0 s
  apart (next start minus previous end) merge into one turn.

twoway's own analysis output (``"schema": "twoway.analysis/..."``) is refused by name.
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Callable, Iterator

from twoway.errors import FormatError, UnknownFormatError
from twoway.formats._speakers import plural
from twoway.model import Turn

FLAVORS = ("whisperx", "assemblyai", "deepgram", "podcast-json")
PODCAST_MERGE_GAP_S = 1.0

_JSON_TYPES = {
    dict: "an object",
    list: "an array",
    str: "a string",
    bool: "true/false",
    int: "a number",
    float: "a number",
    type(None): "null",
}


def load_json(text: str, path: str) -> object:
    """The parsed document; ``FormatError`` at the line ``json`` reports for invalid JSON."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError(
            f"invalid JSON: {exc.msg} (column {exc.colno})", path=path, line=exc.lineno
        ) from exc
    except RecursionError as exc:
        raise FormatError("invalid JSON: nested too deeply", path=path) from exc


def refuse_twoway_output(data: object, path: str) -> None:
    """Raise ``UnknownFormatError`` for twoway's own analysis JSON, fed back by mistake."""
    if isinstance(data, dict):
        schema = data.get("schema")
        if isinstance(schema, str) and schema.startswith("twoway."):
            raise UnknownFormatError(
                f"this is a twoway analysis output (schema {schema!r}), not a transcript; "
                "give twoway the transcript it was made from",
                path=path,
            )


def sniff(data: object) -> str | None:
    """The flavor of a parsed JSON document, or ``None`` when it is none of them."""
    if not isinstance(data, dict):
        return None
    if "utterances" in data:
        return "assemblyai"
    if isinstance(data.get("results"), dict):
        return "deepgram"
    segments = data.get("segments")
    if isinstance(segments, list):
        first = segments[0] if segments else {}
        if "version" in data or (
            isinstance(first, dict) and ("startTime" in first or "body" in first)
        ):
            return "podcast-json"
        return "whisperx"
    return None


def parse(
    source: str | object,
    *,
    flavor: str | None = None,
    path: str = "<string>",
    notes: list[str] | None = None,
) -> Iterator[Turn]:
    """Turns from JSON text (or an already parsed document) of ``flavor``, sniffed if ``None``."""
    data = load_json(source, path) if isinstance(source, str) else source
    refuse_twoway_output(data, path)
    if flavor is None:
        flavor = sniff(data)
        if flavor is None:
            raise UnknownFormatError(
                "JSON, but not a transcript twoway knows (expected WhisperX 'segments', "
                "AssemblyAI 'utterances', Deepgram 'results' or Podcasting 2.0 'segments')",
                path=path,
            )
    return _READERS[flavor](data, path, notes if notes is not None else [])


# Typed access with JSON paths in the errors --------------------------------------------------


def _fail(where: str, problem: str, path: str) -> FormatError:
    return FormatError(f"{where} {problem}", path=path)


def _object(value: object, where: str, path: str) -> dict[str, object]:
    if not isinstance(value, dict):
        raise _fail(where, f"should be an object, not {_JSON_TYPES.get(type(value), 'that')}", path)
    return value


def _array(obj: dict[str, object], key: str, where: str, path: str) -> list[object]:
    value = obj.get(key)
    here = f"{where}.{key}" if where else key
    if key not in obj:
        raise _fail(here, "is missing", path)
    if not isinstance(value, list):
        raise _fail(here, f"should be an array, not {_JSON_TYPES.get(type(value), 'that')}", path)
    return value


def _seconds(obj: dict[str, object], key: str, where: str, path: str, scale: float = 1.0) -> float:
    here = f"{where}.{key}"
    if key not in obj:
        raise _fail(here, "is missing", path)
    value = obj[key]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _fail(here, f"should be a number, not {_JSON_TYPES.get(type(value), 'that')}", path)
    try:
        seconds = float(value) / scale
    except OverflowError:
        seconds = math.inf
    if not math.isfinite(seconds) or seconds < 0:
        raise _fail(here, f"should be a time of 0 or more seconds, not {value!r}", path)
    return seconds


def _text(obj: dict[str, object], key: str, where: str, path: str) -> str:
    value = obj.get(key, "")
    if not isinstance(value, str):
        raise _fail(
            f"{where}.{key}",
            f"should be a string, not {_JSON_TYPES.get(type(value), 'that')}",
            path,
        )
    return value.strip()


def _speaker(obj: dict[str, object], where: str, path: str, prefix: str = "") -> str | None:
    value = obj.get("speaker")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise _fail(
            f"{where}.speaker",
            f"should be a string or a number, not {_JSON_TYPES.get(type(value), 'that')}",
            path,
        )
    name = str(value).strip()
    if not name:
        return None
    return sys.intern(
        f"{prefix}{name}" if prefix and (isinstance(value, int) or len(name) <= 2) else name
    )


def _timed(
    obj: dict[str, object], where: str, path: str, keys: tuple[str, str], scale: float = 1.0
) -> tuple[float, float]:
    start = _seconds(obj, keys[0], where, path, scale)
    end = _seconds(obj, keys[1], where, path, scale)
    if end < start:
        raise _fail(where, f"ends ({end:g} s) before it starts ({start:g} s)", path)
    return start, end


# The flavors -------------------------------------------------------------------------------


def parse_whisperx(data: object, path: str, notes: list[str]) -> Iterator[Turn]:
    """WhisperX ``segments`` (seconds); a segment without ``speaker`` has no speaker."""
    segments = _array(_object(data, "the document", path), "segments", "", path)
    unassigned = 0
    for i, item in enumerate(segments):
        where = f"segments[{i}]"
        segment = _object(item, where, path)
        start, end = _timed(segment, where, path, ("start", "end"))
        speaker = _speaker(segment, where, path)
        unassigned += speaker is None
        yield Turn(speaker, start, end, _text(segment, "text", where, path))
    if 0 < unassigned < len(segments):
        has = "has" if unassigned == 1 else "have"
        notes.append(
            f"{unassigned} of {len(segments)} segments {has} no speaker "
            "(WhisperX could not assign one); they count for nobody."
        )


def parse_assemblyai(data: object, path: str, notes: list[str]) -> Iterator[Turn]:
    """AssemblyAI ``utterances`` (milliseconds); speaker ``A`` is named ``Speaker A``."""
    document = _object(data, "the document", path)
    if document.get("utterances") is None and "utterances" in document:
        raise _fail("utterances", "is null: the transcript was made without speaker_labels", path)
    for i, item in enumerate(_array(document, "utterances", "", path)):
        where = f"utterances[{i}]"
        utterance = _object(item, where, path)
        start, end = _timed(utterance, where, path, ("start", "end"), scale=1000.0)
        speaker = _speaker(utterance, where, path, prefix="Speaker ")
        yield Turn(speaker, start, end, _text(utterance, "text", where, path))


def parse_deepgram(data: object, path: str, notes: list[str]) -> Iterator[Turn]:
    """Deepgram ``results.utterances`` (seconds); speaker ``0`` is named ``Speaker 0``."""
    document = _object(data, "the document", path)
    if "results" not in document:
        raise _fail("results", "is missing", path)
    results = _object(document["results"], "results", path)
    if "utterances" not in results:
        raise _fail(
            "results.utterances", "is missing: request the transcript with utterances=true", path
        )
    for i, item in enumerate(_array(results, "utterances", "results", path)):
        where = f"results.utterances[{i}]"
        utterance = _object(item, where, path)
        start, end = _timed(utterance, where, path, ("start", "end"))
        speaker = _speaker(utterance, where, path, prefix="Speaker ")
        yield Turn(speaker, start, end, _text(utterance, "transcript", where, path))


def parse_podcast(data: object, path: str, notes: list[str]) -> Iterator[Turn]:
    """Podcasting 2.0 ``segments``, merging a speaker's words less than 1 s apart into a turn."""
    segments = _array(_object(data, "the document", path), "segments", "", path)
    speaker: str | None = None
    start = end = 0.0
    words: list[str] = []
    turns = 0
    for i, item in enumerate(segments):
        where = f"segments[{i}]"
        segment = _object(item, where, path)
        seg_start, seg_end = _timed(segment, where, path, ("startTime", "endTime"))
        seg_speaker = _speaker(segment, where, path)
        body = _text(segment, "body", where, path)
        if words and seg_speaker == speaker and seg_start - end < PODCAST_MERGE_GAP_S:
            end = max(end, seg_end)
            words.append(body)
            continue
        if words:
            turns += 1
            yield Turn(speaker, start, end, " ".join(w for w in words if w))
        speaker, start, end, words = seg_speaker, seg_start, seg_end, [body]
    if words:
        turns += 1
        yield Turn(speaker, start, end, " ".join(w for w in words if w))
    if turns < len(segments):
        notes.append(
            f"Merged {len(segments)} segments into {plural(turns, 'turn')} "
            f"(same speaker, less than {PODCAST_MERGE_GAP_S:g} s apart)."
        )


_READERS: dict[str, Callable[[object, str, list[str]], Iterator[Turn]]] = {
    "whisperx": parse_whisperx,
    "assemblyai": parse_assemblyai,
    "deepgram": parse_deepgram,
    "podcast-json": parse_podcast,
}
