"""Conversations: the saved ones (``GET /conversations``), one in full with its report
(``GET /conversations/ID``), and a thank-you note drafted from it (``.../thank-you?to=NAME``)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from twoway.web import pages
from twoway.web.reading import report_fragment

router = APIRouter()


@router.get("/conversations", response_class=HTMLResponse)
def conversations(request: Request) -> Response:
    items = pages.store(request).conversations()
    return pages.render(request, "conversations.html", {"conversations": items})


@router.get("/conversations/{conversation_id}", response_class=HTMLResponse)
def conversation(
    request: Request, conversation_id: int, saved: str = "", updated: str = ""
) -> Response:

    store = pages.store(request)
    stored = store.conversation(conversation_id)
    analysis = stored.reanalyze()
    today = pages.today()
    followups = [
        (f, f.status(today))
        for f in store.followups(include_done=True, today=today)
        if f.conversation_id == stored.id
    ]
    return pages.render(
        request,
        "conversation.html",
        {
            "stored": stored,
            "summary": stored.summary,
            "analysis": analysis,
            "me_stats": analysis.me_stats,
            "followups": followups,
            "report": report_fragment(
                analysis,
                stored.conversation,
                title=f"twoway report: {stored.summary.source}",
                date=stored.summary.date,
                progress=store.progress_points(stored.summary.me) if stored.summary.me else None,
            ),
            "saved": bool(saved),
            "updated": bool(updated),
        },
    )


@router.get("/conversations/{conversation_id}/thank-you", response_class=HTMLResponse)
def thank_you(request: Request, conversation_id: int, to: str = "") -> Response:
    stored = pages.store(request).conversation(conversation_id)
    note = stored.thank_you(to or None)
    return pages.render(request, "thank_you.html", {"summary": stored.summary, "note": note})
