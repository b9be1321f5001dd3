"""What every route shares: rendering a template, the store, the uploads, the posted form."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from starlette.datastructures import FormData, UploadFile

from twoway.display import MISSING, clock, day, percent
from twoway.web.security import CSRF_FIELD, csrf_cookie, csrf_token_for

if TYPE_CHECKING:
    from twoway.store import Store
    from twoway.web.settings import Settings
    from twoway.web.uploads import UploadArea

NAV = (
    ("/", "Analyze"),
    ("/live", "Live"),
    ("/people", "People"),
    ("/conversations", "Conversations"),
    ("/followups", "Follow-ups"),
    ("/progress", "Progress"),
    ("/prep", "Prepare"),
)


def url_part(value: str) -> str:
    """A value as one path segment (a person's name in ``/people/NAME``)."""
    return quote(value, safe="")


def make_templates() -> Environment:
    env = Environment(
        loader=PackageLoader("twoway.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # One format with the report and the CLI (twoway.display): 1:01:40, 77%, 2024-03-05, —.
    env.filters.update(percent=percent, clock=clock, day=day, url_part=url_part)
    env.globals["nav"] = NAV
    env.globals["missing"] = MISSING
    return env


def settings(request: Request) -> Settings:
    result: Settings = request.app.state.settings
    return result


def store(request: Request) -> Store:
    result: Store = request.app.state.store
    return result


def uploads(request: Request) -> UploadArea:
    result: UploadArea = request.app.state.uploads
    return result


def today() -> dt.date:
    """Today, or ``$TWOWAY_TODAY`` (reproducible screenshots and tests)."""
    from twoway.dates import today as current_day

    return current_day()


def render(
    request: Request, template: str, context: dict[str, Any] | None = None, status: int = 200
) -> HTMLResponse:
    """The page, with this browser's CSRF token in ``csrf`` (and its cookie set when new).

    The whole page goes through ``text_safety.safe_text``: a lone surrogate from a transcript
    cannot fail its encoding (a 500), nor a control character reach the HTML.
    """
    from twoway.report.text_safety import safe_text

    token, is_new = csrf_token_for(dict(request.cookies))
    env: Environment = request.app.state.templates
    page = env.get_template(template).render(
        request=request,
        path=request.url.path,
        csrf=Markup(f'<input type="hidden" name="{CSRF_FIELD}" value="{token}">'),
        **(context or {}),
    )
    page = safe_text(page)
    response = HTMLResponse(page, status_code=status)
    if is_new:
        response.headers.append("set-cookie", csrf_cookie(token))
    return response


def redirect(url: str) -> RedirectResponse:
    """After a POST: see the result with a GET (303), so reloading does not post again."""
    return RedirectResponse(url, status_code=303)


def form(request: Request) -> FormData:
    """The posted form, parsed (and its CSRF token checked) by ``app.csrf_guard``."""
    data: FormData = request.state.form
    return data


def field(data: FormData, name: str, default: str = "") -> str:
    """A text field of the form, stripped; ``default`` when absent or a file."""
    value = data.get(name)
    return value.strip() if isinstance(value, str) else default


def upload_field(data: FormData, name: str) -> UploadFile | None:
    """A file field of the form, or ``None`` when no file was chosen."""
    value = data.get(name)
    if isinstance(value, UploadFile) and value.filename:
        return value
    return None


def safe_next(value: str, default: str) -> str:
    """A local path to go back to; anything else (another site, ``//host``) gives ``default``."""
    if value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return default
