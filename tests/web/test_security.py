"""The security model of docs/web.md, one test per promise."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from twoway.errors import UsageError
from twoway.web import Settings
from twoway.web.app import create_app
from twoway.web.pages import safe_next
from twoway.web.uploads import UploadArea, display_name

from .conftest import BASE, TOKEN, csrf, report, upload


def test_transcript_text_is_escaped(client: TestClient) -> None:
    hostile = (
        "[00:00:01] Dana: Hello <script>alert('x')</script> there? <b>bold</b>\n"
        "[00:00:05] Alex: Hi! <img src=x onerror=alert(1)> What does the team do?\n"
    )
    response = upload(client, "hostile<script>.txt", hostile.encode(), follow=True)
    assert response.status_code == 200
    assert "<script>" not in response.text
    assert "hostile&lt;script&gt;.txt" in response.text
    location = str(response.url).removeprefix(BASE)
    shown = client.get(location + "/report", params={"me": "Alex"})
    assert shown.status_code == 200
    assert "<script>" not in shown.text and "<b>bold</b>" not in shown.text
    assert "<img src=x" not in shown.text
    assert "&lt;script&gt;alert(" in shown.text
    # A speaker's name is text too (WebVTT voice spans can hold almost anything).
    named = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Dana \"x\" & 'y'>Hello?\n\n"
        "00:00:05.000 --> 00:00:08.000\n<v Alex>Hi?\n"
    )
    response = upload(client, "named.vtt", named.encode(), follow=True)
    assert 'value="Dana &#34;x&#34; &amp; &#39;y&#39;"' in response.text
    assert 'Dana "x"' not in response.text


def test_post_without_or_with_a_wrong_csrf_token_is_403(client: TestClient) -> None:
    token = csrf(client)
    shown = report(client, "coffee_chat.txt", "Jordan Patel", "networking")
    fields = {"me": "Jordan Patel", "mode": "networking", "person": "Sam Okafor"}
    for data in (fields, {**fields, "csrf_token": "x" * 43}):
        response = client.post(f"{shown.upload_url}/save", data=data)
        assert response.status_code == 403
        assert "Form expired" in response.text
    # A browser that never got the cookie (another site's form): the field alone is not enough.
    stranger = TestClient(client.app, base_url=BASE)
    response = stranger.post(f"{shown.upload_url}/save", data={**fields, "csrf_token": token})
    assert response.status_code == 403
    # The right token from another origin.
    response = client.post(
        f"{shown.upload_url}/save",
        data={**fields, "csrf_token": token},
        headers={"origin": "http://evil.example"},
    )
    assert response.status_code == 403
    for path in ("/followups/1/done", "/prep", "/prep/download", "/upload"):
        assert client.post(path, data={}).status_code == 403, path
    # Nothing was saved.
    assert "Nothing to follow up" in client.get("/followups").text


def _body(total: int, chunk: int = 1024 * 1024) -> Iterator[bytes]:
    """A multipart body of about ``total`` bytes, generated as it is sent."""
    yield (
        b'--B\r\nContent-Disposition: form-data; name="transcript"; filename="big.vtt"\r\n'
        b"Content-Type: text/vtt\r\n\r\nWEBVTT\n\n"
    )
    block = b"x" * chunk
    for _ in range(total // chunk):
        yield block
    yield b"\r\n--B--\r\n"


def test_a_61_mb_upload_gets_413_while_streaming(app: FastAPI, settings: Settings) -> None:
    # Driven at the ASGI level, as a server would: the body arrives in 1 MB chunks made on the
    # fly (TestClient would first read all 61 MB into memory), and we count what the app took.
    import asyncio

    csrf_token = "t" * 43
    chunks = _body(61 * 1024 * 1024)
    taken = 0
    sent: list[dict[str, object]] = []

    async def receive() -> dict[str, object]:
        nonlocal taken
        chunk = next(chunks, None)
        if chunk is None:
            return {"type": "http.request", "body": b"", "more_body": False}
        taken += len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": True}

    async def send(message: dict[str, object]) -> None:
        sent.append(message)

    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
        "scheme": "http", "path": "/upload", "raw_path": b"/upload", "query_string": b"",
        "root_path": "", "server": ("127.0.0.1", 8765), "client": ("127.0.0.1", 50000),
        "headers": [
            (b"host", b"127.0.0.1:8765"),
            (b"content-type", b"multipart/form-data; boundary=B"),
            (b"cookie", f"twoway_csrf={csrf_token}".encode()),
        ],
    }  # fmt: skip
    asyncio.run(app(scope, receive, send))  # type: ignore[arg-type]
    start = next(m for m in sent if m["type"] == "http.response.start")
    assert start["status"] == 413
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")  # type: ignore[misc]
    assert b"Uploads are limited to 50 MB" in body
    # Refused as soon as the limit was passed: one chunk past it, not the 61 MB.
    assert settings.max_upload_bytes < taken <= settings.max_upload_bytes + 2 * 1024 * 1024
    assert not any(Path(str(settings.upload_root)).rglob("*.vtt"))


def test_a_big_upload_through_the_client_gets_the_413_page(client: TestClient) -> None:
    response = client.post(
        "/upload",
        content=_body(51 * 1024 * 1024),
        headers={"content-type": "multipart/form-data; boundary=B"},
    )
    assert response.status_code == 413
    assert "File too large" in response.text


def test_a_declared_content_length_over_the_limit_is_refused_before_reading(
    client: TestClient,
) -> None:
    response = client.post(
        "/upload",
        content=b"",
        headers={"content-length": str(61 * 1024 * 1024), "content-type": "text/plain"},
    )
    assert response.status_code == 413


def test_an_upload_under_the_limit_is_fine(tmp_path: Path) -> None:
    uploads = tmp_path / "u"
    uploads.mkdir()
    app = create_app(Settings(db=str(tmp_path / "t.db"), max_upload_mb=1, upload_root=uploads))
    small = TestClient(app, base_url=BASE)
    text = b"Dana: Hi?\nAlex: Hello!\n"
    assert upload(small, "a.txt", text).status_code == 303
    big = b"Dana: " + b"word " * 300_000 + b"\nAlex: Hello!\n"
    assert upload(small, "b.txt", big).status_code == 413
    app.state.uploads.close()
    app.state.store.close()


def test_off_loopback_every_request_needs_the_token(exposed: FastAPI) -> None:
    client = TestClient(exposed, base_url="http://192.0.2.10:8765")
    for path in ("/", "/people", "/static/twoway.css", "/report.css", "/nowhere"):
        response = client.get(path)
        assert response.status_code == 401, path
        assert "Token needed" in response.text
    assert client.get("/people?token=wrong").status_code == 401
    assert client.get("/people", headers={"authorization": f"Bearer {TOKEN}"}).status_code == 200
    # ?token= once: a cookie (HttpOnly, SameSite=Strict), and the address without the token.
    first = client.get(f"/people?token={TOKEN}&x=1", follow_redirects=False)
    assert first.status_code == 303
    assert first.headers["location"] == "/people?x=1"
    cookie = first.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert client.get("/people").status_code == 200
    assert client.get("/").status_code == 200


def test_a_token_is_required_off_loopback(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="give --token"):
        create_app(Settings(host="0.0.0.0", db=str(tmp_path / "t.db")))
    with pytest.raises(UsageError, match="at least 16"):
        Settings(host="0.0.0.0", token="short").check()


def test_without_a_token_only_loopback_host_names_are_answered(client: TestClient) -> None:
    # DNS rebinding: a page of evil.example resolving to 127.0.0.1 sends Host: evil.example.
    response = client.get("/people", headers={"host": "evil.example:8765"})
    assert response.status_code == 400
    for host in ("127.0.0.1:8765", "localhost:8765", "[::1]:8765"):
        assert client.get("/people", headers={"host": host}).status_code == 200, host


def test_security_headers_on_every_response(client: TestClient) -> None:
    for response in (client.get("/"), client.get("/nowhere"), client.get("/static/twoway.css"),
                     client.post("/upload", data={})):  # fmt: skip
        headers = response.headers
        assert headers["content-security-policy"].startswith("default-src 'self'")
        assert "script-src 'none'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
        assert headers["x-frame-options"] == "DENY"
        assert headers["cache-control"] == "no-store"
    cookie = TestClient(client.app, base_url=BASE).get("/prep").headers.get("set-cookie", "")
    assert "twoway_csrf=" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie


def test_a_server_error_is_a_friendly_logged_500_without_a_traceback(
    app: FastAPI, caplog: pytest.LogCaptureFixture
) -> None:
    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret internals /home/alex/twoway.db")

    client = TestClient(app, base_url=BASE, raise_server_exceptions=False)
    with caplog.at_level(logging.ERROR, logger="twoway.web"):
        response = client.get("/boom")
    assert response.status_code == 500
    assert "Something went wrong" in response.text
    assert "Traceback" not in response.text and "secret internals" not in response.text
    assert "RuntimeError" not in response.text
    assert response.headers["x-frame-options"] == "DENY"
    assert any("secret internals" in (r.exc_text or "") for r in caplog.records)


def test_upload_file_names_never_become_paths(tmp_path: Path) -> None:
    area = UploadArea(tmp_path, ttl_s=60)
    import io

    for name in ("../../etc/passwd", "..\\..\\x.vtt", "/etc/shadow", "a/../../b.srt", "\x00.txt"):
        item = area.add(io.BytesIO(b"Dana: Hi\n"), name)
        assert item.path.parent == area.folder
        assert item.path.name.startswith(item.id)
        assert "/" not in item.name and "\\" not in item.name and "\x00" not in item.name
    assert display_name("..\\..\\x.vtt") == "x.vtt"
    assert display_name("..") == "transcript.txt"
    assert area.folder.stat().st_mode & 0o077 == 0  # private to this user
    area.close()
    assert not area.folder.exists()


def test_uploads_expire(tmp_path: Path) -> None:
    import io

    now = [1000.0]
    area = UploadArea(tmp_path, ttl_s=60, clock=lambda: now[0])
    item = area.add(io.BytesIO(b"Dana: Hi\n"), "a.txt")
    assert area.get(item.id) is item
    now[0] += 61
    assert area.get(item.id) is None
    assert not item.path.exists()
    assert area.get("../../etc") is None
    area.close()


def test_redirects_after_a_post_stay_on_this_server() -> None:
    assert safe_next("/people/Dana%20Lee", "/followups") == "/people/Dana%20Lee"
    for bad in ("https://evil.example/", "//evil.example/", "/\\evil.example", ""):
        assert safe_next(bad, "/followups") == "/followups"


def test_pages_carry_no_script_and_no_outside_resource(client: TestClient) -> None:
    report(client, "balanced_interview.vtt", "Priya Nair")
    for path in ("/", "/people", "/prep", "/progress"):
        page = client.get(path).text
        assert "<script" not in page
        assert not re.search(r'(?:src|href)="(?:https?:)?//', page), path
