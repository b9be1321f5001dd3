"""The one-time reminder about consent, shown before the first live session."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

REMINDER = (
    "Before you use twoway live on a call: in many places, recording or monitoring a "
    "conversation needs the other person's consent; check the rules where you and they are. "
    "The meter keeps no audio (unless you pass --keep-audio) and sends nothing anywhere. "
    "This reminder is shown once."
)
MARKER = "live-consent-reminded"


def marker_path() -> Path:
    from twoway.store.config import data_dir

    return data_dir() / MARKER


def remind_once(write: Callable[[str], None]) -> bool:
    """Show ``REMINDER`` through ``write`` unless it was shown before; True when shown.

    A marker file in twoway's data folder remembers it; when the folder cannot be written the
    reminder is shown every time rather than never.
    """
    path = marker_path()
    if path.exists():
        return False
    write(REMINDER)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("shown\n", encoding="utf-8")
    except OSError:
        pass
    return True
