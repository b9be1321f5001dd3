"""People: everyone you met (``GET /people``) and one person (``GET /people/NAME``): the
conversations with them, what they told you about themselves, topics, notes, follow-ups."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from twoway.web import pages

router = APIRouter()


@router.get("/people", response_class=HTMLResponse)
def people(request: Request) -> Response:
    return pages.render(request, "people.html", {"people": pages.store(request).people()})


@router.get("/people/{name}", response_class=HTMLResponse)
def person(request: Request, name: str) -> Response:
    detail = pages.store(request).person(name)
    today = pages.today()
    return pages.render(
        request,
        "person.html",
        {
            "detail": detail,
            "followups": [(f, f.status(today)) for f in detail.followups],
        },
    )
