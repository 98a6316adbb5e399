#!/usr/bin/env bash
# Makes sure a PostgreSQL server listens on 127.0.0.1:5432 with the database the JDBC checkpointer
# tests use (role autopilot / password autopilot / database autopilot_test). Idempotent: when the
# test database already answers, it does nothing. Otherwise it installs Debian's `postgresql` if
# missing, creates or starts a cluster on port 5432 (loopback only) and creates the role and the
# database. Everything it does is printed to stderr. Must run as root (or as a user with sudo) to
# install and start the server; postgres itself runs as the `postgres` system user.
#
# Usage: .ci/postgres.sh            (then: mvn -B verify)
set -euo pipefail

HOST=127.0.0.1
PORT=5432
ROLE=autopilot
PASSWORD=autopilot
DB=autopilot_test

log() { printf 'postgres.sh: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@";
    elif command -v sudo >/dev/null 2>&1; then sudo -n "$@";
    else die "need root (or sudo) to run: $*"; fi
}

as_postgres() {
    # cd /: postgres may not be allowed into the caller's working directory.
    if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@");
    elif [ "$(id -un)" = postgres ]; then "$@";
    else sudo -n -u postgres "$@"; fi
}

test_db_answers() {
    command -v psql >/dev/null 2>&1 || return 1
    PGPASSWORD="$PASSWORD" PGCONNECT_TIMEOUT=3 psql -X -q -h "$HOST" -p "$PORT" -U "$ROLE" -d "$DB" \
        -tAc 'SELECT 1' >/dev/null 2>&1
}

server_listens() {
    if command -v pg_isready >/dev/null 2>&1; then
        pg_isready -q -h "$HOST" -p "$PORT" -t 2
    else
        (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null
    fi
}

if test_db_answers; then
    log "PostgreSQL on $HOST:$PORT already serves database $DB for role $ROLE; nothing to do"
    exit 0
fi

# 1. Install the server if it is missing.
if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    log "PostgreSQL server not installed: installing Debian package 'postgresql'"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
VERSION=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
[ -n "$VERSION" ] || die "no PostgreSQL version found under /usr/lib/postgresql"
export PATH="/usr/lib/postgresql/$VERSION/bin:$PATH"

# 2. Make sure a cluster serves port 5432 and is running.
if server_listens; then
    log "a PostgreSQL server already listens on $HOST:$PORT"
    CLUSTER=$(pg_lsclusters -h 2>/dev/null | awk -v p="$PORT" '$3 == p { print $1 "/" $2; exit }')
else
    CLUSTER=$(pg_lsclusters -h 2>/dev/null | awk -v p="$PORT" '$3 == p { print $1 "/" $2; exit }')
    if [ -z "$CLUSTER" ]; then
        log "creating cluster $VERSION/main on port $PORT"
        as_root pg_createcluster -p "$PORT" "$VERSION" main >&2
        CLUSTER="$VERSION/main"
    fi
    log "starting cluster $CLUSTER (listen_addresses=127.0.0.1)"
    as_root install -d -o postgres -g postgres -m 2775 /var/run/postgresql
    as_root pg_ctlcluster "${CLUSTER%/*}" "${CLUSTER#*/}" start -o "-c listen_addresses=127.0.0.1" >&2
    for _ in $(seq 1 60); do
        server_listens && break
        sleep 0.5
    done
    server_listens || die "cluster $CLUSTER did not start; see /var/log/postgresql/postgresql-${CLUSTER%/*}-${CLUSTER#*/}.log"
    log "cluster $CLUSTER is up on $HOST:$PORT"
fi

# 3. Role and database, through the local socket as the postgres superuser (peer authentication).
SOCKET_OPTS=(-X -q -v ON_ERROR_STOP=1 -p "$PORT" -d postgres)
psql_su() { as_postgres psql "${SOCKET_OPTS[@]}" "$@"; }
if [ "$(psql_su -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" != 1 ]; then
    log "creating role $ROLE"
    psql_su -c "CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD'"
else
    log "role $ROLE exists; resetting its password"
    psql_su -c "ALTER ROLE $ROLE LOGIN PASSWORD '$PASSWORD'"
fi
if [ "$(psql_su -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != 1 ]; then
    log "creating database $DB owned by $ROLE"
    psql_su -c "CREATE DATABASE $DB OWNER $ROLE"
fi

test_db_answers || die "database $DB still does not answer on $HOST:$PORT for role $ROLE (check pg_hba.conf allows password logins from 127.0.0.1)"
log "ready: jdbc:postgresql://$HOST:$PORT/$DB?user=$ROLE (password $PASSWORD)"
