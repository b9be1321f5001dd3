"""Progress (``GET /progress?me=NAME``): your numbers across saved conversations, each talk
share against its own band, and the trends in words (``twoway.report.progress``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from twoway.web import pages

if TYPE_CHECKING:
    from twoway.store import ProgressPoint

router = APIRouter()


@router.get("/progress", response_class=HTMLResponse)
def progress(request: Request, me: str = "") -> Response:
    from twoway.report.progress import METRICS, off_band, trend

    points = sorted(pages.store(request).progress_points(me or None), key=lambda p: p.date)
    trends: list[dict[str, Any]] = []
    for metric in METRICS:
        result = trend(
            [metric.judged(p) for p in points],
            higher_is_better=metric.higher_is_better,
            steady=metric.steady,
        )
        trends.append(
            {
                "label": metric.label,
                "word": result.word,
                "first": None if result.first is None else metric.shown(result.first),
                "last": None if result.last is None else metric.shown(result.last),
            }
        )
    rows = [
        {
            "point": p,
            "verdict": _verdict(p.talk_share, p.share_high, off_band(p)),
        }
        for p in points
    ]
    return pages.render(
        request,
        "progress.html",
        {"rows": rows, "trends": trends, "me": me, "chart": _chart(points, me or None)},
    )


def _verdict(share: float | None, high: float, off: float | None) -> str:
    if share is None or off is None:
        return ""
    if off == 0:
        return "on target"
    return "above" if share > high else "below"


def _chart(points: list[ProgressPoint], me: str | None) -> Markup | None:
    """The HTML report's inline SVG progress chart."""
    from twoway.report.html import progress_chart

    svg = progress_chart(points, me=me)
    return None if svg is None else Markup(svg)
