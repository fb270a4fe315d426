#!/usr/bin/env bash
# Print the path of a Chromium for the end-to-end tests, installing Debian's package if needed.
# Lookup order matches playwright.config.ts: CHROMIUM_PATH, /usr/bin/chromium,
# /usr/bin/chromium-browser, then Playwright's own download. Progress goes to stderr; stdout is
# only the path (empty when Playwright's own browser will be used).
set -uo pipefail
cd "$(dirname "$0")/.."

log() { echo "ensure-chromium: $*" >&2; }

# Print the first Chromium found (stdout: its path) and say so; fail when there is none.
use_chromium() {
  local candidate
  for candidate in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then
      log "using $candidate"
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

use_chromium && exit 0

if playwright_has_own; then
  log "using Playwright's own Chromium"
  exit 0
fi

# Nothing found: install Debian's chromium. Fonts are named explicitly because
# fonts-liberation is only a Recommends of chromium, and apt-install.sh installs without them.
log "no Chromium found"
if bash scripts/apt-install.sh chromium fonts-liberation fonts-dejavu-core; then
  use_chromium && exit 0
  log "the chromium package is installed, but neither /usr/bin/chromium nor /usr/bin/chromium-browser is there"
fi
log "Install Debian's 'chromium' package by hand, or set CHROMIUM_PATH to a Chromium binary."
exit 1
