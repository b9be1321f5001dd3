"""Per-frame features: the same however the samples are fed (a file's chunks, a live stream's)."""

from __future__ import annotations

import numpy as np
import pytest

from twoway.audio.decode import read_all
from twoway.audio.features import ChannelAnalyzer, ChannelFeatures
from twoway.audio.vad import make_vad

from .conftest import Recording


def features_fed_in_blocks(samples: np.ndarray, block: int) -> ChannelFeatures:
    analyzer = ChannelAnalyzer(make_vad(), want_mels=True)
    for start in range(0, len(samples), block):
        analyzer.feed(samples[start : start + block])
    return analyzer.finish()


@pytest.mark.parametrize("level_db", [0.0, -35.0])
def test_features_do_not_depend_on_the_blocks_fed(dissimilar: Recording, level_db: float) -> None:
    # The 68 s interview, as recorded and 35 dB down (where the detector's input is raised):
    # fed whole, in 1 s and 0.37 s blocks (a sound card's), and in the decoder's chunks of a
    # little over 30 s. Levelling each fed block on its own raised the silent first second by
    # 30 dB and moved speech frames.
    samples = read_all(str(dissimilar.mono), mono=True)[0] * np.float32(10 ** (level_db / 20))
    whole = features_fed_in_blocks(samples, len(samples))
    assert whole.mels is not None and whole.speech_prob.max() > 0.9
    for block in (16_000, 5_920, 480_256):
        fed = features_fed_in_blocks(samples, block)
        assert fed.mels is not None
        np.testing.assert_array_equal(fed.speech_prob, whole.speech_prob)
        np.testing.assert_allclose(fed.energy_db, whole.energy_db, rtol=1e-6)
        np.testing.assert_allclose(fed.mels, whole.mels, rtol=1e-5, atol=1e-12)
