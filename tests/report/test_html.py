"""The HTML report: valid HTML5 (html5lib, strict), offline, escaped, accessible, and the same
figures as the analysis; chart geometry inside its viewBox; the CLI's --html, --png and report."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import html5lib
import pytest
from report_conversations import (
    balanced_interview,
    monologue_interview,
    panel_interview,
    questioning_interview,
    questioning_plan,
    questioning_suggestions,
    textless_interview,
    untimed_interview,
)

from twoway import load
from twoway.analysis import Analysis, analyze
from twoway.cli import main
from twoway.model import Conversation, Turn
from twoway.report import _format as fmt
from twoway.report import _svg
from twoway.report.html import render_html, render_html_fragment, report_css

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
SVG = "{http://www.w3.org/2000/svg}"
# Who "me" is in each example (examples/README.md); an example not listed renders without.
EXAMPLE_ME = {
    "balanced_interview.vtt": ("Priya", "interview"),
    "monologue_interview.vtt": ("Alex", "interview"),
    "second_round_interview.srt": ("Alex", "interview"),
    "coffee_chat.txt": ("Jordan", "networking"),
    "panel_interview.json": ("SPEAKER_02", "interview"),
}
AUDIO = {".ogg", ".wav", ".mp3", ".m4a", ".flac", ".mp4", ".webm"}
EXAMPLE_FILES = sorted(
    p for p in EXAMPLES.iterdir() if p.suffix not in AUDIO and p.name != "README.md"
)


def parse(document: str) -> ET.Element:
    """Parse strictly: any HTML5 parse error fails the test."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    root = parser.parse(document)
    assert isinstance(root, ET.Element)
    return root


def offline_problems(document: str) -> list[str]:
    """Everything that would make the page fetch something: URLs in src/href, CSS url() and
    @import, scripts, stylesheets or frames."""
    problems = re.findall(
        r"""\b(?:src|href|srcset|poster|data)\s*=\s*["']?\s*(?:https?:)?//[^"'\s>]*""", document
    )
    problems += re.findall(r"url\(|@import", document)
    problems += re.findall(r"<(?:script|link|iframe|object|embed|img)\b", document, flags=re.I)
    return problems


def render(conversation: Conversation, me: str | None = None, **kwargs: object) -> str:
    analysis = analyze(conversation, me=me)
    return render_html(analysis, conversation, **kwargs)  # type: ignore[arg-type]


def svg_charts(root: ET.Element) -> list[ET.Element]:
    return list(root.iter(f"{SVG}svg"))


def viewbox(chart: ET.Element) -> tuple[float, float]:
    _, _, width, height = (float(v) for v in chart.attrib["viewBox"].split())
    return width, height


def text_of(root: ET.Element) -> str:
    return " ".join(" ".join(root.itertext()).split())


