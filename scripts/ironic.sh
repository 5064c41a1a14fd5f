#!/usr/bin/env bash
# Throwaway standalone OpenStack Ironic (Debian bookworm: ironic 21.4.4, API max 1.82) on loopback:
# one process (conductor + API, rpc_transport=none), SQLite, fake-hardware + ipmi hardware types.
#   ironic.sh start    install if missing, (re)use or start, wait until ready, print IRONIC_URL=...
#   ironic.sh stop     stop the process this script started (by its pid file)
#   ironic.sh status   exit 0 if ours answers
# Env: IRONIC_PORT (6385)  IRONIC_DIR (/tmp/covalence-ironic-$IRONIC_PORT)
#      IRONIC_AUTH = noauth (default) | http_basic | keystone
#        http_basic: IRONIC_BASIC_USER (covalence), IRONIC_BASIC_PASSWORD (covalence-secret), bcrypt htpasswd
#        keystone:   KEYSTONE_URL (http://127.0.0.1:15000) and the service user keystone.sh creates:
#                    KEYSTONE_IRONIC_USER (ironic), KEYSTONE_IRONIC_PASSWORD (ironic-secret), project "service"
# Stdout is exactly one line, IRONIC_URL=...; everything else goes to stderr.
# See real-components.md §1, §6, §7 for why it looks like this (measured there).
set -euo pipefail
source "$(dirname "$0")/apt.sh"
source "$(dirname "$0")/service.sh"
PORT=${IRONIC_PORT:-6385}
DIR=${IRONIC_DIR:-/tmp/covalence-ironic-$PORT}
AUTH=${IRONIC_AUTH:-noauth}
BASIC_USER=${IRONIC_BASIC_USER:-covalence}
BASIC_PASSWORD=${IRONIC_BASIC_PASSWORD:-covalence-secret}
KEYSTONE_URL=${KEYSTONE_URL:-http://127.0.0.1:15000}
PY=/usr/bin/python3            # Debian's python: a pyenv/venv python3 on PATH cannot see the debs
URL="http://127.0.0.1:$PORT"
V='X-OpenStack-Ironic-API-Version: 1.82'   # without it Ironic acts as 1.1
log() { echo "ironic.sh: $*" >&2; }

case "$AUTH" in noauth|http_basic|keystone) ;; *) log "IRONIC_AUTH must be noauth, http_basic or keystone"; exit 2 ;; esac

answers() { curl -sf -o /dev/null --max-time 2 "$URL/"; }
ours_running() {  # our pid file points at a live process started with our config
  [ -f "$DIR/ironic.pid" ] || return 1
  local pid; pid=$(cat "$DIR/ironic.pid")
  [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- "$DIR/ironic.conf"
}


install_pkgs() {
  # ipmitool: the ipmi hardware type will not load without it; bcrypt hashes the http_basic users
  apt_install python3-ironic ipmitool python3-bcrypt
}

auth_conf() {
  case "$AUTH" in
    noauth) echo "auth_strategy = noauth" ;;
    http_basic) printf 'auth_strategy = http_basic\nhttp_basic_auth_user_file = %s\n' "$DIR/htpasswd" ;;
    keystone) echo "auth_strategy = keystone" ;;
  esac
}

keystone_conf() {
  [ "$AUTH" = keystone ] || return 0
  cat <<CONF

[keystone_authtoken]
auth_type = password
auth_url = $KEYSTONE_URL/v3
www_authenticate_uri = $KEYSTONE_URL/v3
username = ${KEYSTONE_IRONIC_USER:-ironic}
password = ${KEYSTONE_IRONIC_PASSWORD:-ironic-secret}
project_name = service
user_domain_name = Default
project_domain_name = Default
CONF
}

