"""``twoway serve``: its options, the token it generates, and the install hint."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from twoway.cli import main


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """``uvicorn.run`` replaced: what it was asked to serve, without listening."""
    import uvicorn

    calls: list[dict[str, Any]] = []

    def fake_run(app: Any, **kwargs: Any) -> None:
        calls.append({"app": app, **kwargs})
        app.state.uploads.close()
        app.state.store.close()

    monkeypatch.setattr(uvicorn, "run", fake_run)
    return calls


def test_serve_listens_on_loopback_by_default(
    runs: list[dict[str, Any]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--db", str(tmp_path / "t.db"), "--port", "9911"]) == 0
    assert runs[0]["host"] == "127.0.0.1" and runs[0]["port"] == 9911
    out = capsys.readouterr().out
    assert "http://127.0.0.1:9911/ (only this machine can reach it)" in out
    assert "token" not in out


def test_another_address_without_a_token_gets_one_printed_once(
    runs: list[dict[str, Any]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--host", "0.0.0.0", "--db", str(tmp_path / "t.db")]) == 0
    out = capsys.readouterr().out
    settings = runs[0]["app"].state.settings
    assert settings.token and len(settings.token) >= 32
    assert out.count(settings.token) == 1
    assert f"http://127.0.0.1:8765/?token={settings.token}" in out


def test_a_short_token_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["serve", "--host", "0.0.0.0", "--token", "short", "--db", str(tmp_path / "t")])
    assert code == 1
    assert "--token must be at least 16 characters long" in capsys.readouterr().err


def test_without_the_web_extra_the_error_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)
    assert main(["serve"]) == 1
    assert capsys.readouterr().err == (
        "twoway: error: twoway serve needs the optional package 'uvicorn': "
        "install it with: pip install 'twoway[web]'\n"
    )


def test_help_does_not_load_the_web_stack() -> None:
    code = (
        "import sys\n"
        "from twoway.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('fastapi', 'starlette', 'uvicorn', 'jinja2', 'pydantic',"
        " 'multipart', 'python_multipart') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_serve_help_has_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--help"]) == 0
    assert "Example: twoway serve" in capsys.readouterr().out