# -- every example -----------------------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_every_example_renders_a_valid_offline_report_with_its_figures(path: Path) -> None:
    me, mode = EXAMPLE_ME.get(path.name, (None, "interview"))
    conversation = load(str(path))
    analysis = analyze(conversation, me=me, mode=mode)
    document = render_html(analysis, conversation)

    root = parse(document)
    assert document.startswith("<!DOCTYPE html>")
    assert root.attrib["lang"] == "en"
    assert root.find(".//meta[@name='viewport']") is not None
    assert offline_problems(document) == []

    data = analysis.to_dict()
    page = text_of(root)
    me_stats = next((s for s in data["speakers"] if s["is_me"]), None)
    if me_stats is not None:
        share = me_stats["talk_share"]
        share = share if share is not None else me_stats["word_share"]
        cards = {
            card.findtext("p[@class='tw-card-label']"): card.findtext("p[@class='tw-card-value']")
            for card in root.iter("div")
            if "tw-card" in card.attrib.get("class", "")
        }
        shown = cards["Your talk share"] or ""
        # to_dict() rounds to 0.001 first: 0.4749 is 0.475 there and "47%" on the page
        assert abs(int(shown.rstrip("%")) - share * 100) <= 0.55
        assert shown in page
    if data["score"] is not None:
        headings = [" ".join("".join(h.itertext()).split()) for h in root.iter("h2")]
        assert f"Two-way score {data['score']['total']}/100" in headings
    if data["questioning"] is not None:
        assert f"{data['questioning']['asked']} asked" in page
    counted = [q for q in data["questions"] if q["function"] == "question"]
    hovers = [t.text or "" for t in root.iter(f"{SVG}title")]
    for q in counted:
        assert q["text"] in page  # the questions table
        if q["start_s"] is not None:
            assert any(q["text"] in h and "asked" in h for h in hovers), q["text"]


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_every_chart_is_an_image_with_a_title_and_a_description(path: Path) -> None:
    me, mode = EXAMPLE_ME.get(path.name, (None, "interview"))
    conversation = load(str(path))
    root = parse(render_html(analyze(conversation, me=me, mode=mode), conversation))
    charts = svg_charts(root)
    assert charts
    for chart in charts:
        assert chart.attrib["role"] == "img"
        assert chart.attrib["width"] == "100%"
        ids = chart.attrib["aria-labelledby"].split()
        children = {child.attrib.get("id"): child for child in chart}
        assert [children[i].tag for i in ids] == [f"{SVG}title", f"{SVG}desc"]
        assert all((children[i].text or "").strip() for i in ids)


def test_timeline_segments_lie_inside_the_viewbox() -> None:
    conversation = load(str(EXAMPLES / "monologue_interview.vtt"))
    root = parse(render_html(analyze(conversation, me="Alex"), conversation))
    timeline = next(c for c in svg_charts(root) if "tw-timeline" in c.attrib["class"])
    width, height = viewbox(timeline)
    rects = list(timeline.iter(f"{SVG}rect"))
    speech = [
        r
        for g in timeline.iter(f"{SVG}g")
        if "tw-speech" in g.attrib.get("class", "")
        for r in g.iter(f"{SVG}rect")
    ]
    assert len(speech) > 10
    for rect in rects:
        x, w = float(rect.attrib["x"]), float(rect.attrib["width"])
        y, h = float(rect.attrib["y"]), float(rect.attrib["height"])
        assert x >= 0 and w > 0 and x + w <= width + 0.05
        assert y >= 0 and y + h <= height
    for rect in speech:  # speech stays right of the names
        assert float(rect.attrib["x"]) >= _svg.TL_GUTTER - 0.05


def test_the_monologues_and_interruptions_are_marked_on_the_timeline() -> None:
    conversation = load(str(EXAMPLES / "monologue_interview.vtt"))
    analysis = analyze(conversation, me="Alex")
    root = parse(render_html(analysis, conversation))
    timeline = next(c for c in svg_charts(root) if "tw-timeline" in c.attrib["class"])
    outlines = [r for r in timeline.iter(f"{SVG}rect") if r.attrib.get("class") == "tw-monologue"]
    assert len(outlines) == len(analysis.monologues) == 3
    assert "Monologue: Alex Rivera at 1:14 for 3:28" in (outlines[0].findtext(f"{SVG}title") or "")
    marks = [p for p in timeline.iter(f"{SVG}polygon") if p.attrib.get("class") == "tw-interrupt"]
    assert len(marks) == len(analysis.interruptions) == 3
    assert "Dana Lee interrupted Alex Rivera" in text_of(marks[1])
    lanes = [t for t in timeline.iter(f"{SVG}text") if "tw-lane-name" in t.attrib["class"]]
    assert [text_of(t) for t in lanes] == ["Alex Rivera Alex Rivera (you)", "Dana Lee Dana Lee"]


