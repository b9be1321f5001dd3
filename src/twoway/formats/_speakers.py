"""Who spoke: ``Name:`` prefixes judged with evidence from the whole file, voice spans, and
speakers named only when they change.

Shared by the WebVTT and SRT readers (``CueSpeakers``) and the plain-text reader
(``PrefixEvidence``).

A ``Name: text`` prefix is ambiguous. Zoom writes every cue as ``Display Name: text``, and a display
name is whatever the person typed (``potuz``, ``sam patel``, ``Jordan Lee | Brightwell Health``,
``Agrawal, Mayurika``, ``张伟``); but captions also say ``Note: the office moved`` and ``So here's
the thing: it broke``. No test of the prefix alone can tell these apart, so the rule has two parts.

**1. What the prefix looks like** (``prefix_kind``). The prefix is the text before the first colon,
if that colon is within the first 65 characters and followed by a space or the end of the text
(``10:30`` and ``https://`` are not prefixes; a full-width ``：`` needs no space). It is

* ``CASED`` (a name as written): at most 64 characters and 6 words, only letters of any script,
  digits, spaces, combining marks, emoji and ``. ' ’ - – _ ( ) [ ] / & | , @ + # ·``, at least
  one letter, and every word capitalized: its first letter is upper case or from a script without
  case, or the word is a digit, a particle (``van``, ``de``...), inside brackets (``(tbenr)``,
  ``[External]``, ``(Guest)``) or after a ``|`` (an affiliation). ``Dr. Melissa Ko``,
  ``SPEAKER_00``, ``Saulius Grigaitis | Grandine``, ``Agrawal, Mayurika``, ``Note``;
* ``UNCASED``: the same characters, at most 5 words, not capitalized, and no word from a short
  list of English function words (``the``, ``so``, ``here's``, ``and``...): ``potuz``, ``kev``,
  ``sam patel``, ``Anand sharma``;
* ``PHRASE``: the same characters, at most 8 words, otherwise: ``So here's the thing``,
  ``And then, honestly``;
* not a prefix at all: longer, or with ``? ! ; "`` or other punctuation, or no letter.

**2. What the file shows** (``PrefixEvidence``), counted over the cues (captions) or paragraph
starts (text) that do not already name a speaker another way:

* if **most** of them (more than half) start with a ``CASED`` or ``UNCASED`` prefix, the file
  is written that way (Zoom): every ``CASED`` and ``UNCASED`` prefix is a name, even one seen
  once, and a ``PHRASE`` prefix is a name when it recurs;
* otherwise an ``UNCASED`` prefix is a name only if it **recurs** (two cues or more), and a
  ``CASED`` one if the file shows that it names speakers at all: two cues with a ``CASED``
  prefix, a recurring ``UNCASED`` one, or any explicit speaker (a voice span ``<v Name>``,
  WhisperX's ``[SPEAKER_00]:``, an Otter, Teams or Rev header, a timestamped line);
* anything else is speech. A lone ``Note:`` in captions that otherwise name nobody stays text.
  The known limit: two cues starting ``Note:`` in a file that names nobody make ``Note`` a name.

Once a file names speakers, a cue without a name continues the previous speaker (podcasts name a
speaker only when it changes); cues before the first name stay unknown. The notes say how many
cues were given to the speaker before, separately for cues with no prefix and cues whose prefix
was not taken for a name (quoting it), so a person's speech is never credited to someone else
without saying so.

Deciding needs the whole file, so ``CueSpeakers`` keeps every cue until the end (as compact
tuples that the turns then reuse) and names them in ``finish``.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator

from twoway.display import plural
from twoway.model import Turn

# Prefix kinds.
NOT_A_PREFIX, CASED, UNCASED, PHRASE = 0, 1, 2, 3
_EXPLICIT = 4  # a voice span or bracket speaker, not a prefix

MAX_PREFIX_CHARS = 64
_MAX_CASED_WORDS = 6
_MAX_UNCASED_WORDS = 5
_MAX_PHRASE_WORDS = 8
_NAME_PUNCTUATION = frozenset(" .'’-–_()[]/&|,@+#·\u200d")
_OPENERS = "([{\"'@#"
_PARTICLES = frozenset(
    "al bin bint da dal de del della der des di do dos du el la le van von y zu".split()
)
# Words that make a lower-case prefix read as speech ("so here's the thing:"), not as a name.
_FUNCTION_WORDS = frozenset(
    """a about actually after all also am an and answer anyway are as at basically be because
    been before but by can could did do does example finally first for from had has have he
    here here's hey hi how i i'd i'll i'm i've if in into is it it's its just let let's like
    maybe me my no not note now of oh ok okay on or our question really second she so step
    summary than thanks that that's the their then there there's these they this those to
    too uh um was we we're well were what what's when where which who why will with would
    yeah yes you you're your""".split()
)

