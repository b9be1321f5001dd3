"""Fixtures for the web app: an app on a fresh store, a client, and the upload-and-save flow.

The app is driven in-process with FastAPI's TestClient (no socket). Its base URL is
``http://127.0.0.1:8765`` because the app answers only to loopback host names when it has no
token (the DNS-rebinding guard).
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed")
pytest.importorskip("httpx", reason="httpx (for TestClient) is not installed")

from fastapi import FastAPI
from fastapi.testclient import TestClient

from twoway.web import Settings
from twoway.web.app import create_app

EXAMPLES = Path(__file__).parents[2] / "examples"
BASE = "http://127.0.0.1:8765"
TODAY = "2026-11-24"
# The token of an app that listens off loopback (``exposed``).
TOKEN = "s3cret-token-for-the-tests-0123456789"


def screenshots_module() -> ModuleType:
    """scripts/screenshots.py, which builds the demo conversations the browser tests drive."""
    name = "twoway_screenshots"
    if name in sys.modules:
        return sys.modules[name]
    script = Path(__file__).parents[2] / "scripts/screenshots.py"
    spec = importlib.util.spec_from_file_location(name, script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


# Every transcript example, who "me" is in it, and its mode (examples/README.md).
TRANSCRIPTS = [
    ("monologue_interview.vtt", "Alex Rivera", "interview"),
    ("second_round_interview.srt", "Alex Rivera", "interview"),
    ("balanced_interview.vtt", "Priya Nair", "interview"),
    ("coffee_chat.txt", "Jordan Patel", "networking"),
    ("panel_interview.json", "SPEAKER_02", "interview"),
]


@pytest.fixture(autouse=True)
def _pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    # What is due or overdue depends on today; pin it as the CLI's own tests do.
    monkeypatch.setenv("TWOWAY_TODAY", TODAY)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    return Settings(db=str(tmp_path / "twoway.db"), upload_root=uploads)


@pytest.fixture
def app(settings: Settings) -> Iterator[FastAPI]:
    application = create_app(settings)
    yield application
    application.state.uploads.close()
    application.state.store.close()


@pytest.fixture
def client(app: FastAPI) -> TestClient:
    return TestClient(app, base_url=BASE)


def csrf(client: TestClient) -> str:
    """This client's CSRF token (the hidden field of any page with a form)."""
    page = client.get("/prep")
    match = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert match, "no CSRF field on /prep"
    return match.group(1)


@dataclass
class Report:
    upload_url: str
    page: str

    def figure(self, ident: str) -> tuple[str, str]:
        """The text and data-value of ``<span id=ident>``."""
        match = re.search(rf'<span id="{ident}" data-value="([^"]*)">([^<]*)</span>', self.page)
        assert match, f"no #{ident} on the report page"
        return match.group(2), match.group(1)


def upload(
    client: TestClient,
    name: str,
    content: bytes | None = None,
    *,
    mode: str = "interview",
    follow: bool = False,
) -> Any:
    data = content if content is not None else (EXAMPLES / name).read_bytes()
    return client.post(
        "/upload",
        data={"csrf_token": csrf(client), "mode": mode},
        files={"transcript": (name, data, "application/octet-stream")},
        follow_redirects=follow,
    )


def report(client: TestClient, name: str, me: str, mode: str = "interview") -> Report:
    response = upload(client, name, mode=mode)
    assert response.status_code == 303, response.text
    location = response.headers["location"]
    page = client.get(location, params={"me": me, "mode": mode}).text
    assert "Who are you in this conversation?" in page or "Pick yourself" in page
    shown = client.get(f"{location}/report", params={"me": me, "mode": mode})
    assert shown.status_code == 200, shown.text
    return Report(location, shown.text)


def analyze_json(capsys: pytest.CaptureFixture[str], name: str, me: str, mode: str) -> Any:
    """What ``twoway analyze FILE --me ME --mode MODE --json`` prints."""
    from twoway.cli import main

    capsys.readouterr()
    assert main(["analyze", str(EXAMPLES / name), "--me", me, "--mode", mode, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def same_share(shown: float, in_json: float) -> bool:
    """The unrounded share on the page is the JSON's, which keeps a few decimals."""
    decimals = len(repr(in_json).partition(".")[2])
    return abs(shown - in_json) <= 0.5 * 10**-decimals + 1e-12


@pytest.fixture
def exposed(tmp_path: Path) -> Iterator[FastAPI]:
    """An app that listens on every interface, so every request needs ``TOKEN``."""
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    app = create_app(
        Settings(host="0.0.0.0", token=TOKEN, db=str(tmp_path / "t.db"), upload_root=uploads)
    )
    yield app
    app.state.uploads.close()
    app.state.store.close()
