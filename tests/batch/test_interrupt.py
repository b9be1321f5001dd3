"""A real ``twoway batch`` process killed mid-run (SIGKILL, SIGINT) and then resumed."""

from __future__ import annotations

import collections
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from twoway.batch import read_rows

from .conftest import interview_vtt

pytest.importorskip("pyarrow")
FILES = 160


@pytest.fixture
def many(tmp_path: Path) -> Path:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(FILES):
        text = interview_vtt(f"Student {i:03d}", exchanges=40, my_cues=4, seed=i)
        (folder / f"s{i:03d}.vtt").write_text(text, encoding="utf-8")
    return folder


def start(folder: Path, out: Path) -> subprocess.Popen[str]:
    cmd = [sys.executable, "-m", "twoway", "batch", str(folder), "-o", str(out)]
    cmd += ["--me-pattern", "^student", "--jobs", "2", "--chunk-size", "5"]
    cmd += ["--analyses", str(out.parent / "analyses.jsonl")]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for_rows(out: Path, proc: subprocess.Popen[str], at_least: int) -> int:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the batch finished before it could be interrupted"
        try:
            n = sum(1 for _ in read_rows(str(out)))
        except Exception:  # the folder may not exist yet
            n = 0
        if n >= at_least:
            return n
        time.sleep(0.05)
    raise AssertionError("no rows written in time")


def check_complete(folder: Path, out: Path) -> None:
    conversations = list(read_rows(str(out)))
    paths = collections.Counter(str(r["path"]) for r in conversations)
    assert set(paths) == {str(p) for p in folder.iterdir()}
    assert max(paths.values()) == 1  # no duplicates
    assert all(r["status"] == "ok" for r in conversations)
    speakers = collections.Counter(str(r["path"]) for r in read_rows(str(out), kind="speaker"))
    assert set(speakers.values()) == {2}
    analyses = (out.parent / "analyses.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(analyses) == FILES


@pytest.mark.parametrize("suffix", [".parquet", ".jsonl", ".csv"])
def test_sigkill_then_resume(many: Path, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"results{suffix}"
    proc = start(many, out)
    done = wait_for_rows(out, proc, 10)
    proc.kill()
    proc.wait()
    assert done < FILES
    resumed = start(many, out)
    _, err = resumed.communicate(timeout=120)
    assert resumed.returncode == 0, err
    assert "skipped (already done)" in err
    check_complete(many, out)


def test_sigint_stops_cleanly_and_resumes(many: Path, tmp_path: Path) -> None:
    out = tmp_path / "results.parquet"
    proc = start(many, out)
    wait_for_rows(out, proc, 10)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted: " in err
    assert "run the same command again to go on" in err
    assert "Traceback" not in err
    written = sum(1 for _ in read_rows(str(out)))
    assert 10 <= written < FILES
    resumed = start(many, out)
    _, err = resumed.communicate(timeout=120)
    assert resumed.returncode == 0, err
    assert f"{FILES - written} analyzed, {written} skipped (already done)" in err
    check_complete(many, out)
