"""Build the word vectors ``twoway.prep.match`` ships (src/twoway/prep/match_vectors.npz).

They come from ``benchmarks/data/word_vectors.npz`` (``build_word_vectors.py``: static word
embeddings of all-MiniLM-L6-v2, reduced by PCA to 192 dimensions, int8): the first ``DIMS``
principal dimensions of every word, re-quantized to int8 with one scale per dimension. The
matcher uses them to credit a planned question's words that the asked question says
differently ("hardest" / "toughest", "talk" / "speak"). No model is loaded at run time.

    python benchmarks/build_match_vectors.py
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "data" / "word_vectors.npz"
OUT = HERE.parent / "src" / "twoway" / "prep" / "match_vectors.npz"
DIMS = 96


def main() -> None:
    data = np.load(SOURCE)
    vectors = data["vectors"].astype(np.float32)[:, :DIMS] * data["scales"][:DIMS]
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    scales = np.abs(vectors).max(axis=0) / 127.0
    quantized = np.round(vectors / scales).astype(np.int8)
    np.savez_compressed(
        OUT, words=data["words"], vectors=quantized, scales=scales.astype(np.float32)
    )
    print(f"{OUT}: {len(data['words'])} words x {DIMS} dims, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
