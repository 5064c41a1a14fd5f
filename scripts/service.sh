# Sourced by the scripts that run a throwaway service under a pid file (ironic.sh, keystone.sh).

# wait_started NAME PIDFILE SECONDS READY RUNNING LOG...: after a launch, waits until the command
# READY succeeds; fails, showing the tails of the LOGs, when RUNNING fails first or time runs out.
wait_started() {
  local name=$1 pidfile=$2 seconds=$3 ready=$4 running=$5; shift 5
  local t0 i; t0=$(date +%s%N)
  for i in $(seq 1 50); do [ -s "$pidfile" ] && break; sleep 0.05; done
  for i in $(seq 1 $((seconds * 10))); do
    if "$ready"; then
      echo "$name: ready in $(( ($(date +%s%N)-t0)/1000000 )) ms after launch (pid $(cat "$pidfile"), log $1)" >&2
      return 0
    fi
    "$running" || { echo "$name: exited:" >&2; tail -n 30 "$@" >&2 || true; return 1; }
    sleep 0.1
  done
  echo "$name: not ready after $seconds s" >&2; tail -n 30 "$@" >&2 || true; return 1
}

# stop_pid NAME PIDFILE: SIGTERM the process the pid file names (callers check it is theirs), SIGKILL after 10 s.
stop_pid() {
  local pid i; pid=$(cat "$2")
  kill -TERM "$pid"
  for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  rm -f "$2"; echo "$1: stopped pid $pid" >&2
}
