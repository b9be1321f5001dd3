"""``twoway cohort`` after issue 13: a headline per mode (interviews and networking chats never
share a median), one row per student with a trend, histogram labels that never overlap, and a
page that fits a phone (checked in Chromium by tests/web/test_browser.py)."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

import pytest

from twoway.batch._columns import CONVERSATION_COLUMNS, Row, empty_row
from twoway.batch.cohort import (
    CHAR_WIDTH,
    axis_labels,
    cohort,
    display_paths,
    mode_summaries,
    path_order,
    render_cohort_html,
    students,
    svg_bars,
)

from .conftest import interview_vtt, run_cli

BANDS = {"interview": (0.4, 0.6), "networking": (0.1, 0.3)}


def row(path: str, me: str, mode: str, share: float, score: int, **more: Any) -> Row:
    low, high = BANDS[mode]
    values = empty_row(CONVERSATION_COLUMNS)
    values.update(
        path=path, status="ok", me=me, mode=mode, me_talk_share=share, target_low=low,
        target_high=high, on_target=low <= share <= high, score=score, questions_asked=2,
        longest_monologue_s=30.0, content_hash=path,
    )  # fmt: skip
    values.update(more)
    return values


# Four interviews (shares 0.50, 0.70, 0.45, 0.80) and three networking chats (0.20, 0.15, 0.40).
ROWS = [
    row("c/week1/alex.vtt", "Alex Kim", "interview", 0.80, 40),
    row("c/week2/alex.vtt", "alex  kim", "interview", 0.70, 55),
    row("c/week10/alex.vtt", "Alex Kim", "interview", 0.50, 80),
    row("c/week2/alex-chat.vtt", "Alex Kim", "networking", 0.20, 90),
    row("c/week1/sam.vtt", "Sam Patel", "interview", 0.45, 90),
    row("c/week2/sam-chat.vtt", "Sam Patel", "networking", 0.40, 60),
    row("c/week3/jo-chat.vtt", "Jo Chen", "networking", 0.15, 85),
]


def test_each_mode_has_its_own_median_band_and_count() -> None:
    interview, networking = mode_summaries(ROWS)
    # Interviews: 0.45 0.50 0.70 0.80 -> (0.50 + 0.70) / 2; networking: 0.15 0.20 0.40 -> 0.20.
    assert (interview.mode, interview.count, interview.band, interview.on_target) == (
        "interview", 4, (0.4, 0.6), 2,
    )  # fmt: skip
    assert interview.median_share == pytest.approx(0.60)
    assert (networking.name, networking.count, networking.band, networking.on_target) == (
        "networking chats", 3, (0.1, 0.3), 2,
    )  # fmt: skip
    assert networking.median_share == pytest.approx(0.20)
    # Together the median would be 0.45: neither mode's.
    data = cohort(ROWS)
    assert [m.mode for m in data.modes] == ["interview", "networking"]
    assert [h.title for h in data.histograms[:2]] == [
        "Your talk share: interviews",
        "Your talk share: networking chats",
    ]
    # Each share histogram shades its own band: 40-60 for interviews, 10-30 for networking.
    shaded = [[b.label for b in h.bars if b.highlight] for h in data.histograms[:2]]
    assert shaded == [["40–45", "45–50", "50–55", "55–60"], ["10–15", "15–20", "20–25", "25–30"]]


def test_one_mode_keeps_one_share_histogram() -> None:
    data = cohort([r for r in ROWS if r["mode"] == "interview"])
    assert [h.title for h in data.histograms] == [
        "Your talk share",
        "Questions asked",
        "Longest monologue",
        "Two-way score",
    ]


def test_students_are_grouped_ordered_by_path_and_given_a_trend() -> None:
    found = {s.name: s for s in students(ROWS)}
    assert set(found) == {"Alex Kim", "Sam Patel", "Jo Chen"}  # "alex  kim" is Alex Kim
    alex = found["Alex Kim"]
    # week2 before week10; the chat of week 2 before the interview of week 2 ("-" < ".").
    assert [r["path"] for r in alex.rows] == [
        "c/week1/alex.vtt",
        "c/week2/alex-chat.vtt",
        "c/week2/alex.vtt",
        "c/week10/alex.vtt",
    ]
    assert alex.scores == [40, 90, 55, 80]
    # Score: the mean of the last two (67.5) against the first two (65): +2.5, within 5: steady.
    assert alex.score_trend == "steady"
    # Talk share off its band: 0.20, 0, 0.10, 0 -> last two 0.05 against first two 0.10: the
    # distance fell by 0.05, over the 0.03 margin: improving.
    assert alex.share_trend == "improving"
    assert alex.on_target == 2
    sam = found["Sam Patel"]
    assert sam.scores == [90, 60] and sam.score_trend == "slipping"
    assert sam.share_trend == "slipping"  # on target, then 0.10 over the networking band
    jo = found["Jo Chen"]
    assert jo.score_trend is None and jo.share_trend is None  # one conversation: no trend
    # The lowest latest score first: Sam (60), Alex (80), Jo (85).
    assert [s.name for s in students(ROWS)] == ["Sam Patel", "Alex Kim", "Jo Chen"]


def test_path_order_reads_numbers_as_numbers() -> None:
    paths = ["w10/a.vtt", "w2/b.vtt", "W1/a.vtt", "w2/a.vtt"]
    assert sorted(paths, key=path_order) == ["W1/a.vtt", "w2/a.vtt", "w2/b.vtt", "w10/a.vtt"]


def label_extents(ticks: list[dict[str, Any]]) -> list[tuple[float, float]]:
    """Where each label's text lies, with the width the thinning rule assumes."""
    spans = []
    for tick in ticks:
        width = len(tick["label"]) * CHAR_WIDTH
        start = {"start": tick["x"], "end": tick["x"] - width}.get(
            tick["anchor"], tick["x"] - width / 2
        )
        spans.append((start, start + width))
    return spans


