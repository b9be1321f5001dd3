"""Deepgram JSON: utterances, paragraphs, words, channels and streaming messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from twoway.errors import FormatError
from twoway.formats import load, parse_text
from twoway.formats.words import WORDS_NOTE
from twoway.model import Turn

DATA = Path(__file__).parents[1] / "data" / "deepgram"


def test_paragraphs_carry_the_speakers_when_there_are_no_utterances() -> None:
    conv = load(DATA / "diarized_paragraphs_no_utterances.json")
    assert conv.format == "deepgram"
    # One turn per paragraph, its sentences joined; the paragraph's times and speaker.
    assert conv.turns == (
        Turn(
            "Speaker 0",
            0.4,
            4.6,
            "Thanks for joining us today. Could you walk me through your last project?",
        ),
        Turn("Speaker 1", 5.2, 8.8, "Sure. I led the migration to a new billing system."),
    )
    assert conv.notes == ()


def test_words_with_speakers_make_the_turns() -> None:
    conv = load(DATA / "diarized_words_only.json")
    # punctuated_word is used; Speaker 1 pauses 4.0 - 2.3 = 1.7 s > 1.5 s: a new turn.
    assert conv.turns == (
        Turn("Speaker 0", 0.0, 1.1, "Hello, how are you?"),
        Turn("Speaker 1", 1.5, 2.3, "Good, thanks."),
        Turn("Speaker 1", 4.0, 5.2, "Anyway, where were we?"),
    )
    assert conv.notes == (WORDS_NOTE,)


def test_each_channel_is_a_speaker_without_diarization() -> None:
    conv = load(DATA / "multichannel_words.json")
    assert conv.turns == (
        Turn("Channel 1", 0.2, 1.5, "Hi, this is Dana."),
        Turn("Channel 2", 1.8, 2.6, "Hello Dana."),
    )
    assert conv.notes == (WORDS_NOTE,)  # once, not once per channel


def test_multichannel_utterances_name_their_channel() -> None:
    conv = load(DATA / "multichannel_utterances.json")
    assert [(t.speaker, t.start, t.end) for t in conv.turns] == [
        ("Channel 1", 0.2, 1.5),
        ("Channel 2", 1.8, 2.6),
    ]


def test_diarized_speakers_are_kept_apart_per_channel() -> None:
    document = {
        "results": {
            "channels": [{"alternatives": []}, {"alternatives": []}],
            "utterances": [
                {"start": 0, "end": 1, "channel": 0, "speaker": 0, "transcript": "Hi."},
                {"start": 1, "end": 2, "channel": 1, "speaker": 0, "transcript": "Hello."},
            ],
        }
    }
    conv = parse_text(json.dumps(document))
    assert [t.speaker for t in conv.turns] == ["Channel 1 Speaker 0", "Channel 2 Speaker 0"]


def test_streaming_messages_keep_the_final_results() -> None:
    conv = load(DATA / "streaming_messages.json")
    assert conv.format == "deepgram"
    # The final results' words, built into turns ("yourself." ends at 2.2 s, "I" starts at
    # 4.2 s); the empty final (silence), the interim guess and the other message types give
    # none.
    assert conv.turns == (
        Turn(None, 0.1, 2.2, "So tell me about yourself."),
        Turn(None, 4.2, 5.7, "I build data pipelines."),
    )
    assert conv.notes == (
        "Read the 3 final results of 4 streaming results; interim results (is_final false) "
        "repeat the same speech and were skipped.",
        WORDS_NOTE,
        "The file does not say who spoke; speakers are unknown.",
    )


def test_a_streaming_message_without_words_spans_its_window() -> None:
    message = _message([])  # interim_results without word timing: start 10.0, duration 3.0
    conv = parse_text(json.dumps([message]))
    assert conv.turns == (Turn(None, 10.0, 13.0, "Hi there. Hello."),)
    assert conv.notes == ("The file does not say who spoke; speakers are unknown.",)


def _message(words: list[dict[str, object]], *, final: bool = True) -> dict[str, object]:
    return {
        "type": "Results",
        "channel_index": [0, 1],
        "start": 10.0,
        "duration": 3.0,
        "is_final": final,
        "channel": {"alternatives": [{"transcript": "Hi there. Hello.", "words": words}]},
    }


def test_a_streaming_message_with_diarized_words() -> None:
    words = [
        {"word": "hi", "punctuated_word": "Hi", "start": 10.2, "end": 10.4, "speaker": 0},
        {"word": "there", "punctuated_word": "there.", "start": 10.4, "end": 10.8, "speaker": 0},
        {"word": "hello", "punctuated_word": "Hello.", "start": 11.0, "end": 11.6, "speaker": 1},
    ]
    conv = parse_text(json.dumps([_message(words)]))
    assert conv.turns == (
        Turn("Speaker 0", 10.2, 10.8, "Hi there."),
        Turn("Speaker 1", 11.0, 11.6, "Hello."),
    )


def test_a_single_interim_message_is_read_with_a_note() -> None:
    conv = parse_text(json.dumps(_message([], final=False)))
    assert conv.turns == (Turn(None, 10.0, 13.0, "Hi there. Hello."),)
    assert conv.notes[0] == "This streaming result is interim (is_final false): a first guess."


def test_streaming_channel_of_a_multichannel_stream() -> None:
    message = _message([]) | {"channel_index": [1, 2]}
    conv = parse_text(json.dumps([message]))
    assert conv.turns[0].speaker == "Channel 2"


def test_deepgram_whisper_models_have_the_same_shape() -> None:
    # model=whisper-large on Deepgram: same results.channels layout, words without punctuation
    # fields when smart_format is off.
    document = {
        "metadata": {"model_info": {"x": {"name": "whisper-large", "arch": "whisper"}}},
        "results": {
            "channels": [
                {
                    "alternatives": [
                        {
                            "transcript": "hello there",
                            "words": [
                                {"word": "hello", "start": 0.5, "end": 0.9, "confidence": 0.9},
                                {"word": "there", "start": 0.9, "end": 1.3, "confidence": 0.9},
                            ],
                        }
                    ]
                }
            ]
        },
    }
    assert parse_text(json.dumps(document)).turns == (Turn(None, 0.5, 1.3, "hello there"),)


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (
            {"results": {"channels": [{"alternatives": [{"words": [{"start": 2, "end": 1}]}]}]}},
            "results.channels[0].alternatives[0].words[0] ends (1 s) before it starts (2 s)",
        ),
        (
            {"results": {"channels": [{"alternatives": [{"paragraphs": {"paragraphs": [{}]}}]}]}},
            "results.channels[0].alternatives[0].paragraphs.paragraphs[0].start is missing",
        ),
        (
            {"results": {"channels": [{}]}},
            "results.channels[0].alternatives is missing",
        ),
        (
            {"results": {"utterances": [{"start": 0, "end": 1, "speaker": [0]}], "channels": []}},
            "results.utterances[0].speaker should be a string or a number, not an array",
        ),
        (
            [{"type": "Results", "is_final": True, "channel": {"alternatives": "x"}}],
            "[0].channel.alternatives should be an array, not a string",
        ),
        (
            [{"type": "Results", "is_final": True, "channel": {}}],
            "[0].channel.alternatives is missing",
        ),
        (
            [
                {
                    "type": "Results",
                    "is_final": True,
                    "channel_index": [0],
                    "channel": {"alternatives": [{"transcript": "hi"}]},
                }
            ],
            "[0].channel_index should be [channel, channels]",
        ),
        (
            [
                {
                    "type": "Results",
                    "is_final": True,
                    "start": 1e308,
                    "duration": 1e308,
                    "channel": {"alternatives": [{"transcript": "hi"}]},
                }
            ],
            "[0].duration is too large",
        ),
    ],
)
def test_errors_name_the_json_path(document: object, message: str) -> None:
    with pytest.raises(FormatError) as caught:
        parse_text(json.dumps(document), format="deepgram")
    assert caught.value.message == message
