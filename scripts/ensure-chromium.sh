#!/usr/bin/env bash
# Print the path of a Chromium for the end-to-end tests, installing Debian's package if needed.
# Lookup order matches playwright.config.ts: CHROMIUM_PATH, /usr/bin/chromium,
# /usr/bin/chromium-browser, then Playwright's own download. Progress goes to stderr; stdout is
# only the path (empty when Playwright's own browser will be used).
set -uo pipefail
cd "$(dirname "$0")/.."

log() { echo "ensure-chromium: $*" >&2; }

find_chromium() {
  if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then
    echo "$CHROMIUM_PATH"
    return 0
  fi
  local candidate
  for candidate in /usr/bin/chromium /usr/bin/chromium-browser; do
    if [ -x "$candidate" ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

playwright_has_own() {
  node -e "
    const { existsSync } = require('node:fs');
    const { chromium } = require('@playwright/test');
    process.exit(existsSync(chromium.executablePath()) ? 0 : 1);
  " 2>/dev/null
}

if [ -n "${CHROMIUM_PATH:-}" ] && [ ! -x "$CHROMIUM_PATH" ]; then
  log "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file; looking elsewhere"
  unset CHROMIUM_PATH
fi

if path=$(find_chromium); then
  log "using $path"
  echo "$path"
  exit 0
fi

if playwright_has_own; then
  log "using Playwright's own Chromium"
  exit 0
fi

# Nothing found: install Debian's chromium. Fonts are named explicitly because
# fonts-liberation is only a Recommends of chromium, and we install without recommends.
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
  log "no Chromium found, and cannot install one (needs apt-get, and root or passwordless sudo)."
  log "Install Debian's 'chromium' package, or set CHROMIUM_PATH to a Chromium binary."
  exit 1
fi

# `env` carries DEBIAN_FRONTEND through sudo, which resets the environment.
apt=("${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get)
packages=(chromium fonts-liberation fonts-dejavu-core)
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

if path=$(find_chromium); then
  log "installed; using $path"
  echo "$path"
  exit 0
fi

log "apt-get could not install chromium after 6 attempts. Install Debian's 'chromium' package"
log "by hand, or set CHROMIUM_PATH to a Chromium binary."
exit 1
