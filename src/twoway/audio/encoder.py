"""resemblyzer's voice encoder in onnxruntime: no torch at run time.

resemblyzer (Apache-2.0) ships its trained weights, ``resemblyzer/pretrained.pt``, in its wheel.
That file is torch's legacy serialization (a pickle whose tensors point at raw float32 storages
written after it); ``read_checkpoint`` reads it with ``pickle`` and numpy alone, never running
the pickle's code (only the four names such a checkpoint uses are allowed). ``build_model`` writes
the same network as an ONNX graph: three LSTM layers (40 -> 256 -> 256 -> 256), the last hidden
state through a linear layer and a ReLU, then unit length, as resemblyzer's ``VoiceEncoder``.

On first use the graph is built (it needs the ``onnx`` package, in ``twoway[diarize]``) and kept
in the user's data folder, ``<data dir>/models/voice-encoder-<hash>.onnx``, with resemblyzer's
licence beside it (``...-LICENSE.txt``) and a note of where it came from. Later runs only load it
with onnxruntime (one thread): about 0.1 s instead of torch's seconds.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import pickle
import struct
from collections import OrderedDict
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, ClassVar

from twoway.errors import InputError, MissingExtraError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Floats = npt.NDArray[np.float32]

FEATURE = "telling voices apart"
HIDDEN = 256
LAYERS = 3
N_MELS = 40
LEGACY_MAGIC = 0x1950A86A20F9469CFC6C


def encoder_weights() -> Path:
    """``pretrained.pt`` inside the installed resemblyzer package (found without importing it)."""
    try:
        spec = importlib.util.find_spec("resemblyzer")
    except (ImportError, ValueError):
        spec = None
    for folder in (spec.submodule_search_locations or []) if spec else []:
        candidate = Path(folder) / "pretrained.pt"
        if candidate.is_file():
            return candidate
    raise MissingExtraError(FEATURE, "diarize", "resemblyzer")


def _licence_text(weights: Path) -> str:
    """resemblyzer's LICENSE from its installed distribution (Apache-2.0)."""
    for info in sorted(weights.parent.parent.glob("[Rr]esemblyzer-*.dist-info")):
        for name in ("LICENSE", "LICENSE.txt", "licenses/LICENSE"):
            if (info / name).is_file():
                return (info / name).read_text(encoding="utf-8", errors="replace")
    return "Apache License, Version 2.0: https://www.apache.org/licenses/LICENSE-2.0\n"


class _Storage:
    def __init__(self, key: str, numel: int) -> None:
        self.key = key
        self.numel = numel


class _Tensor:
    def __init__(self, storage: _Storage, offset: int, size: tuple[int, ...]) -> None:
        self.storage, self.offset, self.size = storage, offset, size


def _rebuild_tensor(storage: _Storage, offset: int, size: tuple[int, ...], *_: Any) -> _Tensor:
    return _Tensor(storage, offset, tuple(size))


class _FloatStorage:  # a marker: the storage's element type
    pass


class _CheckpointUnpickler(pickle.Unpickler):
    """Unpickles a torch checkpoint's structure without torch and without running its code."""

    _ALLOWED: ClassVar[dict[tuple[str, str], Any]] = {
        ("collections", "OrderedDict"): OrderedDict,
        ("torch._utils", "_rebuild_tensor_v2"): _rebuild_tensor,
        ("torch._utils", "_rebuild_tensor"): _rebuild_tensor,
        ("torch", "FloatStorage"): _FloatStorage,
    }

    def __init__(self, handle: BinaryIO) -> None:
        super().__init__(handle)
        self.storages: dict[str, _Storage] = {}

    def find_class(self, module: str, name: str) -> Any:
        try:
            return self._ALLOWED[(module, name)]
        except KeyError:
            raise pickle.UnpicklingError(f"unexpected {module}.{name} in the checkpoint") from None

    def persistent_load(self, pid: Any) -> Any:
        if not isinstance(pid, tuple) or pid[0] != "storage":
            raise pickle.UnpicklingError(f"unexpected persistent id {pid!r}")
        storage_type, key, _location, numel = pid[1:5]
        if storage_type is not _FloatStorage:
            raise pickle.UnpicklingError("only float32 tensors are expected")
        return self.storages.setdefault(key, _Storage(key, int(numel)))


