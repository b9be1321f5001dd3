"""The progress view: a table per conversation, sparklines and trends, markdown, a PNG chart."""

from __future__ import annotations

import datetime as dt
import io
import struct
import sys
from pathlib import Path

import pytest
from rich.console import Console

from twoway.errors import MissingExtraError, UsageError
from twoway.report.progress import (
    progress_alt_text,
    render_progress,
    render_progress_markdown,
    trend,
    write_progress_png,
)
from twoway.store.records import ProgressPoint

BANDS = {"interview": (0.40, 0.60), "networking": (0.10, 0.30)}


def point(
    day: str,
    source: str,
    mode: str,
    share: float | None,
    questions: int,
    about: int,
    longest: float | None,
    score: int | None,
    cid: int = 0,
) -> ProgressPoint:
    low, high = BANDS[mode]
    return ProgressPoint(
        dt.date.fromisoformat(day), cid, source, mode, share, low, high, questions, about,
        longest, score,
    )  # fmt: skip


# Six conversations, interviews and networking chats mixed, one without timing (no share, no
# monologue) and without a score; given out of date order.
POINTS = [
    point("2025-03-10", "coffee_with_sam.txt", "networking", 0.38, 3, 1, 95.0, 55, 2),
    point(
        "2025-03-03", "/home/p/interviews/acme_screen.vtt", "interview", 0.72, 1, 0, 220.0, 41, 1
    ),
    point("2025-03-18", "northwind_round1.vtt", "interview", 0.58, 4, 1, 80.0, 68, 3),
    point("2025-03-18", "panel.json", "interview", None, 2, 0, None, None, 4),
    point("2025-04-02", "globex_hm.srt", "interview", 0.51, 6, 2, 70.0, 79, 5),
    point("2025-04-20", "chat_lena.txt", "networking", 0.24, 7, 3, 45.0, 86, 6),
]


def render(points: list[ProgressPoint], me: str | None = None, width: int = 110) -> str:
    console = Console(width=width, record=True, color_system=None, file=io.StringIO())
    render_progress(points, console, me=me)
    return console.export_text()


# -- the trend rule -------------------------------------------------------------------------


def test_trend_compares_the_mean_of_the_last_three_with_the_first_three() -> None:
    t = trend([40, 45, 50, 60, 70, 75, 80], steady=5)
    # n = 7, k = 3: (70 + 75 + 80) / 3 = 75 against (40 + 45 + 50) / 3 = 45.
    assert (t.word, t.window, t.first, t.last) == ("improving", 3, 45.0, 75.0)


@pytest.mark.parametrize(
    ("values", "higher_is_better", "steady", "word", "window"),
    [
        ([60, 50], True, 5, "slipping", 1),  # two values: the last against the first
        ([60, 99, 57], True, 5, "steady", 1),  # three: still the last against the first
        ([50, 55], True, 5, "steady", 1),  # exactly the margin is steady
        ([50, 55.5], True, 5, "improving", 1),
        ([200.0, 150.0, 60.0, 50.0], False, 15, "improving", 2),  # lower is better
        ([1, None, 3, None, 2, 4], True, 1, "steady", 2),  # 4 known: (2+4)/2 - (1+3)/2 = 1
        ([None, 5], True, 1, None, 0),  # one known value: no trend
        ([], True, 1, None, 0),
    ],
)
def test_trend_words(
    values: list[float | None], higher_is_better: bool, steady: float, word: str | None, window: int
) -> None:
    t = trend(values, higher_is_better=higher_is_better, steady=steady)
    assert (t.word, t.window) == (word, window)


# -- terminal -------------------------------------------------------------------------------


def test_one_row_per_conversation_by_date_with_share_against_its_own_band() -> None:
    out = render(POINTS, me="Priya")
    lines = out.splitlines()
    assert lines[0].startswith("twoway progress: Priya ─")
    assert lines[1] == "6 conversations · 2025-03-03 to 2025-04-20 · modes: interview, networking"
    rows = [line for line in lines if line[:4] == "2025"]
    assert [r.split()[1] for r in rows] == [
        "acme_screen.vtt",  # the folder is left out
        "coffee_with_sam.txt",
        "northwind_round1.vtt",
        "panel.json",
        "globex_hm.srt",
        "chat_lena.txt",
    ]
    # 72% is above 40-60%; 38% is above the networking band 10-30%, though it would be low for
    # an interview; 24% is on target there.
    assert rows[0].split()[3:] == ["72%", "▲", "40-60%", "1", "0", "3:40", "41"]
    assert rows[1].split()[3:] == ["38%", "▲", "10-30%", "3", "1", "1:35", "55"]
    assert rows[2].split()[3:] == ["58%", "✓", "40-60%", "4", "1", "1:20", "68"]
    assert rows[3].split()[3:] == ["—", "40-60%", "2", "0", "—", "—"]
    assert rows[5].split()[3:] == ["24%", "✓", "10-30%", "7", "3", "0:45", "86"]
    assert "✓ on target, ▲ above, ▼ below" in out


