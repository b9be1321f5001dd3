"""The web app: ``create_app(settings)`` builds it; ``twoway serve`` runs it with uvicorn.

Pages are rendered on the server from Jinja2 templates (autoescaped) and change things only
through POST forms; there is no JavaScript but the Live page's own (``routes/live.py``). The
store is opened once, here, with the same ``twoway.store.open`` the CLI uses, so the app shows
everything the CLI saved and vice versa.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware import Middleware
from starlette.staticfiles import StaticFiles

from twoway.errors import MissingExtraError, TwowayError
from twoway.store.errors import NotFoundError, StoreError
from twoway.web import pages
from twoway.web.security import (
    CSRF_FIELD,
    Access,
    ASGIApp,
    BodyLimit,
    CsrfError,
    ErrorPage,
    Message,
    Receive,
    Scope,
    SecurityHeaders,
    Send,
    check_csrf,
)
from twoway.web.settings import Settings
from twoway.web.uploads import UploadArea

logger = logging.getLogger("twoway.web")

_FORM_LIMITS = {"max_files": 2, "max_fields": 50}

# Where the web app lists each kind of record: the error page's hint instead of the CLI's.
_LISTS = {
    "person": ("/people", "People lists everyone you met."),
    "company": ("/people", "People lists everyone you met, with their companies."),
    "conversation": ("/conversations", "Conversations lists the saved ones."),
    "follow-up": ("/followups", "Follow-ups lists what is due."),
}


class HeadAsGet:
    """``HEAD`` answers as ``GET`` does, without the body (RFC 9110): every page takes it,
    so a link checker or ``curl -I`` gets 200, not 405."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return  # the rest of a streamed body: nothing to send
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


async def csrf_guard(request: Request) -> None:
    """Every POST: parse the form (within the upload limit) and check its CSRF token."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    limit = pages.settings(request).max_upload_bytes
    data = await request.form(max_part_size=limit, **_FORM_LIMITS)
    request.state.form = data
    check_csrf(
        data.get(CSRF_FIELD),
        dict(request.cookies),
        request.headers.get("origin"),
        request.headers.get("host"),
        request.url.scheme,
    )


def create_app(settings: Settings) -> FastAPI:
    """The app for ``settings`` (checked first: ``UsageError`` when unsafe).

    Opens the store (creating or migrating it as the CLI does) and a private upload folder;
    both are closed when the app shuts down.
    """
    settings.check()
    from twoway.store import open as open_store

    store = open_store(settings.db)
    upload_area = UploadArea(settings.upload_root, settings.upload_ttl_s)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            upload_area.close()
            store.close()

    app = FastAPI(
        title="twoway",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        lifespan=lifespan,
        dependencies=[Depends(csrf_guard)],
        middleware=[
            Middleware(HeadAsGet),
            Middleware(SecurityHeaders),
            Middleware(Access, settings=settings),
            Middleware(BodyLimit, limit=settings.max_upload_bytes),
            Middleware(ErrorPage),
        ],
    )
    app.state.settings = settings
    app.state.store = store
    app.state.uploads = upload_area
    app.state.templates = pages.make_templates()
    _add_error_pages(app)
    app.mount(
        "/static",
        StaticFiles(directory=str(files("twoway.web").joinpath("static"))),
        name="static",
    )

    from twoway.web.routes import analyze, conversations, followups, live, people, prep, progress

    for module in (analyze, live, people, conversations, followups, progress, prep):
        app.include_router(module.router)
    return app


def _add_error_pages(app: FastAPI) -> None:
    def page(
        request: Request,
        status: int,
        title: str,
        message: str,
        link: tuple[str, str] | None = None,
    ) -> HTMLResponse:
        context = {"title": title, "message": message, "link": link}
        return pages.render(request, "error.html", context, status=status)

    async def csrf_error(request: Request, exc: Exception) -> Response:
        return page(
            request,
            403,
            "Form expired",
            f"This form could not be accepted: {exc}. Go back, reload the page and send it again.",
        )

    async def twoway_error(request: Request, exc: Exception) -> Response:
        if isinstance(exc, NotFoundError):
            # The message without its CLI hint ("twoway people lists them"): a page link instead.
            link = _LISTS.get(exc.kind or "")
            return page(request, 404, "Not found", _sentence(exc.detail), link)
        if isinstance(exc, StoreError):
            logger.warning("store error: %s", exc)
            return page(request, 503, "The store is not available", str(exc))
        if isinstance(exc, MissingExtraError):
            return page(request, 501, "Not installed", str(exc))
        return page(request, 400, "That did not work", str(exc))

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        if exc.status_code == 404:
            return page(request, 404, "Not found", "There is no such page.")
        if exc.status_code == 405:
            return page(request, 405, "Not allowed", "This page does not take that request.")
        return page(request, exc.status_code, "That did not work", str(exc.detail))

    async def invalid_request(request: Request, exc: Exception) -> Response:
        return page(request, 404, "Not found", "There is no such page.")

    app.add_exception_handler(CsrfError, csrf_error)
    app.add_exception_handler(TwowayError, twoway_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid_request)


def _sentence(text: str) -> str:
    """``no person named 'Zed'`` -> ``No person named 'Zed'.``"""
    text = text.strip()
    if not text:
        return text
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "?", "!")) else ".")
