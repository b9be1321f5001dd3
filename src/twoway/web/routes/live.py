"""Live: the two-way meter in the browser, beside a call (docs/live.md, "The Live page").

``GET /live`` is the page; its script (``/static/live.js``) captures the microphone and, for a
call, a shared tab's audio, downsamples them to 16 kHz mono in an AudioWorklet
(``/static/live-worklet.js``) and streams them over ``GET /live/ws``, a WebSocket:

- browser to server: ``{"start": {"me", "mode", "sources", "asr"}}`` first (``sources`` is
  ``[ME, THEM]``, the microphone then the tab, or ``[null]`` for one microphone that hears
  everyone); then binary messages, each one byte (the source's index) and float32 little-endian
  samples, at most ``MAX_MESSAGE_BYTES``; ``{"notice": TEXT}`` and ``{"end_source": INDEX}`` when
  a device fails or a track ends; ``{"stop": {}}`` at the end.
- server to browser: ``{"started": {...}}``; ``{"meter": MeterView.to_dict()}`` every
  ``METER_EVERY_S``; ``{"finishing": true}``, then ``{"done": {...}}`` with the analysis and the
  address of its report (the report page of an upload, with the usual save form); ``{"error":
  TEXT}`` before the server closes.

Whatever ends a session (Stop, a closed tab, a dropped connection, a refused message), what was
measured is analyzed as ``twoway analyze`` would analyze the same audio and kept as an upload
for the report and save pages; ``GET /live/last`` leads to it. One session at a time.

The socket is checked as the pages are (the middlewares in ``security.py`` see HTTP only): the
``Origin`` must be this server (no other site's page may open it), the ``Host`` a loopback name
when there is no token, and the token cookie (or ``Authorization: Bearer``) when there is one.
Samples are pushed in the thread pool: the detectors never block the event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import io
import json
import logging
import unicodedata
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

import anyio
from fastapi import APIRouter, Request, WebSocket
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.websockets import WebSocketDisconnect

from twoway.errors import SpeakerError, TwowayError
from twoway.web import pages
from twoway.web.reading import MODES, asr_available
from twoway.web.security import LIVE_CSP, TOKEN_COOKIE, same
from twoway.web.settings import Settings, is_loopback

if TYPE_CHECKING:
    from fastapi import FastAPI

    from twoway.analysis import Analysis
    from twoway.live import LiveSession, Words
    from twoway.model import Conversation
    from twoway.web.uploads import Upload, UploadArea

logger = logging.getLogger("twoway.web")
router = APIRouter()

MAX_MESSAGE_BYTES = 64 * 1024
"""The largest audio message taken: about one second of one source (the page sends 50 ms)."""
METER_EVERY_S = 0.2
"""The meter is sent five times a second."""
LAST_WAIT_S = 120.0
"""``/live/last`` waits this long for a session still being analyzed."""
MAX_NAME = 64
SOURCE_LABELS = ("microphone", "tab audio")
BUSY = (
    "Another live session is running (in another tab or window): stop it there first. "
    "twoway measures one conversation at a time."
)
# WebSocket close codes (RFC 6455): policy, too big, unsupported data, server error, try later.
POLICY, TOO_BIG, BAD_DATA, SERVER_ERROR, BUSY_CODE = 1008, 1009, 1003, 1011, 1013


@dataclass(frozen=True)
class Start:
    """The page's start message, checked."""

    me: str | None
    mode: str
    sources: tuple[str | None, ...]
    asr: bool

    @property
    def mixed(self) -> bool:
        return self.sources == (None,)


@dataclass(frozen=True)
class Outcome:
    """How the last session ended: the report's address, or what went wrong."""

    ended: str  # "stopped" or "dropped"
    at: str
    report: str | None = None
    upload_id: str | None = None
    error: str | None = None


class Hub:
    """One live session at a time (``busy``; ``idle`` is set between sessions), and how the
    last one ended."""

    def __init__(self) -> None:
        self.busy = False
        self.idle = asyncio.Event()
        self.idle.set()
        self.last: Outcome | None = None


