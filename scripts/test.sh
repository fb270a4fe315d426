#!/usr/bin/env bash
# One `npm test`: format, types, lint, build, unit and end-to-end tests. Every stage runs even
# when an earlier one fails, so one run shows every problem. scripts/summary.mjs turns the exit
# codes and the JSON reports into the closing `N passed, N failed` line and the exit status.
# No `set -e`: failures are recorded, not fatal.
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"

declare -a results=()

# run NAME COMMAND...: run one stage, print its time, remember its exit code.
run() {
  local name=$1
  shift
  echo
  echo "== $name: $*"
  local start=$SECONDS
  "$@"
  local rc=$?
  echo "== $name: exit $rc ($((SECONDS - start)) s)"
  results+=("$name=$rc")
}

run setup bash scripts/setup.sh

echo
echo "== chromium: bash scripts/ensure-chromium.sh"
if chromium_path=$(bash scripts/ensure-chromium.sh); then
  results+=("chromium=0")
  if [ -n "$chromium_path" ]; then export CHROMIUM_PATH="$chromium_path"; fi
else
  results+=("chromium=1")
fi

# Spin and gcc, for the Promela export's tests (src/core/export/promela.test.ts).
echo
echo "== tools: bash scripts/ensure-tools.sh"
bash scripts/ensure-tools.sh >/dev/null
results+=("tools=$?")

# Stale reports from an earlier run must not be counted as this run's results.
rm -f reports/unit.json reports/e2e.json
mkdir -p reports

run format prettier --check .
run types tsc -b
run lint eslint .
run build bash -c 'vite build && vite build -c vite.cli.config.ts'
run unit vitest run --reporter=default --reporter=json --outputFile.json=reports/unit.json
run e2e playwright test

echo
node scripts/summary.mjs "${results[@]}"
