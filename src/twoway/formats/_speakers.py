"""Who spoke a caption cue: voice spans, ``Name:`` prefixes, and speakers named only on change.

Shared by the WebVTT and SRT readers (and the ``Name:`` test by the plain-text reader).

A ``Name: text`` prefix is ambiguous: Zoom and Otter write speakers that way, but captions also
say ``Note: the office moved``. Two rules keep ordinary speech from becoming a speaker:

* the prefix must look like a name (``looks_like_name``): 1-5 words, at most 40 characters,
  starting with a capital letter, every word capitalized (or a digit, a parenthesis such as
  ``(she/her)``, or a particle such as ``van`` or ``de``), only letters, digits, spaces and
  ``. ' ’ - _ ( ) / &`` - so no ``? ! , ;``;
* the file as a whole must use prefixes: at least two cues have one, or every cue has one, or the
  file also has explicit speakers (``<v Name>`` voice spans, ``[SPEAKER_00]:`` brackets). A lone
  ``Note:`` in a file that otherwise names nobody stays text.

Once a file names speakers, a cue without a name continues the previous speaker (podcast
transcripts name a speaker only when it changes); cues before the first name stay unknown.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator

from twoway.model import Turn

_NAME_CHARS = frozenset(" .'’-_()/&")
_PARTICLES = frozenset("al bin da de del della der des di du el la le van von y zu".split())
_MAX_NAME_CHARS = 40
_MAX_NAME_WORDS = 5

# Tags: <v Name>, </v>, <c.yellow>, <i>, <00:00:01.000>, <font color="red">; a lone "<" in
# speech ("I <3 it") is not a tag because a letter, slash or digit must follow it.
TAG_RE = re.compile(r"<(?:/?[A-Za-z][^<>]*|\d[\d:.]*)>")
SRT_TAG_RE = re.compile(r"</?(?:[ibu]|font|v)(?:[ \t.][^<>]*)?>", re.IGNORECASE)
VOICE_RE = re.compile(r"<v(?:\.[^\s>]*)?[ \t]+([^>]*)>")
# ASS/SSA override blocks that some SRT writers leave in: {\an8}, {\i1}.
ASS_RE = re.compile(r"\{\\[^{}]*\}")

_name_cache: dict[str, str | None] = {}


def looks_like_name(prefix: str) -> bool:
    """Whether the text before a ``:`` reads as a speaker's name (see the module docstring).

    >>> [looks_like_name(p) for p in ("Dr. Melissa Ko", "SPEAKER_00", "Speaker 1", "so here's")]
    [True, True, True, False]
    """
    if not 0 < len(prefix) <= _MAX_NAME_CHARS or not prefix[0].isalpha():
        return False
    if not prefix[0].isupper():
        return False
    words = prefix.split()
    if len(words) > _MAX_NAME_WORDS:
        return False
    for char in prefix:
        if not (char.isalnum() or char in _NAME_CHARS):
            return False
    for word in words[1:]:
        first = word[0]
        if not (first.isupper() or first.isdigit() or first == "(" or word in _PARTICLES):
            return False
    return True


def split_name_prefix(text: str) -> tuple[str | None, str]:
    """``("Dana", "Hello")`` for ``"Dana: Hello"``; ``(None, text)`` when there is no name prefix.

    The colon must be followed by a space or the end of the text (``10:30`` and ``http://`` are
    not prefixes). Names are interned: a long file repeats the same few names many times.
    """
    colon = text.find(":", 1, _MAX_NAME_CHARS + 1)
    if colon < 0 or (colon + 1 < len(text) and not text[colon + 1].isspace()):
        return None, text
    prefix = text[:colon]
    try:
        name = _name_cache[prefix]
    except KeyError:
        stripped = prefix.strip()
        name = sys.intern(stripped) if looks_like_name(stripped) else None
        if len(_name_cache) < 10_000:
            _name_cache[prefix] = name
    if name is None:
        return None, text
    return name, text[colon + 1 :].strip()


def split_bracket_speaker(text: str) -> tuple[str | None, str]:
    """``("SPEAKER_00", "Hi")`` for WhisperX's ``"[SPEAKER_00]: Hi"``; else ``(None, text)``."""
    close = text.find("]:", 1, _MAX_NAME_CHARS + 2)
    if not text.startswith("[") or close < 0:
        return None, text
    name = text[1:close].strip()
    if not name or "[" in name or "]" in name:
        return None, text
    return sys.intern(name), text[close + 2 :].strip()


# A held cue: start, end, text as written, explicit speaker, candidate prefix name, text after it.
_Held = tuple[float, float, str, str | None, str | None, str]


