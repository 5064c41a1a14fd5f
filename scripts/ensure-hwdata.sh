#!/usr/bin/env bash
# pci.ids (Debian's hwdata) gives devices their vendor and device names.
set -euo pipefail
[ -f /usr/share/hwdata/pci.ids ] || [ -f /usr/share/misc/pci.ids ] && exit 0
source "$(dirname "$0")/apt.sh"
apt_install hwdata