# Tags: <v Name>, </v>, <c.yellow>, <i>, <00:00:01.000>, <font color="red">; a lone "<" in
# speech ("I <3 it") is not a tag because a letter, slash or digit must follow it.
TAG_RE = re.compile(r"<(?:/?[A-Za-z][^<>]*|\d[\d:.]*)>")
SRT_TAG_RE = re.compile(r"</?(?:[ibu]|font|v)(?:[ \t.][^<>]*)?>", re.IGNORECASE)
# ASS/SSA override blocks that some SRT writers leave in: {\an8}, {\i1}.
ASS_RE = re.compile(r"\{\\[^{}]*\}")

_kind_cache: dict[str, tuple[str, int]] = {}


def prefix_kind(prefix: str) -> int:
    """``CASED``, ``UNCASED``, ``PHRASE`` or ``NOT_A_PREFIX`` for the stripped text before a colon.

    >>> [prefix_kind(p) for p in ("Jordan Lee | Brightwell Health", "potuz", "so here's", "Why?")]
    [1, 2, 3, 0]
    """
    if not 0 < len(prefix) <= MAX_PREFIX_CHARS:
        return NOT_A_PREFIX
    letters = False
    for char in prefix:
        if char.isalpha():
            letters = True
        elif not (char.isdigit() or char in _NAME_PUNCTUATION):
            import unicodedata  # only for prefixes with marks, emoji or other symbols

            category = unicodedata.category(char)
            # Combining marks (Devanagari vowel signs, emoji variation selectors), emoji, spaces.
            if category[0] != "M" and category not in ("So", "Sk", "Zs", "Nl", "No"):
                return NOT_A_PREFIX
    if not letters:
        return NOT_A_PREFIX
    words = [word for word in prefix.split() if any(char.isalnum() for char in word)]
    if len(words) > _MAX_PHRASE_WORDS:
        return NOT_A_PREFIX
    if len(words) <= _MAX_CASED_WORDS and _capitalized(prefix):
        return CASED
    if len(words) <= _MAX_UNCASED_WORDS and not any(
        word.strip(".,'’()[]").lower() in _FUNCTION_WORDS for word in words
    ):
        return UNCASED
    return PHRASE


def _capitalized(prefix: str) -> bool:
    """Every word of ``prefix`` starts upper case (see the module docstring for the exceptions)."""
    depth = 0
    after_pipe = False
    first = True
    for word in prefix.split():
        core = word.lstrip(_OPENERS)
        exempt = depth > 0 or after_pipe or word[:1] in "(["
        depth += word.count("(") + word.count("[") - word.count(")") - word.count("]")
        if word == "|" or "|" in word:
            after_pipe = True
        initial = core[:1]
        if not initial or not initial.isalpha():
            continue  # a digit, an emoji, a separator
        if initial.islower() and not exempt and (first or core.lower() not in _PARTICLES):
            return False
        first = False
    return True


def looks_like_name(prefix: str) -> bool:
    """Whether the text before a ``:`` reads as a capitalized speaker's name (``CASED``).

    >>> [looks_like_name(p) for p in ("Dr. Melissa Ko", "SPEAKER_00", "Speaker 1", "so here's")]
    [True, True, True, False]
    """
    return prefix_kind(prefix) == CASED