class CueSpeakers:
    """Assigns speakers to the cues of one file, in order, as ``Turn``s.

    Until the file shows that it names speakers (two prefixed cues, or one explicit speaker),
    cues are held back, because a lone ``Note:`` must stay text; after that every cue becomes a
    ``Turn`` at once, so a long file streams. ``finish`` releases whatever is still held.
    """

    def __init__(self) -> None:
        self.decided = False
        self._held: list[_Held] = []
        self._prefixed = 0
        self._current: str | None = None
        self.inherited = 0
        self.leading_unknown = 0
        self.rejected_prefix: str | None = None

    def hold(self, start: float, end: float, text: str, explicit: str | None) -> list[Turn] | None:
        """Keep a cue back while undecided; returns every held cue as turns once decided."""
        name, rest = (None, text) if explicit is not None else split_name_prefix(text)
        self._held.append((start, end, text, explicit, name, rest))
        if explicit is not None:
            self.decided = True
        elif name is not None:
            self._prefixed += 1
            self.decided = self._prefixed >= 2
        if not self.decided:
            return None
        return self._release(accept=True)

    def turn(self, start: float, end: float, text: str, explicit: str | None) -> Turn:
        """The turn for a cue once the file is known to name speakers."""
        if explicit is None:
            name, text = split_name_prefix(text)
            if name is None:
                if self._current is None:
                    self.leading_unknown += 1
                else:
                    self.inherited += 1
                return Turn(self._current, start, end, text)
            explicit = name
        self._current = explicit
        return Turn(explicit, start, end, text)

    def finish(self) -> list[Turn]:
        """Turns for cues still held at the end of the file."""
        if self.decided:
            return []
        accept = self._prefixed > 0 and self._prefixed == len(self._held)
        if not accept and self._prefixed:
            self.rejected_prefix = next(h[4] for h in self._held if h[4] is not None)
        return self._release(accept=accept)

    def _release(self, *, accept: bool) -> list[Turn]:
        held, self._held = self._held, []
        if not accept:
            return [Turn(None, start, end, text) for start, end, text, _, _, _ in held]
        turns = []
        for start, end, _text, explicit, name, rest in held:
            speaker = explicit or name
            if speaker is not None:
                self._current = speaker
            elif self._current is None:
                self.leading_unknown += 1
            else:
                self.inherited += 1
            turns.append(Turn(self._current, start, end, rest))
        return turns

    def notes(self) -> Iterator[str]:
        """Sentences telling the user what the speaker rules did to this file."""
        if self.inherited:
            were = "was" if self.inherited == 1 else "were"
            yield (
                f"Speakers are named only when they change: {plural(self.inherited, 'cue')} "
                f"without a name {were} given to the speaker before."
            )
        if self.leading_unknown and self._current is not None:
            yield (
                "The first cue comes before any speaker is named; its speaker is unknown."
                if self.leading_unknown == 1
                else f"The first {self.leading_unknown} cues come before any speaker is named; "
                "their speaker is unknown."
            )
        if self.rejected_prefix is not None:
            yield (
                f"One cue starts with {self.rejected_prefix!r} and a colon, but no other cue "
                "names a speaker, so it was read as speech."
            )


def plural(count: int, word: str) -> str:
    """``"1 cue"``, ``"3 cues"``."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def clean_payload(text: str, *, webvtt: bool = True) -> tuple[str | None, str]:
    """The voice-span speaker (if any) and the plain words of a cue payload.

    Tags are dropped, HTML entities decoded (``&amp;`` ``&lt;`` ``&gt;`` ``&nbsp;``...) and a
    no-break space becomes a plain space. SRT has no escapes, so there only its few formatting
    tags (``<i> <b> <u> <font> <v>``) are dropped and ``&`` is left alone: ``a <b> c`` in speech
    is lost either way, ``x <y`` is not. Each step is skipped when its trigger character is
    absent, which is the common case and keeps the caption readers fast.
    """
    voice: str | None = None
    if "<" in text:
        if "<v" in text:
            match = VOICE_RE.search(text)
            if match is not None:
                voice = sys.intern(match.group(1).strip()) or None
        text = (TAG_RE if webvtt else SRT_TAG_RE).sub("", text)
    if "{\\" in text:
        text = ASS_RE.sub("", text)
    if webvtt and "&" in text:
        from html import unescape  # rare; html.entities is big

        text = unescape(text)
    if "\xa0" in text:
        text = text.replace("\xa0", " ")
    return voice, text.strip()
