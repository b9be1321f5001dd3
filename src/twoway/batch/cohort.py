"""The cohort view of a batch: distributions, outliers and a table linking to each report.

``cohort(rows)`` computes everything from the conversation rows (pure); ``render_cohort_html``
turns it into one self-contained page (inline SVG, no external URLs, Jinja2 with autoescape).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from twoway.batch._columns import Row

TALK_SHARE_OUTLIER = 0.75
MONOLOGUE_OUTLIER_S = 180.0
LOWEST_SCORES = 10


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    count: int
    highlight: bool = False  # inside the target band


@dataclass(frozen=True, slots=True)
class Histogram:
    title: str
    unit: str
    bars: tuple[Bar, ...]
    note: str = ""

    @property
    def peak(self) -> int:
        return max((b.count for b in self.bars), default=0)


@dataclass(slots=True)
class Cohort:
    rows: list[Row]  # the ok rows, latest per path
    failed: list[Row]
    band: tuple[float, float] | None  # the most common target band
    on_target: int
    histograms: list[Histogram] = field(default_factory=list)
    outliers: dict[str, list[Row]] = field(default_factory=dict)


def latest_per_path(rows: Iterable[Row]) -> list[Row]:
    """One row per file: the last written wins (a re-analyzed file after a failure)."""
    latest: dict[str, Row] = {}
    for row in rows:
        latest.pop(row["path"], None)
        latest[row["path"]] = row
    return list(latest.values())


def cohort(all_rows: Iterable[Row]) -> Cohort:
    rows = latest_per_path(all_rows)
    ok = [r for r in rows if r["status"] == "ok"]
    failed = [r for r in rows if r["status"] != "ok"]
    bands = Counter((r["target_low"], r["target_high"]) for r in ok if r["target_low"] is not None)
    band = bands.most_common(1)[0][0] if bands else None
    result = Cohort(ok, failed, band, sum(1 for r in ok if r["on_target"]))
    shares = [_share(r) for r in ok]
    result.histograms = [
        _histogram(
            "Your talk share",
            "%",
            [100 * s for s in shares if s is not None],
            edges=list(range(0, 101, 5)),
            band=None if band is None else (100 * band[0], 100 * band[1]),
            note="shaded: the target band",
        ),
        _histogram(
            "Questions asked",
            "",
            [r["questions_asked"] for r in ok if r["questions_asked"] is not None],
            edges=list(range(13)),
            integer=True,
        ),
        _histogram(
            "Longest monologue",
            "min",
            [r["longest_monologue_s"] / 60 for r in ok if r["longest_monologue_s"] is not None],
            edges=[x / 2 for x in range(21)],
        ),
        _histogram(
            "Two-way score",
            "",
            [r["score"] for r in ok if r["score"] is not None],
            edges=list(range(0, 101, 10)),
        ),
    ]
    scored = sorted(
        (r for r in ok if r["score"] is not None), key=lambda r: (r["score"], r["path"])
    )
    result.outliers = {
        f"Talk more than {TALK_SHARE_OUTLIER:.0%} of the time": sorted(
            (r for r in ok if (_share(r) or 0) > TALK_SHARE_OUTLIER),
            key=lambda r: -(_share(r) or 0),
        ),
        "Never ask a question": [r for r in ok if r["questions_asked"] == 0],
        f"A monologue over {MONOLOGUE_OUTLIER_S / 60:.0f} minutes": sorted(
            (r for r in ok if (r["longest_monologue_s"] or 0) > MONOLOGUE_OUTLIER_S),
            key=lambda r: -(r["longest_monologue_s"] or 0),
        ),
        f"Lowest {LOWEST_SCORES} scores": scored[:LOWEST_SCORES],
    }
    return result


def _share(row: Row) -> float | None:
    value = row["me_talk_share"] if row["me_talk_share"] is not None else row["me_word_share"]
    return None if value is None else float(value)


def _histogram(
    title: str,
    unit: str,
    values: list[float],
    *,
    edges: list[float],
    band: tuple[float, float] | None = None,
    integer: bool = False,
    note: str = "",
) -> Histogram:
    """Bars between ``edges``; values past the last edge go to a last ``N+`` bar."""
    counts = [0] * len(edges)
    for value in values:
        index = len(edges) - 1
        for i in range(len(edges) - 1):
            if value < edges[i + 1] or (i == len(edges) - 2 and not integer and value == edges[-1]):
                index = i
                break
        counts[index] += 1
    bars = []
    for i, count in enumerate(counts):
        last = i == len(edges) - 1
        if integer:
            label = f"{edges[i]:g}+" if last else f"{edges[i]:g}"
        elif last:
            if count == 0:
                continue
            label = f"≥{edges[i]:g}"
        else:
            label = f"{edges[i]:g}–{edges[i + 1]:g}"
        inside = (
            band is not None
            and not last
            and edges[i] >= band[0] - 1e-9
            and edges[i + 1] <= band[1] + 1e-9
        )
        bars.append(Bar(label, count, inside))
    return Histogram(title, unit, tuple(bars), note)


def svg_bars(histogram: Histogram, width: int = 460, height: int = 180) -> dict[str, Any]:
    """Coordinates of each bar for the template (pure numbers; the template draws them)."""
    n = max(len(histogram.bars), 1)
    plot_h = height - 40
    step = (width - 20) / n
    peak = max(histogram.peak, 1)
    bars = []
    for i, bar in enumerate(histogram.bars):
        h = 0 if bar.count == 0 else max(1.0, plot_h * bar.count / peak)
        bars.append(
            {
                "x": round(10 + i * step + 1, 1),
                "y": round(10 + plot_h - h, 1),
                "w": round(max(step - 2, 1), 1),
                "h": round(h, 1),
                "label": bar.label,
                "count": bar.count,
                "highlight": bar.highlight,
                "tx": round(10 + i * step + step / 2, 1),
            }
        )
    return {"width": width, "height": height, "base": 10 + plot_h, "bars": bars}


def median(values: list[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def render_cohort_html(data: Cohort, links: dict[str, str], title: str) -> str:
    """The page; ``links`` maps a row's path to its report (relative to the page)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("twoway.batch", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["pct"] = lambda v: "–" if v is None else f"{100 * v:.0f}%"
    env.filters["mmss"] = lambda v: "–" if v is None else f"{int(v // 60)}:{int(v % 60):02d}"
    env.filters["num"] = lambda v: (
        "–" if v is None or (isinstance(v, float) and math.isnan(v)) else v
    )
    shares = [s for s in (_share(r) for r in data.rows) if s is not None]
    failures = Counter(_reason(r) for r in data.failed)
    return env.get_template("cohort.html.j2").render(
        title=title,
        cohort=data,
        charts=[(h, svg_bars(h)) for h in data.histograms],
        links=links,
        share=_share,
        median_share=median(shares),
        failures=failures.most_common(),
        rows=sorted(data.rows, key=lambda r: (r["score"] is None, r["score"] or 0, r["path"])),
    )


def _reason(row: Row) -> str:
    error = str(row["error"] or "failed")
    path = str(row["path"])
    return error[len(path) + 2 :] if error.startswith(path + ":") else error
