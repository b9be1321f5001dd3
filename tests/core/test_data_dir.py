"""One data folder for everything twoway keeps: the store, the voiceprints, the live consent marker.

``TWOWAY_DATA_DIR`` moves all of them (``~`` expanded, as for the store before); unset or empty,
they share the platform's user data folder.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import twoway.store
from twoway.audio import voiceprint
from twoway.live import consent
from twoway.store import config


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Never touch the developer's own folders: HOME and XDG_DATA_HOME point into tmp_path.
    for name in ("TWOWAY_DB", "TWOWAY_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TWOWAY_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


def test_twoway_data_dir_moves_the_store_and_the_voiceprints_together(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    np = pytest.importorskip("numpy")
    monkeypatch.setenv("TWOWAY_DATA_DIR", "~/twoway-data")  # ~ is expanded for both
    folder = tmp_path / "home" / "twoway-data"

    assert config.data_dir() == folder
    assert config.default_url() == str(folder / "twoway.db")
    assert voiceprint.voiceprint_dir() == folder / "voiceprints"
    assert consent.marker_path() == folder / consent.MARKER

    saved = voiceprint.save("Alex", np.ones(256, np.float32), source="alex.wav", speech_s=12.3)
    assert saved == folder / "voiceprints" / "Alex.npy"
    assert [p.name for p in voiceprint.load_all()] == ["Alex"]
    with twoway.store.open(None):
        pass
    assert (folder / "twoway.db").is_file()
    assert not (tmp_path / "xdg").exists()  # nothing went to the platform folder


@pytest.mark.skipif(sys.platform != "linux", reason="XDG_DATA_HOME is the Linux data folder")
@pytest.mark.parametrize("value", [None, ""])
def test_without_twoway_data_dir_both_use_the_platform_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, value: str | None
) -> None:
    if value is not None:
        monkeypatch.setenv("TWOWAY_DATA_DIR", value)  # empty is the same as unset
    folder = tmp_path / "xdg" / "twoway"
    assert config.data_dir() == folder
    assert config.default_url() == str(folder / "twoway.db")
    assert voiceprint.voiceprint_dir() == folder / "voiceprints"
