"""The JSON dispatcher (sniffing, arrays, the cloud module, unknown JSON), the first fixtures of
WhisperX, AssemblyAI, Deepgram and Podcasting 2.0, and JSON errors with their paths.

Each tool has its own test file as well: ``test_json_deepgram.py``, ``test_json_assemblyai.py``,
``test_json_whisper.py``, ``test_json_rev_youtube.py``; real exports: ``test_json_exports.py``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from twoway.errors import FormatError, UnknownFormatError, UsageError
from twoway.formats import cloud_json, json_formats, load, parse_text
from twoway.model import Turn

DATA = Path(__file__).parents[1] / "data"


def test_whisperx_with_an_unassigned_segment() -> None:
    conv = load(DATA / "whisperx" / "whisperx.json")
    assert conv.format == "whisperx"
    assert conv.turns == (
        Turn("SPEAKER_00", 0.031, 3.254, "Tell me about yourself."),
        Turn("SPEAKER_01", 3.774, 9.402, "I've spent six years building data tools."),
        Turn(None, 9.9, 10.4, "Mm-hmm."),
        Turn("SPEAKER_00", 10.8, 12.5, "Why this company?"),
    )
    assert conv.notes == (
        "1 of 4 segments has no speaker (WhisperX could not assign one); they count for nobody.",
    )


def test_assemblyai_milliseconds_and_speaker_letters() -> None:
    conv = load(DATA / "assemblyai" / "assemblyai.json")
    assert conv.format == "assemblyai"
    assert conv.turns == (
        Turn("Speaker A", 0.25, 1.98, "Thanks for coming in."),
        Turn("Speaker B", 2.21, 3.6, "Thanks for having me."),
        Turn("Speaker A", 4.0, 8.125, "What are you looking for in your next role?"),
    )


def test_deepgram_integer_speakers() -> None:
    conv = load(DATA / "deepgram" / "deepgram.json")
    assert conv.format == "deepgram"
    assert conv.turns == (
        Turn("Speaker 0", 0.08, 2.64, "How did you hear about us?"),
        Turn("Speaker 1", 3.12, 7.9, "A former colleague recommended the team."),
        Turn("Speaker 0", 8.2, 9.5, "Great to hear."),
    )


def test_podcast_words_merge_when_less_than_a_second_apart() -> None:
    conv = load(DATA / "podcast-json" / "podcast.json")
    assert conv.format == "podcast-json"
    assert conv.turns == (
        Turn("Host", 0.5, 2.2, "How did you start?"),
        Turn("Guest", 2.6, 3.6, "By accident."),
        # 5.0 - 3.6 = 1.4 s apart: a new turn.
        Turn("Guest", 5.0, 5.4, "Really."),
    )
    assert conv.notes == ("Merged 7 segments into 3 turns (same speaker, less than 1 s apart).",)


def test_twoway_analysis_output_is_refused(in_repo: Path) -> None:
    with pytest.raises(UnknownFormatError) as caught:
        load("tests/data/other/twoway_analysis.json")
    assert str(caught.value) == (
        "tests/data/other/twoway_analysis.json: this is a twoway analysis output "
        "(schema 'twoway.analysis/1'), not a transcript; give twoway the transcript it was "
        "made from"
    )


def test_twoway_output_is_refused_even_with_a_forced_flavor() -> None:
    with pytest.raises(UnknownFormatError, match="analysis output"):
        parse_text('{"schema": "twoway.analysis/1", "segments": []}', format="whisperx")


def test_bad_json_names_the_line(in_repo: Path) -> None:
    with pytest.raises(FormatError) as caught:
        load("tests/data/other/bad.json")
    assert str(caught.value) == (
        "tests/data/other/bad.json:3: invalid JSON: Expecting ',' delimiter (column 31)"
    )


def test_missing_key_names_the_json_path(in_repo: Path) -> None:
    with pytest.raises(FormatError) as caught:
        load("tests/data/other/missing_key.json")
    assert str(caught.value) == "tests/data/other/missing_key.json: segments[1].start is missing"


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (
            '{"segments": [{"start": "0", "end": 1}]}',
            "segments[0].start should be a number, not a string",
        ),
        (
            '{"segments": [{"start": true, "end": 1}]}',
            "segments[0].start should be a number, not true/false",
        ),
        ('{"segments": [{"start": 2, "end": 1}]}', "segments[0] ends (1 s) before it starts (2 s)"),
        (
            '{"segments": [{"start": 0, "end": 1, "text": 5}]}',
            "segments[0].text should be a string, not a number",
        ),
        (
            '{"segments": [{"start": 0, "end": 1, "speaker": []}]}',
            "segments[0].speaker should be a string or a number, not an array",
        ),
        (
            '{"segments": [{"start": -1, "end": 1}]}',
            "segments[0].start should be a time of 0 or more seconds, not -1",
        ),
        (
            '{"segments": [{"start": NaN, "end": 1}]}',
            "segments[0].start should be a time of 0 or more seconds, not nan",
        ),
        ('{"segments": [7]}', "segments[0] should be an object, not a number"),
        # Without speaker_labels AssemblyAI sends "utterances": null and the words; with
        # neither there is nothing to read.
        (
            '{"utterances": null}',
            "the document has no utterances, paragraphs, sentences or words",
        ),
        (
            '{"utterances": [{"start": 1e400, "end": 1}]}',
            "utterances[0].start should be a time of 0 or more seconds, not inf",
        ),
        # Without utterances a Deepgram response is read from its channels.
        ('{"results": {"utterances": null}}', "results.channels is missing"),
        ('{"results": {"utterances": {}}}', "results.utterances should be an array, not an object"),
        ('{"version": "1.0.0", "segments": [{"startTime": 0}]}', "segments[0].endTime is missing"),
    ],
)
def test_wrong_types_name_the_json_path(document: str, message: str) -> None:
    with pytest.raises(FormatError) as caught:
        parse_text(document)
    assert caught.value.message == message


def test_unknown_json_lists_the_json_twoway_reads() -> None:
    with pytest.raises(UnknownFormatError) as caught:
        parse_text('{"name": "package"}')
    message = caught.value.message
    assert message.startswith(
        "JSON, but not a transcript format twoway knows; the JSON it reads: "
        "whisperx (WhisperX JSON), "
        "whisper (Whisper JSON: openai-whisper, whisper.cpp, OpenAI API), "
        "openai (OpenAI diarized_json), assemblyai (AssemblyAI JSON), deepgram (Deepgram JSON), "
        "rev-ai (Rev.ai JSON), youtube-json3 (YouTube json3 captions), "
        "podcast-json (Podcasting 2.0 JSON)"
    )
    for flavor in cloud_json.FLAVORS:  # the cloud vendors' JSON is listed too
        assert f"{flavor} (" in message
    assert "utterances=true" not in message


def test_unknown_json_array() -> None:
    with pytest.raises(UnknownFormatError, match="the JSON it reads: whisperx"):
        parse_text('[{"a": 1}, {"b": 2}]')


def test_no_vendor_advice_for_another_vendors_file() -> None:
    # An Amazon Transcribe job forced as Deepgram: a plain path error, no Deepgram request tips.
    aws = '{"jobName": "x", "results": {"transcripts": [{"transcript": "hi"}], "items": []}}'
    with pytest.raises(FormatError) as caught:
        parse_text(aws, format="deepgram")
    assert caught.value.message == "results.channels is missing"


@pytest.mark.parametrize(
    ("document", "flavor"),
    [
        ('{"segments": [{"start": 0, "end": 1, "text": "hi"}]}', "whisperx"),
        ('{"segments": [], "word_segments": [], "language": "en"}', "whisperx"),
        ('{"text": " hi", "segments": [], "language": "en"}', "whisper"),
        (
            '{"task": "transcribe", "duration": 1, "text": "hi", "words": [{"word": "hi"}]}',
            "whisper",
        ),
        ('{"transcription": [], "result": {"language": "en"}}', "whisper"),
        ('{"segments": [{"type": "transcript.text.segment", "speaker": "A"}]}', "openai"),
        ('{"utterances": null, "words": []}', "assemblyai"),
        ('{"id": "x", "audio_duration": 1, "paragraphs": []}', "assemblyai"),
        ('{"id": "x", "audio_duration": 1, "sentences": []}', "assemblyai"),
        ('{"status": "completed", "words": [{"text": "hi", "start": 0, "end": 1}]}', "assemblyai"),
        ('{"results": {"channels": []}}', "deepgram"),
        ('{"type": "Results", "channel": {"alternatives": []}, "is_final": true}', "deepgram"),
        ('[{"type": "Metadata"}, {"type": "Results", "is_final": true}]', "deepgram"),
        ('{"monologues": []}', "rev-ai"),
        ('{"wireMagic": "pb3", "events": []}', "youtube-json3"),
        ('{"events": [{"tStartMs": 0, "dDurationMs": 10}]}', "youtube-json3"),
        ('{"version": "1.0.0", "segments": []}', "podcast-json"),
    ],
)
def test_sniffing_json_flavors(document: str, flavor: str) -> None:
    assert json_formats.sniff(json.loads(document)) == flavor


def test_other_json_goes_to_the_cloud_module(monkeypatch: pytest.MonkeyPatch) -> None:
    # The dispatcher's contract with cloud_json: sniff what this module does not know, and hand
    # a cloud flavor's document (an object or an array) to cloud_json.parse.
    seen: list[tuple[object, str, str]] = []

    def fake_parse(data: object, *, flavor: str, path: str, notes: list[str]) -> Iterator[Turn]:
        seen.append((data, flavor, path))
        notes.append("from the cloud module")
        yield Turn("Speaker 0", 0.0, 1.0, "hi")

    monkeypatch.setattr(cloud_json, "FLAVORS", ("fake-cloud",))
    monkeypatch.setattr(cloud_json, "sniff", lambda data: "fake-cloud")
    monkeypatch.setattr(cloud_json, "parse", fake_parse)
    notes: list[str] = []
    turns = list(json_formats.parse('[{"RecognitionStatus": "Success"}]', notes=notes))
    assert turns == [Turn("Speaker 0", 0.0, 1.0, "hi")]
    assert seen == [([{"RecognitionStatus": "Success"}], "fake-cloud", "<string>")]
    assert notes == ["from the cloud module"]


def test_an_unknown_flavor_name_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown JSON flavor 'docx'"):
        json_formats.parse("{}", flavor="docx")
