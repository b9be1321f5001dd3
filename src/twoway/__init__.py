"""twoway: coach yourself to treat a job interview as a two-way conversation."""

from twoway.errors import InputError, TwowayError
from twoway.model import Conversation, Turn

__all__ = ["Conversation", "InputError", "Turn", "TwowayError"]
__version__ = "0.1.0"