def _hub(app: FastAPI) -> Hub:
    hub: Hub | None = getattr(app.state, "live", None)
    if hub is None:
        hub = app.state.live = Hub()
    return hub


class ProtocolError(ValueError):
    """A message the page should never send; the socket is closed with ``code``."""

    def __init__(self, message: str, code: int = BAD_DATA) -> None:
        super().__init__(message)
        self.code = code


# -- the page -------------------------------------------------------------------------------


@router.get("/live", response_class=HTMLResponse)
def live_page(request: Request) -> Response:
    from twoway.live.consent import REMINDER, marker_path
    from twoway.live.display import CALM_NUDGE

    last = _last(request)
    context = {
        "me": _my_name(request),
        "asr_available": asr_available(),
        "voiceprints": _voiceprint_names(),
        "consent": REMINDER if not marker_path().exists() else None,
        "last": last,
        "nudge": CALM_NUDGE,
    }
    response = pages.render(request, "live.html", context)
    # This page alone runs a script (its own, from /static) and opens a WebSocket back here;
    # every other page keeps security.CSP, with no script at all.
    response.headers["content-security-policy"] = LIVE_CSP
    return response


@router.get("/live/last")
async def last_report(request: Request) -> Response:
    """The report of the last live session (the page links here when the connection dropped)."""
    hub = _hub(request.app)
    if not hub.idle.is_set():  # the server may hear of the drop after the page did
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(hub.idle.wait(), timeout=LAST_WAIT_S)
    last = _last(request)
    if last is not None and last.report is not None:
        return pages.redirect(last.report)
    return pages.redirect("/live")


def _last(request: Request) -> Outcome | None:
    """The last session's outcome, while its upload is still there (uploads expire)."""
    last = _hub(request.app).last
    upload_id = last.upload_id if last is not None else None
    if upload_id is not None and pages.uploads(request).get(upload_id) is None:
        return None
    return last


def _my_name(request: Request) -> str:
    """The name to offer: the ``me`` setting, else who "me" was most often in the store."""
    from twoway.store.config import my_name

    setting = my_name()
    if setting:
        return setting
    names = pages.store(request).my_names()
    return names[0] if names else ""


def _voiceprint_names() -> list[str]:
    try:
        from twoway.audio import voiceprint

        if not voiceprint.voiceprint_dir().is_dir():
            return []
        return [p.name for p in voiceprint.load_all()]
    except TwowayError:  # no platformdirs, an unreadable voiceprint: nothing to offer
        return []


# -- the socket -----------------------------------------------------------------------------


def refusal(websocket: WebSocket) -> str | None:
    """Why this socket may not be opened, or ``None`` (see the module doc)."""
    settings: Settings = websocket.app.state.settings
    host = websocket.headers.get("host", "")
    if settings.token is None:
        if not is_loopback(websocket.url.hostname or ""):
            return "twoway answers only to 127.0.0.1 or localhost"
    else:
        bearer = websocket.headers.get("authorization", "")
        kind, _, credentials = bearer.partition(" ")
        sent = credentials.strip() if kind.lower() == "bearer" else None
        if not same(sent, settings.token) and not same(
            websocket.cookies.get(TOKEN_COOKIE), settings.token
        ):
            return "the access token is missing"
    origin = websocket.headers.get("origin")
    scheme = "https" if websocket.url.scheme == "wss" else "http"
    if origin is None or origin.rstrip("/") != f"{scheme}://{host}":
        return f"the page is not this server's (Origin {origin!r})"
    return None


async def live_socket(websocket: WebSocket) -> None:
    """``/live/ws`` (see the module doc)."""
    problem = refusal(websocket)
    if problem is not None:
        logger.warning("live: refused a WebSocket: %s", problem)
        await websocket.close(code=POLICY)
        return
    await websocket.accept()
    hub = _hub(websocket.app)
    if hub.busy:
        await websocket.send_text(json.dumps({"error": BUSY}))
        await websocket.close(code=BUSY_CODE)
        return
    hub.busy = True
    hub.idle.clear()
    try:
        await _LiveSocket(websocket, hub).run()
    finally:
        hub.busy = False
        hub.idle.set()


