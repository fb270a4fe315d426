#!/usr/bin/env bash
# Install npm packages only when they are missing or older than the lockfile, so `npm start` and
# `npm test` are quick on a warm tree and still correct in a fresh clone.
set -euo pipefail
cd "$(dirname "$0")/.."

marker=node_modules/.package-lock.json
if [ ! -f "$marker" ] || [ package-lock.json -nt "$marker" ]; then
  echo "setup: installing npm packages (npm ci)"
  npm ci
else
  echo "setup: node_modules is up to date"
fi
