"""Cloud speech-to-text JSON: AWS Transcribe, Google, Azure, Speechmatics, IBM Watson.

``json_formats`` asks ``sniff`` about every parsed JSON document (objects and top-level arrays)
that its own flavors do not claim, and hands the flavors found here to ``parse``. Each vendor's
sniff requires that vendor's own keys, so no flavor claims another tool's file:

* ``aws-transcribe``: ``{"results": {"transcripts", "items", "speaker_labels"?,
  "channel_labels"?}}`` (times are strings of seconds), or Call Analytics
  ``{"Transcript": [{"ParticipantRole", "BeginOffsetMillis", ...}]}``;
* ``google-stt``: ``{"results": [{"alternatives": [{"transcript", "words"}], ...}]}`` whose
  results hold only Google's keys (v1 and v2, durations as ``"1.5s"`` or ``{seconds, nanos}``),
  bare or inside a long-running operation's ``"response"``;
* ``azure-speech``: batch ``recognizedPhrases`` (v3.x) or ``AudioFileResults`` (v2), fast
  transcription ``phrases``, and Speech SDK results (``RecognitionStatus``, 100 ns ticks), one
  or an array of them;
* ``speechmatics``: ``{"format": "2.x", "results": [{"type": "word", ...}]}``, real-time
  ``AddTranscript`` messages saved as an array, and the v1 ``{"words", "speakers"}``;
* ``ibm-watson``: ``{"results": [{"final", "alternatives": [{"timestamps"}]}],
  "speaker_labels"}``, the websocket messages saved as an array, and asynchronous job results.

Word-level sources become turns through ``words.turns_from_words``; sources that are already
phrases (Azure, Call Analytics) give one turn per phrase. Speakers are named as each vendor
labels them: labels kept as written (AWS ``spk_0``, ``ch_0``, ``AGENT``; Speechmatics ``S1``;
Azure ``Guest-1``), numbers as ``Speaker N`` (Google, Azure, Watson). ``docs/formats.md``
describes every layout.
"""

from __future__ import annotations

import math
import re
import sys
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

from twoway.display import plural
from twoway.errors import FormatError
from twoway.formats.json_formats import json_kind
from twoway.formats.words import WORDS_NOTE, Word, turns_from_words
from twoway.model import Turn

FLAVORS: tuple[str, ...] = (
    "aws-transcribe",
    "google-stt",
    "azure-speech",
    "speechmatics",
    "ibm-watson",
)
DESCRIPTIONS: dict[str, str] = {
    "aws-transcribe": "Amazon Transcribe JSON, Call Analytics",
    "google-stt": "Google Cloud Speech-to-Text JSON",
    "azure-speech": "Azure AI Speech JSON: batch, fast, SDK results",
    "speechmatics": "Speechmatics JSON",
    "ibm-watson": "IBM Watson Speech to Text JSON",
}

TICKS_PER_S = 10_000_000.0  # Azure: 100-nanosecond ticks
HESITATION = "%HESITATION"  # Watson's marker for "uh", "um", "er"
HESITATION_TEXT = "uh"
RESULTS_NOTE = (
    "The file has no word times: each result is a turn from the end of the result before it "
    "(in its channel) to its own end."
)

JsonObject = dict[str, object]


def sniff(data: object) -> str | None:
    """The flavor of a parsed JSON document, or ``None`` when it is none of these vendors'."""
    if isinstance(data, list):
        return _sniff_array(data)
    if not isinstance(data, dict):
        return None
    for flavor, test in _SNIFFERS:
        if test(data):
            return flavor
    return None


def parse(data: object, *, flavor: str, path: str, notes: list[str]) -> Iterator[Turn]:
    """The turns of ``data``, a parsed document of ``flavor`` (one of ``FLAVORS``).

    Malformed input raises ``FormatError`` naming the JSON path (``results.items[3].end_time``).
    """
    return _READERS[flavor](data, path, notes)


# Sniffing -------------------------------------------------------------------------------------

_GOOGLE_RESULT_KEYS = frozenset(
    "alternatives channelTag channel_tag resultEndTime result_end_time resultEndOffset "
    "result_end_offset languageCode language_code isFinal is_final stability".split()
)
_GOOGLE_ALTERNATIVE_KEYS = frozenset({"transcript", "confidence", "words"})
_GOOGLE_FILE_KEYS = frozenset(
    "transcript inlineResult inline_result cloudStorageResult cloud_storage_result uri error "
    "metadata vttCaptions srtCaptions".split()
)
_SPEECHMATICS_TYPES = frozenset({"word", "punctuation", "entity", "speaker_change"})
_WATSON_MESSAGE_KEYS = frozenset(
    "results result_index speaker_labels state error warnings processing_metrics "
    "audio_metrics".split()
)


def _is_aws(doc: JsonObject) -> bool:
    results = doc.get("results")
    if not isinstance(results, dict):
        return False
    return isinstance(results.get("transcripts"), list) or (
        isinstance(results.get("items"), list) and "jobName" in doc
    )


def _is_aws_call_analytics(doc: JsonObject) -> bool:
    transcript = doc.get("Transcript")
    if not isinstance(transcript, list):
        return False
    if any(key in doc for key in ("ConversationCharacteristics", "Participants", "Categories")):
        return True
    first = transcript[0] if transcript else None
    return isinstance(first, dict) and ("ParticipantRole" in first or "BeginOffsetMillis" in first)


