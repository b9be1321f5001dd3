"""The readers on real public files in ../shared/data (skipped when that folder is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from twoway.formats import load
from twoway.model import Turn

ZOOM = "vtt/zoom_revgizmo_GMT20240124-202901_Recording.transcript.vtt"
PODCAST_VTT = "vtt/podcastindex_example_full_04e99c5.vtt"


def test_zoom_recording(shared_dir: Path) -> None:
    conv = load(shared_dir / ZOOM)
    assert len(conv.turns) == 102
    assert conv.speakers == (
        "Srijani Ghosh",
        "Conor Healy",
        "Dr. Melissa Ko",
        "Shreeharsh Kelkar",
        "Ryan Sloan",
    )
    assert conv.turns[0] == Turn("Srijani Ghosh", 0.05, 1.79, "Hi!")
    # Cue 48 is a bare "Hmm." between two cues of Conor Healy's.
    hmm = conv.turns[47]
    assert (hmm.start, hmm.end, hmm.text) == (307.3, 307.98, "Hmm.")
    assert hmm.speaker == conv.turns[46].speaker == "Conor Healy"
    assert conv.speakers_known


def test_podcast_vtt_mixes_voice_spans_and_a_bare_prefix(shared_dir: Path) -> None:
    conv = load(shared_dir / PODCAST_VTT)
    assert len(conv.turns) == 222
    assert set(conv.speakers) == {"Travis", "Sarah", "Gilon"}
    assert conv.turns[0] == Turn(
        "Travis", 0.179, 2.399, "When you first get started in podcasting, it's"
    )
    gilon = [t for t in conv.turns if t.text and t.text.startswith("So is there an ideal")]
    assert [(t.speaker, t.start) for t in gilon] == [("Gilon", 219.36)]
    assert conv.speakers_known


def test_podcast_srt_matches_the_vtt(shared_dir: Path) -> None:
    from_srt = load(shared_dir / "vtt" / "podcastindex_HEAD_example.srt")
    from_vtt = load(shared_dir / PODCAST_VTT)
    assert from_srt.format == "srt"
    assert [t.speaker for t in from_srt.turns] == [t.speaker for t in from_vtt.turns]


def test_podcast_json_is_word_level(shared_dir: Path) -> None:
    conv = load(shared_dir / "vtt" / "podcastindex_HEAD_example.json")
    assert conv.format == "podcast-json"
    assert conv.turns == (
        Turn("Darth Vader", 0.5, 2.5, "I am your father."),
        Turn("Luke", 2.75, 3.0, "Nooooo"),
    )


@pytest.mark.parametrize("name", ["akthc", "bkwns", "blwmj", "cobal", "crixb", "djngn"])
def test_voxconverse_rttm(shared_dir: Path, name: str) -> None:
    path = shared_dir / "rttm" / f"{name}.rttm"
    lines = [line.split() for line in path.read_text().splitlines() if line.strip()]
    conv = load(path)
    assert conv.format == "rttm"
    assert len(conv.turns) == len(lines)
    assert set(conv.speakers) == {fields[7] for fields in lines}
    assert all(t.text is None for t in conv.turns)
    starts = [t.start for t in conv.turns]
    assert starts == sorted(starts)


def test_bkwns_by_hand(shared_dir: Path) -> None:
    conv = load(shared_dir / "rttm" / "bkwns.rttm")
    assert [(t.speaker, t.start, t.end) for t in conv.turns] == [
        ("spk01", 0.2, 0.2 + 45.32),
        ("spk00", 45.6, 45.6 + 2.48),
        ("spk01", 48.16, 48.16 + 0.8),
    ]
