"""YouTube timedtext XML (srv1, srv2, srv3) and TTML/DFXP.

Fixtures: tests/data/youtube/youtube_transcript_api_srv1.xml (youtube-transcript-api's test asset,
MIT) and files in tests/data/timedtext built to each layout (see SOURCES.md there).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest
from hypothesis import given
from hypothesis import strategies as st

from twoway.errors import FormatError, InputError, UnknownFormatError
from twoway.formats import load, parse_text, timedtext, ttml
from twoway.model import Turn

DATA = Path(__file__).parents[1] / "data"
TIMED = DATA / "timedtext"


# srv1, srv2, srv3 ---------------------------------------------------------------------------


def test_srv1_from_youtube_transcript_api_with_escaped_tags_and_an_empty_caption() -> None:
    conv = load(DATA / "youtube" / "youtube_transcript_api_srv1.xml")
    assert conv.format == "timedtext"
    assert conv.turns == (
        Turn(None, 0.0, 1.54, "Hey, this is just a test"),
        Turn(None, 1.54, 5.7, "this is not the original transcript"),  # "&lt;i>not&lt;/i>"
        Turn(None, 5.7, 8.939, "just something shorter, I made up for testing"),
    )
    assert conv.notes == ("The file does not say who spoke; speakers are unknown.",)


def test_srv2_milliseconds_broadcast_speakers_and_double_escaped_apostrophe() -> None:
    conv = load(TIMED / "srv2_manual.srv2")
    assert conv.format == "timedtext"
    assert conv.turns == (
        Turn("JORDAN LEE", 0.64, 4.12, "Thanks for joining. How's your week been?"),
        Turn("RILEY CHEN", 4.56, 8.9, "Busy, but good."),
        Turn("JORDAN LEE", 9.3, 12.0, "What did the migration involve?"),
    )


def test_srv3_automatic_captions_skip_spacers_and_end_where_the_next_line_starts() -> None:
    conv = load(TIMED / "srv3_asr_rolling.srv3")
    assert conv.turns == (
        Turn(None, 0.16, 2.48, "so tell me about yourself"),  # d=4870 would run to 5.03
        Turn(None, 2.48, 5.04, "sure I build data pipelines"),  # d=5500 would run to 7.98
        Turn(None, 5.04, 8.04, "mostly for finance teams"),
    )
    assert conv.notes == (
        "2 captions stayed on screen after the next one started (as automatic captions do); "
        "each was ended where the next one starts.",
        "The file does not say who spoke; speakers are unknown.",
    )


def test_srv3_entities_appendage_empty_caption_and_line_break() -> None:
    conv = load(TIMED / "srv3_manual_entities.srv3")
    assert conv.turns == (
        Turn(None, 1.36, 3.04, "[♪♪♪]"),
        Turn("Dana", 3.2, 7.8, "It's R&D, not sales. Right?"),  # a="1" at 5.8 s for 2 s
        Turn("Alex", 8.2, 10.8, "Exactly. Let's go on."),
    )


def test_caption_without_duration_ends_at_the_next_one() -> None:
    text = (
        '<transcript><text start="1">one two</text><text start="4.5">three four five</text>'
        "</transcript>"
    )
    assert parse_text(text).turns == (
        Turn(None, 1.0, 4.5, "one two"),
        Turn(None, 4.5, 5.7, "three four five"),  # 3 words / 2.5 per second = 1.2 s
    )


def test_unknown_xml_lists_the_xml_formats(in_repo: Path) -> None:
    message = (
        "XML with root element <rss>, not a transcript format twoway knows; the XML formats "
        "twoway reads are: timedtext <transcript>, <timedtext> (YouTube timedtext XML "
        "captions: srv1, srv2, srv3); ttml <tt> (TTML/DFXP captions: Netflix, Microsoft "
        "Stream, Apple Podcasts); eaf <ANNOTATION_DOCUMENT> (ELAN annotation file)"
    )
    with pytest.raises(UnknownFormatError) as caught:
        load("tests/data/timedtext/not_captions.xml")
    assert str(caught.value) == f"tests/data/timedtext/not_captions.xml: {message}"
    # Forced, the reader says the same at the root element's line.
    with pytest.raises(UnknownFormatError) as forced:
        load("tests/data/timedtext/not_captions.xml", format="srv3")
    assert str(forced.value) == f"tests/data/timedtext/not_captions.xml:3: {message}"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "<transcript><text start='1'>a</transcript>",
            "<string>:1: not well-formed XML: mismatched tag (column 32)",
        ),
        (
            '<timedtext>\n<text t="1x0" d="5">a</text></timedtext>',
            "<string>:2: bad t='1x0' on <text> (expected a number, 0 or more)",
        ),
        (
            '<timedtext format="3"><body>\n\n<p d="10">a</p></body></timedtext>',
            "<string>:3: <p> has no start time (t= in milliseconds or start= in seconds)",
        ),
        (
            '<?xml version="1.0"?>\n<!DOCTYPE t [<!ENTITY a "aaaaaaaaaa">]>\n'
            "<transcript><text start='0'>&a;</text></transcript>",
            "<string>:2: the XML declares entities (<!ENTITY ...>), which caption files never "
            "need; refused",
        ),
    ],
)
def test_timedtext_errors(text: str, message: str) -> None:
    with pytest.raises(FormatError) as caught:
        parse_text(text)
    assert str(caught.value) == message


def test_angle_bracket_chat_lines_are_not_xml() -> None:
    # Chat logs write "<Name> words": no declaration and no closing tag, so not XML.
    conv = parse_text("<Dana> hello there\n<Alex> hi\n", path="chat.txt")
    assert conv.format == "text"


def test_root_must_be_a_caption_root_even_if_it_is_a_caption_element() -> None:
    with pytest.raises(UnknownFormatError, match="root element <text>"):
        parse_text('<text start="1" dur="1">hi</text>', format="timedtext")


def test_extensions_and_aliases(tmp_path: Path) -> None:
    srv1 = '<transcript><text start="0" dur="1">Hi</text></transcript>'
    for name in ("talk.xml", "talk.srv1", "talk.srv3", "talk.srv2"):
        path = tmp_path / name
        path.write_text(srv1, encoding="utf-8")
        assert load(path).format == "timedtext"
    assert parse_text(srv1, format="youtube-xml").format == "timedtext"


# TTML ---------------------------------------------------------------------------------------


def test_netflix_dfxp_ticks_line_breaks_and_styled_spans() -> None:
    conv = load(TIMED / "netflix_ticks.dfxp")
    assert conv.format == "ttml"
    assert conv.turns == (
        Turn(None, 1.2012, 3.1114, "So tell me, why do you want to leave your current role?"),
        Turn(None, 3.3366, 5.2385, "Honestly? I want to build something of my own."),
        Turn(None, 5.5055, 7.007, "[laughs] Fair enough."),
    )


def test_agents_named_in_the_head_frames_dur_and_an_agent_on_the_div() -> None:
    conv = load(TIMED / "agents_frames.ttml")
    assert conv.turns == (
        Turn("Dana Whitfield", 1.0, 4.48, "Thanks for making the time today."),  # 12 of 25 fps
        Turn("Alex", 5.0, 8.5, "Of course. Glad we found a slot."),
        Turn("Dana Whitfield", 9.0, 12.25, "Could you walk me through the platform you built?"),
    )
    assert conv.notes == ()


def test_apple_podcasts_word_spans_and_speaker_ids() -> None:
    conv = load(TIMED / "apple_podcasts_words.ttml")
    assert conv.turns == (
        Turn("SPEAKER_1", 0.56, 3.02, "Welcome back. How did the interview go?"),
        Turn("SPEAKER_2", 3.4, 9.1, "Better than I expected."),
    )


def test_times_from_spans_and_name_prefixes_without_agents() -> None:
    text = (
        '<tt xmlns="http://www.w3.org/ns/ttml"><body><div><p begin="0s" end="1s"> <br/> </p>'
        '<p><span begin="1.5s" end="2s">Dana: Hi</span> <span begin="2s" end="2.75s">there</span>'
        '</p><p begin="3s" end="4s">Alex: Hello</p></div></body></tt>'
    )
    assert parse_text(text).turns == (
        Turn("Dana", 1.5, 2.75, "Hi there"),
        Turn("Alex", 3.0, 4.0, "Hello"),
    )


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            '<p begin="00:00:0x" end="1s">a</p>',
            "<string>:2: bad begin='00:00:0x' on <p> (expected a time such as 00:00:01.500, "
            "1.5s or 15000000t)",
        ),
        ("<p>a</p>", "<string>:2: <p> has no begin time (on it, its spans or an enclosing <div>)"),
        (
            '<p begin="2s" end="1s">a</p>',
            "<string>:2: <p> ends (1s) before it begins (2s)",
        ),
    ],
)
def test_ttml_errors(body: str, message: str) -> None:
    with pytest.raises(FormatError) as caught:
        parse_text(f'<tt xmlns="http://www.w3.org/ns/ttml"><body>\n{body}</body></tt>')
    assert str(caught.value) == message


def test_ebu_tt_prefixed_elements_by_extension(tmp_path: Path) -> None:
    path = tmp_path / "news.ttml"
    path.write_text(
        '<?xml version="1.0"?>\n<tt:tt xmlns:tt="http://www.w3.org/ns/ttml">\n<tt:body><tt:div>'
        '<tt:p begin="00:00:01.000" end="00:00:02.000"><tt:span>Good evening.</tt:span></tt:p>'
        "</tt:div></tt:body></tt:tt>\n",
        encoding="utf-8",
    )
    conv = load(path)
    assert conv.format == "ttml"
    assert conv.turns == (Turn(None, 1.0, 2.0, "Good evening."),)
    assert parse_text(path.read_text(encoding="utf-8"), format="dfxp").format == "ttml"


def test_time_expressions() -> None:
    rates = ttml.Rates({"frameRate": "30", "frameRateMultiplier": "1000 1001", "tickRate": "10"})
    assert ttml.seconds("00:00:01:15", rates) == round(1 + 15 / (30 * 1000 / 1001), 6)
    assert ttml.seconds("25t", rates) == 2.5
    assert ttml.seconds("1.5h", rates) == 5400.0
    assert ttml.seconds("2m", rates) == 120.0
    assert ttml.seconds("00:61:00.000", rates) is None
    assert ttml.seconds("soon", rates) is None


# Properties ---------------------------------------------------------------------------------

# "&" stands alone: "&lt" glued to a word is an entity once YouTube's second escape is undone.
words = st.one_of(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz'>\"", min_size=1, max_size=8), st.just("&")
)
lines = st.lists(words, min_size=1, max_size=8).map(" ".join)


@st.composite
def sequential_turns(draw: st.DrawFn) -> list[Turn]:
    turns = []
    start_ms = 0
    for _ in range(draw(st.integers(min_value=1, max_value=8))):
        start_ms += draw(st.integers(min_value=0, max_value=10**6))
        length_ms = draw(st.integers(min_value=1, max_value=10**5))
        turns.append(Turn(None, start_ms / 1000, (start_ms + length_ms) / 1000, draw(lines)))
        start_ms += length_ms
    return turns


def _srv1(turns: list[Turn]) -> str:
    body = "".join(
        f'<text start="{t.start}" dur="{round((t.end or 0) - (t.start or 0), 3)}">'
        f"{escape(escape(t.text or ''))}</text>"  # YouTube escapes twice
        for t in turns
    )
    return f'<?xml version="1.0" encoding="utf-8" ?><transcript>{body}</transcript>'


def _srv3(turns: list[Turn]) -> str:
    body = []
    for t in turns:
        start, end = round((t.start or 0) * 1000), round((t.end or 0) * 1000)
        first, *rest = (t.text or "").split(" ")
        spans = f"<s>{escape(first)}</s>" + "".join(f"<s t='10'> {escape(w)}</s>" for w in rest)
        body.append(f'<p t="{start}" d="{end - start}" w="1">{spans}</p>')
        body.append(f'<p t="{end}" w="1" a="1">\n</p>')
    return f'<timedtext format="3"><body>{"".join(body)}</body></timedtext>'


def _ttml(turns: list[Turn]) -> str:
    body = "".join(
        f"<p begin={quoteattr(f'{t.start}s')} end={quoteattr(f'{t.end}s')}>"
        f"{escape(t.text or '')}</p>"
        for t in turns
    )
    return f'<tt xmlns="http://www.w3.org/ns/ttml"><body><div>{body}</div></body></tt>'


@pytest.mark.parametrize("write", [_srv1, _srv3, _ttml])
@given(turns=sequential_turns())
def test_captions_read_back(write: Callable[[list[Turn]], str], turns: list[Turn]) -> None:
    assert list(parse_text(write(turns)).turns) == turns


xml_fragments = st.sampled_from(
    [
        "<transcript>",
        "</transcript>",
        '<timedtext format="3">',
        "</timedtext>",
        "<body>",
        "</body>",
        '<tt xmlns="http://www.w3.org/ns/ttml" ttp:tickRate="0">',
        "</tt>",
        '<text start="1.5" dur="2">hi &amp;#39;</text>',
        '<text t="100" d="-5">x</text>',
        '<text t="1e400">x</text>',
        '<p t="10" d="20" a="1"> more</p>',
        '<p begin="00:00:01:99" end="1e5s">y</p>',
        '<p begin="99999999999999999999999t">z</p>',
        '<p begin="1s" dur="nan">z</p>',
        "<p>no time</p>",
        '<span begin="1s">s</span>',
        "<br/>",
        "<ttm:agent xml:id='a'><ttm:name>A</ttm:name></ttm:agent>",
        "&amp;",
        "<!-- c -->",
        '<?xml version="1.0"?>',
        "<!DOCTYPE x>",
        "<",
        ">",
    ]
)
documents = st.lists(st.one_of(xml_fragments, st.text(max_size=6)), max_size=12).map("".join)


@given(document=documents, forced=st.sampled_from([None, "timedtext", "ttml"]))
def test_any_document_reads_or_raises_input_error(document: str, forced: str | None) -> None:
    with contextlib.suppress(InputError):
        conv = parse_text(document, format=forced)
        for turn in conv.turns:
            assert turn.start is not None and turn.end is not None and turn.start <= turn.end


def test_streaming_reader_keeps_document_order_across_chunks() -> None:
    many = "".join(f'<text start="{i}" dur="1">line {i}</text>\n' for i in range(5000))
    turns = list(timedtext.parse(f"<transcript>\n{many}</transcript>"))
    assert len(turns) == 5000
    assert turns[4321] == Turn(None, 4321.0, 4322.0, "line 4321")