# A plain Starlette route: the app's dependencies (the CSRF check of forms) are for HTTP requests.
router.add_websocket_route("/live/ws", live_socket)


class _LiveSocket:
    """One page's session: start, audio and events in, the meter out, the analysis at the end."""

    def __init__(self, websocket: WebSocket, hub: Hub) -> None:
        self.websocket = websocket
        self.hub = hub
        self.session: LiveSession | None = None
        self.start: Start | None = None
        self.words: Words | None = None
        self.ended: set[int] = set()
        self._send_lock = asyncio.Lock()

    async def send(self, message: dict[str, Any]) -> bool:
        """Send ``message``; ``False`` when the page is gone."""
        try:
            async with self._send_lock:
                await self.websocket.send_text(json.dumps(message))
        except (WebSocketDisconnect, RuntimeError, OSError):
            return False
        return True

    async def close(self, code: int) -> None:
        try:
            async with self._send_lock:
                await self.websocket.close(code=code)
        except (WebSocketDisconnect, RuntimeError, OSError):
            pass

    async def run(self) -> None:
        ended = "dropped"
        meter: asyncio.Task[None] | None = None
        try:
            if not await self._open():
                return
            meter = asyncio.create_task(self._meter())
            ended = await self._receive()
        finally:
            if meter is not None:
                meter.cancel()
            if self.session is not None:
                # Shielded: what was measured is analyzed even when the handler is being
                # cancelled (the server stopping, a test client leaving).
                with anyio.CancelScope(shield=True):
                    await self._finish(ended)

    async def _open(self) -> bool:
        """Wait for the start message and open the session; ``False`` when that failed."""
        message = await self.websocket.receive()
        if message["type"] == "websocket.disconnect":
            return False
        try:
            self.start = parse_start(message.get("text"))
            session, self.words, consent = await run_in_threadpool(open_session, self.start)
        except (ProtocolError, TwowayError) as exc:
            await self.send({"error": str(exc)})
            await self.close(exc.code if isinstance(exc, ProtocolError) else SERVER_ERROR)
            return False
        self.session = session
        await self.send(
            {
                "started": {
                    "names": list(session.names),
                    "me": session.meter.me,
                    "mixed": session.mixed,
                    "voiceprint": session.voices is not None,
                    "questions_on": session.words is not None,
                    "consent": consent,
                }
            }
        )
        return True

    async def _meter(self) -> None:
        """The meter, every ``METER_EVERY_S``, until the page is gone or the session stops."""
        assert self.session is not None
        while True:
            view = await run_in_threadpool(self.session.view)
            if not await self.send({"meter": view.to_dict()}):
                return
            await asyncio.sleep(METER_EVERY_S)

    async def _receive(self) -> str:
        """Audio and events until Stop (``"stopped"``) or the end of the connection."""
        while True:
            message = await self.websocket.receive()
            if message["type"] == "websocket.disconnect":
                return "dropped"
            try:
                data = message.get("bytes")
                if data is not None:
                    await self._audio(data)
                elif self._event(message.get("text")):
                    return "stopped"
            except ProtocolError as exc:
                logger.warning("live: %s", exc)
                await self.send({"error": f"{exc} The session stopped; what was measured is kept."})
                await self.close(exc.code)
                return "dropped"

    async def _audio(self, data: bytes) -> None:
        assert self.session is not None
        index, samples = parse_audio(data, len(self.session.sources))
        if index not in self.ended:
            await run_in_threadpool(self.session.push, index, samples)

    def _event(self, text: str | None) -> bool:
        """A control message; ``True`` for Stop."""
        assert self.session is not None
        event = _json_object(text)
        if "stop" in event:
            return True
        if "notice" in event:
            self.session.notice(_clean(str(event["notice"]), 300))
        if "end_source" in event:
            index = event["end_source"]
            if not isinstance(index, int) or not 0 <= index < len(self.session.sources):
                raise ProtocolError(f"end_source takes a source's index; got {index!r}.")
            if index not in self.ended:
                self.ended.add(index)
                self.session.end(index)
        if not {"notice", "end_source"} & event.keys():
            raise ProtocolError(f"unknown message: {', '.join(sorted(event)) or 'empty'}.")
        return False

    async def _finish(self, ended: str) -> None:
        """Analyze what was measured, keep it for the report page, tell the page where it is."""
        assert self.session is not None and self.start is not None
        at = dt.datetime.now().strftime("%H:%M")
        uploads: UploadArea = self.websocket.app.state.uploads
        await self.send({"finishing": True})
        try:
            done = await run_in_threadpool(
                finish_session, self.session, self.start, self.words, uploads
            )
        except TwowayError as exc:
            self.hub.last = Outcome(ended, at, error=str(exc))
            await self.send({"error": f"Nothing to analyze: {exc}"})
            await self.close(1000)
            return
        self.hub.last = Outcome(ended, at, report=done["report"], upload_id=done["upload_id"])
        await self.send({"done": done})
        await self.close(1000)


