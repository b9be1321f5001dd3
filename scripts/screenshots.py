"""Screenshots for the docs, taken from a real ``twoway serve`` and real pages in Chromium.

Starts the server on a free loopback port with a fresh store, walks the flow a person would
(upload the monologue example, pick Alex, save it with Dana Lee; then the second round; then
Priya's interview), and writes into docs/screenshots/:

* web-report.png, web-people.png: the web app's report page and a person's page (1200 px);
* followups.png, followups-phone.png: the follow-ups page at 1280 and 390 px;
* report.png, report-phone.png: the HTML report (``twoway analyze --html``) of the balanced
  interview at 1280 px and of the monologue at 390 px;
* cohort.png, cohort-phone.png: the ``twoway cohort`` page of a small made-up cohort (four
  students, three weekly mock interviews each, two networking chats) at 1280 and 390 px.

Usage: python scripts/screenshots.py [--chromium /usr/bin/chromium] [--out docs/screenshots]

Needs the web and batch extras, the ``playwright`` package and Debian's chromium
(scripts/setup/chromium.sh); it never downloads a browser. tests/web/test_browser.py uses the
helpers below (``serve``, ``launch``, ``analyze_and_save``, ``demo_cohort``) for the same walk.
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


def launch(playwright: Any, executable: str) -> Any:
    return playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS, headless=True)


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chromium", default=None, help="Chromium executable")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    executable = args.chromium or chromium_path()
    if executable is None:
        raise SystemExit("no chromium: run scripts/setup/chromium.sh (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    examples = ROOT / "examples"
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        db = Path(tmp) / "twoway.db"
        with serve(db, env={"TWOWAY_TODAY": "2026-11-24"}) as server:
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
