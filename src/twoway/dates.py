"""Dates as people type them, and "today" with a pin for reproducible docs and tests.

Shared by the command line and the web app; the store itself takes days as arguments and never
reads the clock.
"""

from __future__ import annotations

import datetime as dt
import os
import re

from twoway.errors import UsageError

_RELATIVE = {"today": 0, "yesterday": -1, "tomorrow": 1}


def today() -> dt.date:
    """Today's date, or ``$TWOWAY_TODAY`` (YYYY-MM-DD) when set.

    The override pins "today" for reproducible documentation and tests (what is due, what is
    overdue).
    """
    pinned = os.environ.get("TWOWAY_TODAY")
    if pinned:
        try:
            return dt.date.fromisoformat(pinned)
        except ValueError:
            raise UsageError(f"TWOWAY_TODAY must be YYYY-MM-DD; got {pinned!r}") from None
    return dt.date.today()


def parse_date(value: str, option: str = "--date", *, base: dt.date | None = None) -> dt.date:
    """``YYYY-MM-DD``, or today / yesterday / tomorrow, or ``+N`` days from today.

    >>> parse_date("2026-11-20")
    datetime.date(2026, 11, 20)
    """
    text = value.strip().casefold()
    base = base or today()
    if text in _RELATIVE:
        return base + dt.timedelta(days=_RELATIVE[text])
    plus = re.fullmatch(r"\+(\d{1,4})d?", text)
    if plus:
        return base + dt.timedelta(days=int(plus.group(1)))
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"{option} takes a date as YYYY-MM-DD (or today, yesterday, tomorrow, +N days); "
            f"got {value!r}"
        ) from None