def _trend_lines(out: str) -> dict[str, str]:
    """The trend lines, white space collapsed, by metric."""
    lines = {}
    for line in out.split("Trends", 1)[1].splitlines()[1:]:
        for label in ("Talk share", "Questions", "About them", "Longest monologue", "Score"):
            if line.startswith(label):
                lines[label] = " ".join(line[len(label) :].split())
    return lines


def test_sparklines_and_trends_in_words() -> None:
    out = render(POINTS)
    assert "Trends  mean of last 3 vs first 3" in out
    trends = _trend_lines(out)
    # Questions 1 3 4 2 6 7 scaled by the largest (7): 1/7 = 0.14 -> ▂ (int(0.14 * 8) = 1),
    # 3/7 -> ▄ (3), 4/7 -> ▅ (4), 2/7 -> ▃ (2), 6/7 -> ▇ (6), 7/7 -> █.
    # Means: (1 + 3 + 4) / 3 = 2.7 and (2 + 6 + 7) / 3 = 5; +2.3 > 1: improving.
    assert trends["Questions"] == "▂▄▅▃▇█ improving 2.7 → 5"
    # About them 0 1 1 0 2 3 over 3: ▁ ▃ ▃ ▁ ▆ █; (0 + 1 + 1) / 3 = 0.7 -> (0 + 2 + 3) / 3 = 1.7.
    assert trends["About them"] == "▁▃▃▁▆█ improving 0.7 → 1.7"
    # Score has 5 known values (k = 2): (41 + 55) / 2 = 48 -> (79 + 86) / 2 = 82.5, shown "82"
    # (rounded half to even); the conversation without a score is a gap in the sparkline:
    # 41 -> ▄ (int(0.41 * 8) = 3), 55 -> ▅, 68 -> ▆, gap, 79 -> ▇, 86 -> ▇.
    assert trends["Score"] == "▄▅▆ ▇▇ improving 48 → 82 (mean of last 2 vs first 2)"
    # Talk share is judged by the distance outside each conversation's band: 12 and 8 points
    # for the first two (72% over 60%, 38% over 30%), 0 for the last two: 10 -> 0. The
    # sparkline draws the share itself: 72% -> ▆ (5), 38% -> ▄ (3), 58% -> ▅, gap, 51% ▅, 24% ▂.
    assert trends["Talk share"] == (
        "▆▄▅ ▅▂ improving 10 → 0 pts off target (mean of last 2 vs first 2)"
    )
    # Longest monologue: (220 + 95) / 2 = 157.5 s -> (70 + 45) / 2 = 57.5 s; lower is better.
    assert trends["Longest monologue"] == (
        "█▄▃ ▃▂ improving 2:38 → 0:58 (mean of last 2 vs first 2)"
    )


def test_slipping_and_steady() -> None:
    points = [
        point("2025-01-06", "a.vtt", "interview", 0.50, 5, 2, 60.0, 80),
        point("2025-01-13", "b.vtt", "interview", 0.52, 5, 2, 100.0, 78),
        point("2025-01-20", "c.vtt", "interview", 0.75, 3, 0, 190.0, 52),
        point("2025-01-27", "d.vtt", "interview", 0.70, 5, 2, 200.0, 55),
    ]
    trends = _trend_lines(render(points))
    # k = 2. Share: off band 0, 0 -> 15, 10 points: 0 -> 12.5, shown 12: slipping.
    assert trends["Talk share"].endswith("slipping 0 → 12 pts off target")
    # Questions 5, 5 -> 3, 5: 5 -> 4, a change of 1: steady (the margin is 1).
    assert trends["Questions"].endswith("steady 5 → 4")
    assert trends["About them"].endswith("slipping 2 → 1")
    assert trends["Longest monologue"].endswith("slipping 1:20 → 3:15")
    assert trends["Score"].endswith("slipping 79 → 54")  # every value known: no window note


def test_one_point_has_a_table_and_no_trend() -> None:
    out = render([POINTS[1]])
    assert "1 conversation · 2025-03-03 · interview mode" in out
    assert "72% ▲ 40-60%" in out
    assert "One conversation so far: trends start with the second." in out
    assert "improving" not in out


def test_no_points() -> None:
    out = render([], me="Alex")
    assert out.splitlines()[0].startswith("twoway progress: Alex ─")
    assert "No saved conversations yet: nothing to compare." in out


