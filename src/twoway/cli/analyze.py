"""``twoway analyze``: read transcripts, measure them, report.

The command is a few named steps over three groups of options: how each input is read and judged
(:class:`Reading`), where the report goes (:class:`ReportOptions`) and what ``--save`` keeps
(:class:`SaveOptions`). ``twoway live`` ends with the same report and save (:func:`publish`).
"""

from __future__ import annotations

import io
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from twoway.cli._options import (
    AsrModelOption,
    AsrOption,
    BandOption,
    FromOption,
    MeOption,
    ModeOption,
    MonologueLimitOption,
    PngOption,
    QuestionsTargetOption,
    ReportJsonOption,
    ReportOutputOption,
    SaveOptions,
    SpeakersOption,
    TargetOption,
    format_option,
    save_options,
)
from twoway.errors import TwowayError, UsageError
from twoway.model import Mode

if TYPE_CHECKING:
    from collections.abc import Sequence

    from twoway.analysis import Analysis, Targets
    from twoway.audio import AudioOptions
    from twoway.model import Conversation
    from twoway.prep import Plan
    from twoway.report.commitments import CommitmentView

OUTPUT_FORMATS = ("terminal", "json", "markdown")
FORMAT_HELP = (
    "Output format: terminal (the default), json or markdown. (An input format name, such as "
    "vtt, still works here as --from.)"
)

ANALYZE_HELP = """Analyze one or more transcripts: talk share against the target, monologues,
turn-taking, pauses, interruptions, pace, fillers, every question asked, a two-way score and
feedback.

Example: twoway analyze interview.vtt --me "Alex" --mode interview

Example: twoway analyze interview.vtt --me Alex --save --with "Dana Lee" --company Acme
"""


def _parse_band(value: str) -> tuple[float, float]:
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)\s*%?\s*", value)
    if not match:
        raise UsageError(f"--band takes LOW-HIGH in percent, such as 40-60; got {value!r}")
    return float(match.group(1)) / 100, float(match.group(2)) / 100


def build_targets(
    mode: Mode | str,
    target: float | None,
    band: str | None,
    monologue_limit: float | None,
    questions_target: int | None,
) -> Targets:
    """The mode's targets with the user's overrides (percentages in, fractions out)."""
    from dataclasses import replace

    from twoway.analysis import targets_for

    targets = targets_for(mode)
    if target is not None or band is not None:
        low, high = _parse_band(band) if band is not None else (None, None)
        share = target / 100 if target is not None else targets.share
        if target is None and low is not None and high is not None:
            share = (low + high) / 2
        targets = targets.with_share(share, low, high)
    if monologue_limit is not None:
        targets = replace(targets, monologue_s=monologue_limit)
    if questions_target is not None:
        targets = replace(targets, questions=questions_target)
    return targets


def _split_format(fmt: str | None, from_: str | None) -> tuple[str | None, str | None]:
    """``--format`` as (output format, input format): an input format name given to ``--format``
    still works as ``--from`` (it did before ``--from`` existed); ``--from`` names the reader."""
    from twoway.formats import FORMATS

    output, reader = None, from_
    if fmt is not None:
        name = fmt.lower()
        if name in OUTPUT_FORMATS:
            output = fmt
        elif name in FORMATS:
            if from_ is not None and from_ != name:
                raise UsageError(f"--format {fmt} and --from {from_} name different input formats")
            reader = name
        else:
            raise UsageError(
                f"unknown format {fmt!r}; output formats: {', '.join(OUTPUT_FORMATS)}; "
                f"input formats: {', '.join(FORMATS)}"
            )
    if reader is not None and reader not in FORMATS:
        raise UsageError(f"unknown input format {reader!r}; choose one of: {', '.join(FORMATS)}")
    return output, reader


def report_format(fmt: str | None, as_json: bool) -> str:
    """The report's format from ``--format`` and ``--json`` (the same as ``--format json``)."""
    name = None if fmt is None else fmt.lower()
    if name is not None and name not in OUTPUT_FORMATS:
        raise UsageError(f"--format takes one of: {', '.join(OUTPUT_FORMATS)}; got {fmt!r}")
    if as_json and name not in (None, "json"):
        raise UsageError(f"--json and --format {fmt} ask for different outputs")
    return "json" if as_json else name or "terminal"


