"""A separate process that saves conversations, for the reliability tests (not a test itself).

    python _saver.py loop URL TURNS          save ever new (and re-save) conversations until killed
    python _saver.py batch URL COUNT START   wait until time START, then save COUNT conversations

Prints ``begin N`` before and ``saved N ID`` after each save, flushed, so the test knows where
a kill landed.
"""

from __future__ import annotations

import os
import sys
import time

import twoway
import twoway.store
from twoway.model import Conversation, Turn


def synthetic(turns: int, tag: str) -> Conversation:
    """A long interview: Dana and Alex alternate, Alex asks a question every tenth turn."""
    items = []
    for i in range(turns):
        speaker = "Dana Lee" if i % 2 == 0 else "Alex Rivera"
        text = (
            f"What has surprised you most about the team, {i}?"
            if i % 10 == 1
            else f"Turn {i} of conversation {tag}: we talked about pipelines and dashboards."
        )
        items.append(Turn(speaker, i * 5.0, i * 5.0 + 4.5, text))
    return Conversation(tuple(items), source=f"synthetic-{tag}.vtt", format="vtt")


def main() -> int:
    mode, url = sys.argv[1], sys.argv[2]
    if mode == "loop":
        turns = int(sys.argv[3])
        base = synthetic(turns, "base")
        analysis = twoway.analyze(base, me="Alex")
        with twoway.store.open(url) as store:
            n = 0
            previous: Conversation | None = None
            while True:
                n += 1
                # Every third save re-saves the previous conversation: the update path
                # (delete and re-insert turns) must be atomic too.
                conv = previous if previous is not None and n % 3 == 0 else None
                if conv is None:
                    conv = synthetic(turns, f"{os.getpid()}-{n}")
                print(f"begin {n}", flush=True)
                result = store.save(conv, analysis, with_people=["Dana Lee"], company="Acme")
                print(f"saved {n} {result.conversation_id}", flush=True)
                previous = conv
    if mode == "batch":
        count, start = int(sys.argv[3]), float(sys.argv[4])
        base = synthetic(50, "base")
        analysis = twoway.analyze(base, me="Alex")
        convs = [synthetic(50, f"{os.getpid()}-{i}") for i in range(count)]
        with twoway.store.open(url) as store:
            time.sleep(max(0.0, start - time.time()))
            for i, conv in enumerate(convs):
                print(f"begin {i}", flush=True)
                result = store.save(conv, analysis, with_people=["Dana Lee"], company="Acme")
                print(f"saved {i} {result.conversation_id}", flush=True)
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
