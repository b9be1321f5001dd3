"""Plain text (``Name: text``, timestamps, Otter paragraphs) and Zoom's text export."""

from __future__ import annotations

from pathlib import Path

from twoway.formats import load, parse_text, text, zoom_text
from twoway.model import Turn

DATA = Path(__file__).parents[1] / "data"

START_ONLY = (
    "The transcript gives start times only: each turn ends 0.1 s before the next one starts, "
    "and the last lasts as long as its words take at 150 words a minute."
)


def test_name_lines_with_a_continuation_line() -> None:
    conv = load(DATA / "text" / "plain_names.txt")
    assert conv.format == "text"
    assert conv.turns == (
        Turn("Recruiter", None, None, "Thanks for applying. Do you have questions for me?"),
        Turn(
            "Candidate",
            None,
            None,
            "Yes. What does onboarding look like? It's my first time moving into management.",
        ),
        Turn("Recruiter", None, None, "Two weeks of shadowing, then your own team."),
    )
    assert conv.notes == ("No timestamps: shares are by words.",)


def test_otter_paragraphs() -> None:
    conv = load(DATA / "text" / "otter_paragraphs.txt")
    # Ends: the next start minus 0.1 s; the last turn has 9 words -> 9 / 2.5 = 3.6 s.
    assert conv.turns == (
        Turn(
            "Morgan Blake",
            3.0,
            10.9,
            "Hi Taylor, thanks for taking the time. I'd love to hear what drew you to this role.",
        ),
        Turn(
            "Taylor Quinn",
            11.0,
            18.9,
            "Thanks, Morgan. Mainly the chance to work on developer tools.",
        ),
        Turn(
            "Morgan Blake",
            19.0,
            3724.9,
            "That's great. What would you want to learn in your first year?",
        ),
        Turn("Taylor Quinn", 3725.0, 3728.6, "Honestly, how the team decides what to build next."),
    )
    assert conv.notes == (START_ONLY,)


def test_timestamped_lines_skip_a_title_and_continue_the_speaker() -> None:
    conv = load(DATA / "text" / "timestamped.txt")
    assert conv.turns == (
        Turn("Casey Nguyen", 4.0, 8.9, "So, why are you looking to move on?"),
        Turn("Jamie Park", 9.0, 19.9, "I'm looking for a bigger scope."),
        Turn("Casey Nguyen", 20.0, 25.9, "What does bigger scope mean to you?"),
        # Unnamed stamped line: the speaker before; 7 words -> 2.8 s.
        Turn("Casey Nguyen", 26.0, 28.8, "Owning a product area end to end."),
    )
    assert conv.notes == (
        "Skipped 1 paragraph before the first timestamp (a title or header?).",
        START_ONLY,
    )


def test_prose_with_one_note_line_stays_unnamed() -> None:
    conv = load(DATA / "text" / "prose_with_note.txt")
    assert conv.turns == (
        Turn(
            None,
            None,
            None,
            "We started the call a few minutes late. Note: the candidate had network problems.",
        ),
        Turn(None, None, None, "Afterwards we talked about the team."),
    )
    assert conv.notes[0] == (
        "One line starts with 'Note' and a colon, but no other line names a speaker, "
        "so it was read as speech."
    )


def test_timestamps_that_come_and_go_drop_timing() -> None:
    conv = parse_text("[00:01] Dana: Hi\nAlex: Hello\n[00:09] Dana: Shall we start?\n")
    assert [t.start for t in conv.turns] == [None, None, None]
    assert "Only some lines have timestamps, so the file was read without timing." in conv.notes


def test_compose_round_trip_untimed() -> None:
    turns = [Turn("Dana", None, None, "Hi there"), Turn("Alex", None, None, "Hello")]
    assert list(text.parse(text.compose(turns))) == turns


def test_zoom_text_export() -> None:
    conv = load(DATA / "zoom-text" / "zoom_text_export.txt")
    assert conv.format == "zoom-text"
    assert conv.turns == (
        Turn("Dana Whitfield", 5.0, 8.9, "Thanks for making the time today."),
        # The next turn starts at the same second: the end is clamped to the start.
        Turn(
            "Alex Moreno",
            9.0,
            9.0,
            "Of course, happy to be here. I read the job description twice.",
        ),
        Turn("Dana Whitfield", 9.0, 19.9, "Great."),
        # 8 words at 2.5 words a second.
        Turn("Alex Moreno", 20.0, 23.2, "Could you tell me more about the team?"),
    )
    assert conv.notes == (
        "Zoom's text export gives start times only: each turn ends 0.1 s before the next one "
        "starts, and the last lasts as long as its words take at 150 words a minute.",
    )


def test_zoom_text_short_last_turn_lasts_a_second() -> None:
    turns = list(zoom_text.parse("[Dana] 00:00:05\nYes.\n"))
    assert turns == [Turn("Dana", 5.0, 6.0, "Yes.")]


def test_zoom_text_round_trip_of_starts() -> None:
    turns = [Turn("Dana Lee", 5.0, 8.9, "Hi there"), Turn("Alex", 9.0, 10.0, "Hello you")]
    parsed = list(zoom_text.parse(zoom_text.compose(turns)))
    assert [(t.speaker, t.start, t.text) for t in parsed] == [
        (t.speaker, t.start, t.text) for t in turns
    ]
