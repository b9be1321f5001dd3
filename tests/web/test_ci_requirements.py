"""A fresh machine runs everything: jsonschema in the dev extras, the setup scripts wait for the
apt lock, and in CI (``CI=true``) a missing browser or database fails the run (tests/conftest.py)
instead of skipping it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
SETUP = ROOT / "scripts" / "setup"
OTHERS = {"pulseaudio.sh"}  # not this suite's to change (tests/live)


def test_jsonschema_is_a_dev_dependency() -> None:
    # Without it the two JSON-schema tests skip on a new machine.
    dev = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    assert any(re.match(r"jsonschema\b", dep) for dep in dev["dev"])


SKIPPING = """
import pytest

pytest.importorskip("playwright_that_is_not_there")
"""

TESTS = """
import pytest

def test_browser():
    pytest.skip("no chromium (scripts/setup/chromium.sh)")

@pytest.mark.skipif(True, reason="TWOWAY_TEST_PG_URL is not set (scripts/setup/postgres.sh)")
def test_database():
    pass

def test_shared_data():
    pytest.skip("public data not available: ../shared/data")

def test_runs():
    pass
"""


def run_suite(tmp_path: Path, ci: str | None) -> subprocess.CompletedProcess[str]:
    suite = tmp_path / "suite"
    suite.mkdir(exist_ok=True)
    (suite / "conftest.py").write_text((ROOT / "tests" / "conftest.py").read_text())
    (suite / "test_services.py").write_text(TESTS)
    (suite / "test_module_skip.py").write_text(SKIPPING)
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    if ci is not None:
        env["CI"] = ci
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", str(suite)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_outside_ci_a_missing_browser_or_database_skips(tmp_path: Path) -> None:
    result = run_suite(tmp_path, None)
    assert result.returncode == 0, result.stdout
    assert "1 passed, 4 skipped" in result.stdout


def test_in_ci_a_missing_browser_or_database_fails_the_run(tmp_path: Path) -> None:
    result = run_suite(tmp_path, "true")
    assert result.returncode == 1, result.stdout
    out = result.stdout
    # A skip in the test is a failure; one at set-up (a skipif mark) an error: both fail the run.
    assert "1 failed, 1 passed, 2 skipped, 1 error" in out
    assert "CI=true, and this test was skipped: no chromium (scripts/setup/chromium.sh)" in out
    assert "CI=true, and this test was skipped: TWOWAY_TEST_PG_URL is not set" in out
    # A whole module skipped at collection fails the session, and says which.
    assert "skipped in CI (CI=true): the run fails" in out
    assert "test_module_skip.py: could not import 'playwright_that_is_not_there'" in out
    # What CI does not provide still skips (the shared data set is optional).
    assert "public data not available" in out


def fake_apt(tmp_path: Path, failures: int, message: str) -> tuple[dict[str, str], Path]:
    """An ``apt-get`` on PATH that fails ``failures`` times with ``message``, then succeeds."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "calls"
    script = bin_dir / "apt-get"
    script.write_text(
        "#!/bin/sh\n"
        f'echo "$@" >> "{log}"\n'
        f'n=$(wc -l < "{log}")\n'
        f'if [ "$n" -le {failures} ]; then echo "{message}" >&2; exit 100; fi\n'
        "exit 0\n"
    )
    script.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "TWOWAY_APT_RETRY_S": "0"}
    return env, log


def apt_get(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    helper = SETUP / "lib" / "apt.bash"
    return subprocess.run(
        ["bash", "-c", f'source "{helper}"; twoway_apt_get "" "$@"', "twoway_apt_get", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


LOCKED = "E: Could not get lock /var/lib/apt/lists/lock. It is held by process 42 (apt-get)"


def test_apt_waits_while_another_apt_holds_the_lock(tmp_path: Path) -> None:
    env, log = fake_apt(tmp_path, 2, LOCKED)
    result = apt_get(env, "update", "-qq")
    assert result.returncode == 0, result.stderr
    calls = log.read_text().splitlines()
    assert calls == ["-o DPkg::Lock::Timeout=300 update -qq"] * 3
    assert result.stderr.count("another apt or dpkg holds the lock; waiting (up to 300 s)") == 2


def test_apt_gives_up_after_the_wait(tmp_path: Path) -> None:
    env, log = fake_apt(tmp_path, 99, LOCKED)
    result = apt_get({**env, "TWOWAY_APT_WAIT_S": "0"}, "install", "-y", "chromium")
    assert result.returncode == 100
    assert LOCKED in result.stderr
    assert log.read_text().splitlines() == ["-o DPkg::Lock::Timeout=0 install -y chromium"]


def test_apt_does_not_retry_other_errors(tmp_path: Path) -> None:
    missing = "E: Unable to locate package chromium"
    env, log = fake_apt(tmp_path, 99, missing)
    result = apt_get(env, "install", "-y", "chromium")
    assert result.returncode == 100 and missing in result.stderr
    assert len(log.read_text().splitlines()) == 1


@pytest.mark.parametrize(
    "script", sorted(p.name for p in SETUP.glob("*.sh") if p.name not in OTHERS)
)
def test_every_setup_script_waits_for_the_apt_lock(script: str) -> None:
    lines = (SETUP / script).read_text().splitlines()
    calls = [
        line
        for line in lines
        # apt-get run directly (quoted messages such as "apt-get update failed" left out)
        if re.search(r"\bapt-get\s+(-\S+\s+)*(update|install)", re.sub(r'"[^"]*"', "", line))
        and not line.lstrip().startswith("#")
    ]
    assert calls == [], f"{script}: call twoway_apt_get (scripts/setup/lib/apt.bash): {calls}"
    uses = [line for line in lines if "twoway_apt_get " in line and "unset" not in line]
    if uses:
        assert any("lib/apt.bash" in line and line.startswith("source") for line in lines)