@dataclass(frozen=True, slots=True)
class ReportOptions:
    """Where the report goes: ``format`` (one of ``OUTPUT_FORMATS``) to ``output``, else standard
    output; ``html`` and ``png``: the files ``--html`` and ``--png`` add (``cli/report.py``)."""

    format: str = "terminal"
    output: Path | None = None
    html: Path | None = None
    png: Path | None = None

    @property
    def quiet_stdout(self) -> bool:
        """Confirmations go to stderr when stdout carries the JSON or markdown report."""
        return self.output is None and self.format != "terminal"


@dataclass(frozen=True, slots=True)
class Reading:
    """How each input is read and judged: the input format (``--from``; ``None`` detects it), the
    recording options, who you are, the mode and its targets, and what is added to the core
    analysis: the ``--plan`` read from ``plan_path``, and ``--suggest``."""

    reader: str | None
    audio: AudioOptions
    me: str | None
    mode: Mode
    targets: Targets
    plan: Plan | None = None
    plan_path: Path | None = None
    suggest: bool = False


@save_options
def analyze_command(
    files: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="FILE...",
            help="Transcript or recording files (audio/video: docs/audio.md); '-' reads stdin.",
        ),
    ] = None,
    me: MeOption = None,
    mode: ModeOption = Mode.INTERVIEW,
    fmt: Annotated[str | None, format_option(FORMAT_HELP)] = None,
    from_: FromOption = None,
    as_json: ReportJsonOption = False,
    output: ReportOutputOption = None,
    html: Annotated[
        Path | None,
        typer.Option(
            "--html",
            metavar="FILE",
            help="Also write a self-contained HTML report (several inputs: FILE-INPUT.html "
            "each, or INPUT.html in FILE when it is a folder; docs/html-report.md).",
        ),
    ] = None,
    png: PngOption = None,
    target: TargetOption = None,
    band: BandOption = None,
    monologue_limit: MonologueLimitOption = None,
    questions_target: QuestionsTargetOption = None,
    plan: Annotated[
        Path | None,
        typer.Option(
            "--plan",
            help="A question plan from 'twoway prep --format json': report which planned "
            "questions you asked.",
        ),
    ] = None,
    suggest: Annotated[
        bool,
        typer.Option(
            "--suggest",
            help="Suggest follow-up questions from what the others talked about (slower start).",
        ),
    ] = False,
    saving: SaveOptions | None = None,  # --save, --with, ... --db (save_options)
    track: Annotated[
        list[str] | None,
        typer.Option(
            "--track",
            metavar="NAME=FILE",
            help="Audio: one recording per speaker, such as --track 'Alex=alex.m4a' (repeat).",
        ),
    ] = None,
    channels: Annotated[
        str | None,
        typer.Option(help="Audio: a stereo recording with one speaker per channel: NAMES,..."),
    ] = None,
    speakers: SpeakersOption = None,
    transcript: Annotated[
        str | None,
        typer.Option(help="Audio: take the words from this transcript, placed by its timestamps."),
    ] = None,
    asr: AsrOption = False,
    asr_model: AsrModelOption = None,
    rttm: Annotated[
        str | None,
        typer.Option(metavar="FILE", help="Audio: write who spoke when to this RTTM file."),
    ] = None,
) -> None:
    out_format, reader = _split_format(fmt, from_)
    report = ReportOptions(report_format(out_format, as_json), output, html, png)
    targets = build_targets(mode, target, band, monologue_limit, questions_target)
    prepared = _read_plan(plan) if plan is not None else None
    from twoway.cli._audio import parse_options

    audio = parse_options(track, channels, speakers, transcript, asr, asr_model, mode, rttm)
    inputs = _inputs(files, audio)
    reading = Reading(reader, audio, me, mode, targets, prepared, plan, suggest)
    analyses, conversations, failures = _analyze_each(inputs, reading)
    if analyses:
        publish(analyses, conversations, report, saving, several=len(inputs) > 1)
    if failures:
        raise typer.Exit(code=1)