@pytest.mark.parametrize("width", [60, 80])
def test_narrower_terminals_keep_every_figure(width: int) -> None:
    out = render(POINTS, width=width)
    assert all(len(line) <= width for line in out.splitlines())
    rows = [line.split() for line in out.splitlines() if line[:4] == "2025"]
    # The band leaves the share cell for the legend; under 72 columns the source goes too.
    assert rows[0][-6:] == ["72%", "▲", "1", "0", "3:40", "41"]
    assert ("acme_screen.vtt" in rows[0]) == (width >= 72)
    assert "(interview 40-60%, networking 10-30%)" in " ".join(out.split())
    assert len(_trend_lines(out)) == 5


# -- markdown -------------------------------------------------------------------------------


def test_markdown_table_and_trends() -> None:
    md = render_progress_markdown(POINTS, me="Priya")
    assert md.startswith("# twoway progress: Priya\n\n6 conversations, 2025-03-03 to 2025-04-20.")
    assert (
        "| 2025-03-03 | acme\\_screen.vtt | interview | 72% ▲ | 40-60% | 1 | 0 | 3:40 | 41 |" in md
    )
    assert "| 2025-03-18 | panel.json | interview | — | 40-60% | 2 | 0 | — | — |" in md
    assert "| Questions | `▂▄▅▃▇█` | 2.7 → 5 | improving |" in md
    assert "Trends compare the mean of last 3 vs first 3 conversations." in md


def test_markdown_with_one_point_and_none() -> None:
    one = render_progress_markdown([POINTS[0]])
    assert "| 2025-03-10 | coffee\\_with\\_sam.txt | networking | 38% ▲ | 10-30% |" in one
    assert "One conversation so far: trends start with the second." in one
    assert render_progress_markdown([]) == (
        "# twoway progress\n\nNo saved conversations yet: nothing to compare.\n"
    )


# -- PNG ------------------------------------------------------------------------------------


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_png_chart(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    path = tmp_path / "progress.png"
    write_progress_png(POINTS, path, me="Priya")
    data = path.read_bytes()
    assert _png_size(data) == (990, 704)  # 9 x 6.4 inches at 110 dpi
    assert 30_000 < len(data) < 400_000
    assert b"twoway progress: Priya" in data  # the title, in the PNG's text chunks
    assert b"Description" in data
    assert [p.name for p in tmp_path.iterdir()] == ["progress.png"]  # no temporary file left


def test_png_with_one_point_and_with_many(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    write_progress_png([POINTS[0]], tmp_path / "one.png")
    assert _png_size((tmp_path / "one.png").read_bytes()) == (990, 704)
    many = [
        point(
            (dt.date(2024, 9, 2) + dt.timedelta(days=9 * i)).isoformat(),
            f"c{i}.vtt",
            "networking" if i % 4 == 3 else "interview",
            None if i == 5 else 0.3 + 0.01 * i,
            i % 7,
            i % 3,
            None if i == 5 else 200.0 - 4 * i,
            None if i == 5 else 40 + i,
        )
        for i in range(40)
    ]
    write_progress_png(many, tmp_path / "many.png")
    assert _png_size((tmp_path / "many.png").read_bytes()) == (990, 704)


def test_png_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(UsageError, match="needs at least one saved conversation"):
        write_progress_png([], tmp_path / "x.png")
    with pytest.raises(UsageError) as error:
        write_progress_png(POINTS, tmp_path / "nowhere" / "x.png")
    assert (
        str(error.value)
        == f"{tmp_path}/nowhere/x.png: the folder {tmp_path}/nowhere does not exist"
    )
    # Without matplotlib: every import of it fails, even of a submodule already loaded.
    for name in ["matplotlib", *(m for m in sys.modules if m.startswith("matplotlib."))]:
        monkeypatch.setitem(sys.modules, name, None)
    with pytest.raises(MissingExtraError) as missing:
        write_progress_png(POINTS, tmp_path / "x.png")
    assert str(missing.value) == (
        "the progress chart needs the optional package 'matplotlib': "
        "install it with: pip install 'twoway[charts]'"
    )
    assert list(tmp_path.iterdir()) == []


def test_alt_text() -> None:
    assert progress_alt_text(POINTS, me="Priya") == (
        "Priya's twoway progress over 6 conversations, 2025-03-03 to 2025-04-20. Top: talk share "
        "against each conversation's target band, on target in 3 of 5. Bottom: score and "
        "questions asked: questions 2.7 → 5 (improving); score 48 → 82 (improving)."
    )


def test_the_sample_in_the_docs_is_real() -> None:
    docs = (Path(__file__).parents[2] / "docs" / "follow-up.md").read_text(encoding="utf-8")
    sample = docs.split("With hand-built points", 1)[1].split("```text\n", 1)[1].split("```")[0]
    out = render(POINTS, me="Priya", width=100)
    assert "\n".join(line.rstrip() for line in out.splitlines()) + "\n" == sample
