"""Rev.ai JSON (monologues of elements) and YouTube json3 timed text."""

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


def test_rev_ai_monologues() -> None:
    conv = load(DATA / "rev-ai" / "transcript.json")
    assert conv.format == "rev-ai"
    # speaker_name where Rev.ai has one, "Speaker 1" otherwise; the <laugh> tag is not a word
    # and the monologue holding only <inaudible> is no turn.
    assert conv.turns == (
        Turn("Dana Whitfield", 0.5, 2.6, "Thanks for coming in. How's your week been?"),
        Turn("Speaker 1", 3.5, 4.6, "Busy, but good."),
        Turn("Dana Whitfield", 5.1, 7.2, "Great. Let's start with your background."),
    )
    assert conv.notes == ("Skipped 1 monologue without words.",)


def test_rev_ai_values_are_joined_as_written() -> None:
    elements = [
        {"type": "text", "value": "co", "ts": 1.0, "end_ts": 1.2},
        {"type": "punct", "value": "-"},
        {"type": "text", "value": "founder", "ts": 1.2, "end_ts": 1.6},
        {"type": "punct", "value": "'s"},
    ]
    document = {"monologues": [{"speaker": 2, "elements": elements}]}
    assert parse_text(json.dumps(document)).turns == (Turn("Speaker 2", 1.0, 1.6, "co-founder's"),)


def test_youtube_auto_captions_word_by_word() -> None:
    conv = load(DATA / "youtube-json3" / "auto_captions.json3")
    assert conv.format == "youtube-json3"
    # A word ends where the next starts, where its event ends, or 1 s after it starts:
    # "yourself" 1.2 -> 2.2 s, "sure" at 4.0 s (1.8 s later: a new turn), "pipelines"
    # 5.04 -> 6.04 s, "great" 8.0 -> 9.0 s (1.96 s later: a new turn). The "\n" events only
    # scroll the window and the window-setup event has no text.
    assert conv.turns == (
        Turn(None, 0.32, 2.2, "so tell me about yourself"),
        Turn(None, 4.0, 6.04, "sure i build data pipelines"),
        Turn(None, 8.0, 9.0, "great"),
    )
    assert conv.notes == (WORDS_NOTE, UNKNOWN)


def test_youtube_uploaded_captions_with_names() -> None:
    conv = load(DATA / "youtube-json3" / "manual_captions_with_names.json3")
    assert conv.turns == (
        Turn("Dana", 1.2, 4.5, "Thanks for making the time today."),
        Turn("Alex", 4.6, 7.0, "Of course."),
        Turn("Alex", 7.1, 8.9, "Happy to be here."),
    )
    assert conv.notes == (
        "Speakers are named only when they change: 1 cue without a name was given to the "
        "speaker before.",
    )


def test_youtube_roll_up_captions_count_each_line_once() -> None:
    conv = load(DATA / "youtube-json3" / "rollup_captions.json3")
    assert [t.text for t in conv.turns] == [
        "welcome back to the show",
        "today we talk hiring",
        "with two recruiters",
    ]
    assert conv.notes[0] == (
        "2 caption lines repeated from the caption still on screen (roll-up captions) counted once."
    )


def test_youtube_a_line_said_again_later_is_kept() -> None:
    # The first caption is gone (ends at 1 s) when the same words come back at 5 s.
    events = [
        {"tStartMs": 0, "dDurationMs": 1000, "segs": [{"utf8": "thank you"}]},
        {"tStartMs": 5000, "dDurationMs": 1000, "segs": [{"utf8": "thank you"}]},
    ]
    conv = parse_text(json.dumps({"wireMagic": "pb3", "events": events}))
    assert [t.text for t in conv.turns] == ["thank you", "thank you"]


def test_youtube_the_same_word_twice_at_one_time_counts_once() -> None:
    first = [{"utf8": "hi"}, {"utf8": " all", "tOffsetMs": 300}]
    events = [
        {"tStartMs": 0, "dDurationMs": 2000, "segs": first},
        {"tStartMs": 300, "dDurationMs": 2000, "segs": [{"utf8": "all"}]},
    ]
    conv = parse_text(json.dumps({"wireMagic": "pb3", "events": events}))
    assert conv.turns == (Turn(None, 0.0, 1.3, "hi all"),)
    assert conv.notes == (
        "1 caption word shown twice at the same time counted once.",
        WORDS_NOTE,
        UNKNOWN,
    )


def test_youtube_a_last_word_without_an_event_end_lasts_a_second() -> None:
    segs = [{"utf8": "so"}, {"utf8": " long", "tOffsetMs": 400}]
    conv = parse_text(json.dumps({"wireMagic": "pb3", "events": [{"tStartMs": 0, "segs": segs}]}))
    assert conv.turns == (Turn(None, 0.0, 1.4, "so long"),)


def test_youtube_times_written_as_strings() -> None:
    events = [{"tStartMs": "1500", "dDurationMs": "1000", "segs": [{"utf8": "hello"}]}]
    conv = parse_text(json.dumps({"wireMagic": "pb3", "events": events}))
    assert conv.turns == (Turn(None, 1.5, 2.5, "hello"),)


@pytest.mark.parametrize(
    ("document", "flavor", "message"),
    [
        (
            {"monologues": [{"speaker": 0, "elements": [{"type": "text", "value": "a"}]}]},
            "rev-ai",
            "monologues[0].elements[0].ts is missing",
        ),
        (
            {"monologues": [{"speaker_name": 5, "elements": []}]},
            "rev-ai",
            "monologues[0].speaker_name should be a string, not a number",
        ),
        ({"monologues": {}}, "rev-ai", "monologues should be an array, not an object"),
        (
            {"events": [{"dDurationMs": 5, "segs": [{"utf8": "a"}]}]},
            "youtube-json3",
            "events[0].tStartMs is missing",
        ),
        (
            {"events": [{"tStartMs": 0, "segs": [{"utf8": "a", "tOffsetMs": -5}]}]},
            "youtube-json3",
            "events[0].segs[0].tOffsetMs should be a time of 0 or more seconds, not -5",
        ),
        (
            {"events": [{"tStartMs": 0, "segs": [{"utf8": 7}]}]},
            "youtube-json3",
            "events[0].segs[0].utf8 should be a string, not a number",
        ),
        (
            {"events": [{"tStartMs": 1e308, "dDurationMs": 1e308, "segs": [{"utf8": "a"}]}]},
            "youtube-json3",
            "events[0] has a time that is too large",
        ),
    ],
)
def test_errors_name_the_json_path(document: object, flavor: str, message: str) -> None:
    with pytest.raises(FormatError) as caught:
        parse_text(json.dumps(document), format=flavor)
    assert caught.value.message == message
