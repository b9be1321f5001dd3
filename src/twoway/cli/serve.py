"""``twoway serve``: the local web app (docs/web.md)."""

from __future__ import annotations

import logging
from typing import Annotated

import typer

from twoway.cli._options import DbOption
from twoway.errors import MissingExtraError

SERVE_HELP = """Open twoway in your browser: upload a transcript, pick yourself, read the report,
save it, and browse people, conversations, follow-ups and progress, and prepare questions.
It listens on 127.0.0.1 only unless told otherwise; any other address needs an access token.

Example: twoway serve --port 8765 --db ~/interviews.db
"""

_WEB_MODULES = ("fastapi", "starlette", "uvicorn", "jinja2", "multipart", "python_multipart")


def serve_command(
    host: Annotated[
        str,
        typer.Option(help="Address to listen on. Anything but 127.0.0.1/localhost needs a token."),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8765,
    token: Annotated[
        str | None,
        typer.Option(
            help="Access token every request must carry (generated and printed when another "
            "address than loopback is used without one). Also $TWOWAY_TOKEN.",
            envvar="TWOWAY_TOKEN",
        ),
    ] = None,
    db: DbOption = None,
    max_upload_mb: Annotated[
        float, typer.Option(help="Largest upload accepted, in megabytes.")
    ] = 50.0,
) -> None:
    from twoway.web.settings import Settings

    settings = Settings(host=host, port=port, token=token, db=db, max_upload_mb=max_upload_mb)
    generated = False
    if settings.needs_token and not settings.token:
        from twoway.web.security import new_token

        settings = Settings(
            host=host, port=port, token=new_token(), db=db, max_upload_mb=max_upload_mb
        )
        generated = True
    settings.check()
    try:
        import uvicorn

        from twoway.web.app import create_app
    except ModuleNotFoundError as exc:
        missing = exc.name if exc.name in _WEB_MODULES else "fastapi"
        raise MissingExtraError("twoway serve", "web", missing) from None

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    # twoway's own INFO lines, not alembic's ("Context impl SQLiteImpl.", "Running upgrade
    # ..."): creating or migrating the store says nothing unless it goes wrong.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    app = create_app(settings)
    shown = f"[{host}]" if ":" in host else host
    address = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else shown}:{port}/"
    if settings.token and (generated or settings.needs_token):
        # Printed once: the token travels in the address only for the first visit, which
        # trades it for a cookie.
        typer.echo(
            f"twoway is listening on {host}:{port}; open (once) {address}?token={settings.token}"
        )
        if generated:
            typer.echo("The token was generated for this run; pass --token to choose your own.")
    else:
        typer.echo(f"twoway is listening on {address} (only this machine can reach it)")
    typer.echo("Press Ctrl+C to stop.")
    uvicorn.run(
        app, host=host, port=port, log_level="warning", server_header=False, proxy_headers=False
    )


def register(app: typer.Typer) -> None:
    app.command("serve", help=SERVE_HELP)(serve_command)
