"""SRT: Otter/Descript/Rev ``Name:`` prefixes, WhisperX ``[SPEAKER_00]:``, dot milliseconds."""

from __future__ import annotations

from pathlib import Path

import pytest

from twoway.errors import FormatError
from twoway.formats import load, parse_text, srt
from twoway.model import Turn

DATA = Path(__file__).parents[1] / "data"


def test_otter_export() -> None:
    conv = load(DATA / "srt" / "otter.srt")
    assert conv.format == "srt"
    assert conv.turns == (
        Turn("Jordan Lee", 0.64, 4.12, "Thanks for joining. How's your week been?"),
        Turn("Riley Chen", 4.56, 8.9, "Busy, but good. I just wrapped up a migration project."),
        Turn("Jordan Lee", 9.3, 12.0, "Nice. What did the migration involve?"),
        Turn(
            "Riley Chen",
            12.4,
            20.75,
            "Moving our billing service off a monolith. It took about four months.",
        ),
    )
    assert conv.notes == ()


def test_whisperx_bracket_speakers_and_continuation() -> None:
    conv = load(DATA / "srt" / "whisperx_speaker_prefix.srt")
    assert conv.turns == (
        Turn("SPEAKER_00", 0.031, 3.254, "Tell me about a time you disagreed with your manager."),
        Turn("SPEAKER_01", 3.774, 9.402, "Sure. We disagreed about when to ship a feature."),
        Turn("SPEAKER_01", 9.422, 11.003, "I wanted more testing first."),
        Turn("SPEAKER_00", 11.543, 12.964, "How did that end?"),
    )


def test_dot_milliseconds_italics_and_ass_tags() -> None:
    conv = load(DATA / "srt" / "dot_milliseconds.srt")
    assert conv.turns == (
        Turn("Interviewer", 1.0, 2.5, "Ready when you are."),
        Turn("Candidate", 3.0, 4.0, "Ready."),
    )


def test_end_before_start() -> None:
    with pytest.raises(FormatError) as caught:
        parse_text("1\n00:00:09,000 --> 00:00:05,000\nDana: hi\n")
    assert (
        str(caught.value) == "<string>:2: cue ends (00:00:05,000) before it starts (00:00:09,000)"
    )


def test_sentence_like_prefixes_are_not_speakers() -> None:
    text = (
        "1\n00:00:00,000 --> 00:00:01,000\nSo here's the thing: it broke.\n\n"
        "2\n00:00:01,000 --> 00:00:02,000\nAnd then, honestly: we fixed it.\n\n"
        "3\n00:00:02,000 --> 00:00:03,000\nAt 10:30 we shipped.\n"
    )
    assert [t.speaker for t in srt.parse(text)] == [None, None, None]


def test_compose_uses_brackets_for_labels_that_do_not_look_like_names() -> None:
    turns = [Turn("Dana Lee", 0.0, 1.0, "Hi"), Turn("speaker_1", 1.5, 2.0, "Hello")]
    text = srt.compose(turns)
    assert text == (
        "1\n00:00:00,000 --> 00:00:01,000\nDana Lee: Hi\n\n"
        "2\n00:00:01,500 --> 00:00:02,000\n[speaker_1]: Hello\n"
    )
    assert list(srt.parse(text)) == turns


def test_blocks_without_any_timing_line_are_not_srt(in_repo: Path) -> None:
    with pytest.raises(FormatError) as caught:
        load("tests/data/srt/no_timing_lines.srt")
    assert str(caught.value) == (
        "tests/data/srt/no_timing_lines.srt:1: no cue timing line (00:00:01,000 --> ...) "
        "in the file: not SubRip (SRT)"
    )
    # One timed cue among them is enough: the others are skipped with a note.
    conv = parse_text("1\nHello.\n\n2\n00:00:01,000 --> 00:00:02,000\nDana: Hi.\n", format="srt")
    assert conv.turns == (Turn("Dana", 1.0, 2.0, "Hi."),)
    assert conv.notes == ("Skipped 1 block with no cue timing line.",)


def test_assemblyai_subtitles(shared_dir: Path) -> None:
    # SOURCES.md: 50 cues from 00:00:05,400, one line each, split mid-sentence, no speakers
    # (the last cue ends at 00:03:13,514 in the file).
    conv = load(shared_dir / "exports/assemblyai/assemblyai_go_subtitles.srt")
    assert conv.format == "srt"
    assert len(conv.turns) == 50
    assert conv.turns[0] == Turn(None, 5.4, 12.55, "Runner's knee runner's")
    assert conv.turns[-1] == Turn(
        None, 190.01, 193.514, "loss of full range of motion, swelling around the knee."
    )
    assert conv.speakers == ()
    assert conv.notes == ("The file does not say who spoke; speakers are unknown.",)
