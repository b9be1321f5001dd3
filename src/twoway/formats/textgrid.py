"""Praat TextGrid files, long and short text formats: forced aligners (MFA, WebMAUS), batchalign,
fave-asr, and hand annotation in Praat.

::

    File type = "ooTextFile"
    Object class = "TextGrid"
    ...
        item [1]:
            class = "IntervalTier"
            name = "Dana"
            ...
            intervals [2]:
                xmin = 1.25
                xmax = 3.5
                text = "So tell me about the team."

What is read:

* every ``IntervalTier`` is one speaker, named as the tier (``PAR0``, ``SPEAKER_00``);
  empty intervals are silence, and so are the aligners' ``sil``, ``sp``, ``<sil>`` and
  ``<eps>`` labels. ``TextTier`` (point) tiers are ignored;
* aligner tiers: Montreal Forced Aligner names them ``<speaker> - words`` and
  ``<speaker> - phones`` (alignedTextGrid files also ``<speaker> - turns`` and ``IVR-turns``),
  single-speaker MFA output has just ``words`` and ``phones``, which read as one unknown
  speaker. The words tier gives the text; phone tiers are ignored; a turns tier is ignored when
  the speaker has a words tier, because its labels are the speaker's name, not words, and its
  boundaries miss words (in alignedTextGrid's ``KY25A_1_multi`` KY25A's "yeah" at 10.70 s lies
  before that speaker's first turn at 12.90 s);
* word-level tiers (``words`` tiers, or, in a file without them, speaker tiers whose every
  non-empty interval is one token, as batchalign's word-level export) become turns through
  ``words.turns_from_words``; other tiers give one turn per interval; turns are in start order.

The parser reads the file the way Praat does: a stream of numbers, quoted strings (``""`` is a
quote inside one; strings may span lines) and ``<exists>`` flags, with everything else (``xmin
=``, ``item [1]:``) and ``!`` comments skipped, so the long and the short ("ooTextFile short")
formats are one grammar. It is linear in the file and names the line of any fault.

Why not a library: ``praatio`` 6.2 (its ``parseTextgridStr``) fails on valid Praat files: a
time written in exponent notation (``xmax = 5e-05``, as Praat writes tiny times) raises
``ParsingError``; a header without its blank line, or a short-format label containing
``item [``, raises ``IndexError``; and a short-format file without a final newline, or cut
short, silently loses its last interval. ``tgt`` 1.5 raises ``IndexError`` on the Montreal
Forced Aligner sample whose label spans two lines, and ``textgrid`` 1.6 raises ``ValueError``
on both batchalign exports. None reports a line number. On the largest sample
(``KY25A_1_multi``, 34 KB) this reader takes 1.4-1.8 ms to turns, praatio's parser alone
1.1-1.3 ms (best of 7 runs, on a shared 2-core machine).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from twoway.errors import FormatError
from twoway.formats._source import strip_bom
from twoway.formats.words import Word, turns_from_words
from twoway.model import Turn

NAME = "textgrid"

# What Praat reads from a text file: a quoted string (doubled quotes inside), a number-like
# word (one that starts the line or follows white space or "=": not the 1 of "item [1]:"), a
# flag, a lone quote that opens no string (an error), "!" comments to skip, and any other word
# after "= " (a value that is not a number: an error named where it stands). Everything between
# them (xmin =, item [1]:, intervals: size =) is passed over inside the regex engine.
# No alternative can backtrack into what it matched, so a scan is linear in the text.
_TOKEN = re.compile(
    r'"[^"]*(?:""[^"]*)*"|"|![^\n]*|(?<![^\s=])[-+.0-9][^\s"!]*|<exists>|<absent>|(?<== )[^\s"!]+'
)
_FLAGS = frozenset(("<exists>", "<absent>"))

# Labels that aligners write for silence instead of an empty interval.
# Silence labels: aligners (sil, sp, <eps>), and SPPAS ("#" a silence, "+" a short pause,
# "*" noise, "@" laughter, "dummy").
_SILENCE = frozenset(("sil", "sp", "<sil>", "<eps>", "<p:>", "#", "+", "*", "@", "dummy"))
# Tier-name endings (after " - ", "-", "_" or a space, or the whole name) and what they hold.
_WORDS, _PHONES, _TURNS = "words", "phones", "turns"
_KINDS = {
    "words": _WORDS,
    "word": _WORDS,
    "phones": _PHONES,
    "phone": _PHONES,
    "phonemes": _PHONES,
    "phoneme": _PHONES,
    "turns": _TURNS,
    "turn": _TURNS,
    # SPPAS (the automatic annotation tool) names its tiers by layer: the time-aligned tokens are
    # the words, the tokenization is per pause-bounded unit, and the rest is not speech.
    "tokensalign": _WORDS,
    "tokens": _WORDS,
    "tokenization": _TURNS,
    "ipus": _TURNS,
    "phonetization": _PHONES,
    "phonalign": _PHONES,
    "syllables": _PHONES,
    "syllalign": _PHONES,
    "activity": _PHONES,
    "activityduration": _PHONES,
    "metainformation": _PHONES,
    "pitch": _PHONES,
    "momel": _PHONES,
    "intsint": _PHONES,
}


@dataclass
class _Tier:
    name: str
    speaker: str | None
    kind: str | None  # _WORDS, _PHONES, _TURNS or None (one speaker's utterances)
    intervals: list[tuple[float, float, str]] = field(default_factory=list)


class _Tokens:
    """The numbers, strings and flags of a Praat text file, in order, with their offsets."""

    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.path = path
        self._matches = _TOKEN.finditer(text)
        self.offset = 0

    def _next(self, what: str) -> str:
        for match in self._matches:
            token = match.group()
            if token[0] != "!":
                self.offset = match.start()
                return token
        self.offset = len(self.text)
        raise self.error(f"the file ends where {what} should be")

    def string(self, what: str) -> str:
        token = self._next(what)
        if len(token) < 2 or token[0] != '"' or token[-1] != '"':
            raise self.error(f"expected {what} (a quoted string), found {_show(token)}")
        return token[1:-1].replace('""', '"')

    def number(self, what: str) -> float:
        token = self._next(what)
        try:
            value = float(token)
        except ValueError:
            value = math.nan
        if not math.isfinite(value):
            raise self.error(f"expected {what} (a number), found {_show(token)}")
        return value

    def count(self, what: str) -> int:
        value = self.number(what)
        if value < 0 or value != int(value):
            raise self.error(f"expected {what} (a whole number, 0 or more), found {value:g}")
        return int(value)

    def flag(self, what: str) -> str:
        token = self._next(what)
        if token not in _FLAGS:
            raise self.error(f"expected {what} (<exists> or <absent>), found {_show(token)}")
        return token

    def error(self, message: str) -> FormatError:
        line = self.text.count("\n", 0, self.offset) + 1
        return FormatError(message, path=self.path, line=line)


def _show(token: str) -> str:
    return repr(token if len(token) <= 40 else token[:37] + "...")


def parse(
    source: str | Iterable[str], *, path: str = "<string>", notes: list[str] | None = None
) -> Iterator[Turn]:
    """The speech of a TextGrid's interval tiers as turns (see the module docstring)."""
    text = strip_bom(source) if isinstance(source, str) else "".join(source)
    return _parse(text, path, notes if notes is not None else [])


