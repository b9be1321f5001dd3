"""Screenshots for the docs, taken from a real ``twoway serve`` and real pages in Chromium.

Starts the server on a free loopback port with a fresh store, walks the flow a person would
(upload the monologue example, pick Alex, save it with Dana Lee; then the second round; then
Priya's interview), and writes into docs/screenshots/:

* web-report.png, web-people.png: the web app's report page and a person's page (1200 px);
* followups.png, followups-phone.png: the follow-ups page at 1280 and 390 px;
* report.png, report-phone.png: the HTML report (``twoway analyze --html``) of the balanced
  interview at 1280 px and of the monologue at 390 px;
* cohort.png, cohort-phone.png: the ``twoway cohort`` page of a small made-up cohort (four
  students, three weekly mock interviews each, two networking chats) at 1280 and 390 px;
* live-page.png: the Live page (400 px) beside a call window at the monologue nudge, from a
  call played in real time (``live_demo``: real voices from ``../shared/data``; about 75 s).

Usage: python scripts/screenshots.py [--chromium /usr/bin/chromium] [--out docs/screenshots]
       [--live-only]

Needs the web and batch extras, the ``playwright`` package and Debian's chromium
(scripts/setup/chromium.sh); it never downloads a browser. tests/web/test_browser.py uses the
helpers below (``serve``, ``launch``, ``analyze_and_save``, ``demo_cohort``) for the same walk,
and tests/web/test_live_*.py the Live page's demo conversation (``live_demo``).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CHROMIUM = "/usr/bin/chromium"
# As root, Chromium's sandbox cannot start; nothing else it would do in the background is wanted.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MAX_PNG_BYTES = 400 * 1024
PHONE, DESKTOP = 390, 1280  # CSS pixels: a common phone, a laptop


def chromium_path() -> str | None:
    """``$TWOWAY_CHROMIUM``, else Debian's chromium, when it exists."""
    for candidate in (os.environ.get("TWOWAY_CHROMIUM"), DEFAULT_CHROMIUM):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Server:
    url: str
    process: subprocess.Popen[str]
    log: Path


@contextlib.contextmanager
def serve(
    db: Path, *, env: dict[str, str] | None = None, timeout_s: float = 30
) -> Iterator[Server]:
    """``twoway serve`` on a free loopback port with the store ``db``; stopped on exit."""
    port = free_port()
    log = db.with_suffix(".log")
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "twoway", "serve", "--port", str(port), "--db", str(db)],
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, **(env or {})},
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"twoway serve exited: {log.read_text()}")
            try:
                with urllib.request.urlopen(url + "/static/twoway.css", timeout=2):
                    break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"twoway serve did not start: {log.read_text()}") from None
                time.sleep(0.2)
        yield Server(url, process, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def launch(playwright: Any, executable: str, extra_args: list[str] | None = None) -> Any:
    return playwright.chromium.launch(
        executable_path=executable, args=[*LAUNCH_ARGS, *(extra_args or [])], headless=True
    )


@dataclass
class Shown:
    """What the report page showed for "me"."""

    share: str  # "78%"
    share_value: float  # the unrounded share behind it (its data-value)
    questions: int
    conversation_url: str


def analyze_and_save(
    page: Any,
    base: str,
    transcript: Path,
    me: str,
    *,
    mode: str = "interview",
    person: str | None = None,
    company: str = "",
    role: str = "",
    date: str = "",
    before_save: Any = None,
) -> Shown:
    """Upload ``transcript``, pick ``me``, read the figures, save it; the conversation page."""
    page.goto(base + "/")
    page.set_input_files("#transcript", str(transcript))
    page.check(f'input[name="mode"][value="{mode}"]')
    page.click("form.card button[type=submit]")
    page.wait_for_url("**/uploads/*")
    page.check(f'input[name="me"][value="{me}"]')
    page.click("form.card button[type=submit]")
    page.wait_for_url("**/report?*")
    share = page.inner_text("#my-share").strip()
    share_value = float(page.get_attribute("#my-share", "data-value") or "nan")
    questions = int(page.inner_text("#my-questions").strip())
    if person is not None:
        page.fill("#person", person)
    page.fill("#company", company)
    page.fill("#role", role)
    if date:
        page.fill("#date", date)
    if before_save is not None:
        before_save(page)
    page.click(".save-form button[type=submit]")
    page.wait_for_url("**/conversations/*")
    return Shown(share, share_value, questions, page.url)


def _shrink(path: Path) -> None:
    """256 colours (the pages are flat colours and text): a third of the size, no visible loss."""
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256)
    small.save(path, optimize=True)


