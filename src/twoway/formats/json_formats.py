"""JSON transcripts from speech-to-text tools, and the one entry point for every JSON flavor.

Each document is parsed whole (JSON has no line structure to stream) and checked field by field,
so a malformed file gives a ``FormatError`` naming the JSON path (``segments[3].start``) instead
of a ``KeyError`` from deep inside. ``sniff`` tells the flavors apart by their keys; the cloud
vendors' layouts (AWS, Google, Azure, Speechmatics, IBM Watson) live in ``cloud_json``, which
``sniff`` and ``parse`` consult after this module's own flavors. The flavors read here:

* ``whisperx``: ``{"segments": [{"start", "end", "text", "speaker"?, "words"?}],
  "word_segments"?}``; a segment without ``speaker`` has no speaker. When no segment has a
  speaker but the words do, the turns are built from the words;
* ``whisper``: openai-whisper and whisper-timestamped (``{"text", "segments", "language"}``),
  OpenAI's ``verbose_json`` (``{"task", "duration", "text", "segments"?, "words"?}``) and
  whisper.cpp's ``-oj``/``-ojf`` output (``{"transcription": [{"offsets": {"from", "to"}}]}``,
  milliseconds, with ``speaker`` from ``--diarize`` or tinydiarize's ``speaker_turn_next``);
* ``openai``: OpenAI's ``diarized_json`` (``segments[{"type": "transcript.text.segment",
  "speaker": "A"}]``); speaker ``"A"`` becomes ``"Speaker A"``;
* ``assemblyai``: ``utterances`` (milliseconds, speaker ``"A"`` becomes ``"Speaker A"``), or,
  without them, the ``/paragraphs`` and ``/sentences`` responses, or the ``words``;
* ``deepgram``: ``results.utterances``, or, without them, each channel's paragraphs or words
  (``speaker`` ``0`` becomes ``"Speaker 0"``, a channel without speakers ``"Channel 1"``); one
  streaming ``Results`` message, or an array of them (only ``is_final`` ones count), read from
  their words;
* ``rev-ai``: ``monologues[{"speaker", "speaker_name"?, "elements": [{"type", "value", "ts",
  "end_ts"}]}]``; speaker ``0`` becomes ``"Speaker 0"`` unless it has a name;
* ``youtube-json3``: YouTube's timed text (``events[{"tStartMs", "dDurationMs", "segs":
  [{"utf8", "tOffsetMs"?}]}]``); auto-captions with word offsets are read word by word;
* ``podcast-json``: ``{"version", "segments": [{"speaker", "startTime", "endTime", "body"}]}``,
  often one word per segment: consecutive segments of the same speaker less than 1.0 s apart
  (next start minus previous end) merge into one turn.

Turns built from words follow ``words.turns_from_words``: a new turn at each change of speaker
or pause longer than ``words.PAUSE_S``. twoway's own analysis output (``"schema":
"twoway.analysis/..."``) is refused by name.
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Callable, Iterator

from twoway.display import plural
from twoway.errors import FormatError, UnknownFormatError, UsageError
from twoway.formats._speakers import CueSpeakers
from twoway.formats._timestamps import parse_clock
from twoway.formats.words import WORDS_NOTE, Word, turns_from_words
from twoway.model import Turn

FLAVORS = (
    "whisperx",
    "whisper",
    "openai",
    "assemblyai",
    "deepgram",
    "rev-ai",
    "youtube-json3",
    "podcast-json",
)
DESCRIPTIONS = {
    "whisperx": "WhisperX JSON",
    "whisper": "Whisper JSON: openai-whisper, whisper.cpp, OpenAI API",
    "openai": "OpenAI diarized_json",
    "assemblyai": "AssemblyAI JSON",
    "deepgram": "Deepgram JSON",
    "rev-ai": "Rev.ai JSON",
    "youtube-json3": "YouTube json3 captions",
    "podcast-json": "Podcasting 2.0 JSON",
}
PODCAST_MERGE_GAP_S = 1.0
# YouTube gives when each auto-caption word starts, not when it ends.
JSON3_WORD_MAX_S = 1.0

# Sniffing looks at this many items of a list: enough to see a key that some items lack.
_SNIFF_ITEMS = 20

_JSON_TYPES = {
    dict: "an object",
    list: "an array",
    str: "a string",
    bool: "true/false",
    int: "a number",
    float: "a number",
    type(None): "null",
}

Reader = Callable[[object, str, list[str]], Iterator[Turn]]
Obj = dict[str, object]


def load_json(text: str, path: str) -> object:
    """The parsed document; ``FormatError`` at the line ``json`` reports for invalid JSON."""
    try:
        return json.loads(text, parse_int=_parse_int)
    except _HugeNumberError as exc:
        raise FormatError(
            f"invalid JSON: a number with {exc.digits:,} digits (no transcript has one)", path=path
        ) from exc
    except json.JSONDecodeError as exc:
        raise FormatError(
            f"invalid JSON: {exc.msg} (column {exc.colno})", path=path, line=exc.lineno
        ) from exc
    except RecursionError as exc:
        raise FormatError("invalid JSON: nested too deeply", path=path) from exc


class _HugeNumberError(ValueError):
    def __init__(self, digits: int) -> None:
        super().__init__(digits)
        self.digits = digits


def _parse_int(text: str) -> int:
    # Python refuses to convert integers of over 4,300 digits (a ValueError from deep inside
    # json); nothing in a transcript needs more than a few dozen.
    if len(text) > 100:
        raise _HugeNumberError(len(text))
    return int(text)


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


def unknown_json(path: str) -> UnknownFormatError:
    """The error for JSON that is no flavor twoway reads, naming the tools whose JSON it reads."""
    from twoway.formats import cloud_json  # only when a JSON file is being read

    known = {**DESCRIPTIONS, **cloud_json.DESCRIPTIONS}
    return UnknownFormatError(
        "JSON, but not a transcript format twoway knows; the JSON it reads: "
        + ", ".join(f"{name} ({what})" for name, what in known.items()),
        path=path,
    )


def sniff(data: object) -> str | None:
    """The flavor of a parsed JSON document (an object or an array), or ``None``."""
    own = _sniff_own(data)
    if own is not None:
        return own
    from twoway.formats import cloud_json

    return cloud_json.sniff(data)


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
    notes = notes if notes is not None else []
    if flavor is None:
        flavor = sniff(data)
        if flavor is None:
            raise unknown_json(path)
    reader = _READERS.get(flavor)
    if reader is not None:
        return reader(data, path, notes)
    from twoway.formats import cloud_json

    if flavor in cloud_json.FLAVORS:
        return cloud_json.parse(data, flavor=flavor, path=path, notes=notes)
    raise UsageError(
        f"unknown JSON flavor {flavor!r}: choose one of {', '.join(FLAVORS + cloud_json.FLAVORS)}"
    )


def _sniff_own(data: object) -> str | None:
    if isinstance(data, list):
        head = data[:_SNIFF_ITEMS]
        return "deepgram" if any(_is_deepgram_message(item) for item in head) else None
    if not isinstance(data, dict):
        return None
    results = data.get("results")
    if isinstance(results, dict) and ("channels" in results or "utterances" in results):
        return "deepgram"
    if _is_deepgram_message(data):
        return "deepgram"
    if "utterances" in data:
        return "assemblyai"
    for key in ("paragraphs", "sentences"):
        if isinstance(data.get(key), list) and ("audio_duration" in data or "id" in data):
            return "assemblyai"
    words = data.get("words")
    first_word = _first_object(words)
    aai_keys = "audio_duration" in data or "status" in data
    if first_word is not None and "text" in first_word and "word" not in first_word and aai_keys:
        return "assemblyai"
    if isinstance(data.get("monologues"), list):
        return "rev-ai"
    events = data.get("events")
    if isinstance(events, list) and (
        data.get("wireMagic") == "pb3"
        or any(isinstance(event, dict) and "tStartMs" in event for event in events[:_SNIFF_ITEMS])
    ):
        return "youtube-json3"
    if isinstance(data.get("transcription"), list):
        return "whisper"  # whisper.cpp
    segments = data.get("segments")
    if isinstance(segments, list):
        return _sniff_segments(data, segments)
    if first_word is not None and "word" in first_word and ("task" in data or "duration" in data):
        return "whisper"  # OpenAI verbose_json with word timestamps only
    return None


def _sniff_segments(data: Obj, segments: list[object]) -> str:
    head = [item for item in segments[:_SNIFF_ITEMS] if isinstance(item, dict)]
    first = head[0] if head else {}
    if "version" in data or "startTime" in first or "body" in first:
        return "podcast-json"
    if any(item.get("type") == "transcript.text.segment" for item in head):
        return "openai"
    if "word_segments" not in data and (isinstance(data.get("text"), str) or "task" in data):
        return "whisper"
    return "whisperx"


def _first_object(value: object) -> Obj | None:
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return value[0]
    return None


def _is_deepgram_message(item: object) -> bool:
    """A Deepgram streaming ``Results`` message (other message types do not count)."""
    if not isinstance(item, dict):
        return False
    return item.get("type") == "Results" or (
        "channel" in item and "is_final" in item and "type" not in item
    )


# Typed access with JSON paths in the errors --------------------------------------------------


def _fail(where: str, problem: str, path: str) -> FormatError:
    return FormatError(f"{where} {problem}", path=path)


def _at(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def json_kind(value: object) -> str:
    """How an error names a JSON value's type: "an object", "a string", "null"."""
    return _JSON_TYPES.get(type(value), "that")


