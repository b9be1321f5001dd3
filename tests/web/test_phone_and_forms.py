"""Issue 13's frictions in the web app's forms and layout, in-process (the browser tests check
the same at 390 and 1280 px in Chromium): the "Transcribe" box applies to recordings only and
starts unticked, a recording read without words offers to transcribe it, placeholders are
hints, and the follow-ups table restacks on a phone."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from twoway.model import Conversation, Turn

from .conftest import EXAMPLES, csrf, report

ROOT = Path(__file__).parents[2]
CSS = (ROOT / "src" / "twoway" / "web" / "static" / "twoway.css").read_text()


@pytest.fixture
def whisper_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if twoway[asr] were installed (the box is shown only then)."""
    import twoway.web.routes.analyze as routes

    monkeypatch.setattr(routes, "asr_available", lambda: True)


def test_the_transcribe_box_is_unticked_and_for_recordings_only(
    client: TestClient, whisper_here: None
) -> None:
    page = client.get("/").text
    box = re.search(r'<input type="checkbox" name="asr" value="on"[^>]*>', page)
    assert box is not None and "checked" not in box.group(0)
    assert "Recordings only: transcribe it, offline" in page
    assert "A transcript is read as it is, whatever this box says." in page
    # A choice made is kept when the form comes back with an error.
    again = client.post(
        "/upload", data={"csrf_token": csrf(client), "mode": "interview", "asr": "on"}
    )
    assert again.status_code == 400
    assert 'name="asr" value="on" checked' in again.text


def test_a_transcript_uploaded_with_the_box_ticked_is_read_as_it_is(
    client: TestClient, whisper_here: None
) -> None:
    text = (EXAMPLES / "balanced_interview.vtt").read_bytes()
    response = client.post(
        "/upload",
        data={"csrf_token": csrf(client), "mode": "interview", "asr": "on"},
        files={"transcript": ("interview.vtt", text, "text/vtt")},
        follow_redirects=True,
    )
    assert response.status_code == 200
    assert 'value="Priya Nair"' in response.text
    assert 'id="transcribe"' not in response.text  # a transcript has its words


def test_a_recording_read_without_words_offers_to_transcribe_it(
    client: TestClient, whisper_here: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import twoway.audio
    from twoway.audio import AudioResult

    asked: list[bool] = []

    def pipeline(path: object, *, asr: bool = False, **_: Any) -> AudioResult:
        asked.append(asr)
        words = ("Why this role?", "The team.") if asr else (None, None)
        turns = (Turn("Dana", 1.0, 3.0, words[0]), Turn("Alex", 4.0, 9.0, words[1]))
        return AudioResult(Conversation(turns, source="x", format="audio"), ())

    monkeypatch.setattr(twoway.audio, "analyze_audio", pipeline)

    def settled(location: str) -> str:
        for _ in range(200):
            shown = client.get(location)
            if "Reading" not in shown.text:
                return shown.text
            time.sleep(0.02)
        raise AssertionError("the recording was not read")

    audio = (EXAMPLES / "mock_interview.ogg").read_bytes()
    response = client.post(
        "/upload",
        data={"csrf_token": csrf(client), "mode": "interview"},  # the box left unticked
        files={"transcript": ("interview.ogg", audio, "audio/ogg")},
        follow_redirects=False,
    )
    location = response.headers["location"]
    first = settled(location)
    assert asked == [False]
    assert 'action="/uploads/' in first and 'id="transcribe"' in first
    assert "read without its words" in first

    again = client.post(
        f"{location}/transcribe",
        data={"csrf_token": csrf(client), "mode": "interview"},
        follow_redirects=False,
    )
    assert again.status_code == 303
    second = settled(again.headers["location"])
    assert asked == [False, True]
    assert 'id="transcribe"' not in second  # it has its words now
    shown = client.get(f"{location}/report", params={"me": "Alex", "mode": "interview"})
    assert "Why this role?" in shown.text


def test_placeholders_are_hints_not_values(client: TestClient) -> None:
    pages = [
        client.get("/").text,
        client.get("/prep").text,
        client.get("/progress").text,
        report(client, "monologue_interview.vtt", "Alex Rivera").page,
    ]
    placeholders = [p for page in pages for p in re.findall(r'placeholder="([^"]*)"', page)]
    assert len(placeholders) >= 7
    assert all(p.startswith("e.g.") for p in placeholders), placeholders
    # Lighter than what is typed, and italic.
    rule = re.search(r"::placeholder \{([^}]*)\}", CSS)
    assert rule is not None
    assert "font-style: italic" in rule.group(1) and "color: #6e7686" in rule.group(1)


def test_the_follow_ups_table_restacks_on_a_phone(client: TestClient) -> None:
    shown = report(client, "monologue_interview.vtt", "Alex Rivera")
    saved = client.post(
        f"{shown.upload_url}/save",
        data={"csrf_token": csrf(client), "me": "Alex Rivera", "mode": "interview",
              "person": "Dana Lee", "company": "", "role": "", "date": "2026-11-20"},
    )  # fmt: skip
    assert saved.status_code == 200
    page = client.get("/followups").text
    assert '<table class="list stack followups">' in page
    # Each row's cells say what they are, for the phone layout to place them (a thank-you, a
    # check-in, and the recruiter's promise Dana reported).
    assert page.count('<td class="what">') == page.count('<td class="nowrap action">') == 3
    phone = CSS[CSS.index("@media (max-width: 40rem)") :]
    for rule in (
        "table.stack tr { display: flex;",
        "table.stack td.what { flex: 1 1 100%;",
        "table.stack td.action { flex: 1 1 100%; }",
    ):
        assert rule in phone, rule
