"""The store's errors: every one is a ``TwowayError``, so the CLI prints it as one line.

::

    TwowayError
    └── StoreError            the database cannot be opened, read or written (carries ``where``)
        ├── DatabaseBusyError     another program kept the database locked past the retry budget
        ├── SchemaTooNewError     the database was written by a newer twoway
        └── NotFoundError         no such person, company, conversation or follow-up
                                  (carries close ``suggestions``, the record ``kind`` and
                                  the ``command`` that lists them)

SQLAlchemy, sqlite3 and psycopg errors are re-raised as one of these with ``from exc``.
"""

from __future__ import annotations

from collections.abc import Sequence

from twoway.errors import TwowayError


class StoreError(TwowayError):
    """The database cannot be opened, read or written. ``where`` is its path or masked URL."""

    def __init__(self, message: str, *, where: str | None = None) -> None:
        super().__init__(f"{where}: {message}" if where else message)
        self.message = message
        self.where = where


class DatabaseBusyError(StoreError):
    """Another program held a lock on the database for longer than the retry budget."""


class SchemaTooNewError(StoreError):
    """The database's schema version is newer than this twoway knows."""


class NotFoundError(StoreError):
    """No such record; ``suggestions`` holds close names, best first.

    ``kind`` is what was looked for (``"person"``, ``"company"``, ``"conversation"``,
    ``"follow-up"``) and ``command`` the CLI command that lists them, added to the message as a
    hint (``no person named 'Zed' (twoway people lists them)``). ``detail`` is the message
    without that hint, for a front end with its own way to list them (the web app's pages).
    """

    def __init__(
        self,
        message: str,
        *,
        suggestions: Sequence[str] = (),
        kind: str | None = None,
        command: str | None = None,
    ) -> None:
        if suggestions:
            message = f"{message}; did you mean: {', '.join(suggestions)}?"
        self.detail = message
        if command:
            message = f"{message} ({command})"
        super().__init__(message)
        self.suggestions = tuple(suggestions)
        self.kind = kind
        self.command = command
