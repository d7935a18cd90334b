#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on 127.0.0.1 for the JDBC ledger and usage-sink tests.
#
#   .ci/postgres.sh [ENV_FILE]        install (if needed), init, start; write export lines to ENV_FILE
#   .ci/postgres.sh stop [ENV_FILE]   stop the server started with that ENV_FILE and delete its data
#
# ENV_FILE defaults to /tmp/llmrouter-pg.env. It holds LLMROUTER_PG_URL, LLMROUTER_PG_USER and
# LLMROUTER_PG_PASSWORD (read by the tests) plus LLMROUTER_PG_DATA (for stop). The lines are also printed.
# Runs as root (CI, Debian 12) or as a user with sudo. Port: $LLMROUTER_PG_PORT, else the first free one from 54329.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

if [ "${1:-}" = "stop" ]; then
    ENV_FILE=${2:-/tmp/llmrouter-pg.env}
    # shellcheck disable=SC1090
    . "$ENV_FILE"
    BIN=$(dirname "$(ls /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -n 1)")
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$BIN/pg_ctl" -D "$LLMROUTER_PG_DATA" -m fast -w stop || true
    else
        "$BIN/pg_ctl" -D "$LLMROUTER_PG_DATA" -m fast -w stop || true
    fi
    $SUDO rm -rf "$(dirname "$LLMROUTER_PG_DATA")"
    rm -f "$ENV_FILE"
    exit 0
fi

ENV_FILE=${1:-/tmp/llmrouter-pg.env}

if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
    echo "installing PostgreSQL from the Debian packages" >&2
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >&2
fi
BIN=$(dirname "$(ls /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -n 1)")

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORT=${LLMROUTER_PG_PORT:-}
if [ -z "$PORT" ]; then
    PORT=54329
    while port_in_use "$PORT"; do PORT=$((PORT + 1)); done
fi

PASSWORD=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
DATA=$(mktemp -d /tmp/llmrouter-pg.XXXXXX)
chmod 700 "$DATA"

# initdb refuses to run as root: as root the server runs as the postgres user the package created
as_pg() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql postgres
    chown postgres "$DATA"
fi
SUPERUSER=$(if [ "$(id -u)" -eq 0 ]; then echo postgres; else id -un; fi)

as_pg "$BIN/initdb" -D "$DATA/db" -U "$SUPERUSER" --auth-local=trust --auth-host=scram-sha-256 \
    -E UTF8 --locale=C.UTF-8 >"$DATA/initdb.log" 2>&1 || { cat "$DATA/initdb.log" >&2; exit 1; }
as_pg "$BIN/pg_ctl" -D "$DATA/db" -l "$DATA/server.log" -w -t 60 \
    -o "-p $PORT -k $DATA -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off" start >&2 \
    || { cat "$DATA/server.log" >&2; exit 1; }

as_pg "$BIN/psql" -v ON_ERROR_STOP=1 -q -h "$DATA" -p "$PORT" -U "$SUPERUSER" -d postgres \
    -c "CREATE ROLE llmrouter LOGIN PASSWORD '$PASSWORD'" \
    -c "CREATE DATABASE llmrouter OWNER llmrouter"

cat >"$ENV_FILE" <<ENV
export LLMROUTER_PG_URL=jdbc:postgresql://127.0.0.1:$PORT/llmrouter
export LLMROUTER_PG_USER=llmrouter
export LLMROUTER_PG_PASSWORD=$PASSWORD
export LLMROUTER_PG_DATA=$DATA/db
ENV
cat "$ENV_FILE"
