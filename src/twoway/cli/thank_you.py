"""``twoway thank-you``: draft the thank-you note after a saved conversation."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from twoway.cli._options import DbOption, format_option, output_option
from twoway.cli._store import open_store
from twoway.errors import UsageError

THANK_YOU_HELP = """Draft a thank-you note to someone you met, from a saved conversation: what
you talked about and what they told you, ready to edit and send.

Example: twoway thank-you last --to "Dana Lee" --format markdown
"""


def thank_you_command(
    conversation: Annotated[
        str,
        typer.Argument(
            metavar="CONVERSATION", help="Its id, its source file name, or 'last' (the newest)."
        ),
    ],
    to: Annotated[
        str | None,
        typer.Option("--to", help="Who the note is for (default: the person you met)."),
    ] = None,
    fmt: Annotated[str, format_option("text (for email) or markdown.")] = "text",
    output: Annotated[Path | None, output_option("Write the note to this file.")] = None,
    db: DbOption = None,
) -> None:
    if fmt not in ("text", "markdown"):
        raise UsageError(f"--format takes text or markdown; got {fmt!r}")
    with open_store(db) as store:
        stored = store.conversation(conversation)
    from twoway.report.text_safety import safe_text

    note = stored.thank_you(to)
    # It quotes what they said: no control character from the transcript goes into an email.
    text = safe_text(note.markdown if fmt == "markdown" else note.text)
    if not text.endswith("\n"):
        text += "\n"
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")


def register(app: typer.Typer) -> None:
    app.command("thank-you", help=THANK_YOU_HELP)(thank_you_command)
