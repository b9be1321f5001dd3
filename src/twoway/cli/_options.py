"""The options several commands share, each declared once (as sqlite-utils shares its options).

An option that means the same wherever it appears is a ready ``Annotated`` type::

    def progress_command(db: DbOption = None, as_json: JsonOption = False) -> None: ...

An option whose values depend on the command (``--format``, ``--output``, ``--me``) is a function
of that command's help text, so its flags and short form are the same everywhere::

    fmt: Annotated[str, format_option("json or csv.")] = "json"

``analyze`` and ``live`` share their targets (``--target``...), report (``--format``, ``--json``,
``--output``) and recording (``--speakers``, ``--asr``...) options, and ``--save`` with the six
options that go with it: a group, which :func:`save_options` gives a command as one parameter,
``saving: SaveOptions | None``. Nothing heavy is imported here: ``--help`` builds every command
from these.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from twoway.errors import UsageError
from twoway.model import Mode

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Sequence

# --- The store -------------------------------------------------------------------------------

DB_HELP = (
    "The store: a file path, sqlite:///PATH or postgresql+psycopg://USER@HOST/DB "
    "(default: $TWOWAY_DB, else twoway.db in your data folder)."
)
DbOption = Annotated[str | None, typer.Option("--db", metavar="URL", help=DB_HELP)]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]

# --- One set of flags, the values (and so the help) by command --------------------------------


def format_option(help: str) -> Any:
    """``--format``/``-f``; ``help`` names this command's formats."""
    return typer.Option("--format", "-f", help=help)


def output_option(help: str) -> Any:
    """``--output``/``-o``; ``help`` says what this command writes there."""
    return typer.Option("--output", "-o", help=help)


ME_HELP = "Which speaker you are (ignores case; a unique prefix works)."


def me_option(help: str = ME_HELP) -> Any:
    """``--me``; ``help`` says what it selects in this command."""
    return typer.Option("--me", help=help)


MODE_HELP = "interview (aim near 50% talk share) or networking (near 20%)."
MODE_METAVAR = "[" + "|".join(Mode) + "]"


def _parse_mode(value: str) -> Mode:
    # An unknown mode is twoway's one-line usage error (exit 1), as before --mode was typed;
    # the analysis is imported only once a command runs.
    from twoway.analysis.targets import parse_mode

    return parse_mode(value)


def mode_option(help: str = MODE_HELP) -> Any:
    """``--mode``, a :class:`~twoway.model.Mode`."""
    return typer.Option("--mode", parser=_parse_mode, metavar=MODE_METAVAR, help=help)


MeOption = Annotated[str | None, me_option()]
ModeOption = Annotated[Mode, mode_option()]
FromOption = Annotated[
    str | None,
    typer.Option(
        "--from", help="Force the input format instead of detecting it (vtt, srt, text...)."
    ),
]

# --- Targets (analyze, live) ------------------------------------------------------------------

TargetOption = Annotated[
    float | None,
    typer.Option("--target", help="Your talk-share target in percent (default by mode: 50 or 20)."),
]
BandOption = Annotated[
    str | None,
    typer.Option(
        "--band", help="The on-target band in percent, LOW-HIGH (default 40-60 or 10-30)."
    ),
]
MonologueLimitOption = Annotated[
    float | None,
    typer.Option(
        "--monologue-limit", help="Seconds after which a floor is a monologue (default 90 or 60)."
    ),
]
QuestionsTargetOption = Annotated[
    int | None,
    typer.Option("--questions-target", help="How many questions you aim to ask (default 4 or 6)."),
]

# --- The report (analyze, live, prep) ---------------------------------------------------------

REPORT_FORMAT_HELP = "Output format: terminal (the default), json or markdown."
ReportFormatOption = Annotated[str | None, format_option(REPORT_FORMAT_HELP)]
ReportJsonOption = Annotated[bool, typer.Option("--json", help="Same as --format json.")]
ReportOutputOption = Annotated[
    Path | None, output_option("Write the report to this file, not the terminal.")
]
PngOption = Annotated[
    Path | None,
    typer.Option(
        "--png",
        metavar="DIR",
        help="Also draw timeline.png and share.png into this folder (needs twoway[charts]).",
    ),
]

# --- Saving the conversation (analyze, live) --------------------------------------------------