def _png(page: Any, path: Path, *, full_page: bool) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=full_page)
    _shrink(path)
    if full_page and path.stat().st_size > MAX_PNG_BYTES:
        page.screenshot(path=str(path), full_page=False)
        _shrink(path)
    size = path.stat().st_size
    if size > MAX_PNG_BYTES:
        raise SystemExit(f"{path}: {size} bytes, over {MAX_PNG_BYTES}")
    print(f"wrote {path} ({size // 1024} KB)")


def at_width(browser: Any, width: int, height: int = 900) -> Any:
    """A new page ``width`` CSS pixels wide (a context of its own: no state carried over)."""
    return browser.new_context(viewport={"width": width, "height": height}).new_page()


# -- the cohort page ----------------------------------------------------------------------

# (student, week (-chat: a networking chat that week), my cues per answer, their cues per
# question, my questions): one who starts by monologuing and learns to ask, one who slips, one
# steady, one who joined late.
COHORT_PLAN = (
    ("Alex Kim", "week1", 5, 1, 0),
    ("Alex Kim", "week2", 3, 2, 2),
    ("Alex Kim", "week3", 2, 2, 4),
    ("Sam Patel", "week1", 2, 2, 3),
    ("Sam Patel", "week2", 3, 1, 1),
    ("Sam Patel", "week3", 6, 1, 0),
    ("Jo Chen", "week1", 2, 2, 3),
    ("Jo Chen", "week2", 2, 2, 4),
    ("Jo Chen", "week3", 2, 2, 3),
    ("Ria Novak", "week2", 4, 1, 1),
    ("Ria Novak", "week3", 3, 2, 2),
    ("Alex Kim", "week2-chat", 1, 4, 5),
    ("Jo Chen", "week3-chat", 1, 3, 6),
)  # fmt: skip


def _clock(seconds: float) -> str:
    """``75.5`` -> ``00:01:15.500`` (a WebVTT time)."""
    millis = round(seconds * 1000)
    hours, minutes = millis // 3_600_000, millis // 60_000 % 60
    return f"{hours:02d}:{minutes:02d}:{millis // 1000 % 60:02d}.{millis % 1000:03d}"


def cohort_transcript(me: str, them: str, mine: int, theirs: int, questions: int, seed: int) -> str:
    """A Zoom-style VTT: six rounds of their question and my answer, then my questions."""
    rng = random.Random(seed)
    lines, clock, n = ["WEBVTT", ""], 0.0, 0

    def cue(who: str, words: str, seconds: float) -> None:
        nonlocal clock, n
        n += 1
        lines.extend(
            [str(n), f"{_clock(clock)} --> {_clock(clock + seconds)}", f"{who}: {words}", ""]
        )
        clock += seconds + 0.5

    for i in range(6):
        for _ in range(theirs):
            cue(
                them,
                f"Tell me about project {i + 1} and what you learned from it.",
                4 + rng.random(),
            )
        for _ in range(mine):
            cue(
                me,
                "I built the pipeline with the team and we shipped it on time.",
                5 + rng.random(),
            )
    asks = (
        "What does a typical day look like for the team?",
        "How do you decide what to build next?",
        "What have you enjoyed most about working here?",
        "How did you get into this field?",
        "What would success look like in six months?",
        "Who else would you suggest I talk to?",
    )
    for q in range(questions):
        cue(me, asks[q % len(asks)], 3.0)
        cue(them, "Mostly focused work, and a design review on Thursdays with the whole team.", 6.0)
    return "\n".join(lines) + "\n"


