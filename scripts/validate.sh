#!/usr/bin/env bash
# `npm run validate`: every static check, then the unit and integration tests, cheapest
# first so a formatting slip fails in seconds. Stops at the first failure. The tests need
# PostgreSQL and Redis (`npm run provision`); `npm test` runs this after provisioning.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS

step() {
  local name=$1 t=$SECONDS
  shift
  printf '\n\033[1m== %s\033[0m\n' "$name"
  "$@"
  printf '%s: %ss\n' "$name" $((SECONDS - t))
}

step "format check (prettier)" npx prettier --check . --log-level warn
step "layer rules (dependency-cruiser)" npm run --silent lint:layers
step "typecheck (tsc)" npx tsc
step "lint (eslint)" npx eslint .
step "unit and integration tests (vitest)" npx vitest run

echo "validate: all green in $((SECONDS - started))s"