def _object(value: object, where: str, path: str) -> Obj:
    if not isinstance(value, dict):
        raise _fail(where, f"should be an object, not {json_kind(value)}", path)
    return value


def _array(obj: Obj, key: str, where: str, path: str) -> list[object]:
    here = _at(where, key)
    if key not in obj:
        raise _fail(here, "is missing", path)
    value = obj[key]
    if not isinstance(value, list):
        raise _fail(here, f"should be an array, not {json_kind(value)}", path)
    return value


def _optional_array(obj: Obj, key: str, where: str, path: str) -> list[object] | None:
    """``obj[key]`` as a list; ``None`` when it is missing or null."""
    if obj.get(key) is None:
        return None
    return _array(obj, key, where, path)


def _number(obj: Obj, key: str, where: str, path: str) -> float:
    """A finite number of 0 or more, in the file's own unit."""
    here = _at(where, key)
    if key not in obj:
        raise _fail(here, "is missing", path)
    value = obj[key]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _fail(here, f"should be a number, not {json_kind(value)}", path)
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number) or number < 0:
        raise _fail(here, f"should be a time of 0 or more seconds, not {value!r}", path)
    return number


def _seconds(obj: Obj, key: str, where: str, path: str, scale: float = 1.0) -> float:
    return _number(obj, key, where, path) / scale