def test_a_long_call_keeps_the_timeline_small() -> None:
    # Three hours of short alternating turns: 10,800 turns, merged to at most a few per unit.
    turns = tuple(
        Turn("Alex" if i % 2 else "Dana", i * 1.0, i * 1.0 + 0.9, None) for i in range(10_800)
    )
    conversation = Conversation(turns, source="long.rttm", format="rttm")
    document = render(conversation, "Alex")
    root = parse(document)
    timeline = next(c for c in svg_charts(root) if "tw-timeline" in c.attrib["class"])
    plot = _svg.TL_WIDTH - _svg.TL_GUTTER - _svg.TL_RIGHT
    assert len(list(timeline.iter(f"{SVG}rect"))) <= 2 * plot
    assert len(document) < 400_000


def test_merge_spans_joins_what_one_unit_cannot_tell_apart() -> None:
    spans = _svg.merge_spans([(10, 12), (0, 2), (2.4, 3), (3.05, 4)], 0.1)
    assert spans == [_svg.Span(0, 2, 1), _svg.Span(2.4, 4, 2), _svg.Span(10, 12, 1)]


def test_time_ticks_are_round_and_inside() -> None:
    assert _svg.time_ticks(0, 60) == [0, 10, 20, 30, 40, 50, 60]
    assert _svg.time_ticks(3.0, 880.0) == [120, 240, 360, 480, 600, 720, 840]
    hours = _svg.time_ticks(0, 3 * 3600)
    assert len(hours) <= 10 and all(t % 1200 == 0 for t in hours)


def test_share_bars_match_the_shares_and_the_band() -> None:
    analysis = analyze(balanced_interview(), me="Alex")
    root = parse(render_html(analysis, balanced_interview()))
    chart = next(c for c in svg_charts(root) if "tw-share-chart" in c.attrib["class"])
    width, _ = viewbox(chart)
    plot = width - _svg.SH_LEFT - _svg.SH_RIGHT
    bars = [r for r in chart.iter(f"{SVG}rect") if "tw-share" in r.attrib.get("class", "")]
    me = analysis.me_stats
    assert me is not None and me.share is not None
    assert float(bars[0].attrib["width"]) == pytest.approx(me.share * plot, abs=0.06)
    band = next(r for r in chart.iter(f"{SVG}rect") if r.attrib.get("class") == "tw-band")
    assert float(band.attrib["x"]) == pytest.approx(_svg.SH_LEFT + 0.4 * plot, abs=0.06)
    assert float(band.attrib["width"]) == pytest.approx(0.2 * plot, abs=0.06)
    assert "target 40-60%" in text_of(chart)


def test_balance_chart_has_the_dominance_lines_and_a_point_per_window() -> None:
    conversation = monologue_interview()
    analysis = analyze(conversation, me="Alex")
    root = parse(render_html(analysis, conversation))
    chart = next(c for c in svg_charts(root) if "tw-balance" in c.attrib["class"])
    assert analysis.balance is not None
    dots = list(chart.iter(f"{SVG}circle"))
    known = [w for w in analysis.balance.windows if w.me_share is not None]
    assert len(dots) == len(known)
    # The lines say what they mark, the same in both modes (tests/report/test_phone_and_labels.py).
    assert "you talk 70%+" in text_of(chart) and "they talk 70%+" in text_of(chart)
    assert "dominate" not in text_of(chart).replace("Dominated by you", "")
    dominance = [ln for ln in chart.iter(f"{SVG}line") if ln.attrib.get("class") == "tw-dominance"]
    y = _svg.Scale(0.0, 1.0, _svg.BA_HEIGHT - _svg.BA_BOTTOM, _svg.BA_TOP)
    assert sorted(float(ln.attrib["y1"]) for ln in dominance) == pytest.approx(
        sorted([y(0.7), y(0.3)]), abs=0.06
    )


# -- edge cases ---------------------------------------------------------------------------


HOSTILE = "Ha <script>alert(1)</script> and </svg></style> & co?"


