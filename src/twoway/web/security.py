"""What keeps private interviews private: access token, CSRF, body limit, headers, error page.

Four plain ASGI middlewares, outermost first (``app.py`` installs them in this order):

1. ``SecurityHeaders``: CSP ``default-src 'self'`` (no scripts at all, styles from this server
   only; the Live page sets ``LIVE_CSP`` itself: its own script and socket),
   ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: no-referrer``,
   ``X-Frame-Options: DENY`` and ``Cache-Control: no-store`` on every response, errors included.
2. ``Access``: with a token, every request needs it (``?token=`` once, which sets an HttpOnly,
   SameSite=Strict cookie and redirects to the same page without it; or the cookie; or
   ``Authorization: Bearer``), else 401. Without one (loopback only), the ``Host`` header must
   name a loopback host, so a web page on another site cannot reach the app through DNS
   rebinding.
3. ``BodyLimit``: a request body over the limit is cut off while it streams in (a declared
   ``Content-Length`` is refused before reading anything) and answered with 413.
4. ``ErrorPage``: any exception becomes a logged, friendly 500 page; never a traceback.

CSRF: a random per-browser token in a cookie (``csrf_cookie``) and in a hidden field of every
form; ``check_csrf`` compares the two on every POST (and refuses a foreign ``Origin``).
"""

from __future__ import annotations

import contextlib
import logging
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, urlencode

from twoway.web.settings import Settings, is_loopback

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

logger = logging.getLogger("twoway.web")

TOKEN_COOKIE = "twoway_token"
CSRF_COOKIE = "twoway_csrf"
CSRF_FIELD = "csrf_token"

# No scripts at all; styles only from this server. style-src allows inline style attributes
# ('unsafe-inline' in style-src only) because the report's bars and the progress chart size
# themselves with them; <style> blocks are not used.
CSP = (
    "default-src 'self'; script-src 'none'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "object-src 'none'"
)
# The Live page (routes/live.py) alone runs scripts: its own and its AudioWorklet, from /static
# ('self', never inline), and opens a WebSocket back to this server (connect-src 'self').
LIVE_CSP = CSP.replace("script-src 'none'", "script-src 'self'; connect-src 'self'")
SECURITY_HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cache-control", b"no-store"),
)


def new_token() -> str:
    """A random token for ``--token`` (256 bits, URL-safe)."""
    return secrets.token_urlsafe(32)


def same(a: str | None, b: str | None) -> bool:
    """Constant-time comparison of two secrets (``False`` when either is missing)."""
    if not a or not b:
        return False
    return secrets.compare_digest(a.encode(), b.encode())


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return bytes(value).decode("latin-1")
    return None


def _cookies(scope: Scope) -> dict[str, str]:
    raw = _header(scope, b"cookie")
    if not raw:
        return {}
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(raw)
    except Exception:  # a malformed Cookie header is no cookie at all
        return {}
    return {key: morsel.value for key, morsel in jar.items()}


def _page(status: int, title: str, message: str) -> bytes:
    """A minimal page for errors the templates cannot render (before routing, or broken)."""
    from html import escape

    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        '<meta name=viewport content="width=device-width, initial-scale=1">'
        f'<title>{escape(title)} · twoway</title><link rel=stylesheet href="/static/twoway.css">'
        f'</head><body><main class="page narrow"><h1>{escape(title)}</h1>'
        f"<p>{escape(message)}</p></main></body></html>"
    ).encode()


