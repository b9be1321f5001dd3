"""The ``twoway`` command line: one typer app, one module per command group.

Errors are reported as one line, ``twoway: error: FILE:LINE: message``, with exit code 1;
``--debug`` (anywhere on the command line, or ``TWOWAY_DEBUG=1``) shows the traceback instead.
Heavy imports (analysis, readers, rich) happen inside the commands so ``--help`` starts fast.
An option several commands take is declared once, in ``cli/_options.py``; docs/cli.md is the
reference generated from every command's ``--help`` (scripts/cli_reference.py).
"""

from __future__ import annotations

import os
import sys

import typer

from twoway import __version__
from twoway.cli import analyze as _analyze
from twoway.cli import batch as _batch
from twoway.cli import companies as _companies
from twoway.cli import conversations as _conversations
from twoway.cli import db as _db
from twoway.cli import export as _export
from twoway.cli import followups as _followups
from twoway.cli import live as _live
from twoway.cli import people as _people
from twoway.cli import prep as _prep
from twoway.cli import progress as _progress
from twoway.cli import report as _report
from twoway.cli import serve as _serve
from twoway.cli import thank_you as _thank_you
from twoway.cli import voice as _voice
from twoway.errors import TwowayError

app = typer.Typer(
    name="twoway",
    help=(
        "Coach yourself to treat a job interview as a two-way conversation: "
        "who talked how much, monologues, turn-taking and questions, from your transcripts. "
        "Everything runs locally; nothing is sent anywhere."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"twoway {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
    debug: bool = typer.Option(
        False, "--debug", help="Show the full traceback when something goes wrong."
    ),
) -> None:
    """twoway: measure whether your conversations are two-way."""


_analyze.register(app)
_prep.register(app)
_conversations.register(app)
_people.register(app)
_companies.register(app)
_followups.register(app)
_thank_you.register(app)
_progress.register(app)
_report.register(app)
_export.register(app)
_db.register(app)
_voice.register(app)
_serve.register(app)
_batch.register(app)
_live.register(app)


def _error(message: str) -> None:
    # Messages quote the input (a speaker name, a line): no control sequence, no surrogate.
    from twoway.report.text_safety import safe_text

    sys.stderr.write(f"twoway: error: {safe_text(message)}\n")


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code.

    0: fine; 1: bad input (a one-line ``twoway: error: ...``); 2: a usage error (typer's own
    message, as for any command-line tool) or an internal error; 130: interrupted.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args or os.environ.get("TWOWAY_DEBUG") == "1"
    args = [a for a in args if a != "--debug"]
    try:
        # Standalone mode: typer reports its own usage errors; ours come out as exceptions.
        app(args=args, prog_name="twoway", standalone_mode=True)
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    except TwowayError as exc:
        if debug:
            raise
        _error(str(exc))
        return 1
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except OSError as exc:
        if debug:
            raise
        where = f"{exc.filename}: " if exc.filename else ""
        _error(f"{where}{exc.strerror or exc}")
        return 1
    except Exception as exc:
        if debug:
            raise
        _error(
            f"internal error ({type(exc).__name__}: {exc}); "
            "please report it, with the output of --debug"
        )
        return 2
    return 0
