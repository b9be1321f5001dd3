"""The "Commitments" section of a report: who owes what to whom, by when, in whose words.

The core analysis does not look for commitments (it stays pure and the same for every caller);
the command line and the web app find them (``twoway.followup.find_commitments``) and hand
them to the renderers as ``CommitmentView``s, made here, the way ``--suggest`` adds its
suggestions. A view knows who "me" is (so it can say "You owe Sam", "Sam owes you") and the
conversation's date (so "by Friday" is also a day, ``twoway.followup_dates``).

This module imports nothing from ``twoway.followup`` at run time: any object with the
``Commitment`` attributes will do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from twoway.display import addressed
from twoway.followup_dates import due_date

if TYPE_CHECKING:
    from twoway.followup import Commitment

__all__ = ["CommitmentView", "commitment_views"]


@dataclass(frozen=True, slots=True)
class CommitmentView:
    """One commitment as a report shows it.

    ``owes`` says who owes whom ("You owe Sam Okafor", "Sam Okafor owes you", "Sam owes Jo"
    when it is not known which speaker you are); ``mine`` is ``True`` when you owe it,
    ``False`` when it is owed to you, ``None`` when "me" is unknown or not a party to it;
    ``action`` is in the owner's voice, addressed to the other ("send you the project");
    ``due`` the phrase as said, ``due_date`` the day it was read as (``None``: no day said).
    """

    by: str
    to: str | None
    mine: bool | None
    owes: str
    action: str
    due: str | None
    due_date: dt.date | None
    kind: str
    verb: str
    quote: str
    said_by: str
    start_s: float | None
    reply: str | None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (the ``commitments`` items of docs/json-schema.md)."""
        return {
            "by": self.by,
            "to": self.to,
            "mine": self.mine,
            "owes": self.owes,
            "action": self.action,
            "due": self.due,
            "due_date": None if self.due_date is None else self.due_date.isoformat(),
            "kind": self.kind,
            "verb": self.verb,
            "quote": self.quote,
            "said_by": self.said_by,
            "start_s": None if self.start_s is None else round(self.start_s, 3),
            "reply": self.reply,
        }


def commitment_views(
    commitments: Iterable[Commitment], me: str | None, said_on: dt.date | None
) -> tuple[CommitmentView, ...]:
    """``commitments`` (as ``find_commitments(conversation, me)`` gives them) as report rows.

    ``said_on`` is the day of the conversation; ``None`` leaves every ``due_date`` empty.

    >>> from twoway.model import Conversation, Turn
    >>> from twoway.followup import find_commitments
    >>> talk = Conversation((Turn("Sam", 0.0, 4.0, "I'll introduce you to Omar by Friday."),
    ...                      Turn("Jo", 4.0, 6.0, "Thank you!")))
    >>> [view] = commitment_views(find_commitments(talk, "Jo"), "Jo", dt.date(2026, 12, 9))
    >>> view.owes, view.action, str(view.due_date)
    ('Sam owes you', 'introduce you to Omar by Friday', '2026-12-11')
    """
    views: list[CommitmentView] = []
    for c in commitments:
        mine: bool | None = None
        if me is not None and c.by == me:
            mine = True
        elif me is not None and c.to == me:
            mine = False
        views.append(
            CommitmentView(
                by=c.by,
                to=c.to,
                mine=mine,
                owes=_owes(c.by, c.to, mine),
                action=_for_reader(c.action, c.to, mine),
                due=c.due,
                due_date=None if said_on is None else due_date(c.due, said_on),
                kind=c.kind,
                verb=c.verb,
                quote=c.quote,
                said_by=c.said_by,
                start_s=c.start_s,
                reply=c.reply,
            )
        )
    return tuple(views)


def _for_reader(action: str, to: str | None, mine: bool | None) -> str:
    """My own promise names whom it is to ("send Marcus the project"): under "You owe
    Marcus", "send you the project" would read as owed to me."""
    if not mine or not to:
        return action
    return addressed(action, to)


def _owes(by: str, to: str | None, mine: bool | None) -> str:
    if mine is True:
        return f"You owe {to}" if to else "You owe it"
    if mine is False:
        return f"{by} owes you"
    return f"{by} owes {to}" if to else f"{by} owes it"


def due_words(view: CommitmentView) -> str:
    """The due as a report cell: "by Friday (2026-12-11)", "when it opens", or "no day said"."""
    if view.due is None:
        return "no day said"
    if view.due_date is None:
        return view.due
    return f"{view.due} ({view.due_date.isoformat()})"


def due_label(view: CommitmentView) -> str:
    """The due in a sentence: "due by Friday (2026-12-11)", "due when it opens", "no day said"."""
    return "no day said" if view.due is None else f"due {due_words(view)}"
