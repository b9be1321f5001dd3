"""Whisper-family JSON: openai-whisper, whisper-timestamped, OpenAI verbose_json and
diarized_json, whisper.cpp ``-oj``/``-ojf``, and WhisperX with speakers only on its words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from twoway.errors import FormatError
from twoway.formats import load, parse_text
from twoway.formats.words import WORDS_NOTE
from twoway.model import Turn

DATA = Path(__file__).parents[1] / "data"
UNKNOWN = "The file does not say who spoke; speakers are unknown."


def test_openai_whisper_cli_output() -> None:
    conv = load(DATA / "whisper" / "openai_whisper_cli.json")
    assert conv.format == "whisper"
    assert conv.turns == (
        Turn(None, 0.0, 2.8, "Tell me about a project you are proud of."),
        Turn(None, 3.2, 7.04, "Sure, last year I rebuilt our billing pipeline."),
    )
    assert conv.notes == (UNKNOWN,)


def test_whisper_timestamped_reads_the_segments() -> None:
    conv = load(DATA / "whisper" / "whisper_timestamped.json")
    assert conv.format == "whisper"
    assert conv.turns == (
        Turn(None, 0.4, 1.62, "Bonjour à tous."),
        Turn(None, 2.1, 3.3, "Merci d'être venus ?"),
    )


def test_openai_verbose_json() -> None:
    conv = load(DATA / "whisper" / "openai_verbose_json.json")
    assert conv.format == "whisper"
    assert conv.turns == (
        Turn(None, 0.0, 3.319999933242798, "The beach was a popular spot on a hot summer day."),
        Turn(
            None,
            3.319999933242798,
            8.079999923706055,
            "People were swimming in the ocean, building sandcastles, and playing beach "
            "volleyball.",
        ),
    )


def test_openai_verbose_json_with_word_timestamps_only() -> None:
    conv = load(DATA / "whisper" / "openai_verbose_json_words_only.json")
    # "day" ends at 3.32 s, "People" starts at 5.0 s: two turns. OpenAI's words carry no
    # punctuation, so neither do the turns.
    assert conv.turns == (
        Turn(None, 0.0, 3.319999933242798, "The beach was a popular spot on a hot summer day"),
        Turn(None, 5.0, 5.960000038146973, "People were swimming"),
    )
    assert conv.notes == (WORDS_NOTE, UNKNOWN)


def test_openai_diarized_json() -> None:
    conv = load(DATA / "whisper" / "openai_diarized_json.json")
    assert conv.format == "openai"
    assert conv.turns == (
        Turn("Speaker A", 0.3, 2.1, "Thanks for joining us today."),
        Turn("Speaker B", 2.6, 3.9, "Happy to be here."),
        Turn("Speaker A", 4.4, 7.2, "Let's start with your background."),
    )


def test_openai_diarized_json_with_known_speaker_names() -> None:
    document = {
        "task": "transcribe",
        "segments": [
            {
                "type": "transcript.text.segment",
                "id": "a",
                "start": 0,
                "end": 1,
                "text": "Hi.",
                "speaker": "Al",
            },
            {
                "type": "transcript.text.segment",
                "id": "b",
                "start": 1,
                "end": 2,
                "text": "Hi, Al.",
                "speaker": "agent",
            },
        ],
    }
    assert [t.speaker for t in parse_text(json.dumps(document)).turns] == ["Al", "agent"]


def test_whisperx_speakers_only_on_the_words() -> None:
    conv = load(DATA / "whisperx" / "speakers_on_words_only.json")
    assert conv.format == "whisperx"
    # "2019." has no times (WhisperX could not align it): it stays in the turn around it.
    assert conv.turns == (
        Turn("SPEAKER_01", 0.5, 2.0, "How long have you been at Acme?"),
        Turn("SPEAKER_00", 2.6, 3.85, "About three years, since 2019."),
        Turn("SPEAKER_01", 5.0, 6.2, "Nice."),
    )
    assert conv.notes == ("The segments do not say who spoke; the words do.", WORDS_NOTE)


def test_whisper_cpp_oj() -> None:
    conv = load(DATA / "whisper-cpp" / "jfk_oj.json")
    assert conv.format == "whisper"
    assert conv.turns == (
        Turn(
            None,
            0.0,
            11.0,
            "And so my fellow Americans, ask not what your country can do for you, ask what you "
            "can do for your country.",
        ),
    )


def test_whisper_cpp_ojf_reads_segments_not_tokens() -> None:
    conv = load(DATA / "whisper-cpp" / "jfk_ojf.json")
    rest = "ask not what your country can do for you, ask what you can do for your country."
    assert [(t.start, t.end, t.text) for t in conv.turns] == [
        (0.0, 3.3, "And so my fellow Americans,"),
        (3.3, 11.0, rest),
    ]


def test_whisper_cpp_stereo_diarize() -> None:
    conv = load(DATA / "whisper-cpp" / "stereo_diarize.json")
    # "?" is whisper.cpp's "could not tell": no speaker.
    assert [(t.speaker, t.start) for t in conv.turns] == [
        ("Speaker 0", 0.0),
        ("Speaker 1", 2.4),
        (None, 5.2),
        ("Speaker 0", 6.0),
    ]


def test_whisper_cpp_tinydiarize_turns_between_the_marks() -> None:
    conv = load(DATA / "whisper-cpp" / "tinydiarize.json")
    assert conv.turns == (
        Turn(None, 0.0, 1.8, "Thanks for making the time today."),
        Turn(None, 1.8, 5.2, "Of course. I'm glad we could find a slot."),
        Turn(None, 6.0, 9.0, "So tell me about your last role."),
    )
    assert conv.notes == (
        "Skipped 1 segment of [BLANK_AUDIO] (no speech).",
        "whisper.cpp (tinydiarize) marked 2 changes of speaker but not who spoke; the turns "
        "between the marks have unknown speakers.",
        UNKNOWN,
    )


def test_segment_words_are_not_read_when_the_segments_have_what_is_needed() -> None:
    document = {"text": "x", "segments": [{"start": 0, "end": 1, "text": "x", "words": "?"}]}
    assert parse_text(json.dumps(document)).turns == (Turn(None, 0.0, 1.0, "x"),)


def test_whisper_cpp_without_offsets_reads_the_clock_strings() -> None:
    document = {
        "transcription": [
            {"timestamps": {"from": "00:01:02,500", "to": "00:01:04,000"}, "text": " Hi."}
        ]
    }
    assert parse_text(json.dumps(document)).turns == (Turn(None, 62.5, 64.0, "Hi."),)


@pytest.mark.parametrize(
    ("document", "flavor", "message"),
    [
        (
            {"transcription": [{"offsets": {"from": 2000, "to": 1000}, "text": "x"}]},
            "whisper",
            "transcription[0].offsets ends (1 s) before it starts (2 s)",
        ),
        (
            {"transcription": [{"timestamps": {"from": "soon", "to": "00:00:01,000"}}]},
            "whisper",
            "transcription[0].timestamps.from should be a time like 00:00:01,000, not 'soon'",
        ),
        (
            {"transcription": [{"text": "x"}]},
            "whisper",
            "transcription[0].timestamps should be an object, not null",
        ),
        (
            {
                "segments": [
                    {
                        "start": 0,
                        "end": 1,
                        "words": [{"word": "a", "speaker": "S", "start": "0", "end": 1}],
                    }
                ]
            },
            "whisperx",
            "segments[0].words[0].start should be a number, not a string",
        ),
        (
            {"task": "transcribe", "words": [{"word": "a", "start": 3, "end": 1}]},
            "whisper",
            "words[0] ends (1 s) before it starts (3 s)",
        ),
    ],
)
def test_errors_name_the_json_path(document: object, flavor: str, message: str) -> None:
    with pytest.raises(FormatError) as caught:
        parse_text(json.dumps(document), format=flavor)
    assert caught.value.message == message
