"""During the conversation: a live two-way meter (docs/live.md).

The core is pure and incremental: ``activity.SpeechGate`` decides, per 10 ms frame, who speaks
(the per-track bleed rule, run on the past only) and ``meter.Meter`` keeps the running talk
share, the current floor against the monologue limit, turn-taking and the user's questions.
``session.LiveSession`` is the streaming pipeline every front end shares: ``push`` samples from
any capture (a file paced in real time, a microphone, the system's output, a browser's
WebSocket), ``view`` the meter, ``finish`` for the whole conversation as ``twoway analyze``
reads it. ``capture`` and ``display`` are the terminal's adapters.
"""

from __future__ import annotations

from twoway.live._final import Words
from twoway.live.capture import DeviceError
from twoway.live.meter import Meter, MeterView, Question
from twoway.live.session import LiveSession, Source

__all__ = ["DeviceError", "LiveSession", "Meter", "MeterView", "Question", "Source", "Words"]
