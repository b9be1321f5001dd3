"""Layouts of real exports an earlier twoway misread (tests/data/real-layouts/SOURCES.md)."""

from __future__ import annotations

from pathlib import Path

from twoway.analysis.lexicon import count_words
from twoway.formats import load
from twoway.model import Turn

DATA = Path(__file__).parents[1] / "data" / "real-layouts"


def test_google_meet_blocks_spread_over_the_block_and_end_at_the_footer() -> None:
    conv = load(DATA / "meet_blocks.txt")
    # Before: "Only 2 of 4 turns have a timestamp, so the file was read without timing", and the
    # footer "Transcription ended after 00:01:40" was the last speaker's words.
    assert [(t.speaker, t.start, t.end) for t in conv.turns] == [
        ("Ana Ruiz", 0.0, 3.6),  # 9 words at 2.5 a second
        ("Ben Okafor", 30.0, 33.6),  # after 9 of the block's 18 words, in 0:00-1:00
        ("Ana Ruiz", 60.0, 64.0),
        ("Ben Okafor", 88.571, 90.171),  # after 10 of 14 words, in 1:00-1:40
    ]
    assert all(t.end_estimated for t in conv.turns)
    assert conv.turns[-1].text == "Mostly the old invoices."


def test_sppas_layers_are_one_speaker_reading_the_aligned_tokens() -> None:
    conv = load(DATA / "sppas.TextGrid")
    # Before: all three tiers were speakers, with "author=..." as speech.
    assert conv.turns == (Turn(None, 0.3, 2.0, "anna reads books"),)


def test_elan_event_and_gesture_tiers_are_not_speakers() -> None:
    conv = load(DATA / "event_gesture.eaf")
    # Before: "Event" held 52% of the talk and the speech tier was shown as "Clause".
    assert conv.turns == (
        Turn(None, 0.0, 1.5, "so there was a man"),
        Turn(None, 1.8, 3.2, "picking apples"),
    )


def test_three_line_rolling_captions_count_each_word_once() -> None:
    conv = load(DATA / "rolling_3line.en.vtt")
    text = " ".join(t.text or "" for t in conv.turns)
    # Before: the growing last line was repeated whole in every cue (words counted 2-3 times).
    assert count_words(text) == 12
    assert text.replace(" .", ".") == (
        "Good evening and welcome to the meeting. Please sit down. Thank you."
    )


def test_srt_blank_lines_inside_a_cue_keep_the_speech() -> None:
    conv = load(DATA / "blank_line_in_cue.srt")
    # Before: "Skipped 2 blocks with no cue timing line" and the host lost two sentences.
    assert conv.turns[1] == Turn(
        "Host",
        4.0,
        20.0,
        "There are three reasons. First, the costs went down. Second, the tools got better.",
    )
    assert conv.notes == ("2 lines after a blank line inside a cue were read as part of that cue.",)


def test_a_converted_document_starting_with_an_html_comment_is_not_xml() -> None:
    conv = load(DATA / "teams_converted.md")
    # Before: "XML without a root element, not a transcript format twoway knows".
    assert [(t.speaker, t.start) for t in conv.turns] == [
        ("Ana Ruiz", 3.0),
        ("Ben Okafor", 9.0),
        ("Ana Ruiz", 19.0),
    ]


def test_teams_unpadded_time_spans_are_milliseconds() -> None:
    conv = load(DATA / "teams_unpadded.vtt")
    # Before: "0:0:2.80 --> 0:0:3.530" was 2.8-3.53 s and "0:0:4.5" 4.5 s; with an end before
    # its start the file was refused.
    assert [(t.speaker, t.start, t.end) for t in conv.turns] == [
        ("Dana Lee", 0.0, 2.32),
        ("Alex Kim", 2.08, 3.53),
        ("Dana Lee", 4.005, 9.045),
    ]


def test_zoom_saved_captions_without_names_are_timed_from_the_first_line() -> None:
    conv = load(DATA / "zoom_captions_no_names.txt")
    # Before: read as plain text, no timing, each clock counted as three words.
    assert [t.start for t in conv.turns] == [0.0, 8.0, 30.0]
    assert conv.turns[0].text == "Welcome back everyone, let us get started with the review."
    assert conv.notes[0] == (
        "The times are clock times (the first turn at 19:59:50); they were counted from the "
        "first turn."
    )


def test_whisper_segments_with_a_speaker_id() -> None:
    conv = load(DATA / "whisper_speaker_id.json")
    # Before: one unknown speaker, and a note that the file does not say who spoke.
    assert [t.speaker for t in conv.turns] == ["Speaker 1", "Speaker 2", "Speaker 1"]
    assert conv.notes == ()


def test_google_meet_drive_vtt_names_in_parentheses_and_two_speakers_in_a_cue() -> None:
    conv = load(DATA / "meet_drive.vtt")
    # Before: one unknown speaker with the names counted as words, and Ben's words dropped.
    assert conv.turns == (
        Turn("Ana Ruiz", 8.0, 12.0, "I wanted to start with a little background on the team"),
        Turn("Ana Ruiz", 12.0, 14.5, "so what brought you here?"),  # 5 of the 8 words
        Turn("Ben Okafor", 14.5, 16.0, "Mostly the people"),
    )
