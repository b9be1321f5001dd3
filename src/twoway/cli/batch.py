"""``twoway batch`` (a whole cohort of transcripts into two tables) and ``twoway cohort``."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from twoway.cli._options import FromOption, format_option, me_option, mode_option, output_option
from twoway.display import MISSING
from twoway.errors import InputError, UsageError
from twoway.model import Mode

if TYPE_CHECKING:
    from rich.console import Console

    from twoway.batch import Batch, Row, Summary

BATCH_HELP = """Analyze a whole folder of transcripts (a cohort of mock interviews) into one row
per conversation and one per speaker: Parquet, CSV or JSON lines. Runs on every core; a bad file
becomes a failed row, never a stopped batch; run it again to pick up where it stopped (files
already in the output are skipped by content hash). Details: docs/batch.md.

Example: twoway batch transcripts/ -o results.parquet --me-pattern '(candidate|student)'

Example: twoway batch --me-map cohort.csv -o results.csv --analyses analyses.jsonl
"""

MODE_HELP = "interview or networking (a --me-map mode column wins)."

COHORT_HELP = """Summarize a batch's results: each mode's median talk share (interviews and
networking chats apart), each student's trend, distributions of talk share, questions, longest
monologue and score, the outliers, and a self-contained HTML page linking to each report.

