#!/usr/bin/env bash
# `npm start`: provision, migrate, seed, build, then run the web server and the worker under
# a supervisor until SIGTERM/SIGINT, which both receive (graceful shutdown).
set -euo pipefail
cd "$(dirname "$0")/.."

RUN_ENV="${NODE_ENV:-development}"
source scripts/provision.sh

echo "[start] applying migrations" >&2
npx prisma migrate deploy >&2
echo "[start] importing courses/ (a refused course is reported and skipped)" >&2
npx tsx scripts/courses-import.ts courses || echo "[start] some courses were refused: see the messages above" >&2
NODE_ENV="$RUN_ENV" npx tsx prisma/seed.ts
echo "[start] building" >&2
npx remix build >&2

export NODE_ENV=production
TSX=node_modules/.bin/tsx
# The supervisor restarts a crashed web server or worker (with backoff) without stopping the
# other, and forwards SIGTERM/SIGINT to both for a graceful shutdown (scripts/supervise.ts).
exec "$TSX" scripts/supervise.ts "worker=$TSX jobs/worker.ts" "web=$TSX server.ts"
