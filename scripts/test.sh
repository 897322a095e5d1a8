#!/usr/bin/env bash
# `npm test`: the same provisioning as `npm start` (plus Chromium), then `npm run validate`
# (format, layer rules, typecheck, lint, unit and integration tests against real PostgreSQL
# and Redis), the migration drift check, a production build, and the Playwright journeys.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS

source scripts/provision.sh --with-chromium

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
step "validate";                  bash scripts/validate.sh
step "migration drift check";     npx tsx scripts/db-check.ts
step "build";                     npx remix build
step "end-to-end tests";          npx tsx e2e/prepare.ts && npx playwright test

echo "npm test: all green in $((SECONDS - started))s"
