"""Screenshots of the web app for docs/web.md, taken from a real ``twoway serve`` in Chromium.

Starts the server on a free loopback port with a fresh store, walks the flow a person would
(upload the monologue example, pick Alex, save it with Dana Lee; then the second round), and
writes docs/screenshots/web-report.png and docs/screenshots/web-people.png.

Usage: python scripts/screenshots.py [--chromium /usr/bin/chromium] [--out docs/screenshots]

Needs the web extra, the ``playwright`` package and Debian's chromium
(scripts/setup/chromium.sh); it never downloads a browser. tests/web/test_browser.py uses the
helpers below (``serve``, ``launch``, ``analyze_and_save``) for the same walk.
"""

from __future__ import annotations

import argparse
import contextlib
import os
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


def _png(page: Any, path: Path, *, full_page: bool) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=full_page)
    if full_page and path.stat().st_size > MAX_PNG_BYTES:
        page.screenshot(path=str(path), full_page=False)
    size = path.stat().st_size
    if size > MAX_PNG_BYTES:
        raise SystemExit(f"{path}: {size} bytes, over {MAX_PNG_BYTES}")
    print(f"wrote {path} ({size // 1024} KB)")


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
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
