"""Follow-ups: what is due (``GET /followups``, ``?all=1`` with the done ones) and marking one
done (``POST /followups/ID/done``, back to the page it was sent from)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from twoway.web import pages

router = APIRouter()


@router.get("/followups", response_class=HTMLResponse)
def followups(request: Request, all: str = "") -> Response:
    today = pages.today()
    items = pages.store(request).followups(include_done=bool(all), today=today)
    return pages.render(
        request,
        "followups.html",
        {
            "followups": [(f, f.status(today)) for f in items],
            "show_all": bool(all),
            "today": today,
        },
    )


@router.post("/followups/{followup_id}/done", response_class=HTMLResponse)
def done(request: Request, followup_id: int) -> Response:
    pages.store(request).complete_followup(followup_id)
    back = pages.safe_next(pages.field(pages.form(request), "next"), "/followups")
    return pages.redirect(back)