def _inputs(files: list[str] | None, audio: AudioOptions) -> list[str | None]:
    """The FILE arguments, or ``[None]`` for the ``--track`` recordings."""
    if audio.tracks:
        if files:
            raise UsageError("--track gives the recordings: no FILE arguments with it")
        return [None]
    if not files:
        raise UsageError(
            "give a transcript or recording FILE (or --track NAME=FILE for each speaker)"
        )
    if files.count("-") > 1:
        raise UsageError("standard input ('-') can be read only once")
    return list(files)


def _analyze_each(
    inputs: list[str | None], reading: Reading
) -> tuple[list[Analysis], list[Conversation], int]:
    """Each input read and analyzed, and how many failed: with several inputs, a bad one is
    reported on stderr and the others go on; a single input's error is the command's."""
    analyses: list[Analysis] = []
    conversations: list[Conversation] = []
    failures = 0
    for name in inputs:
        try:
            conversation, analysis = _analyze_one(name, reading)
        except TwowayError as exc:
            if len(inputs) == 1:
                raise
            failures += 1
            sys.stderr.write(f"twoway: error: {exc}\n")
            continue
        conversations.append(conversation)
        analyses.append(analysis)
    return analyses, conversations, failures


def _analyze_one(name: str | None, reading: Reading) -> tuple[Conversation, Analysis]:
    from twoway.analysis import analyze

    conversation, who = _load_any(name, reading.reader, reading.audio, reading.me)
    if who is None and reading.me is None:  # on a terminal, ask (cli/_ask.py); else no one
        from twoway.cli._ask import ask_me_on_a_terminal

        who = ask_me_on_a_terminal(conversation.speakers, name or conversation.source)
    analysis = analyze(conversation, me=who, mode=reading.mode, targets=reading.targets)
    return conversation, _extend(analysis, conversation, reading)


def _load_any(
    name: str | None, reader: str | None, audio: AudioOptions, me: str | None
) -> tuple[Conversation, str | None]:
    """A transcript through the readers, a recording through twoway.audio (sniffed by content)."""
    from twoway.audio import is_audio_file

    if name is None or (reader is None and is_audio_file(name)):
        from twoway.cli._audio import load_for_cli

        return load_for_cli(name, audio, me)
    if audio.given:
        raise UsageError(
            f"{name}: --track, --channels, --speakers, --transcript and --asr are for recordings"
        )
    from twoway.formats import load

    return load(name, format=reader), me


def publish(
    analyses: Sequence[Analysis],
    conversations: Sequence[Conversation],
    report: ReportOptions,
    saving: SaveOptions | None,
    *,
    several: bool,
) -> None:
    """What comes after the analysis: the report, the ``--html``/``--png`` files and ``--save``.

    ``several``: the command had several inputs (file names stay per input even when only one
    could be read). The reports carry the commitments made in each conversation
    (:func:`_commitments`), found here so the core analysis stays the same for every caller.
    """
    commitments = _commitments(analyses, conversations, saving)
    _emit(analyses, report, commitments)
    if report.html is not None or report.png is not None:
        from twoway.cli.report import write_outputs

        write_outputs(
            analyses,
            conversations,
            html=report.html,
            png=report.png,
            several=several,
            commitments=commitments,
        )
    if saving is not None:
        _save(conversations, analyses, saving, quiet_stdout=report.quiet_stdout)


def _save(
    conversations: Sequence[Conversation],
    analyses: Sequence[Analysis],
    options: SaveOptions,
    quiet_stdout: bool,
) -> None:
    from twoway.cli._store import echo
    from twoway.display import plural
    from twoway.store import open as open_store

    with open_store(options.db) as store:
        for conversation, analysis in zip(conversations, analyses, strict=True):
            people = [
                _with_speaker(n, conversation.speakers, analysis.me) for n in options.with_people
            ]
            result = store.save(
                conversation,
                analysis,
                with_people=people,
                company=options.company,
                role=options.role,
                date=options.date,
                stay_in_touch_days=options.stay_in_touch_days,
            )
            saved = store.conversation(result.conversation_id).summary
            verb = "Saved" if result.created else "Updated (already saved)"
            detail = f" with {', '.join(saved.people)}" if saved.people else ""
            detail += f" at {saved.company}" if saved.company else ""
            added = result.followups_added
            hint = " (twoway followups)" if added else ""
            if not saved.people:
                hint = " (name who you talked to with --with NAME for a thank-you follow-up)"
            echo(
                f"{verb} conversation #{saved.id} ({saved.source}, {saved.date}){detail}; "
                f"{plural(added, 'follow-up')} added{hint}",
                err=quiet_stdout,
            )


