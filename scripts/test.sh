#!/usr/bin/env bash
# Runs the whole suite on the compiled tree. Tests that need real components start them
# through the scripts beside this one, which install Debian packages when missing.
# Every test stack logs at debug level into one file (TEST_LOG_FILE); after the suite, that log is
# searched for the credentials the tests used (test/support/leaks.ts): any found fails the run.
# Then the integration suites (dist/test/api/, dist/test/redfish/) run again on PostgreSQL (scripts/postgres.sh, a
# database per test stack); a server this script had to start is stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-hwdata.sh
created=0
if [ -z "${TEST_LOG_FILE:-}" ]; then TEST_LOG_FILE=$(mktemp -t covalence-test-log.XXXXXX); created=1; fi
export TEST_LOG_FILE
: > "$TEST_LOG_FILE"
status=0
# The default port may be held by someone else's PostgreSQL on a shared machine: take a free one then.
if [ -z "${COVALENCE_PG_PORT:-}" ] && ! bash scripts/postgres.sh status >/dev/null 2>&1 \
  && (exec 3<>/dev/tcp/127.0.0.1/55432) 2>/dev/null; then
  COVALENCE_PG_PORT=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
  export COVALENCE_PG_PORT
  echo "port 55432 is taken by another server: the test PostgreSQL uses $COVALENCE_PG_PORT" >&2
fi
# No single test may hang the suite: past this it fails, named.
timeout_ms=${TEST_TIMEOUT_MS:-600000}
# Ironic and Keystone servers the tests start are reused by later tests (and by the PostgreSQL
# pass); those this run started are stopped at its end, those running before it are left alone.
test_servers() {  # [status|stop] DIR...: each test server's own script, told its port and directory
  local action=$1 dir kind port; shift
  for dir in "$@"; do
    [ -d "$dir" ] || continue
    kind=$(basename "$dir" | cut -d- -f3); port=${dir##*-}
    env "${kind^^}_PORT=$port" "${kind^^}_DIR=$dir" bash "scripts/$kind.sh" "$action" >/dev/null 2>&1 && echo "$dir"
  done
  return 0
}
servers_before=$(test_servers status /tmp/covalence-test-ironic-* /tmp/covalence-test-keystone-*)
pg_was_running=0
bash scripts/postgres.sh status >/dev/null 2>&1 && pg_was_running=1
# Installed and started before any test needs it, so a test's time limit never covers an install,
# and a server that cannot start fails the run here, with its reason.
bash scripts/postgres.sh start >/dev/null
node --test --test-timeout="$timeout_ms" --test-concurrency="${TEST_CONCURRENCY:-3}" dist/test/ || status=$?
COVALENCE_TEST_DB=postgres node --test --test-timeout="$timeout_ms" --test-concurrency="${TEST_CONCURRENCY:-3}" dist/test/api/ dist/test/redfish/ || status=$?
[ "$pg_was_running" -eq 1 ] || bash scripts/postgres.sh stop || true
for dir in $(test_servers status /tmp/covalence-test-ironic-* /tmp/covalence-test-keystone-*); do
  grep -qxF "$dir" <<<"$servers_before" || test_servers stop "$dir" >/dev/null
done
node --input-type=module -e "
  import { checkLogFile } from './dist/test/support/leaks.js';
  process.exit(checkLogFile(process.env.TEST_LOG_FILE) ? 0 : 1);
" || status=1
if [ "$status" -eq 0 ] && [ "$created" -eq 1 ]; then rm -f "$TEST_LOG_FILE"; else echo "test log: $TEST_LOG_FILE" >&2; fi
exit "$status"