# -- the steps, without the socket (tested directly) ----------------------------------------


def _json_object(text: str | None) -> dict[str, Any]:
    if text is None:
        raise ProtocolError("expected a JSON message.")
    try:
        value = json.loads(text)
    except ValueError:
        raise ProtocolError("a text message must be JSON.") from None
    if not isinstance(value, dict):
        raise ProtocolError("a text message must be a JSON object.")
    return value


def _clean(text: str, limit: int) -> str:
    """``text`` without control characters, stripped, at most ``limit`` characters."""
    kept = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    return " ".join(kept.split())[:limit]


def parse_start(text: str | None) -> Start:
    """The start message, checked: ``ProtocolError`` with what is wrong.

    >>> parse_start('{"start": {"me": "Alex", "mode": "networking", "sources": ["Alex", "Dana"]}}')
    Start(me='Alex', mode='networking', sources=('Alex', 'Dana'), asr=False)
    """
    event = _json_object(text)
    body = event.get("start")
    if not isinstance(body, dict):
        raise ProtocolError('the first message must be {"start": {...}}.')
    mode = body.get("mode", "interview")
    if mode not in MODES:
        raise ProtocolError(f"mode takes {' or '.join(MODES)}; got {mode!r}.")
    raw_me = body.get("me")
    me = _clean(raw_me, MAX_NAME) if isinstance(raw_me, str) else None
    sources = body.get("sources")
    if sources == [None]:
        return Start(me or None, mode, (None,), bool(body.get("asr")))
    if not (isinstance(sources, list) and len(sources) == 2):
        raise ProtocolError(
            "sources takes [YOUR NAME, THEIR NAME] (the microphone, then the tab) or [null] "
            "(one microphone for everyone)."
        )
    names = tuple(_clean(s, MAX_NAME) if isinstance(s, str) else "" for s in sources)
    if not all(names):
        raise ProtocolError("name both sides: your name and theirs.")
    if names[0].casefold() == names[1].casefold():
        raise ProtocolError(f"your name and theirs must differ: both are {names[0]!r}.")
    return Start(names[0], mode, names, bool(body.get("asr")))


def open_session(start: Start) -> tuple[LiveSession, Words, str | None]:
    """The session (its detectors loaded), where its final words come from, and the consent
    reminder when it is shown for the first time."""
    from twoway.analysis.targets import targets_for
    from twoway.live import LiveSession, Source, Words
    from twoway.live.consent import remind_once

    shown: list[str] = []
    remind_once(shown.append)
    if start.mixed:
        sources = [Source(None, None, SOURCE_LABELS[0])]
    else:
        sources = [
            Source(n, None, label) for n, label in zip(start.sources, SOURCE_LABELS, strict=True)
        ]
    engine = None
    if start.asr and asr_available():
        from twoway.audio.asr import make_engine

        engine = make_engine(None)
    session = LiveSession(
        sources,
        me=start.me,
        targets=targets_for(start.mode),
        # As twoway analyze: one mixed track of an interview is two people (docs/audio.md).
        speakers=2 if start.mixed and start.mode == "interview" else None,
        transcribe=engine.transcribe if engine is not None else None,
    )
    words = Words(live=True, note=engine.note) if engine is not None else Words()
    return session, words, shown[0] if shown else None


