#!/usr/bin/env bash
# Make sure Spin and a C compiler are installed, for the Promela export's tests
# (src/core/export/promela.test.ts translates each exported model with spin and compiles pan with
# gcc; spin itself preprocesses with gcc -E). Installs Debian's spin, gcc and libc6-dev (the C
# headers pan.c includes, only a Recommends of gcc) when one is missing. Progress goes to stderr;
# stdout is the paths of spin and gcc, one per line. Exits 1 with a message when a tool is
# missing and cannot be installed.
set -uo pipefail
cd "$(dirname "$0")/.."

log() { echo "ensure-tools: $*" >&2; }

# Each tool and the Debian package that provides it; "C headers" is libc6-dev.
tools=(spin gcc)
declare -A package_of=([spin]=spin [gcc]=gcc ["C headers"]=libc6-dev)

missing_tools() {
  local tool
  for tool in "${tools[@]}"; do
    command -v "$tool" >/dev/null 2>&1 || echo "$tool"
  done
  if command -v gcc >/dev/null 2>&1 &&
    ! echo '#include <stdio.h>' | gcc -E -x c - >/dev/null 2>&1; then
    echo "C headers"
  fi
}

report_found() {
  local tool
  for tool in "${tools[@]}"; do
    log "using $(command -v "$tool")"
    command -v "$tool"
  done
}

mapfile -t missing < <(missing_tools)
if [ "${#missing[@]}" -eq 0 ]; then
  report_found
  exit 0
fi

packages=()
for tool in "${missing[@]}"; do packages+=("${package_of[$tool]}"); done

SUDO=()
can_install=false
if command -v apt-get >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    can_install=true
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=(sudo -n)
    can_install=true
  fi
fi

if [ "$can_install" != true ]; then
  log "missing: ${missing[*]}; cannot install (needs apt-get, and root or passwordless sudo)."
  log "Install Debian's ${packages[*]} package(s), or put ${missing[*]} on PATH."
  exit 1
fi

# `env` carries DEBIAN_FRONTEND through sudo, which resets the environment.
apt=("${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get)
# Another apt may hold the dpkg or lists lock (DPkg::Lock::Timeout does not cover
# `apt-get update`'s lists lock), so retry the whole update+install a few times.
for attempt in 1 2 3 4 5 6; do
  log "installing ${packages[*]} with apt-get (attempt $attempt of 6)"
  if "${apt[@]}" update -q >&2 &&
    "${apt[@]}" install -y -q --no-install-recommends "${packages[@]}" >&2; then
    break
  fi
  if [ "$attempt" -lt 6 ]; then
    log "apt-get failed; retrying in 10 s"
    sleep 10
  fi
done

mapfile -t missing < <(missing_tools)
if [ "${#missing[@]}" -eq 0 ]; then
  log "installed ${packages[*]}"
  report_found
  exit 0
fi

log "apt-get could not install ${missing[*]} after 6 attempts. Install Debian's"
log "${packages[*]} package(s) by hand, or put ${missing[*]} on PATH."
exit 1
