#!/usr/bin/env bash
# Debian's Chromium for the console's end-to-end tests (never a browser build downloaded by a tool).
# Idempotent; one installer at a time across the scripts that install packages in parallel.
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0
exec 9>/tmp/covalence-apt.lock; flock 9
[ -x /usr/bin/chromium ] && exit 0
echo "chromium.sh: installing Debian's chromium (first run only)" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=300 update -qq >&2
apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends chromium >>/tmp/covalence-apt.log 2>&1 \
  || { tail -n 30 /tmp/covalence-apt.log >&2; exit 1; }