def hostile_conversation() -> Conversation:
    return Conversation(
        (
            Turn("Dana <b>Lee</b>", 0.0, 20.0, "What do you think about " + HOSTILE),
            Turn("Alex & Co", 20.0, 60.0, "Well. " + HOSTILE + " What is a typical day like?"),
            Turn("Dana <b>Lee</b>", 60.0, 80.0, "Busy. </svg> <img src=https://x.test/a.png>"),
        ),
        source="<script>evil</script>.vtt",
        format="vtt",
    )


def test_transcript_text_is_always_text() -> None:
    conversation = hostile_conversation()
    document = render(conversation, "Alex")
    root = parse(document)
    assert offline_problems(document) == []
    assert "<script" not in document.lower().replace("&lt;script", "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in document
    page = text_of(root)
    assert "<script>alert(1)</script>" in page  # shown as text, in the questions table
    assert "Dana <b>Lee</b>" in page and "Alex & Co" in page
    assert root.find(".//b") is None  # no markup came through
    hovers = " ".join(t.text or "" for t in root.iter(f"{SVG}title"))
    assert "</svg></style> & co" in hovers
    # timeline, share, balance, and the narrow timeline and balance: none was closed early
    assert len(svg_charts(root)) == 5


def test_without_timing_no_timeline_and_it_says_why() -> None:
    conversation = untimed_interview()
    root = parse(render(conversation, "Alex"))
    page = text_of(root)
    assert "No timeline and no balance over time" in page and "no timestamps" in page
    assert [c.attrib["class"] for c in svg_charts(root)] == ["tw-svg tw-share-chart"]
    assert "by words" in page
    assert "What does success look like?" in page


def test_without_text_no_questions_and_it_says_why() -> None:
    conversation = textless_interview()
    root = parse(render(conversation, "Alex"))
    page = text_of(root)
    assert "No questions: this vtt source has no words" in page
    assert not [p for p in root.iter(f"{SVG}polygon") if "tw-question" in p.attrib.get("class", "")]
    assert any("tw-timeline" in c.attrib["class"] for c in svg_charts(root))


def test_without_me_it_asks_which_speaker_you_are() -> None:
    conversation = balanced_interview()
    root = parse(render(conversation))
    page = text_of(root)
    assert "Which speaker are you?" in page
    notice = root.find(".//div[@class='tw-notice']")
    assert notice is not None
    assert [li.text for li in notice.iter("li")] == ["Dana", "Alex"]
    assert "Two-way score" not in page
    assert "Balance over time needs to know which speaker you are" in page


def test_unknown_speakers_get_a_lane_and_a_notice() -> None:
    conversation = panel_interview()  # one caption line is nobody's
    root = parse(render(conversation, "Alex"))
    timeline = next(c for c in svg_charts(root) if "tw-timeline" in c.attrib["class"])
    lanes = [t for t in timeline.iter(f"{SVG}text") if "tw-lane-name" in t.attrib["class"]]
    assert [t.findtext(f"{SVG}title") for t in lanes] == [
        "Alex",
        "Priya Raman",
        "Marcus Oyelaran-Whitfield",
        "Jo",
        "(unknown)",
    ]
    nobody = Conversation(
        (Turn(None, 0.0, 5.0, "Hello there."), Turn(None, 5.0, 9.0, "Hi, how are you?")),
        source="meet.vtt",
        format="vtt",
    )
    page = text_of(parse(render(nobody)))
    assert "The transcript does not say who spoke" in page


def test_plan_suggestions_and_pay_warning_are_shown() -> None:
    conversation = questioning_interview()
    analysis = dataclasses.replace(
        analyze(conversation, me="Alex"),
        plan=questioning_plan(),
        suggestions=questioning_suggestions(),
    )
    page = text_of(parse(render_html(analysis, conversation)))
    assert analysis.plan is not None and analysis.suggestions is not None
    assert (
        f"Prepared questions: {analysis.plan.asked} of {len(analysis.plan.questions)} asked" in page
    )
    assert all(s.text in page for s in analysis.suggestions)
    assert "You asked about pay before they raised it." in page
    assert "↪ yes" in page


def test_feedback_is_ordered_with_priority_words_and_marks() -> None:
    conversation = monologue_interview()
    analysis = analyze(conversation, me="Alex")
    root = parse(render_html(analysis, conversation))
    items = root.findall(".//ol[@class='tw-feedback']/li")
    ordered = sorted(analysis.feedback, key=lambda f: f.priority)
    assert not any(f.code in fmt.PRAISE_CODES for f in ordered)  # all advice here
    assert [text_of(i) for i in items] == [
        f"{'●◐○'[f.priority - 1]} {('high', 'medium', 'low')[f.priority - 1]} {f.message}"
        for f in ordered
    ]


def test_progress_chart_rings_this_conversation(balanced: Analysis) -> None:
    import datetime as dt

    from twoway.store.records import ProgressPoint

    def point(day: int, source: str, share: float, score: int) -> ProgressPoint:
        return ProgressPoint(
            dt.date(2026, 11, day), day, source, "interview", share, 0.4, 0.6, 3, 1, 80.0, score
        )

    points = [point(2, "first.vtt", 0.78, 30), point(23, "balanced.vtt", 0.46, 96)]
    document = render_html(balanced, balanced_interview(), progress=points)
    root = parse(document)
    chart = next(c for c in svg_charts(root) if "tw-progress" in c.attrib["class"])
    assert len([r for r in chart.iter(f"{SVG}rect") if r.attrib.get("class") == "tw-current"]) == 1
    scores = [c for c in chart.iter(f"{SVG}circle") if c.attrib.get("class") == "tw-score-point"]
    assert [c.findtext(f"{SVG}title") for c in scores] == [
        "2026-11-02 first.vtt: score 30",
        "2026-11-23 balanced.vtt: score 96",
    ]
    assert "Score 30 first, 96 last (improving)." in text_of(chart)
    row = root.find(".//tr[@aria-current='true']")
    assert row is not None and "balanced.vtt (this one)" in text_of(row)


def test_fragment_is_one_main_and_the_css_is_scoped(balanced: Analysis) -> None:
    fragment = render_html_fragment(balanced, balanced_interview())
    assert fragment.lstrip().startswith('<main class="tw-report"')
    assert fragment.rstrip().endswith("</main>")
    assert "<html" not in fragment and "<style" not in fragment
    css = report_css()
    assert "@" not in re.sub(r"@(media|page)\b", "", css).replace("@import", "")
    body = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    selectors = re.findall(r"(?:^|})\s*([^{}@]+?)\s*\{", body)
    assert selectors
    for group in selectors:
        for selector in group.split(","):
            assert selector.strip().startswith(".tw-report"), selector
    assert "@media print" in css and "@media (max-width" in css


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize(
    "name,minimum",
    [
        # text: WCAG AA 4.5:1 on white
        ("ink", 4.5),
        ("muted", 4.5),
        ("me", 4.5),
        ("them_q", 4.5),
        ("band", 4.5),
        ("monologue", 4.5),
        ("interrupt", 4.5),
        ("good", 4.5),
        ("warn", 4.5),
        ("bad", 4.5),
        # shapes that carry meaning: 3:1
        ("them", 3.0),
    ],
)
def test_palette_meets_wcag_aa_on_white(name: str, minimum: float) -> None:
    assert contrast(_svg.PALETTE[name], "#ffffff") >= minimum
    # and against my lane's tint, where my bars and markers sit
    assert contrast(_svg.PALETTE[name], _svg.PALETTE["me_tint"]) >= min(minimum, 3.0)


def test_white_text_is_never_needed_but_tinted_rows_keep_text_readable() -> None:
    for tint in ("me_tint", "band_tint", "track"):
        assert contrast(_svg.PALETTE["ink"], _svg.PALETTE[tint]) >= 4.5
        assert contrast(_svg.PALETTE["muted"], _svg.PALETTE[tint]) >= 4.5


# -- the command line ---------------------------------------------------------------------


def test_analyze_writes_the_html_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.html"
    code = main(
        [
            "analyze",
            str(EXAMPLES / "balanced_interview.vtt"),
            "--me",
            "Priya",
            "--json",
            "--html",
            str(out),
        ]
    )
    assert code == 0
    captured = capsys.readouterr()
    assert captured.err == f"HTML report written to {out}\n"
    assert captured.out.startswith("{")
    parse(out.read_text(encoding="utf-8"))


def test_analyze_html_has_the_commitments_the_terminal_shows(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    args = ["analyze", str(EXAMPLES / "monologue_interview.vtt"), "--me", "Alex"]
    assert main([*args, "--json", "--html", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    parse(page)
    # "our recruiter, Kim, will reach out within a week or so about the technical round"
    assert "Commitments" in page
    assert "Kim owes you" in page
    assert "within a week" in page


def test_analyze_several_inputs_write_one_page_each(tmp_path: Path) -> None:
    files = [str(EXAMPLES / "balanced_interview.vtt"), str(EXAMPLES / "coffee_chat.txt")]
    assert main(["analyze", *files, "--json", "--html", str(tmp_path / "r.html")]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "r-balanced_interview.html",
        "r-coffee_chat.html",
    ]
    folder = tmp_path / "pages"
    folder.mkdir()
    assert main(["analyze", *files, "--json", "--html", str(folder)]) == 0
    assert sorted(p.name for p in folder.iterdir()) == [
        "balanced_interview.html",
        "coffee_chat.html",
    ]


def test_analyze_html_in_a_missing_folder_is_one_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "nope" / "r.html"
    code = main(["analyze", str(EXAMPLES / "coffee_chat.txt"), "--json", "--html", str(out)])
    assert code == 1
    assert capsys.readouterr().err == (
        f"twoway: error: {out}: the folder {out.parent} does not exist\n"
    )


def test_png_charts(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    folder = tmp_path / "charts"
    assert (
        main(
            [
                "analyze",
                str(EXAMPLES / "monologue_interview.vtt"),
                "--me",
                "Alex",
                "--json",
                "--png",
                str(folder),
            ]
        )
        == 0
    )
    for name in ("timeline.png", "share.png"):
        assert (folder / name).read_bytes().startswith(b"\x89PNG")


def test_png_without_matplotlib_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ["matplotlib", *(m for m in sys.modules if m.startswith("matplotlib."))]:
        monkeypatch.setitem(sys.modules, name, None)
    code = main(["analyze", str(EXAMPLES / "coffee_chat.txt"), "--json", "--png", str(tmp_path)])
    assert code == 1
    assert "pip install 'twoway[charts]'" in capsys.readouterr().err


def test_report_command_writes_a_saved_conversation_with_progress(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "t.db")
    for path, day in (
        ("monologue_interview.vtt", "2026-11-02"),
        ("second_round_interview.srt", "2026-11-23"),
    ):
        assert (
            main(
                [
                    "analyze",
                    str(EXAMPLES / path),
                    "--me",
                    "Alex",
                    "--json",
                    "--save",
                    "--date",
                    day,
                    "--db",
                    db,
                ]
            )
            == 0
        )
    capsys.readouterr()
    out = tmp_path / "saved.html"
    assert main(["report", "last", "--html", str(out), "--db", db]) == 0
    root = parse(out.read_text(encoding="utf-8"))
    page = text_of(root)
    assert "23 November 2026" in page
    assert "second_round_interview.srt (this one)" in page
    assert any("tw-progress" in c.attrib["class"] for c in svg_charts(root))

    assert main(["report", "1", "--db", db]) == 0  # no --html: the terminal report
    assert "twoway report: monologue_interview.vtt" in capsys.readouterr().out
    assert main(["report", "9", "--db", db]) == 1


def test_help_does_not_load_jinja2() -> None:
    code = (
        "import sys\n"
        "from twoway.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "names = ('jinja2', 'markupsafe', 'twoway.report.html')\n"
        "print(sorted(m for m in names if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "[]"
