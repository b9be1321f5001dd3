"""Where the store lives and its settings: the URL, the stay-in-touch interval, who "me" is.

Precedence, highest first: the command-line option, the environment (``TWOWAY_DB``,
``TWOWAY_STAY_IN_TOUCH_DAYS``, ``TWOWAY_ME``), ``config.toml`` in the user's config folder
(``db``, ``stay_in_touch_days``, ``me``), the default.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from twoway.errors import UsageError

DEFAULT_STAY_IN_TOUCH_DAYS = 90


def data_dir() -> Path:
    """twoway's data folder: ``$TWOWAY_DATA_DIR`` (``~`` expanded; empty means unset), else the
    user's data folder from ``platformdirs`` (``~/.local/share/twoway`` on Linux,
    ``%LOCALAPPDATA%\\twoway`` on Windows).

    The one answer for everything twoway keeps: the store's ``twoway.db``, the voiceprints and
    the voice encoder (``twoway.audio``), the live meter's consent marker.
    """
    override = os.environ.get("TWOWAY_DATA_DIR")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("twoway", appauthor=False))


def config_path() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir("twoway", appauthor=False)) / "config.toml"


def _config() -> dict[str, Any]:
    path = Path(os.environ["TWOWAY_CONFIG"]) if "TWOWAY_CONFIG" in os.environ else config_path()
    try:
        file = path.open("rb")
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise UsageError(f"{path}: cannot read the configuration ({exc})") from exc
    import tomllib  # only when there is a file: most runs have none

    try:
        with file:
            return tomllib.load(file)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"{path}: cannot read the configuration ({exc})") from exc


def default_url() -> str:
    """The URL when none is given: ``$TWOWAY_DB``, the config's ``db``, or the data folder."""
    url = os.environ.get("TWOWAY_DB") or _config().get("db")
    if url:
        return str(url)
    return str(data_dir() / "twoway.db")


def my_name() -> str | None:
    """Who you are in your conversations, when set: ``$TWOWAY_ME`` or ``me`` in config.toml.

    The web app preselects that speaker on "Who are you?" (before the store's history).
    """
    value = os.environ.get("TWOWAY_ME") or _config().get("me")
    return str(value).strip() or None if value else None


def stay_in_touch_days(option: int | None = None) -> int:
    """The interval of the "stay in touch" follow-up created for each person met."""
    value: Any = option
    source = "--stay-in-touch-days"
    if value is None and os.environ.get("TWOWAY_STAY_IN_TOUCH_DAYS"):
        value, source = os.environ["TWOWAY_STAY_IN_TOUCH_DAYS"], "TWOWAY_STAY_IN_TOUCH_DAYS"
    if value is None:
        value, source = _config().get("stay_in_touch_days"), "stay_in_touch_days in config.toml"
    if value is None:
        return DEFAULT_STAY_IN_TOUCH_DAYS
    try:
        days = int(value)
    except (TypeError, ValueError):
        raise UsageError(f"{source} takes a number of days; got {value!r}") from None
    if days < 1:
        raise UsageError(f"{source} must be at least 1 day; got {days}")
    return days
