#!/usr/bin/env bash
# Throwaway PostgreSQL (Debian's) on loopback for tests and benchmarks: its own data dir under /tmp,
# a non-default port, fsync off, scram passwords over TCP. Starts in under a second.
#   postgres.sh start     install if missing, init if needed, start; print DATABASE_URL=...
#   postgres.sh stop      fast shutdown (the data dir is kept for the next start)
#   postgres.sh restart   fast shutdown and start again (what a database failover looks like to clients)
#   postgres.sh status    print DATABASE_URL=... and exit 0 if it runs, exit 3 if not
# Env: COVALENCE_PG_PORT (55432; scripts/test.sh picks a free one when that is taken by another server)  COVALENCE_PG_DIR (/tmp/covalence-pg-$COVALENCE_PG_PORT)
# The URL's role "covalence" (password "covalence") may create databases: the test stack makes one each.
# Stdout is exactly one line, DATABASE_URL=...; everything else goes to stderr.
set -euo pipefail
source "$(dirname "$0")/apt.sh"
PORT=${COVALENCE_PG_PORT:-55432}
DIR=${COVALENCE_PG_DIR:-/tmp/covalence-pg-$PORT}
ROLE=covalence
URL="postgres://$ROLE:$ROLE@127.0.0.1:$PORT/$ROLE"
log() { echo "postgres.sh: $*" >&2; }
as_pg() { runuser -u postgres -- "$@"; }

bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

install_pkgs() {
  [ -n "$(bindir)" ] && [ -x "$(bindir)/initdb" ] && return 0
  apt_install postgresql
}

# Something else (another PostgreSQL, another user's) already answers on the port.
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }

running() { [ -n "$(bindir)" ] && [ -f "$DIR/data/postmaster.pid" ] && as_pg "$(bindir)/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; }

init() {
  [ -f "$DIR/data/PG_VERSION" ] && return 0
  log "initdb in $DIR/data"
  rm -rf "$DIR" && mkdir -p "$DIR/sock" && echo postgres-$RANDOM$RANDOM > "$DIR/.pw"
  chown -R postgres:postgres "$DIR" && chmod 700 "$DIR"
  # Local (socket) logins are trusted for the postgres superuser that sets the role up; TCP needs a password.
  as_pg "$(bindir)/initdb" -D "$DIR/data" -U postgres --pwfile="$DIR/.pw" --auth-host=scram-sha-256 \
    --auth-local=trust -E UTF8 --locale=C.UTF-8 --no-sync >"$DIR/initdb.log" 2>&1 \
    || { cat "$DIR/initdb.log" >&2; exit 1; }
}

start() {
  install_pkgs
  # Parallel test files may all ask at once: one of them starts it, the others find it running.
  exec 8>"/tmp/covalence-pg-$PORT.lock"
  flock -w 120 8 || { log "another start on port $PORT holds /tmp/covalence-pg-$PORT.lock for over 120 s"; exit 1; }
  if ! running; then
    if port_taken; then
      log "port $PORT is taken by a server that is not this one (data dir $DIR): set COVALENCE_PG_PORT to a free port"
      exit 1
    fi
    init
    as_pg "$(bindir)/pg_ctl" -D "$DIR/data" -l "$DIR/postgres.log" -w -t 60 -o \
      "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR/sock -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c autovacuum=off" \
      start >&2 8>&- 9>&- || { tail -n 20 "$DIR/postgres.log" >&2; exit 1; }
    as_pg "$(bindir)/psql" -h "$DIR/sock" -p "$PORT" -U postgres -qAt -v ON_ERROR_STOP=1 >&2 <<SQL
SELECT 'CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD ''$ROLE''' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE')\gexec
SELECT 'CREATE DATABASE $ROLE OWNER $ROLE' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$ROLE')\gexec
SQL
  fi
  exec 8>&-
  echo "DATABASE_URL=$URL"
}

stop() {
  running || return 0
  as_pg "$(bindir)/pg_ctl" -D "$DIR/data" -m fast -w stop >&2
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  restart)
    running || { start; exit; }
    as_pg "$(bindir)/pg_ctl" -D "$DIR/data" -m fast -w -t 60 restart -l "$DIR/postgres.log" >&2 8>&- 9>&-
    echo "DATABASE_URL=$URL" ;;
  status)
    running || { log "not running (data dir $DIR)"; exit 3; }
    echo "DATABASE_URL=$URL" ;;
  *) echo "usage: $0 start|stop|restart|status" >&2; exit 2 ;;
esac
