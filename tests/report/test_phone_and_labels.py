"""Issue 13 in the report's display: the timeline and balance charts fit a phone (a narrow twin
of each, shown under 640 px) and the tables that still scroll say so; the balance lines and
label read right in networking mode; praise is "✓ good", not a priority."""

from __future__ import annotations

import dataclasses
import io
import re
import xml.etree.ElementTree as ET

import pytest
from report_conversations import balanced_interview, monologue_interview
from rich.console import Console
from test_html import SVG, parse, text_of, viewbox

from twoway.analysis import Analysis, analyze
from twoway.analysis.result import Balance, Feedback
from twoway.report import _format as fmt
from twoway.report import _svg
from twoway.report.html import render_html, report_css
from twoway.report.markdown import render_markdown
from twoway.report.terminal import render_terminal


def charts(root: ET.Element, kind: str) -> dict[str, ET.Element]:
    """The wide and the narrow chart of ``kind`` (``tw-timeline``, ``tw-balance``)."""
    found = {}
    for chart in root.iter(f"{SVG}svg"):
        classes = chart.attrib["class"].split()
        if kind in classes:
            found["narrow" if "tw-narrow-chart" in classes else "wide"] = chart
    return found


@pytest.fixture
def monologue_page() -> ET.Element:
    conversation = monologue_interview()
    return parse(render_html(analyze(conversation, me="Alex"), conversation))


def test_the_timeline_and_balance_come_in_a_narrow_twin(monologue_page: ET.Element) -> None:
    for kind, height in (("tw-timeline", None), ("tw-balance", _svg.BA_NARROW_HEIGHT)):
        found = charts(monologue_page, kind)
        assert set(found) == {"wide", "narrow"}, kind
        width, tall = viewbox(found["narrow"])
        assert width == 360.0  # drawn about as wide as a phone: text at its own size
        if height is not None:
            assert tall == height
        # The same title; a description for each; ids of their own.
        assert text_of(found["wide"].find(f"{SVG}title")) == text_of(  # type: ignore[arg-type]
            found["narrow"].find(f"{SVG}title")  # type: ignore[arg-type]
        )
    ids = [e.attrib["id"] for e in monologue_page.iter() if "id" in e.attrib]
    assert len(ids) == len(set(ids))


def test_everything_in_the_narrow_charts_is_inside_them(monologue_page: ET.Element) -> None:
    for kind in ("tw-timeline", "tw-balance"):
        chart = charts(monologue_page, kind)["narrow"]
        width, height = viewbox(chart)
        for rect in chart.iter(f"{SVG}rect"):
            x, w = float(rect.attrib["x"]), float(rect.attrib["width"])
            assert x >= 0 and x + w <= width + 0.05, kind
        for label in chart.iter(f"{SVG}text"):
            x, y = float(label.attrib["x"]), float(label.attrib["y"])
            anchor = label.attrib["class"]
            # A label's anchor keeps its text in: start near the left, end near the right.
            assert 0 <= x <= width and 0 < y <= height, (kind, text_of(label))
            if width - x < 40:
                assert "tw-end" in anchor, (kind, text_of(label))
            if x < 30 and "tw-axis" in anchor and "tw-end" not in anchor:
                assert "tw-start" in anchor or "tw-lane-name" in anchor, (kind, text_of(label))


