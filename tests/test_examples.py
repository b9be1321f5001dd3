"""The bundled examples through ``twoway analyze --json``, against an independent computation.

Each test re-reads the raw example file with a few lines of its own (regular expressions or the
json module, not twoway's readers) and computes talk time and words per speaker straight from the
definitions in docs/metrics.md: union of intervals, words by the documented pattern.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from twoway.cli import main

EXAMPLES = Path(__file__).parents[1] / "examples"
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
TIMING = re.compile(r"(\d+):(\d\d):(\d\d)\.(\d\d\d) --> (\d+):(\d\d):(\d\d)\.(\d\d\d)")


def seconds(h: str, m: str, s: str, ms: str) -> float:
    return int(h) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000


def union(spans: list[tuple[float, float]]) -> float:
    total, cur_start, cur_end = 0.0, None, 0.0
    for start, end in sorted(spans):
        if cur_start is None or start > cur_end:
            if cur_start is not None:
                total += cur_end - cur_start
            cur_start, cur_end = start, end
        else:
            cur_end = max(cur_end, end)
    return total + (cur_end - cur_start if cur_start is not None else 0.0)


def analyze_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    assert main(["analyze", *args, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, dict)
    return data


def vtt_cues(path: Path, payload: re.Pattern[str]) -> list[tuple[str, float, float, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    cues = []
    for i, line in enumerate(lines):
        timing = TIMING.match(line)
        if timing:
            match = payload.match(lines[i + 1])
            assert match, lines[i + 1]
            g = timing.groups()
            cues.append((match["name"], seconds(*g[:4]), seconds(*g[4:]), match["text"]))
    return cues


def check(data: dict[str, object], cues: list[tuple[str, float, float, str]]) -> None:
    speakers = {s["name"]: s for s in data["speakers"]}  # type: ignore[attr-defined]
    names = {c[0] for c in cues}
    assert set(speakers) == names
    talk = {n: union([(c[1], c[2]) for c in cues if c[0] == n]) for n in names}
    words = {n: sum(len(WORD.findall(c[3])) for c in cues if c[0] == n) for n in names}
    for name in names:
        assert speakers[name]["talk_s"] == pytest.approx(talk[name], abs=0.001)
        assert speakers[name]["talk_share"] == pytest.approx(
            talk[name] / sum(talk.values()), abs=0.001
        )
        assert speakers[name]["words"] == words[name]
    assert data["duration_s"] == pytest.approx(
        max(c[2] for c in cues) - min(c[1] for c in cues), abs=0.001
    )


def test_zoom_monologue_interview(capsys: pytest.CaptureFixture[str]) -> None:
    path = EXAMPLES / "monologue_interview.vtt"
    data = analyze_json(capsys, str(path), "--me", "Alex")
    check(data, vtt_cues(path, re.compile(r"(?P<name>[^:]+): (?P<text>.*)")))
    alex = next(s for s in data["speakers"] if s["is_me"])  # type: ignore[attr-defined]
    assert alex["talk_share"] > 0.7
    assert alex["longest_monologue_s"] > 180  # the long answer, across Dana's "mm-hmm"s
    assert data["questioning"]["asked"] <= 1  # type: ignore[index]
    assert data["feedback"][0]["code"] in {"share_high", "no_questions", "monologue"}  # type: ignore[index]


def test_teams_balanced_interview(capsys: pytest.CaptureFixture[str]) -> None:
    path = EXAMPLES / "balanced_interview.vtt"
    data = analyze_json(capsys, str(path), "--me", "Priya")
    check(data, vtt_cues(path, re.compile(r"<v (?P<name>[^>]+)>(?P<text>.*)</v>")))
    assert data["monologues"] == []
    assert data["questioning"]["asked"] >= 5  # type: ignore[index]
    assert data["score"]["total"] >= 85  # type: ignore[index]


def test_whisperx_panel_interview(capsys: pytest.CaptureFixture[str]) -> None:
    path = EXAMPLES / "panel_interview.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    cues = [
        (s.get("speaker", "(unknown)"), s["start"], s["end"], s["text"]) for s in raw["segments"]
    ]
    data = analyze_json(capsys, str(path), "--me", "SPEAKER_02")
    check(data, cues)
    assert data["interruptions"] >= 1


def test_plain_text_coffee_chat(capsys: pytest.CaptureFixture[str]) -> None:
    path = EXAMPLES / "coffee_chat.txt"
    starts = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\[(\d+):(\d\d):(\d\d)\] (?P<name>[^:]+): (?P<text>.*)", line)
        if m:
            starts.append((m["name"], seconds(m[1], m[2], m[3], "0"), m["text"]))
    # Start times only (docs/formats.md): a line ends when its words could have been said
    # (words / 2.5 seconds, at least 1 s), or 0.1 s before the next starts if that comes first.
    cues = []
    for i, (name, start, text) in enumerate(starts):
        end = start + max(1.0, len(WORD.findall(text)) / 2.5)
        if i + 1 < len(starts):
            end = min(end, max(start, starts[i + 1][1] - 0.1))
        cues.append((name, start, round(end, 3), text))
    data = analyze_json(capsys, str(path), "--me", "Jordan", "--mode", "networking")
    check(data, cues)
    jordan = next(s for s in data["speakers"] if s["is_me"])  # type: ignore[attr-defined]
    assert 0.10 <= jordan["talk_share"] <= 0.30  # on target for networking
    assert data["questioning"]["about_them"] >= 2  # type: ignore[index]
