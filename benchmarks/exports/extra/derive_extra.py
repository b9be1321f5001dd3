"""The extra public samples' readers for ``derive_expected.py --extra`` (no twoway imports).

Each entry maps a file under ``benchmarks/exports/extra/`` to short code that reads it; the
rules (words, talk, shares, duration) are ``derive_expected``'s. Sources: ``SOURCES.md``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from derive_expected import (  # type: ignore[import-not-found]
    Reading,
    Seg,
    _json,
    read_assemblyai_json,
    read_speechmatics,
)


def read_aws_classic(path: Path) -> Reading:
    """Classic Transcribe ``jobName``/``results``: pronunciation items, speakers by start time."""
    results = _json(path)["results"]
    speaker_at: dict[str, str] = {}
    for segment in results.get("speaker_labels", {}).get("segments", []):
        for item in segment["items"]:
            speaker_at[item["start_time"]] = item["speaker_label"]
    segs = [
        Seg(
            item.get("speaker_label", speaker_at.get(item["start_time"])),
            float(item["start_time"]),
            float(item["end_time"]),
            item["alternatives"][0]["content"],
        )
        for item in results["items"]
        if item["type"] == "pronunciation"
    ]
    return Reading(
        segs,
        "undecided",
        "results.items[] pronunciations (seconds as strings); "
        "speaker per word from speaker_labels.segments[].items by start_time",
    )


def read_revai(path: Path) -> Reading:
    """Rev.ai ``monologues[]``: timed ``text`` elements; ``punct`` elements carry no time."""
    segs = [
        Seg(str(m["speaker"]), e["ts"], e["end_ts"], e["value"])
        for m in _json(path)["monologues"]
        for e in m["elements"]
        if e["type"] == "text"
    ]
    return Reading(
        segs,
        "undecided",
        "monologues[].elements[] of type text (ts/end_ts seconds); "
        "integer speaker 0: 'Speaker 0' or '0' accepted; two monologues, same speaker",
    )


FILES: dict[str, Callable[[Path], Reading]] = {
    "rev-ai/revai_python_sdk_transcript.json": read_revai,
    "aws-transcribe/tscribe_test_sample.json": read_aws_classic,
    "speechmatics/speechmatics_python_batch_job_transcript.json": read_speechmatics,
    "assemblyai/deepgram_captions_assemblyai_utterances.json": read_assemblyai_json,
}
