"""AssemblyAI JSON: utterances, the /paragraphs and /sentences responses, words, channels."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from twoway.errors import FormatError
from twoway.formats import load, parse_text
from twoway.formats.words import WORDS_NOTE
from twoway.model import Turn

DATA = Path(__file__).parents[1] / "data" / "assemblyai"


def test_without_speaker_labels_the_words_make_one_unknown_speaker() -> None:
    conv = load(DATA / "words_without_speaker_labels.json")
    assert conv.format == "assemblyai"
    # Milliseconds; "wildfires" ends at 2.24 s and "Peter," starts at 4.6 s: a 2.36 s pause.
    assert conv.turns == (
        Turn(None, 0.24, 2.24, "Smoke from hundreds of wildfires"),
        Turn(None, 4.6, 5.72, "Peter, how are you?"),
    )
    assert conv.notes == (WORDS_NOTE, "The file does not say who spoke; speakers are unknown.")


def test_paragraphs_response_splits_where_the_words_change_speaker() -> None:
    conv = load(DATA / "paragraphs_endpoint.json")
    assert conv.format == "assemblyai"
    # Paragraphs have no speaker of their own; the second one holds two speakers' words.
    assert conv.turns == (
        Turn("Speaker A", 0.25, 1.9, "Thanks for coming in today."),
        Turn("Speaker B", 2.3, 3.4, "Thanks for having me."),
        Turn("Speaker A", 3.9, 5.1, "So, where should we start?"),
    )


def test_sentences_response() -> None:
    conv = load(DATA / "sentences_endpoint.json")
    assert [(t.speaker, t.start, t.end, t.text) for t in conv.turns] == [
        ("Speaker A", 0.25, 1.9, "Thanks for coming in today."),
        ("Speaker B", 2.3, 3.4, "Thanks for having me."),
        ("Speaker A", 3.9, 5.1, "So, where should we start?"),
    ]


def test_multichannel_speakers_are_the_channels() -> None:
    conv = load(DATA / "multichannel_utterances.json")
    assert conv.turns == (
        Turn("Channel 1", 0.3, 1.4, "Thanks for calling."),
        Turn("Channel 2", 1.9, 3.2, "Hi, I have a question."),
    )


def test_per_channel_diarization_keeps_its_labels() -> None:
    document = {
        "utterances": [
            {"channel": "1", "speaker": "1A", "start": 0, "end": 900, "text": "Hi."},
            {"channel": "1", "speaker": "1B", "start": 1000, "end": 1900, "text": "Hello."},
        ]
    }
    assert [t.speaker for t in parse_text(json.dumps(document)).turns] == [
        "Speaker 1A",
        "Speaker 1B",
    ]


def test_words_with_speakers_but_no_utterances() -> None:
    document = {
        "status": "completed",
        "utterances": [],
        "words": [
            {"text": "Hi.", "start": 100, "end": 400, "speaker": "A"},
            {"text": "Hello.", "start": 600, "end": 900, "speaker": "B"},
        ],
    }
    assert parse_text(json.dumps(document)).turns == (
        Turn("Speaker A", 0.1, 0.4, "Hi."),
        Turn("Speaker B", 0.6, 0.9, "Hello."),
    )


def test_a_name_given_as_speaker_is_kept() -> None:
    document = {"utterances": [{"speaker": "Dana", "start": 0, "end": 1000, "text": "Hi."}]}
    assert parse_text(json.dumps(document)).turns[0].speaker == "Dana"


def test_an_empty_transcript_has_no_turns() -> None:
    conv = parse_text('{"status": "completed", "text": "", "utterances": [], "words": []}')
    assert conv.turns == ()
    assert conv.notes == ("The transcript has no turns.",)


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (
            {"status": "queued", "utterances": None},
            "status is 'queued': AssemblyAI has not finished this transcript yet",
        ),
        (
            {"status": "error", "error": "Download error", "utterances": None},
            "status is 'error': AssemblyAI could not transcribe the audio (Download error)",
        ),
        (
            {"status": "completed", "utterances": None, "words": [{"text": "a", "start": 1}]},
            "words[0].end is missing",
        ),
        (
            {"id": "x", "audio_duration": 1, "paragraphs": [{"start": 5, "end": 1}]},
            "paragraphs[0] ends (0.001 s) before it starts (0.005 s)",
        ),
        (
            {"utterances": [{"start": 0, "end": 1, "channel": "left"}]},
            "utterances[0].channel should be a channel number, not 'left'",
        ),
    ],
)
def test_errors_name_the_json_path(document: object, message: str) -> None:
    with pytest.raises(FormatError) as caught:
        parse_text(json.dumps(document), format="assemblyai")
    assert caught.value.message == message
