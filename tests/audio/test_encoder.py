"""The voice encoder without torch: resemblyzer's weights read by hand, run in onnxruntime."""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
import pytest

from twoway.audio import encoder
from twoway.errors import InputError

from .conftest import needs_diarize


@needs_diarize
def test_the_checkpoint_is_read_without_torch() -> None:
    state = encoder.read_checkpoint(encoder.encoder_weights())
    # resemblyzer's VoiceEncoder: LSTM(40, 256, 3 layers) and Linear(256, 256).
    assert state["lstm.weight_ih_l0"].shape == (1024, 40)
    assert state["lstm.weight_hh_l2"].shape == (1024, 256)
    assert state["linear.weight"].shape == (256, 256)
    assert all(v.dtype == np.float32 for v in state.values())


@needs_diarize
def test_onnx_encoder_gives_torchs_embeddings(tmp_path: Path) -> None:
    torch = pytest.importorskip("torch")
    state = encoder.read_checkpoint(encoder.encoder_weights())
    model = tmp_path / "encoder.onnx"
    model.write_bytes(encoder.build_model(state))
    mels = (np.random.default_rng(0).random((3, 160, 40)) ** 4 * 0.1).astype(np.float32)
    onnx_out = encoder.Encoder(model).embed(mels)

    # The reference: resemblyzer's network in torch, with the same weights.
    lstm = torch.nn.LSTM(40, 256, 3, batch_first=True)
    linear = torch.nn.Linear(256, 256)
    lstm.load_state_dict({k[5:]: torch.from_numpy(v) for k, v in state.items() if k[:5] == "lstm."})
    linear.weight.data = torch.from_numpy(state["linear.weight"])
    linear.bias.data = torch.from_numpy(state["linear.bias"])
    with torch.inference_mode():
        _, (hidden, _) = lstm(torch.from_numpy(mels))
        raw = torch.relu(linear(hidden[-1]))
        expected = (raw / raw.norm(dim=1, keepdim=True)).numpy()
    assert np.abs(onnx_out - expected).max() < 1e-4
    assert np.allclose(np.linalg.norm(onnx_out, axis=1), 1.0, atol=1e-5)


@needs_diarize
def test_model_is_built_once_into_the_data_folder_with_its_licence(data_dir: Path) -> None:
    path = encoder.model_path()
    assert path.parent == data_dir / "models" and path.suffix == ".onnx"
    licence = path.with_name(path.stem + "-LICENSE.txt").read_text(encoding="utf-8")
    assert "resemblyzer" in licence and "Apache License" in licence
    built = path.stat().st_mtime_ns
    assert encoder.model_path() == path and path.stat().st_mtime_ns == built


def test_a_checkpoint_that_runs_code_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "pretrained.pt"
    with bad.open("wb") as handle:
        for header in (encoder.LEGACY_MAGIC, 1001, {}):
            pickle.dump(header, handle)
        pickle.dump(Path("x"), handle)  # a class outside the four a checkpoint uses
    with pytest.raises(InputError, match="unreadable voice encoder weights"):
        encoder.read_checkpoint(bad)


def test_a_file_that_is_no_checkpoint_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "pretrained.pt"
    bad.write_bytes(b"PK\x03\x04 not a legacy checkpoint")
    with pytest.raises(InputError, match="unreadable voice encoder weights"):
        encoder.read_checkpoint(bad)
