"""``twoway voice``: store, list and delete voiceprints, so recordings recognize you by voice."""

from __future__ import annotations

from typing import Annotated

import typer

from twoway.cli._options import me_option
from twoway.errors import UsageError

voice_app = typer.Typer(
    help="Voiceprints: let twoway recognize you in recordings by your voice. "
    "Stored locally (TWOWAY_DATA_DIR overrides the folder); needs twoway[audio,diarize].",
    no_args_is_help=True,
)


@voice_app.command(
    "enroll",
    help="Store your voiceprint from a recording of you alone (20 s or more of speech is best). "
    "Later recordings label the matching speaker with your name.\n\n"
    "Example: twoway voice enroll --me Alex sample.wav",
)
def enroll_command(
    file: Annotated[str, typer.Argument(metavar="FILE", help="A recording of you speaking alone.")],
    me: Annotated[str, me_option("Your name, as the reports should show it.")],
) -> None:
    from twoway.audio.voiceprint import enroll
    from twoway.cli._audio import progress_bar

    with progress_bar() as progress:
        stored = enroll(me, file, progress=progress)
    speech_s = stored.speech_s
    advice = "" if speech_s >= 20 else " (under 20 s: enroll a longer sample for surer matches)"
    typer.echo(f"Stored {me}'s voiceprint from {speech_s:.0f} s of speech: {stored.path}{advice}")


@voice_app.command("list", help="List the stored voiceprints.\n\nExample: twoway voice list")
def list_command() -> None:
    from twoway.audio import voiceprint

    prints = voiceprint.load_all()
    if not prints:
        typer.echo(f"No voiceprints in {voiceprint.voiceprint_dir()}.")
        return
    for p in prints:
        typer.echo(f"{p.name}\t{p.speech_s:.0f} s of speech\tfrom {p.source}\t{p.created}")


@voice_app.command(
    "delete", help="Delete a stored voiceprint.\n\nExample: twoway voice delete Alex"
)
def delete_command(
    name: Annotated[str, typer.Argument(metavar="NAME", help="The voiceprint's name.")],
) -> None:
    from twoway.audio import voiceprint

    if not voiceprint.delete(name):
        raise UsageError(f"no voiceprint named {name!r} (see: twoway voice list)")
    typer.echo(f"Deleted {name}'s voiceprint.")


def register(app: typer.Typer) -> None:
    app.add_typer(voice_app, name="voice")
