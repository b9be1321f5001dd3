"""WebVTT: the cases each fixture in tests/data/vtt pins, with turns written out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from twoway.errors import EncodingError, FormatError, InputError
from twoway.formats import load, parse_text, vtt
from twoway.model import Turn

DATA = Path(__file__).parents[1] / "data"


def test_zoom_name_prefixes_and_an_unnamed_cue_continuing_the_speaker() -> None:
    conv = load(DATA / "vtt" / "zoom_basic.vtt")
    assert conv.format == "vtt"
    assert conv.turns == (
        Turn("Dana Whitfield", 1.2, 4.8, "Thanks for making the time today, Alex."),
        Turn("Alex Moreno", 5.1, 9.95, "Of course. I'm glad we could find a slot this week."),
        Turn(
            "Dana Whitfield",
            10.3,
            16.0,
            "Could you walk me through the data platform you built at Lumen?",
        ),
        Turn("Dana Whitfield", 16.4, 18.0, "Hmm."),
        Turn(
            "Alex Moreno",
            18.25,
            31.5,
            "Sure. We moved nightly batch jobs to a streaming pipeline, which cut report "
            "latency from a day to about ten minutes.",
        ),
        Turn("Dana Whitfield", 32.0, 35.4, "What was the hardest part of that move?"),
    )
    assert conv.notes == (
        "Speakers are named only when they change: 1 cue without a name was given to the "
        "speaker before.",
    )


def test_teams_voice_spans_with_guid_cue_ids() -> None:
    conv = load(DATA / "vtt" / "teams_voice_spans.vtt")
    assert conv.turns == (
        Turn("Priya Raman", 2.14, 5.87, "So the role sits on the platform team,"),
        Turn("Priya Raman", 5.87, 8.33, "and you'd report to me directly."),
        Turn("Sam O'Connor", 9.01, 13.48, "That sounds great. How big is the team today?"),
        Turn("Priya Raman", 14.2, 17.06, "Six engineers & one product manager."),
    )
    assert conv.notes == ()


def test_meet_captions_without_speakers_keep_a_lone_note_prefix_as_speech() -> None:
    conv = load(DATA / "vtt" / "meet_no_speakers.vtt")
    assert conv.turns == (
        Turn(None, 0.0, 3.12, "so tell me a bit about your last role"),
        Turn(None, 3.12, 6.48, "sure I led the analytics team at a logistics startup"),
        Turn(None, 6.48, 9.0, "Note: we were about forty people"),
    )
    assert conv.speakers == ()
    assert conv.notes == (
        "One cue starts with 'Note' and a colon, but no other cue names a speaker, so it was "
        "read as speech.",
        "The file does not say who spoke; speakers are unknown.",
    )


def test_podcast_speaker_named_only_on_change() -> None:
    conv = load(DATA / "vtt" / "podcast_speaker_on_change.vtt")
    assert [(t.speaker, t.start) for t in conv.turns] == [
        (None, 0.0),
        ("Travis", 2.0),
        ("Travis", 5.5),
        ("Gilon", 8.2),
        ("Gilon", 11.0),
        ("Travis", 13.7),
    ]
    assert conv.turns[1].text == "Today we're talking about how to prepare for interviews"
    assert conv.notes == (
        "Speakers are named only when they change: 2 cues without a name were given to the "
        "speaker before.",
        "The first cue comes before any speaker is named; its speaker is unknown.",
    )


def test_header_text_blocks_settings_tags_entities_and_long_hours() -> None:
    conv = load(DATA / "vtt" / "blocks_settings_tags.vtt")
    assert conv.turns == (
        Turn("Dana Whitfield", 5.0, 7.25, "Hello & welcome to the call <3"),
        # 101 h 2 min 3.5 s
        Turn(
            "Alex Moreno",
            101 * 3600 + 2 * 60 + 3.5,
            101 * 3600 + 2 * 60 + 4.0,
            "Thanks, it's > great to be here.",
        ),
    )
    assert conv.notes == ()


@pytest.mark.parametrize("name", ["captions_with_bom.vtt"])
def test_utf8_bom(name: str) -> None:
    conv = load(DATA / "vtt" / name)
    assert conv.turns == (
        Turn("Interviewer", 0.5, 2.0, "Can you hear me okay?"),
        Turn("Candidate", 2.3, 3.6, "Yes, loud and clear."),
    )


def test_crlf_line_endings() -> None:
    assert b"\r\n" in (DATA / "vtt" / "crlf.vtt").read_bytes()
    conv = load(DATA / "vtt" / "crlf.vtt")
    assert conv.turns == (
        Turn("Maria Lopez", 0.0, 2.5, "Welcome, and thanks for coming in."),
        Turn("Ken Ito", 3.0, 5.25, "Happy to be here."),
    )


def test_utf16_le_with_bom() -> None:
    assert (DATA / "vtt" / "utf16le_bom.vtt").read_bytes()[:2] == b"\xff\xfe"
    conv = load(DATA / "vtt" / "utf16le_bom.vtt")
    assert conv.turns == (
        Turn("Zoë Ångström", 1.0, 3.0, "Shall we start with your résumé?"),
        Turn("José Núñez", 3.5, 6.0, "Sí, of course."),
    )


def test_utf16_be_with_bom(tmp_path: Path) -> None:
    text = "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Zoë>Hallo\n"
    path = tmp_path / "be.vtt"
    path.write_bytes("\ufeff".encode("utf-16-be") + text.encode("utf-16-be"))
    assert load(path).turns == (Turn("Zoë", 1.0, 2.0, "Hallo"),)


def test_end_before_start_names_the_timing_line(in_repo: Path) -> None:
    with pytest.raises(FormatError) as caught:
        load("tests/data/vtt/end_before_start.vtt")
    assert str(caught.value) == (
        "tests/data/vtt/end_before_start.vtt:8: cue ends (00:00:05.000) before it starts "
        "(00:00:09.000)"
    )
    assert caught.value.line == 8


def test_unparsable_timing_line(in_repo: Path) -> None:
    with pytest.raises(FormatError) as caught:
        load("tests/data/vtt/bad_timing.vtt")
    assert str(caught.value) == (
        "tests/data/vtt/bad_timing.vtt:8: bad cue timing '00:00:05.000 --> 00:00:0x.000' "
        "(expected 'hh:mm:ss.ttt --> hh:mm:ss.ttt')"
    )


def test_minutes_past_59_in_a_timing_line() -> None:
    with pytest.raises(FormatError) as caught:
        parse_text("WEBVTT\n\n00:61:00.000 --> 00:62:00.000\nhi\n")
    assert str(caught.value) == (
        "<string>:3: bad cue timing '00:61:00.000 --> 00:62:00.000' "
        "(minutes and seconds must be below 60)"
    )


def test_invalid_utf8_names_the_line(in_repo: Path) -> None:
    with pytest.raises(EncodingError) as caught:
        load("tests/data/vtt/invalid_utf8.vtt")
    assert str(caught.value) == (
        "tests/data/vtt/invalid_utf8.vtt:9: not valid UTF-8 (byte 0xe9 at column 10); "
        "save the transcript as UTF-8"
    )


def test_empty_file(in_repo: Path) -> None:
    with pytest.raises(InputError) as caught:
        load("tests/data/vtt/empty.vtt")
    assert str(caught.value) == "tests/data/vtt/empty.vtt: the file is empty"


def test_header_only_file_has_no_turns() -> None:
    conv = load(DATA / "vtt" / "header_only.vtt")
    assert conv.turns == ()
    assert conv.notes == ("The transcript has no turns.",)


def test_unsorted_and_overlapping_cues_are_not_errors() -> None:
    conv = parse_text(
        "WEBVTT\n\n00:05.000 --> 00:09.000\n<v A>later\n\n"
        "00:01.000 --> 00:06.000\n<v B>earlier, overlapping\n"
    )
    assert [(t.speaker, t.start, t.end) for t in conv.turns] == [("B", 1.0, 6.0), ("A", 5.0, 9.0)]


def test_missing_blank_line_between_cues_and_cue_right_under_header() -> None:
    text = "WEBVTT\n00:00.000 --> 00:01.000\nDana: one\n00:01.000 --> 00:02.000\nAlex: two\n"
    assert list(vtt.parse(text)) == [
        Turn("Dana", 0.0, 1.0, "one"),
        Turn("Alex", 1.0, 2.0, "two"),
    ]


def test_blocks_without_timing_are_skipped_with_a_note() -> None:
    notes: list[str] = []
    text = "WEBVTT\n\nstray words\nmore stray words\n\n00:00.000 --> 00:01.000\nhello\n"
    assert list(vtt.parse(text, notes=notes)) == [Turn(None, 0.0, 1.0, "hello")]
    assert notes == ["Skipped 1 block with no cue timing line."]


def test_missing_header_is_read_with_a_note() -> None:
    notes: list[str] = []
    turns = list(vtt.parse("1\n00:00.000 --> 00:01.000\nDana: hi\n", notes=notes))
    assert turns == [Turn("Dana", 0.0, 1.0, "hi")]
    assert notes == ["The file has no WEBVTT header line; it was read as WebVTT anyway."]


def test_several_note_prefixes_in_speech_would_count_as_a_speaker() -> None:
    # The documented limit of the heuristic: two cues with the same prefix make it a name.
    text = "WEBVTT\n\n00:00.000 --> 00:01.000\nNote: a\n\n00:01.000 --> 00:02.000\nNote: b\n"
    assert [t.speaker for t in vtt.parse(text)] == ["Note", "Note"]


def test_compose_writes_voice_spans_and_escapes() -> None:
    text = vtt.compose([Turn("Dana", 1.0, 2.5, "a < b & c"), Turn(None, 3.0, 4.0, "x")])
    assert text == (
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.500\n<v Dana>a &lt; b &amp; c</v>\n\n"
        "2\n00:00:03.000 --> 00:00:04.000\nx\n"
    )


def test_compose_refuses_untimed_turns() -> None:
    with pytest.raises(ValueError, match="timing"):
        vtt.compose([Turn("Dana", None, None, "hi")])


def test_a_file_with_no_header_and_no_cue_is_not_webvtt(in_repo: Path) -> None:
    # Notes saved with a .vtt name: before, they read as an empty transcript (exit 0).
    with pytest.raises(FormatError) as caught:
        load("tests/data/vtt/notes_not_webvtt.vtt")
    assert str(caught.value) == (
        "tests/data/vtt/notes_not_webvtt.vtt:1: no cue timing line (00:00:01.000 --> ...) "
        "in the file: not WebVTT"
    )
    # With its header and no cue, a WebVTT file is valid and empty (test_header_only_file...).


def test_webex_numbered_cues_with_name_prefixes() -> None:
    conv = load(DATA / "vtt" / "webex_numbered_prefixes.vtt")
    assert [(t.speaker, t.start, t.end) for t in conv.turns] == [
        ("Morgan Blake", 3.72, 7.73),
        ("Sam Okafor", 8.1, 10.02),
        ("Morgan Blake", 10.5, 15.25),
        ("Sam Okafor", 15.9, 21.4),
    ]
    assert conv.turns[1].text == "Yes, loud and clear."
    assert conv.notes == ()


def test_cue_ids_that_quote_the_speaker_name_it() -> None:
    # The name in the id counts even where the payload has no prefix (or one the name rule
    # would not take, like a lower-case handle); a prefix repeating it is removed.
    conv = load(DATA / "vtt" / "webex_quoted_cue_ids.vtt")
    assert conv.turns == (
        Turn("Morgan Blake", 3.72, 7.73, "Hi Sam, thanks for joining."),
        Turn("sam.okafor", 8.1, 10.02, "Yes, loud and clear."),
        Turn("Morgan Blake", 10.5, 12.25, "What drew you to this role?"),
    )


def test_teams_short_timings_from_webvtt_py() -> None:
    conv = load(DATA / "vtt" / "webvtt_py_teams_timeframe.vtt")
    assert conv.turns == (
        Turn("Yuri Bakulin", 0.0, 0.57, "There you go."),
        Turn("Adrian Petrescu", 0.21, 1.13, "Why hello there, Yuri."),
    )


@pytest.mark.parametrize(
    "line",
    [
        "<v " * 13_000,  # 39 KB of unclosed voice spans
        "<v." * 13_000,
        "<v a" * 10_000,
        "<v" + " " * 40_000,
        "<v.x " + "<c>" * 13_000,
        "<" * 40_000,
    ],
)
def test_long_lines_of_unclosed_tags_read_in_linear_time(line: str) -> None:
    # The voice-span pattern used to backtrack: 17 s on a 40 KB line of "<v ".
    import time

    for name in ("vtt", "srt"):
        head = "WEBVTT\n\n" if name == "vtt" else "1\n"
        started = time.perf_counter()
        conv = parse_text(f"{head}00:00:01.000 --> 00:00:02.000\n{line}\n", format=name)
        assert time.perf_counter() - started < 1.0
        assert len(conv.turns) == 1


def test_broadcast_speaker_markers_are_removed() -> None:
    text = (
        "WEBVTT\n\n00:01.000 --> 00:02.000\n&gt;&gt; DANA: Hi.\n\n"
        "00:02.000 --> 00:03.000\n>> ALEX: Hey.\n"
    )
    assert [(t.speaker, t.text) for t in parse_text(text).turns] == [
        ("DANA", "Hi."),
        ("ALEX", "Hey."),
    ]


def test_deepgram_cli_vtt(shared_dir: Path) -> None:
    # SOURCES.md: 5 cues, 00:00:01.0-00:00:19.05, German, no speakers.
    conv = load(shared_dir / "exports/deepgram/deepgram_cli_sample_de.vtt")
    assert conv.format == "vtt"
    assert [(t.start, t.end) for t in conv.turns] == [
        (0.999, 5.937),
        (6.756, 7.536),
        (8.184, 9.364),
        (9.784, 17.451),
        (18.55, 19.05),
    ]
    assert conv.turns[0].text is not None and conv.turns[0].text.startswith("Herzlich willkommen")
    assert conv.turns[1].text == "in Paderborn."
    assert conv.turns[-1].text == "profitieren."
    assert conv.speakers == ()


@pytest.mark.parametrize(
    ("name", "cues", "first_start", "last_end"),
    [
        ("ethereum_pm_acdt068_transcript.vtt", 225, 3 * 60 + 50.78, 34 * 60 + 0.13),
        ("ethereum_pm_acdt087_transcript_cl.vtt", 159, 23.71, 18 * 60 + 58.61),
        ("ethereum_pm_allwalletdevs039_transcript.vtt", 30, 60 + 57.23, 8 * 60 + 19.22),
        ("ethereum_pm_focil032_transcript.vtt", 43, 60 + 5.91, 7 * 60 + 57.84),
    ],
)
def test_zoom_api_vtt_cues_and_times(
    shared_dir: Path, name: str, cues: int, first_start: float, last_end: float
) -> None:
    # The cue side (CRLF, numbered cues); who spoke is tested with the speaker rules.
    conv = load(shared_dir / "exports/zoom-vtt" / name)
    assert len(conv.turns) == cues
    assert conv.turns[0].start == pytest.approx(first_start)
    assert conv.turns[-1].end == pytest.approx(last_end)
    assert all(t.text for t in conv.turns)