def _is_azure(doc: JsonObject) -> bool:
    if isinstance(doc.get("recognizedPhrases"), list) or isinstance(
        doc.get("AudioFileResults"), list
    ):
        return True
    if isinstance(doc.get("phrases"), list) and (
        "combinedPhrases" in doc or "durationMilliseconds" in doc
    ):
        return True
    return _is_azure_result(doc)


def _is_azure_result(item: object) -> bool:
    return (
        isinstance(item, dict)
        and isinstance(item.get("RecognitionStatus"), str)
        and ("NBest" in item or "DisplayText" in item or "Offset" in item)
    )


def _is_speechmatics(doc: JsonObject) -> bool:
    results = doc.get("results")
    if isinstance(results, list):
        version = doc.get("format")
        if isinstance(version, str) and version.startswith("2."):
            return True
        first = results[0] if results else None
        return (
            isinstance(first, dict)
            and first.get("type") in _SPEECHMATICS_TYPES
            and "alternatives" in first
        )
    words, speakers = doc.get("words"), doc.get("speakers")
    if not (isinstance(words, list) and isinstance(speakers, list)):
        return False
    if not words:
        return "job" in doc
    first = words[0]
    return isinstance(first, dict) and {"name", "time", "duration"} <= first.keys()


def _is_watson(doc: JsonObject) -> bool:
    results = doc.get("results")
    if not isinstance(results, list):
        return False
    if not results:
        return "result_index" in doc
    if all(isinstance(r, dict) and ("results" in r or "result_index" in r) for r in results):
        return "status" in doc or "id" in doc  # an asynchronous job: one response per part
    return any(isinstance(r, dict) and "final" in r for r in results) or (
        isinstance(doc.get("speaker_labels"), list)
    )


def _is_google(doc: JsonObject) -> bool:
    response = doc.get("response")
    if isinstance(response, dict) and ("done" in doc or "name" in doc or "metadata" in doc):
        doc = response
    results = doc.get("results")
    if isinstance(results, dict):  # v2 batch: one entry per audio file
        return bool(results) and all(
            isinstance(entry, dict) and entry and entry.keys() <= _GOOGLE_FILE_KEYS
            for entry in results.values()
        )
    if not isinstance(results, list):
        return False
    if not results:
        return "totalBilledTime" in doc or "requestId" in doc
    return all(_google_like(result) for result in results) and any(
        isinstance(r, dict) and "alternatives" in r for r in results
    )


def _google_like(result: object) -> bool:
    if not isinstance(result, dict) or not result.keys() <= _GOOGLE_RESULT_KEYS:
        return False
    alternatives = result.get("alternatives", [])
    return isinstance(alternatives, list) and all(
        isinstance(alt, dict) and alt.keys() <= _GOOGLE_ALTERNATIVE_KEYS for alt in alternatives
    )


_SNIFFERS: tuple[tuple[str, Callable[[JsonObject], bool]], ...] = (
    ("aws-transcribe", _is_aws),
    ("aws-transcribe", _is_aws_call_analytics),
    ("azure-speech", _is_azure),
    ("speechmatics", _is_speechmatics),
    ("ibm-watson", _is_watson),
    ("google-stt", _is_google),
)


def _sniff_array(items: list[object]) -> str | None:
    if not items or not all(isinstance(item, dict) for item in items):
        return None
    if all(_is_azure_result(item) for item in items):
        return "azure-speech"
    messages = [item for item in items if isinstance(item, dict)]
    if all(isinstance(m.get("message"), str) for m in messages) and any(
        m["message"] == "AddTranscript" for m in messages
    ):
        return "speechmatics"
    if all(m.keys() <= _WATSON_MESSAGE_KEYS for m in messages) and any(
        "speaker_labels" in m or _is_watson(m) for m in messages
    ):
        return "ibm-watson"
    return None


# Typed access with JSON paths in the errors ----------------------------------------------------

_ISO_DURATION = re.compile(
    r"P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?"
)


def _fail(where: str, problem: str, path: str) -> FormatError:
    return FormatError(f"{where or 'the document'} {problem}", path=path)