def test_the_narrow_timeline_names_each_lane_above_its_bar(monologue_page: ET.Element) -> None:
    chart = charts(monologue_page, "tw-timeline")["narrow"]
    names = [t for t in chart.iter(f"{SVG}text") if "tw-lane-name" in t.attrib["class"]]
    tracks = [r for r in chart.iter(f"{SVG}rect") if r.attrib.get("class") == "tw-track"]
    assert [t.findtext(f"{SVG}title") for t in names] == ["Alex", "Dana"]
    for name, track in zip(names, tracks, strict=True):
        assert float(name.attrib["y"]) < float(track.attrib["y"])  # above, not beside
        assert float(name.attrib["x"]) == pytest.approx(float(track.attrib["x"]))
    # Four ticks at most: 320 s is 5.3 minutes, so every 2 minutes; the first starts at the
    # plot's left edge and is anchored there.
    ticks = [t for t in chart.iter(f"{SVG}text") if "tw-axis" in t.attrib["class"]]
    assert [text_of(t) for t in ticks] == ["0:00", "2:00", "4:00"]
    assert ticks[0].attrib["class"] == "tw-axis tw-start"
    # The monologue (20 s to 200 s: 180 of 320 s, 187 of the plot's 332 units) is labelled by
    # its length alone.
    labels = [t for t in chart.iter(f"{SVG}text") if "tw-monologue-label" in t.attrib["class"]]
    assert [text_of(t) for t in labels] == ["3:00"]


def test_the_stylesheet_shows_one_twin_and_hints_at_scrolling() -> None:
    css = report_css()
    base, phone = css.split("@media (max-width: 640px)")
    phone, printing = phone.split("@media print")
    assert ".tw-report .tw-for-narrow { display: none; }" in base
    assert ".tw-report .tw-scroll-hint { display: none;" in base
    assert ".tw-report .tw-twins .tw-for-wide { display: none; }" in phone
    assert ".tw-report .tw-twins .tw-for-narrow { display: block;" in phone
    assert ".tw-report .tw-scroll-hint { display: block; }" in phone
    # Only what still scrolls keeps a minimum width (the progress chart), never the twins.
    assert ".tw-report .tw-wide .tw-scroll .tw-svg { min-width: 720px; }" in phone
    # Scroll shadows: the edge with more to see is shaded.
    assert "no-repeat local" in base and "no-repeat scroll" in base
    # On paper, the wide chart only.
    assert ".tw-report .tw-twins .tw-for-wide { display: block; }" in printing
    assert ".tw-report .tw-twins .tw-for-narrow, .tw-report .tw-scroll-hint" in printing


def test_each_scrolling_table_has_a_hint_and_can_be_scrolled_by_keyboard(
    monologue_page: ET.Element,
) -> None:
    boxes = [d for d in monologue_page.iter("div") if "tw-scroll" in d.attrib.get("class", "")]
    regions = [d for d in boxes if d.find(".//table") is not None]
    assert len(regions) >= 2  # the speakers and the questions
    for region in regions:
        assert region.attrib["tabindex"] == "0" and region.attrib["role"] == "region"
        assert region.attrib["aria-label"].endswith("(scrolls sideways)")
    hints = [p for p in monologue_page.iter("p") if p.attrib.get("class") == "tw-scroll-hint"]
    assert len(hints) == len(regions)
    assert all(h.attrib["aria-hidden"] == "true" for h in hints)


# -- networking labels --------------------------------------------------------------------


def networking_dominated_by_them() -> tuple[Analysis, object]:
    """A networking chat where they held most windows: what networking is for."""
    conversation = balanced_interview()
    analysis = analyze(conversation, me="Alex", mode="networking")
    assert analysis.balance is not None
    balance = Balance("dominated", "them", analysis.balance.windows)
    return dataclasses.replace(analysis, balance=balance), conversation


def test_networking_never_calls_its_aim_domination() -> None:
    analysis, conversation = networking_dominated_by_them()
    assert analysis.targets.share_high == pytest.approx(0.30)
    root = parse(render_html(analysis, conversation))  # type: ignore[arg-type]
    heading = next(h for h in root.iter("h2") if text_of(h).startswith("Balance over time"))
    assert text_of(heading) == "Balance over time: mostly them: you listened"
    for chart in charts(root, "tw-balance").values():
        words = " ".join(text_of(t) for t in chart.iter(f"{SVG}text"))
        assert "they talk 70%+" in words and "you talk 70%+" in words
        assert "dominat" not in words
    assert "Mostly them: you listened: your share" in text_of(root)  # the summary

    md = render_markdown(analysis)
    assert "## Balance over time: mostly them: you listened" in md
    console = Console(record=True, width=100, file=io.StringIO(), color_system=None)
    render_terminal(analysis, console)
    assert "Balance over time  mostly them: you listened" in console.export_text()


