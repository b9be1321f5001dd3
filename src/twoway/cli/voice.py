"""``twoway voice``: store, list and delete voiceprints, so recordings recognize you by voice."""

from __future__ import annotations

from typing import Annotated

import typer

from twoway.errors import InputError, UsageError

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
    me: Annotated[str, typer.Option("--me", help="Your name, as the reports should show it.")],
) -> None:
    import numpy as np

    from twoway.audio import voiceprint
    from twoway.audio._cli import progress_bar
    from twoway.audio._pipeline import _analyze_file, _require_diarize
    from twoway.audio.diarize import embed_partials, level_mels, mean_embedding
    from twoway.audio.features import FRAME_S
    from twoway.audio.vad import speech_mask

    _require_diarize("voiceprints")
    with progress_bar() as progress:
        features = _analyze_file(file, "auto", True, mono=True, progress=progress, label=file)[0]
    mask = speech_mask(features.speech_prob, FRAME_S)
    speech_s = float(mask.sum()) * FRAME_S
    if speech_s < voiceprint.MIN_ENROLL_SPEECH_S:
        raise InputError(
            f"only {speech_s:.1f} s of speech; a voiceprint needs at least "
            f"{voiceprint.MIN_ENROLL_SPEECH_S:g} s (20 s or more is best)",
            path=file,
        )
    assert features.mels is not None
    mels = level_mels(features.mels, features.energy_db, mask)[mask]
    partials, _ = embed_partials(mels)
    embedding = mean_embedding(partials).astype(np.float32)
    path = voiceprint.save(me, embedding, source=file, speech_s=speech_s)
    advice = "" if speech_s >= 20 else " (under 20 s: enroll a longer sample for surer matches)"
    typer.echo(f"Stored {me}'s voiceprint from {speech_s:.0f} s of speech: {path}{advice}")


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
