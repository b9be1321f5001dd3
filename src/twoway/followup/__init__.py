"""After the conversation: a thank-you note that shows you listened.

* ``draft_thank_you(conversation, analysis, recipient)``: a short note (120 to 200 words) that
  retells two specific things the recipient said and leaves one question open for next time
  (``ThankYouNote``, with the verbatim quotes in ``citations``).

Pure and deterministic; see ``docs/follow-up.md``.
"""

from twoway.followup.thankyou import Citation, ThankYouNote, draft_thank_you

__all__ = ["Citation", "ThankYouNote", "draft_thank_you"]