@pytest.mark.parametrize("index", range(5))
def test_histogram_labels_never_overlap_and_stay_inside(index: int) -> None:
    histogram = cohort(ROWS).histograms[index]
    drawn = svg_bars(histogram)
    spans = label_extents(drawn["ticks"])
    assert spans, histogram.title
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end <= start, histogram.title
    assert spans[0][0] >= 0 and spans[-1][1] <= drawn["width"]


def test_range_histograms_are_labelled_at_their_edges() -> None:
    data = cohort(ROWS)
    share = svg_bars(data.histograms[0])
    # 20 bars of 5 points: 21 edges; "100" needs 2 bars' room, so every other edge.
    assert [t["label"] for t in share["ticks"]] == [str(v) for v in range(0, 101, 10)]
    questions = svg_bars(data.histograms[2])  # whole numbers: one label under each bar
    assert [t["label"] for t in questions["ticks"]] == [*map(str, range(12)), "12+"]
    assert axis_labels(["0", "5", "10"], [0, 50, 100], 50) == [(0, "0"), (50, "5"), (100, "10")]


def test_paths_are_shown_under_their_common_folder() -> None:
    root, shown = display_paths(["/data/term/w1/a.vtt", "/data/term/w2/b.vtt"])
    assert root == "/data/term"
    assert shown == {"/data/term/w1/a.vtt": "w1/a.vtt", "/data/term/w2/b.vtt": "w2/b.vtt"}
    assert display_paths(["s3://b/a.vtt", "/x/b.vtt"])[0] == ""


def test_the_page_has_a_card_per_mode_a_students_table_and_a_footer() -> None:
    html = render_cohort_html(cohort(ROWS), {}, "Spring")
    cards = re.findall(r'<div class="card mode-(\w+)"><b>([^<]+)</b>([^<]+)<small>([^<]+)', html)
    assert cards == [
        ("interview", "60%", "median talk share, interviews", "target 40%–60%; 2 of 4 on target"),
        (
            "networking",
            "20%",
            "median talk share, networking chats",
            "target 10%–30%; 2 of 3 on target",
        ),
    ]
    assert html.count('<tr>\n  <td class="lead">') == 3  # one row per student
    assert "40 → 90 → 55 → 80" in html and "90 → 60" in html
    assert '<span class="trend slipping">▼ slipping</span>' in html
    assert "<footer>Made by twoway" in html and html.rstrip().endswith("</html>")
    # No chart has a fixed pixel width: each fits its column, down to a phone.
    assert re.search(r"<svg class=\"hist\"[^>]*\swidth=", html) is None
    assert "minmax(min(100%, 400px), 1fr)" in html
    # Paths are shown under the folder they share.
    assert '<p class="muted">Files under c</p>' in html and "c/week1/alex.vtt" not in html


def test_the_terminal_summary_gives_each_mode_and_the_students(
    cohort_dir: Path, tmp_path: Path
) -> None:
    pytest.importorskip("pyarrow")
    chats = cohort_dir / "chats"
    chats.mkdir()
    (chats / "alex.vtt").write_text(interview_vtt("Alex Kim", my_cues=1, their_cues=4, seed=3))
    (cohort_dir / "week2" / "alex.vtt").write_text(interview_vtt("Alex Kim", seed=8))
    mapping = cohort_dir / "map.csv"
    lines = ["path,me,mode", "chats/alex.vtt,Alex Kim,networking"]
    for path in sorted(cohort_dir.glob("week*/*.vtt")):
        first = path.stem.capitalize()
        me = next(n for n in ("Alex Kim", "Sam Patel", "Jo Chen", "Ria Novak", "Lee Park",
                              "Max Silva", "Bo Grant") if n.startswith(first))  # fmt: skip
        lines.append(f"{path.relative_to(cohort_dir)},{me},interview")
    mapping.write_text("\n".join(lines) + "\n")
    out = tmp_path / "r.csv"
    assert run_cli("batch", "--me-map", str(mapping), "-o", str(out), "-j", "1").code == 0
    result = run_cli("cohort", str(out))
    assert result.code == 0, result.err
    first_line = " ".join(result.out.split("\n\n")[0].split())
    assert re.search(
        r"^Cohort: 9 conversations, 0 failed; 8 interviews: median talk share \d+% "
        r"\(target 40-60%\), \d+ on target; 1 networking chat: median talk share \d+% "
        r"\(target 10-30%\), \d+ on target",
        first_line,
    ), first_line
    assert re.search(r"Alex Kim\s+3\s+\d+ → \d+ → \d+\s+\w+", result.out), result.out