def split_prefix(text: str) -> tuple[str, int, int] | None:
    """The prefix of ``"Name: words"``, its kind, and where the words start; ``None`` if none.

    >>> split_prefix("sam patel: hi there")
    ('sam patel', 2, 10)
    """
    colon = text.find(":", 1, MAX_PREFIX_CHARS + 1)
    wide = text.find("：", 1, MAX_PREFIX_CHARS + 1)
    if wide > 0 and (colon < 0 or wide < colon):
        colon = wide
    elif colon < 0 or (colon + 1 < len(text) and not text[colon + 1].isspace()):
        return None
    raw = text[:colon]
    try:
        name, kind = _kind_cache[raw]
    except KeyError:
        name = raw.strip()
        kind = prefix_kind(name)
        name = sys.intern(name)
        if len(_kind_cache) < 10_000:
            _kind_cache[raw] = (name, kind)
    if kind == NOT_A_PREFIX:
        return None
    return name, kind, colon + 1


def split_name_prefix(text: str) -> tuple[str | None, str]:
    """``("Dana", "Hello")`` for ``"Dana: Hello"``: a ``CASED`` prefix only, without file evidence.

    ``(None, text)`` when there is no such prefix.
    """
    found = split_prefix(text)
    if found is None or found[1] != CASED:
        return None, text
    return found[0], text[found[2] :].strip()


def split_bracket_speaker(text: str) -> tuple[str | None, str]:
    """``("SPEAKER_00", "Hi")`` for WhisperX's ``"[SPEAKER_00]: Hi"``; else ``(None, text)``."""
    close = text.find("]:", 1, MAX_PREFIX_CHARS + 2)
    if not text.startswith("[") or close < 0:
        return None, text
    name = text[1:close].strip()
    if not name or "[" in name or "]" in name:
        return None, text
    return sys.intern(name), text[close + 2 :].strip()


class PrefixEvidence:
    """Counts of prefixes over a file's units (cues, paragraphs), and which are names.

    ``see`` each unit that does not name its speaker another way; ``explicit`` counts the ones
    that do (voice spans, headers). ``accepted`` applies the rule in the module docstring.

    >>> evidence = PrefixEvidence()
    >>> for prefix, kind in [("potuz", UNCASED), ("Justin Traglia", CASED), (None, NOT_A_PREFIX)]:
    ...     evidence.see(prefix, kind)
    >>> sorted(evidence.accepted())
    ['Justin Traglia', 'potuz']
    """

    def __init__(self) -> None:
        self.units = 0
        self.explicit = 0
        self.counts: dict[str, int] = {}
        self.kinds: dict[str, int] = {}

    def see(self, prefix: str | None, kind: int) -> None:
        self.units += 1
        if prefix is not None:
            self.counts[prefix] = self.counts.get(prefix, 0) + 1
            self.kinds[prefix] = kind

    def majority(self) -> bool:
        """More than half of the units start with a ``CASED`` or ``UNCASED`` prefix."""
        named = sum(n for p, n in self.counts.items() if self.kinds[p] != PHRASE)
        return named * 2 > self.units > 0

    def accepted(self) -> frozenset[str]:
        if self.majority():
            return frozenset(p for p, n in self.counts.items() if self.kinds[p] != PHRASE or n >= 2)
        recurring = {p for p, n in self.counts.items() if self.kinds[p] == UNCASED and n >= 2}
        cased = sum(n for p, n in self.counts.items() if self.kinds[p] == CASED)
        names_shown = self.explicit > 0 or cased >= 2 or bool(recurring)
        if names_shown:
            recurring |= {p for p, kind in self.kinds.items() if kind == CASED}
        return frozenset(recurring)

    def rejected_names(self, accepted: frozenset[str]) -> list[str]:
        """Name-like prefixes (not phrases) that the rule did not take, in first-seen order."""
        return [p for p, kind in self.kinds.items() if kind != PHRASE and p not in accepted]