def _text(obj: Obj, key: str, where: str, path: str) -> str:
    return _raw_text(obj, key, where, path).strip()


def _raw_text(obj: Obj, key: str, where: str, path: str) -> str:
    value = obj.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _fail(_at(where, key), f"should be a string, not {json_kind(value)}", path)
    return value


def _word_text(obj: Obj, keys: tuple[str, ...], where: str, path: str) -> str:
    """The first of ``keys`` that the word has (``punctuated_word`` before ``word``)."""
    for key in keys:
        if obj.get(key) is not None:
            return _text(obj, key, where, path)
    return ""


def _is_label(name: str) -> bool:
    """A generated label (``A``, ``1A``, ``2``) rather than a name (``Al``, ``Dana``)."""
    return name.isdigit() or (len(name) <= 2 and name.isupper())


def _speaker(
    obj: Obj, where: str, path: str, *, letters: bool = False, key: str = "speaker"
) -> str | None:
    """``obj[key]`` as a speaker: an integer ``0`` is ``"Speaker 0"``; with ``letters``, so is
    a short label such as ``"A"``; any other string is kept as written."""
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise _fail(
            _at(where, key), f"should be a string or a number, not {json_kind(value)}", path
        )
    name = str(value).strip()
    if not name:
        return None
    if isinstance(value, int) or (letters and _is_label(name)):
        name = f"Speaker {name}"
    return sys.intern(name)


def _timed(
    obj: Obj, where: str, path: str, keys: tuple[str, str] = ("start", "end"), scale: float = 1.0
) -> tuple[float, float]:
    start = _seconds(obj, keys[0], where, path, scale)
    end = _seconds(obj, keys[1], where, path, scale)
    if end < start:
        raise _fail(where, f"ends ({end:g} s) before it starts ({start:g} s)", path)
    return start, end


def _maybe_timed(
    obj: Obj, where: str, path: str, scale: float = 1.0
) -> tuple[float | None, float | None]:
    """Start and end, or ``(None, None)`` for a word the aligner could not place."""
    if obj.get("start") is None or obj.get("end") is None:
        return None, None
    return _timed(obj, where, path, scale=scale)


def _channel(obj: Obj, where: str, path: str) -> int | None:
    """A channel number (``0`` or ``"1"``), or ``None``."""
    value = obj.get("channel")
    if value is None:
        return None
    if isinstance(value, str) and _digits(value):
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    raise _fail(_at(where, "channel"), f"should be a channel number, not {value!r}", path)


def _digits(text: str) -> bool:
    """A short string of decimal digits (``"12"``; not ``"²"``, not 5,000 digits)."""
    text = text.strip()
    return 0 < len(text) <= 15 and text.isdecimal()


