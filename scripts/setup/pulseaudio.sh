# shellcheck shell=bash
# PulseAudio for the live tests (tests/live/test_devices.py): Debian's server, started for this
# user, with two null sinks: "twoway_call", whose monitor is a real loopback device (the call's
# audio), and "twoway_mic", played into by the tests and heard through the virtual source
# "twoway_mic_in" (the microphone). Installs twoway[live] (soundcard). Idempotent. Sourced by
# scripts/check.sh (under `set -euo pipefail`) or run alone; exports TWOWAY_TEST_PULSE=1.
# With CI=true any failure is fatal; elsewhere the device tests skip.

# apt-get through the shared helper that waits for another apt's lock, where it is there.
if [ -f "$(dirname "${BASH_SOURCE[0]}")/lib/apt.bash" ]; then
    # shellcheck source=lib/apt.bash
    source "$(dirname "${BASH_SOURCE[0]}")/lib/apt.bash"
else
    twoway_apt_get() { local sudo=$1; shift; $sudo env DEBIAN_FRONTEND=noninteractive apt-get "$@"; }
fi

_twoway_pulse_note() { echo "pulseaudio.sh: $*" >&2; }

_twoway_pulse_setup() {
    local sudo="" tries=0
    if [ "$(id -u)" != 0 ]; then
        command -v sudo >/dev/null 2>&1 || { _twoway_pulse_note "not root and no sudo"; return 1; }
        sudo="sudo -n"
    fi
    if ! command -v pulseaudio >/dev/null 2>&1 || ! command -v pactl >/dev/null 2>&1 \
        || ! command -v paplay >/dev/null 2>&1; then
        _twoway_pulse_note "installing pulseaudio (apt-get)"
        twoway_apt_get "$sudo" update -qq >/dev/null || { _twoway_pulse_note "apt-get update failed"; return 1; }
        twoway_apt_get "$sudo" install -y -qq --no-install-recommends \
            pulseaudio pulseaudio-utils >/dev/null \
            || { _twoway_pulse_note "apt-get install pulseaudio failed"; return 1; }
    fi
    python3 -m pip install --quiet --disable-pip-version-check -e '.[live]' \
        || { _twoway_pulse_note "pip install twoway[live] failed"; return 1; }
    if ! pactl info >/dev/null 2>&1; then
        # A per-user daemon (as root too: it warns, and works), kept while the tests run.
        pulseaudio --start --exit-idle-time=-1 --daemonize=yes >/dev/null 2>&1 || true
        until pactl info >/dev/null 2>&1; do
            tries=$((tries + 1))
            [ "$tries" -lt 40 ] || { _twoway_pulse_note "the server does not start"; return 1; }
            sleep 0.25
        done
    fi
    if ! pactl list short sinks | grep -q $'\ttwoway_call\t'; then
        pactl load-module module-null-sink sink_name=twoway_call \
            sink_properties=device.description=twoway_call >/dev/null || return 1
    fi
    if ! pactl list short sinks | grep -q $'\ttwoway_mic\t'; then
        pactl load-module module-null-sink sink_name=twoway_mic \
            sink_properties=device.description=twoway_mic >/dev/null || return 1
    fi
    if ! pactl list short sources | grep -q $'\ttwoway_mic_in\t'; then
        pactl load-module module-virtual-source source_name=twoway_mic_in \
            master=twoway_mic.monitor >/dev/null || return 1
    fi
    pactl set-default-sink twoway_call && pactl set-default-source twoway_mic_in || return 1
    export TWOWAY_TEST_PULSE=1
    _twoway_pulse_note "ready: null sinks twoway_call (loopback) and twoway_mic -> twoway_mic_in"
}

if _twoway_pulse_setup; then
    :
elif [ "${CI:-}" = "true" ]; then
    _twoway_pulse_note "failed, and CI=true: stopping"
    # `exit` also ends scripts/check.sh when sourced: in CI a missing sound server must fail.
    exit 1
else
    _twoway_pulse_note "PulseAudio is not available: the live device tests will be skipped"
fi
unset -f _twoway_pulse_setup _twoway_pulse_note twoway_apt_get