def _parse(text: str, path: str, notes: list[str]) -> Iterator[Turn]:
    tiers = _read_tiers(text, path)
    chosen = _speech_tiers(tiers)
    read = {id(tier) for tier in chosen}
    ignored = [tier.name for tier in tiers if id(tier) not in read]
    if ignored:
        notes.append(
            f"Tiers read: {_names(chosen)}; not read: {_names(ignored)} (phones, turns or points)."
            if chosen
            else f"No interval tier holds speech; not read: {_names(ignored)}."
        )
    word_tiers = [tier for tier in chosen if tier.kind == _WORDS]
    utterance_tiers = [tier for tier in chosen if tier.kind != _WORDS]
    if not word_tiers and _one_token_labels(utterance_tiers):
        word_tiers, utterance_tiers = utterance_tiers, []
    words = sorted(
        (
            Word(tier.speaker, start, end, label)
            for tier in word_tiers
            for start, end, label in tier.intervals
        ),
        key=lambda word: word.start or 0.0,
    )
    turns = list(turns_from_words(words))
    turns += (
        Turn(tier.speaker, start, end, label)
        for tier in utterance_tiers
        for start, end, label in tier.intervals
    )
    turns.sort(key=lambda turn: turn.start or 0.0)
    yield from turns


def _names(items: list[_Tier] | list[str]) -> str:
    names = [item if isinstance(item, str) else item.name for item in items]
    return ", ".join(repr(name) for name in names)