SaveOption = Annotated[
    bool,
    typer.Option(
        "--save",
        help="Keep the conversation and its analysis in your local history (docs/store.md).",
    ),
]
WithOption = Annotated[
    list[str] | None,
    typer.Option(
        "--with", metavar="NAME", help="With --save: a person you talked to (repeatable)."
    ),
]
CompanyOption = Annotated[
    str | None,
    typer.Option("--company", help="With --save: the company the conversation was with."),
]
RoleOption = Annotated[str | None, typer.Option("--role", help="With --save: the role discussed.")]
DateOption = Annotated[
    str | None,
    typer.Option("--date", help="With --save: when it took place, YYYY-MM-DD (default: today)."),
]
StayInTouchDaysOption = Annotated[
    int | None,
    typer.Option(
        "--stay-in-touch-days",
        help="With --save: days until the 'stay in touch' follow-up (default 90, or "
        "stay_in_touch_days in config.toml).",
        min=1,
    ),
]
SaveDbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="URL",
        help="With --save: the store (default: $TWOWAY_DB, else your data folder).",
    ),
]


@dataclass(frozen=True, slots=True)
class SaveOptions:
    """What ``--save`` keeps with each conversation (``Store.save``'s keywords) and where (``db``).

    ``with_people`` are the names as given to ``--with``: each is matched against the speakers
    of its conversation when it is saved (``cli/analyze.py``).
    """

    with_people: tuple[str, ...] = ()
    company: str | None = None
    role: str | None = None
    date: dt.date | None = None
    stay_in_touch_days: int | None = None
    db: str | None = None

    @classmethod
    def from_flags(
        cls,
        *,
        save: bool,
        with_people: Sequence[str] | None,
        company: str | None,
        role: str | None,
        date: str | None,
        stay_in_touch_days: int | None,
        db: str | None,
    ) -> SaveOptions | None:
        """``None`` without ``--save``; checked before any work (a bad --date fails fast)."""
        given = [
            flag
            for flag, value in (
                ("--with", with_people),
                ("--company", company),
                ("--role", role),
                ("--date", date),
                ("--stay-in-touch-days", stay_in_touch_days),
                ("--db", db),
            )
            if value
        ]
        if not save:
            if given:
                raise UsageError(f"{', '.join(given)} only make sense with --save")
            return None
        from twoway.dates import parse_date
        from twoway.store.config import stay_in_touch_days as interval

        return cls(
            with_people=tuple(with_people or ()),
            company=company,
            role=role,
            date=parse_date(date) if date is not None else None,
            stay_in_touch_days=interval(stay_in_touch_days),
            db=db,
        )


_SAVE_FLAGS: dict[str, tuple[Any, object]] = {
    "save": (SaveOption, False),
    "with_people": (WithOption, None),
    "company": (CompanyOption, None),
    "role": (RoleOption, None),
    "date": (DateOption, None),
    "stay_in_touch_days": (StayInTouchDaysOption, None),
    "db": (SaveDbOption, None),
}


def save_options(command: Callable[..., None]) -> Callable[..., None]:
    """Give a typer command ``--save`` and the six options that go with it, where its ``saving``
    parameter stands; ``saving`` receives them checked, as :meth:`SaveOptions.from_flags` gives
    them (sqlite-utils shares option groups with decorators too).

    typer builds the command from the signature, so the returned function shows the options as
    parameters of its own (``__signature__``), and calls ``command`` with ``saving`` instead.
    """
    signature = inspect.signature(command, eval_str=True)
    kind = signature.parameters["saving"].kind
    flags = [
        inspect.Parameter(name, kind, default=default, annotation=annotation)
        for name, (annotation, default) in _SAVE_FLAGS.items()
    ]
    parameters = [
        new
        for old in signature.parameters.values()
        for new in (flags if old.name == "saving" else [old])
    ]

    @functools.wraps(command)
    def with_save_options(**kwargs: Any) -> None:
        given = {name: kwargs.pop(name) for name in _SAVE_FLAGS}
        command(**kwargs, saving=SaveOptions.from_flags(**given))

    shown = signature.replace(parameters=parameters)
    with_save_options.__signature__ = shown  # type: ignore[attr-defined]
    with_save_options.__annotations__ = {p.name: p.annotation for p in parameters}
    return with_save_options


# --- Recordings (analyze, live) ---------------------------------------------------------------

SpeakersOption = Annotated[
    int | None,
    typer.Option(
        "--speakers", help="Audio, one mixed track: how many people (default 2 in interview mode)."
    ),
]
AsrOption = Annotated[
    bool,
    typer.Option("--asr", help="Audio: transcribe offline (Whisper tiny.en with twoway[asr])."),
]
AsrModelOption = Annotated[
    str | None,
    typer.Option(
        "--asr-model", help="Audio: a faster-whisper model folder for --asr (or $TWOWAY_ASR_MODEL)."
    ),
]