def _word_turns(words: Iterator[Word], notes: list[str]) -> Iterator[Turn]:
    """``turns_from_words``, with a note saying so once there is a turn."""
    for turn in turns_from_words(words):
        if WORDS_NOTE not in notes:
            notes.append(WORDS_NOTE)
        yield turn


# Whisper, WhisperX, OpenAI -------------------------------------------------------------------


def parse_whisperx(data: object, path: str, notes: list[str]) -> Iterator[Turn]:
    """WhisperX ``segments`` (seconds); a segment without ``speaker`` has no speaker."""
    return _segments(data, path, notes, tool="whisperx")


def parse_whisper(data: object, path: str, notes: list[str]) -> Iterator[Turn]:
    """openai-whisper, whisper-timestamped, OpenAI ``verbose_json`` or whisper.cpp JSON."""
    document = _object(data, "the document", path)
    if "segments" not in document and "transcription" in document:
        return _whisper_cpp(document, path, notes)
    return _segments(document, path, notes, tool="whisper")


def parse_openai(data: object, path: str, notes: list[str]) -> Iterator[Turn]:
    """OpenAI ``diarized_json``: segments with speakers ``"A"``, ``"B"``... or known names."""
    return _segments(data, path, notes, tool="openai")


def _segments(data: object, path: str, notes: list[str], *, tool: str) -> Iterator[Turn]:
    document = _object(data, "the document", path)
    if "segments" not in document and isinstance(document.get("words"), list):
        # verbose_json asked for word timestamps only
        words = _array(document, "words", "", path)
        yield from _word_turns(_whisper_words(words, "words", path), notes)
        return
    segments = _array(document, "segments", "", path)
    # Pipelines that add a diarizer to Whisper name the key their own way.
    key = next(
        (k for k in _SEGMENT_SPEAKER_KEYS if _segments_have_speakers(segments, k)), "speaker"
    )
    if not _segments_have_speakers(segments, key) and _segment_words_have_speakers(segments):
        notes.append("The segments do not say who spoke; the words do.")
        yield from _word_turns(_all_segment_words(segments, path), notes)
        return
    unassigned = 0
    for i, item in enumerate(segments):
        where = f"segments[{i}]"
        segment = _object(item, where, path)
        start, end = _timed(segment, where, path)
        speaker = _speaker(segment, where, path, letters=tool == "openai", key=key)
        unassigned += speaker is None
        yield Turn(speaker, start, end, _text(segment, "text", where, path))
    if tool == "whisperx" and 0 < unassigned < len(segments):
        has = "has" if unassigned == 1 else "have"
        notes.append(
            f"{unassigned} of {len(segments)} segments {has} no speaker "
            "(WhisperX could not assign one); they count for nobody."
        )


_SEGMENT_SPEAKER_KEYS = ("speaker", "speaker_id", "speaker_label", "speakerLabel", "spk")


def _segments_have_speakers(segments: list[object], key: str = "speaker") -> bool:
    return any(isinstance(s, dict) and s.get(key) is not None for s in segments)


def _segment_words_have_speakers(segments: list[object]) -> bool:
    for segment in segments:
        words = segment.get("words") if isinstance(segment, dict) else None
        if isinstance(words, list) and any(
            isinstance(w, dict) and w.get("speaker") is not None for w in words
        ):
            return True
    return False


def _all_segment_words(segments: list[object], path: str) -> Iterator[Word]:
    for i, item in enumerate(segments):
        where = f"segments[{i}]"
        words = _optional_array(_object(item, where, path), "words", where, path) or []
        yield from _whisper_words(words, f"{where}.words", path)


def _whisper_words(words: list[object], where: str, path: str) -> Iterator[Word]:
    """Whisper-family words: ``word`` (WhisperX, OpenAI) or ``text`` (whisper-timestamped)."""
    for i, item in enumerate(words):
        here = f"{where}[{i}]"
        word = _object(item, here, path)
        start, end = _maybe_timed(word, here, path)
        text = _word_text(word, ("word", "text"), here, path)
        yield Word(_speaker(word, here, path), start, end, text)


