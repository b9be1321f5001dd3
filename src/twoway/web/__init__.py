"""``twoway serve``: the local web app (FastAPI, server-rendered pages, plain forms).

Upload a transcript, say which speaker you are, read the report, save it to the history, and
browse people, conversations, follow-ups and progress from the same store the CLI uses; plan
questions for an upcoming interview. See ``docs/web.md`` for the pages and the security model.

Importing this package is cheap: ``Settings`` is a plain dataclass; FastAPI, Starlette and
Jinja2 load only in ``twoway.web.app`` (the ``web`` extra).

>>> Settings(host="0.0.0.0").needs_token
True
"""

from twoway.web.settings import Settings, is_loopback

__all__ = ["Settings", "is_loopback"]
