# Shared by the scripts that install Debian packages: one `apt-get update` per run, quiet installs.
apt_install() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "need root to install Debian packages: $*" >&2; return 1
  fi
  local log=/tmp/covalence-apt.log stamp=/tmp/.covalence-apt-updated
  echo "installing Debian packages: $*" >&2
  if [ ! -f "$stamp" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >>"$log" 2>&1 && touch "$stamp"
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >>"$log" 2>&1 \
    || { tail -n 30 "$log" >&2; return 1; }
}