def _whisper_cpp(document: Obj, path: str, notes: list[str]) -> Iterator[Turn]:
    """whisper.cpp ``-oj``/``-ojf``: ``transcription[].offsets`` in milliseconds.

    ``--diarize`` (stereo input) adds ``speaker`` ``"0"``/``"1"``, or ``"?"`` when unsure;
    tinydiarize adds ``speaker_turn_next`` (the next segment is someone else, who is not said):
    segments between two such marks are one turn of an unknown speaker.
    """
    segments = _array(document, "transcription", "", path)
    tiny = any(isinstance(s, dict) and "speaker_turn_next" in s for s in segments)
    blank = changes = 0
    held: list[tuple[float, float, str]] = []
    for i, item in enumerate(segments):
        where = f"transcription[{i}]"
        segment = _object(item, where, path)
        start, end = _cpp_times(segment, where, path)
        text = _text(segment, "text", where, path)
        if text == "[BLANK_AUDIO]":
            blank += 1
        elif not tiny:
            speaker = _speaker(segment, where, path, letters=True)
            yield Turn(None if speaker == "?" else speaker, start, end, text)
        else:
            held.append((start, end, text))
        if tiny and held and segment.get("speaker_turn_next") is True:
            changes += 1
            yield _merged(held)
            held = []
    if held:
        yield _merged(held)
    if blank:
        notes.append(f"Skipped {plural(blank, 'segment')} of [BLANK_AUDIO] (no speech).")
    if tiny:
        notes.append(
            f"whisper.cpp (tinydiarize) marked {plural(changes, 'change')} of speaker but not "
            "who spoke; the turns between the marks have unknown speakers."
        )


def _cpp_times(segment: Obj, where: str, path: str) -> tuple[float, float]:
    offsets = segment.get("offsets")
    if offsets is not None:
        return _timed(
            _object(offsets, f"{where}.offsets", path),
            f"{where}.offsets",
            path,
            ("from", "to"),
            1000.0,
        )
    here = f"{where}.timestamps"
    stamps = _object(segment.get("timestamps"), here, path)
    times = []
    for key in ("from", "to"):
        clock = _raw_text(stamps, key, here, path)
        seconds = parse_clock(clock)
        if seconds is None:
            raise _fail(f"{here}.{key}", f"should be a time like 00:00:01,000, not {clock!r}", path)
        times.append(seconds)
    if times[1] < times[0]:
        raise _fail(where, f"ends ({times[1]:g} s) before it starts ({times[0]:g} s)", path)
    return times[0], times[1]


def _merged(pieces: list[tuple[float, float, str]]) -> Turn:
    text = " ".join(text for _, _, text in pieces if text)
    return Turn(None, pieces[0][0], max(end for _, end, _ in pieces), text)


# AssemblyAI ----------------------------------------------------------------------------------


def parse_assemblyai(data: object, path: str, notes: list[str]) -> Iterator[Turn]:
    """AssemblyAI ``utterances``, else ``paragraphs``/``sentences``, else ``words`` (ms)."""
    document = _object(data, "the document", path)
    _assemblyai_status(document, path)
    utterances = _optional_array(document, "utterances", "", path)
    if utterances:
        for i, item in enumerate(utterances):
            where = f"utterances[{i}]"
            utterance = _object(item, where, path)
            start, end = _timed(utterance, where, path, scale=1000.0)
            speaker = _assemblyai_speaker(utterance, where, path)
            yield Turn(speaker, start, end, _text(utterance, "text", where, path))
        return
    for key in ("paragraphs", "sentences"):
        blocks = _optional_array(document, key, "", path)
        if blocks is not None:
            yield from _assemblyai_blocks(blocks, key, path)
            return
    words = _optional_array(document, "words", "", path)
    if words is None:
        if utterances is not None:
            return  # "utterances": [] - nothing was said
        raise _fail("the document", "has no utterances, paragraphs, sentences or words", path)
    yield from _word_turns(_assemblyai_words(words, "words", path), notes)


def _assemblyai_status(document: Obj, path: str) -> None:
    status = document.get("status")
    if status in ("queued", "processing"):
        raise _fail(
            "status", f"is {status!r}: AssemblyAI has not finished this transcript yet", path
        )
    if status == "error":
        error = document.get("error")
        why = f" ({error})" if isinstance(error, str) and error else ""
        raise _fail("status", f"is 'error': AssemblyAI could not transcribe the audio{why}", path)


def _assemblyai_speaker(obj: Obj, where: str, path: str) -> str | None:
    """``"A"`` is ``"Speaker A"``; in multichannel files the speaker is the channel (``"1"``)."""
    channel = _channel(obj, where, path)
    speaker = _speaker(obj, where, path, letters=True)
    if channel is not None and speaker in (f"Speaker {channel}", None):
        return sys.intern(f"Channel {channel}")
    return speaker


def _assemblyai_words(words: list[object], where: str, path: str) -> Iterator[Word]:
    for i, item in enumerate(words):
        here = f"{where}[{i}]"
        word = _object(item, here, path)
        start, end = _timed(word, here, path, scale=1000.0)
        speaker = _assemblyai_speaker(word, here, path)
        yield Word(speaker, start, end, _text(word, "text", here, path))