def _with_speaker(name: str, speakers: Sequence[str], me: str | None) -> str:
    """The person ``--with NAME`` means: the other speaker it names, as ``--me`` resolves names
    (``Jordan`` -> ``Jordan Lee``, ``B`` -> ``Speaker B``), else the name as given (someone the
    transcript does not name). Two speakers starting with it is a usage error.
    """
    from twoway.analysis.analyze import resolve_speaker
    from twoway.errors import SpeakerError

    others = [s for s in speakers if s != me]
    try:
        return resolve_speaker(name, others)
    except SpeakerError:
        wanted = name.strip().casefold()
        several = [s for s in others if wanted and s.casefold().startswith(wanted)]
        if len(several) > 1:
            raise UsageError(
                f"--with {name!r} matches several speakers: {', '.join(several)}; "
                "give the full name"
            ) from None
        return name.strip()


def _read_plan(path: Path) -> Plan:
    import json

    from twoway.errors import InputError
    from twoway.prep import Plan

    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise InputError(
            "no such file (make one with: twoway prep ... --format json)", path=str(path)
        ) from None
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text ({exc.reason})", path=str(path)) from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"not JSON: {exc.msg}", path=str(path), line=exc.lineno) from exc
    return Plan.from_dict(data, str(path))


def _extend(analysis: Analysis, conversation: Conversation, reading: Reading) -> Analysis:
    """Add what needs more than the core: plan coverage and follow-up suggestions."""
    from dataclasses import replace

    if reading.plan is not None and reading.plan_path is not None:
        from twoway.prep import match_plan

        coverage = match_plan(reading.plan, analysis.questions, str(reading.plan_path))
        analysis = replace(analysis, plan=coverage)
    if reading.suggest:
        if analysis.me is None:
            raise UsageError("--suggest needs --me: suggestions are questions for you to ask")
        from twoway.prep import suggest_followups

        analysis = replace(analysis, suggestions=suggest_followups(conversation, analysis.me))
    return analysis


def _commitments(
    analyses: Sequence[Analysis],
    conversations: Sequence[Conversation],
    saving: SaveOptions | None,
) -> list[tuple[CommitmentView, ...]]:
    """The commitments of each conversation (``twoway.followup.find_commitments``), with their
    due phrases read as days from the conversation's date: ``--date`` when saving, else today
    (the day ``--save`` would record)."""
    from twoway import dates
    from twoway.followup import find_commitments
    from twoway.report.commitments import commitment_views

    said_on = saving.date if saving is not None and saving.date is not None else dates.today()
    return [
        commitment_views(find_commitments(c, a.me), a.me, said_on) if c.has_text else ()
        for a, c in zip(analyses, conversations, strict=True)
    ]


def _emit(
    analyses: Sequence[Analysis],
    report: ReportOptions,
    commitments: Sequence[Sequence[CommitmentView]],
) -> None:
    output = report.output
    if report.format == "json":
        from twoway.report.json import render_json

        _write(render_json(list(analyses), commitments=commitments), output)
    elif report.format == "markdown":
        from twoway.report.markdown import render_markdown

        pairs = zip(analyses, commitments, strict=True)
        _write("\n\n".join(render_markdown(a, commitments=c) for a, c in pairs), output)
    else:
        from rich.console import Console

        from twoway.report.terminal import render_terminal

        console = (
            Console() if output is None else Console(record=True, width=100, file=io.StringIO())
        )
        for analysis, found in zip(analyses, commitments, strict=True):
            render_terminal(analysis, console, commitments=found)
        if output is not None:
            _write(console.export_text(), output)


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    if not output.parent.exists():
        raise UsageError(f"{output}: the folder {output.parent} does not exist")
    output.write_text(text, encoding="utf-8")


def register(app: typer.Typer) -> None:
    app.command("analyze", help=ANALYZE_HELP)(analyze_command)
