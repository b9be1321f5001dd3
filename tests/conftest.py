"""Suite-wide rules. In CI (``CI=true``) a test may not skip for want of what CI provides.

On a developer's machine the browser tests skip without Chromium or Playwright and the
PostgreSQL runs skip without ``TWOWAY_TEST_PG_URL``: a green run of the rest is worth more than
a red one about a missing service. In CI the setup scripts (scripts/setup/) install them, so
such a skip means the setup broke (another apt held the lock, a package was renamed) and the
run would pass while testing less. There, every skip whose reason names one of
:data:`REQUIRED_IN_CI` is turned into a failure that says what is missing and where it comes
from; collection-time skips (a whole module or folder) fail the session at the end.

Hypothesis runs the "dev" profile (100 examples a property) by default and the "ci" profile
(500) where ``CI=true``; ``HYPOTHESIS_PROFILE=ci`` asks for the long run anywhere.
"""

from __future__ import annotations

import os
import re
from collections.abc import Generator

import pytest
from hypothesis import settings

# What CI installs, as skip reasons name it: the browser (scripts/setup/chromium.sh), the
# database (scripts/setup/postgres.sh), and the dev extras (pyproject.toml).
REQUIRED_IN_CI = re.compile(
    r"chromium|playwright|TWOWAY_TEST_PG_URL|postgres\.sh|jsonschema|fastapi|httpx|web extra",
    re.IGNORECASE,
)


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


# Hypothesis profiles, as srt has them: a quick run on a developer's machine, a long one in CI,
# where the time is there to find the rare input. HYPOTHESIS_PROFILE chooses either by name.
# No deadline in either: a busy machine (these have 2 cores) would fail an example for being
# slow, and speed is measured in benchmarks/, not here.
settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile("ci", max_examples=500, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if in_ci() else "dev"))


def _skip_reason(report: pytest.TestReport | pytest.CollectReport) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2]).removeprefix("Skipped: ")
    return str(longrepr)


def required_skip(report: pytest.TestReport | pytest.CollectReport) -> str | None:
    """The reason of a skip that CI must not accept, else ``None``."""
    if not report.skipped or hasattr(report, "wasxfail"):
        return None
    reason = _skip_reason(report)
    return reason if REQUIRED_IN_CI.search(reason) else None


_missed: list[str] = []  # collection-time skips CI must not accept (a module, a folder)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    reason = required_skip(report) if in_ci() else None
    if reason is not None:
        report.outcome = "failed"
        report.longrepr = (
            f"CI=true, and this test was skipped: {reason}. CI installs it "
            "(scripts/setup/, the dev extras): a skip here means the setup failed."
        )
    return report


def pytest_collectreport(report: pytest.CollectReport) -> None:
    reason = required_skip(report) if in_ci() else None
    if reason is not None:
        _missed.append(f"{report.nodeid or '.'}: {reason}")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _missed:
        terminalreporter.section("skipped in CI (CI=true): the run fails", red=True)
        for line in _missed:
            terminalreporter.write_line(line)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if _missed and exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
