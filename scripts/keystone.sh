#!/usr/bin/env bash
# Throwaway OpenStack Keystone (Debian bookworm: keystone 22.0.2, Zed) on loopback: SQLite, fernet tokens,
# keystone-wsgi-public's single-threaded test server. No systemd, no Apache.
#   keystone.sh start    install if missing, (re)use or set up and start, print KEYSTONE_URL=...
#   keystone.sh stop     stop the process this script started (by its pid file)
#   keystone.sh status   exit 0 if ours answers
# Env: KEYSTONE_PORT (15000)  KEYSTONE_DIR (/tmp/covalence-keystone-$KEYSTONE_PORT)
#      KEYSTONE_ADMIN_PASSWORD (s3cret)          bootstrap user "admin", project "admin", region RegionOne
#      IRONIC_URL_FOR_CATALOG (http://127.0.0.1:6385)   the "baremetal" service's public endpoint
#      KEYSTONE_IRONIC_USER/_PASSWORD (ironic / ironic-secret)   Ironic's own service user (ironic.sh reads the same)
#      KEYSTONE_COVALENCE_PASSWORD (covalence-secret)            user "covalence" that covalence logs in as
#      KEYSTONE_DEMO_PASSWORD (demo-secret)                      users of project "demo", for security tests
# What it creates (all in domain Default):
#   project service: ironic (roles service, admin), covalence (role admin)
#   project demo:    demo-admin (admin), demo-member (member), demo-reader (reader)
#   service "ironic" of type baremetal, public endpoint IRONIC_URL_FOR_CATALOG in RegionOne
# Stdout is exactly one line, KEYSTONE_URL=...; everything else goes to stderr.
set -euo pipefail
source "$(dirname "$0")/apt.sh"
source "$(dirname "$0")/service.sh"
PORT=${KEYSTONE_PORT:-15000}
DIR=${KEYSTONE_DIR:-/tmp/covalence-keystone-$PORT}
export KEYSTONE_ADMIN_PASSWORD=${KEYSTONE_ADMIN_PASSWORD:-s3cret}
export IRONIC_URL_FOR_CATALOG=${IRONIC_URL_FOR_CATALOG:-http://127.0.0.1:6385}
export KEYSTONE_IRONIC_USER=${KEYSTONE_IRONIC_USER:-ironic}
export KEYSTONE_IRONIC_PASSWORD=${KEYSTONE_IRONIC_PASSWORD:-ironic-secret}
export KEYSTONE_COVALENCE_PASSWORD=${KEYSTONE_COVALENCE_PASSWORD:-covalence-secret}
export KEYSTONE_DEMO_PASSWORD=${KEYSTONE_DEMO_PASSWORD:-demo-secret}
PY=/usr/bin/python3            # Debian's python: a pyenv/venv python3 on PATH cannot see the debs
export KEYSTONE_URL="http://127.0.0.1:$PORT"
log() { echo "keystone.sh: $*" >&2; }

answers() { curl -sf -o /dev/null --max-time 2 "$KEYSTONE_URL/v3"; }
ours_running() {  # our pid file points at a live keystone-wsgi-public serving our config dir
  [ -f "$DIR/keystone.pid" ] || return 1
  local pid; pid=$(cat "$DIR/keystone.pid")
  [ -r "/proc/$pid/environ" ] && tr '\0' '\n' < "/proc/$pid/environ" | grep -qx "OS_KEYSTONE_CONFIG_DIR=$DIR"
}

install_pkgs() {
  apt_install python3-keystone
}

conf() {
  cat <<CONF
[DEFAULT]
log_file = $DIR/keystone.log
[database]
connection = sqlite:///$DIR/keystone.sqlite
[identity]
# bcrypt's minimum cost: throwaway users, fast logins
password_hash_rounds = 4
[token]
provider = fernet
[fernet_tokens]
key_repository = $DIR/fernet-keys
[fernet_receipts]
key_repository = $DIR/fernet-keys
[credential]
key_repository = $DIR/credential-keys
CONF
}

# What a running instance was set up with; a change means a fresh setup. Hashed: it holds passwords.
fingerprint() {
  { conf; printf '%s\n' "$KEYSTONE_ADMIN_PASSWORD" "$IRONIC_URL_FOR_CATALOG" "$KEYSTONE_IRONIC_USER" \
      "$KEYSTONE_IRONIC_PASSWORD" "$KEYSTONE_COVALENCE_PASSWORD" "$KEYSTONE_DEMO_PASSWORD"; } | sha256sum | cut -d' ' -f1
}

# db_sync, fernet_setup, credential_setup and bootstrap in one Python process: keystone-manage pays ~3 s
# of imports per call, so four calls cost 14 s here against 4 s for this.
setup_db() {
  KEYSTONE_CONF="$DIR/keystone.conf" "$PY" - <<'PYTHON' >>"$DIR/manage.log" 2>&1 || { tail -n 30 "$DIR/manage.log" >&2; exit 1; }
import os
from keystone.cmd import cli
from keystone.conf import CONF
url = os.environ["KEYSTONE_URL"] + "/v3/"
owner = ["--keystone-user", "root", "--keystone-group", "root"]
for command in (["db_sync"], ["fernet_setup", *owner], ["credential_setup", *owner],
                ["bootstrap", "--bootstrap-region-id", "RegionOne", "--bootstrap-admin-url", url,
                 "--bootstrap-public-url", url, "--bootstrap-internal-url", url]):
    cli.main(argv=["keystone-manage", "--config-file", os.environ["KEYSTONE_CONF"], *command])
    CONF.reset(); CONF.unregister_opt(cli.command_opt)   # so the next main() can parse its own command
PYTHON
}

# Projects, roles, users, grants and the baremetal catalog entry, through Keystone's own API as admin.
populate() {
  "$PY" - <<'PYTHON' >&2
import json, os, urllib.request
base = os.environ["KEYSTONE_URL"] + "/v3"
def call(method, path, body=None, token=None):
    req = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json", **({"X-Auth-Token": token} if token else {})})
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.headers, (json.loads(r.read() or b"null"))
headers, _ = call("POST", "/auth/tokens", {"auth": {
    "identity": {"methods": ["password"], "password": {"user": {"name": "admin", "domain": {"name": "Default"},
                                                                 "password": os.environ["KEYSTONE_ADMIN_PASSWORD"]}}},
    "scope": {"project": {"name": "admin", "domain": {"name": "Default"}}}}})
tok = headers["X-Subject-Token"]
roles = {r["name"]: r["id"] for r in call("GET", "/roles", token=tok)[1]["roles"]}
if "service" not in roles:
    roles["service"] = call("POST", "/roles", {"role": {"name": "service"}}, tok)[1]["role"]["id"]
def project(name):
    return call("POST", "/projects", {"project": {"name": name, "domain_id": "default"}}, tok)[1]["project"]["id"]
def user(name, password, project_id, *role_names):
    uid = call("POST", "/users", {"user": {"name": name, "password": password, "domain_id": "default",
                                           "default_project_id": project_id}}, tok)[1]["user"]["id"]
    for r in role_names:
        call("PUT", f"/projects/{project_id}/users/{uid}/roles/{roles[r]}", token=tok)
service, demo = project("service"), project("demo")
user(os.environ["KEYSTONE_IRONIC_USER"], os.environ["KEYSTONE_IRONIC_PASSWORD"], service, "service", "admin")
user("covalence", os.environ["KEYSTONE_COVALENCE_PASSWORD"], service, "admin")
for role in ("admin", "member", "reader"):
    user("demo-" + role, os.environ["KEYSTONE_DEMO_PASSWORD"], demo, role)
sid = call("POST", "/services", {"service": {"name": "ironic", "type": "baremetal"}}, tok)[1]["service"]["id"]
call("POST", "/endpoints", {"endpoint": {"service_id": sid, "interface": "public", "region_id": "RegionOne",
                                         "url": os.environ["IRONIC_URL_FOR_CATALOG"]}}, tok)
print("keystone.sh: created projects service, demo; users covalence, ironic, demo-admin/member/reader; "
      "baremetal endpoint " + os.environ["IRONIC_URL_FOR_CATALOG"])
PYTHON
}

start() {
  if ours_running && answers && [ "$(fingerprint)" = "$(cat "$DIR/fingerprint")" ]; then
    log "already running (pid $(cat "$DIR/keystone.pid"))"; echo "KEYSTONE_URL=$KEYSTONE_URL"; return 0
  fi
  ours_running && stop
  if answers; then log "port $PORT is answered by a process this script did not start; set KEYSTONE_PORT"; exit 1; fi
  install_pkgs
  local t0; t0=$(date +%s%N)
  rm -rf "$DIR"; mkdir -p "$DIR/fernet-keys" "$DIR/credential-keys"
  conf > "$DIR/keystone.conf"
  OS_BOOTSTRAP_PASSWORD="$KEYSTONE_ADMIN_PASSWORD" setup_db   # bootstrap reads it from env, not argv
  log "set up in $(( ($(date +%s%N)-t0)/1000000 )) ms"
  OS_KEYSTONE_CONFIG_DIR="$DIR" OS_KEYSTONE_CONFIG_FILES=keystone.conf \
    setsid sh -c 'echo $$ > "$0"; exec "$@"' "$DIR/keystone.pid" "$PY" /usr/bin/keystone-wsgi-public \
      --host 127.0.0.1 --port "$PORT" >"$DIR/stdout.log" 2>&1 </dev/null &
  wait_started keystone.sh "$DIR/keystone.pid" 30 answers ours_running "$DIR/keystone.log" "$DIR/stdout.log" || exit 1
  populate
  fingerprint > "$DIR/fingerprint"
  echo "KEYSTONE_URL=$KEYSTONE_URL"
}

stop() {
  ours_running || { rm -f "$DIR/keystone.pid"; return 0; }
  stop_pid keystone.sh "$DIR/keystone.pid"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) ours_running && answers ;;
  *) echo "usage: $0 [start|stop|status]" >&2; exit 2 ;;
esac
