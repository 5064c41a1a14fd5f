#!/usr/bin/env bash
# Debian's Chromium for the console's end-to-end tests (never a browser build downloaded by a tool).
set -euo pipefail
source "$(dirname "$0")/apt.sh"
[ -x /usr/bin/chromium ] || apt_install chromium