def quote_prefixes(prefixes: list[str], limit: int = 3) -> str:
    """``'a', 'b' and 'c'`` (at most ``limit``, then ``...``)."""
    shown = [f"'{p}'" for p in prefixes[:limit]]
    if len(prefixes) > limit:
        return ", ".join(shown) + ", ..."
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


class CueSpeakers:
    """Assigns speakers to the cues of one file, in order, as ``Turn``s.

    ``hold`` keeps each cue (the rule needs the whole file); ``finish`` decides which prefixes are
    names and yields the turns; ``notes`` then tells what was assumed. ``decided`` and ``turn``
    are kept for the cue state machine, which streams once ``decided`` is true: it never is.

    A held cue is ``(start, end, words after the prefix, label)``: four slots, the same memory
    size as the ``Turn`` made from it, which then reuses that memory. The label is -1 or an index
    into the labels: an explicit speaker, or the exact text of a prefix up to the words
    (``"Dana: "``, so a rejected prefix is put back as it was).
    """

    def __init__(self) -> None:
        self.decided = False
        self._held: list[tuple[float, float, str, int] | None] = []
        # Per label: the speaker name, its kind (EXPLICIT for a voice span), the prefix as written.
        self._labels: list[tuple[str, int, str]] = []
        self._counts: list[int] = []
        self._by_head: dict[str, int] = {}  # the exact prefix and blank space -> label
        self._by_key: dict[str, int] = {}  # the fast path's key -> label, or -1: no prefix
        self._by_voice: dict[str, int] = {}
        self._current: str | None = None
        self._evidence = PrefixEvidence()
        self.inherited = 0
        self.inherited_after_prefix = 0
        self.leading_unknown = 0
        self._rejected_in_speech: list[str] = []
        self._rejected_unnamed: list[str] = []
        self.rejected_prefix: str | None = None

    def hold(self, start: float, end: float, text: str, explicit: str | None) -> list[Turn] | None:
        """Keep a cue until ``finish`` (always ``None``: nothing is decided before the end)."""
        if explicit is not None:
            code = self._by_voice.get(explicit)
            if code is None:
                code = self._by_voice[explicit] = self._new_label(explicit, _EXPLICIT, "")
        else:
            colon = text.find(":", 1, MAX_PREFIX_CHARS + 1)
            if colon < 0:
                code = -1 if text.find("：", 1, MAX_PREFIX_CHARS + 1) < 0 else self._label_of(text)
            else:
                # Fast path: a cue's start up to the colon and the character after it ("Dana:
                # ") is looked up as written; a colon at the very end gets its own key.
                key = text[: colon + 2] if colon + 1 < len(text) else text + "\n"
                code = self._by_key.get(key, -2)
                if code == -2:
                    code = self._label_of(text)
                    if code >= 0 or len(self._by_key) < 10_000:
                        self._by_key[key] = code
                if code >= 0:
                    head = self._labels[code][2]
                    if not text.startswith(head) or text[len(head) : len(head) + 1].isspace():
                        code = self._label_of(text)  # the same name, other blank space after it
            if code < 0:
                self._held.append((start, end, text, -1))
                return None
            text = text[len(self._labels[code][2]) :]
        self._held.append((start, end, text, code))
        self._counts[code] += 1
        return None

    def _label_of(self, text: str) -> int:
        """The label of the prefix of ``text`` exactly as written up to its words; -1 if none."""
        found = split_prefix(text)
        if found is None:
            return -1
        name, kind, offset = found
        words = text[offset:].lstrip()
        head = text[: len(text) - len(words)]
        code = self._by_head.get(head)
        if code is None:
            code = self._by_head[head] = self._new_label(name, kind, head)
        return code

    def _new_label(self, name: str, kind: int, head: str) -> int:
        self._labels.append((name, kind, head))
        self._counts.append(0)
        return len(self._labels) - 1

    def turn(self, start: float, end: float, text: str, explicit: str | None) -> Turn:
        """The turn for one cue by itself: an explicit speaker or a ``CASED`` prefix."""
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

    def _decide(self) -> list[bool]:
        """Whether each label names the speaker of its cues (see the module docstring)."""
        evidence = self._evidence
        evidence.units = len(self._held)
        for (name, kind, _), count in zip(self._labels, self._counts, strict=True):
            if kind == _EXPLICIT:
                evidence.explicit += count
            else:
                evidence.counts[name] = evidence.counts.get(name, 0) + count
                evidence.kinds[name] = kind
        evidence.units -= evidence.explicit
        accepted = evidence.accepted()
        if not accepted and not evidence.explicit:
            self._rejected_unnamed = evidence.rejected_names(accepted)
            if self._rejected_unnamed:
                self.rejected_prefix = self._rejected_unnamed[0]
        return [kind == _EXPLICIT or name in accepted for name, kind, _ in self._labels]

    def finish(self) -> Iterator[Turn]:
        """The turns of every held cue, in order, with the prefix rule applied."""
        take = self._decide()
        held, labels = self._held, self._labels
        self._held = []
        rejected_seen: dict[str, None] = {}
        current = self._current
        for i in range(len(held)):
            cue = held[i]
            held[i] = None  # the turn reuses the memory
            assert cue is not None
            code = cue[3]
            if code >= 0:
                if take[code]:
                    current = labels[code][0]
                    yield Turn(current, cue[0], cue[1], cue[2])
                    continue
                name, _, head = labels[code]
                cue = (cue[0], cue[1], head + cue[2], code)
                if current is not None:
                    self.inherited_after_prefix += 1
                    rejected_seen.setdefault(name, None)
                    yield Turn(current, cue[0], cue[1], cue[2])
                    continue
            if current is None:
                self.leading_unknown += 1
            else:
                self.inherited += 1
            yield Turn(current, cue[0], cue[1], cue[2])
        self._current = current
        self._rejected_in_speech = list(rejected_seen)

    def notes(self) -> Iterator[str]:
        """Sentences telling the user what the speaker rules did to this file."""
        if self.inherited:
            were = "was" if self.inherited == 1 else "were"
            yield (
                f"Speakers are named only when they change: {plural(self.inherited, 'cue')} "
                f"without a name {were} given to the speaker before."
            )
        if self.inherited_after_prefix:
            count = self.inherited_after_prefix
            starts = "starts" if count == 1 else "start"
            yield (
                f"{plural(count, 'cue')} {starts} with words and a colon that were not taken "
                f"for a name ({quote_prefixes(self._rejected_in_speech)}) and "
                f"{'was' if count == 1 else 'were'} given to the speaker before."
            )
        if self.leading_unknown and self._current is not None:
            yield (
                "The first cue comes before any speaker is named; its speaker is unknown."
                if self.leading_unknown == 1
                else f"The first {self.leading_unknown} cues come before any speaker is named; "
                "their speaker is unknown."
            )
        yield from _unnamed_notes(self._rejected_unnamed, self._evidence, "cue")


def _unnamed_notes(rejected: list[str], evidence: PrefixEvidence, unit: str) -> Iterator[str]:
    """The note for name-like prefixes in a file that, as a whole, names nobody."""
    if not rejected:
        return
    count = sum(evidence.counts[p] for p in rejected)
    if count == 1:
        yield (
            f"One {unit} starts with '{rejected[0]}' and a colon, but no other {unit} names a "
            "speaker, so it was read as speech."
        )
    else:
        yield (
            f"{plural(count, unit)} start with a name-like word and a colon "
            f"({quote_prefixes(rejected)}), but each appears once and most {unit}s have none, "
            "so they were read as speech."
        )


def unnamed_notes(rejected: list[str], evidence: PrefixEvidence, unit: str) -> list[str]:
    """``_unnamed_notes`` as a list, for the plain-text reader (``unit`` is ``"line"``)."""
    return list(_unnamed_notes(rejected, evidence, unit))