def read_checkpoint(path: Path) -> dict[str, Floats]:
    """The ``model_state`` tensors of a legacy-format torch checkpoint, as float32 arrays."""
    import numpy as np

    try:
        with path.open("rb") as handle:
            # Every pickle in the file goes through the restricted unpickler, headers included.
            if _CheckpointUnpickler(handle).load() != LEGACY_MAGIC:
                raise pickle.UnpicklingError("not a legacy torch checkpoint")
            _CheckpointUnpickler(handle).load()  # protocol version
            _CheckpointUnpickler(handle).load()  # system info (a dict of ints)
            unpickler = _CheckpointUnpickler(handle)
            checkpoint = unpickler.load()
            keys = _CheckpointUnpickler(handle).load()  # the storages' keys, in file order
            data: dict[str, Floats] = {}
            for key in keys:
                (numel,) = struct.unpack("<q", handle.read(8))
                raw = handle.read(4 * numel)
                if len(raw) != 4 * numel:
                    raise pickle.UnpicklingError("the checkpoint is truncated")
                data[key] = np.frombuffer(raw, dtype="<f4")
    except (OSError, pickle.UnpicklingError, struct.error, EOFError, TypeError, ValueError) as exc:
        raise InputError(f"unreadable voice encoder weights ({exc})", path=str(path)) from exc
    state: dict[str, Floats] = {}
    for name, tensor in checkpoint["model_state"].items():
        count = int(np.prod(tensor.size)) if tensor.size else 1
        flat = data[tensor.storage.key][tensor.offset : tensor.offset + count]
        state[name] = flat.reshape(tensor.size).astype(np.float32)
    return state


def _onnx_lstm_weights(state: dict[str, Floats], layer: int) -> tuple[Floats, Floats, Floats]:
    """torch's LSTM gates are (input, forget, cell, output); ONNX wants (input, output, forget,
    cell)."""
    import numpy as np

    def reorder(m: Floats) -> Floats:
        i, f, g, o = np.split(m, 4, axis=0)
        return np.concatenate([i, o, f, g], axis=0)

    w = reorder(state[f"lstm.weight_ih_l{layer}"])[None]
    r = reorder(state[f"lstm.weight_hh_l{layer}"])[None]
    b = np.concatenate(
        [reorder(state[f"lstm.bias_ih_l{layer}"]), reorder(state[f"lstm.bias_hh_l{layer}"])]
    )[None]
    return w, r, b


