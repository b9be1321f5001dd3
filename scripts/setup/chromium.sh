# shellcheck shell=bash
# Chromium for the browser tests (tests/web/test_browser.py, scripts/screenshots.py): Debian's
# package, driven by Playwright through executable_path; Playwright never downloads a browser.
# Idempotent. Sourced by scripts/check.sh (under `set -euo pipefail`) or run alone; exports
# TWOWAY_CHROMIUM. With CI=true any failure is fatal; elsewhere the browser tests skip.

# shellcheck source=lib/apt.bash
source "$(dirname "${BASH_SOURCE[0]}")/lib/apt.bash"

_twoway_chromium_note() { echo "chromium.sh: $*" >&2; }

_twoway_chromium_setup() {
    local sudo=""
    if [ "$(id -u)" != 0 ]; then
        command -v sudo >/dev/null 2>&1 || { _twoway_chromium_note "not root and no sudo"; return 1; }
        sudo="sudo -n"
    fi
    if [ ! -x /usr/bin/chromium ]; then
        _twoway_chromium_note "installing chromium (apt-get)"
        twoway_apt_get "$sudo" update -qq >/dev/null || { _twoway_chromium_note "apt-get update failed"; return 1; }
        twoway_apt_get "$sudo" install -y -qq chromium >/dev/null \
            || { _twoway_chromium_note "apt-get install chromium failed"; return 1; }
    fi
    /usr/bin/chromium --version >/dev/null 2>&1 || { _twoway_chromium_note "chromium does not start"; return 1; }
    export TWOWAY_CHROMIUM=/usr/bin/chromium
    _twoway_chromium_note "ready: TWOWAY_CHROMIUM=$TWOWAY_CHROMIUM"
}

if _twoway_chromium_setup; then
    :
elif [ "${CI:-}" = "true" ]; then
    _twoway_chromium_note "failed, and CI=true: stopping"
    # `exit` also ends scripts/check.sh when sourced: in CI a missing browser must fail the run.
    exit 1
else
    _twoway_chromium_note "Chromium is not available: the browser tests will be skipped"
fi
unset -f _twoway_chromium_setup _twoway_chromium_note twoway_apt_get
