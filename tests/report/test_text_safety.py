"""Defects 6 and 9 of issue 13: a transcript's text can neither crash a renderer (lone
surrogates) nor drive the reader's terminal (C0/C1 control sequences, rich markup).

Each renderer gets the same hostile conversation: a speaker named with a set-title sequence and
a lone surrogate, text with clear-screen, an OSC 8 link and the one-character CSI (U+009B), a
source file name with both, and a note written as rich markup for a link. Every output must
encode as strict UTF-8 and hold none of those characters; what they replaced shows as U+FFFD.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pytest
from rich.console import Console

from twoway.analysis import Analysis, analyze
from twoway.model import Conversation, Turn
from twoway.report.html import progress_chart, render_html, render_html_fragment
from twoway.report.json import render_json
from twoway.report.markdown import render_markdown
from twoway.report.progress import render_progress, render_progress_markdown
from twoway.report.terminal import render_terminal
from twoway.report.text_safety import (
    REPLACEMENT,
    safe_json,
    safe_json_text,
    safe_text,
    safe_value,
)
from twoway.store.records import ProgressPoint

SET_TITLE = "\x1b]0;pwned\x07"
CLEAR = "\x1b[2J\x1b[H"
FAKE_LINK = "\x1b]8;;https://evil.example\x1b\\click here\x1b]8;;\x1b\\"
C1_CSI = "\x9b31m"
LONE = "\ud800"
MARKUP_LINK = "[link=https://evil.example]read me[/link]"

DANA = f"Dana {SET_TITLE}Lee{LONE}"
ALEX = "Alex"
# Anything a renderer must never write: C0 but tab and newline, DEL, C1, surrogates.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def hostile_conversation() -> Conversation:
    turns = (
        Turn(DANA, 0.0, 30.0, f"Welcome in {CLEAR}Alex. Why do you want this role? {LONE}"),
        Turn(ALEX, 30.0, 75.0, f"I build data pipelines {FAKE_LINK} and {C1_CSI}teach them."),
        Turn(ALEX, 75.0, 80.0, "What does a typical day look like for the team?"),
        Turn(DANA, 80.0, 120.0, f"Stand-ups, reviews and pairing {SET_TITLE}mostly."),
        Turn(ALEX, 120.0, 130.0, "That sounds good."),
    )
    return Conversation(
        turns,
        source=f"call{SET_TITLE}{LONE}.vtt",
        format="vtt",
        notes=(f"{MARKUP_LINK} {CLEAR}",),
    )


@pytest.fixture
def conversation() -> Conversation:
    return hostile_conversation()


@pytest.fixture
def analysis(conversation: Conversation) -> Analysis:
    return analyze(conversation, me=ALEX)


def assert_safe(text: str) -> None:
    found = UNSAFE.search(text)
    if found is not None:
        around = text[found.start() - 40 : found.end() + 40]
        raise AssertionError(f"unsafe {found.group()!r} at {found.start()}: {around!r}")
    text.encode("utf-8")  # strict: a lone surrogate would raise here


# -- the helper ---------------------------------------------------------------------------


def test_safe_text_replaces_controls_and_surrogates_keeps_tab_and_newline() -> None:
    assert safe_text("a\tb\nc") == "a\tb\nc"
    assert safe_text(SET_TITLE) == f"{REPLACEMENT}]0;pwned{REPLACEMENT}"
    assert safe_text(f"x{LONE}y\x7fz{C1_CSI}") == f"x{REPLACEMENT}y{REPLACEMENT}z{REPLACEMENT}31m"
    # Carriage return, vertical tab, form feed and NEL only ever meant a space.
    assert safe_text("a\rb\x0bc\x0cd\x85e") == "a b c d e"
    # Printable text, accents and emoji are left alone, and not copied.
    plain = "Zoë asked “why?” 🙂"
    assert safe_text(plain) is plain


def test_safe_value_walks_records_and_keeps_clean_ones(conversation: Conversation) -> None:
    clean = safe_value(conversation)
    assert clean is not conversation
    assert clean.source == f"call{REPLACEMENT}]0;pwned{REPLACEMENT}{REPLACEMENT}.vtt"
    assert clean.turns[0].speaker == f"Dana {REPLACEMENT}]0;pwned{REPLACEMENT}Lee{REPLACEMENT}"
    assert clean.turns[1].start == 30.0 and clean.turns[1].end == 75.0
    assert safe_value(clean) is clean  # nothing left to change: the same object
    nested = {"k\x1b": [("a", 1), {"b": LONE}]}
    assert safe_value(nested) == {f"k{REPLACEMENT}": [("a", 1), {"b": REPLACEMENT}]}


def test_safe_json_keeps_controls_escaped_and_replaces_surrogates() -> None:
    text = safe_json({"name": f"A{SET_TITLE}{C1_CSI}{LONE}"}, indent=None)
    assert_safe(text)
    # The data is whole: a program reading the JSON gets the controls back.
    assert json.loads(text) == {"name": f"A{SET_TITLE}{C1_CSI}{REPLACEMENT}"}
    assert safe_json_text('["\x7f"]') == '["\\u007f"]'


# -- every renderer -----------------------------------------------------------------------


def _strict_console(width: int = 100, **options: object) -> tuple[Console, io.BytesIO]:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="utf-8", errors="strict", write_through=True)
    return Console(file=stream, width=width, **options), raw  # type: ignore[arg-type]


def test_terminal_report_is_whole_and_inert(analysis: Analysis) -> None:
    # A real terminal's console (styles on): only rich's own SGR sequences may be written.
    console, raw = _strict_console(force_terminal=True, color_system="standard")
    render_terminal(analysis, console)  # before the fix: UnicodeEncodeError half-way
    out = raw.getvalue().decode("utf-8")
    assert "Feedback" in out  # the whole report, not half of it
    without_styles = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert_safe(without_styles)
    assert "\x1b]" not in out  # no OSC: no title, no hyperlink
    # The note's markup is shown as written, never turned into a link.
    assert MARKUP_LINK in without_styles
    assert f"Dana {REPLACEMENT}]0;pwned{REPLACEMENT}Lee{REPLACEMENT}" in without_styles


def test_terminal_report_to_a_file_or_pipe(analysis: Analysis) -> None:
    console, raw = _strict_console(no_color=True)
    render_terminal(analysis, console)
    out = raw.getvalue().decode("utf-8")
    assert_safe(out)
    assert f"twoway report: call{REPLACEMENT}]0;pwned" in out


def test_markdown_report(analysis: Analysis) -> None:
    md = render_markdown(analysis)
    assert_safe(md)
    assert f"Dana {REPLACEMENT}\\]0;pwned{REPLACEMENT}Lee{REPLACEMENT}" in md


def test_json_report_keeps_the_text_escaped(analysis: Analysis) -> None:
    text = render_json([analysis])
    assert_safe(text)
    data = json.loads(text)
    # Controls survive as JSON escapes (the data is the transcript's); surrogates cannot.
    speakers = {s["name"] for s in data["speakers"]}
    assert f"Dana {SET_TITLE}Lee{REPLACEMENT}" in speakers


def test_html_report_and_fragment(analysis: Analysis, conversation: Conversation) -> None:
    for html in (
        render_html(analysis, conversation, title=f"report {CLEAR}{LONE}"),
        render_html_fragment(analysis, conversation),
    ):
        assert_safe(html)
        assert f"Dana {REPLACEMENT}]0;pwned{REPLACEMENT}Lee{REPLACEMENT}" in html


def test_progress_renderers() -> None:
    points = [
        ProgressPoint(
            dt.date(2026, 11, day),
            day,
            f"round{day}{SET_TITLE}{LONE}.vtt",
            "interview",
            0.5,
            0.4,
            0.6,
            3,
            1,
            60.0,
            80,
        )
        for day in (3, 10)
    ]
    me = f"Alex{CLEAR}{LONE}"
    console, raw = _strict_console(no_color=True)
    render_progress(points, console, me=me)
    assert_safe(raw.getvalue().decode("utf-8"))
    assert_safe(render_progress_markdown(points, me=me))
    chart = progress_chart(points, me=me)
    assert chart is not None
    assert_safe(chart)


def test_terminal_escapes_and_markup_alone() -> None:
    # No surrogate here, so nothing crashes: what reached the terminal before was the raw
    # set-title and clear-screen sequences, and the note's markup as a real OSC 8 link.
    turns = (
        Turn(f"Dana{SET_TITLE}", 0.0, 20.0, f"Hello {CLEAR}there. How are you?"),
        Turn(ALEX, 20.0, 40.0, "Fine, thanks. What is the team like?"),
    )
    conv = Conversation(turns, source="call.vtt", format="vtt", notes=(MARKUP_LINK,))
    console, raw = _strict_console(force_terminal=True, color_system="standard")
    render_terminal(analyze(conv, me=ALEX), console)
    out = raw.getvalue().decode("utf-8")
    assert "\x1b]" not in out and "\x1b[2J" not in out and "\x07" not in out
    assert MARKUP_LINK in re.sub(r"\x1b\[[0-9;]*m", "", out)
