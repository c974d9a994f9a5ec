#!/usr/bin/env bash
# `npm test`: every test Ferry has — type check, unit, integration (real PostgreSQL, the
# Iterable sandbox) and end-to-end (Debian's Chromium against the production build).
set -uo pipefail
cd "$(dirname "$0")/.."
results=.data/test-results
mkdir -p "$results"
rm -f "$results"/*.json

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ]; then
    echo "[test] installing Debian's Chromium for the end-to-end tests"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || exit 1
  else
    echo "[test] Chromium is missing: run 'sudo apt-get install -y chromium' once" >&2
    exit 1
  fi
fi

status=0
echo "[test] type check"
npx tsc --noEmit || status=1

echo "[test] unit and integration tests"
npx vitest run --reporter=default --reporter=json --outputFile.json="$results/vitest.json" || status=1

echo "[test] end-to-end tests"
PLAYWRIGHT_JSON_OUTPUT_NAME="$results/playwright.json" npx playwright test --reporter=list,json || status=1

node scripts/test-summary.cjs "$results" || status=1
exit $status