def parse_audio(data: bytes, sources: int) -> tuple[int, Any]:
    """``(index, samples)`` of an audio message: ``ProtocolError`` when it is malformed.

    Samples that are not finite become silence and the rest is clipped to [-1, 1], as a decoder
    gives them.
    """
    import numpy as np

    if len(data) > MAX_MESSAGE_BYTES:
        raise ProtocolError(
            f"an audio message of {len(data):,} bytes is over the limit of "
            f"{MAX_MESSAGE_BYTES:,} (64 KB): send blocks of 20-100 ms.",
            TOO_BIG,
        )
    if len(data) < 5 or (len(data) - 1) % 4:
        raise ProtocolError(
            f"an audio message is one byte (the source) and float32 samples; got {len(data)} bytes."
        )
    index = data[0]
    if index >= sources:
        raise ProtocolError(f"audio for source {index}, but there are {sources} sources.")
    samples = np.frombuffer(data, "<f4", offset=1)
    samples = np.clip(np.nan_to_num(samples, nan=0.0, posinf=0.0, neginf=0.0), -1.0, 1.0)
    return index, samples.astype(np.float32)


def finish_session(
    session: LiveSession, start: Start, words: Words | None, uploads: UploadArea
) -> dict[str, Any]:
    """Stop, analyze the whole conversation as ``twoway analyze`` would, keep it as an upload
    (so the report page and its save form work as for a file), and say where it is."""
    from twoway.analysis import analyze
    from twoway.report.json import render_json

    shown = "live: " + " + ".join(s.label for s in session.sources)
    result = session.finish(words, display=shown)
    conversation = result.conversation
    who = _who(start, session, conversation, [m.name for m in result.matches])
    analysis = analyze(conversation, me=who, mode=start.mode)
    upload = _keep(uploads, conversation, start.mode, who)
    if who is not None:
        report = f"/uploads/{upload.id}/report?{urlencode({'me': who, 'mode': start.mode})}"
    else:  # one microphone and no voiceprint: "Who are you?" lets the user pick
        report = f"/uploads/{upload.id}?mode={start.mode}"
    return {
        "report": report,
        "upload_id": upload.id,
        "name": upload.name,
        "me": who,
        "share": _share(analysis),
        "kept_for_min": round(uploads.ttl_s / 60),
        "analysis": json.loads(render_json([analysis])),
    }


def _who(
    start: Start, session: LiveSession, conversation: Conversation, matched: list[str]
) -> str | None:
    """Who "me" is in the final conversation: the microphone's name on a call; on one
    microphone, the name given when it is a speaker, else the one voiceprint recognized."""
    from twoway.analysis.analyze import resolve_speaker

    if not session.mixed:  # the microphone's name, unless it said nothing at all
        return session.names[0] if session.names[0] in conversation.speakers else None
    if start.me:
        try:
            return resolve_speaker(start.me, conversation.speakers)
        except SpeakerError:
            pass
    return matched[0] if len(matched) == 1 else None


def _share(analysis: Analysis) -> float | None:
    stats = analysis.me_stats
    return None if stats is None else stats.talk_share


def _keep(uploads: UploadArea, conversation: Conversation, mode: str, me: str | None) -> Upload:
    """The conversation as an upload of the web app: the report and save pages read it.

    The turns are also written out as WebVTT, so that reading it again in the other mode (the
    "Who are you?" page offers it) gives the same turns; what the live session heard stays in
    memory with the upload, as any upload's reading does.
    """
    from twoway.formats.vtt import compose

    name = f"Live session {pages.today().isoformat()} {dt.datetime.now():%H:%M}"
    try:
        text = compose(conversation.turns)
    except ValueError:  # a name a voice span cannot hold: the cached reading serves
        text = ""
    upload = uploads.add(io.BytesIO(text.encode("utf-8")), name, mode=mode)
    upload.conversation = replace(conversation, source=upload.name)
    upload.me_guess = me
    return upload