# Printed, not written: start compares it with the running instance's to decide reuse or restart.
conf() {
  cat <<CONF
[DEFAULT]
$(auth_conf)
rpc_transport = none
host = covalence-ironic-$PORT
state_path = $DIR/state
log_file = $DIR/ironic.log
debug = false
enabled_hardware_types = fake-hardware,ipmi
enabled_bios_interfaces = fake,no-bios
enabled_boot_interfaces = fake,pxe
enabled_console_interfaces = fake,no-console
enabled_deploy_interfaces = fake,direct
enabled_inspect_interfaces = fake,no-inspect
enabled_management_interfaces = fake,ipmitool
enabled_network_interfaces = noop
enabled_power_interfaces = fake,ipmitool
enabled_raid_interfaces = fake,no-raid
enabled_rescue_interfaces = fake,no-rescue
enabled_storage_interfaces = noop
enabled_vendor_interfaces = fake,no-vendor

[api]
host_ip = 127.0.0.1
port = $PORT

[database]
connection = sqlite:///$DIR/ironic.sqlite

[dhcp]
dhcp_provider = none

[oslo_concurrency]
lock_path = $DIR/lock
$(keystone_conf)
CONF
}

write_htpasswd() {
  # Ironic reads bcrypt entries only; python3-bcrypt comes with python3-ironic. Password via env, not argv.
  HTPASSWD_PW="$BASIC_PASSWORD" "$PY" -c 'import bcrypt, os, sys
print(sys.argv[1] + ":" + bcrypt.hashpw(os.environ["HTPASSWD_PW"].encode(), bcrypt.gensalt(rounds=4)).decode())' \
    "$BASIC_USER" > "$DIR/htpasswd"
  chmod 600 "$DIR/htpasswd"
}

# Ready = the conductor has registered fake-hardware (the API answers a little earlier).
ready() {
  case "$AUTH" in
    noauth) curl -sf --max-time 2 -H "$V" "$URL/v1/drivers" 2>/dev/null | grep -q '"fake-hardware"' ;;
    http_basic) curl -sf --max-time 2 -H "$V" -K - "$URL/v1/drivers" 2>/dev/null <<<"user = \"$BASIC_USER:$BASIC_PASSWORD\"" \
                  | grep -q '"fake-hardware"' ;;
    keystone) answers && grep -q 'Successfully started conductor' "$DIR/ironic.log" 2>/dev/null ;;
  esac
}

start() {
  if ours_running && answers && [ "$(conf)" = "$(cat "$DIR/ironic.conf")" ]; then
    log "already running (pid $(cat "$DIR/ironic.pid"))"; echo "IRONIC_URL=$URL"; return 0
  fi
  ours_running && stop
  if answers; then log "port $PORT is answered by a process this script did not start; set IRONIC_PORT"; exit 1; fi
  install_pkgs
  mkdir -p "$DIR/state" "$DIR/lock"
  conf > "$DIR/ironic.conf"
  [ "$AUTH" = http_basic ] && write_htpasswd
  rm -f "$DIR/ironic.sqlite" "$DIR/ironic.log"
  # `ironic-dbsync upgrade` cannot run on SQLite (ALTER constraint); create_schema builds it from the models.
  "$PY" -c 'import sys; from ironic.cmd.dbsync import main; sys.argv[0]="ironic-dbsync"; sys.exit(main())' \
      --config-file "$DIR/ironic.conf" create_schema >"$DIR/dbsync.log" 2>&1 \
    || { cat "$DIR/dbsync.log" >&2; exit 1; }
  # setsid: own session, so a test runner's signals do not reach it; the inner sh writes its own pid,
  # then execs python, so the pid file holds Ironic's pid.
  rm -f "$DIR/ironic.pid"
  setsid sh -c 'echo $$ > "$0"; exec "$@"' "$DIR/ironic.pid" "$PY" -c \
      'import sys; from ironic.cmd.singleprocess import main; sys.argv[0]="ironic"; sys.exit(main())' \
      --config-file "$DIR/ironic.conf" >"$DIR/stdout.log" 2>&1 </dev/null &
  wait_started "ironic.sh ($AUTH)" "$DIR/ironic.pid" 60 ready ours_running "$DIR/ironic.log" "$DIR/stdout.log" || exit 1
  echo "IRONIC_URL=$URL"
}

stop() {
  ours_running || { rm -f "$DIR/ironic.pid"; return 0; }
  stop_pid ironic.sh "$DIR/ironic.pid"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) ours_running && answers ;;
  *) echo "usage: $0 [start|stop|status]" >&2; exit 2 ;;
esac
