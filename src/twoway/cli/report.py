"""``twoway report``: a saved conversation's report, as HTML (with progress) or PNG charts.

Also the ``--html`` and ``--png`` outputs of ``twoway analyze`` (:func:`write_outputs`). Where
the files go (docs/html-report.md): ``--html FILE`` with one input writes FILE; with several
inputs it writes ``FILE-STEM-INPUT.html`` beside FILE, one per input; an existing folder gets
``INPUT.html`` per input. ``--png DIR`` writes ``timeline.png`` and ``share.png`` into DIR
(``INPUT-timeline.png``... with several inputs), creating DIR when its parent exists.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from twoway.cli._options import DbOption, PngOption
from twoway.cli._store import console, open_store
from twoway.errors import UsageError

if TYPE_CHECKING:
    import datetime as dt

    from twoway.analysis import Analysis
    from twoway.model import Conversation
    from twoway.report.commitments import CommitmentView
    from twoway.store.records import ProgressPoint

REPORT_HELP = """Show the report of a saved conversation, or write it as one self-contained HTML
page (charts, questions, feedback, and your progress across saved conversations) or PNG charts.

Example: twoway report last --html report.html
"""


def report_command(
    conversation: Annotated[
        str,
        typer.Argument(
            metavar="CONVERSATION", help="Its id, its source file name, or 'last' (the newest)."
        ),
    ],
    html: Annotated[
        Path | None,
        typer.Option(
            "--html",
            metavar="FILE",
            help="Write the report as one self-contained HTML page ('-': standard output), "
            "with your progress chart.",
        ),
    ] = None,
    png: PngOption = None,
    db: DbOption = None,
) -> None:

    with open_store(db) as store:
        stored = store.conversation(conversation)
        me = stored.summary.me
        points = store.progress_points(me) if me is not None else []
    analysis = stored.reanalyze()
    if html is None and png is None:
        from twoway.report.terminal import render_terminal

        render_terminal(analysis, console())
        return
    if html is not None:
        text = _html(analysis, stored.conversation, points, stored.summary.date)
        if str(html) == "-":
            sys.stdout.write(text)
        else:
            _write(html, text)
            typer.echo(f"HTML report written to {html}", err=True)
    if png is not None:
        _pngs(analysis, stored.conversation, png, prefix="")


def _html(
    analysis: Analysis,
    conversation: Conversation,
    points: Sequence[ProgressPoint] | None,
    date: dt.date | None,
) -> str:
    from twoway.followup import find_commitments
    from twoway.report.commitments import commitment_views
    from twoway.report.html import render_html

    made = (
        commitment_views(find_commitments(conversation, analysis.me), analysis.me, date)
        if conversation.has_text
        else ()
    )
    return render_html(
        analysis, conversation, progress=points or None, date=date, commitments=made or None
    )


def _write(path: Path, text: str) -> None:
    if not path.parent.exists():
        raise UsageError(f"{path}: the folder {path.parent} does not exist")
    path.write_text(text, encoding="utf-8")


def _pngs(analysis: Analysis, conversation: Conversation, folder: Path, prefix: str) -> None:
    from twoway.report import write_report_pngs

    for path in write_report_pngs(analysis, conversation, folder, prefix=prefix):
        typer.echo(f"Chart written to {path}", err=True)


def _stem(source: str) -> str:
    name = source.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name
    return "stdin" if stem in ("", "-", "<stdin>") else stem


def _unique(stems: list[str]) -> list[str]:
    """``["a", "a", "b"]`` -> ``["a", "a-2", "b"]``: two inputs never share an output."""
    seen: dict[str, int] = {}
    out = []
    for stem in stems:
        seen[stem] = seen.get(stem, 0) + 1
        out.append(stem if seen[stem] == 1 else f"{stem}-{seen[stem]}")
    return out


def html_paths(target: Path, sources: Sequence[str], *, several: bool | None = None) -> list[Path]:
    """Where ``--html TARGET`` writes the report of each input (see the module docstring);
    ``several``: there were several inputs (default: several ``sources``), even if only one
    could be read.

    >>> [str(p) for p in html_paths(Path("out/r.html"), ["a.vtt", "b/a.vtt", "c.txt"])]
    ['out/r-a.html', 'out/r-a-2.html', 'out/r-c.html']
    """
    stems = _unique([_stem(s) for s in sources])
    if target.is_dir():
        return [target / f"{stem}.html" for stem in stems]
    if not (len(sources) > 1 if several is None else several):
        return [target]
    suffix = target.suffix or ".html"
    return [target.with_name(f"{target.stem}-{stem}{suffix}") for stem in stems]


def write_outputs(
    analyses: Sequence[Analysis],
    conversations: Sequence[Conversation],
    *,
    html: Path | None,
    png: Path | None,
    several: bool | None = None,
    commitments: Sequence[Sequence[CommitmentView]] | None = None,
) -> None:
    """``twoway analyze --html / --png``: the files, and one line each on standard error.

    ``several``: the command had several inputs (names stay per input even when only one
    could be read); default: several ``analyses``.
    """
    sources = [a.source for a in analyses]
    several = len(analyses) > 1 if several is None else several
    if html is not None:
        from twoway.report.html import render_html

        found = list(commitments) if commitments is not None else [()] * len(analyses)
        for path, analysis, conversation, made in zip(
            html_paths(html, sources, several=several), analyses, conversations, found, strict=True
        ):
            _write(path, render_html(analysis, conversation, commitments=made or None))
            typer.echo(f"HTML report written to {path}", err=True)
    if png is not None:
        stems = _unique([_stem(s) for s in sources])
        for stem, analysis, conversation in zip(stems, analyses, conversations, strict=True):
            _pngs(analysis, conversation, png, prefix=f"{stem}-" if several else "")


def register(app: typer.Typer) -> None:
    app.command("report", help=REPORT_HELP)(report_command)