async def send_page(
    send: Send,
    status: int,
    title: str,
    message: str,
    extra_headers: list[tuple[bytes, bytes]] | None = None,
) -> None:
    body = _page(status, title, message)
    headers = [
        (b"content-type", b"text/html; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
        *(extra_headers or []),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """Adds the security headers to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {bytes(k).lower() for k, _ in headers}
                headers += [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class Access:
    """The access token (when set) and the ``Host`` check (when not); see the module docstring."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.token = settings.token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.token is None:
            host = _host_name(_header(scope, b"host") or "")
            if not is_loopback(host):
                await send_page(
                    send,
                    400,
                    "Unexpected host",
                    "twoway answers only to 127.0.0.1 or localhost; open it from this machine.",
                )
                return
            await self.app(scope, receive, send)
            return
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        given = [value for key, value in query if key == "token"]
        if given:
            if not same(given[-1], self.token):
                await self._refuse(send)
                return
            # Trade the token in the address for a cookie, and drop it from the address so it
            # stays out of the history and the screen.
            rest = urlencode([(k, v) for k, v in query if k != "token"])
            location = scope.get("root_path", "") + scope["path"] + (f"?{rest}" if rest else "")
            cookie = f"{TOKEN_COOKIE}={self.token}; Path=/; HttpOnly; SameSite=Strict"
            await send(
                {
                    "type": "http.response.start",
                    "status": 303,
                    "headers": [
                        (b"location", location.encode("latin-1")),
                        (b"set-cookie", cookie.encode("latin-1")),
                        (b"content-length", b"0"),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": b""})
            return
        bearer = _header(scope, b"authorization") or ""
        scheme, _, credentials = bearer.partition(" ")
        if (scheme.lower() == "bearer" and same(credentials.strip(), self.token)) or same(
            _cookies(scope).get(TOKEN_COOKIE), self.token
        ):
            await self.app(scope, receive, send)
            return
        await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        await send_page(
            send,
            401,
            "Token needed",
            "This twoway server needs its access token: open the address twoway serve printed "
            "(it ends in ?token=...).",
            [(b"www-authenticate", b'Bearer realm="twoway"')],
        )


def _host_name(host: str) -> str:
    """``127.0.0.1:8765`` -> ``127.0.0.1``; ``[::1]:8765`` -> ``::1``."""
    host = host.strip()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class BodyTooLarge(Exception):
    """Raised inside ``receive`` once a request body passes the limit."""


class BodyLimit:
    """Refuses request bodies over ``limit`` bytes with a 413 page, counting as they stream in.

    A declared ``Content-Length`` over the limit is refused before anything is read. Otherwise
    ``receive`` counts the chunks and raises ``BodyTooLarge`` past the limit; whatever the app
    then answers (the form parser may turn the error into a 400) is replaced by the 413.
    """

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _header(scope, b"content-length")
        if declared is not None and declared.strip().isdigit() and int(declared) > self.limit:
            await self._too_large(send)
            return
        received = 0
        exceeded = False
        started = False

        async def counting_receive() -> Message:
            nonlocal received, exceeded
            if exceeded:
                raise BodyTooLarge
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    exceeded = True
                    raise BodyTooLarge
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if exceeded and not started:
                return  # the 413 goes out instead
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        with contextlib.suppress(BodyTooLarge):  # answered below
            await self.app(scope, counting_receive, guarded_send)
        if exceeded and not started:
            await self._too_large(send)

    async def _too_large(self, send: Send) -> None:
        megabytes = self.limit / (1024 * 1024)
        await send_page(
            send,
            413,
            "File too large",
            f"Uploads are limited to {megabytes:g} MB (twoway serve --max-upload-mb). "
            "Choose a smaller file.",
            [(b"connection", b"close")],
        )


class ErrorPage:
    """Logs any exception with its traceback and answers a friendly 500 page instead."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except BodyTooLarge:
            raise
        except Exception:
            logger.exception("error while serving %s %s", scope.get("method"), scope.get("path"))
            if not started:
                await send_page(
                    send,
                    500,
                    "Something went wrong",
                    "twoway hit an internal error and could not show this page. The details "
                    "are in the server's log; please report it.",
                )


class CsrfError(Exception):
    """A POST without the form's CSRF token, with a wrong one, or from another origin."""


def csrf_token_for(cookies: dict[str, str]) -> tuple[str, bool]:
    """This browser's CSRF token, and whether it is new (then it must be set as a cookie)."""
    current = cookies.get(CSRF_COOKIE)
    if current and len(current) >= 32 and current.replace("-", "").replace("_", "").isalnum():
        return current, False
    return secrets.token_urlsafe(32), True


def csrf_cookie(token: str) -> str:
    return f"{CSRF_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict"


def check_csrf(
    sent: object, cookies: dict[str, str], origin: str | None, host: str | None, scheme: str
) -> None:
    """``CsrfError`` unless the form's token equals the cookie's and the origin is this server."""
    # "null" (privacy-sensitive contexts) is not trusted either: the token check below decides.
    foreign = origin not in (None, "null") and host is not None
    if foreign and str(origin).rstrip("/") != f"{scheme}://{host}":
        raise CsrfError("the form was sent from another site")
    if not isinstance(sent, str) or not same(sent, cookies.get(CSRF_COOKIE)):
        raise CsrfError("the form's security token is missing or out of date")