Example: twoway cohort results.parquet --html cohort.html --reports reports/ --analyses a.jsonl
"""


def batch_command(
    inputs: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="INPUTS...",
            help="Transcript files, folders (walked recursively), globs or fsspec URLs.",
        ),
    ] = None,
    output: Annotated[
        str, output_option("Where the rows go: results.parquet (a folder), .csv, .jsonl.")
    ] = "results.parquet",
    fmt: Annotated[
        str | None, format_option("parquet, csv or jsonl (default: -o's extension).")
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", help="Worker processes (default: every core; 1: no pool)."),
    ] = None,
    me: Annotated[str | None, me_option("Your speaker name, the same in every file.")] = None,
    me_map: Annotated[
        str | None,
        typer.Option(
            "--me-map", metavar="CSV", help="A CSV of path,me[,mode] (paths relative to the CSV)."
        ),
    ] = None,
    me_role: Annotated[
        str | None,
        typer.Option(
            "--me-role",
            help="interviewee or interviewer: the speaker whose label names that role.",
        ),
    ] = None,
    me_pattern: Annotated[
        str | None,
        typer.Option(
            "--me-pattern",
            metavar="REGEX",
            help="You are the one speaker whose name matches (ignores case).",
        ),
    ] = None,
    mode: Annotated[Mode, mode_option(MODE_HELP)] = Mode.INTERVIEW,
    from_: FromOption = None,
    analyses: Annotated[
        str | None,
        typer.Option(metavar="FILE", help="Also write each full analysis as a JSON line here."),
    ] = None,
    engine: Annotated[
        str, typer.Option(help="local (a process pool) or dask (an existing cluster).")
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(help="With --engine dask: the scheduler, such as tcp://host:8786."),
    ] = None,
    chunk_size: Annotated[
        int, typer.Option(help="Conversations per written chunk (memory and resume grain).", min=1)
    ] = 500,
) -> None:
    from twoway.batch import Batch, BatchConfig, MeRule

    rules = [r for r in (me_role and "--me-role", me_pattern and "--me-pattern") if r]
    if len(rules) > 1:
        raise UsageError("--me-role and --me-pattern both say who you are: give one")
    rule = None
    if me_role is not None:
        rule = MeRule.role(me_role)
    elif me_pattern is not None:
        rule = MeRule.pattern(me_pattern)
    if from_ is not None:
        from twoway.formats import resolve_name

        resolve_name(from_)
    config = BatchConfig(
        inputs=tuple(inputs or ()),
        output=output,
        fmt=fmt,
        jobs=jobs,
        me=me,
        me_map=me_map,
        rule=rule,
        mode=mode.value,
        reader=from_,
        analyses=analyses,
        engine=engine,
        scheduler=scheduler,
        chunk_size=chunk_size,
    )
    batch = Batch(config)
    summary = _run_with_progress(batch)
    _print_summary(batch, summary)
    if summary.interrupted:
        raise typer.Exit(code=130)
    if summary.failed:
        raise typer.Exit(code=1)


def _run_with_progress(batch: Batch) -> Summary:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from twoway.batch import Outcome

    console = Console(stderr=True)
    where = batch.config.scheduler if batch.config.engine == "dask" else f"{batch.jobs()} jobs"
    with Progress(
        TextColumn("[bold]batch[/]"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]:>7} files/s"),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[where]}  ok {task.fields[ok]}  failed {task.fields[failed]}"),
        console=console,
        transient=False,
    ) as progress:
        task = progress.add_task(
            "batch",
            total=batch.total,
            completed=batch.skipped_by_stat,
            rate=MISSING,
            where=where,
            ok=0,
            failed=0,
        )

        started = time.perf_counter()
        done = 0

        def on_outcome(outcome: Outcome, summary: Summary) -> None:
            nonlocal done
            done += 1
            seconds = time.perf_counter() - started
            progress.update(
                task,
                advance=1,
                rate=f"{done / seconds:.1f}" if seconds > 0 else MISSING,
                ok=summary.analyzed,
                failed=summary.failed,
            )

        def on_connect(threads: int) -> None:
            progress.update(task, where=f"{batch.config.scheduler} ({threads} threads)")

        return batch.run(on_outcome, on_connect)


def _print_summary(batch: Batch, summary: Summary) -> None:
    err = sys.stderr
    rate = summary.analyzed / summary.elapsed_s if summary.elapsed_s > 0 else 0.0
    head = "interrupted" if summary.interrupted else "done"
    err.write(
        f"{head}: {summary.analyzed} analyzed, {summary.skipped} skipped (already done), "
        f"{summary.failed} failed, of {summary.total} files in {summary.elapsed_s:.1f} s "
        f"({rate:.1f} files/s)\n"
    )
    for reason, count in summary.reasons.most_common():
        err.write(f"  {count} × {reason} (e.g. {summary.example[reason]})\n")
    out = batch.output.path
    extra = {"parquet": " and its .speakers.parquet folder", "csv": " and its .speakers.csv"}
    err.write(f"rows in {out}{extra.get(batch.fmt, '')}")
    if batch.analyses is not None:
        err.write(f"; analyses in {batch.analyses.path}")
    err.write("\n")
    if summary.interrupted:
        err.write("run the same command again to go on: finished files are kept and skipped\n")


def cohort_command(
    results: Annotated[
        str, typer.Argument(metavar="RESULTS", help="What twoway batch wrote (its -o).")
    ],
    html: Annotated[
        Path | None, typer.Option(metavar="FILE", help="Write a self-contained HTML page here.")
    ] = None,
    reports: Annotated[
        Path | None,
        typer.Option(
            metavar="DIR",
            help="Write each conversation's report here and link it from the page.",
        ),
    ] = None,
    analyses: Annotated[
        str | None,
        typer.Option(metavar="FILE", help="The --analyses file of twoway batch, for --reports."),
    ] = None,
    title: Annotated[str, typer.Option(help="The page's title.")] = "Cohort report",
) -> None:
    from rich.console import Console

    from twoway.batch import read_rows
    from twoway.batch.cohort import cohort

    if not Path(results).exists():
        # Not an empty cohort: a mistyped name would otherwise print zeros and exit 0.
        raise InputError("no such file or folder (give what twoway batch -o wrote)", path=results)
    for target in (html, reports):
        if target is not None and not target.absolute().parent.is_dir():
            raise UsageError(f"{target}: the folder {target.absolute().parent} does not exist")
    if reports is not None and html is None:
        raise UsageError("--reports needs --html: the reports are linked from the page")
    data = cohort(read_rows(results))
    links: dict[str, str] = {}
    if reports is not None and html is not None:
        links = _write_reports(data.rows, reports, analyses, html.absolute().parent)
    if html is not None:
        from twoway.batch.cohort import render_cohort_html

        html.write_text(render_cohort_html(data, links, title), encoding="utf-8")
    _terminal_summary(Console(), data, html)


def _write_reports(
    rows: list[Row], folder: Path, analyses: str | None, page_folder: Path
) -> dict[str, str]:
    """One report per conversation: HTML where ``twoway.report.html`` exists, else its JSON."""
    import importlib.util
    import os

    folder.mkdir(exist_ok=True)
    wanted = {(r["path"], r["content_hash"]): r for r in rows}
    names = {key: _report_name(row) for key, row in wanted.items()}
    written: dict[str, str] = {}
    if importlib.util.find_spec("twoway.report.html") is not None:
        import twoway
        from twoway.report import html as html_report

        render = getattr(html_report, "render_html", None)
        if render is not None:
            for key, row in wanted.items():
                conversation = twoway.load(row["path"], format=None)
                analysis = twoway.analyze(conversation, me=row["me"], mode=row["mode"])
                target = folder / f"{names[key]}.html"
                target.write_text(render(analysis, conversation), encoding="utf-8")
                written[row["path"]] = os.path.relpath(target, page_folder)
            return written
    if analyses is None:
        raise UsageError(
            "--reports: this twoway has no HTML report yet; give --analyses FILE "
            "(written by twoway batch --analyses) to link each JSON analysis instead"
        )
    import json

    with Path(analyses).open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            data = json.loads(line)
            key = (data["path"], data["content_hash"])
            if key in wanted:
                target = folder / f"{names[key]}.json"
                target.write_text(json.dumps(data["analysis"], indent=2) + "\n", encoding="utf-8")
                written[data["path"]] = os.path.relpath(target, page_folder)
    return written


def _report_name(row: Row) -> str:
    import re

    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(str(row["path"])).stem)[:60]
    return f"{stem}-{str(row['content_hash'])[:10]}"


def _terminal_summary(console: Console, data: object, html: Path | None) -> None:
    from twoway.batch.cohort import Cohort
    from twoway.cli._store import esc, table
    from twoway.display import MISSING, percent

    assert isinstance(data, Cohort)
    # Each mode on its own: a 50% and a 20% target make a meaningless median together.
    parts = []
    for m in data.modes:
        share = percent(m.median_share)
        band = f" (target {100 * m.band[0]:.0f}-{100 * m.band[1]:.0f}%)" if m.band else ""
        parts.append(f"{m.counted}: median talk share {share}{band}, {m.on_target} on target")
    console.print(
        f"[bold]Cohort[/]: {len(data.rows)} conversations, {len(data.failed)} failed"
        + "".join(f"; {esc(part)}" for part in parts)
    )
    if any(len(s.rows) > 1 for s in data.students):
        grid = table("student", "conversations", "score", "trend", optional=("score",))
        for student in data.students:
            if len(student.rows) < 2:
                continue
            scores = " → ".join(MISSING if v is None else str(v) for v in student.scores)
            trend = student.score_trend or MISSING
            grid.add_row(student.name, str(len(student.rows)), scores, trend)
        console.print(grid)
    grid = table("outlier", "count", "examples", optional=("examples",))
    for name, found in data.outliers.items():
        grid.add_row(name, str(len(found)), ", ".join(Path(r["path"]).name for r in found[:3]))
    console.print(grid)
    if html is not None:
        console.print(f"HTML: {esc(html)}")


def register(app: typer.Typer) -> None:
    app.command("batch", help=BATCH_HELP)(batch_command)
    app.command("cohort", help=COHORT_HELP)(cohort_command)