def test_interviews_keep_dominated_by_them() -> None:
    analysis, _ = networking_dominated_by_them()
    interview = analyze(balanced_interview(), me="Alex")
    balance = Balance("dominated", "them", ())
    assert fmt.balance_label(balance, interview.targets) == "dominated by them"
    assert fmt.balance_label(balance, analysis.targets) == "mostly them: you listened"
    assert fmt.balance_label(Balance("dominated", "me", ()), analysis.targets) == (
        "dominated by you"
    )
    assert fmt.balance_label(balance) == "dominated by them"  # no targets: as before


# -- praise -------------------------------------------------------------------------------


def praise(priority: int, code: str, message: str) -> Feedback:
    """Feedback on what went well, marked as the analysis marks it (``kind``, where it has
    one; the display falls back on the code)."""
    item = Feedback(priority, code, message)
    fields = {f.name for f in dataclasses.fields(Feedback)}
    return dataclasses.replace(item, kind="praise") if "kind" in fields else item  # type: ignore[call-arg]


MIXED = (
    praise(3, "share_on_target", "Your share (46%) is within the 40-60% target."),
    Feedback(3, "fillers", "You used 6.1 filler words per 100 words."),
    Feedback(1, "no_questions", "You asked no questions."),
    praise(3, "follow_ups", "1 question built on what they had just said."),
)


def test_praise_is_good_and_comes_after_the_advice() -> None:
    ordered = fmt.ordered_feedback(MIXED)
    assert [f.code for f in ordered] == ["no_questions", "fillers", "share_on_target", "follow_ups"]
    assert [(fmt.feedback_mark(f), fmt.feedback_word(f)) for f in ordered] == [
        ("●", "high"),
        ("○", "low"),
        ("✓", "good"),
        ("✓", "good"),
    ]


def test_every_renderer_shows_praise_without_a_severity() -> None:
    conversation = balanced_interview()
    analysis = dataclasses.replace(analyze(conversation, me="Alex"), feedback=MIXED)
    root = parse(render_html(analysis, conversation))
    items = root.findall(".//ol[@class='tw-feedback']/li")
    assert [i.attrib["class"] for i in items] == [
        "tw-priority-high",
        "tw-priority-low",
        "tw-priority-good",
        "tw-priority-good",
    ]
    assert text_of(items[2]) == "✓ good Your share (46%) is within the 40-60% target."
    assert ".tw-report .tw-priority-good .tw-priority { color: var(--tw-good); }" in report_css()

    md = render_markdown(analysis)
    assert "3. ✓ **good**: Your share (46%) is within the 40-60% target." in md
    assert "○ **low**: Your share" not in md

    console = Console(record=True, width=100, file=io.StringIO(), color_system=None)
    render_terminal(analysis, console)
    out = console.export_text()
    assert re.search(r"3\.\s+✓ good\s+Your share \(46%\) is within", out)
    assert "○ low     Your share" not in out


def test_the_dashed_lines_follow_the_levels_the_analysis_gives() -> None:
    # The analysis may judge dominance against the band (networking: 40% and 0%): the lines
    # and their words follow; a level of 0% is never reached and draws nothing.
    from types import SimpleNamespace

    networking = SimpleNamespace(me_dominates_at=0.40, them_dominate_at=0.0)
    assert _svg.dominance_lines(networking) == [(0.40, "you talk 40%+")]  # type: ignore[arg-type]
    one_to_one = Balance("back_and_forth", None, ())
    assert _svg.dominance_lines(one_to_one) == [
        (0.70, "you talk 70%+"),
        (0.30, "they talk 70%+"),
    ]
