"""The "Commitments" section of the reports (terminal, markdown, HTML, JSON), from the views of
``twoway.report.commitments``: who owes what, the due as said and as a day, the sentence; left
out when there are none; escaped like everything else taken from a transcript."""

from __future__ import annotations

import datetime as dt
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import html5lib
import pytest
from rich.console import Console

import twoway
from twoway.analysis import Analysis
from twoway.followup import find_commitments
from twoway.model import Conversation, Turn
from twoway.report.commitments import CommitmentView, commitment_views
from twoway.report.html import render_html
from twoway.report.json import render_json
from twoway.report.markdown import render_markdown
from twoway.report.terminal import render_terminal

ROOT = Path(__file__).parents[2]
NURSE = ROOT / "benchmarks" / "data" / "notes_blind5" / "02_interview_nurse_panel.txt"
ME = "Maricel Dizon"
SAID_ON = dt.date(2026, 12, 9)  # a Wednesday


@pytest.fixture(scope="module")
def panel() -> tuple[Conversation, Analysis, tuple[CommitmentView, ...]]:
    """A panel interview: three interviewers, two promises and one reported."""
    conversation = twoway.load(NURSE)
    analysis = twoway.analyze(conversation, me=ME)
    return conversation, analysis, commitment_views(find_commitments(conversation, ME), ME, SAID_ON)


def test_views_say_who_owes_whom_and_read_the_due(
    panel: tuple[Conversation, Analysis, tuple[CommitmentView, ...]],
) -> None:
    conversation, _, views = panel
    found = find_commitments(conversation, ME)
    assert len(views) == len(found) >= 3
    for view, c in zip(views, found, strict=True):
        assert (view.by, view.action, view.quote, view.due) == (c.by, c.action, c.quote, c.due)
        assert view.mine is (c.by == ME) or (view.mine is False and c.to == ME)
        assert view.owes == (f"You owe {c.to}" if c.by == ME else f"{c.by} owes you")
    tomorrow = next(v for v in views if v.due == "tomorrow")
    assert tomorrow.due_date == SAID_ON + dt.timedelta(days=1)
    two_weeks = next(v for v in views if v.due == "within two weeks")
    assert two_weeks.kind == "reported" and two_weeks.due_date == dt.date(2026, 12, 23)


def test_without_me_nobody_is_you() -> None:
    talk = Conversation(
        (
            Turn("Sam", 0.0, 4.0, "I'll introduce you to Omar by Friday."),
            Turn("Jo", 4.0, 6.0, "Thank you, that would be great."),
        )
    )
    [view] = commitment_views(find_commitments(talk, None), None, None)
    assert (view.owes, view.mine, view.due, view.due_date) == (
        "Sam owes Jo",
        None,
        "by Friday",
        None,
    )


def test_terminal_section(panel: tuple[Conversation, Analysis, tuple[CommitmentView, ...]]) -> None:
    _, analysis, views = panel
    console = Console(record=True, width=120, file=io.StringIO(), color_system=None)
    render_terminal(analysis, console, commitments=views)
    out = console.export_text()
    section = out.split("\nCommitments", 1)[1].split("\nNotes", 1)[0]
    flat = " ".join(section.split())
    for view in views:
        assert view.owes in section
        assert " ".join(view.quote.split()[:4]) in flat  # the sentence, wrapped in its column
    # The due column wraps at its width: the phrase, then the day.
    assert "tomorrow (2026-12-10)" in section and "(2026-12-23)" in section
    # Without commitments, or with none found, there is no section.
    for nothing in (None, ()):
        plain = Console(record=True, width=120, file=io.StringIO(), color_system=None)
        render_terminal(analysis, plain, commitments=nothing)
        assert "Commitments" not in plain.export_text()


def test_markdown_section_is_a_table_with_escaped_cells(
    panel: tuple[Conversation, Analysis, tuple[CommitmentView, ...]],
) -> None:
    _, analysis, views = panel
    out = render_markdown(analysis, commitments=views)
    section = out.split("## Commitments\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert section[:2] == ["| Who | What | Due | Said |", "|---|---|---|---|"]
    assert len(section) == 2 + len(views)
    assert "## Commitments" not in render_markdown(analysis)
    talk = Conversation(
        (
            Turn("Ana", 0.0, 4.0, "I'll send you the notes | *all* of them by Friday."),
            Turn("Ben", 4.0, 6.0, "Thanks!"),
        )
    )
    views = commitment_views(find_commitments(talk, "Ben"), "Ben", SAID_ON)
    row = render_markdown(twoway.analyze(talk, me="Ben"), commitments=views).splitlines()[-1]
    assert row.count(" | ") == 3  # the "|" of the transcript is escaped, not a new cell
    assert "\\| \\*all\\*" in row


def _parse(document: str) -> ET.Element:
    root = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(document)
    assert isinstance(root, ET.Element)
    return root


def test_html_section(panel: tuple[Conversation, Analysis, tuple[CommitmentView, ...]]) -> None:
    conversation, analysis, views = panel
    document = render_html(analysis, conversation, commitments=views, date=SAID_ON)
    root = _parse(document)
    section = next(
        s for s in root.iter("section") if "".join(s.findtext("h2") or "") == "Commitments"
    )
    items = section.findall(".//li")
    assert len(items) == len(views)
    for item, view in zip(items, views, strict=True):
        words = " ".join("".join(item.itertext()).split())
        assert words.startswith(f"{view.owes}: {view.action}")
        assert f"“{' '.join(view.quote.split())}”" in words
    assert "Commitments" not in render_html(analysis, conversation)


def test_html_escapes_what_was_said() -> None:
    talk = Conversation(
        (
            Turn("Ana", 0.0, 4.0, "I'll send you the <script>alert(1)</script> deck tomorrow."),
            Turn("Ben", 4.0, 6.0, "Thanks!"),
        )
    )
    views = commitment_views(find_commitments(talk, "Ben"), "Ben", SAID_ON)
    assert views, "the promise is found"
    document = render_html(twoway.analyze(talk, me="Ben"), talk, commitments=views)
    assert "<script>" not in document and "&lt;script&gt;" in document
    _parse(document)


def test_json_adds_the_key_per_analysis(
    panel: tuple[Conversation, Analysis, tuple[CommitmentView, ...]],
) -> None:
    _, analysis, views = panel
    data = json.loads(render_json([analysis], commitments=[views]))
    assert [c["quote"] for c in data["commitments"]] == [v.quote for v in views]
    tomorrow = next(c for c in data["commitments"] if c["due"] == "tomorrow")
    assert tomorrow["due_date"] == "2026-12-10" and tomorrow["mine"] is False
    both = json.loads(render_json([analysis, analysis], commitments=[views, ()]))
    assert len(both[0]["commitments"]) == len(views) and both[1]["commitments"] == []
    assert "commitments" not in json.loads(render_json([analysis]))  # Analysis.to_dict() as is
    with pytest.raises(ValueError, match="one sequence of commitments per analysis"):
        render_json([analysis, analysis], commitments=[views])