def _assemblyai_blocks(blocks: list[object], key: str, path: str) -> Iterator[Turn]:
    """Paragraphs or sentences: one turn each, split where its words change speaker."""
    for i, item in enumerate(blocks):
        where = f"{key}[{i}]"
        block = _object(item, where, path)
        start, end = _timed(block, where, path, scale=1000.0)
        words = list(
            _assemblyai_words(
                _optional_array(block, "words", where, path) or [], f"{where}.words", path
            )
        )
        speakers = {word.speaker for word in words if word.speaker is not None}
        if len(speakers) > 1:
            yield from turns_from_words(words)
            continue
        speaker = _assemblyai_speaker(block, where, path)
        if speaker is None and speakers:
            speaker = speakers.pop()
        yield Turn(speaker, start, end, _text(block, "text", where, path))


# Deepgram ------------------------------------------------------------------------------------


def parse_deepgram(data: object, path: str, notes: list[str]) -> Iterator[Turn]:
    """Deepgram ``results``: utterances, else paragraphs, else words; or streaming messages."""
    if isinstance(data, list):
        yield from _deepgram_stream(data, path, notes)
        return
    document = _object(data, "the document", path)
    if "results" not in document and _is_deepgram_message(document):
        if document.get("is_final") is False:
            notes.append("This streaming result is interim (is_final false): a first guess.")
        yield from _deepgram_messages([("", document)], path, notes)
        return
    if "results" not in document:
        raise _fail("results", "is missing", path)
    results = _object(document["results"], "results", path)
    channels = _optional_array(results, "channels", "results", path) or []
    multichannel = len(channels) > 1
    utterances = _optional_array(results, "utterances", "results", path)
    if utterances:
        for i, item in enumerate(utterances):
            where = f"results.utterances[{i}]"
            utterance = _object(item, where, path)
            start, end = _timed(utterance, where, path)
            channel = _channel(utterance, where, path) if multichannel else None
            speaker = _deepgram_speaker(utterance, where, path, channel)
            yield Turn(speaker, start, end, _text(utterance, "transcript", where, path))
        return
    channels = _array(results, "channels", "results", path)
    for c, item in enumerate(channels):
        where = f"results.channels[{c}]"
        alternatives = _array(_object(item, where, path), "alternatives", where, path)
        if alternatives:
            where = f"{where}.alternatives[0]"
            alternative = _object(alternatives[0], where, path)
            yield from _deepgram_alternative(
                alternative, where, path, notes, c if multichannel else None
            )


def _deepgram_alternative(
    alternative: Obj, where: str, path: str, notes: list[str], channel: int | None
) -> Iterator[Turn]:
    paragraphs: list[object] = []
    if alternative.get("paragraphs") is not None:
        here = f"{where}.paragraphs"
        paragraphs = _array(
            _object(alternative["paragraphs"], here, path), "paragraphs", here, path
        )
    if paragraphs:
        for i, item in enumerate(paragraphs):
            here = f"{where}.paragraphs.paragraphs[{i}]"
            paragraph = _object(item, here, path)
            start, end = _timed(paragraph, here, path)
            sentences = []
            for j, sentence in enumerate(_array(paragraph, "sentences", here, path)):
                at = f"{here}.sentences[{j}]"
                sentences.append(_text(_object(sentence, at, path), "text", at, path))
            speaker = _deepgram_speaker(paragraph, here, path, channel)
            text = " ".join(sentence for sentence in sentences if sentence)
            if text:
                yield Turn(speaker, start, end, text)
        return
    words = _optional_array(alternative, "words", where, path) or []
    yield from _word_turns(_deepgram_words(words, f"{where}.words", path, channel), notes)


def _deepgram_words(
    words: list[object], where: str, path: str, channel: int | None
) -> Iterator[Word]:
    for i, item in enumerate(words):
        here = f"{where}[{i}]"
        word = _object(item, here, path)
        start, end = _timed(word, here, path)
        text = _word_text(word, ("punctuated_word", "word"), here, path)
        yield Word(_deepgram_speaker(word, here, path, channel), start, end, text)


def _deepgram_speaker(obj: Obj, where: str, path: str, channel: int | None) -> str | None:
    """``Speaker 0``; with several channels ``Channel 1``, or ``Channel 1 Speaker 0``."""
    speaker = _speaker(obj, where, path)
    if channel is None:
        return speaker
    label = f"Channel {channel + 1}" if speaker is None else f"Channel {channel + 1} {speaker}"
    return sys.intern(label)


