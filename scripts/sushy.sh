#!/usr/bin/env bash
# OpenStack's Redfish library from Debian (python3-sushy 4.3.3 on bookworm), for the test in which a
# real Redfish client walks covalence's /redfish/v1. Installs it when missing; prints the version.
# Run the client with /usr/bin/python3: a pyenv/venv python3 on PATH cannot see Debian's modules.
set -euo pipefail
source "$(dirname "$0")/apt.sh"
apt_install python3-sushy
/usr/bin/python3 -c 'import sushy; print(sushy.__version__)'
