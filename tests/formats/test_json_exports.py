"""The JSON readers on real exports in ../shared/data (skipped when that folder is absent).

Expected values are those ../shared/data/exports/SOURCES.md gives for each file (word counts,
times, speakers), checked against the files' own fields by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from twoway.formats import load
from twoway.model import Conversation, Turn

EXPORTS = "exports"


def _words(conv: Conversation) -> int:
    """Words in the turns' text; a French ``?`` standing alone is punctuation, not a word."""
    return sum(
        1 for t in conv.turns for word in (t.text or "").split() if any(c.isalnum() for c in word)
    )


@pytest.mark.parametrize(
    ("name", "words", "start", "end"),
    [
        # paragraphs[0]: 5.6 -> 15.691313 (the audio runs to 17.57 s after the last word)
        ("deepgram_go_nova2_smartformat.json", 28, 5.6, 15.691313),
        # paragraphs[0]: 5.52 -> 17.566313, the "17.57 s" of SOURCES.md
        ("deepgram_nova3_bueller_summarize_no_utterances.json", 28, 5.52, 17.566313),
        # one paragraph of one sentence, 0.32 -> 18.575 (audio 19.10 s)
        ("deepgram_nova3_preamble_no_utterances.json", 52, 0.32, 18.575),
    ],
)
def test_deepgram_without_utterances(
    shared_dir: Path, name: str, words: int, start: float, end: float
) -> None:
    conv = load(shared_dir / EXPORTS / "deepgram" / name)
    assert conv.format == "deepgram"
    assert len(conv.turns) == 1  # one paragraph
    assert (conv.start_s, conv.end_s) == (start, end)
    assert _words(conv) == words
    assert conv.speakers == ()
    assert "utterances" not in " ".join(conv.notes)


def test_deepgram_summary_is_not_a_turn(shared_dir: Path) -> None:
    conv = load(
        shared_dir / EXPORTS / "deepgram" / "deepgram_nova3_bueller_summarize_no_utterances.json"
    )
    assert conv.turns[0].text == (
        "Yep. I said it before and I'll say it again. Life moves pretty fast. "
        "You don't stop and look around once in a while, you could miss it."
    )


def test_deepgram_streaming_message(shared_dir: Path) -> None:
    conv = load(shared_dir / EXPORTS / "deepgram" / "deepgram_websocket_final_message.json")
    # The message's window is 17.0 s + 1.66 s; its words run from 17.56 s ("For") to 18.66 s
    # ("America."): 1.10 s of speech.
    assert conv.turns == (Turn(None, 17.56, 18.66, "For the United States of America."),)
    assert _words(conv) == 6


@pytest.mark.parametrize(
    ("name", "words", "start", "end", "turns"),
    [
        # words[0] starts at 240 ms, words[-1] ("me.") ends at 280530 ms; audio_duration 282 s.
        ("assemblyai_cli_transcript_get_no_speakers.json", 861, 0.24, 280.53, 34),
        ("assemblyai_go_completed_v2_schema.json", 856, 0.25, 280.34, 21),
    ],
)
def test_assemblyai_without_speaker_labels(
    shared_dir: Path, name: str, words: int, start: float, end: float, turns: int
) -> None:
    conv = load(shared_dir / EXPORTS / "assemblyai" / name)
    assert conv.format == "assemblyai"
    assert _words(conv) == words
    assert (conv.start_s, conv.end_s) == (start, end)
    assert len(conv.turns) == turns  # pauses over 0.5 s in the interview
    assert all(t.speaker is None for t in conv.turns)
    assert conv.turns[0].text.startswith("Smoke from hundreds of wildfires in Canada")


@pytest.mark.parametrize(
    ("name", "speakers"),
    [
        ("faveasr_snoopdogg_whisperx_aligned_no_speakers.json", ()),
        ("faveasr_snoopdogg_whisperx_diarized_segments.json", ("SPEAKER_00",)),
    ],
)
def test_whisperx(shared_dir: Path, name: str, speakers: tuple[str, ...]) -> None:
    conv = load(shared_dir / EXPORTS / "whisperx" / name)
    assert conv.format == "whisperx"
    assert len(conv.turns) == 25
    assert _words(conv) == 194
    assert (conv.start_s, conv.end_s) == (0.362, 51.495)
    assert conv.speakers == speakers
    assert conv.speakers_known == bool(speakers)


def test_whisper_timestamped(shared_dir: Path) -> None:
    conv = load(
        shared_dir / EXPORTS / "whisper-json" / "whisper_timestamped_smartphone_fr.words.json"
    )
    assert conv.format == "whisper"
    assert len(conv.turns) == 38
    assert _words(conv) == 554
    assert (conv.start_s, conv.end_s) == (0.4, 177.38)
    assert conv.speakers == ()
    assert conv.turns[0].text.startswith("C'est évident ce que dit Nicolas")


def test_podcast_index_json(shared_dir: Path) -> None:
    conv = load(shared_dir / "vtt" / "podcastindex_HEAD_example.json")
    assert conv.format == "podcast-json"
    assert conv.turns == (
        Turn("Darth Vader", 0.5, 2.5, "I am your father."),
        Turn("Luke", 2.75, 3.0, "Nooooo"),
    )
