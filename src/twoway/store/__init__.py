"""The local history of conversations and the people met (``twoway.store.open``).

Importing this package is cheap: the records are plain dataclasses and SQLAlchemy is imported
only when a store is opened.

>>> from twoway.store import ProgressPoint  # no database involved
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from twoway._lazy import lazy_names
from twoway.store.errors import DatabaseBusyError, NotFoundError, SchemaTooNewError, StoreError
from twoway.store.records import (
    Answer,
    CompanyDetail,
    CompanySummary,
    ConversationSummary,
    DbInfo,
    Followup,
    Note,
    PersonDeleted,
    PersonDetail,
    PersonSummary,
    ProgressPoint,
    SaveResult,
    StoredConversation,
)

if TYPE_CHECKING:
    from twoway.store.store import Store

__all__ = [
    "Answer",
    "CompanyDetail",
    "CompanySummary",
    "ConversationSummary",
    "DatabaseBusyError",
    "DbInfo",
    "Followup",
    "NotFoundError",
    "Note",
    "PersonDeleted",
    "PersonDetail",
    "PersonSummary",
    "ProgressPoint",
    "SaveResult",
    "SchemaTooNewError",
    "Store",
    "StoreError",
    "StoredConversation",
    "open",
]


def open(url: str | None = None) -> Store:
    """Open (creating or migrating as needed) the store at ``url``.

    ``url`` is a SQLAlchemy URL (``sqlite:///path``, ``postgresql+psycopg://...``) or a plain
    file path; ``None`` means ``$TWOWAY_DB`` or ``twoway.db`` in the user's data folder.
    Use it as a context manager::

        with twoway.store.open() as store:
            store.people()
    """
    from twoway.store.store import Store

    return Store.open(url)


__getattr__, __dir__ = lazy_names(__name__, {"Store": "twoway.store.store"})
