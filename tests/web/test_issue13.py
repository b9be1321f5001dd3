"""Issue 13 in the web app: huge ids are 404 (not 500), HEAD answers like GET, error pages
give a web hint (not a CLI command), hostile transcripts render, "pick yourself" preselects who
you usually are, and ``twoway serve`` starts without alembic's INFO lines."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from .conftest import csrf, report, upload

HUGE_ID = 2**63  # 9223372036854775808: one past SQLite's largest integer
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def test_a_conversation_id_past_64_bits_is_not_found(client: TestClient) -> None:
    for path in (f"/conversations/{HUGE_ID}", f"/conversations/{HUGE_ID}/thank-you"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert f"No conversation with id {HUGE_ID}." in response.text
    done = client.post(f"/followups/{HUGE_ID}/done", data={"csrf_token": csrf(client)})
    assert done.status_code == 404


def test_head_answers_like_get_without_a_body(client: TestClient) -> None:
    for path in ("/", "/people", "/conversations", "/followups", "/progress", "/prep"):
        got = client.get(path)
        head = client.head(path)
        assert head.status_code == 200, path
        assert head.content == b""
        assert head.headers["content-type"] == got.headers["content-type"]
        assert head.headers["content-security-policy"] == got.headers["content-security-policy"]
    assert client.head("/no-such-page").status_code == 404
    assert client.head("/static/twoway.css").status_code == 200


@pytest.mark.parametrize(
    ("path", "message", "link"),
    [
        ("/people/Zed", "No person named &#39;Zed&#39;.", '<a href="/people">People lists'),
        ("/conversations/99", "No conversation with id 99.", '<a href="/conversations">'),
    ],
)
def test_not_found_pages_give_a_web_hint(
    client: TestClient, path: str, message: str, link: str
) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert message in response.text
    assert link in response.text
    assert "twoway people" not in response.text and "twoway conversations" not in response.text


def test_a_follow_up_that_is_gone_links_to_the_follow_ups(client: TestClient) -> None:
    response = client.post("/followups/7/done", data={"csrf_token": csrf(client)})
    assert response.status_code == 404
    assert "No follow-up with id 7." in response.text
    assert '<a href="/followups">' in response.text and "twoway followups" not in response.text


def test_lone_surrogates_and_escapes_in_an_upload_render(client: TestClient) -> None:
    # A JSON transcript may carry "\ud800" (valid JSON, no valid text) and ESC sequences.
    hostile = {
        "segments": [
            {"start": 0.0, "end": 5.0, "speaker": "Dana \\u001b]0;pwned\\u0007Lee\\ud800",
             "text": "Hello \\u001b[2J there. What brings you here? \\ud800"},
            {"start": 5.0, "end": 12.0, "speaker": "Alex",
             "text": "Curiosity \\u009b31m mostly. What is the team like?"},
        ]
    }  # fmt: skip
    body = json.dumps(hostile).replace("\\\\u", "\\u").encode()
    response = upload(client, "hostile.json", body, follow=True)
    assert response.status_code == 200, response.text
    assert UNSAFE.search(response.text) is None
    assert "Dana \ufffd]0;pwned\ufffdLee\ufffd" in response.text
    location = str(response.url).removeprefix("http://127.0.0.1:8765")
    shown = client.get(location + "/report", params={"me": "Alex"})
    assert shown.status_code == 200
    assert UNSAFE.search(shown.text) is None
    assert "Dana \ufffd]0;pwned\ufffdLee\ufffd" in shown.text


def _save(client: TestClient, name: str, me: str, mode: str = "interview") -> None:
    shown = report(client, name, me, mode)
    saved = client.post(
        f"{shown.upload_url}/save",
        data={"csrf_token": csrf(client), "me": me, "mode": mode, "person": "",
              "company": "", "role": "", "date": "2026-11-02"},
        follow_redirects=False,
    )  # fmt: skip
    assert saved.status_code == 303


def _checked(page: str) -> list[str]:
    return re.findall(r'<input type="radio" name="me" value="([^"]*)" checked>', page)


def test_pick_yourself_preselects_who_you_usually_are(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A fresh store knows nobody: the first speaker, as before.
    first = upload(client, "coffee_chat.txt", mode="networking", follow=True)
    assert _checked(first.text) == ["Jordan Patel"]
    # Saved once as Sam Okafor: Sam is preselected next time.
    _save(client, "coffee_chat.txt", "Sam Okafor", "networking")
    again = upload(client, "coffee_chat.txt", mode="networking", follow=True)
    assert _checked(again.text) == ["Sam Okafor"]
    # The setting wins over the history.
    monkeypatch.setenv("TWOWAY_ME", "Jordan")
    setting = upload(client, "coffee_chat.txt", mode="networking", follow=True)
    assert _checked(setting.text) == ["Jordan Patel"]


def test_pick_yourself_ignores_generic_labels(client: TestClient) -> None:
    _save(client, "panel_interview.json", "SPEAKER_02")
    page = upload(client, "panel_interview.json", follow=True).text
    assert _checked(page) == ["SPEAKER_00"]  # "SPEAKER_02" says nothing about who you are


def test_serve_prints_no_alembic_lines(tmp_path: Path) -> None:
    code = (
        "import uvicorn, sys\n"
        "def fake_run(app, **kwargs):\n"
        "    app.state.uploads.close(); app.state.store.close()\n"
        "uvicorn.run = fake_run\n"
        "from twoway.cli import main\n"
        f"sys.exit(main(['serve', '--db', {str(tmp_path / 'new.db')!r}]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "alembic" not in result.stderr and "INFO" not in result.stderr
    assert result.stdout.startswith("twoway is listening on http://127.0.0.1:8765/")
