"""After the conversation: a thank-you note that shows you listened, and what was promised.

* ``draft_thank_you(conversation, analysis, recipient)``: a short note that quotes what the
  recipient said (verbatim, never anything private) and picks up the promises made
  (``ThankYouNote``, with the quotes in ``citations`` and the promises in ``commitments``);
* ``find_commitments(conversation, me)``: promises, offers and requests, who owes what to whom
  and by when (``Commitment``);
* ``find_hooks(conversation, speaker, me)``: what someone said about their own work, plans,
  challenges and advice, ranked (``Hook``): the material of notes, suggestions and "topics
  they raised";
* ``is_sensitive(text)``: pay, health, family and other details a note must never quote.

Pure and deterministic; see ``docs/follow-up.md``. The modules load on first use, so the
command line's commitments do not import the note writer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from twoway._lazy import lazy_names

if TYPE_CHECKING:
    from twoway.followup.commitments import Commitment, find_commitments
    from twoway.followup.hooks import Hook, find_hooks, topics_raised
    from twoway.followup.sensitive import is_sensitive
    from twoway.followup.thankyou import Citation, ThankYouNote, draft_thank_you

__all__ = [
    "Citation",
    "Commitment",
    "Hook",
    "ThankYouNote",
    "draft_thank_you",
    "find_commitments",
    "find_hooks",
    "is_sensitive",
    "topics_raised",
]

_HOMES = {
    "Citation": "twoway.followup.thankyou",
    "Commitment": "twoway.followup.commitments",
    "Hook": "twoway.followup.hooks",
    "ThankYouNote": "twoway.followup.thankyou",
    "draft_thank_you": "twoway.followup.thankyou",
    "find_commitments": "twoway.followup.commitments",
    "find_hooks": "twoway.followup.hooks",
    "is_sensitive": "twoway.followup.sensitive",
    "topics_raised": "twoway.followup.hooks",
}
__getattr__, __dir__ = lazy_names(__name__, _HOMES)
