#!/usr/bin/env bash
# pci.ids (Debian's hwdata) gives devices their vendor and device names.
set -euo pipefail
source "$(dirname "$0")/apt.sh"
[ -f /usr/share/hwdata/pci.ids ] || [ -f /usr/share/misc/pci.ids ] || apt_install hwdata