def _deepgram_stream(items: list[object], path: str, notes: list[str]) -> Iterator[Turn]:
    """Streaming messages saved as an array: the words of the final results, in order."""
    results: list[tuple[str, Obj]] = []
    for i, item in enumerate(items):
        message = _object(item, f"[{i}]", path)
        if _is_deepgram_message(message):  # not Metadata, SpeechStarted, UtteranceEnd
            results.append((f"[{i}]", message))
    finals = [(where, message) for where, message in results if message.get("is_final") is True]
    if len(finals) < len(results):
        notes.append(
            f"Read the {plural(len(finals), 'final result')} of {len(results)} streaming "
            "results; interim results (is_final false) repeat the same speech and were skipped."
        )
    yield from _deepgram_messages(finals, path, notes)


def _deepgram_messages(
    messages: list[tuple[str, Obj]], path: str, notes: list[str]
) -> Iterator[Turn]:
    """Turns from the words of streaming ``Results`` messages; a message without words is one
    word spanning its window (``start`` to ``start + duration``)."""
    words: list[Word] = []
    timed_words = False
    for where, message in messages:
        here = _at(where, "channel")
        channel = _object(message.get("channel"), here, path)
        alternatives = _array(channel, "alternatives", here, path)
        if not alternatives:
            continue
        here = f"{here}.alternatives[0]"
        alternative = _object(alternatives[0], here, path)
        index = _stream_channel(message, where, path)
        items = _optional_array(alternative, "words", here, path)
        if items:
            timed_words = True
            words.extend(_deepgram_words(items, f"{here}.words", path, index))
            continue
        text = _text(alternative, "transcript", here, path)
        if text:  # Deepgram sends empty finals for silence
            start = _seconds(message, "start", where, path)
            end = start + _seconds(message, "duration", where, path)
            if not math.isfinite(end):
                raise _fail(_at(where, "duration"), "is too large", path)
            words.append(Word(_deepgram_speaker(alternative, here, path, index), start, end, text))
    yield from _word_turns(iter(words), notes) if timed_words else turns_from_words(words)


def _stream_channel(message: Obj, where: str, path: str) -> int | None:
    """The channel of a streaming message when the audio has several: ``[index, count]``."""
    value = message.get("channel_index")
    if value is None:
        return None
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in value)
    ):
        raise _fail(_at(where, "channel_index"), "should be [channel, channels]", path)
    index, count = value
    return index if count > 1 else None


# Rev.ai --------------------------------------------------------------------------------------


def parse_rev_ai(data: object, path: str, notes: list[str]) -> Iterator[Turn]:
    """Rev.ai ``monologues``: one turn each, its elements' values joined as written."""
    document = _object(data, "the document", path)
    empty = 0
    for i, item in enumerate(_array(document, "monologues", "", path)):
        where = f"monologues[{i}]"
        monologue = _object(item, where, path)
        speaker = _text(monologue, "speaker_name", where, path) or None
        speaker = sys.intern(speaker) if speaker else _speaker(monologue, where, path)
        parts: list[str] = []
        start = end = -1.0
        for j, element_item in enumerate(_array(monologue, "elements", where, path)):
            here = f"{where}.elements[{j}]"
            element = _object(element_item, here, path)
            kind = element.get("type")
            if kind == "text":
                word_start, word_end = _timed(element, here, path, ("ts", "end_ts"))
                start = word_start if start < 0 else min(start, word_start)
                end = max(end, word_end)
                parts.append(_raw_text(element, "value", here, path))
            elif kind == "punct":
                parts.append(_raw_text(element, "value", here, path))
            # "unknown" elements are tags such as <inaudible>, not words
        text = " ".join("".join(parts).split())
        if start < 0 or not text:
            empty += 1
            continue
        yield Turn(speaker, start, end, text)
    if empty:
        notes.append(f"Skipped {plural(empty, 'monologue')} without words.")


# YouTube json3 -------------------------------------------------------------------------------


def parse_youtube_json3(data: object, path: str, notes: list[str]) -> Iterator[Turn]:
    """YouTube timed text: word by word for auto-captions, an event per turn otherwise."""
    document = _object(data, "the document", path)
    events = list(_json3_events(_array(document, "events", "", path), path))
    if any(offset is not None for *_, pieces in events for offset, _ in pieces):
        yield from _word_turns(_json3_words(events, path, notes), notes)
    else:
        yield from _json3_cues(events, notes)


# An event with text: its JSON path, start and end (ms, end ``None`` when not given) and its
# pieces of text, each with its offset in ms from the start (``None``: none given).
_Event = tuple[str, float, float | None, list[tuple[float | None, str]]]