def _at(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _object(value: object, where: str, path: str) -> JsonObject:
    if not isinstance(value, dict):
        raise _fail(where, f"should be an object, not {json_kind(value)}", path)
    return value


def _array(
    obj: JsonObject, key: str, where: str, path: str, *, required: bool = True
) -> list[object]:
    here = _at(where, key)
    if key not in obj or obj[key] is None:
        if required:
            raise _fail(here, "is missing", path)
        return []
    value = obj[key]
    if not isinstance(value, list):
        raise _fail(here, f"should be an array, not {json_kind(value)}", path)
    return value


def _text(obj: JsonObject, key: str, where: str, path: str) -> str:
    value = obj.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _fail(_at(where, key), f"should be a string, not {json_kind(value)}", path)
    return value.strip()


def _first(obj: JsonObject, keys: tuple[str, ...]) -> str | None:
    """The first of ``keys`` that ``obj`` has (vendors spell the same field several ways)."""
    return next((key for key in keys if key in obj and obj[key] is not None), None)


def _seconds(value: object, where: str, path: str, scale: float = 1.0, key: str = "") -> float:
    """Seconds from any vendor's time: a number or numeric string (divided by ``scale``),
    Google's ``"1.500s"`` or ``{"seconds": "1", "nanos": 500000000}``, ISO 8601 ``"PT1.5S"``.

    ``key``, when given, is the field under ``where`` (joined only for the error message).
    """
    seconds: float | None = None
    if isinstance(value, str):
        if len(value) <= 64:
            try:  # the common case first: AWS's "4.87", a numeric string
                seconds = _divide(float(value), scale)
            except ValueError:
                seconds = _unit_seconds(value.strip())
    elif isinstance(value, int | float) and not isinstance(value, bool):
        seconds = _divide(value, scale)
    elif isinstance(value, dict) and value.keys() <= {"seconds", "nanos"}:
        whole, nanos = _float(value.get("seconds", 0)), _float(value.get("nanos", 0))
        if whole is not None and nanos is not None:
            seconds = whole + nanos / 1e9
    if seconds is None or not math.isfinite(seconds) or seconds < 0:
        where = _at(where, key) if key else where
        raise _fail(where, f"should be a time of 0 or more seconds, not {_shown(value)}", path)
    return seconds


def _unit_seconds(text: str) -> float | None:
    """Google's ``"1.5s"`` or ISO 8601's ``"PT1.5S"``; ``None`` for anything else."""
    if text.startswith("P"):
        return _iso_duration(text)
    if text.endswith("s"):
        return _float(text[:-1])
    return None


def _divide(number: float, scale: float) -> float:
    try:
        return float(number) / scale
    except OverflowError:
        return math.inf


def _float(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return _divide(value, 1.0)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None


def _iso_duration(text: str) -> float | None:
    match = _ISO_DURATION.fullmatch(text)
    if match is None or not any(match.groups()):
        return None
    days, hours, minutes, seconds = (float(group or 0) for group in match.groups())
    return ((days * 24 + hours) * 60 + minutes) * 60 + seconds


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else f"{text[:37]}..."


def _span(
    obj: JsonObject, keys: tuple[str, str], where: str, path: str, scale: float = 1.0
) -> tuple[float, float]:
    """Start and end under two keys (each read by ``_seconds`` with ``scale``)."""
    start = _seconds(obj.get(keys[0]), where, path, scale, keys[0])
    end = _seconds(obj.get(keys[1]), where, path, scale, keys[1])
    if end < start:
        raise _fail(where, f"ends ({end:g} s) before it starts ({start:g} s)", path)
    return start, end


def _speaker(
    value: object, where: str, path: str, *, unknown: frozenset[str] = frozenset()
) -> str | None:
    """A vendor's speaker: a number (or a string of digits) is ``Speaker N``; a label is kept.

    Labels in ``unknown`` (Speechmatics ``UU``, Azure ``Unknown``) mean nobody was assigned.
    """
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise _fail(where, f"should be a string or a number, not {json_kind(value)}", path)
    label = str(value).strip()
    if not label or label in unknown:
        return None
    return sys.intern(f"Speaker {label}" if label.isdigit() else label)


def _word(speaker: str | None, start: float, end: float, text: str, where: str, path: str) -> Word:
    if end < start:
        raise _fail(where, f"ends ({end:g} s) before it starts ({start:g} s)", path)
    return Word(speaker, start, end, text)


class _Words:
    """Timed words being collected, with punctuation glued on as the vendor says it attaches.

    Glue goes to the last word of the same speaker, so punctuation stays with its own channel
    when two channels' words interleave.
    """

    def __init__(self) -> None:
        self.words: list[Word] = []
        self._last: dict[str | None, int] = {}
        self._prefix = ""
        self._join_next: int | None = None  # a word that the next one continues ("re-" "do")

    def add(self, word: Word) -> None:
        if self._prefix:
            word = Word(word.speaker, word.start, word.end, self._prefix + word.text)
            self._prefix = ""
        joined, self._join_next = self._join_next, None
        if joined is not None and self.words[joined].speaker == word.speaker:
            last = self.words[joined]
            end = max(last.end or 0.0, word.end or 0.0)
            self.words[joined] = Word(last.speaker, last.start, end, last.text + word.text)
            return
        self._last[word.speaker] = len(self.words)
        self.words.append(word)

    def glue_left(self, text: str, speaker: str | None, *, both: bool = False) -> None:
        """Punctuation that belongs to the word before it (a leading one is dropped); with
        ``both``, to the word after it too (a hyphen)."""
        index = self._last.get(speaker, len(self.words) - 1 if self.words else None)
        if index is not None:
            last = self.words[index]
            self.words[index] = Word(last.speaker, last.start, last.end, last.text + text)
            self._join_next = index if both else None

    def glue_right(self, text: str) -> None:
        """Punctuation that belongs to the word after it (Spanish ``¿``, an opening quote)."""
        self._prefix += text

    def in_time_order(self) -> list[Word]:
        return sorted(self.words, key=_word_start)


def _word_start(word: Word) -> float:
    return word.start if word.start is not None else 0.0


class _Timeline:
    """Who spoke when, looked up by a word's times (speaker segments joined to timed words).

    A span starting exactly where the word starts wins (AWS and Watson label every word by its
    start time); otherwise the span holding the word's midpoint. A later span with the same start
    replaces an earlier one (Watson revises its labels as a stream goes on).
    """

    def __init__(self, spans: Iterable[tuple[float, float, str | None]]) -> None:
        by_start = {_ms(start): (start, end, label) for start, end, label in spans}
        self._exact = {key: span[2] for key, span in by_start.items()}
        self._spans = sorted(by_start.values(), key=lambda span: span[0])
        self._starts = [span[0] for span in self._spans]

    def __bool__(self) -> bool:
        return bool(self._spans)

    def at(self, start: float, end: float) -> str | None:
        key = _ms(start)
        if key in self._exact:
            return self._exact[key]
        middle = (start + end) / 2
        index = bisect_right(self._starts, middle) - 1
        if index >= 0 and self._spans[index][1] >= middle:
            return self._spans[index][2]
        return None


def _from_words(words: list[Word], notes: list[str]) -> Iterator[Turn]:
    if words:
        notes.append(WORDS_NOTE)
    return turns_from_words(words)


def _ms(seconds: float) -> float:
    return round(seconds, 3)


# AWS Transcribe -------------------------------------------------------------------------------


def parse_aws(data: object, path: str, notes: list[str]) -> Iterator[Turn]:
    """Amazon Transcribe: word items grouped into turns, or Call Analytics segments.

    A word's speaker is its item's ``speaker_label`` (current outputs), else the
    ``speaker_labels.segments`` span it falls in (older outputs), else its channel
    (``channel_label`` or ``channel_labels.channels``); without any, the speaker is unknown.
    """
    doc = _object(data, "the document", path)
    if "results" not in doc and "Transcript" in doc:
        yield from _aws_call_analytics(doc, path)
        return
    if "results" not in doc:
        raise _fail("results", "is missing", path)
    results = _object(doc["results"], "results", path)
    items = _array(results, "items", "results", path, required=False)
    if not items and "audio_segments" in results:
        yield from _aws_audio_segments(results, path)
        return
    words = _aws_words(items, "results.items", path, None)
    if not any(word.speaker for word in words):
        timeline = _aws_speaker_segments(results, path)
        if timeline:
            words = [_labelled(word, timeline) for word in words]
        elif isinstance(results.get("channel_labels"), dict):
            words = _aws_channels(results, path)
    yield from _from_words(words, notes)


def _labelled(word: Word, timeline: _Timeline) -> Word:
    start = _word_start(word)
    end = word.end if word.end is not None else start
    return Word(timeline.at(start, end), word.start, word.end, word.text)


def _aws_words(items: list[object], where: str, path: str, channel: str | None) -> list[Word]:
    words = _Words()
    for i, raw in enumerate(items):
        here = f"{where}[{i}]"
        item = _object(raw, here, path)
        alternatives = _array(item, "alternatives", here, path)
        if not alternatives:
            continue
        best = f"{here}.alternatives[0]"
        content = _text(_object(alternatives[0], best, path), "content", best, path)
        label = _aws_label(item, here, path) or channel
        if item.get("type") == "punctuation":
            words.glue_left(content, label)
            continue
        start, end = _span(item, ("start_time", "end_time"), here, path)
        if content:
            words.add(Word(label, start, end, content))
    return words.words


def _aws_label(item: JsonObject, where: str, path: str) -> str | None:
    for key in ("speaker_label", "channel_label"):
        value = item.get(key)
        if value is not None:
            if not isinstance(value, str):
                raise _fail(_at(where, key), f"should be a string, not {json_kind(value)}", path)
            return sys.intern(value.strip()) or None
    return None


def _aws_speaker_segments(results: JsonObject, path: str) -> _Timeline:
    labels = results.get("speaker_labels")
    if labels is None:
        return _Timeline(())
    where = "results.speaker_labels"
    segments = _array(_object(labels, where, path), "segments", where, path, required=False)
    spans: list[tuple[float, float, str | None]] = []
    for i, raw in enumerate(segments):
        here = f"{where}.segments[{i}]"
        segment = _object(raw, here, path)
        label = _aws_label(segment, here, path)
        spans.append((*_span(segment, ("start_time", "end_time"), here, path), label))
        # Each segment also lists its words' times: an exact match for every word.
        for j, raw_item in enumerate(_array(segment, "items", here, path, required=False)):
            item_where = f"{here}.items[{j}]"
            item = _object(raw_item, item_where, path)
            spans.append((*_span(item, ("start_time", "end_time"), item_where, path), label))
    return _Timeline(spans)


def _aws_channels(results: JsonObject, path: str) -> list[Word]:
    where = "results.channel_labels"
    channels = _array(_object(results["channel_labels"], where, path), "channels", where, path)
    words = []
    for i, raw in enumerate(channels):
        here = f"{where}.channels[{i}]"
        channel = _object(raw, here, path)
        label = _aws_label(channel, here, path)
        words.extend(_aws_words(_array(channel, "items", here, path), f"{here}.items", path, label))
    return sorted(words, key=_word_start)


def _aws_audio_segments(results: JsonObject, path: str) -> Iterator[Turn]:
    for i, raw in enumerate(_array(results, "audio_segments", "results", path)):
        here = f"results.audio_segments[{i}]"
        segment = _object(raw, here, path)
        start, end = _span(segment, ("start_time", "end_time"), here, path)
        yield Turn(
            _aws_label(segment, here, path), start, end, _text(segment, "transcript", here, path)
        )


def _aws_call_analytics(doc: JsonObject, path: str) -> Iterator[Turn]:
    """Call Analytics ``Transcript`` segments: one turn each, speaker ``AGENT``/``CUSTOMER``."""
    for i, raw in enumerate(_array(doc, "Transcript", "", path)):
        here = f"Transcript[{i}]"
        segment = _object(raw, here, path)
        start, end = _span(segment, ("BeginOffsetMillis", "EndOffsetMillis"), here, path, 1000.0)
        role = segment.get("ParticipantRole")
        speaker = _speaker(role, f"{here}.ParticipantRole", path)
        yield Turn(speaker, start, end, _text(segment, "Content", here, path))


# Google Cloud Speech-to-Text ------------------------------------------------------------------


class _GoogleResult(NamedTuple):
    words: list[Word]  # speaker from the word's tag, else None
    transcript: str
    channel: int | None
    end: float | None


def parse_google(data: object, path: str, notes: list[str]) -> Iterator[Turn]:
    """Google Speech-to-Text v1/v2 results (see the module docstring and ``docs/formats.md``)."""
    doc, where = _google_document(_object(data, "the document", path), path)
    results = [
        _google_result(raw, f"{_at(where, 'results')}[{i}]", path)
        for i, raw in enumerate(_array(doc, "results", where, path, required=False))
    ]
    tagged = [r for r in results if any(word.speaker for word in r.words)]
    if tagged:
        yield from _from_words(_google_diarized(results, tagged[-1]), notes)
        return
    channels = {r.channel for r in results if r.channel is not None}
    named = len(channels) > 1  # separate recognition per channel: name them

    def channel_of(result: _GoogleResult) -> str | None:
        return f"Channel {result.channel}" if named and result.channel is not None else None

    spoken = [r for r in results if r.words or r.transcript]
    if all(r.words for r in spoken):
        words = [Word(channel_of(r), w.start, w.end, w.text) for r in spoken for w in r.words]
        yield from _from_words(sorted(words, key=_word_start) if named else words, notes)
    elif all(r.end is not None for r in spoken):
        notes.append(RESULTS_NOTE)
        previous_end: dict[int | None, float] = {}
        for result in spoken:
            end = result.end if result.end is not None else 0.0
            start = min(previous_end.get(result.channel, 0.0), end)
            previous_end[result.channel] = end
            yield Turn(channel_of(result), start, end, _google_text(result))
    else:  # no times at all: one untimed turn per result
        for result in spoken:
            yield Turn(channel_of(result), None, None, _google_text(result))


def _google_text(result: _GoogleResult) -> str:
    return result.transcript or " ".join(word.text for word in result.words)


def _google_document(doc: JsonObject, path: str) -> tuple[JsonObject, str]:
    """The object holding ``results``: unwraps an operation and a v2 batch file result."""
    where = ""
    if "response" in doc or "done" in doc:
        error = doc.get("error")
        if isinstance(error, dict):
            raise _fail("error", f"says the operation failed: {error.get('message', error)}", path)
        if "response" not in doc:
            raise _fail("response", "is missing: the operation has not finished", path)
        doc, where = _object(doc["response"], "response", path), "response"
    results = doc.get("results")
    if isinstance(results, dict):
        here = _at(where, "results")
        if len(results) != 1:
            raise _fail(
                here,
                f"holds {len(results)} audio files; give twoway one conversation at a time",
                path,
            )
        ((uri, entry),) = results.items()
        here = f"{here}[{uri!r}]"
        file_result = _object(entry, here, path)
        if file_result.get("error"):
            raise _fail(f"{here}.error", f"says recognition failed: {file_result['error']}", path)
        inline = file_result.get("inlineResult", file_result.get("inline_result"))
        if isinstance(inline, dict) and "transcript" in inline:
            return _object(inline["transcript"], f"{here}.inlineResult.transcript", path), here
        if "transcript" in file_result:
            return _object(file_result["transcript"], f"{here}.transcript", path), here
        raise _fail(
            here, "has no transcript: it was written to Cloud Storage; read that file", path
        )
    return doc, where


def _google_result(raw: object, where: str, path: str) -> _GoogleResult:
    result = _object(raw, where, path)
    channel_key = _first(result, ("channelTag", "channel_tag"))
    channel = result.get(channel_key) if channel_key else None
    if channel is not None and (isinstance(channel, bool) or not isinstance(channel, int)):
        raise _fail(
            _at(where, channel_key or ""), f"should be a number, not {json_kind(channel)}", path
        )
    end_key = _first(
        result, ("resultEndTime", "resultEndOffset", "result_end_time", "result_end_offset")
    )
    end = _seconds(result[end_key], _at(where, end_key), path) if end_key else None
    alternatives = _array(result, "alternatives", where, path, required=False)
    if not alternatives:
        return _GoogleResult([], "", channel, end)
    here = f"{where}.alternatives[0]"
    best = _object(alternatives[0], here, path)
    words: list[Word] = []
    for i, raw_word in enumerate(_array(best, "words", here, path, required=False)):
        word_where = f"{here}.words[{i}]"
        word = _google_word(_object(raw_word, word_where, path), word_where, path)
        if word is None:  # no times at all: the result is read by its end time instead
            words = []
            break
        if word.text:
            words.append(word)
    return _GoogleResult(words, _text(best, "transcript", here, path), channel, end)


def _google_word(word: JsonObject, where: str, path: str) -> Word | None:
    start_key = _first(word, ("startTime", "startOffset", "start_time", "start_offset"))
    end_key = _first(word, ("endTime", "endOffset", "end_time", "end_offset"))
    if start_key is None and end_key is None:
        return None
    # JSON from protobuf leaves out a zero duration: a missing start is 0 s.
    start = _seconds(word[start_key], _at(where, start_key), path) if start_key else 0.0
    end = _seconds(word[end_key], _at(where, end_key), path) if end_key else start
    tag_key = _first(word, ("speakerTag", "speaker_tag", "speakerLabel", "speaker_label"))
    tag = word.get(tag_key) if tag_key else None
    speaker = None if tag in (0, "") else _speaker(tag, _at(where, tag_key or ""), path)
    return _word(speaker, start, end, _text(word, "word", where, path), where, path)


def _google_diarized(results: list[_GoogleResult], last: _GoogleResult) -> list[Word]:
    """The words with speaker tags, each once.

    With diarization, Google's last result repeats every word of the recording with its speaker
    tag (the earlier results' words have none): read that one alone. If it does not cover the
    earlier results (each result tagged on its own), read every result's words.
    """
    others = [w for r in results if r is not last for w in r.words]
    if not others or (
        len(last.words) >= len(others) and _word_start(last.words[0]) <= _word_start(others[0])
    ):
        return last.words
    return [w for r in results for w in r.words]


# Azure AI Speech ------------------------------------------------------------------------------


class _Phrase(NamedTuple):
    speaker: str | None
    channel: int | None
    start: float
    end: float
    text: str


def parse_azure(data: object, path: str, notes: list[str]) -> Iterator[Turn]:
    """Azure Speech: one turn per recognized phrase (``Success`` only), in every layout."""
    if isinstance(data, list):
        phrases = _azure_sdk_results(data, "", path)
    else:
        doc = _object(data, "the document", path)
        if "recognizedPhrases" in doc:
            phrases = _azure_batch(doc, path)
        elif "AudioFileResults" in doc:
            phrases = _azure_batch_v2(doc, path)
        elif "phrases" in doc:
            phrases = _azure_fast(doc, path)
        elif "RecognitionStatus" in doc:
            phrases = _azure_sdk_results([doc], "", path, single=True)
        else:
            raise _fail("recognizedPhrases", "is missing", path)
    # Without diarization, a stereo recording is told apart by its channels.
    channels = {p.channel for p in phrases if p.channel is not None}
    by_channel = len(channels) > 1 and not any(p.speaker for p in phrases)
    for phrase in phrases:
        speaker = f"Channel {phrase.channel}" if by_channel else phrase.speaker
        yield Turn(speaker, phrase.start, phrase.end, phrase.text)


def _digits(text: str) -> bool:
    """A short string of decimal digits (``"12"``; not ``"²"``, which int() refuses, nor 5,000
    digits, which it refuses too)."""
    text = text.strip()
    return 0 < len(text) <= 15 and text.isdecimal()


def _channel(obj: JsonObject, key: str, where: str, path: str) -> int | None:
    """A channel number (``0`` or ``"1"``), or ``None``."""
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, str) and _digits(value):
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    raise _fail(_at(where, key), f"should be a channel number, not {_shown(value)}", path)


_AZURE_UNKNOWN = frozenset({"Unknown", "unknown"})


def _azure_interval(
    obj: JsonObject,
    starts: tuple[tuple[str, float], ...],
    lengths: tuple[tuple[str, float], ...],
    where: str,
    path: str,
) -> tuple[float, float]:
    """Start and end from an offset and a duration, each under the first key ``obj`` has
    (with that key's unit: ticks, milliseconds, seconds; ISO 8601 strings carry their own)."""
    values = []
    for candidates in (starts, lengths):
        key, scale = next(((k, s) for k, s in candidates if obj.get(k) is not None), candidates[0])
        values.append(_seconds(obj.get(key), _at(where, key), path, scale))
    # Rounded to the 100 ns ticks: 3.87 + 4.23 is 8.1, not 8.100000000000001.
    return values[0], round(values[0] + values[1], 7)


_BATCH_TIMES = (
    (("offsetInTicks", TICKS_PER_S), ("offset", 1.0)),
    (("durationInTicks", TICKS_PER_S), ("duration", 1.0)),
)
_SDK_TIMES = (
    (("Offset", TICKS_PER_S), ("OffsetInSeconds", 1.0)),
    (("Duration", TICKS_PER_S), ("DurationInSeconds", 1.0)),
)
_FAST_TIMES = ((("offsetMilliseconds", 1000.0),), (("durationMilliseconds", 1000.0),))


def _azure_batch(doc: JsonObject, path: str) -> list[_Phrase]:
    """Batch transcription v3.x (and the 2020 layout): ``recognizedPhrases``, camelCase."""
    phrases = []
    for i, raw in enumerate(_array(doc, "recognizedPhrases", "", path)):
        here = f"recognizedPhrases[{i}]"
        phrase = _object(raw, here, path)
        if phrase.get("recognitionStatus", "Success") != "Success":
            continue
        best = _array(phrase, "nBest", here, path, required=False)
        if not best:
            continue
        text = _text(
            _object(best[0], f"{here}.nBest[0]", path), "display", f"{here}.nBest[0]", path
        )
        start, end = _azure_interval(phrase, *_BATCH_TIMES, here, path)
        speaker = _speaker(phrase.get("speaker"), f"{here}.speaker", path, unknown=_AZURE_UNKNOWN)
        phrases.append(_Phrase(speaker, _channel(phrase, "channel", here, path), start, end, text))
    return phrases


def _azure_batch_v2(doc: JsonObject, path: str) -> list[_Phrase]:
    """Batch transcription v2 (2019): ``AudioFileResults``, one per channel of a stereo file."""
    files = _array(doc, "AudioFileResults", "", path)
    phrases = []
    for i, raw in enumerate(files):
        here = f"AudioFileResults[{i}]"
        segments = _array(_object(raw, here, path), "SegmentResults", here, path, required=False)
        for phrase in _azure_sdk_results(segments, f"{here}.SegmentResults", path):
            channel = phrase.channel if phrase.channel is not None else i
            phrases.append(phrase._replace(channel=channel if len(files) > 1 else phrase.channel))
    return phrases


def _azure_fast(doc: JsonObject, path: str) -> list[_Phrase]:
    """Fast transcription: ``phrases`` with milliseconds and ``text``."""
    phrases = []
    for i, raw in enumerate(_array(doc, "phrases", "", path)):
        here = f"phrases[{i}]"
        phrase = _object(raw, here, path)
        start, end = _azure_interval(phrase, *_FAST_TIMES, here, path)
        speaker = _speaker(phrase.get("speaker"), f"{here}.speaker", path, unknown=_AZURE_UNKNOWN)
        text = _text(phrase, "text", here, path)
        phrases.append(_Phrase(speaker, _channel(phrase, "channel", here, path), start, end, text))
    return phrases


def _azure_sdk_results(
    items: list[object], where: str, path: str, *, single: bool = False
) -> list[_Phrase]:
    """Speech SDK detailed results (and v2 batch segments): PascalCase, 100 ns ticks."""
    phrases = []
    for i, raw in enumerate(items):
        here = where if single else f"{where}[{i}]"
        result = _object(raw, here or "the document", path)
        if result.get("RecognitionStatus", "Success") != "Success":
            continue  # NoMatch, InitialSilenceTimeout, EndOfDictation: no speech
        best = _array(result, "NBest", here, path, required=False)
        if best:
            text = _text(
                _object(best[0], f"{here}.NBest[0]", path), "Display", f"{here}.NBest[0]", path
            )
        else:
            text = _text(result, "DisplayText", here, path)
        start, end = _azure_interval(result, *_SDK_TIMES, here, path)
        speaker = _speaker(
            result.get("SpeakerId"), _at(here, "SpeakerId"), path, unknown=_AZURE_UNKNOWN
        )
        key = "Channel" if result.get("Channel") is not None else "ChannelNumber"
        channel = _channel(result, key, here, path)
        phrases.append(_Phrase(speaker, channel, start, end, text))
    return phrases


# Speechmatics ---------------------------------------------------------------------------------


def parse_speechmatics(data: object, path: str, notes: list[str]) -> Iterator[Turn]:
    """Speechmatics JSON v2 results, real-time ``AddTranscript`` messages, or v1 words."""
    if isinstance(data, list):
        results: list[tuple[object, str]] = []
        for i, raw in enumerate(data):
            message = _object(raw, f"[{i}]", path)
            if message.get("message") == "AddTranscript":  # partial transcripts are revised
                here = f"[{i}].results"
                items = _array(message, "results", f"[{i}]", path)
                results.extend((item, f"{here}[{j}]") for j, item in enumerate(items))
    else:
        doc = _object(data, "the document", path)
        if "results" not in doc and "words" in doc:
            yield from _from_words(_speechmatics_v1(doc, path), notes)
            return
        items = _array(doc, "results", "", path)
        results = [(item, f"results[{j}]") for j, item in enumerate(items)]
    words = _Words()
    by_channel = False
    for raw, here in results:
        result = _object(raw, here, path)
        kind = result.get("type")
        alternatives = _array(result, "alternatives", here, path, required=False)
        if kind == "speaker_change" or not alternatives:
            continue
        best = _object(alternatives[0], f"{here}.alternatives[0]", path)
        content = _text(best, "content", f"{here}.alternatives[0]", path)
        speaker = _speaker(
            best.get("speaker"), f"{here}.alternatives[0].speaker", path, unknown=frozenset({"UU"})
        )
        if speaker is None and result.get("channel") is not None:
            speaker = _speaker(result["channel"], f"{here}.channel", path)
            by_channel = True
        attaches = result.get("attaches_to", "previous" if kind == "punctuation" else "none")
        if kind == "punctuation" and attaches in ("previous", "both"):
            words.glue_left(content, speaker, both=attaches == "both")
        elif kind == "punctuation" and attaches == "next":
            words.glue_right(content)
        elif content:
            start, end = _span(result, ("start_time", "end_time"), here, path)
            words.add(Word(speaker, start, end, content))
    yield from _from_words(words.in_time_order() if by_channel else words.words, notes)


def _speechmatics_v1(doc: JsonObject, path: str) -> list[Word]:
    """v1: ``words`` and ``speakers``, each ``{"name", "time", "duration"}`` as strings."""
    spans = []
    for i, raw in enumerate(_array(doc, "speakers", "", path, required=False)):
        here = f"speakers[{i}]"
        entry = _object(raw, here, path)
        start = _seconds(entry.get("time"), f"{here}.time", path)
        length = _seconds(entry.get("duration"), f"{here}.duration", path)
        name = _speaker(entry.get("name"), f"{here}.name", path, unknown=frozenset({"UU"}))
        spans.append((start, round(start + length, 6), name))
    timeline = _Timeline(spans)
    words = _Words()
    for i, raw in enumerate(_array(doc, "words", "", path)):
        here = f"words[{i}]"
        word = _object(raw, here, path)
        name = _text(word, "name", here, path)
        start = _seconds(word.get("time"), f"{here}.time", path)
        end = round(start + _seconds(word.get("duration"), f"{here}.duration", path), 6)
        speaker = timeline.at(start, end)
        if name and not any(char.isalnum() for char in name):
            words.glue_left(name, speaker)  # v1 gives punctuation as zero-length words
        elif name:
            words.add(Word(speaker, start, end, name))
    return words.words


# IBM Watson Speech to Text --------------------------------------------------------------------


def parse_watson(data: object, path: str, notes: list[str]) -> Iterator[Turn]:
    """Watson final results' word timestamps, speakers joined from ``speaker_labels`` by time."""
    stream = isinstance(data, list)
    if isinstance(data, list):
        messages = [(_object(raw, f"[{i}]", path), f"[{i}]") for i, raw in enumerate(data)]
    else:
        doc = _object(data, "the document", path)
        parts = _array(doc, "results", "", path)
        if parts and all(
            isinstance(p, dict) and ("results" in p or "result_index" in p) for p in parts
        ):
            # An asynchronous job: one recognize response per part of the audio.
            messages = [
                (_object(p, f"results[{i}]", path), f"results[{i}]") for i, p in enumerate(parts)
            ]
        else:
            messages = [(doc, "")]
    finals: dict[int, tuple[JsonObject, str]] = {}
    interim = 0
    spans: list[tuple[float, float, str | None]] = []
    for message, where in messages:
        base = message.get("result_index", 0)
        if isinstance(base, bool) or not isinstance(base, int):
            raise _fail(
                _at(where, "result_index"), f"should be a number, not {json_kind(base)}", path
            )
        for j, raw in enumerate(_array(message, "results", where, path, required=False)):
            here = f"{_at(where, 'results')}[{j}]"
            result = _object(raw, here, path)
            if result.get("final", True) is True:
                finals[base + j] = (result, here)  # a later final for an index replaces it
            else:
                interim += 1
        for j, raw in enumerate(_array(message, "speaker_labels", where, path, required=False)):
            here = f"{_at(where, 'speaker_labels')}[{j}]"
            label = _object(raw, here, path)
            spans.append(
                (
                    *_span(label, ("from", "to"), here, path),
                    _speaker(label.get("speaker"), f"{here}.speaker", path),
                )
            )
    if stream and interim:
        were = "was" if interim == 1 else "were"
        notes.append(
            f"Read the final results of the stream ({plural(len(finals), 'result')}); "
            f"{plural(interim, 'interim result')} {were} left out."
        )
    yield from _watson_turns([finals[k] for k in sorted(finals)], _Timeline(spans), path, notes)


def _watson_turns(
    finals: list[tuple[JsonObject, str]], timeline: _Timeline, path: str, notes: list[str]
) -> Iterator[Turn]:
    bests = []
    for result, where in finals:
        alternatives = _array(result, "alternatives", where, path)
        if alternatives:
            here = f"{where}.alternatives[0]"
            best = _object(alternatives[0], here, path)
            bests.append(
                (
                    _text(best, "transcript", here, path),
                    _watson_words(best, result, here, where, path),
                )
            )
    hesitations = sum(
        token == HESITATION
        for transcript, timed in bests
        for token in (transcript.split() if timed is None else (t[0] for t in timed))
    )
    if hesitations:
        are = "is" if hesitations == 1 else "are"
        notes.append(
            f"{plural(hesitations, 'hesitation marker')} ({HESITATION}) {are} read as "
            f"{HESITATION_TEXT!r}."
        )
    if any(timed is None for _, timed in bests):
        # Without timestamps nothing is timed: one turn per final result.
        for transcript, _ in bests:
            text = " ".join(_unhesitate(token) for token in transcript.split())
            if text:
                yield Turn(None, None, None, text)
        return
    words = [
        _word(timeline.at(start, end), start, end, _unhesitate(token), where, path)
        for _, timed in bests
        for token, start, end, where in timed or ()
    ]
    yield from _from_words(words, notes)


def _unhesitate(token: str) -> str:
    return HESITATION_TEXT if token == HESITATION else token


def _watson_words(
    best: JsonObject, result: JsonObject, here: str, where: str, path: str
) -> list[tuple[str, float, float, str]] | None:
    """``(word, start, end, json path)`` from ``timestamps``, else ``word_alternatives``."""
    words = []
    if best.get("timestamps") is not None:
        for i, raw in enumerate(_array(best, "timestamps", here, path)):
            item = f"{here}.timestamps[{i}]"
            if not isinstance(raw, list) or len(raw) != 3 or not isinstance(raw[0], str):
                raise _fail(item, "should be [word, start, end]", path)
            start = _seconds(raw[1], f"{item}[1]", path)
            end = _seconds(raw[2], f"{item}[2]", path)
            if raw[0].strip():
                words.append((raw[0].strip(), start, end, item))
        return words
    if result.get("word_alternatives") is not None:
        for i, raw in enumerate(_array(result, "word_alternatives", where, path)):
            item = f"{where}.word_alternatives[{i}]"
            entry = _object(raw, item, path)
            start, end = _span(entry, ("start_time", "end_time"), item, path)
            choices = _array(entry, "alternatives", item, path, required=False)
            if choices:
                text = _text(
                    _object(choices[0], f"{item}.alternatives[0]", path), "word", item, path
                )
                if text:
                    words.append((text, start, end, item))
        return words
    return None


_READERS: dict[str, Callable[[object, str, list[str]], Iterator[Turn]]] = {
    "aws-transcribe": parse_aws,
    "google-stt": parse_google,
    "azure-speech": parse_azure,
    "speechmatics": parse_speechmatics,
    "ibm-watson": parse_watson,
}
