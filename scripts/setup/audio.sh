# Audio tests (tests/audio): espeak-ng and sox to synthesize interviews, and the audio extras.
# Sourced by scripts/check.sh under `set -euo pipefail`; idempotent. In CI (CI=true) a failed
# install fails the run; elsewhere the audio tests skip cleanly instead.
# torch is installed first, pinned, so pip takes the CPU wheel on this machine's disk instead of a
# multi-GB CUDA build (silero-vad and resemblyzer accept any torch). Measured cost: docs/audio.md.

# shellcheck source=lib/apt.bash
source "$(dirname "${BASH_SOURCE[0]}")/lib/apt.bash"

_twoway_audio_setup() {
    if ! command -v espeak-ng >/dev/null 2>&1 || ! command -v sox >/dev/null 2>&1; then
        if command -v apt-get >/dev/null 2>&1; then
            local sudo=""
            [ "$(id -u)" = 0 ] || sudo="sudo -n"
            twoway_apt_get "$sudo" update -qq >/dev/null || return 1
            twoway_apt_get "$sudo" install -y -qq espeak-ng sox >/dev/null || return 1
        else
            echo "audio.sh: no apt-get: install espeak-ng and sox by hand" >&2
            return 1
        fi
    fi
    # (errexit does not apply inside a function called from `if`: each step says its failure.)
    python3 -m pip install --quiet --disable-pip-version-check 'torch==2.13.0' || return 1
    python3 -m pip install --quiet --disable-pip-version-check -e '.[dev,audio,diarize,asr,sphinx]' || return 1
}

if ! _twoway_audio_setup; then
    if [ "${CI:-}" = "true" ]; then
        echo "audio.sh: installing the audio test tools failed" >&2
        false
    else
        echo "audio.sh: audio tools missing; the audio tests will skip" >&2
    fi
fi
unset -f _twoway_audio_setup twoway_apt_get
