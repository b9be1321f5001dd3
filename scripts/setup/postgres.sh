# shellcheck shell=bash
# PostgreSQL for the store's tests: install Debian's server, start a cluster, create a role and a
# database for the current user, and export TWOWAY_TEST_PG_URL (a Unix-socket URL: the tests
# block TCP). Idempotent. Sourced by scripts/check.sh (under `set -euo pipefail`) or run alone.
# With CI=true any failure is fatal; elsewhere it prints a note and the PostgreSQL tests skip.

# shellcheck source=lib/apt.bash
source "$(dirname "${BASH_SOURCE[0]}")/lib/apt.bash"

_twoway_pg_note() { echo "postgres.sh: $*" >&2; }

_twoway_pg_setup() {
    local sudo="" user db="twoway_test" version cluster port status socket_dir
    if [ "$(id -u)" != 0 ]; then
        command -v sudo >/dev/null 2>&1 || { _twoway_pg_note "not root and no sudo"; return 1; }
        sudo="sudo -n"
    fi
    if ! command -v pg_lsclusters >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
        _twoway_pg_note "installing postgresql (apt-get)"
        twoway_apt_get "$sudo" update -qq >/dev/null || { _twoway_pg_note "apt-get update failed"; return 1; }
        twoway_apt_get "$sudo" install -y -qq postgresql >/dev/null \
            || { _twoway_pg_note "apt-get install postgresql failed"; return 1; }
    fi
    version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
    [ -n "$version" ] || { _twoway_pg_note "no PostgreSQL server found"; return 1; }
    # Use the first cluster of that version, creating one if there is none.
    cluster=$(pg_lsclusters -h | awk -v v="$version" '$1 == v { print $2; exit }')
    if [ -z "$cluster" ]; then
        cluster=main
        $sudo pg_createcluster "$version" "$cluster" >/dev/null \
            || { _twoway_pg_note "pg_createcluster failed"; return 1; }
    fi
    status=$(pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c { print $4 }')
    if [ "$status" != "online" ]; then
        $sudo pg_ctlcluster "$version" "$cluster" start \
            || { _twoway_pg_note "could not start cluster $version/$cluster"; return 1; }
    fi
    port=$(pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c { print $3 }')
    socket_dir=/var/run/postgresql
    user=$(id -un)
    local psql=(runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$port" -h "$socket_dir" -d postgres)
    [ -n "$sudo" ] && psql=(sudo -n -u postgres psql -X -q -v ON_ERROR_STOP=1 -p "$port" -h "$socket_dir" -d postgres)
    local tries=0
    until "${psql[@]}" -tAc "SELECT 1" >/dev/null 2>&1; do
        tries=$((tries + 1))
        [ "$tries" -lt 30 ] || { _twoway_pg_note "the server does not answer"; return 1; }
        sleep 0.5
    done
    # Peer authentication over the Unix socket: a role named after this user, no password.
    if [ "$("${psql[@]}" -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$user'")" != 1 ]; then
        "${psql[@]}" -c "CREATE ROLE \"$user\" LOGIN" || { _twoway_pg_note "CREATE ROLE failed"; return 1; }
    fi
    if [ "$("${psql[@]}" -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" != 1 ]; then
        "${psql[@]}" -c "CREATE DATABASE $db OWNER \"$user\"" \
            || { _twoway_pg_note "CREATE DATABASE failed"; return 1; }
    fi
    export TWOWAY_TEST_PG_URL="postgresql+psycopg:///$db?host=$socket_dir&port=$port"
    _twoway_pg_note "ready: TWOWAY_TEST_PG_URL=$TWOWAY_TEST_PG_URL"
}

if _twoway_pg_setup; then
    :
elif [ "${CI:-}" = "true" ]; then
    _twoway_pg_note "failed, and CI=true: stopping"
    # `exit` also ends scripts/check.sh when sourced: in CI a missing database must fail the run.
    exit 1
else
    _twoway_pg_note "PostgreSQL is not available: its tests will be skipped"
fi
unset -f _twoway_pg_setup _twoway_pg_note twoway_apt_get
