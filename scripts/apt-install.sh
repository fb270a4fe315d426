#!/usr/bin/env bash
# Install Debian packages with apt-get: `bash scripts/apt-install.sh PACKAGE...`. Used by
# ensure-tools.sh and ensure-chromium.sh when a tool they look for is missing.
# Runs apt-get as root, or through passwordless sudo (sudo -n), non-interactively and without
# recommended packages. Another apt may hold the dpkg or lists lock (DPkg::Lock::Timeout does not
# cover `apt-get update`'s lists lock), so the whole update+install is tried up to 6 times, 10 s
# apart. Everything, apt-get's own output included, goes to stderr; stdout stays empty. Exits 0
# once apt-get has installed the packages, 1 when it cannot (no apt-get, neither root nor
# passwordless sudo, or 6 failed attempts), 2 when no package is named.
set -uo pipefail

log() { echo "apt-install: $*" >&2; }

if [ "$#" -eq 0 ]; then
  log "usage: apt-install.sh PACKAGE..."
  exit 2
fi
packages=("$@")

if ! command -v apt-get >/dev/null 2>&1; then
  log "cannot install ${packages[*]}: there is no apt-get here."
  exit 1
fi
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1 || ! sudo -n true 2>/dev/null; then
    log "cannot install ${packages[*]}: apt-get needs root or passwordless sudo."
    exit 1
  fi
  SUDO=(sudo -n)
fi

# `env` carries DEBIAN_FRONTEND through sudo, which resets the environment.
apt=("${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get)
tries=6
for attempt in $(seq "$tries"); do
  log "installing ${packages[*]} with apt-get (attempt $attempt of $tries)"
  if "${apt[@]}" update -q >&2 &&
    "${apt[@]}" install -y -q --no-install-recommends "${packages[@]}" >&2; then
    log "installed ${packages[*]}"
    exit 0
  fi
  if [ "$attempt" -lt "$tries" ]; then
    log "apt-get failed; retrying in 10 s"
    sleep 10
  fi
done

log "apt-get could not install ${packages[*]} after $tries attempts."
exit 1