def _read_tiers(text: str, path: str) -> list[_Tier]:
    tokens = _Tokens(text, path)
    file_type = tokens.string("the file type")
    if not file_type.startswith("ooTextFile"):
        raise tokens.error(f'file type {file_type!r}, expected "ooTextFile": not a TextGrid')
    object_class = tokens.string("the object class")
    if object_class.split()[:1] != ["TextGrid"]:
        raise tokens.error(f"a Praat {object_class!r} file, not a TextGrid")
    tokens.number("the start time (xmin)")
    tokens.number("the end time (xmax)")
    if tokens.flag("whether there are tiers") == "<absent>":
        return []
    tiers = []
    for index in range(1, tokens.count("the number of tiers") + 1):
        tiers.append(_read_tier(tokens, index))
    return tiers


def _read_tier(tokens: _Tokens, index: int) -> _Tier:
    tier_class = tokens.string(f"the class of tier {index}")
    name = tokens.string(f"the name of tier {index}")
    where = f"tier {index} {_show(name)}"
    tokens.number(f"the start time of {where}")
    tokens.number(f"the end time of {where}")
    size = tokens.count(f"the number of entries of {where}")
    if tier_class == "TextTier":
        for point in range(1, size + 1):
            tokens.number(f"the time of point {point} of {where}")
            tokens.string(f"the mark of point {point} of {where}")
        return _Tier(name, None, "points")
    if tier_class != "IntervalTier":
        raise tokens.error(f"{where}: class {tier_class!r}, expected IntervalTier or TextTier")
    speaker, kind = _speaker_and_kind(name)
    tier = _Tier(name, speaker, kind)
    for interval in range(1, size + 1):
        start = tokens.number(f"the start of interval {interval} of {where}")
        end = tokens.number(f"the end of interval {interval} of {where}")
        label = tokens.string(f"the text of interval {interval} of {where}")
        if end < start:
            raise tokens.error(f"interval {interval} of {where} ends ({end:g}) before it starts")
        label = " ".join(label.split())
        if label and label.lower() not in _SILENCE:
            tier.intervals.append((start, end, label))
    return tier


def _speaker_and_kind(name: str) -> tuple[str | None, str | None]:
    """``("KY25A", "words")`` for ``"KY25A - words"``; ``(None, "words")`` for ``"words"``.

    >>> _speaker_and_kind("IVR-turns"), _speaker_and_kind("michael")
    (('IVR', 'turns'), ('michael', None))
    """
    lowered = name.strip().lower()
    for ending, kind in _KINDS.items():
        if lowered == ending:
            return None, kind
        if lowered.endswith(ending) and lowered[-len(ending) - 1] in " -_":
            return name.strip()[: -len(ending)].rstrip(" -_") or None, kind
    return name, None


def _speech_tiers(tiers: list[_Tier]) -> list[_Tier]:
    """Per speaker, the tiers that hold what was said: its words tier if it has one."""
    with_words = {tier.speaker for tier in tiers if tier.kind == _WORDS}
    return [
        tier
        for tier in tiers
        if tier.kind == _WORDS or (tier.kind in (None, _TURNS) and tier.speaker not in with_words)
    ]


def _one_token_labels(tiers: list[_Tier]) -> bool:
    """Every label one token, more than one label: batchalign's word-level export."""
    labels = [label for tier in tiers for _, _, label in tier.intervals]
    return len(labels) > 1 and not any(" " in label for label in labels)
