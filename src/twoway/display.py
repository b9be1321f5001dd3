"""How twoway shows a value to a person: one format for the report, the web app and the CLI.

Pure: plain strings in and out, no I/O, no markup. A value the source cannot give (talk time
without timestamps, a share with no speech, a conversation with no date) always shows as
:data:`MISSING`, never as ``-``, ``None`` or ``nan``.

>>> percent(0.76875), clock(196.6), clock(3700), plural(3, "question"), day(None)
('77%', '3:17', '1:01:40', '3 questions', '—')
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime as dt

__all__ = ["MISSING", "addressed", "clock", "day", "number", "percent", "plural"]

MISSING = "—"
"""The one mark for a value that is not known (an em dash)."""


def percent(share: float | None) -> str:
    """A share in 0..1 as a whole percentage.

    >>> percent(0.76875), percent(0.0), percent(1.0), percent(None)
    ('77%', '0%', '100%', '—')
    """
    return MISSING if share is None else f"{share:.0%}"


def clock(seconds: float | None) -> str:
    """A time stamp or a length, in seconds, as ``m:ss`` (``h:mm:ss`` from an hour on).

    Rounded to the nearest second; a negative time shows as ``0:00``.

    >>> clock(196.6), clock(59.5), clock(3599.4), clock(3700), clock(-2.0)
    ('3:17', '1:00', '59:59', '1:01:40', '0:00')
    >>> clock(None), clock(float("nan"))
    ('—', '—')
    """
    if seconds is None or math.isnan(seconds):
        return MISSING
    whole = max(0, round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def plural(n: int, noun: str, plural: str | None = None) -> str:
    """A count with its noun: ``"1 question"``, ``"3 questions"``.

    The plural is ``noun + "s"`` unless ``plural`` gives it.

    >>> plural(1, "question"), plural(0, "question"), plural(2, "reply", plural="replies")
    ('1 question', '0 questions', '2 replies')
    """
    if n == 1:
        return f"{n} {noun}"
    return f"{n} {plural if plural is not None else noun + 's'}"


def day(value: dt.date | dt.datetime | None) -> str:
    """A date as ISO ``YYYY-MM-DD``; a date and time shows only its date.

    >>> from datetime import date, datetime
    >>> day(date(2024, 3, 5)), day(datetime(2024, 3, 5, 14, 30)), day(None)
    ('2024-03-05', '2024-03-05', '—')
    """
    # A datetime's ISO form starts with its date's: no need to tell the two apart.
    return MISSING if value is None else value.isoformat()[:10]


def number(value: float | None, digits: int = 0) -> str:
    """A measure with ``digits`` decimals.

    >>> number(138.4), number(2.25, 1), number(None)
    ('138', '2.2', '—')
    """
    return MISSING if value is None else f"{value:.{digits}f}"


def addressed(action: str, name: str) -> str:
    """A promise's ``action``, said to ``name`` ("send you the project"), as its owner writes it
    down for themselves, with the listener's first name instead of "you": "send Marcus the
    project"; "look over your cover letter": "look over Marcus's cover letter".

    >>> addressed("put you in touch with my manager", "Marcus Chen")
    'put Marcus in touch with my manager'
    >>> addressed("look over your cover letter", "James")
    "look over James' cover letter"
    """
    name = name.split()[0] if name.split() else name  # "Marcus Chen": "send Marcus ..."
    possessive = f"{name}'" if name.endswith("s") else f"{name}'s"
    action = re.sub(r"\byours?\b", possessive, action, flags=re.IGNORECASE)
    return re.sub(r"\byou\b", name, action, flags=re.IGNORECASE)