def demo_cohort(folder: Path) -> Path:
    """Write the cohort's transcripts under ``folder`` and its ``cohort.csv`` --me-map."""
    rows = ["path,me,mode"]
    for seed, (me, when, mine, theirs, questions) in enumerate(COHORT_PLAN):
        week, _, chat = when.partition("-")
        mode = "networking" if chat else "interview"
        name = f"{week}/{me.split()[0].lower()}{'-coffee-chat' if chat else ''}.vtt"
        (folder / week).mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(
            cohort_transcript(me, "Dana Lee", mine, theirs, questions, seed), encoding="utf-8"
        )
        rows.append(f"{name},{me},{mode}")
    (folder / "cohort.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder / "cohort.csv"


def cohort_page(folder: Path) -> Path:
    """``twoway batch`` and ``twoway cohort`` on :func:`demo_cohort`, run in ``folder`` with
    relative paths (as a coach would): the page's path."""
    folder.mkdir(parents=True, exist_ok=True)
    demo_cohort(folder / "transcripts")
    twoway = [sys.executable, "-m", "twoway"]
    subprocess.run(
        [*twoway, "batch", "--me-map", "transcripts/cohort.csv", "-o", "results.csv", "-j", "1",
         "--analyses", "analyses.jsonl"],
        check=True, capture_output=True, cwd=folder,
    )  # fmt: skip
    (folder / "site").mkdir()
    subprocess.run(
        [*twoway, "cohort", "results.csv", "--html", "site/cohort.html",
         "--title", "Cohort: spring term", "--reports", "site/reports",
         "--analyses", "analyses.jsonl"],
        check=True, capture_output=True, cwd=folder,
    )  # fmt: skip
    return folder / "site" / "cohort.html"


def report_page(folder: Path, transcript: Path, me: str) -> Path:
    """The HTML report of ``transcript`` as ``twoway analyze --html`` writes it."""
    import twoway
    from twoway.report.html import render_html

    conversation = twoway.load(str(transcript))
    # Titled as `twoway analyze examples/NAME --html` titles it from the project folder.
    shown = transcript.relative_to(ROOT) if transcript.is_relative_to(ROOT) else transcript
    conversation = dataclasses.replace(conversation, source=str(shown))
    target = folder / f"{transcript.stem}.html"
    target.write_text(render_html(twoway.analyze(conversation, me=me), conversation), "utf-8")
    return target


# -- the Live page's demo conversation ---------------------------------------------------------

VOICES = ROOT.parent / "shared" / "data" / "voices" / "speakers"
LIVE_RATE = 16_000
ALEX, DANA = "2609", "1998"  # LibriSpeech speakers (a man, a woman) in ../shared/data/voices
ALEX_ENROLL = (3, 9, 0, 1)  # Alex's utterances for the voiceprint: none is in a conversation
# (speaker, LibriSpeech utterance indexes, pause after the turn): Dana opens, Alex holds the
# floor for over a minute (the networking limit is 60 s; in this order its 60th second falls
# inside a stretch of speech, not in a pause), then they take turns.
LONG_TALK = (
    ("Dana", (2,), 0.7),
    ("Alex", (7, 2, 4, 8, 6), 0.5),
    ("Dana", (4,), 0.6),
    ("Alex", (5,), 0.6),
    ("Dana", (6,), 4.0),
)
SHORT_TALK = (
    ("Dana", (1,), 0.7),
    ("Alex", (2,), 0.6),
    ("Dana", (3,), 0.8),
    ("Alex", (6,), 0.5),
    ("Dana", (5,), 0.6),
    ("Alex", (5,), 4.0),
)


@dataclass(frozen=True)
class LiveDemo:
    """A recorded two-voice conversation for the Live page: one WAV per person (a call: the
    microphone hears Alex, the shared tab Dana) and the two mixed (in person, one microphone).

    Real read speech from ``../shared/data/voices`` (LibriSpeech 2609 as Alex, 1998 as Dana),
    each utterance without its lead-in and tail of silence, 0.3 s between the utterances of one
    turn; 3 s of silence first (the capture starts before the page listens). Times in seconds.
    """

    mixed: Path
    tracks: dict[str, Path]
    duration_s: float
    turns: tuple[tuple[str, float, float], ...]
    """(speaker, start_s, end_s) of each turn."""
    me: str = "Alex"
    them: str = "Dana"
    mode: str = "networking"

    @property
    def longest(self) -> tuple[float, float]:
        """Alex's longest turn: (start_s, end_s)."""
        mine = [(start, end) for who, start, end in self.turns if who == self.me]
        return max(mine, key=lambda span: span[1] - span[0])


def _speech_only(samples: Any, floor_db: float = 40.0) -> Any:
    """``samples`` from the first to the last 10 ms frame within ``floor_db`` of the loudest."""
    import numpy as np

    hop = LIVE_RATE // 100
    frames = samples[: len(samples) // hop * hop].reshape(-1, hop)
    level = 10 * np.log10(np.maximum((frames**2).mean(axis=1), 1e-12))
    loud = np.flatnonzero(level > level.max() - floor_db)
    return samples[loud[0] * hop : (loud[-1] + 1) * hop]


def _write_wav(path: Path, samples: Any) -> Path:
    import wave

    import numpy as np

    pcm = (np.clip(samples, -1.0, 1.0) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(LIVE_RATE)
        out.writeframes(pcm.tobytes())
    return path


def _utterances(speaker: str, picks: tuple[int, ...]) -> list[Any]:
    from twoway.audio.decode import read_all

    if not VOICES.is_dir():
        raise SystemExit(f"{VOICES} is not there (../shared/data)")
    files = sorted((VOICES / f"librispeech-{speaker}").glob("*.flac"))
    return [_speech_only(read_all(str(files[i]), mono=True)[0]) for i in picks]


def live_demo(
    folder: Path, plan: tuple[tuple[str, tuple[int, ...], float], ...] = LONG_TALK
) -> LiveDemo:
    """Write the conversation of ``plan`` under ``folder``: ``alex.wav``, ``dana.wav`` and
    ``conversation.wav`` (both mixed, as one microphone in the room hears them)."""
    import numpy as np

    folder.mkdir(parents=True, exist_ok=True)
    speakers = {"Alex": ALEX, "Dana": DANA}
    placed: list[tuple[str, int, Any]] = []
    turns: list[tuple[str, float, float]] = []
    at = 3 * LIVE_RATE
    for who, picks, pause_s in plan:
        start = at
        for n, piece in enumerate(_utterances(speakers[who], picks)):
            at += round(0.3 * LIVE_RATE) if n else 0
            placed.append((who, at, piece))
            at += len(piece)
        turns.append((who, start / LIVE_RATE, at / LIVE_RATE))
        at += round(pause_s * LIVE_RATE)
    tracks = {who: np.zeros(at, np.float32) for who in speakers}
    for who, offset, piece in placed:
        tracks[who][offset : offset + len(piece)] += piece * np.float32(0.5)
    paths = {who: _write_wav(folder / f"{who.lower()}.wav", track) for who, track in tracks.items()}
    mixed = _write_wav(folder / "conversation.wav", tracks["Alex"] + tracks["Dana"])
    return LiveDemo(mixed, paths, at / LIVE_RATE, tuple(turns))


def enroll_alex(folder: Path) -> Path:
    """A data folder (``TWOWAY_DATA_DIR``) with Alex's voiceprint, made by ``twoway voice
    enroll`` from four utterances that are in no conversation."""
    import numpy as np

    pause = np.zeros(LIVE_RATE // 2, np.float32)
    sample = np.concatenate([x for u in _utterances(ALEX, ALEX_ENROLL) for x in (u, pause)])
    wav = _write_wav(folder / "alex-enroll.wav", sample * np.float32(0.5))
    data_dir = folder / "data"
    subprocess.run(
        [sys.executable, "-m", "twoway", "voice", "enroll", "--me", "Alex", str(wav)],
        check=True, capture_output=True, env={**os.environ, "TWOWAY_DATA_DIR": str(data_dir)},
    )  # fmt: skip
    return data_dir


def fake_tab_script(track: Path) -> str:
    """A Playwright init script standing in for the browser's tab picker: getDisplayMedia gives
    a stream playing ``track`` (a 16-bit mono WAV) from the moment it is called, as a shared
    tab's audio would; ``window.twowayTab`` keeps it (to end its track in a test)."""
    import base64
    import wave

    with wave.open(str(track), "rb") as source:
        rate = source.getframerate()
        pcm = base64.b64encode(source.readframes(source.getnframes())).decode("ascii")
    return (
        "navigator.mediaDevices.getDisplayMedia = async () => {"
        f" const bytes = Uint8Array.from(atob('{pcm}'), (c) => c.charCodeAt(0));"
        " const pcm = new Int16Array(bytes.buffer);"
        " const context = new AudioContext();"
        f" const buffer = context.createBuffer(1, pcm.length, {rate});"
        " const samples = buffer.getChannelData(0);"
        " for (let i = 0; i < pcm.length; i++) samples[i] = pcm[i] / 32768;"
        " const source = context.createBufferSource();"
        " source.buffer = buffer;"
        " const out = context.createMediaStreamDestination();"
        " source.connect(out);"
        " source.start();"
        " await context.resume();"
        " window.twowayTab = out.stream;"
        " return out.stream;"
        "};"
    )


def fake_media_args(microphone: Path) -> list[str]:
    """Chromium's fake capture: the microphone plays ``microphone`` once (``%noloop``: by
    default the file loops), then silence; permission prompts are answered yes."""
    return [
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-audio-capture={microphone}%noloop",
        "--autoplay-policy=no-user-gesture-required",
    ]


CALL_WINDOW = """<!doctype html><html><head><meta charset="utf-8"><style>
body { margin: 0; height: 100vh; display: flex; flex-direction: column; background: #202124;
  color: #e8eaed; font: 15px system-ui, sans-serif; }
.bar { padding: 10px 16px; color: #bdc1c6; }
.stage { flex: 1; position: relative; margin: 0 12px; border-radius: 10px; background: #3c4043;
  display: flex; align-items: center; justify-content: center; }
.avatar { width: 120px; height: 120px; border-radius: 50%; background: #8a5bb5; display: flex;
  align-items: center; justify-content: center; font-size: 44px; color: #fff; }
.who { position: absolute; left: 14px; bottom: 12px; }
.self { position: absolute; right: 14px; bottom: 14px; width: 190px; height: 120px;
  border-radius: 8px; background: #5f6368; display: flex; align-items: center;
  justify-content: center; }
.self .avatar { width: 56px; height: 56px; font-size: 22px; background: #1f5fbf; }
.self .who { left: 8px; bottom: 6px; font-size: 13px; }
.controls { display: flex; justify-content: center; gap: 12px; padding: 14px; }
.controls span { padding: 9px 16px; border-radius: 20px; background: #3c4043; }
.controls .leave { background: #d93025; }
</style></head><body>
<div class="bar">Coffee chat with Dana Lee · 1:14</div>
<div class="stage"><div class="avatar">DL</div><div class="who">Dana Lee</div>
<div class="self"><div class="avatar">A</div><div class="who">Alex (you)</div></div></div>
<div class="controls"><span>Mute</span><span>Camera</span><span>Share</span>
<span class="leave">Leave</span></div>
</body></html>"""
NUDGE_SHOWN = "() => !document.getElementById('live-nudge').hidden"


def live_page_shot(playwright: Any, executable: str, base: str, folder: Path, out: Path) -> None:
    """live-page.png: the Live page beside a call window, when the nudge shows.

    The demo call runs in real time (Alex's microphone from the fake capture, Dana's voice as
    the shared tab: ``fake_tab_script``), so this takes about 75 s; the call window is a plain
    page standing in for any video call, and the two are put side by side as on a screen.
    """
    from PIL import Image

    demo = live_demo(folder, LONG_TALK)
    browser = launch(playwright, executable, fake_media_args(demo.tracks["Alex"]))
    context = browser.new_context(viewport={"width": 400, "height": 820})
    context.add_init_script(fake_tab_script(demo.tracks["Dana"]))
    page = context.new_page()
    page.goto(base + "/live")
    page.fill("#live-me", "Alex")
    page.fill("#live-them", "Dana Lee")
    page.check('input[name="mode"][value="networking"]')
    page.click("#live-start")
    page.wait_for_function(NUDGE_SHOWN, timeout=150_000, polling=200)
    time.sleep(1.5)
    page.screenshot(path=str(folder / "live.png"))
    call = browser.new_page(viewport={"width": 820, "height": 820})
    call.set_content(CALL_WINDOW)
    call.screenshot(path=str(folder / "call.png"))
    page.click("#live-stop")
    page.wait_for_selector("#live-result:not([hidden])", timeout=120_000)
    browser.close()
    with Image.open(folder / "call.png") as left, Image.open(folder / "live.png") as right:
        gap = 16
        screen = Image.new("RGB", (left.width + gap + right.width, left.height), "#c9ced6")
        screen.paste(left, (0, 0))
        screen.paste(right, (left.width + gap, 0))
        target = out / "live-page.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        screen.save(target)
    _shrink(target)
    size = target.stat().st_size
    if size > MAX_PNG_BYTES:
        raise SystemExit(f"{target}: {size} bytes, over {MAX_PNG_BYTES}")
    print(f"wrote {target} ({size // 1024} KB)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chromium", default=None, help="Chromium executable")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--live-only", action="store_true", help="Only live-page.png")
    args = parser.parse_args(argv)
    executable = args.chromium or chromium_path()
    if executable is None:
        raise SystemExit("no chromium: run scripts/setup/chromium.sh (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    examples = ROOT / "examples"
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        db = Path(tmp) / "twoway.db"
        # The Live page's consent marker goes to a data folder of this run, not the user's.
        env = {"TWOWAY_TODAY": "2026-11-24", "TWOWAY_DATA_DIR": str(Path(tmp) / "data")}
        with serve(db, env=env) as server:
            if args.live_only:
                live_page_shot(pw, executable, server.url, Path(tmp) / "live", args.out)
                return 0
            browser = launch(pw, executable)
            page = browser.new_page(viewport={"width": 1200, "height": 900})

            def report_shot(p: Any) -> None:
                p.fill("#person", "Dana Lee")
                p.fill("#company", "Northwind Analytics")
                p.fill("#role", "Data Engineer")
                p.fill("#date", "2026-11-23")
                p.locator("#date").blur()
                _png(p, args.out / "web-report.png", full_page=False)

            analyze_and_save(
                page,
                server.url,
                examples / "monologue_interview.vtt",
                "Alex Rivera",
                person="Dana Lee",
                company="Northwind Analytics",
                role="Data Engineer",
                date="2026-11-02",
            )
            analyze_and_save(
                page,
                server.url,
                examples / "second_round_interview.srt",
                "Alex Rivera",
                person="Dana Lee",
                company="Northwind Analytics",
                role="Data Engineer",
                before_save=report_shot,
            )
            analyze_and_save(
                page,
                server.url,
                examples / "balanced_interview.vtt",
                "Priya Nair",
                person="Marcus Chen",
                company="Northwind Analytics",
                role="Product Analyst",
                date="2026-11-20",
            )
            page.goto(server.url + "/people/Dana%20Lee")
            _png(page, args.out / "web-people.png", full_page=True)
            for width, name in ((DESKTOP, "followups.png"), (PHONE, "followups-phone.png")):
                shot = at_width(browser, width)
                shot.goto(server.url + "/followups")
                _png(shot, args.out / name, full_page=True)
                shot.context.close()

            folder = Path(tmp)
            for width, name, transcript, me in (
                (DESKTOP, "report.png", examples / "balanced_interview.vtt", "Priya"),
                (PHONE, "report-phone.png", examples / "monologue_interview.vtt", "Alex"),
            ):
                shot = at_width(browser, width)
                shot.goto(report_page(folder, transcript, me).as_uri())
                _png(shot, args.out / name, full_page=True)
                shot.context.close()
            cohort = cohort_page(folder / "cohort")
            for width, name in ((DESKTOP, "cohort.png"), (PHONE, "cohort-phone.png")):
                shot = at_width(browser, width)
                shot.goto(cohort.as_uri())
                _png(shot, args.out / name, full_page=True)
                shot.context.close()
            browser.close()
            if VOICES.is_dir():
                live_page_shot(pw, executable, server.url, folder / "live", args.out)
            else:
                print(f"live-page.png not made: {VOICES} is not there (../shared/data)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
