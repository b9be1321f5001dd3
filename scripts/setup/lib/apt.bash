# shellcheck shell=bash
# apt-get that waits for another apt or dpkg to finish (unattended-upgrades, another setup script,
# a second checkout's check.sh) instead of failing at once, which left the browser and database
# tests skipped. Sourced by the setup scripts; not a setup script itself (check.sh sources only
# scripts/setup/*.sh). dpkg's lock is waited for by apt itself (DPkg::Lock::Timeout, apt >= 1.9.11);
# the package lists' lock, which `apt-get update` takes and older apt does not wait for, by
# retrying every 5 seconds. TWOWAY_APT_WAIT_S (default 300) bounds the whole wait.
#
# Usage: twoway_apt_get SUDO APT-GET-ARGUMENTS...   (SUDO: "" as root, else "sudo -n")

twoway_apt_get() {
    local sudo=$1
    shift
    local wait_s=${TWOWAY_APT_WAIT_S:-300}
    local deadline=$((SECONDS + wait_s)) status err
    err=$(mktemp)
    while :; do
        # shellcheck disable=SC2086  # $sudo is empty or "sudo -n": split on purpose
        if $sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout="$wait_s" "$@" 2>"$err"; then
            rm -f "$err"
            return 0
        else
            status=$?
        fi
        if grep -qE "Could not get lock|Unable to lock|Unable to acquire" "$err" && [ "$SECONDS" -lt "$deadline" ]; then
            echo "apt-get: another apt or dpkg holds the lock; waiting (up to ${wait_s} s)" >&2
            sleep "${TWOWAY_APT_RETRY_S:-5}"
            continue
        fi
        cat "$err" >&2
        rm -f "$err"
        return "$status"
    done
}