def build_model(state: dict[str, Floats]) -> bytes:
    """The voice encoder as a serialized ONNX model: mels ``(batch, frames, 40)`` -> ``(batch,
    256)`` unit embeddings."""
    try:
        import onnx
        from onnx import TensorProto, helper, numpy_helper
    except ImportError:
        raise MissingExtraError(FEATURE, "diarize", "onnx") from None

    nodes = [helper.make_node("Transpose", ["mels"], ["x0"], perm=[1, 0, 2])]  # time first
    inits = []
    for layer in range(LAYERS):
        w, r, b = _onnx_lstm_weights(state, layer)
        for name, value in (("W", w), ("R", r), ("B", b)):
            inits.append(numpy_helper.from_array(value, f"{name}{layer}"))
        outputs = [f"y{layer}", f"h{layer}"]
        nodes.append(
            helper.make_node(
                "LSTM",
                [f"x{layer}", f"W{layer}", f"R{layer}", f"B{layer}"],
                outputs,
                hidden_size=HIDDEN,
            )
        )
        # Y is (time, directions, batch, hidden): drop the directions axis for the next layer.
        inits.append(numpy_helper.from_array(_int64([1]), f"axis{layer}"))
        nodes.append(helper.make_node("Squeeze", [f"y{layer}", f"axis{layer}"], [f"x{layer + 1}"]))
    last = LAYERS - 1
    inits += [
        numpy_helper.from_array(_int64([0]), "axis_dir"),
        numpy_helper.from_array(state["linear.weight"].T.copy(), "linear_w"),
        numpy_helper.from_array(state["linear.bias"], "linear_b"),
        numpy_helper.from_array(_float32([1e-8]), "eps"),
    ]
    nodes += [
        helper.make_node("Squeeze", [f"h{last}", "axis_dir"], ["hidden"]),  # (batch, 256)
        helper.make_node("MatMul", ["hidden", "linear_w"], ["lin"]),
        helper.make_node("Add", ["lin", "linear_b"], ["pre"]),
        helper.make_node("Relu", ["pre"], ["raw"]),
        helper.make_node("ReduceL2", ["raw"], ["norm"], axes=[1], keepdims=1),
        helper.make_node("Max", ["norm", "eps"], ["safe_norm"]),
        helper.make_node("Div", ["raw", "safe_norm"], ["embedding"]),
    ]
    graph = helper.make_graph(
        nodes,
        "resemblyzer_voice_encoder",
        [helper.make_tensor_value_info("mels", TensorProto.FLOAT, ["batch", "frames", N_MELS])],
        [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["batch", HIDDEN])],
        inits,
    )
    # Opset 13: ReduceL2 still takes ``axes`` as an attribute; onnxruntime runs every opset since.
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 7
    model.producer_name = "twoway"
    onnx.checker.check_model(model)
    data: bytes = model.SerializeToString()
    return data


def _int64(values: list[int]) -> npt.NDArray[np.int64]:
    import numpy as np

    return np.array(values, np.int64)


def _float32(values: list[float]) -> Floats:
    import numpy as np

    return np.array(values, np.float32)


def model_path() -> Path:
    """The ONNX voice encoder in the data folder, built from resemblyzer's weights if missing."""
    from twoway.store.config import data_dir

    weights = encoder_weights()
    digest = hashlib.sha256(weights.read_bytes()).hexdigest()[:12]
    folder = data_dir() / "models"
    target = folder / f"voice-encoder-{digest}.onnx"
    if target.is_file():
        return target
    model = build_model(read_checkpoint(weights))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"voice-encoder-{digest}-LICENSE.txt").write_text(
        "The voice encoder in voice-encoder-"
        f"{digest}.onnx is resemblyzer's (Resemble AI, Apache License 2.0): its trained weights,\n"
        f"resemblyzer/pretrained.pt from the installed package ({weights}),\n"
        "converted to ONNX by twoway without other changes. resemblyzer's licence follows.\n\n"
        + _licence_text(weights),
        encoding="utf-8",
    )
    # Written under a temporary name and renamed: two processes building at once both succeed.
    partial = target.with_suffix(f".{os.getpid()}.tmp")
    partial.write_bytes(model)
    partial.replace(target)
    return target


class Encoder:
    """The ONNX voice encoder in onnxruntime: ``embed(mels)`` for a batch of 1.6 s partials."""

    def __init__(self, path: Path) -> None:
        try:
            import onnxruntime as ort
        except ImportError:
            raise MissingExtraError(FEATURE, "audio", "onnxruntime") from None
        options = ort.SessionOptions()
        # One thread: the other core stays free, and the LSTM's small matrices gain little.
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self._session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    def embed(self, mels: Floats) -> Floats:
        """Unit embeddings ``(batch, 256)`` of mel windows ``(batch, frames, 40)``."""
        out = self._session.run(["embedding"], {"mels": mels})[0]
        result: Floats = out
        return result


@cache
def load_encoder() -> Encoder:
    """The encoder, built on first use (see the module docstring) and loaded once per process."""
    return Encoder(model_path())
