#!/usr/bin/env bash
# Make sure Spin and a C compiler are installed, for the Promela export's tests
# (src/core/export/promela.test.ts translates each exported model with spin and compiles pan with
# gcc; spin itself preprocesses with gcc -E). Installs Debian's spin, gcc and libc6-dev (the C
# headers pan.c includes, only a Recommends of gcc) with scripts/apt-install.sh when one is
# missing. Progress goes to stderr; stdout is the paths of spin and gcc, one per line. Exits 1 with
# a message when a tool is missing and cannot be installed.
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

# When no tool is missing, print their paths and succeed; else leave the missing ones in $missing.
all_found() {
  mapfile -t missing < <(missing_tools)
  [ "${#missing[@]}" -eq 0 ] || return 1
  report_found
}

all_found && exit 0

packages=()
for tool in "${missing[@]}"; do packages+=("${package_of[$tool]}"); done

log "missing: ${missing[*]}"
if bash scripts/apt-install.sh "${packages[@]}"; then
  all_found && exit 0
  log "still missing after the install: ${missing[*]}"
fi
log "Install Debian's ${packages[*]} package(s) by hand, or put ${missing[*]} on PATH."
exit 1