def _json3_events(events: list[object], path: str) -> Iterator[_Event]:
    """The events that carry text, in file order.

    Events without ``segs`` set up caption windows, and ``"\n"``-only pieces only scroll them.
    """
    for i, item in enumerate(events):
        where = f"events[{i}]"
        event = _object(item, where, path)
        segs = _optional_array(event, "segs", where, path)
        if not segs:
            continue
        pieces: list[tuple[float | None, str]] = []
        for j, seg_item in enumerate(segs):
            here = f"{where}.segs[{j}]"
            seg = _object(seg_item, here, path)
            text = _raw_text(seg, "utf8", here, path)
            if text.strip():
                offset = _ms(seg, "tOffsetMs", here, path) if "tOffsetMs" in seg else None
                pieces.append((offset, text))
        if not pieces:
            continue
        start = _ms(event, "tStartMs", where, path)
        end = None
        if event.get("dDurationMs") is not None:
            end = start + _ms(event, "dDurationMs", where, path)
        if not math.isfinite(end if end is not None else start):
            raise _fail(where, "has a time that is too large", path)
        yield where, start, end, pieces


def _ms(obj: Obj, key: str, where: str, path: str) -> float:
    """Milliseconds: a number, or a string of digits (some saved json3 files have those)."""
    value = obj.get(key)
    if isinstance(value, str) and _digits(value):
        return float(value)
    return _number(obj, key, where, path)


def _json3_words(events: list[_Event], path: str, notes: list[str]) -> Iterator[Word]:
    """Auto-caption words: each ends where the next one starts, where its event ends, or
    ``JSON3_WORD_MAX_S`` after it starts, whichever comes first.

    Events overlap (a line stays up while the next one is spoken), so an event's end is only a
    bound; a word seen twice at the same time is counted once.
    """
    timed: list[tuple[float, float | None, str]] = []
    seen: set[tuple[float, str]] = set()
    repeated = 0
    for where, start, end, pieces in events:
        for offset, text in pieces:
            word = (start + (offset or 0.0), text.strip())
            if not math.isfinite(word[0]):
                raise _fail(where, "has a time that is too large", path)
            if word in seen:
                repeated += 1
                continue
            seen.add(word)
            timed.append((word[0], end, word[1]))
    timed.sort(key=lambda word: word[0])
    if repeated:
        notes.append(
            f"{plural(repeated, 'caption word')} shown twice at the same time counted once."
        )
    for k, (start_ms, event_end, text) in enumerate(timed):
        next_start = timed[k + 1][0] if k + 1 < len(timed) else None
        bounds = [t for t in (next_start, event_end) if t is not None]
        end_ms = max(start_ms, min([start_ms + JSON3_WORD_MAX_S * 1000, *bounds]))
        yield Word(None, start_ms / 1000, end_ms / 1000, text)


def _json3_cues(events: list[_Event], notes: list[str]) -> Iterator[Turn]:
    """Caption events as cues, with the caption rules for ``Name:`` prefixes.

    Roll-up captions show the previous line again above the new one: lines that repeat the end
    of the event still on screen are dropped.
    """
    speakers = CueSpeakers()
    before: list[str] = []
    before_end = -1.0
    repeated = 0
    for _, start_ms, end_ms, pieces in events:
        lines = [" ".join(line.split()) for line in "".join(t for _, t in pieces).split("\n")]
        lines = [line for line in lines if line]
        shown = 0
        if before_end > start_ms:
            shown = max(
                (n for n in range(1, min(len(lines), len(before)) + 1) if lines[:n] == before[-n:]),
                default=0,
            )
        repeated += shown
        before, before_end = lines, start_ms if end_ms is None else end_ms
        text = " ".join(lines[shown:])
        if not text:
            continue
        start = start_ms / 1000
        end = start if end_ms is None else end_ms / 1000
        if speakers.decided:
            yield speakers.turn(start, end, text, None)
        else:
            yield from speakers.hold(start, end, text, None) or ()
    yield from speakers.finish()
    notes.extend(speakers.notes())
    if repeated:
        notes.append(
            f"{plural(repeated, 'caption line')} repeated from the caption still on screen "
            "(roll-up captions) counted once."
        )


# Podcasting 2.0 ------------------------------------------------------------------------------


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


_READERS: dict[str, Reader] = {
    "whisperx": parse_whisperx,
    "whisper": parse_whisper,
    "openai": parse_openai,
    "assemblyai": parse_assemblyai,
    "deepgram": parse_deepgram,
    "rev-ai": parse_rev_ai,
    "youtube-json3": parse_youtube_json3,
    "podcast-json": parse_podcast,
}
