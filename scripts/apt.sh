# Sourced by the scripts that need Debian packages. Installs only the packages that are missing,
# one installer at a time (test files start their services in parallel: the others wait on the
# lock, then find the packages there), with apt's own lock waited for too.

# Prints the packages of the list that are not installed.
apt_missing() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || echo "$p"
  done
}

# apt_install PACKAGE...: installs the missing ones (needs root); quiet unless it fails.
apt_install() {
  [ -z "$(apt_missing "$@")" ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "need root to install Debian packages: $(apt_missing "$@" | tr '\n' ' ')" >&2; return 1
  fi
  exec 9>/tmp/covalence-apt.lock; flock 9
  local missing; missing=$(apt_missing "$@" | tr '\n' ' ')
  if [ -n "$missing" ]; then
    echo "installing Debian packages: $missing(first run only)" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=300 update -qq >>/tmp/covalence-apt.log 2>&1 \
      && apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends $missing >>/tmp/covalence-apt.log 2>&1 \
      || { tail -n 30 /tmp/covalence-apt.log >&2; exec 9>&-; return 1; }
  fi
  exec 9>&-
}
