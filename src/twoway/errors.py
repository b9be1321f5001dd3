"""Every error twoway raises on purpose.

The tree::

    TwowayError                 anything twoway reports to the user as a one-line error
    ├── InputError              a source that cannot be read; carries ``path`` and ``line``
    │   ├── EncodingError       bytes that are not valid UTF-8 / UTF-16
    │   ├── UnknownFormatError  content that matches no supported format
    │   ├── FormatError         content of a known format that breaks its rules
    │   └── DeviceError         a sound device that cannot be opened or read (``twoway.live``)
    ├── ComposeError            turns a format cannot write (also a ``ValueError``)
    ├── SpeakerError            ``--me`` names nobody in the conversation (carries the speakers)
    ├── UsageError              options that do not fit together or values out of range
    ├── MissingExtraError       an optional dependency is not installed (carries the install hint)
    ├── BatchError              a batch that cannot go on (a bad file is a failed row instead)
    └── StoreError              the database cannot be opened, read or written (``twoway.store``)
        ├── DatabaseBusyError   another program kept the database locked
        ├── SchemaTooNewError   the database was written by a newer twoway
        └── NotFoundError       no such person, company, conversation or follow-up

``DeviceError`` is defined in ``twoway.live.capture`` and the store's errors in
``twoway.store.errors`` (each exported by its package); the rest are here.

Third-party errors (``json``, ``UnicodeDecodeError``, ``OSError``) are re-raised as one of these at
the boundary, with ``from exc``, so callers only ever need ``except TwowayError``.
"""

from __future__ import annotations

from collections.abc import Sequence


class TwowayError(Exception):
    """Base class of every error twoway raises on purpose."""


class InputError(TwowayError):
    """A source that cannot be read.

    ``path`` is the file name as the user gave it (``"-"`` for stdin, ``"<string>"`` for text);
    ``line`` is 1-based, or ``None`` when the problem is not tied to a line.
    ``str(error)`` is ``"PATH:LINE: message"`` (or ``"PATH: message"``).
    """

    def __init__(self, message: str, *, path: str = "<input>", line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"

    def __reduce__(self) -> tuple[object, ...]:
        # Keep the keyword-only fields when errors cross process boundaries (batch workers).
        return (_rebuild_input_error, (type(self), self.message, self.path, self.line))


def _rebuild_input_error(
    cls: type[InputError], message: str, path: str, line: int | None
) -> InputError:
    return cls(message, path=path, line=line)


class EncodingError(InputError):
    """The bytes are not valid text in a supported encoding."""


class UnknownFormatError(InputError):
    """The content matches none of the supported formats."""


class FormatError(InputError):
    """Content of a known format that breaks its rules (a bad timestamp, end before start...)."""


class ComposeError(TwowayError, ValueError):
    """Turns that a format cannot write: no timing for a timed format, or a speaker name the
    format cannot hold (it would read back as something else).

    Also a ``ValueError``, as srt's ``TimestampParseError`` is, so ``except ValueError`` still
    catches it.
    """


class SpeakerError(TwowayError):
    """A speaker name (``--me``) that matches nobody, or more than one speaker."""

    def __init__(self, message: str, *, speakers: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.speakers = tuple(speakers)


class UsageError(TwowayError):
    """Options that do not fit together, or a value out of its range."""


class MissingExtraError(TwowayError):
    """An optional dependency is missing; the message says what to install."""

    def __init__(self, feature: str, extra: str, module: str) -> None:
        super().__init__(
            f"{feature} needs the optional package {module!r}: "
            f"install it with: pip install 'twoway[{extra}]'"
        )
        self.feature = feature
        self.extra = extra
        self.module = module


class BatchError(TwowayError):
    """The batch itself could not go on (not one file: those become failed rows)."""
