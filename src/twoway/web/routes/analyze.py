"""Analyze: upload a transcript, say who you are, read the report, save it to the history.

``GET /`` the upload form; ``POST /upload`` keeps the file in the private upload area and
reads it; ``GET /uploads/ID`` asks "who are you?"; ``GET /uploads/ID/report?me=&mode=`` shows
the report; ``POST /uploads/ID/save`` saves it with the person, company, role and date;
``POST /uploads/ID/transcribe`` reads a recording again with offline speech recognition.

The "Transcribe" box starts unticked and applies to recordings only: the page has no script (the
CSP forbids any) to tick it by the chosen file's type, and a ticked box next to a transcript read
as if it mattered. A recording read without words offers "Transcribe it" on the next page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from twoway.errors import TwowayError, UsageError
from twoway.formats import TRANSCRIPT_EXTENSIONS
from twoway.web import pages
from twoway.web.reading import (
    MODES,
    asr_available,
    is_recording,
    likely_me,
    read_upload,
    report_fragment,
    start_reading,
)
from twoway.web.uploads import Upload

if TYPE_CHECKING:
    import datetime as dt

    from twoway.model import Conversation

router = APIRouter()

ACCEPT = ",".join([*sorted(TRANSCRIPT_EXTENSIONS), "audio/*", "video/*"])


def _mode(value: str) -> str:
    return value if value in MODES else "interview"


def _upload_or_404(request: Request, upload_id: str) -> Upload:
    upload = pages.uploads(request).get(upload_id)
    if upload is None:
        from starlette.exceptions import HTTPException

        raise HTTPException(
            404, "This upload is no longer here (uploads expire): please upload the file again."
        )
    return upload


def _upload_page(
    request: Request, mode: str, *, asr: bool, status: int = 200, **kept: str
) -> Response:
    """The upload form with the choices made (``kept``: the pasted text, the file's name, the
    error); the transcription box is there only where Whisper is."""
    available = asr_available()
    context = {"mode": mode, "accept": ACCEPT, "asr_available": available, "asr": asr, **kept}
    return pages.render(request, "upload.html", context, status=status)


@router.get("/", response_class=HTMLResponse)
def upload_form(request: Request) -> Response:
    return _upload_page(request, "interview", asr=False)


@router.post("/upload", response_class=HTMLResponse)
def upload(request: Request) -> Response:
    data = pages.form(request)
    mode = _mode(pages.field(data, "mode"))
    pasted = pages.field(data, "text")
    chosen = pages.upload_field(data, "transcript")
    area = pages.uploads(request)
    asr = pages.field(data, "asr") == "on" and asr_available()
    kept = {"text": pasted}
    if chosen is not None:
        item = area.add(chosen.file, chosen.filename, mode=mode)
        item.asr = asr
        kept["filename"] = item.name
    elif pasted:
        item = area.add_text(pasted, mode=mode)
    else:
        choose = "Choose a transcript file, or paste a transcript."
        return _upload_page(request, mode, asr=asr, status=400, error=choose, **kept)
    if is_recording(item):
        start_reading(item, mode)  # minutes with --asr: /uploads/ID shows the stage meanwhile
        return pages.redirect(f"/uploads/{item.id}")
    error = _unreadable(item, mode)
    if error is not None:
        area.discard(item.id)
        return _upload_page(request, mode, asr=asr, status=400, error=error, **kept)
    return pages.redirect(f"/uploads/{item.id}")


def _unreadable(item: Upload, mode: str) -> str | None:
    """What is wrong with the upload (an unreadable file, no turns), or ``None``."""
    try:
        conversation = read_upload(item, mode)
    except TwowayError as exc:
        return str(exc)
    if not conversation.turns:
        return f"{item.name}: the transcript has no turns"
    return None


@router.get("/uploads/{upload_id}", response_class=HTMLResponse)
def who_are_you(request: Request, upload_id: str, mode: str = "") -> Response:
    item = _upload_or_404(request, upload_id)
    if item.ready is not None and not item.ready.is_set():
        return pages.render(request, "reading.html", {"upload": item})
    chosen_mode = _mode(mode or item.mode)
    if item.ready is not None:  # a recording read in the background: say here what went wrong
        error = _unreadable(item, chosen_mode)
        if error is not None:
            pages.uploads(request).discard(item.id)
            return _upload_page(request, chosen_mode, asr=item.asr, status=400, error=error)
    conversation = read_upload(item, chosen_mode)
    me = item.me_guess or _usual_me(request, conversation.speakers)
    return pages.render(
        request,
        "speakers.html",
        {
            "upload": item,
            "conversation": conversation,
            "mode": chosen_mode,
            "me": me,
            "can_transcribe": _can_transcribe(item, conversation),
        },
    )


def _can_transcribe(item: Upload, conversation: Conversation) -> bool:
    """A recording read without words, where Whisper is: offer to transcribe it."""
    return (
        item.ready is not None  # read in the background: a recording
        and not item.asr
        and not conversation.has_text
        and asr_available()
    )


@router.post("/uploads/{upload_id}/transcribe", response_class=HTMLResponse)
def transcribe(request: Request, upload_id: str) -> Response:
    """Read the recording again, with offline speech recognition (``--asr``)."""
    item = _upload_or_404(request, upload_id)
    mode = _mode(pages.field(pages.form(request), "mode") or item.mode)
    if item.ready is not None and item.ready.is_set() and not item.asr and asr_available():
        item.asr, item.conversation, item.failure, item.stage = True, None, None, ""
        start_reading(item, mode)
    return pages.redirect(f"/uploads/{item.id}?mode={mode}")


def _usual_me(request: Request, speakers: tuple[str, ...]) -> str | None:
    """The speaker who is most likely you: named by the ``me`` setting (``TWOWAY_ME``,
    config.toml), else by who you were in the saved conversations, most often first."""
    from twoway.store.config import my_name

    if not speakers:
        return None
    setting = my_name()
    names = [setting] if setting else []
    names += pages.store(request).my_names()
    return likely_me(speakers, names)


@router.get("/uploads/{upload_id}/report", response_class=HTMLResponse)
def report(request: Request, upload_id: str, me: str = "", mode: str = "") -> Response:
    item = _upload_or_404(request, upload_id)
    return _report_page(request, item, me, _mode(mode or item.mode), {})


def _report_page(
    request: Request,
    item: Upload,
    me: str,
    mode: str,
    saving: dict[str, str],
    error: str | None = None,
) -> Response:
    from twoway.analysis import analyze

    conversation = read_upload(item, mode)
    if me and me not in conversation.speakers:
        return pages.render(
            request,
            "speakers.html",
            {
                "upload": item,
                "conversation": conversation,
                "mode": mode,
                "me": None,
                "error": f"{me!r} is not one of the speakers: choose one below.",
            },
            status=400,
        )
    analysis = analyze(conversation, me=me or None, mode=mode)
    others = [s for s in conversation.speakers if s != me]
    defaults = {
        "person": others[0] if len(others) == 1 else "",
        "company": "",
        "role": "",
        "date": pages.today().isoformat(),
    }
    said_on = _day_or_none(saving.get("date", "")) or pages.today()
    return pages.render(
        request,
        "report.html",
        {
            "upload": item,
            "analysis": analysis,
            "me_stats": analysis.me_stats,
            "report": report_fragment(
                analysis, conversation, title=f"twoway report: {item.name}", said_on=said_on
            ),
            "me": me,
            "mode": mode,
            "saving": {**defaults, **saving},
            "error": error,
        },
        status=400 if error else 200,
    )


def _day_or_none(value: str) -> dt.date | None:
    """The date typed in the save form (the commitments' due dates count from it), if valid."""
    from twoway.dates import parse_date

    try:
        return parse_date(value, "date", base=pages.today()) if value else None
    except UsageError:
        return None


@router.post("/uploads/{upload_id}/save", response_class=HTMLResponse)
def save(request: Request, upload_id: str) -> Response:
    from twoway.analysis import analyze
    from twoway.dates import parse_date
    from twoway.store.config import stay_in_touch_days

    item = _upload_or_404(request, upload_id)
    data = pages.form(request)
    me, mode = pages.field(data, "me"), _mode(pages.field(data, "mode"))
    saving = {name: pages.field(data, name) for name in ("person", "company", "role", "date")}
    try:
        when = parse_date(saving["date"] or "today", "date", base=pages.today())
    except UsageError as exc:
        return _report_page(request, item, me, mode, saving, error=str(exc))
    conversation = read_upload(item, mode)
    if me and me not in conversation.speakers:
        return _report_page(request, item, "", mode, saving, error=f"{me!r} is not a speaker")
    analysis = analyze(conversation, me=me or None, mode=mode)
    result = pages.store(request).save(
        conversation,
        analysis,
        with_people=[saving["person"]] if saving["person"] else [],
        company=saving["company"] or None,
        role=saving["role"] or None,
        date=when,
        source=item.name,
        stay_in_touch_days=stay_in_touch_days(None),
    )
    pages.uploads(request).discard(item.id)
    state = "saved" if result.created else "updated"
    return pages.redirect(f"/conversations/{result.conversation_id}?{state}=1")


@router.get("/report.css")
def report_stylesheet() -> Response:
    """The HTML report's own stylesheet, served from here so no inline <style> is needed."""
    from twoway.report.html import report_css

    return Response(report_css(), media_type="text/css")
